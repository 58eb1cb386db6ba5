"""The peer comparison: the three-rule workload in our engine, the oracle, zen-engine and regorus.

    .venv/bin/pip install -e .[bench]                  # zen-engine and gordon-to-regorus
    .venv/bin/python bench/peers/run.py                # 100,000 cases, median of 3
    .venv/bin/python bench/peers/run.py --cases 10000 --repeat 5
    .venv/bin/python bench/peers/run.py --only zen --only plain

Everything runs in this one process (our durable-rules engine also starts its worker processes,
as `governance.Engine` does by default; an in-process row is beside it). Each variant is set up
first, untimed: the workload is generated, our register validated and the pack compiled, zen's
expressions compiled, the Rego policy parsed. Then --repeat rounds each time every variant once,
in turn (so background load hits all of them alike), from the same in-memory inputs to the set
of (rule, subject) findings; the table shows the median. Every variant's findings must equal our
engine's (and be the same in every round); the first differences are printed and the exit code
is 1 if not. A peer that is not installed or does not work here is skipped with the reason,
shown in the table. Writes bench/out/peers.md and bench/out/peers.json.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import statistics
import sys
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import ours  # noqa: E402
import reference  # noqa: E402
import rego_peer  # noqa: E402
import zen_peer  # noqa: E402
from evaluator import Prepared, Unavailable, Variant  # noqa: E402
from workload import RULES, Finding, Workload, generate  # noqa: E402

OUT = HERE.parent / "out"
SHOWN_DIFFERENCES = 10


@dataclass
class Row:
    """One variant's measurements."""

    variant: Variant
    prepared: Prepared | None = None
    skipped: str | None = None
    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    findings: set[Finding] | None = None
    unstable: bool = False
    matches: bool | None = None

    @property
    def median(self) -> float | None:
        """Median wall seconds of the timed runs."""
        return statistics.median(self.seconds) if self.seconds else None


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def machine() -> dict[str, Any]:
    """What this ran on."""
    return {
        "platform": platform.platform(),
        "machine": platform.machine(),
        "processor": platform.processor() or "-",
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "cores": os.cpu_count(),
        "load_average_before": [round(x, 2) for x in os.getloadavg()],
        "versions": {
            p: _version(p)
            for p in ("governance", "durable-rules", "zen-engine", "gordon-to-regorus")
        },
    }


def _wanted(variant: Variant, only: list[str], skip: list[str]) -> bool:
    name = variant.name.lower()
    if variant.ours:
        return True  # the baseline every ratio and every comparison is taken against
    if only and not any(o.lower() in name for o in only):
        return False
    return not any(s.lower() in name for s in skip)


def prepare(rows: list[Row], workload: Workload) -> None:
    """Set every variant up (untimed); a peer that cannot run is skipped with the reason."""
    for row in rows:
        try:
            row.prepared = row.variant.prepare(workload)
        except Unavailable as error:
            row.skipped = f"skipped: {error}"
        except Exception as error:
            row.skipped = f"skipped, setup failed: {type(error).__name__}: {error}"
            traceback.print_exc()
        if row.skipped:
            print(f"  {row.variant.name}: {row.skipped}", file=sys.stderr)


def measure(rows: list[Row], repeat: int) -> None:
    """--repeat rounds, each timing every variant once, in turn."""
    for round_ in range(repeat):
        for row in rows:
            if row.prepared is None or row.skipped:
                continue
            gc.collect()
            c0, t0 = time.process_time(), time.perf_counter()
            try:
                found = row.prepared.run()
            except Exception as error:
                row.skipped = f"failed in round {round_ + 1}: {type(error).__name__}: {error}"
                traceback.print_exc()
                print(f"  {row.variant.name}: {row.skipped}", file=sys.stderr)
                continue
            wall, cpu = time.perf_counter() - t0, time.process_time() - c0
            row.seconds.append(wall)
            row.cpu.append(cpu)
            if row.findings is None:
                row.findings = found
            elif found != row.findings:
                row.unstable = True
            print(
                f"  round {round_ + 1}/{repeat}  {wall:8.3f} s  {row.variant.name}",
                file=sys.stderr,
            )


def compare(rows: list[Row]) -> list[str]:
    """Check every variant's findings against ours; the lines describing each difference."""
    base = next(r for r in rows if r.variant.ours)
    lines: list[str] = []
    if base.findings is None:
        return [f"our engine produced no findings to compare against ({base.skipped})"]
    for row in rows:
        if row.findings is None:
            continue
        row.matches = row.findings == base.findings and not row.unstable
        if row.unstable:
            lines.append(f"{row.variant.name}: findings differ between rounds")
        if row.findings != base.findings:
            missing = sorted(base.findings - row.findings)
            extra = sorted(row.findings - base.findings)
            lines.append(f"{row.variant.name}: {len(missing)} missing, {len(extra)} extra vs ours")
            lines += [f"    missing {f}" for f in missing[:SHOWN_DIFFERENCES]]
            lines += [f"    extra   {f}" for f in extra[:SHOWN_DIFFERENCES]]
    return lines


def _fastest(rows: list[Row]) -> dict[str, Row]:
    best: dict[str, Row] = {}
    for row in rows:
        if row.median is None or not row.matches:
            continue
        held = best.get(row.variant.engine)
        if held is None or row.median < (held.median or 0):
            best[row.variant.engine] = row
    return best


