"""The audit store's benchmark: recording a run, and an incremental re-check against a full one.

Usage::

    python bench/store.py --supporters 10000                 # SQLite in a temporary folder
    python bench/store.py --supporters 10000 --store postgresql://user@/db?host=/tmp/pg

A register of N supporters (bench/generate.py, seed 1) is checked with durable-rules (2 workers),
its run recorded, and its partitions' matches kept; then 1% of the supporters change (each
withdraws its disclosures) and the changed register is checked twice, side by side in the same
warm engine: a full check, and an incremental one that reuses the matches of the unchanged
partitions. The two reports are asserted byte-identical. Loading and normalising are in every
check's time (the register is loaded once per variant, outside the timings).
"""

from __future__ import annotations

import argparse
import copy
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate

import governance

AS_OF = date(2027, 3, 31)


def changed(document: dict[str, object], every: int) -> tuple[dict[str, object], int]:
    """`document` with every `every`-th supporter's disclosures withdrawn; how many changed."""
    out = copy.deepcopy(document)
    disclosures = out["disclosures"]
    assert isinstance(disclosures, list)
    hit = {
        d["id"].split("-")[0] for d in disclosures if int(d["id"].split("-")[0][1:]) % every == 0
    }
    out["disclosures"] = [d for d in disclosures if d["id"].split("-")[0] not in hit]
    return out, len(hit)


def backup(source: str | Path, target: str | Path) -> None:
    """Copy an SQLite database with its write-ahead log (sqlite3's online backup)."""
    with sqlite3.connect(source) as old, sqlite3.connect(target) as new:
        old.backup(new)
    old.close()
    new.close()


def timed(work: Callable[[], object], repeat: int) -> tuple[float, object]:
    """The median seconds of `repeat` runs of `work`, and its last result."""
    seconds, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds), result


def table(
    args: argparse.Namespace,
    *,
    findings: int,
    where: str,
    count: int,
    seconds: tuple[float, ...],
    reused: object,
) -> None:
    """Print the results as a Markdown table."""
    first, kept, record, verify, full, fast = seconds
    print(
        f"{args.supporters:,} supporters, {findings:,} findings, store on {where}; "
        f"{count} supporters ({100 * count / args.supporters:.0f}%) changed; "
        f"median of {args.repeat}; reports byte-identical"
    )
    print()
    print("| check | seconds |")
    print("|---|---:|")
    print(f"| full check, first run | {first:.2f} |")
    print(f"| full check keeping its partitions' matches in the store | {kept:.2f} |")
    print(f"| recording the run (report, {findings:,} findings, hash chain) | {record:.2f} |")
    print(f"| `store verify` of {args.repeat} runs | {verify:.2f} |")
    print(f"| full check, {count} supporters changed | {full:.2f} |")
    print(
        f"| incremental check, same register ({reused.reused:,} of {reused.total:,} partitions "  # type: ignore[attr-defined]
        f"reused) | {fast:.2f} |"
    )
    print(f"| incremental / full | {fast / full:.2f}x ({full / fast:.1f}x faster) |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--supporters", type=int, default=10_000)
    parser.add_argument("--store", help="a store URL (default: SQLite in a temporary folder)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    document = generate(args.supporters, 1, AS_OF)
    variant, count = changed(document, 100)
    packs = governance.load_packs(["banso-shien", "companies-act-jp"])
    before = governance.load_register_data(document)
    after = governance.load_register_data(variant)
    with tempfile.TemporaryDirectory() as folder:
        url = args.store or str(Path(folder) / "governance-audit.db")
        with governance.AuditStore(url) as store, governance.Engine(packs) as warm:
            first, report = timed(lambda: warm.check(before, as_of=AS_OF), 1)
            assert isinstance(report, governance.Report)
            keeping = store.matches()
            kept, _ = timed(lambda: warm.check(before, as_of=AS_OF, reuse=keeping), 1)
            record, _ = timed(lambda: store.record(report, packs=packs), args.repeat)
            full, full_report = timed(lambda: warm.check(after, as_of=AS_OF), args.repeat)
            assert isinstance(full_report, governance.Report)
            stats: list[object] = []
            snapshot = Path(folder) / "snapshot.db"
            sqlite = not url.startswith("postgres")
            if sqlite:  # every repeat starts from the matches of the first run only
                backup(url, snapshot)

            def incremental() -> governance.Report:
                target = url
                if sqlite:
                    target = str(Path(folder) / f"repeat-{len(stats)}.db")
                    backup(snapshot, target)
                with governance.AuditStore(target) as copy_:
                    cache = copy_.matches()
                    stats.append(cache.stats)
                    return warm.check(after, as_of=AS_OF, reuse=cache)

            fast, fast_report = timed(incremental, args.repeat if sqlite else 1)
            assert isinstance(fast_report, governance.Report)
            assert fast_report.to_json() == full_report.to_json(), "reports differ"
            reused = stats[0]
            verify, _ = timed(store.verify, 1)
            where = "PostgreSQL" if url.startswith("postgres") else "SQLite"
    seconds = (first, kept, record, verify, full, fast)
    findings = len(report.findings)
    table(args, findings=findings, where=where, count=count, seconds=seconds, reused=reused)
    return 0


if __name__ == "__main__":
    sys.exit(main())
