"""Findings assembly alone: the oracle's matches fed to `run_packs`, then the report's JSON.

    python bench/findings.py bench/data/register-10000.json [--repeat 3] [--out report.json]

Prints the best CPU time (garbage collector paused, as in `Engine.check`) of assembling every
finding and of writing the report, and the report's digest (byte-identical across changes).
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import time
from datetime import date
from pathlib import Path
from typing import Any

import governance.findings.assemble as assembling
from governance import load_packs, load_register
from governance.api.engine import _report
from governance.findings.build import sort_key
from governance.normalise.facts import normalise
from governance.run.evaluate import OracleEvaluator, match_pack


def main() -> None:
    """Time assembly and the report at one register."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("register")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", default="")
    args = parser.parse_args()
    packs = load_packs(["banso-shien", "companies-act-jp"])
    register = load_register(args.register)
    day = date(2027, 3, 31)
    facts = normalise(register, day)
    matched = {p.id: match_pack(p, facts, OracleEvaluator()) for p in packs}

    def replay(pack: Any, _facts: Any, _evaluator: Any) -> Any:
        return matched[pack.id]

    assembling.match_pack = replay  # type: ignore[assignment]
    best: list[tuple[float, float]] = []
    text = ""
    for _ in range(args.repeat):
        gc.disable()
        started = time.process_time()
        found = assembling.run_packs(packs, facts, register, day, OracleEvaluator())
        middle = time.process_time()
        found = sorted(found, key=sort_key)  # untimed: main's run_packs did not sort
        after = time.process_time()
        text = _report(register, packs, day, "durable", found).to_json()
        best.append((middle - started, time.process_time() - after))
        gc.enable()
        gc.collect()
    best.sort()
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    digest = hashlib.sha256(text.encode()).hexdigest()[:12]
    print(f"assemble {best[0][0]:.2f} s CPU, report+json {best[0][1]:.2f} s CPU, digest {digest}")


if __name__ == "__main__":
    main()
