"""Our engine and its oracle on the peer workload: the `peers` pack in bench/peers/policies.

Two kinds of row:
- **Engine.check**: the register is validated (`governance.load_register_data`) and the pack
  compiled before the clock starts; the timed call is `Engine.check`, which normalises the
  register (dates to day numbers, attribution and tie facts), evaluates the pack and assembles
  full findings (evidence, messages in two languages, the report with its register digest):
  everything a caller gets.
- **matches only**: what the peers compute, from what the peers are given. The register is
  normalised into facts before the clock starts (the peers' cases are shaped into documents with
  day numbers untimed, too); the timed call hands the facts to the evaluator (DuckDB loads them
  into its tables inside the timed region), matches every rule and gives the (rule, subject) set,
  without writing findings.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from evaluator import Prepared, Variant
from workload import Workload

import governance
from governance.api import EngineName
from governance.api.engine import evaluator_for
from governance.normalise.facts import normalise
from governance.run.evaluate import match_pack

POLICIES = Path(__file__).resolve().parent / "policies"
PACK = "peers"

_registers: dict[int, tuple[Workload, governance.Register, float]] = {}


def load_pack() -> governance.CompiledPack:
    """The compiled `peers` pack (the built-in rules are loaded too, as always)."""
    return governance.load_pack(PACK, policies=POLICIES)


def register_of(workload: Workload) -> tuple[governance.Register, float]:
    """The workload's validated register (built once per workload) and the seconds it took."""
    cached = _registers.get(id(workload))
    if cached is None or cached[0] is not workload:
        t0 = time.perf_counter()
        register = governance.load_register_data(workload.register, name="peers")
        cached = (workload, register, time.perf_counter() - t0)
        _registers[id(workload)] = cached
    return cached[1], cached[2]


def _prepare(engine: EngineName, workers: int) -> Callable[[Workload], Prepared]:
    def prepare(workload: Workload) -> Prepared:
        t0 = time.perf_counter()
        pack = load_pack()
        compiled = time.perf_counter() - t0
        register, loaded = register_of(workload)
        warm = governance.Engine([pack], engine=engine, workers=workers)

        def run() -> set[tuple[str, str]]:
            report = warm.check(register, as_of=workload.as_of)
            return {(f.rule, f.subject.id) for f in report.findings}

        return Prepared(run, warm.close, {"compile_pack": compiled, "load_register": loaded})

    return prepare


def _prepare_matches(engine: EngineName) -> Callable[[Workload], Prepared]:
    def prepare(workload: Workload) -> Prepared:
        t0 = time.perf_counter()
        pack = load_pack()
        compiled = time.perf_counter() - t0
        register, loaded = register_of(workload)
        t0 = time.perf_counter()
        facts = normalise(register, workload.as_of)
        normalised = time.perf_counter() - t0
        evaluator = evaluator_for(engine, workers=0)

        def run() -> set[tuple[str, str]]:
            try:
                raws = match_pack(pack, facts, evaluator)
            finally:
                evaluator.reset()
            return {(raw.rule.id, raw.subject["id"]) for raw in raws if not raw.rule.internal}

        close = getattr(evaluator, "close", lambda: None)
        setup = {"compile_pack": compiled, "load_register": loaded, "normalise": normalised}
        return Prepared(run, close, setup)

    return prepare


VARIANTS = [
    Variant(
        "governance",
        "durable-rules, Engine.check (2 worker processes, the default)",
        _prepare("durable", 2),
        ours=True,
    ),
    Variant(
        "governance", "durable-rules, Engine.check (in-process, workers=0)", _prepare("durable", 0)
    ),
    Variant("governance", "oracle, Engine.check", _prepare("oracle", 0)),
    Variant("governance", "rules compiled to SQL on DuckDB, Engine.check", _prepare("duckdb", 0)),
    Variant(
        "governance",
        "rules compiled to SQL on DuckDB, matches only (facts normalised untimed)",
        _prepare_matches("duckdb"),
    ),
    Variant(
        "governance",
        "durable-rules, matches only (in-process, facts normalised untimed)",
        _prepare_matches("durable"),
    ),
    Variant(
        "governance", "oracle, matches only (facts normalised untimed)", _prepare_matches("oracle")
    ),
]
