"""The durable-rules adapter: the only module that imports the engine.

durable-rules 2.0.28 is unmaintained and was measured here to misbehave when driven naively.
Each trap, and what this adapter does about it:

- ``$not`` only sees facts asserted before the positive facts that complete a match: facts are
  asserted in `assertion_order` (every absent type before the types it guards), in one batch.
- the stock ``Host`` starts timer threads that crash after ``delete_state``: it is not used; the
  C functions (``create_ruleset``, ``assert_facts``, ``start_action_for_state``,
  ``complete_and_start_action``, ``delete_state``) are called directly.
- a batch holding a fact no rule handles makes the Python wrapper raise before actions run: only
  fact types some pattern matches are asserted, and the C return code 1 (not handled) is ignored
  because the handled facts of the batch are still matched.
- ``delete_state`` frees uninitialised memory when no action ever started in the session: every
  session gets a sentinel fact matched by a sentinel rule, so one action always starts first.
- at most 1,024 live sessions, and one session of ~100k facts fails with a hash collision: one
  small session per partition (`governance.run.partition`), deleted in ``finally``.
- exceptions raised inside actions are swallowed: there are no Python actions; matches are read
  from the action messages.
- ``create_ruleset`` registers by name and a name can be registered once: rulesets are named by
  the digest of their JSON and cached per process; the JSON is built fresh (never mutated).
- the C core can read out of bounds and die with SIGSEGV: batches run in worker processes; a
  chunk whose worker dies is run again in a fresh worker, then partition by partition; a partition
  that kills two workers is an `EngineError` naming it — never a silent gap.
"""

from __future__ import annotations

import gc
import hashlib
import json
import multiprocessing
import operator
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import reduce
from itertools import chain, compress
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

import durable_rules_engine as engine
import orjson

from governance.compile.durable_json import (
    assertion_order,
    field_name,
    rule_json,
    ruleset_json,
)
from governance.errors import EngineError, Problem
from governance.language.facts import Fact
from governance.language.ir import CompiledRule
from governance.run.partition import anchors, partitions, with_findings
from governance.run.screen import Screen

Frame = tuple[str, ...]
SENTINEL_RULE = "$sentinel"
CHUNK_FACTS = 20_000
"""About how many facts one worker task carries."""
AHEAD = 4
"""How many chunks may wait for a worker at once (the rest are built as workers free up)."""


@dataclass(frozen=True)
class Job:
    """Everything a worker needs to evaluate partitions: plain, picklable data."""

    ruleset: str
    order: tuple[str, ...]
    positive: tuple[tuple[str, tuple[str, ...]], ...]
    name: str = ""
    """The ruleset's name in the engine: a digest of its JSON."""


@dataclass
class Stats:
    """What the last run did: partitions evaluated or screened out, chunks retried, workers lost."""

    partitions: int = 0
    screened_out: list[str] = field(default_factory=list)
    """The anchors of partitions where no rule could match (`governance.run.screen`)."""
    retried_chunks: int = 0
    retried_partitions: int = 0
    lost_workers: int = 0
    evaluated: list[str] = field(default_factory=list)


_KEY = operator.itemgetter("k")
_HANDLES: dict[str, int] = {}
_CONTEXT = multiprocessing.get_context("fork")


def _handle(job: Job) -> int:
    handle = _HANDLES.get(job.name)
    if handle is None:
        handle = engine.create_ruleset(job.name, job.ruleset)
        _HANDLES[job.name] = handle
    return handle


_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


ENCODED = "_durable"
"""The key under which a fact keeps its durable JSON once encoded."""

SID = "s"
"""The id of every session. A worker holds one session at a time and deletes it before the next,
so one id serves all, and a fact's text (which carries it) is encoded once per check."""

Batch = dict[str, list[str]]
"""A session's facts as durable JSON, grouped by fact type: what a worker is sent (plain strings
pickle far faster than fact dicts)."""


