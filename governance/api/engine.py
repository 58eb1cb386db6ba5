"""The library's front door for platforms: evaluate a register against packs, get a `Report`."""

from __future__ import annotations

import hashlib
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from datetime import date
from typing import Literal, get_args

from governance._version import __version__
from governance.documents.json_reader import gc_paused
from governance.errors import Problem, UsageError, did_you_mean
from governance.findings.assemble import run_packs
from governance.findings.models import (
    SEVERITY_ORDER,
    STATES,
    Counts,
    Finding,
    PackRef,
    RegisterRef,
    Report,
    Tool,
)
from governance.findings.select import select
from governance.language.ir import CompiledPack
from governance.loading import arguments
from governance.normalise.facts import normalise
from governance.register.canonical import canonical_json
from governance.register.records import Register
from governance.run.evaluate import Evaluator, OracleEvaluator
from governance.run.reuse import MatchCache, Reusing

EngineName = Literal["durable", "oracle", "duckdb"]
Progress = Callable[[int, int], None]


def register_digest(register: Register) -> str:
    """A digest of the register's facts (not of its file layout or comments)."""
    cached: str | None = register._digest
    if cached is None:  # a read-only register's facts never change: digest them once
        data = canonical_json(register.lists)
        cached = "sha256:" + hashlib.sha256(data).hexdigest()
        object.__setattr__(register, "_digest", cached)
    return cached


def evaluator_for(
    engine: EngineName, workers: int = 2, executor: Executor | None = None
) -> Evaluator:
    """The evaluator called `engine` (`workers` processes for durable-rules; 0 runs in-process;
    or chunks sent to `executor`)."""
    if engine == "oracle":
        return OracleEvaluator()
    if engine == "duckdb":
        from governance.run.sql import SqlEvaluator

        return SqlEvaluator()
    from governance.run.durable.evaluator import DurableEvaluator

    return DurableEvaluator(workers=workers, executor=executor)


def resolve_as_of(register: Register, as_of: date | None) -> date:
    """The day a check is as of: `as_of` when given, else the register's ``metadata.as_of``,
    else today — the one place the library reads the clock."""
    if as_of is not None:
        return as_of
    return register.metadata.as_of or date.today()


def check_selection(
    packs: Sequence[CompiledPack], only: Sequence[str] = (), skip: Sequence[str] = ()
) -> None:
    """Refuse rule names in `only` or `skip` that no pack adopts.

    Raises:
        UsageError: every unknown name, with "did you mean".
    """
    known = sorted({r.id for p in packs for r in p.rules if not r.internal})
    problems = [
        Problem(argument, message=f"unknown rule '{name}'{did_you_mean(name, known)}")
        for argument, names in (("only", only), ("skip", skip))
        for name in names
        if name not in known
    ]
    if problems:
        raise UsageError(problems)


def evaluate(
    register: Register,
    packs: Sequence[CompiledPack] | CompiledPack,
    *,
    as_of: date | None = None,
    engine: EngineName = "durable",
    only: Sequence[str] = (),
    skip: Sequence[str] = (),
) -> Report:
    """Check `register` against `packs` as things stand on `as_of`.

    Facts dated after `as_of` do not exist for the check; deadlines are due or overdue relative
    to it. Without `as_of`, the register's ``metadata.as_of`` is used, else today. `only` and
    `skip` narrow the report to some rules (counts follow). The same inputs give a
    byte-identical `Report.to_json()`. For repeated checks, keep an `Engine`: it keeps the
    compiled packs and its worker processes warm.

    Raises:
        UsageError: `only` or `skip` names a rule no pack adopts.
        EngineError: durable-rules failed twice on one partition.
    """
    _check_register(register)
    arguments.day("as_of", as_of)
    with Engine(packs, engine=engine) as warm:
        return warm.check(register, as_of=as_of, only=only, skip=skip)


def _check_register(register: object) -> None:
    arguments.instance("register", register, Register, "a governance.Register (from load_register)")


