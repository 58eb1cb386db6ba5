"""`governance check` options: several outputs in one run, --quiet, --only/--skip, --waivers."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from governance.cli import cli
from tests.conftest import EXAMPLE, SMALL

WAIVERS = """\
apiVersion: governance/v1
kind: Register
waivers:
  - {id: W-9, rule: disclosure.missing, subject: SEAT-1, requested_by: P-TANAKA,
     approved_by: M-KSN, approved_on: 2027-01-10, expires_on: 2027-06-30, reason: 準備中}
"""


def test_several_formats_are_written_in_one_run(tmp_path: Path) -> None:
    report, summary = tmp_path / "report.json", tmp_path / "facts.txt"
    result = CliRunner().invoke(
        cli, ["check", str(EXAMPLE), "-o", f"json:{report}", "-o", f"summary:{summary}"]
    )
    assert result.exit_code == 1
    assert json.loads(report.read_text(encoding="utf-8"))["counts"]["total"] == 41
    assert summary.read_text(encoding="utf-8").startswith("kesennuma-2027 (as of 2027-03-31)")
    assert result.output.splitlines() == [
        "41 findings: 13 critical, 17 high, 11 medium · 10 overdue · 2 due · 1 waived "
        "(as of 2027-03-31)"
    ]


def test_quiet_prints_nothing_and_keeps_the_exit_code(tmp_path: Path) -> None:
    target = tmp_path / "r.json"
    result = CliRunner().invoke(cli, ["check", str(EXAMPLE), "--quiet", "-o", f"json:{target}"])
    assert (result.exit_code, result.output) == (1, "")
    assert target.exists()


def test_only_and_skip_narrow_the_report_and_its_counts() -> None:
    only = CliRunner().invoke(
        cli, ["check", str(EXAMPLE), "--only", "review.condition-overdue", "--format", "json"]
    )
    data = json.loads(only.output)
    assert {f["rule"] for f in data["findings"]} == {"review.condition-overdue"}
    assert data["counts"]["total"] == 2
    assert only.exit_code == 0  # medium findings do not reach --fail-on high
    skipped = json.loads(
        CliRunner()
        .invoke(cli, ["check", str(EXAMPLE), "--skip", "waiver.invalid", "--format", "json"])
        .output
    )
    assert skipped["counts"]["total"] == 39


def test_an_unknown_rule_in_only_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["check", str(EXAMPLE), "--only", "disclosure.mising"])
    assert result.exit_code == 2
    assert result.stderr == (
        "only: unknown rule 'disclosure.mising' (did you mean 'disclosure.missing'?)\n"
        "1 problem; nothing was checked.\n"
    )


def test_waivers_kept_apart_from_the_register_apply(tmp_path: Path) -> None:
    register, waivers = tmp_path / "r.yaml", tmp_path / "waivers.yaml"
    register.write_text(SMALL, encoding="utf-8")
    waivers.write_text(WAIVERS, encoding="utf-8")
    args = ["--only", "disclosure.missing", "--format", "json", "--waivers", str(waivers)]
    for source, stdin in ((str(register), None), ("-", SMALL)):
        result = CliRunner().invoke(cli, ["check", source, *args], input=stdin)
        finding = json.loads(result.output)["findings"][0]
        assert (finding["subject"]["id"], finding["state"]) == ("SEAT-1", "waived")
        assert finding["waiver"]["id"] == "W-9"
        assert result.exit_code == 0


def test_check_help_documents_every_option_with_an_example() -> None:
    result = CliRunner().invoke(cli, ["check", "--help"])
    for option in (
        "--pack",
        "--policies",
        "--as-of",
        "--format",
        "--output",
        "--lang",
        "--fail-on",
        "--waivers",
        "--only",
        "--skip",
        "--quiet",
        "--verbose",
        "--engine",
    ):
        assert option in result.output
    assert "governance check r.yaml -o json:report.json -o sarif:report.sarif --quiet" in (
        result.output
    )


def test_every_format_renders_from_the_cli(tmp_path: Path) -> None:
    for fmt, marker in (
        ("table", "severity"),
        ("json", '"findings"'),
        ("markdown", "# Compliance report"),
        ("html", "<!DOCTYPE html>"),
        ("sarif", '"version": "2.1.0"'),
        ("junit", "<testsuites"),
        ("summary", "kesennuma-2027"),
    ):
        result = CliRunner().invoke(cli, ["check", str(EXAMPLE), "--format", fmt])
        assert result.exit_code == (0 if fmt == "summary" else 1), fmt
        assert marker in result.output, fmt


def test_verbose_says_how_many_partitions_durable_rules_evaluated(tmp_path: Path) -> None:
    target = tmp_path / "r.json"
    args = ["check", str(EXAMPLE), "--pack", "banso-shien", "--verbose", "-o", f"json:{target}"]
    result = CliRunner().invoke(cli, args)
    assert result.stderr == (
        "durable-rules evaluated 47 of 69 partitions over all strata (22 screened out)\n"
    )
    oracle = CliRunner().invoke(cli, [*args[:-2], "--engine", "oracle", "-o", f"json:{target}"])
    assert oracle.stderr == "oracle: the whole register in one evaluation per stratum\n"