def encode(fact: Fact) -> str:
    """`fact` as durable JSON in session `SID`, kept in the fact itself, so a fact shared by many
    partitions and strata is encoded once."""
    text = fact.get(ENCODED)
    if text is None:
        item = dict(fact)  # not yet encoded: holds no ENCODED key
        key = item.pop("k")
        if "id" in item:
            item[_OWN_ID] = item.pop("id")
        item["id"] = key
        item["sid"] = SID
        try:
            text = orjson.dumps(item).decode("utf-8")  # ~6x json's C encoder, same text here
        except orjson.JSONEncodeError:  # e.g. an integer beyond 64 bits: json takes any
            text = _ENCODE(item)
        fact[ENCODED] = text
    return str(text)


_OWN_ID = field_name("id")


def batch(facts: Sequence[Fact]) -> Batch:
    """The facts of a session, encoded and grouped by type (in their given order)."""
    by_type: Batch = {}
    for fact in facts:
        texts = by_type.get(fact["t"])
        if texts is None:
            texts = by_type[fact["t"]] = []
        texts.append(encode(fact))
    return by_type


_SENTINEL = _ENCODE({"id": "$sentinel", "sid": SID, "t": SENTINEL_RULE})


def _payload(facts: Batch, order: Sequence[str]) -> str:
    """The batch one job asserts: its sentinel, then its handled types in its order."""
    parts = [_SENTINEL] + [text for t in order for text in facts.get(t, ())]
    return "[" + ",".join(parts) + "]"


def evaluate_partition(jobs: Sequence[Job], facts: Batch) -> dict[str, list[Frame]]:
    """Run one session's facts through every job's ruleset; return each rule's frames."""
    found: dict[str, list[Frame]] = {}
    for job in jobs:
        for key, frames in _evaluate_session(job, facts).items():
            found.setdefault(key, []).extend(frames)
    return found


def _evaluate_session(job: Job, facts: Batch) -> dict[str, list[Frame]]:
    """Assert one partition in a fresh session; return each rule's frames; delete the session."""
    handle = _handle(job)
    positive = dict(job.positive)
    found: dict[str, list[Frame]] = {}
    try:
        try:
            _, state = engine.assert_facts(handle, _payload(facts, job.order))
        except engine.error as exc:  # e.g. error 303: too many tests passed at once
            raise EngineError(
                [Problem("<engine>", message=f"durable-rules refused a partition: {exc}")]
            ) from None
        result = engine.start_action_for_state(handle, state)
        while result is not None:
            messages = orjson.loads(result[1] if isinstance(result, tuple) else result)
            for name, frame in messages.items():
                if name != SENTINEL_RULE:
                    key = name.rsplit("/", 1)[0]
                    found.setdefault(key, []).append(tuple(frame[b]["id"] for b in positive[key]))
            result = engine.complete_and_start_action(handle, state)
    finally:
        engine.delete_state(handle, SID)
    return found


def _serve(conn: Connection) -> None:
    """The quick worker: run the chunks sent over `conn` until it closes."""
    gc.enable()  # forked during a check, when the collector is paused
    while True:
        try:
            jobs, chunk = conn.recv()
        except EOFError:
            return
        try:
            conn.send((True, _run_chunk(jobs, chunk)))
        except EngineError as exc:
            conn.send((False, exc))


Part = tuple[str, list[Fact]]
"""A partition (its anchor and facts) or a session of merged partitions (anchors joined by ",")."""
Chunk = list[tuple[str, Batch]]
"""What one worker task evaluates: sessions, each labelled with its anchors."""
Found = dict[str, list[Frame]]


def _run_chunk(jobs: Sequence[Job], chunk: Chunk) -> list[tuple[str, Found]]:
    return [(label, evaluate_partition(jobs, facts)) for label, facts in chunk]


SESSION_FACTS = 1_500
"""About how many facts one session holds: neighbouring partitions share a session up to this
(far below the ~100k facts at which the engine's 32-bit hashes collide)."""


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


