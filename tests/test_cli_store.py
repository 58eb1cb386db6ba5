# ruff: noqa: E501  (the terminal's lines, pinned whole)
"""The audit store's commands as a reviewer uses them: check --store --baseline, runs, diff,
history, triage, store verify (SQLite; the store itself is tested on both backends)."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from governance.cli import cli
from tests.conftest import SMALL
from tests.test_store import CHANGED

TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
MISSING, LATE, CONDITION, RETRO = (
    "53985d541bc556efa09d",
    "c8864a83313cdce3bf7f",
    "ad5c9e274bb823ab9b45",
    "451f7e15111dca878b40",
)


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def two_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A store beside a register checked once, then changed and checked against the first run."""
    monkeypatch.chdir(tmp_path)
    register = tmp_path / "register.yaml"
    register.write_text(SMALL, encoding="utf-8")
    first = run("check", "register.yaml", "--pack", "banso-shien", "--engine", "oracle", "--store")
    assert first.exit_code == 1
    assert first.stderr == (
        "created the audit store governance-audit.db (schema version 3)\n"
        "recorded run 1 in governance-audit.db\n"
    )
    register.write_text(CHANGED, encoding="utf-8")
    return register


def test_check_against_the_last_run_marks_each_finding(two_runs: Path) -> None:
    result = run(
        "check", "register.yaml", "--pack", "banso-shien", "--engine", "oracle",
        "--store", "--baseline", "last",
    )  # fmt: skip
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "  severity  state      rule                      subject  deadline                      baseline   triage",
        "田中 一郎 (P-TANAKA)",
        "  medium    violation  disclosure.late           SEAT-1   -                             new        -",
        f"      田中 一郎 disclosed the interest SEAT-1 in 気仙沼水産株式会社 on 15 September 2026, after the deadline of 31 July 2026.  [{LATE}]",
        "  medium    violation  review.retroactive        INV-1    -                             unchanged  -",
        f"      The interest INV-1 in 気仙沼水産株式会社 of 田中プランニング合同会社, linked to the supporter 田中 一郎 (control), began on 1 June 2026 and was approved by the third-party review only afterwards.  [{RETRO}]",
        "Not tied to a supporter",
        "  medium    overdue    review.condition-overdue  C-1      2027-01-31 (59 days overdue)  updated    -",
        f"      The condition C-1 of the review RV-1 was due on 31 January 2027 and has not been met in time.  [{CONDITION}]",
        "against run 1: 1 new, 1 updated, 1 unchanged, 1 absent",
        f"  absent  disclosure.missing  SEAT-1  ({MISSING})",
        "      田中 一郎 has not disclosed the board seat SEAT-1 in 気仙沼水産株式会社 to 気仙沼市 (due 31 July 2026).",
        "3 findings: 3 medium · 1 overdue (as of 2027-03-31)",
    ]  # fmt: skip
    assert result.stderr == (
        "reused the matches of 3 of 6 partitions (50.0%) from earlier checks\n"
        "recorded run 2 in governance-audit.db\n"
    )


