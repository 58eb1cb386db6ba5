"""Reusing the matches of unchanged partitions: the incremental re-check.

A partition holds every fact a rule could join or test for absence about its anchor, so the
frames found in it depend only on its facts, the rules and ``as_of``. `Reusing` wraps an
evaluator: for each stratum it partitions the facts, names each partition by a digest of (the
evaluator, the packs' digest, the stratum's rules, ``as_of``, the partition's facts), takes the
frames of the partitions a `MatchCache` already holds, and evaluates only the rest — all of them at
once, as one smaller register, with the wrapped evaluator. The frames found there are filed under
each evaluated partition that holds all of a frame's facts, and handed to the cache. The union is
the frames a full check finds (the same property the durable evaluator's merged sessions rest on,
held to the oracle by the differential test), so the report is byte-identical; a test asserts it.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Protocol

import orjson

from governance.language.facts import Fact
from governance.language.ir import CompiledRule
from governance.normalise.facts import Facts
from governance.run._partition import partitions, with_findings
from governance.run.evaluate import Evaluator

Frame = tuple[str, ...]
Found = dict[str, list[Frame]]


@dataclass
class ReuseStats:
    """How much of a check was reused: partitions over every pack and stratum."""

    reused: int = 0
    evaluated: int = 0

    @property
    def total(self) -> int:
        """Partitions seen."""
        return self.reused + self.evaluated


class MatchCache(Protocol):
    """Where the frames of partitions are kept, by the partition's digest (the audit store)."""

    stats: ReuseStats
    """Told how many partitions a check reused and evaluated."""

    def get(self, keys: Collection[str]) -> dict[str, Found]:
        """The frames kept under those of `keys` that are known."""
        ...

    def put(self, found: dict[str, Found]) -> None:
        """Keep the frames of newly evaluated partitions."""
        ...


def _digest(parts: Sequence[bytes]) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(len(part).to_bytes(8, "big"))
        hasher.update(part)
    return hasher.hexdigest()


def _facts_digest(facts: Sequence[Fact]) -> bytes:
    ordered = sorted(facts, key=lambda f: str(f["k"]))
    return orjson.dumps(ordered, option=orjson.OPT_SORT_KEYS, default=str)


class Reusing:
    """An `Evaluator` that takes unchanged partitions' frames from a `MatchCache`.

    Args:
        inner: the evaluator for the partitions the cache does not hold.
        cache: the cache.
        packs_digest: a digest of every pack of the check (rules and their parameters).
    """

    def __init__(self, inner: Evaluator, cache: MatchCache, packs_digest: str) -> None:
        self.inner = inner
        self.cache = cache
        self.name = inner.name
        self.stats = cache.stats
        self._prefix = f"{inner.name}\x00{packs_digest}".encode()
        self._base: tuple[list[Fact], list[tuple[str, list[Fact]]], list[bytes]] | None = None

    @property
    def progress(self) -> Callable[[int, int], None] | None:
        """Passed on to the wrapped evaluator."""
        return self.inner.progress

    @progress.setter
    def progress(self, value: Callable[[int, int], None] | None) -> None:
        self.inner.progress = value

    def _parts(
        self, base: list[Fact], findings: list[Fact]
    ) -> tuple[list[tuple[str, list[Fact]]], list[bytes]]:
        """The partitions of `base` with `findings` placed, and a digest of each; those of the
        register's own facts are kept for the later strata of the check, which add only
        findings."""
        kept = self._base
        if kept is None or kept[0] is not base:
            parts = list(partitions(base))
            kept = self._base = (base, parts, [_facts_digest(p) for _, p in parts])
        _, parts, digests = kept
        if not findings:
            return parts, digests
        placed = with_findings(parts, findings)
        own = dict(zip((a for a, _ in parts), digests, strict=True))
        out = []
        for anchor, part in placed:
            extra = [f for f in part if f["t"] == "finding"]
            body = own.get(anchor)
            if body is None:  # the partition `with_findings` adds for findings placed nowhere
                body = _facts_digest([f for f in part if f["t"] != "finding"])
            out.append(body + _facts_digest(extra))
        return placed, out

    def run(
        self, rules: Sequence[CompiledRule], facts: Facts, derived: Sequence[Fact] = ()
    ) -> Found:
        """Every frame of `rules` over `facts` and `derived`: kept ones for unchanged
        partitions, the rest evaluated."""
        as_of = facts.as_of
        parts, bodies = self._parts(facts.items, list(derived))
        head = [self._prefix, ",".join(r.key for r in rules).encode(), str(as_of).encode()]
        keys = [_digest([*head, body]) for body in bodies]
        known = self.cache.get(set(keys))
        frames: dict[str, set[Frame]] = defaultdict(set)
        missed: list[tuple[str, list[Fact]]] = []
        for key, (_, part) in zip(keys, parts, strict=True):
            if key in known:
                for rule, kept_frames in known[key].items():
                    frames[rule].update(kept_frames)
            else:
                missed.append((key, part))
        self.stats.reused += len(parts) - len(missed)
        self.stats.evaluated += len(missed)
        if missed:
            union = {f["k"]: f for _, part in missed for f in part}.values()
            own = Facts.of((f for f in union if f["t"] != "finding"), as_of)
            evaluated = self.inner.run(rules, own, [f for f in union if f["t"] == "finding"])
            self.cache.put(_filed(missed, evaluated))
            for rule, rule_frames in evaluated.items():
                frames[rule].update(rule_frames)
        return {rule: sorted(rule_frames) for rule, rule_frames in frames.items()}

    def reset(self) -> None:
        """Forget the partitions of this check."""
        self._base = None
        self.inner.reset()


def _filed(missed: list[tuple[str, list[Fact]]], found: Found) -> dict[str, Found]:
    """Each frame under every evaluated partition that holds all of its facts."""
    where: dict[str, list[int]] = defaultdict(list)
    for n, (_, part) in enumerate(missed):
        for fact in part:
            where[fact["k"]].append(n)
    filed: list[Found] = [{} for _ in missed]
    for rule, rule_frames in found.items():
        for frame in set(rule_frames):
            holders = set(where.get(frame[0], ()))
            for key in frame[1:]:
                holders &= set(where.get(key, ()))
            for n in holders:
                filed[n].setdefault(rule, []).append(frame)
    return {
        key: {r: sorted(f) for r, f in sorted(found_.items())}
        for (key, _), found_ in zip(missed, filed, strict=True)
    }