def _size(chunk: Chunk) -> int:
    return sum(len(texts) for _, facts in chunk for texts in facts.values())


def _timeout(chunk: Chunk) -> float:
    """Seconds a chunk may take before its worker is deemed stuck (generous: ~100x typical)."""
    return 60.0 + 0.01 * _size(chunk)


def _chunks(parts: Iterable[Part]) -> Iterator[Chunk]:
    """Sessions encoded and grouped into worker tasks of about `CHUNK_FACTS` facts, as they come."""
    chunk: Chunk = []
    size = 0
    for label, facts in parts:
        if size >= CHUNK_FACTS:
            yield chunk
            chunk, size = [], 0
        chunk.append((label, batch(facts)))
        size += len(facts)
    if chunk:
        yield chunk


RULESET_BUDGET = 32
"""The most durable rules put in one ruleset. A ruleset of 56 durable rules (from 7 of our rules,
before flat `$or`s were kept) was measured to crash the C core; 32 ran 20 fresh processes and a
2,000-register differential without a crash. A crash would cost a retry, then an EngineError."""


def jobs_for(rules: Sequence[CompiledRule], as_of: int) -> list[Job]:
    """The worker jobs for a stratum: rules grouped into rulesets of at most `RULESET_BUDGET`."""
    groups: list[list[CompiledRule]] = [[]]
    size = 0
    for rule in rules:
        count = len(rule_json(rule, as_of))
        if groups[-1] and size + count > RULESET_BUDGET:
            groups.append([])
            size = 0
        groups[-1].append(rule)
        size += count
    return [job_for(group, as_of) for group in groups if group]


def job_for(rules: Sequence[CompiledRule], as_of: int) -> Job:
    """The worker job for a group of rules as of a day."""
    body = ruleset_json(rules, as_of)
    body[SENTINEL_RULE] = {"all": [{"m": {"t": SENTINEL_RULE}}]}
    text = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    order = assertion_order(rules)
    positive = tuple((r.key, tuple(p.binding for p in r.positive)) for r in rules)
    name = "governance-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]
    return Job(text, tuple(order), positive, name)


