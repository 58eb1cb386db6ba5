"""The command line: exit codes and output a reviewer sees."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from governance.cli import cli, main
from tests.conftest import EXAMPLE, SMALL


def test_check_prints_the_register_summary(small_register: Path) -> None:
    result = CliRunner().invoke(cli, ["check", str(small_register), "--format", "summary"])
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "kesennuma-2027 (as of 2027-03-31)",
        "  parties            5  (organization 3, person 2)",
        "  relations          1  (controls 1)",
        "  engagements        1",
        "  interests          2  (board_seat 1, investment 1)",
        "  disclosures        1",
        "  reviews            1",
        "  resolutions        0",
        "  waivers            0",
        "  bids               0",
        "  pledges            1",
        "  permissions        0",
        "engagements per supporter (1 supporter):",
        "  田中 一郎 [P-TANAKA]: ENG-1",
    ]


def test_check_reads_stdin() -> None:
    result = CliRunner().invoke(
        cli, ["check", "-", "--format", "summary"], input=SMALL.encode("utf-8")
    )
    assert result.exit_code == 0
    assert result.output.startswith("kesennuma-2027 (as of 2027-03-31)\n")


def test_a_bad_register_exits_2_with_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(SMALL.replace("role: director", "role: chair").replace("12.5", "101"))
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"{path}:18:18 interests[0].equity_pct: expected a number from 0 to 100, got 101\n"
        f"{path}:20:12 interests[1].role: expected one of director, representative_director, "
        "auditor, executive_officer, advisor, statutory_executive_officer, executive_member; "
        "got 'chair'\n"
        "2 problems; nothing was checked.\n"
    )


def test_usage_errors_exit_2() -> None:
    result = CliRunner().invoke(cli, ["check"])
    assert result.exit_code == 2
    assert "Missing argument 'REGISTER...'" in result.output


def test_an_unexpected_error_prints_one_line_and_keeps_the_report(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def explode(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("governance.loading.load_register", explode)
    with pytest.raises(SystemExit) as exited:
        main(["check", str(EXAMPLE)])
    assert exited.value.code == 70
    err = capsys.readouterr().err
    assert err.startswith("internal error: RuntimeError: boom (full report: ")
    report = Path(err.split("full report: ")[1].rstrip(")\n"))
    assert "Traceback" in report.read_text(encoding="utf-8")
    assert "Traceback" not in err
    report.unlink()


def test_python_dash_m_runs_the_same_command_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "governance", "check", str(EXAMPLE)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines()[-1] == (
        "41 findings: 13 critical, 17 high, 11 medium · 10 overdue · 2 due · 1 waived "
        "(as of 2027-03-31)"
    )


def test_check_prints_findings_and_fails_on_high(small_register: Path) -> None:
    result = CliRunner().invoke(cli, ["check", str(small_register), "--lang", "en"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].split() == ["severity", "state", "rule", "subject", "deadline"]
    assert lines[1] == "田中 一郎 (P-TANAKA)"  # grouped by supporter
    assert lines[2].split() == [
        "high",
        "overdue",
        "disclosure.missing",
        "SEAT-1",
        "2026-07-31",
        "(243",
        "days",
        "overdue)",
    ]
    assert lines[3] == (
        "      田中 一郎 has not disclosed the board seat SEAT-1 in 気仙沼水産株式会社 "
        "to 気仙沼市 (due 31 July 2026)."
    )
    assert "\x1b[" not in result.output  # no colours when the output is not a terminal
    assert lines[-1] == "3 findings: 1 high, 2 medium · 2 overdue (as of 2027-03-31)"


def test_fail_on_none_and_a_higher_threshold_exit_0(small_register: Path) -> None:
    for option in ("none", "critical"):
        result = CliRunner().invoke(cli, ["check", str(small_register), "--fail-on", option])
        assert result.exit_code == 0, option


def test_json_output_is_byte_identical_across_runs(tmp_path: Path) -> None:
    outputs = []
    for n in range(2):
        target = tmp_path / f"report{n}.json"
        result = CliRunner().invoke(
            cli, ["check", str(EXAMPLE), "--format", "json", "-o", str(target)]
        )
        assert result.exit_code == 1
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]
    assert b'"total": 41' in outputs[0]


def test_an_unknown_pack_exits_3() -> None:
    result = CliRunner().invoke(cli, ["check", str(EXAMPLE), "--pack", "banso-shein"])
    assert result.exit_code == 3
    assert result.stderr.splitlines()[0] == (
        "<packs>: unknown pack 'banso-shein' (did you mean 'banso-shien'?)"
    )


def test_the_table_aligns_japanese_text_and_colours_severity_on_a_terminal() -> None:
    from datetime import date

    from governance import evaluate, load_packs, load_register
    from governance.render.table import plain, render_table
    from governance.render.text import width

    report = evaluate(
        load_register(EXAMPLE),
        load_packs(["banso-shien"]),
        as_of=date(2027, 3, 31),
        engine="oracle",
    )
    text = render_table(report, "ja")
    assert "\x1b[1;31m重大" in text  # critical in bold red, for a terminal
    rows = [line for line in plain(text).splitlines() if line.startswith("  ") and "  " in line[2:]]
    rows = [r for r in rows if not r.startswith("      ")]
    columns = {width(r[: r.index(rule)]) for r in rows for rule in [r.split()[2]]}
    assert len(columns) == 1  # the rule column starts at one terminal column on every row


def test_an_engine_failure_is_one_clear_message_and_exit_70(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from governance.errors import EngineError, Problem

    def crashed(*_args: object, **_kwargs: object) -> None:
        raise EngineError([Problem("<engine>", message="durable-rules crashed or hung twice")])

    monkeypatch.setattr("governance.api.engine.Engine.check", crashed)
    result = CliRunner().invoke(cli, ["check", str(EXAMPLE)])
    assert result.exit_code == 70
    assert result.stderr == (
        "<engine>: durable-rules crashed or hung twice\n"
        "the check did not complete; try --engine oracle\n"
    )