class Engine:
    """Compiled packs and worker processes kept warm for repeated checks.

    Re-checking one supporter is a check of a register holding that supporter's facts (and the
    shared parties they refer to): the rulesets are already built in the warm workers, so it costs
    a few milliseconds. Checks from several threads are serialised by a lock: safe, not parallel.
    Close the engine (or use it in a ``with`` block) to stop its worker processes.

    Args:
        packs: the compiled packs to check against.
        engine: ``"durable"`` (durable-rules, the default), ``"oracle"`` (the pure-Python
            reference interpreter) or ``"duckdb"`` (the rules compiled to SQL, run by DuckDB).
        workers: worker processes for durable-rules (0 evaluates in this process, where a crash
            of the C core would end the caller too).
        executor: a `concurrent.futures.Executor` to evaluate partitions on instead (a Dask
            ``Client.get_executor()`` spreads them over a cluster; see bench/cluster.py).
    """

    def __init__(
        self,
        packs: Sequence[CompiledPack] | CompiledPack,
        *,
        engine: EngineName = "durable",
        workers: int = 2,
        executor: Executor | None = None,
    ) -> None:
        self.packs = tuple(
            arguments.instances("packs", packs, CompiledPack, "compiled packs (from load_packs)")
        )
        arguments.one_of("engine", engine, get_args(EngineName))
        self.engine = engine
        arguments.count("workers", workers)
        arguments.instance(
            "executor", executor, Executor, "a concurrent.futures.Executor or None", optional=True
        )
        self._evaluator = evaluator_for(engine, workers, executor)
        self._lock = threading.Lock()
        self._partitions: tuple[int, int] | None = None

    @property
    def partitions(self) -> tuple[int, int] | None:
        """(evaluated, built): of the partitions the last check built, over all its strata, how
        many durable-rules evaluated (the rest were screened out: no rule could match there).
        None before a check, and for the oracle and DuckDB, which do not partition."""
        return self._partitions

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the worker processes (the engine starts new ones if used again)."""
        closer = getattr(self._evaluator, "close", None)
        if closer is not None:
            closer()

    def check(
        self,
        register: Register,
        *,
        as_of: date | None = None,
        only: Sequence[str] = (),
        skip: Sequence[str] = (),
        progress: Progress | None = None,
        reuse: MatchCache | None = None,
    ) -> Report:
        """Check `register` as of `as_of` (see `evaluate`).

        `progress(done, total)` is called as partitions finish (durable-rules only). With
        `reuse` (an audit store's `matches()`), partitions whose facts, packs and `as_of` are
        those of an earlier check reuse its matches; the report is the same, byte for byte.
        """
        _check_register(register)
        as_of = arguments.day("as_of", as_of)
        only, skip = arguments.names("only", only), arguments.names("skip", skip)
        arguments.optional_callable("progress", progress)
        check_selection(self.packs, only, skip)
        day = resolve_as_of(register, as_of)
        with self._lock, gc_paused():  # a check builds many acyclic objects over a large heap
            evaluator: Evaluator = self._evaluator
            if reuse is not None:
                digests = "\x00".join(p.digest for p in self.packs)
                evaluator = Reusing(self._evaluator, reuse, digests)
            evaluator.progress = progress
            tally = getattr(self._evaluator, "tally", None)
            if tally is not None:
                tally.partitions = tally.evaluated = 0
            facts = normalise(register, day)
            try:
                found = run_packs(self.packs, facts, register, day, evaluator)
            finally:
                evaluator.reset()
            if tally is not None:
                self._partitions = (tally.evaluated, tally.partitions)
        findings = found  # in `sort_key` order
        return select(_report(register, self.packs, day, self.engine, findings), only, skip)


def _report(
    register: Register,
    packs: Sequence[CompiledPack],
    as_of: date,
    engine: str,
    findings: list[Finding],
) -> Report:
    severities = Counter(f.severity for f in findings)
    states = Counter(f.state for f in findings)
    return Report(
        as_of=as_of,
        tool=Tool(name="governance", version=__version__, engine=engine),
        packs=[PackRef(id=p.id, version=p.version, digest=p.digest) for p in packs],
        register_=RegisterRef(
            name=register.metadata.name or "register", digest=register_digest(register)
        ),
        counts=Counts(
            total=len(findings),
            by_severity={s: severities.get(s, 0) for s in SEVERITY_ORDER},
            by_state={s: states.get(s, 0) for s in STATES},
        ),
        findings=findings,
        names=_names(register, findings),
    )


def _names(register: Register, findings: list[Finding]) -> dict[str, str]:
    mentioned = {p for f in findings for p in f.parties}
    mentioned |= {f.waiver.approved_by for f in findings if f.waiver}
    named = {p.id: p.name for p in register.parties if p.id in mentioned}
    return dict(sorted(named.items()))