def table(rows: list[Row], cases: int) -> str:
    """The Markdown table: one row per variant, the fastest of each engine in bold."""
    base = next(r for r in rows if r.variant.ours).median
    best = {id(r) for r in _fastest(rows).values()}
    lines = [
        "| engine | driven as | seconds (median) | cases/second | time ÷ ours | CPU ÷ wall "
        "| findings | same as ours |",
        "|---|---|---:|---:|---:|---:|---:|:-:|",
    ]
    for row in rows:
        engine = f"**{row.variant.engine}**" if id(row) in best else row.variant.engine
        if row.median is None:
            lines.append(f"| {engine} | {row.variant.how} | {row.skipped} | | | | | |")
            continue
        ratio = f"{row.median / base:.3f}" if base else "-"
        cpu = statistics.median(row.cpu) / row.median if row.median else 0.0
        same = {True: "yes", False: "**NO**", None: "-"}[row.matches]
        count = len(row.findings) if row.findings is not None else 0
        lines.append(
            f"| {engine} | {row.variant.how} | {row.median:.3f} | {cases / row.median:,.0f} "
            f"| {ratio} | {cpu:.2f} | {count:,} | {same} |"
        )
    return "\n".join(lines)


def report(
    rows: list[Row],
    workload: Workload,
    info: dict[str, Any],
    args: argparse.Namespace,
    differences: list[str],
) -> tuple[str, dict[str, Any]]:
    """The Markdown report and the JSON record."""
    base = next(r for r in rows if r.variant.ours)
    expected = base.findings or set()
    by_rule = Counter(rule for rule, _ in expected)
    firing = len({subject.split("-")[0] for _, subject in expected})
    best = _fastest(rows)
    setup = {r.variant.name: r.prepared.setup for r in rows if r.prepared and r.prepared.setup}
    versions = info["versions"]
    md = [
        f"# Peer comparison: three rules, {workload.cases:,} cases",
        "",
        f"Generated {info['finished']} by `bench/peers/run.py --cases {workload.cases} "
        f"--repeat {args.repeat} --seed {workload.seed}`.",
        "",
        f"Machine: {info['platform']}, {info['python']}, {info['cores']} cores; load average "
        f"{info['load_average_before']} before, {info['load_average_after']} after. Versions: "
        + ", ".join(f"{k} {v}" for k, v in versions.items())
        + ".",
        "",
        f"Workload: {workload.cases:,} cases, {workload.facts:,} register facts; "
        f"{len(expected):,} findings ("
        + ", ".join(f"{rule} {by_rule.get(rule, 0):,}" for rule in RULES)
        + f"); {firing / workload.cases:.1%} of cases fire at least one rule.",
        "",
        "Evaluation only, median wall seconds of the rounds, every variant from the same "
        "in-memory inputs (ours: the validated register; the peers: one dict per case) to the "
        "set of (rule, subject) findings. Bold: the fastest variant of each engine. "
        "`time ÷ ours` divides by the first row; below 1 is faster than ours. `CPU ÷ wall` "
        "counts this process only (not our worker processes).",
        "",
        table(rows, workload.cases),
        "",
    ]
    if base.median is not None:
        for engine, row in sorted(best.items()):
            if row is base or row.median is None:
                continue
            factor = base.median / row.median
            word = "faster" if factor >= 1 else "slower"
            shown = factor if factor >= 1 else 1 / factor
            md.append(f"- fastest {engine} ({row.variant.how}): {shown:.1f}x {word} than ours")
        md.append("")
    md.append(
        "Findings: identical across every variant that ran."
        if not differences
        else "Findings DIFFER:\n\n```\n" + "\n".join(differences) + "\n```"
    )
    record = {
        "cases": workload.cases,
        "seed": workload.seed,
        "repeat": args.repeat,
        "facts": workload.facts,
        "machine": info,
        "findings": {"total": len(expected), "by_rule": dict(by_rule), "cases_firing": firing},
        "findings_identical": not differences,
        "differences": differences,
        "setup_seconds": setup,
        "generate_seconds": info["generate_seconds"],
        "results": [
            {
                "engine": r.variant.engine,
                "how": r.variant.how,
                "ours": r.variant.ours,
                "seconds": r.seconds,
                "median_seconds": r.median,
                "cpu_seconds": r.cpu,
                "cases_per_second": workload.cases / r.median if r.median else None,
                "ratio_to_ours": r.median / base.median if r.median and base.median else None,
                "findings": len(r.findings) if r.findings is not None else None,
                "same_as_ours": r.matches,
                "skipped": r.skipped,
            }
            for r in rows
        ],
    }
    return "\n".join(md) + "\n", record


def main(argv: list[str] | None = None) -> int:
    """Run the comparison; 0 when every finding set matched, 1 when one did not."""
    parser = argparse.ArgumentParser(description="Three-rule peer comparison (bench/peers).")
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--only", action="append", default=[], help="run variants matching")
    parser.add_argument("--skip", action="append", default=[], help="leave variants matching")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)

    info = machine()
    t0 = time.perf_counter()
    workload = generate(args.cases, args.seed)
    info["generate_seconds"] = time.perf_counter() - t0
    print(
        f"{workload.cases:,} cases, {workload.facts:,} facts generated in "
        f"{info['generate_seconds']:.1f} s; setting up...",
        file=sys.stderr,
    )
    variants = [*ours.VARIANTS, *zen_peer.VARIANTS, *rego_peer.VARIANTS, *reference.VARIANTS]
    rows = [Row(v) for v in variants if _wanted(v, args.only, args.skip)]
    try:
        prepare(rows, workload)
        measure(rows, args.repeat)
    finally:
        for row in rows:
            if row.prepared is not None:
                row.prepared.close()
    differences = compare(rows)
    info["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    info["finished"] = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    md, record = report(rows, workload, info, args, differences)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "peers.md").write_text(md, encoding="utf-8")
    (args.out / "peers.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    print(md)
    print(f"wrote {args.out / 'peers.md'} and {args.out / 'peers.json'}", file=sys.stderr)
    if differences:
        print("\n".join(differences), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
