"""The durable-rules evaluator: partitions screened, merged into sessions and sent to workers."""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from functools import reduce
from itertools import chain, compress
from typing import TYPE_CHECKING

from governance.errors import EngineError, EngineFailure
from governance.language.facts import Fact
from governance.language.ir import CompiledRule
from governance.normalise.facts import Facts
from governance.run._partition import anchors, partitions, with_findings
from governance.run._screen import Screen
from governance.run.durable._encode import batch, size
from governance.run.durable._rulesets import Job, job_for, jobs_for
from governance.run.durable._session import Found, Frame, run_chunk
from governance.run.workers import (
    Chunk,
    Failed,
    Results,
    WorkerPolicy,
    Workers,
    WorkerStats,
    chunked,
)

if TYPE_CHECKING:
    from governance.run.sql import JoinScreen

Part = tuple[str, list[Fact]]
"""A partition (its anchor and facts) or a session of merged partitions (anchors joined by ",")."""

_KEY = operator.itemgetter("k")


@dataclass
class Stats(WorkerStats):
    """What the last run did: partitions evaluated or screened out, chunks retried, workers lost."""

    partitions: int = 0
    joined: bool = False
    """Whether the join-level screen (`governance.run.sql.JoinScreen`) narrowed the facts."""
    screened_out: list[str] = field(default_factory=list)
    """The anchors of partitions where no rule could match (`governance.run._screen`)."""
    evaluated: list[str] = field(default_factory=list)


@dataclass
class Tally:
    """Partitions over the strata of a check (`governance.api.Engine.partitions` reports it)."""

    partitions: int = 0
    """Partitions built, one per anchor (and the facts no anchor reaches), in each stratum."""
    evaluated: int = 0
    """Of those, the partitions durable-rules evaluated (the rest were screened out)."""


@dataclass(frozen=True)
class _Refused:
    """A partition the rescue could not evaluate one ruleset at a time: the rulesets before the
    one at `failed` finished there; that one ended as `outcome` (the rest were not run)."""

    label: str
    failed: int
    outcome: str


def sessions(parts: Iterable[Part], limit: int) -> Iterator[Part]:
    """Consecutive partitions merged into sessions of about `limit` facts (labels joined by ",").

    Sound because a partition holds every fact a rule could join or test for absence about its
    anchor: a merged session only adds facts, and any match it finds is a match over the whole
    register (the differential test holds it to the oracle, which does not partition).
    """
    labels: list[str] = []
    merged: dict[str, Fact] = {}
    for anchor, facts in parts:
        if merged and len(merged) + len(facts) > limit:
            yield ",".join(labels), list(merged.values())
            labels, merged = [], {}
        labels.append(anchor)
        merged.update(zip(map(_KEY, facts), facts, strict=True))  # one object per key
    if merged:
        yield ",".join(labels), list(merged.values())


def _chunk_size(chunk: Chunk) -> int:
    return sum(size(facts) for _, facts in chunk)


