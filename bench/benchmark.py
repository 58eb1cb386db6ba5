"""The benchmark: the engine against the oracle, end to end, at several register sizes.

For each size (a seeded register from bench/generate.py, JSON), each measurement in a fresh
process so peak memory is its own, the median of --repeat runs of:
  load (file to validated register), evaluation with durable-rules, the oracle and DuckDB,
  end to end (file to findings JSON, durable-rules), peak RSS and the findings count;
the three evaluators' findings are asserted identical, and `json.loads` of the file is timed as
the reference the scale targets are stated against. Then the warm re-check of one changed
supporter (p50/p95 over --rechecks checks of a one-supporter register in a warm `Engine`), and
`governance check examples/register.yaml` wall time. Writes bench/out/benchmark.md and .json.

    bench/run                                  # 1k and 10k supporters
    bench/run --sizes 1000 10000 100000        # the large register too (minutes)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
sys.path.insert(0, str(HERE))

from load import register_file  # noqa: E402

PROBE = r"""
import json, resource, sys, time, hashlib
from datetime import date
from governance import Engine, load_packs, load_register
path, engine = sys.argv[1], sys.argv[2]
packs = load_packs(["banso-shien", "companies-act-jp"])
t0 = time.perf_counter()
register = load_register(path)
t1 = time.perf_counter()
cpu0 = resource.getrusage(resource.RUSAGE_SELF)
with Engine(packs, engine=engine) as warm:
    report = warm.check(register, as_of=date(2027, 3, 31))
    partitions = getattr(warm, "partitions", None)  # None before the count existed
t2 = time.perf_counter()
cpu1 = resource.getrusage(resource.RUSAGE_SELF)
workers = resource.getrusage(resource.RUSAGE_CHILDREN)  # the workers, stopped with the engine
same = report.model_copy(update={"tool": report.tool.model_copy(update={"engine": "-"})})
digest = hashlib.sha256()
for chunk in same.json_chunks():  # what `check -o json:FILE` writes
    digest.update(chunk)
t3 = time.perf_counter()
print(json.dumps({"load": t1 - t0, "evaluate": t2 - t1, "end_to_end": t3 - t0,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "findings": report.counts.total,
                  "cpu_parent": cpu1.ru_utime + cpu1.ru_stime - cpu0.ru_utime - cpu0.ru_stime,
                  "cpu_workers": workers.ru_utime + workers.ru_stime,
                  "evaluated": partitions[0] if partitions else 0,
                  "partitions": partitions[1] if partitions else 0,
                  "digest": digest.hexdigest()}))
"""

JSON_LOADS = r"""
import json, sys, time
raw = open(sys.argv[1], "rb").read()
t0 = time.perf_counter()
json.loads(raw)
print(json.dumps({"seconds": time.perf_counter() - t0}))
"""
"""The reference the scale targets are stated against: parsing the same file with `json.loads`."""

ENGINES = ("durable", "oracle", "duckdb")

RECHECK = r"""
import json, statistics, sys, time, importlib.util
from datetime import date
from governance import Engine, load_packs, load_register_data
spec = importlib.util.spec_from_file_location("gen", sys.argv[1])
gen = importlib.util.module_from_spec(spec); sys.modules["gen"] = gen; spec.loader.exec_module(gen)
count = int(sys.argv[2])
packs = load_packs(["banso-shien", "companies-act-jp"])
registers = [load_register_data(gen.generate(1, seed, date(2027, 3, 31))) for seed in range(20)]
times = []
with Engine(packs) as warm:
    warm.check(registers[0], as_of=date(2027, 3, 31))
    for n in range(count):
        started = time.perf_counter()
        warm.check(registers[n % len(registers)], as_of=date(2027, 3, 31))
        times.append(time.perf_counter() - started)
times.sort()
print(json.dumps({"p50_ms": 1000 * statistics.median(times),
                  "p95_ms": 1000 * times[int(0.95 * (len(times) - 1))]}))
