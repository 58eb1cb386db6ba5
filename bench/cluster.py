"""Checking a national register across machines: the same check, partitions on a Dask cluster.

Partitions are independent (each holds every fact a rule can join for its supporters), so the
evaluation only needs somewhere to run them. `governance.Engine(..., executor=...)` takes any
`concurrent.futures.Executor`; a Dask cluster's ``Client.get_executor()`` is one. Every machine
needs the same `governance` installed (the workers import it to run durable-rules). A task lost
with its worker is retried locally, partition by partition, exactly like a crashed local worker.

    pip install -e '.[distributed]'
    python bench/cluster.py --supporters 2000                 # a local cluster of 2 workers
    python bench/cluster.py --scheduler tcp://scheduler:8786  # an existing cluster

The run asserts that the cluster's findings equal a local check's.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from datetime import date
from pathlib import Path

from governance import Engine, load_packs, load_register_data

HERE = Path(__file__).resolve().parent


def _generate(supporters: int) -> dict[str, object]:
    spec = importlib.util.spec_from_file_location("bench_generate", HERE / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_generate"] = module
    spec.loader.exec_module(module)
    document: dict[str, object] = module.generate(supporters, 1, date(2027, 3, 31))
    return document


def main() -> int:
    """Check a generated register on a Dask cluster and locally; compare."""
    from distributed import Client, LocalCluster  # the optional extra

    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--supporters", type=int, default=2000)
    parser.add_argument("--scheduler", help="address of an existing cluster (default: local)")
    args = parser.parse_args()
    register = load_register_data(_generate(args.supporters))
    packs = load_packs(["banso-shien", "companies-act-jp"])
    as_of = date(2027, 3, 31)
    cluster = None if args.scheduler else LocalCluster(n_workers=2, threads_per_worker=1)
    with Client(args.scheduler or cluster) as client:
        started = time.perf_counter()
        with Engine(packs, executor=client.get_executor()) as engine:
            remote = engine.check(register, as_of=as_of)
        seconds = time.perf_counter() - started
    if cluster is not None:
        cluster.close()
    with Engine(packs) as engine:
        local = engine.check(register, as_of=as_of)
    same = remote.model_dump_json() == local.model_dump_json()
    print(
        f"{args.supporters} supporters on the cluster: {remote.counts.total} findings in "
        f"{seconds:.1f} s; identical to the local check: {same}"
    )
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
