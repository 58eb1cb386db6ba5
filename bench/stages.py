"""Where a check's time and memory go: `Engine.check`'s stages run one by one, with the
process's memory after each.

    python bench/stages.py bench/data/register-100000.json [--engine durable|duckdb|oracle]

Prints a Markdown table: each stage's wall-clock seconds, this process's CPU seconds, its
resident memory after the stage and its peak so far (the workers' memory is their own; their
CPU is in the last line). The stages are those of `Engine.check` and `check -o json:FILE`, with
the garbage collector paused as there: loading, normalising, matching every pack, writing the
findings (which drops what the evaluator kept, where the code does), the report and its JSON
(hashed as `check -o json` writes it). The facts are dropped before the report is made, as
`Engine.check` drops them when it returns. Run against an older tree (``PYTHONPATH``), it times
that code's own stages the same way.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import resource
import time
from datetime import date
from pathlib import Path

from governance import load_packs, load_register
from governance.api.engine import _report, evaluator_for
from governance.findings import assemble
from governance.normalise.facts import normalise
from governance.run.evaluate import match_pack


def _rss_mb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) // 1024
    return 0


def _peak_mb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    """Run the stages and print the table."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("register")
    parser.add_argument("--engine", default="durable", choices=("durable", "duckdb", "oracle"))
    args = parser.parse_args()
    packs = load_packs(["banso-shien", "companies-act-jp"])
    day = date(2027, 3, 31)
    rows: list[tuple[str, float, float, int, int, str]] = []
    clock, cpu = time.perf_counter(), _cpu()

    def stage(name: str, note: str = "") -> None:
        nonlocal clock, cpu
        now, used = time.perf_counter(), _cpu()
        rows.append((name, now - clock, used - cpu, _rss_mb(), _peak_mb(), note))
        clock, cpu = time.perf_counter(), _cpu()

    register = load_register(args.register)
    stage("load", f"{len(register.parties):,} parties")
    gc.disable()
    facts = normalise(register, day)
    count = len(facts) if hasattr(type(facts), "__len__") else len(facts.items)  # older trees
    stage("normalise", f"{count:,} facts")
    evaluator = evaluator_for(args.engine, 2)
    matched = {pack.id: match_pack(pack, facts, evaluator) for pack in packs}
    stage("match", f"{sum(len(raws) for raws in matched.values()):,} subjects matched")
    assemble.match_pack = lambda pack, _facts, _evaluator: matched[pack.id]  # type: ignore[assignment]
    findings = assemble.run_packs(packs, facts, register, day, evaluator)
    stage("write the findings", f"{len(findings):,} findings")
    matched.clear()  # the matches and the facts are gone when `Engine.check` returns
    del facts
    report = _report(register, packs, day, args.engine, findings)
    stage("report (facts dropped)")
    digest, written = hashlib.sha256(), 0
    pieces = getattr(report, "json_chunks", None)  # code before it: the whole text, as it wrote
    for chunk in pieces() if pieces else [report.to_json().encode("utf-8")]:
        digest.update(chunk)
        written += len(chunk)
    how = "in pieces" if pieces else "whole"
    stage("JSON report", f"{written / 2**20:,.0f} MB {how}, {digest.hexdigest()[:12]}")
    close = getattr(evaluator, "close", None)
    if close is not None:
        close()
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"{Path(args.register).name}, engine {args.engine}\n")
    print("| stage | seconds | CPU s | RSS after | peak RSS | |")
    print("|---|---:|---:|---:|---:|---|")
    for name, seconds, used, rss, peak, note in rows:
        print(f"| {name} | {seconds:.2f} | {used:.2f} | {rss:,} MB | {peak:,} MB | {note} |")
    total = sum(r[1] for r in rows)
    print(f"| total | {total:.2f} | {sum(r[2] for r in rows):.2f} | | {rows[-1][4]:,} MB | |")
    print(f"\nworkers' CPU: {workers.ru_utime + workers.ru_stime:.2f} s")


if __name__ == "__main__":
    main()
