"""The audit store under stress, on SQLite and a real PostgreSQL server: a process killed while
recording leaves the previous state, and checks recording at once all land."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import create_engine, text

from governance import AuditStore, Report
from governance.store.connect import store_url as resolve
from tests.conftest import EXAMPLE, ROOT

RECORDER = """
import sys, time
from pathlib import Path
from sqlalchemy import event
from governance import AuditStore, Report

url, report_file, marker, runs = sys.argv[1], sys.argv[2], Path(sys.argv[3]), int(sys.argv[4])
report = Report.model_validate_json(Path(report_file).read_text(encoding="utf-8"))
store = AuditStore(url)
if runs == 0:  # stop in the middle of writing the run's findings, and wait to be killed
    @event.listens_for(store._engine, "before_cursor_execute")
    def pause(conn, cursor, statement, *args):
        if statement.startswith("INSERT INTO run_findings"):
            marker.write_text("writing", encoding="utf-8")
            time.sleep(120)
    store.record(report)
else:
    while not marker.exists():  # start together
        time.sleep(0.005)
    for _ in range(runs):
        store.record(report)
store.close()
"""


def _recorder(tmp_path: Path, url: str, report: Report, runs: int) -> subprocess.Popen[bytes]:
    script = tmp_path / "recorder.py"
    script.write_text(RECORDER, encoding="utf-8")
    report_file = tmp_path / "report.json"
    report_file.write_text(report.to_json(), encoding="utf-8")
    return subprocess.Popen(
        [sys.executable, str(script), url, str(report_file), str(tmp_path / "marker"), str(runs)],
        cwd=ROOT,
    )


def _count(url: str, table: str) -> int:
    engine = create_engine(resolve(url))
    with engine.connect() as connection:
        found = connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
    engine.dispose()
    return int(found)


def test_a_process_killed_while_recording_leaves_the_previous_state(
    store_url: str, tmp_path: Path, report: Report
) -> None:
    with AuditStore(store_url) as store:
        store.record(report)
    child = _recorder(tmp_path, store_url, report, runs=0)
    deadline = time.monotonic() + 60
    while not (tmp_path / "marker").exists():
        assert child.poll() is None, "the recorder ended before it was killed"
        assert time.monotonic() < deadline, "the recorder never started writing"
        time.sleep(0.01)
    os.kill(child.pid, signal.SIGKILL)
    assert child.wait(timeout=30) == -signal.SIGKILL
    with AuditStore(store_url) as store:
        assert [r.run for r in store.runs()] == [1]
        assert _count(store_url, "run_findings") == len(report.findings)
        assert store.verify().ok
        assert store.record(report).run == 2  # nothing was left locked
        assert store.verify().ok


def test_checks_recording_at_once_all_land(store_url: str, tmp_path: Path, report: Report) -> None:
    AuditStore(store_url).close()  # created once: the race is over the runs, not the schema
    children = [_recorder(tmp_path, store_url, report, runs=5) for _ in range(2)]
    time.sleep(0.5)  # both are waiting for the start
    (tmp_path / "marker").write_text("go", encoding="utf-8")
    assert [child.wait(timeout=120) for child in children] == [0, 0]
    with AuditStore(store_url) as store:
        assert [r.run for r in store.runs()] == list(range(1, 11))
        assert _count(store_url, "run_findings") == 10 * len(report.findings)
        assert store.verify().ok


def test_two_cli_checks_into_a_new_store_both_land(store_url: str, tmp_path: Path) -> None:
    governance = Path(sys.executable).parent / "governance"
    command = [str(governance), "check", str(EXAMPLE), "--engine", "oracle", "--quiet"]
    command += ["--fail-on", "none", f"--store={store_url}"]
    children = [subprocess.Popen(command, stderr=subprocess.PIPE) for _ in range(2)]
    errors = [child.communicate(timeout=120)[1].decode() for child in children]
    assert [child.returncode for child in children] == [0, 0], errors
    with AuditStore(store_url) as store:
        assert [r.run for r in store.runs()] == [1, 2]
        assert store.verify().ok
    told = sorted(line for e in errors for line in e.splitlines() if line.startswith("recorded"))
    assert told == [f"recorded run 1 in {store.where}", f"recorded run 2 in {store.where}"]