class DurableEvaluator:
    """Matches rules with durable-rules, partition by partition, in worker processes.

    Args:
        workers: worker processes (0 evaluates in this process: a crash of the C core then ends
            the caller's process too; meant for tests and one-partition re-checks).
        executor: any `concurrent.futures.Executor` to run chunks on instead of local worker
            processes — e.g. a Dask cluster's ``Client.get_executor()`` to spread a national
            register over machines. A chunk whose task fails there is retried locally, partition
            by partition, like a crashed local worker. The caller owns (and closes) it.
        policy: session and chunk sizes, look-ahead and timeouts.
        join_from: from how many facts a stratum is screened by the joins of each rule's
            positive patterns on DuckDB (`governance.run.sql.JoinScreen`) as well as by each
            pattern's own tests; None (the default) never. Measured on the benchmark's
            registers (bench/NOTES.md, third round) it cost the parent more than it saved the
            workers at 1,000 and 10,000 supporters, so it is off unless asked for.
    """

    name = "durable"

    def __init__(
        self,
        workers: int = 2,
        executor: Executor | None = None,
        policy: WorkerPolicy | None = None,
        join_from: int | None = None,
    ) -> None:
        self.workers = Workers(workers, executor, policy)
        self.local = workers == 0 and executor is None
        self.stats = Stats()
        self.progress: Callable[[int, int], None] | None = None
        self._partitions: dict[str, Part] = {}
        self._texts: dict[str, str] = {}
        """Each fact's durable JSON by key, for the strata of one check (`_encode.batch`)."""
        self._expected = 0
        """How many partitions the current stratum has (for progress)."""
        self._evaluated = 0
        self._base: tuple[list[Fact], list[Part]] | None = None
        self._jobs: dict[tuple[object, ...], tuple[Sequence[CompiledRule], list[Job], Screen]] = {}
        self.join_from = join_from
        self._join: JoinScreen | None = None
        self.tally = Tally()
        """Partitions seen and evaluated over the strata since it was last replaced."""

    @property
    def policy(self) -> WorkerPolicy:
        """How work is cut and timed."""
        return self.workers.policy

    def run(
        self, rules: Sequence[CompiledRule], facts: Facts, derived: Sequence[Fact] = ()
    ) -> Found:
        """Every frame of every rule over `facts` and `derived`, partition by partition.

        Partitions are built, screened, merged into sessions and encoded as the workers take
        them, so the workers start on the first chunk while this process prepares the rest.
        """
        as_of = facts.as_of
        wanted = (tuple(r.key for r in rules), id(rules), as_of)
        cached = self._jobs.get(wanted)
        if cached is None or cached[0] is not rules:  # the id of a stratum that is gone
            cached = self._jobs[wanted] = (rules, jobs_for(rules, as_of), Screen.of(rules, as_of))
        _, jobs, screen = cached
        self.stats = Stats()
        self._partitions = {}
        self._evaluated = 0
        findings = list(derived)
        joined = None
        if self.join_from is not None and len(facts) + len(findings) >= self.join_from:
            if self._join is None:
                from governance.run.sql import JoinScreen  # noqa: PLC0415 (DuckDB: when used)

                self._join = JoinScreen()
            joined = self._join.keys(rules, facts, findings)  # from the rows, before the dicts
        base = facts.items
        masks = screen.masks(chain(base, findings))  # not a copy of every fact per stratum
        if joined is not None:
            masks = screen.joined(masks, joined)
            self.stats.joined = True
        screened = self._screened(self._partitioned(base, findings), masks, screen)
        encoded = (
            (label, batch(part, self._texts), len(part)) for label, part in self._sessions(screened)
        )
        work = chunked(encoded, self.policy.chunk_facts)
        if self.local:
            results = [found for chunk in work for found in run_chunk(jobs, chunk)]
        else:
            try:
                results = self._pooled(jobs, work)
            except Failed as failed:
                rescued = self._one_ruleset_at_a_time(jobs, failed.labels)
                if isinstance(rescued, _Refused):
                    raise EngineError.of(
                        self._culprits(rules, jobs, as_of, failed.labels, rescued)
                    ) from None
                results = failed.results + rescued
        if self.progress is not None:
            self.progress(self.stats.partitions, self.stats.partitions)
        self.tally.partitions += self.stats.partitions
        self.tally.evaluated += sum(label.count(",") + 1 for label, _ in results)
        merged: dict[str, set[Frame]] = {}
        for label, found in results:
            self.stats.evaluated.extend(label.split(","))
            for key, frames in found.items():
                merged.setdefault(key, set()).update(frames)
        return {key: sorted(frames) for key, frames in merged.items()}

    def _sessions(self, parts: Iterable[Part]) -> Iterator[Part]:
        return sessions(parts, self.policy.session_facts)

    def _pooled(self, jobs: list[Job], work: Iterable[Chunk]) -> Results:
        return self.workers.run(
            run_chunk,
            jobs,
            work,
            size=_chunk_size,
            split=self._split,
            stats=self.stats,
            done=self._done,
        )

    def _one_ruleset_at_a_time(self, jobs: list[Job], labels: list[str]) -> Results | _Refused:
        """The partitions that failed on every attempt, evaluated again one ruleset at a time,
        each in a fresh worker; as soon as one fails again, what its rulesets did (`_Refused`).

        The C core was seen to crash on a small partition in every worker forked for it and
        never when its rulesets ran one by one: the union of each ruleset's frames is the
        partition's result (every ruleset runs in a session of its own anyway).
        """
        rescued: Results = []
        for label in labels:
            facts = batch(self._partitions[label][1], self._texts)
            seconds = self.policy.timeout(size(facts))
            found: Found = {}
            for index, job in enumerate(jobs):
                outcome, results = self.workers.alone(run_chunk, [job], [(label, facts)], seconds)
                if outcome is not None:
                    return _Refused(label, index, outcome)
                for _, part in results:
                    for key, frames in part.items():
                        found.setdefault(key, []).extend(frames)
            rescued.append((label, found))
        self.stats.rescued += len(labels)
        self._done(rescued)
        return rescued

    def _culprits(
        self,
        rules: Sequence[CompiledRule],
        jobs: list[Job],
        as_of: int,
        labels: list[str],
        known: _Refused,
    ) -> list[EngineFailure]:
        """The rules to blame for the partitions that failed on every attempt.

        The partition the rescue failed on is run again in a fresh worker, with the same time
        limit, one ruleset at a time (those the rescue ran are not run again), and each ruleset
        that fails one rule at a time: what fails alone is named; a ruleset whose rules fail
        only together is named whole. One partition is enough to name a rule; the others are
        counted (each isolation of a hang costs its time limit).
        """
        anchor, others = known.label, len(labels) - 1
        facts = batch(self._partitions[anchor][1], self._texts)
        seconds = self.policy.timeout(size(facts))
        chunk: Chunk = [(anchor, facts)]
        by_key = {rule.key: rule for rule in rules}
        found: list[EngineFailure] = []
        for index, job in enumerate(jobs[known.failed :], known.failed):
            if index == known.failed:
                outcome: str | None = known.outcome
            else:
                outcome = self.workers.probe(run_chunk, [job], chunk, seconds)
            if outcome is None:
                continue
            members = [by_key[key] for key, _ in job.positive]
            alone: dict[str, tuple[CompiledRule, str]] = {}
            for rule in members if len(members) > 1 else ():
                failed = self.workers.probe(run_chunk, [job_for([rule], as_of)], chunk, seconds)
                if failed is not None:
                    alone.setdefault(rule.id, (rule, failed))  # alternatives: the rule once
            if len(members) == 1:
                alone[members[0].id] = (members[0], outcome)
            found.extend(
                EngineFailure((rule.id,), anchor, how, seconds, source=rule.source, others=others)
                for rule, how in alone.values()
            )
            if not alone:
                ids = tuple(dict.fromkeys(rule.id for rule in members))
                found.append(EngineFailure(ids, anchor, outcome, seconds, others=others))
        return found or [EngineFailure((), anchor, "failed", seconds, others=others)]

    def _split(self, chunk: Chunk) -> list[Chunk]:
        """A failed chunk as chunks of one partition each."""
        return [
            [(anchor, batch(self._partitions[anchor][1], self._texts))]
            for label, _ in chunk
            for anchor in label.split(",")
        ]

    def _done(self, found: Results) -> None:
        """Count finished partitions and forget their facts: only partitions in flight (or
        failed, to be split and retried) are held, not a stratum's every partition."""
        for label, _ in found:
            for anchor in label.split(","):
                self._partitions.pop(anchor, None)
        self._evaluated += sum(label.count(",") + 1 for label, _ in found)
        if self.progress is not None:
            finished = len(self.stats.screened_out) + self._evaluated
            self.progress(min(finished, self._expected), self._expected)

    def _partitioned(self, base: list[Fact], findings: list[Fact]) -> Iterable[Part]:
        """The partitions of `base` with `findings` placed; those of the register's own facts
        are kept for the next stratum of the same check, which adds only the findings of the
        strata before it."""
        if self._base is not None and self._base[0] is base:
            self._expected = len(self._base[1]) + (1 if findings else 0)
            return with_findings(self._base[1], findings)
        self._base = None
        self._texts = {}  # other facts: a key may now name another fact
        if self.progress is not None:  # at most: facts no anchor reaches may be none
            self._expected = len(anchors(base)) + 1
        return self._keeping(base, findings)

    def _keeping(self, base: list[Fact], findings: list[Fact]) -> Iterator[Part]:
        """The partitions of `base` as they are built, kept once all are (for later strata)."""
        built: list[Part] = []
        for part in partitions(base):
            built.append(part)
            if not findings:
                yield part
        self._base = (base, built)
        if findings:  # rare: a first stratum that reads findings has them placed afterwards
            yield from with_findings(built, findings)

    def _screened(
        self, parts: Iterable[Part], masks: dict[str, int], screen: Screen
    ) -> Iterator[Part]:
        """The partitions where some rule could match, each with only the facts it could use."""
        mask_of = masks.__getitem__
        for anchor, part in parts:
            self.stats.partitions += 1
            found = list(map(mask_of, map(_KEY, part)))
            could, reads = screen.wanted(reduce(operator.or_, found, 0))
            if not could:
                self.stats.screened_out.append(anchor)
                continue
            kept = list(compress(part, [m & reads for m in found]))
            self._partitions[anchor] = (anchor, kept)
            yield anchor, kept

    def reset(self) -> None:
        """Drop the partitions kept between the strata of one check (they hold its facts)."""
        self._base = None
        self._partitions = {}
        self._texts = {}
        if self._join is not None:
            self._join.reset()

    def close(self) -> None:
        """Stop the worker processes (a later run starts new ones)."""
        self.workers.close()
