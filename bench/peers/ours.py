"""Our engine and its oracle on the peer workload: the `peers` pack in bench/peers/policies.

The register is validated (`governance.load_register_data`) and the pack compiled before the
clock starts; the timed call is `Engine.check`, which normalises the register (dates to day
numbers, attribution and tie facts), evaluates the pack and assembles full findings (evidence,
messages in two languages, the report with its register digest): everything a caller gets.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from evaluator import Prepared, Variant
from workload import Workload

import governance
from governance.api import EngineName

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
]
