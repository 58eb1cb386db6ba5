"""A worker whose parent dies exits too, even while it is busy in C code holding the GIL.

A parent process starts `Workers`, hands its pool worker (and, in the second test, its quick
worker) a task that loops in C (``sum(range(10**13))`` never releases the GIL, like
durable-rules' core stuck on a rule), and is then killed with SIGKILL. Before the fix the worker
was reparented and kept burning a core for as long as the task ran.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

PARENT = textwrap.dedent(
    """
    import os, sys, time
    from governance.run.workers import WorkerPolicy, WorkerStats, Workers

    def busy(context, chunk):
        with open(context, "w") as out:
            out.write(str(os.getpid()))
        sum(range(10**13))  # minutes of C code holding the GIL
        return []

    if __name__ == "__main__":
        workers = Workers(1, policy=WorkerPolicy(timeout_base=3600))
        chunks = [[("P-1", None)]] * int(sys.argv[2])
        workers.run(busy, sys.argv[1], chunks, size=len, split=lambda c: [c],
                    stats=WorkerStats())
    """
)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/stat")
    return not (status.exists() and status.read_text().split(") ")[-1].startswith("Z"))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
@pytest.mark.parametrize(("chunks", "worker"), [(1, "quick worker"), (2, "pool worker")])
def test_a_busy_worker_exits_when_its_parent_is_killed(
    tmp_path: Path, chunks: int, worker: str
) -> None:
    script, pid_file = tmp_path / "parent.py", tmp_path / "worker.pid"
    script.write_text(PARENT, encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(script), str(pid_file), str(chunks)])
    try:
        deadline = time.monotonic() + 60
        while not (pid_file.exists() and pid_file.read_text()) and time.monotonic() < deadline:
            time.sleep(0.05)
        child = int(pid_file.read_text())
        time.sleep(0.5)  # well inside the C loop
        assert _alive(child), f"the {worker} should be busy"
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 10
        while _alive(child) and time.monotonic() < deadline:
            time.sleep(0.05)
        gone = not _alive(child)
        if not gone:
            os.kill(child, signal.SIGKILL)
        assert gone, f"the {worker} outlived its parent"
    finally:
        if parent.poll() is None:
            parent.kill()
