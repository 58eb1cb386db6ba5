"""Register loading speed: file to validated `Register`, at 1k / 10k / 100k supporters.

For each size it generates (once, into bench/data/) a seeded register with bench/generate.py and
measures, each in a fresh process so that peak memory is the load's own, the median of --repeat
runs of: `json.loads` with the garbage collector running, `json.loads` with it paused (what the
loader does), and the whole `governance.load_register` (parse, strict validation, ids and
references checked). Writes bench/out/load.md and bench/out/load.json.

    python bench/load.py                       # 1k and 10k, three runs each
    python bench/load.py --sizes 100000        # the large register (about 118 MB of JSON)
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA, OUT = HERE / "data", HERE / "out"

PROBE = r"""
import gc, json, resource, sys, time
path, what = sys.argv[1], sys.argv[2]
raw = open(path, "rb").read()
started = time.perf_counter()
if what == "json-gc":
    json.loads(raw)
elif what == "json-paused":
    gc.disable(); json.loads(raw); gc.enable()
else:
    from governance import load_register
    started = time.perf_counter()
    load_register(path)
print(json.dumps({"seconds": time.perf_counter() - started,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def register_file(supporters: int) -> Path:
    """The generated register of that size (made on first use)."""
    path = DATA / f"register-{supporters}.json"
    if not path.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                sys.executable,
                str(HERE / "generate.py"),
                "--supporters",
                str(supporters),
                "--seed",
                "1",
                "-o",
                str(path),
            ],
            check=True,
        )
    return path


def measure(path: Path, what: str, repeat: int) -> dict[str, float]:
    """Median seconds and peak RSS of `repeat` fresh-process runs."""
    runs = []
    for _ in range(repeat):
        done = subprocess.run(
            [sys.executable, "-c", PROBE, str(path), what],
            check=True,
            capture_output=True,
            text=True,
        )
        runs.append(json.loads(done.stdout))
    return {
        "seconds": statistics.median(r["seconds"] for r in runs),
        "rss_mb": statistics.median(r["rss_mb"] for r in runs),
    }


def main() -> int:
    """Measure, print and write the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows = []
    for size in args.sizes:
        path = register_file(size)
        row = {"supporters": size, "mb": path.stat().st_size / 1e6}
        for what in ("json-gc", "json-paused", "load_register"):
            row[what] = measure(path, what, args.repeat)
        rows.append(row)
        print(json.dumps(row))
    machine = (
        f"{platform.machine()}, {platform.python_implementation()} {platform.python_version()}"
    )
    lines = [
        f"Register loading, median of {args.repeat} fresh-process runs ({machine})",
        "",
        "| supporters | JSON MB | json.loads, GC on | json.loads, GC paused | load_register "
        "| peak RSS |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['supporters']:,} | {r['mb']:.0f} | {r['json-gc']['seconds']:.2f} s "
            f"| {r['json-paused']['seconds']:.2f} s | {r['load_register']['seconds']:.2f} s "
            f"| {r['load_register']['rss_mb']:.0f} MB |"
        )
    OUT.mkdir(exist_ok=True)
    (OUT / "load.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (OUT / "load.json").write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