"""


def _run(script: str, *args: str) -> dict[str, float | str]:
    done = subprocess.run(
        [sys.executable, "-c", script, *args], check=True, capture_output=True, text=True
    )
    result: dict[str, float | str] = json.loads(done.stdout)
    return result


def _median(runs: list[dict[str, float | str]], key: str) -> float:
    return statistics.median(float(r[key]) for r in runs)


def measure_size(
    supporters: int, repeat: int, engines: tuple[str, ...] = ENGINES
) -> dict[str, object]:
    """The engines at one register size, with their findings compared."""
    path = register_file(supporters)
    row: dict[str, object] = {"supporters": supporters, "mb": path.stat().st_size / 1e6}
    row["json_loads"] = _median([_run(JSON_LOADS, str(path)) for _ in range(repeat)], "seconds")
    for engine in engines:
        runs = [_run(PROBE, str(path), engine) for _ in range(repeat)]
        if len({r["digest"] for r in runs}) != 1:
            raise SystemExit(f"{engine}: findings differ between runs at {supporters}")
        kept = ("load", "evaluate", "end_to_end", "rss_mb", "cpu_parent", "cpu_workers")
        row[engine] = {k: _median(runs, k) for k in kept}
        row[engine]["evaluated"] = runs[0]["evaluated"]  # type: ignore[index]
        row[engine]["partitions"] = runs[0]["partitions"]  # type: ignore[index]
        row[engine]["findings"] = runs[0]["findings"]  # type: ignore[index]
        row[f"{engine}_digest"] = runs[0]["digest"]
    if len({row[f"{engine}_digest"] for engine in engines}) != 1:
        raise SystemExit(f"the engines disagree at {supporters} supporters")
    return row


def cli_wall(repeat: int) -> float:
    """Median wall time of `governance check examples/register.yaml`, the package's bytecode
    compiled first, as `pip install` of a wheel leaves it (an editable install, or a shell with
    PYTHONDONTWRITEBYTECODE, would otherwise compile ~50 modules on every run: ~0.1 s)."""
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "governance")],
        check=True,
        capture_output=True,
    )
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(
            [str(ROOT / ".venv" / "bin" / "governance"), "check", "examples/register.yaml"],
            cwd=ROOT,
            capture_output=True,
            check=False,
        )
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    """Measure, print the ratios, write the table."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rechecks", type=int, default=1000)
    parser.add_argument(
        "--engines", nargs="+", choices=ENGINES, default=list(ENGINES), help="engines to time"
    )
    args = parser.parse_args()
    engines = tuple(args.engines)
    rows = [measure_size(size, args.repeat, engines) for size in args.sizes]
    recheck = _run(RECHECK, str(HERE / "generate.py"), str(args.rechecks))
    wall = cli_wall(max(args.repeat, 5))
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    lines = [
        f"Median of {args.repeat} fresh-process runs ({machine}); findings of durable-rules, "
        "the oracle and DuckDB identical at every size. ×json = end to end over `json.loads` of "
        "the same file.",
        "",
        "| supporters | JSON MB | json.loads | load | evaluate (durable) | evaluate (oracle) "
        "| evaluate (duckdb) | end to end (durable) | ×json | end to end (duckdb) | ×json "
        "| peak RSS (durable) | peak RSS (duckdb) | findings |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    none = {"load": 0.0, "evaluate": 0.0, "end_to_end": 0.0, "rss_mb": 0.0, "findings": 0}
    for r in rows:
        d, o, q = (r.get(engine, none) for engine in ENGINES)
        loads = r["json_loads"]
        assert isinstance(d, dict) and isinstance(o, dict) and isinstance(q, dict)
        assert isinstance(loads, float)
        lines.append(
            f"| {r['supporters']:,} | {r['mb']:.0f} | {loads:.2f} s | {d['load']:.2f} s "
            f"| {d['evaluate']:.2f} s | {o['evaluate']:.2f} s | {q['evaluate']:.2f} s "
            f"| {d['end_to_end']:.2f} s | {d['end_to_end'] / loads:.1f}x "
            f"| {q['end_to_end']:.2f} s | {q['end_to_end'] / loads:.1f}x "
            f"| {d['rss_mb']:.0f} MB | {q['rss_mb']:.0f} MB | {d['findings']:,} |"
        )
    if set(engines) != set(ENGINES):
        lines += ["", f"Engines timed: {', '.join(engines)} (the others show 0)."]
    lines.append("")
    for r in rows:
        for engine in engines:
            e = r[engine]
            assert isinstance(e, dict)
            counted = (
                f"; {e['evaluated']:,} of {e['partitions']:,} partitions evaluated"
                if e["partitions"]
                else ""
            )
            lines.append(
                f"CPU at {r['supporters']:,} ({engine}): parent {e['cpu_parent']:.2f} s, "
                f"workers {e['cpu_workers']:.2f} s{counted}."
            )
    lines += [
        "",
        f"Warm re-check of one supporter ({args.rechecks} checks): "
        f"p50 {recheck['p50_ms']:.1f} ms, p95 {recheck['p95_ms']:.1f} ms.",
        f"`governance check examples/register.yaml`: {wall:.2f} s wall (median).",
    ]
    OUT.mkdir(exist_ok=True)
    (OUT / "benchmark.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (OUT / "benchmark.json").write_text(
        json.dumps({"rows": rows, "recheck": recheck, "cli_wall": wall}, indent=2) + "\n",
        encoding="utf-8",
    )
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
