"""Crash- and hang-tolerant worker processes: chunks of work evaluated in forked processes.

The C engine can die (SIGSEGV) or loop forever inside one call, so evaluation never runs in the
caller's process. `Workers` sends chunks to a warm process pool (at most `WorkerPolicy.ahead`
waiting at once); a chunk whose worker dies, hangs past its timeout or is lost is run again in a
fresh pool, then split into its single partitions, each in a pool of its own; what still fails is
reported by label, never dropped. A run that fits one chunk (a re-check) goes to one warm quick
worker over a pipe instead: ``ProcessPoolExecutor``'s queues and threads cost ~0.9 ms a round
trip, a pipe a fraction of that.

What a chunk is and how it is evaluated belongs to the caller (`governance.run.durable`): here a
chunk is a list of labelled items, and `task(context, chunk)` returns one result per label.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from itertools import chain
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from governance.errors import EngineError
from governance.run._orphans import start_worker

Chunk = list[tuple[str, Any]]
"""What one worker task evaluates: items, each labelled with the partitions it holds
(anchors joined by ",")."""
Results = list[tuple[str, Any]]
"""One result per label of a chunk."""
Task = Callable[[Any, Chunk], Results]
"""Evaluates a chunk in a worker: a module-level function (it is sent to the worker by name)."""

_CONTEXT = multiprocessing.get_context("fork")


@dataclass(frozen=True)
class WorkerPolicy:
    """How work is cut and how long it may take (injected; tests make it small and quick)."""

    session_facts: int = 1_500
    """About how many facts one session holds: neighbouring partitions share a session up to
    this (far below the ~100k facts at which durable-rules' 32-bit hashes collide)."""
    chunk_facts: int = 20_000
    """About how many facts one worker task carries."""
    ahead: int = 4
    """How many chunks may wait for a worker at once (the rest are built as workers free up)."""
    timeout_base: float = 60.0
    timeout_per_fact: float = 0.01
    """A chunk may take `timeout_base` + `timeout_per_fact` × its facts seconds (~100x typical)
    before its worker is deemed stuck."""

    def timeout(self, facts: int) -> float:
        """Seconds a chunk of `facts` facts may take."""
        return self.timeout_base + self.timeout_per_fact * facts


@dataclass
class WorkerStats:
    """What the workers went through in one run."""

    retried_chunks: int = 0
    retried_partitions: int = 0
    lost_workers: int = 0
    rescued: int = 0
    """Partitions that failed on every attempt and were evaluated one ruleset at a time."""


class Failed(Exception):
    """Some partitions crashed or hung their worker on every attempt; `labels` names them and
    `results` holds what the other chunks gave."""

    def __init__(self, labels: list[str], results: Results | None = None) -> None:
        super().__init__(", ".join(labels))
        self.labels = labels
        self.results: Results = results or []


_CONTEXTS_KEPT = 32
"""How many contexts (a stratum's rulesets) the quick worker keeps; the parent then starts over."""


def _serve(conn: Connection, parent: int) -> None:
    """The quick worker: evaluate the chunks sent over `conn` until it closes.

    Each message is (task, context id, context or None, chunk, forget): a context is sent once
    and then named by its id (a re-check of one supporter would otherwise send and unpickle
    every stratum's rulesets, about 50 kB, each time); `forget` drops those kept so far.
    """
    start_worker(parent)
    contexts: dict[int, Any] = {}
    while True:
        try:
            task, key, context, chunk, forget = conn.recv()
        except EOFError:
            return
        if forget:
            contexts.clear()
        if context is None:
            context = contexts[key]
        else:
            contexts[key] = context
        try:
            conn.send((True, task(context, chunk)))
        except EngineError as exc:
            conn.send((False, exc))


def _probe(conn: Connection, parent: int, task: Task, context: Any, chunk: Chunk) -> None:
    """A one-off worker: evaluate `chunk` once and send its results (None: the engine refused
    it)."""
    start_worker(parent)
    try:
        found = task(context, chunk)
    except EngineError:
        conn.send(None)
        return
    conn.send(found)


class Workers:
    """A warm pool (or a caller's executor) and a quick worker, with retries.

    Args:
        processes: worker processes of the warm pool.
        executor: a `concurrent.futures.Executor` to run chunks on instead (e.g. a Dask
            cluster's ``Client.get_executor()``); a chunk whose task fails there is retried
            locally. The caller owns (and closes) it.
        policy: chunk sizes, look-ahead and timeouts.
    """

    def __init__(
        self, processes: int, executor: Executor | None = None, policy: WorkerPolicy | None = None
    ) -> None:
        self.processes = processes
        self.executor = executor
        self.policy = policy or WorkerPolicy()
        self._pool: ProcessPoolExecutor | None = None
        self._quick: tuple[BaseProcess, Connection] | None = None
        self._sent: dict[int, Any] = {}
        """The contexts the quick worker holds, by id (each kept alive here, so no other object
        takes its id while it is named by it)."""

    @property
    def quick_process(self) -> BaseProcess | None:
        """The warm quick worker, when one is running."""
        return self._quick[0] if self._quick is not None else None

    def run(
        self,
        task: Task,
        context: Any,
        work: Iterable[Chunk],
        *,
        size: Callable[[Chunk], int],
        split: Callable[[Chunk], list[Chunk]],
        stats: WorkerStats,
        done: Callable[[Results], None] = lambda _: None,
    ) -> Results:
        """Every chunk of `work` evaluated by `task(context, chunk)`, in any order.

        `size` counts a chunk's facts (for its timeout), `split` cuts a failed chunk into
        chunks of one partition each, `done` is told each chunk's results as they arrive.

        Raises:
            Failed: partitions whose worker crashed or hung on every attempt.
            EngineError: the task raised one (the engine refused the input).
        """
        chunks = iter(work)
        first = next(chunks, None)
        second = next(chunks, None) if first is not None else None
        pending: Iterable[Chunk] = chain((c for c in (first, second) if c is not None), chunks)
        failed: list[Chunk] = []
        results: Results = []
        submission = _Submission(task, context, self.policy, size, stats, done, [], [])
        start = 0
        if first is not None and second is None and self.executor is None:
            quick = self._run_quick(task, context, first, size(first))
            if quick is not None:
                done(quick)
                return quick
            stats.lost_workers += 1
            failed, pending, start = [first], [first], 1  # retried like a crashed chunk
        for attempt in range(start, 3):
            if attempt == 1:
                stats.retried_chunks += len(failed)
            if attempt == 2:  # run what still fails partition by partition
                pending = [single for chunk in failed for single in split(chunk)]
                stats.retried_partitions += len(pending)
            ok, failed = self._attempt(submission, pending, isolated=attempt == 2)
            results.extend(ok)
            pending = failed
            if not failed:
                break
        if failed:
            raise Failed([label for chunk in failed for label, _ in chunk], results)
        return results

    def _attempt(
        self, submission: _Submission, chunks: Iterable[Chunk], isolated: bool
    ) -> tuple[Results, list[Chunk]]:
        """Run `chunks`; return the results and the chunks whose worker died.

        The first attempts use the warm pool (its workers keep what they built); `isolated`
        gives every chunk a fresh pool of its own, so one crash cannot fail another.
        """
        ok: Results = []
        failed: list[Chunk] = []
        submit = replace(submission, ok=ok, failed=failed)
        if not isolated:
            submit.all(self.executor or self._warm_pool(), chunks, self.executor is not None)
            if failed and self.executor is None:
                self.close()  # a broken pool cannot be reused
            return ok, failed
        for chunk in chunks:
            with ProcessPoolExecutor(
                max_workers=1,
                mp_context=_CONTEXT,
                initializer=start_worker,
                initargs=(os.getpid(),),
            ) as pool:
                submit.all(pool, [chunk], foreign=False)
        return ok, failed

    def _warm_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.processes,
                mp_context=_CONTEXT,
                initializer=start_worker,
                initargs=(os.getpid(),),
            )
        return self._pool

    def _run_quick(self, task: Task, context: Any, chunk: Chunk, facts: int) -> Results | None:
        """`chunk` run by the quick worker over a pipe; None when the worker died or hung."""
        if self._quick is None:
            mine, theirs = _CONTEXT.Pipe()
            started = _CONTEXT.Process(target=_serve, args=(theirs, os.getpid()), daemon=True)
            started.start()
            theirs.close()
            self._quick = (started, mine)
            self._sent = {}
        _, conn = self._quick
        key = id(context)
        known = self._sent.get(key) is context
        forget = not known and len(self._sent) >= _CONTEXTS_KEPT
        if forget:
            self._sent = {}
        try:
            conn.send((task, key, None if known else context, chunk, forget))
            self._sent[key] = context
            if not conn.poll(self.policy.timeout(facts)):  # the C core can loop forever
                raise TimeoutError
            ok, value = conn.recv()
        except (EOFError, OSError, TimeoutError):  # the worker died (or was stuck): a new one
            self._stop_quick()
            return None
        if not ok:
            raise value  # an EngineError raised in the worker
        found: Results = value
        return found

    def probe(self, task: Task, context: Any, chunk: Chunk, timeout: float) -> str | None:
        """Run `chunk` once in a fresh process of its own: None when it finished, else how it
        failed (``crashed``, ``hung`` past `timeout` seconds, or ``refused`` by the engine)."""
        return self.alone(task, context, chunk, timeout)[0]

    def alone(
        self, task: Task, context: Any, chunk: Chunk, timeout: float
    ) -> tuple[str | None, Results]:
        """`chunk` run once in a fresh process of its own: (None, its results) when it
        finished, else (how it failed, ``[]``) as `probe` says it."""
        mine, theirs = _CONTEXT.Pipe(duplex=False)
        process = _CONTEXT.Process(
            target=_probe, args=(theirs, os.getpid(), task, context, chunk), daemon=True
        )
        process.start()
        theirs.close()
        try:
            if not mine.poll(timeout):
                return "hung", []
            found: Results | None = mine.recv()
            return (None, found) if found is not None else ("refused", [])
        except (EOFError, OSError):
            return "crashed", []
        finally:
            process.kill()
            process.join()
            mine.close()

    def _stop_quick(self) -> None:
        if self._quick is not None:
            process, conn = self._quick
            self._quick = None
            conn.close()
            process.kill()
            process.join()

    def close(self) -> None:
        """Stop the worker processes (a later run starts new ones)."""
        self._stop_quick()
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


