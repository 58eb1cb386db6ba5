"""The reviewer's commands about policy: validate, rules, explain, schema; and an organisation's
own copy of a pack checked with --policies."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from governance.cli import cli
from tests.conftest import EXAMPLE, ROOT

BANSO = [
    "disclosure.missing",
    "disclosure.late",
    "review.rejected-interest-held",
    "reviewer.not-independent",
    "review.condition-overdue",
    "investment.control",
    "collaboration.public-funds",
    "engagement.prior-trade",
    "pfs.evaluator-missing",
    "pfs.evaluator-not-independent",
    "review.rejected-interest-taken",
    "confidentiality.pledge-missing",
    "disclosure.annual-missing",
    "gift.undisclosed",
    "official.side-job-unapproved",
    "waiver.invalid",
    "review.missing",
    "review.retroactive",
    "collaboration.during-engagement",
    "procurement.participation",
    "review.split-contracts",
]
COMPANIES = [
    "ca.conflict-transaction-unapproved",
    "ca.competing-transaction-unapproved",
    "ca.conflict-transaction-not-reported",
    "ca.interested-director-voted",
    "ca.member-transaction-unapproved",
]
IPPAN = [
    "ippan.conflict-transaction-unapproved",
    "ippan.competing-transaction-unapproved",
    "ippan.conflict-transaction-not-reported",
    "ippan.interested-director-voted",
]


def test_validate_the_shipped_rules_and_packs_prints_one_summary_line() -> None:
    cases = sum(
        len(re.findall(r"^  - name:", p.read_text(encoding="utf-8"), re.M))
        for p in (ROOT / "rules").rglob("*_test.yaml")
    )
    rules = sum(
        "internal: true" not in p.read_text(encoding="utf-8")
        for p in (ROOT / "rules").rglob("*.yaml")
        if not p.stem.endswith("_test")
    )
    packs = len(list((ROOT / "policies").glob("*/pack.yaml")))
    line = f"{rules} rules, {packs} packs, {cases} rule cases: no problems\n"
    result = CliRunner().invoke(cli, ["validate"])
    assert (result.exit_code, result.output) == (0, line)
    result = CliRunner().invoke(cli, ["validate", str(ROOT / "rules"), str(ROOT / "policies")])
    assert (result.exit_code, result.output) == (0, line)


def test_validate_reports_every_problem_sorted_and_exits_3(tmp_path: Path) -> None:
    (tmp_path / "pack.yaml").write_text(
        "apiVersion: governance/v1\nkind: PolicyPack\nid: mine\nversion: '1'\n"
        "title: {en: Mine, ja: 自分}\nadopts:\n"
        "  - {rule: disclosure.misssing, severity: high, cite: {title: x}}\n",
        encoding="utf-8",
    )
    (tmp_path / "other.yaml").write_text("kind: Something\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(tmp_path)])
    assert result.exit_code == 3
    assert result.stderr == (
        f"{tmp_path / 'other.yaml'}:1:1 kind: expected kind Rule, PolicyPack or RuleTest, "
        "got 'Something'\n"
        f"{tmp_path / 'pack.yaml'}:7:12 adopts[0].rule: unknown rule 'disclosure.misssing' "
        "(did you mean 'disclosure.missing'?)\n"
        "0 rules, 1 pack, 0 rule cases: 2 problems.\n"
    )


def test_rules_lists_exactly_the_adopted_rules_with_their_judgement() -> None:
    for pack, expected in (
        ("banso-shien", BANSO),
        ("companies-act-jp", COMPANIES),
        ("ippan-hojin-jp", IPPAN),
    ):
        result = CliRunner().invoke(cli, ["rules", "--pack", pack, "--format", "json"])
        assert result.exit_code == 0
        rows = json.loads(result.output)
        assert [r["rule"] for r in rows] == expected
    rows = json.loads(CliRunner().invoke(cli, ["rules", "--format", "json"]).output)
    by_id = {r["rule"]: r for r in rows}
    assert by_id["disclosure.missing"]["severity"] == "high"
    assert by_id["disclosure.missing"]["deadline"] == (
        "max(interest.start, engagement.start) + disclosure_days"
    )
    assert by_id["ca.interested-director-voted"]["citation"].startswith("会社法 369条2項")
    assert by_id["ippan.interested-director-voted"]["citation"].startswith(
        "一般社団法人及び一般財団法人に関する法律 95条2項; 197条"
    )
    assert by_id["reviewer.not-independent"]["waivable"] is False


def test_rules_table_is_aligned_and_marks_rules_that_cannot_be_waived() -> None:
    result = CliRunner().invoke(cli, ["rules", "--pack", "companies-act-jp", "--lang", "ja"])
    lines = result.output.splitlines()
    assert lines[0].split() == ["pack", "rule", "severity", "deadline", "citation", "title"]
    assert lines[1].split()[:4] == [
        "companies-act-jp",
        "ca.conflict-transaction-unapproved",
        "critical",
        "(not",
    ]
    assert lines[1].endswith("利益相反取引の事前承認がない")
    assert len(lines) == 6


def test_explain_says_what_a_rule_checks_and_lists_its_cases() -> None:
    result = CliRunner().invoke(cli, ["explain", "review.condition-overdue", "--lang", "en"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == (
        "review.condition-overdue (version 2) in banso-shien: Approval condition not met in time"
    )
    assert "  severity: medium; waivable: yes" in lines
    assert "  deadline: condition.due" in lines
    assert "    condition: condition where approving and has_due and met_on > due" in lines
    assert any(
        line.startswith("    rules/banso/review-condition-overdue_test.yaml:") for line in lines
    )
    scenarios = lines[lines.index(next(x for x in lines if x.startswith("  scenarios ("))) + 1 :]
    assert scenarios
    assert all(x.startswith("    features/") and ".feature:" in x for x in scenarios)


def test_explain_an_unknown_rule_suggests_the_closest() -> None:
    result = CliRunner().invoke(cli, ["explain", "disclosure.mising"])
    assert result.exit_code == 3
    assert result.stderr.splitlines()[0] == (
        "<rules>: no pack adopts rule 'disclosure.mising' (did you mean 'disclosure.missing'?)"
    )


@pytest.mark.parametrize("name", ["register", "finding", "report", "rule", "pack"])
def test_schema_prints_each_json_schema(name: str) -> None:
    result = CliRunner().invoke(cli, ["schema", name])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is False


def test_an_organisation_copies_a_pack_changes_judgement_and_checks_with_policies(
    tmp_path: Path,
) -> None:
    mine = tmp_path / "my-policies" / "banso-shien"
    shutil.copytree(ROOT / "policies" / "banso-shien", mine)
    pack = mine / "pack.yaml"
    text = pack.read_text(encoding="utf-8")
    text = text.replace(
        "params: {max_equity_pct: 33.3}\n    severity: high",
        "params: {max_equity_pct: 40}\n    severity: critical",
    )
    text = text.replace(
        "rule: disclosure.late\n    params: {disclosure_days: 30}\n    severity: medium",
        "rule: disclosure.late\n    params: {disclosure_days: 30}\n    severity: low",
    )
    pack.write_text(text, encoding="utf-8")
    args = ["check", str(EXAMPLE), "--pack", "banso-shien", "--format", "json"]
    before = json.loads(CliRunner().invoke(cli, args).output)
    after = json.loads(
        CliRunner().invoke(cli, [*args, "--policies", str(tmp_path / "my-policies")]).output
    )

    def of(report: dict[str, object], rule: str) -> list[tuple[str, str]]:
        return [
            (f["subject"]["id"], f["severity"])
            for f in report["findings"]  # type: ignore[attr-defined]
            if f["rule"] == rule
        ]

    assert of(before, "investment.control") == [("ENG-TAKAHASHI", "high")]  # 35% > 33.3%
    assert of(after, "investment.control") == []  # 35% <= 40%
    assert of(before, "disclosure.late") == [("INV-TAKAHASHI-2", "medium")]
    assert of(after, "disclosure.late") == [("INV-TAKAHASHI-2", "low")]
    assert (ROOT / "rules").is_dir()  # the built-in rules were used as they are
    assert before["packs"][0]["digest"] != after["packs"][0]["digest"]


def test_explain_a_finding_id_says_why_it_fired() -> None:
    report = json.loads(
        CliRunner()
        .invoke(cli, ["check", str(EXAMPLE), "--only", "investment.control", "--format", "json"])
        .output
    )
    finding_id = report["findings"][0]["id"]
    result = CliRunner().invoke(
        cli, ["explain", finding_id, "--register", str(EXAMPLE), "--lang", "en"]
    )
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert (
        lines[0] == f"{finding_id}: investment.control on engagement ENG-TAKAHASHI, high, violation"
    )
    assert "  with: max_equity_pct = 33.3" in lines
    assert (
        "    aggregate: sum of interest.equity_pct per engagement, once per interest, kept where "
        "total > max_equity_pct"
    ) in lines
    assert any("INV-TAKAHASHI-2" in line and "equity_pct=15.0" in line for line in lines)


def test_explain_why_a_rule_does_not_fire_on_a_subject() -> None:
    result = CliRunner().invoke(
        cli,
        ["explain", "disclosure.missing", "--register", str(EXAMPLE), "--subject", "INV-TANAKA-1"],
    )
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "disclosure.missing on INV-TANAKA-1 as of 2027-03-31: does not fire",
        # the interest is 田中プランニング's, attributed to 田中 (not his own: alternative 1)
        "  alternative 1: no interest satisfied 'interest: interest where id == "
        "attribution.interest and start <= engagement.end and end >= engagement.start'",
        "  alternative 2: 'absent disclosure: disclosure where interest == interest.id and "
        "filed_to == engagement.payer' found disclosure/D-TANAKA-1/INV-TANAKA-1",
    ]
    fires = CliRunner().invoke(
        cli,
        ["explain", "disclosure.missing", "--register", str(EXAMPLE), "--subject", "SEAT-KATO-1"],
    )
    lines = fires.output.splitlines()
    assert lines[:3] == [
        "disclosure.missing on SEAT-KATO-1 as of 2027-03-31: fires",
        "  alternative 1: it fires",  # the seat is 加藤's own
        "  alternative 2: no interest satisfied 'interest: interest where id == "
        "attribution.interest and start <= engagement.end and end >= engagement.start'",
    ]
    assert lines[3].endswith(
        ": disclosure.missing on interest SEAT-KATO-1, high, overdue (deadline 2026-08-31)"
    )
    evidence = lines[lines.index("  evidence:") + 1 :]
    assert any(
        line.startswith("    engagement ENG-KATO (examples/register.yaml:97): ")
        or line.startswith("    engagement ENG-KATO (")
        for line in evidence
    )


def test_explain_an_unknown_subject_is_a_usage_error_with_a_suggestion() -> None:
    result = CliRunner().invoke(
        cli,
        ["explain", "disclosure.missing", "--register", str(EXAMPLE), "--subject", "SEAT-KAT-1"],
    )
    assert result.exit_code == 2
    assert result.stderr == (
        "no fact 'SEAT-KAT-1' in the register (did you mean 'SEAT-KATO-1'?); "
        "--subject takes the id of a fact the rule reports on\n"
    )


def test_explain_subject_without_a_register_is_refused() -> None:
    result = CliRunner().invoke(cli, ["explain", "disclosure.missing", "--subject", "SEAT-KATO-1"])
    assert result.exit_code == 2
    assert result.stderr == (
        "--subject SEAT-KATO-1 needs --register: the register to look for it in\n"
    )


def test_explain_an_unknown_finding_id_is_a_usage_error() -> None:
    result = CliRunner().invoke(
        cli, ["explain", "0123456789abcdef0123", "--register", str(EXAMPLE)]
    )
    assert result.exit_code == 2
    assert result.stderr.startswith("no finding '0123456789abcdef0123' as of 2027-03-31")


def test_files_linked_from_outside_a_folder_are_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "elsewhere" / "pack.yaml"
    secret.parent.mkdir()
    secret.write_text("kind: PolicyPack\n", encoding="utf-8")
    policies = tmp_path / "policies"
    (policies / "mine").mkdir(parents=True)
    (policies / "mine" / "pack.yaml").symlink_to(secret)
    result = CliRunner().invoke(cli, ["validate", str(policies)])
    assert result.exit_code == 3
    assert result.stderr.splitlines()[0] == (
        f"{policies / 'mine' / 'pack.yaml'}: links outside the folder {policies}; not read"
    )
    features = tmp_path / "features"
    features.mkdir()
    (features / "a.feature").symlink_to(ROOT / "features" / "banso-shien" / "disclosure.feature")
    result = CliRunner().invoke(cli, ["test", str(features)])
    assert result.exit_code != 0
    assert f"{features / 'a.feature'}: links outside the folder {features}; not read" in (
        result.output + result.stderr
    )
