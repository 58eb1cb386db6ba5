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
    result = CliRunner().invoke(cli, ["check", str(small_register)])
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
        "engagements per supporter (1 supporter):",
        "  田中 一郎 [P-TANAKA]: ENG-1",
    ]


def test_check_reads_stdin() -> None:
    result = CliRunner().invoke(cli, ["check", "-"], input=SMALL.encode("utf-8"))
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
        "auditor, executive_officer, advisor; got 'chair'\n"
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

    monkeypatch.setattr("governance.register.load_register", explode)
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
    assert result.returncode == 0, result.stderr
    assert "engagements per supporter" in result.stdout