@dataclass
class _Submission:
    """One attempt's bookkeeping: what is in flight, what came back, what failed."""

    task: Task
    context: Any
    policy: WorkerPolicy
    size: Callable[[Chunk], int]
    stats: WorkerStats
    done: Callable[[Results], None]
    ok: Results
    failed: list[Chunk]

    def all(self, pool: Executor, chunks: Iterable[Chunk], foreign: bool) -> None:
        """Submit `chunks` to `pool`, at most `policy.ahead` waiting, and collect every result."""
        in_flight: deque[tuple[Chunk, Future[Any]]] = deque()
        for chunk in chunks:
            try:
                in_flight.append((chunk, pool.submit(self.task, self.context, chunk)))
            except BrokenProcessPool:  # an earlier chunk killed the pool: retried later
                self.failed.append(chunk)
                continue
            if len(in_flight) > self.policy.ahead:  # bounded, so the batches waiting stay few
                self._collect(pool, *in_flight.popleft(), foreign)
        while in_flight:
            self._collect(pool, *in_flight.popleft(), foreign)

    def _collect(self, pool: Executor, chunk: Chunk, future: Future[Any], foreign: bool) -> None:
        """Wait for one chunk's result; a dead, stuck or lost worker puts it in `failed`."""
        try:
            found: Results = future.result(timeout=self.policy.timeout(self.size(chunk)))
        except BrokenProcessPool:
            self.stats.lost_workers += 1
            self.failed.append(chunk)
            return
        except TimeoutError:  # the C core can loop forever: end the workers, retry
            for process in list(getattr(pool, "_processes", {}).values()):
                process.kill()
            self.stats.lost_workers += 1
            self.failed.append(chunk)
            return
        except EngineError:
            raise
        except Exception:  # a task lost on someone else's executor (e.g. a killed worker)
            if not foreign:
                raise
            self.stats.lost_workers += 1
            self.failed.append(chunk)
            return
        self.ok.extend(found)
        self.done(found)


def chunked(items: Iterable[tuple[str, Any, int]], limit: int) -> Iterator[Chunk]:
    """Group labelled items of known size into chunks of about `limit` facts, as they come."""
    chunk: Chunk = []
    size = 0
    for label, item, count in items:
        if size >= limit:
            yield chunk
            chunk, size = [], 0
        chunk.append((label, item))
        size += count
    if chunk:
        yield chunk