def test_json_carries_the_marks_and_sarif_uses_baseline_state(two_runs: Path) -> None:
    result = run(
        "check", "register.yaml", "--pack", "banso-shien", "--engine", "oracle",
        "--store=governance-audit.db", "--baseline", "1", "-o", "json:r.json",
        "-o", "sarif:r.sarif", "--quiet",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    audit = json.loads((two_runs.parent / "r.json").read_text(encoding="utf-8"))["audit"]
    assert (audit["run"], audit["baseline"], audit["triage"]) == (2, 1, {})
    assert audit["marks"] == {LATE: "new", RETRO: "unchanged", CONDITION: "updated"}
    assert [f["id"] for f in audit["absent"]] == [MISSING]
    sarif = json.loads((two_runs.parent / "r.sarif").read_text(encoding="utf-8"))["runs"][0]
    assert [(r["ruleId"], r["baselineState"]) for r in sarif["results"]] == [
        ("disclosure.late", "new"),
        ("review.condition-overdue", "updated"),
        ("review.retroactive", "unchanged"),
        ("disclosure.missing", "absent"),
    ]
    assert (sarif["properties"]["auditRun"], sarif["properties"]["baselineRun"]) == (2, 1)


def test_runs_diff_triage_history_and_verify(two_runs: Path) -> None:
    run("check", "register.yaml", "--pack", "banso-shien", "--engine", "oracle", "--store")
    runs = run("runs")
    assert runs.exit_code == 0
    assert TIME.sub("T", runs.stdout).splitlines()[0].split() == [
        "run", "recorded", "at", "(UTC)", "actor", "register", "as", "of", "engine", "findings",
        "report",
    ]  # fmt: skip
    assert [line.split()[0] for line in runs.stdout.splitlines()[1:]] == ["1", "2"]
    diff = run("diff", "1", "2")
    assert diff.stdout.splitlines() == [
        "          finding               rule                      subject  severity  run 1    run 2",
        f"new       {LATE}  disclosure.late           SEAT-1   medium    -        violation",
        f"resolved  {MISSING}  disclosure.missing        SEAT-1   high      overdue  -",
        f"changed   {CONDITION}  review.condition-overdue  C-1      medium    overdue  overdue",
        "run 1 → run 2: 1 new, 1 resolved, 1 changed, 1 unchanged",
    ]  # fmt: skip
    assert json.loads(run("diff", "1", "last", "--format", "json").stdout)["unchanged"] == 1
    assert run("diff", "1", "2", "--format", "markdown").stdout.splitlines()[:4] == [
        "**run 1 → run 2: 1 new, 1 resolved, 1 changed, 1 unchanged**",
        "",
        "|  | finding | rule | subject | severity | run 1 | run 2 |",
        "|---|---|---|---|---|---|---|",
    ]
    triaged = run(
        "triage", CONDITION, "--state", "accepted_risk", "--by", "M-KSN",
        "--reason", "the due day moved", "--until", "2027-06-30",
    )  # fmt: skip
    assert triaged.exit_code == 0
    assert triaged.stdout == (
        f"triage 1: {CONDITION} is accepted_risk until 2027-06-30 (by M-KSN: the due day moved)\n"
    )
    history = run("history", CONDITION)
    assert TIME.sub("<time>", history.stdout).splitlines() == [
        f"{CONDITION}: review.condition-overdue on condition C-1 (banso-shien)",
        "",
        "run  recorded at (UTC)     as of       state    severity  mark",
        "1    <time>  2027-03-31  overdue  medium    new",
        "2    <time>  2027-03-31  overdue  medium    updated",
        "",
        "triage  recorded at (UTC)     state          by     until       reason",
        "1       <time>  accepted_risk  M-KSN  2027-06-30  the due day moved",
    ]
    shown = run("check", "register.yaml", "--pack", "banso-shien", "--engine", "oracle", "--store")
    line = next(x for x in shown.stdout.splitlines() if "review.condition-overdue" in x)
    assert line.split()[-4:] == ["-", "accepted_risk", "until", "2027-06-30"]  # no baseline
    verified = run("store", "verify")
    assert verified.exit_code == 0
    assert verified.stdout == ("governance-audit.db: 3 runs, 1 triage event: verified\n")


def test_store_verify_exits_5_naming_the_edited_run(two_runs: Path) -> None:
    database = two_runs.parent / "governance-audit.db"
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE runs SET as_of = '2027-01-01' WHERE seq = 1")
    connection.close()
    result = run("store", "verify", "--store", str(database))
    assert result.exit_code == 5
    assert result.stderr.startswith("run 1: the row does not match its hash (stored sha256:")
    assert result.stdout == f"{database}: 1 run, 0 triage events: DOES NOT VERIFY\n"


def test_store_mistakes_get_a_clear_answer(two_runs: Path) -> None:
    folder = two_runs.parent
    no_store = run("check", "register.yaml", "--engine", "oracle", "--baseline", "last")
    assert (no_store.exit_code, no_store.stderr) == (
        2,
        "--baseline compares with a run of an audit store: add --store\n",
    )
    bad_baseline = run("check", "register.yaml", "--engine", "oracle", "--store", "--baseline", "x")
    assert (bad_baseline.exit_code, bad_baseline.stderr) == (
        2,
        "--baseline: expected a run number or 'last'; got 'x'\n",
    )
    unknown = run("diff", "1", "9")
    assert (unknown.exit_code, unknown.stderr) == (
        2,
        "governance-audit.db: no run 9 (`governance runs` lists them)\n",
    )
    elsewhere = run("runs", "--store", str(folder / "other.db"))
    assert (elsewhere.exit_code, elsewhere.stderr) == (
        2,
        f"{folder / 'other.db'}: there is no audit store here (`governance check --store` "
        "makes one)\n",
    )
    not_waivable = run(
        "triage", MISSING, "--state", "false_positive", "--by", "P-SATO", "--reason", "filed"
    )
    assert not_waivable.exit_code == 0  # disclosure.missing is waivable in banso-shien
    missing_until = run(
        "triage", MISSING, "--state", "accepted_risk", "--by", "P-SATO", "--reason", "filed"
    )
    assert (missing_until.exit_code, missing_until.stderr) == (
        2,
        f"governance-audit.db: triage {MISSING} as accepted_risk: --until: an "
        "accepted risk needs the day it is accepted until\n",
    )


def test_a_check_without_a_store_never_imports_sqlalchemy(small_register: Path) -> None:
    code = (
        "import sys; from governance.cli import cli; "
        f"cli.main(['check', {str(small_register)!r}, '--engine', 'oracle', '--quiet'], "
        "standalone_mode=False); print('sqlalchemy' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == "False\n"


def test_the_marks_read_in_japanese(two_runs: Path) -> None:
    result = run(
        "check", "register.yaml", "--pack", "banso-shien", "--engine", "oracle",
        "--store", "--baseline", "last", "--lang", "ja",
    )  # fmt: skip
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split()[-2:] == ["前回比", "トリアージ"]
    assert lines[2].split()[-2:] == ["新規", "-"]
    assert "前回の実行（1）との比較：新規1件、更新1件、変更なし1件、解消1件" in lines
    assert any(line.startswith("  解消  disclosure.missing  SEAT-1") for line in lines)
