"""Differential check: the durable-rules engine and the SQL engine against the pure-Python oracle.

Generates many small registers with ``bench/generate.py`` (each with its own seed, so its own
mix of planted violations and near misses; every other one also gets the banso-shien v2 facts of
``bench/banso_v2.py``, and every one the corporate-law facts of ``bench/corporate.py``), renames
their ids apart, shuffles every list, merges
them in batches and evaluates each batch with both evaluators and every built-in pack. Any finding
one reports and the other does not is printed; the exit status is 1 when there is one.

    python bench/differential.py --registers 2000            # what CI runs (through pytest)
    python bench/differential.py --registers 100000 --batch 500   # the longer run
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from governance.api import evaluate, load_packs
from governance.loading import load_register_data
from governance.register.models import COLLECTIONS

_HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("bench_generate", _HERE / "generate.py")
assert _spec is not None and _spec.loader is not None
generate_module = importlib.util.module_from_spec(_spec)
sys.modules["bench_generate"] = generate_module
_spec.loader.exec_module(generate_module)

_spec = importlib.util.spec_from_file_location("bench_banso_v2", _HERE / "banso_v2.py")
assert _spec is not None and _spec.loader is not None
banso_v2 = importlib.util.module_from_spec(_spec)
sys.modules["bench_banso_v2"] = banso_v2
_spec.loader.exec_module(banso_v2)

_spec = importlib.util.spec_from_file_location("bench_corporate", _HERE / "corporate.py")
assert _spec is not None and _spec.loader is not None
corporate = importlib.util.module_from_spec(_spec)
sys.modules["bench_corporate"] = corporate
_spec.loader.exec_module(corporate)

AS_OF = (date(2026, 9, 30), date(2027, 3, 31), date(2027, 12, 31))


@dataclass
class Outcome:
    """What a differential run saw."""

    registers: int = 0
    findings: int = 0
    seconds_engine: float = 0.0
    seconds_oracle: float = 0.0
    seconds_sql: float = 0.0
    mismatches: list[str] = field(default_factory=list)
    rules: Counter[str] = field(default_factory=Counter)
    """Findings by rule (the oracle's)."""


def _ids(document: dict[str, Any]) -> set[str]:
    found: set[str] = set()
    for collection in COLLECTIONS:
        for item in document.get(collection, []):
            if isinstance(item.get("id"), str):
                found.add(item["id"])
            for condition in item.get("conditions", []):
                found.add(condition["id"])
    return found


def _rename(value: Any, ids: set[str], prefix: str) -> Any:
    if isinstance(value, dict):
        return {k: _rename(v, ids, prefix) for k, v in value.items()}
    if isinstance(value, list):
        return [_rename(v, ids, prefix) for v in value]
    if isinstance(value, str) and value in ids:
        return prefix + value
    return value


def small_registers(
    count: int, seed: int, supporters: int = 3, *, corporate_facts: bool = True
) -> Iterator[tuple[date, dict[str, Any]]]:
    """`count` small generated registers, ids made unique, each with the day to check it."""
    rng = random.Random(seed)
    for n in range(count):
        as_of = AS_OF[n % len(AS_OF)]
        document = generate_module.generate(supporters, seed * 1_000_003 + n, as_of)
        if n % 2:  # every other register also holds the facts banso-shien v2 reads
            document = banso_v2.sprinkle(document, random.Random(seed * 7_919 + n))
        renamed = _rename(document, _ids(document), f"R{n}-")
        for collection in COLLECTIONS:
            rng.shuffle(renamed.get(collection, []))
        if corporate_facts:  # after the shuffle, from their own stream: the rest stays as it was
            stream = random.Random(seed * 104_729 + n)
            renamed = corporate.sprinkle(renamed, stream, prefix=f"R{n}-")
        yield as_of, renamed


def _merge(documents: list[dict[str, Any]]) -> dict[str, Any]:
    merged: dict[str, Any] = {
        "apiVersion": "governance/v1",
        "kind": "Register",
        "metadata": {"name": "differential"},
    }
    for collection in COLLECTIONS:
        merged[collection] = [item for d in documents for item in d.get(collection, [])]
    return merged


def run(registers: int, batch: int = 100, seed: int = 1) -> Outcome:
    """Check `registers` generated registers, `batch` at a time, with all three evaluators."""
    packs = load_packs(["banso-shien", "companies-act-jp", "ippan-hojin-jp"])
    outcome = Outcome()
    groups: dict[date, list[dict[str, Any]]] = {day: [] for day in AS_OF}

    def flush(day: date) -> None:
        documents = groups[day]
        if not documents:
            return
        register = load_register_data(_merge(documents), name=f"batch as of {day}")
        started = time.perf_counter()
        engine = evaluate(register, packs, as_of=day, engine="durable")
        middle = time.perf_counter()
        oracle = evaluate(register, packs, as_of=day, engine="oracle")
        after = time.perf_counter()
        sql = evaluate(register, packs, as_of=day, engine="duckdb")
        outcome.seconds_engine += middle - started
        outcome.seconds_oracle += after - middle
        outcome.seconds_sql += time.perf_counter() - after
        outcome.registers += len(documents)
        outcome.findings += oracle.counts.total
        outcome.rules.update(f.rule for f in oracle.findings)
        expected = {f.model_dump_json() for f in oracle.findings}
        for name, report in (("engine", engine), ("duckdb", sql)):
            seen = {f.model_dump_json() for f in report.findings}
            outcome.mismatches += [f"{name} only: {x}" for x in sorted(seen - expected)]
            outcome.mismatches += [f"oracle, not {name}: {x}" for x in sorted(expected - seen)]
            if len(report.findings) != len(seen):
                outcome.mismatches.append(f"{name} duplicates as of {day}")
        documents.clear()

    for as_of, document in small_registers(registers, seed):
        groups[as_of].append(document)
        if len(groups[as_of]) >= batch:
            flush(as_of)
    for day in AS_OF:
        flush(day)
    return outcome


def main() -> int:
    """Command line: run and print a summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--registers", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    outcome = run(args.registers, args.batch, args.seed)
    for line in outcome.mismatches[:50]:
        print(line)
    print(
        f"{outcome.registers} registers, {outcome.findings} findings, "
        f"{len(outcome.mismatches)} mismatches; engine {outcome.seconds_engine:.1f} s, "
        f"oracle {outcome.seconds_oracle:.1f} s, duckdb {outcome.seconds_sql:.1f} s"
    )
    return 1 if outcome.mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