class DurableEvaluator:
    """Matches rules with durable-rules, partition by partition, in worker processes.

    Args:
        workers: worker processes (0 evaluates in this process: a crash of the C core then ends
            the caller's process too; meant for tests and one-partition re-checks).
        executor: any `concurrent.futures.Executor` to run chunks on instead of local worker
            processes — e.g. a Dask cluster's ``Client.get_executor()`` to spread a national
            register over machines. A chunk whose task fails there is retried locally, partition
            by partition, like a crashed local worker. The caller owns (and closes) it.
    """

    name = "durable"

    def __init__(self, workers: int = 2, executor: Executor | None = None) -> None:
        self.workers = workers
        self.executor = executor
        self.stats = Stats()
        self.progress: Callable[[int, int], None] | None = None
        self._partitions: dict[str, Part] = {}
        self._expected = 0
        """How many partitions the current stratum has (for progress)."""
        self._evaluated = 0
        self._base: tuple[list[Fact], list[Part]] | None = None
        self._jobs: dict[tuple[object, ...], tuple[Sequence[CompiledRule], list[Job], Screen]] = {}
        self._pool: ProcessPoolExecutor | None = None
        self._quick_worker: tuple[BaseProcess, Connection] | None = None

    def run(
        self, rules: Sequence[CompiledRule], facts: list[Fact], as_of: int
    ) -> dict[str, list[Frame]]:
        """Every frame of every rule over `facts`, evaluated partition by partition.

        Partitions are built, screened, merged into sessions and encoded as the workers take
        them, so the workers start on the first chunk while this process prepares the rest.
        """
        wanted = (tuple(r.key for r in rules), id(rules), as_of)
        cached = self._jobs.get(wanted)
        if cached is None or cached[0] is not rules:  # the id of a stratum that is gone
            cached = self._jobs[wanted] = (rules, jobs_for(rules, as_of), Screen.of(rules, as_of))
        _, jobs, screen = cached
        self.stats = Stats()
        self._partitions = {}
        self._evaluated = 0
        screened = self._screened(self._partitioned(facts), screen.masks(facts), screen)
        work = _chunks(sessions(screened, SESSION_FACTS))
        local = self.workers == 0 and self.executor is None
        results = self._local(jobs, work) if local else self._pooled(jobs, work)
        if self.progress is not None:
            self.progress(self.stats.partitions, self.stats.partitions)
        merged: dict[str, set[Frame]] = {}
        for label, found in results:
            self.stats.evaluated.extend(label.split(","))
            for key, frames in found.items():
                merged.setdefault(key, set()).update(frames)
        return {key: sorted(frames) for key, frames in merged.items()}

    def _partitioned(self, facts: list[Fact]) -> Iterable[Part]:
        """The partitions of `facts`; those of the register's own facts are kept for the next
        stratum of the same check, which adds only the findings of the strata before it."""
        base = [f for f in facts if f["t"] != "finding"]
        findings = [f for f in facts if f["t"] == "finding"]
        kept = self._base[0] if self._base is not None else None
        unchanged = (
            kept is not None
            and len(kept) == len(base)
            and all(a is b for a, b in zip(kept, base, strict=True))
        )
        if unchanged:
            assert self._base is not None
            self._expected = len(self._base[1]) + (1 if findings else 0)
            return with_findings(self._base[1], findings)
        self._base = None
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

    def _local(self, jobs: Sequence[Job], work: Iterable[Chunk]) -> list[tuple[str, Found]]:
        return [found for chunk in work for found in _run_chunk(jobs, chunk)]

    def _pooled(self, jobs: Sequence[Job], work: Iterable[Chunk]) -> list[tuple[str, Found]]:
        chunks = iter(work)
        first = next(chunks, None)
        second = next(chunks, None) if first is not None else None
        pending: Iterable[Chunk] = chain((c for c in (first, second) if c is not None), chunks)
        failed: list[Chunk] = []
        results: list[tuple[str, Found]] = []
        start = 0
        if first is not None and second is None and self.executor is None:
            quick = self._quick(jobs, first)  # one chunk: a re-check, most likely
            if quick is not None:
                return quick
            self.stats.lost_workers += 1
            failed, pending, start = [first], [first], 1  # retried like a crashed chunk
        for attempt in range(start, 3):
            if attempt == 1:
                self.stats.retried_chunks += len(failed)
            if attempt == 2:  # run what still fails partition by partition
                pending = [
                    [(anchor, batch(self._partitions[anchor][1]))]
                    for chunk in failed
                    for label, _ in chunk
                    for anchor in label.split(",")
                ]
                self.stats.retried_partitions += len(pending)
            done, failed = self._attempt(jobs, pending, isolated=attempt == 2)
            results.extend(done)
            pending = failed
            if not failed:
                break
        if failed:
            anchors = ", ".join(
                anchor or "(facts no supporter reaches)" for c in failed for anchor, _ in c
            )
            raise EngineError(
                [
                    Problem(
                        "<engine>",
                        message="durable-rules crashed or hung twice on the partition of "
                        + anchors,
                    )
                ]
            )
        return results  # the frames are merged as sets: order does not matter

    def _attempt(
        self, jobs: Sequence[Job], chunks: Iterable[Chunk], isolated: bool
    ) -> tuple[list[tuple[str, Found]], list[Chunk]]:
        """Run `chunks` in worker processes; return the results and the chunks whose worker died.

        The first attempt uses the evaluator's warm pool (its workers keep their rulesets);
        `isolated` gives every chunk a fresh pool of its own, so one crash cannot fail another.
        """
        done: list[tuple[str, Found]] = []
        failed: list[Chunk] = []
        if not isolated:
            self._submit(self.executor or self._warm_pool(), jobs, chunks, done, failed)
            if failed and self.executor is None:
                self.close()  # a broken pool cannot be reused
            return done, failed
        for chunk in chunks:
            with ProcessPoolExecutor(max_workers=1, mp_context=_CONTEXT) as pool:
                self._submit(pool, jobs, [chunk], done, failed)
        return done, failed

    def _submit(
        self,
        pool: Executor,
        jobs: Sequence[Job],
        chunks: Iterable[Chunk],
        done: list[tuple[str, Found]],
        failed: list[Chunk],
    ) -> None:
        in_flight: deque[tuple[Chunk, Future[Any]]] = deque()
        for chunk in chunks:
            try:
                in_flight.append((chunk, pool.submit(_run_chunk, jobs, chunk)))
            except BrokenProcessPool:  # an earlier chunk killed the pool: retried later
                failed.append(chunk)
                continue
            if len(in_flight) > AHEAD:  # bounded, so the batches waiting stay few
                self._collect(pool, *in_flight.popleft(), done, failed)
        while in_flight:
            self._collect(pool, *in_flight.popleft(), done, failed)

    def _collect(
        self,
        pool: Executor,
        chunk: Chunk,
        future: Future[Any],
        done: list[tuple[str, Found]],
        failed: list[Chunk],
    ) -> None:
        """Wait for one chunk's result; a dead, stuck or lost worker puts the chunk in `failed`."""
        try:
            found = future.result(timeout=_timeout(chunk))
            done.extend(found)
            self._evaluated += sum(label.count(",") + 1 for label, _ in found)
            if self.progress is not None:
                finished = len(self.stats.screened_out) + self._evaluated
                self.progress(min(finished, self._expected), self._expected)
        except BrokenProcessPool:
            self.stats.lost_workers += 1
            failed.append(chunk)
        except TimeoutError:  # the C core can loop forever: end the workers, retry
            for process in list(getattr(pool, "_processes", {}).values()):
                process.kill()
            self.stats.lost_workers += 1
            failed.append(chunk)
        except EngineError:
            raise
        except Exception:  # a task lost on someone else's executor (e.g. a killed worker)
            if self.executor is None:
                raise
            self.stats.lost_workers += 1
            failed.append(chunk)

    def _warm_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=_CONTEXT, initializer=gc.enable
            )  # forked during a check, when the collector is paused
        return self._pool

    def _quick(self, jobs: Sequence[Job], chunk: Chunk) -> list[tuple[str, Found]] | None:
        """`chunk` run by the quick worker over a pipe; None when the worker died or hung.

        A check that fits one chunk (re-checking a supporter) waits mostly for the round trip
        to a worker: through `ProcessPoolExecutor`'s queues and threads it took ~0.9 ms, three
        times per check; a pipe to one warm worker takes a fraction of that.
        """
        if self._quick_worker is None:
            mine, theirs = _CONTEXT.Pipe()
            started = _CONTEXT.Process(target=_serve, args=(theirs,), daemon=True)
            started.start()
            theirs.close()
            self._quick_worker = (started, mine)
        _, conn = self._quick_worker
        try:
            conn.send((jobs, chunk))
            if not conn.poll(_timeout(chunk)):  # the C core can loop forever
                raise TimeoutError
            ok, value = conn.recv()
        except (EOFError, OSError, TimeoutError):  # the worker died (or was stuck): a new one
            self._stop_quick()
            return None
        if not ok:
            raise value  # an EngineError raised in the worker
        found: list[tuple[str, Found]] = value
        return found

    def _stop_quick(self) -> None:
        if self._quick_worker is not None:
            process, conn = self._quick_worker
            self._quick_worker = None
            conn.close()
            process.kill()
            process.join()

    def close(self) -> None:
        """Stop the worker processes (a later run starts new ones)."""
        self._stop_quick()
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
