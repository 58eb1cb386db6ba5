"""The SARIF and JUnit renderers, run on a real evaluation of the example register."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

import pytest
from jsonschema.validators import validator_for

from governance.findings.models import Report, Text
from governance.render.junit import render_junit
from governance.render.sarif import FINGERPRINT, render_sarif
from tests.conftest import EXAMPLE, ROOT

SARIF_SCHEMA = ROOT / "tests" / "vendor" / "sarif-2.1.0.json"  # see tests/vendor/README.md
REGISTER_URI = "examples/register.yaml"
LEVELS = {"critical": "error", "high": "error", "medium": "warning", "low": "note", "info": "note"}


def sarif(report: Report, lang: str = "en") -> dict[str, Any]:
    """The rendered SARIF log, parsed."""
    log: dict[str, Any] = json.loads(render_sarif(report, lang))
    return log


def validate_sarif(log: dict[str, Any]) -> None:
    """Validate `log` with the validator of the draft the official schema declares (draft-04)."""
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator_class = validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert [f"{list(e.absolute_path)}: {e.message}" for e in errors] == []


def test_the_example_has_every_state(report: Report) -> None:
    # The assertions below are only meaningful if each state occurs at least once.
    assert {f.state for f in report.findings} == {"violation", "overdue", "due", "waived"}


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_sarif_validates_against_the_official_schema(report: Report, lang: str) -> None:
    log = sarif(report, lang)
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 1
    validate_sarif(log)


def test_sarif_without_findings_validates(report: Report) -> None:
    log = sarif(report.model_copy(update={"findings": []}))
    validate_sarif(log)
    assert log["runs"][0]["tool"]["driver"]["rules"] == []
    assert log["runs"][0]["results"] == []


def test_sarif_has_one_result_per_finding_fingerprinted_by_its_id(report: Report) -> None:
    results = sarif(report)["runs"][0]["results"]
    assert len(results) == len(report.findings) == report.counts.total
    assert [r["partialFingerprints"] for r in results] == [
        {FINGERPRINT: f.id} for f in report.findings
    ]
    assert [r["ruleId"] for r in results] == [f.rule for f in report.findings]


def test_sarif_rules_are_sorted_and_indexed(report: Report) -> None:
    run = sarif(report)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [rule["id"] for rule in rules]
    assert ids == sorted({f.rule for f in report.findings})
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    by_id = {rule["id"]: rule for rule in rules}
    for finding in report.findings:
        rule = by_id[finding.rule]
        assert rule["shortDescription"]["text"] == finding.title.en
        assert finding.pack in rule["properties"]["packs"]
        assert finding.citation.title in rule["help"]["text"]
    assert run["tool"]["driver"]["name"] == "governance"
    assert run["tool"]["driver"]["version"] == report.tool.version


def test_sarif_levels_and_kinds_follow_severity_and_state(report: Report) -> None:
    results = sarif(report)["runs"][0]["results"]
    for finding, result in zip(report.findings, results, strict=True):
        if finding.state == "due":
            # SARIF §3.27.10: a result whose kind is not "fail" must have level "none".
            assert (result["kind"], result["level"]) == ("open", "none")
        else:
            assert (result["kind"], result["level"]) == ("fail", LEVELS[finding.severity])
        assert result["properties"]["state"] == finding.state
        assert result["properties"]["severity"] == finding.severity
        assert result["properties"]["pack"] == finding.pack
        assert result["properties"]["subject"] == finding.subject.model_dump()
        deadline = finding.deadline.isoformat() if finding.deadline else None
        assert result["properties"]["deadline"] == deadline


def test_sarif_waived_finding_is_suppressed_by_its_waiver(report: Report) -> None:
    results = sarif(report)["runs"][0]["results"]
    suppressed = {
        r["partialFingerprints"][FINGERPRINT]: r["suppressions"]
        for r in results
        if "suppressions" in r
    }
    waived = [f for f in report.findings if f.state == "waived"]
    assert sorted(suppressed) == sorted(f.id for f in waived)
    assert [f.waiver.id for f in waived if f.waiver] == ["W-TANAKA-1"]
    assert suppressed[waived[0].id] == [
        {
            "kind": "external",
            "status": "accepted",
            "justification": "waiver W-TANAKA-1 approved by M-KSN until 2027-08-19: "
            "輸出向けHACCP工程を設計できる事業者が市内に他にいないため",
            "properties": {
                "waiverId": "W-TANAKA-1",
                "approvedBy": "M-KSN",
                "approvedOn": "2026-08-20",
                "expiresOn": "2027-08-19",
            },
        }
    ]


def test_sarif_locations_point_at_register_lines(report: Report) -> None:
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    results = sarif(report)["runs"][0]["results"]
    for finding, result in zip(report.findings, results, strict=True):
        sourced = {
            int(e.source.rpartition(":")[2]) for e in finding.evidence if e.source is not None
        }
        places = [loc["physicalLocation"] for loc in result["locations"]]
        assert {p["artifactLocation"]["uri"] for p in places} == {REGISTER_URI}
        found = [p["region"]["startLine"] for p in places]
        assert len(found) == len(set(found)), "one location per distinct file:line"
        assert set(found) == sourced
        # The first location is the subject's own fact. Conditions sit inside their review, and
        # the register locates them at the review's line.
        if finding.subject.type != "condition":
            assert f"id: {finding.subject.id}," in lines[found[0] - 1]


def test_sarif_skips_evidence_without_a_source(report: Report) -> None:
    first = report.findings[0]
    sourceless = first.evidence[0].model_copy(update={"id": "X-1", "source": None})
    finding = first.model_copy(update={"evidence": [*first.evidence, sourceless]})
    report = report.model_copy(update={"findings": [finding, *report.findings[1:]]})
    result = sarif(report)["runs"][0]["results"][0]
    texts = " ".join(loc["message"]["text"] for loc in result["locations"])
    for evidence in finding.evidence:
        assert (f"{evidence.type} {evidence.id}" in texts) == (evidence.source is not None)


def test_sarif_in_japanese(report: Report) -> None:
    run = sarif(report, "ja")["runs"][0]
    assert run["language"] == "ja-JP"
    # the message, then the reasons the finding gives, a line each
    assert [r["message"]["text"] for r in run["results"]] == [
        "\n".join([f.message.ja, *(r.ja for r in f.explanation.because)]) for f in report.findings
    ]
    assert any("\n" in r["message"]["text"] for r in run["results"])
    titles = {f.rule: f.title.ja for f in report.findings}
    for rule in run["tool"]["driver"]["rules"]:
        assert rule["shortDescription"]["text"] == titles[rule["id"]]
    waived = next(r for r in run["results"] if "suppressions" in r)
    assert waived["suppressions"][0]["justification"] == (
        "例外承認 W-TANAKA-1（M-KSN 承認、2027-08-19 まで）: "
        "輸出向けHACCP工程を設計できる事業者が市内に他にいないため"
    )


def junit(report: Report, lang: str = "en") -> ET.Element:
    """The rendered JUnit XML, parsed."""
    return ET.fromstring(render_junit(report, lang))


def expected_counts(states: Sequence[str]) -> dict[str, str]:
    """The JUnit count attributes for findings in `states`."""
    count = Counter(states)
    return {
        "tests": str(len(states)),
        "failures": str(count["violation"] + count["overdue"]),
        "errors": "0",
        "skipped": str(count["waived"]),
    }


def test_junit_counts_match_the_report(report: Report) -> None:
    root = junit(report)
    assert root.tag == "testsuites"
    counts = expected_counts([f.state for f in report.findings])
    assert {k: root.get(k) for k in counts} == counts
    assert counts == {"tests": "36", "failures": "33", "errors": "0", "skipped": "1"}
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [p.id for p in report.packs]
    for suite in suites:
        states = [f.state for f in report.findings if f.pack == suite.get("name")]
        assert {k: suite.get(k) for k in counts} == expected_counts(states)
        assert len(suite.findall("testcase")) == len(states)
        assert len(suite.findall("testcase/failure")) == int(expected_counts(states)["failures"])
        assert len(suite.findall("testcase/skipped")) == int(expected_counts(states)["skipped"])


def test_junit_testcases_follow_the_findings(report: Report) -> None:
    cases = junit(report).findall("testsuite/testcase")
    by_key = {(c.get("classname"), c.get("name")): c for c in cases}
    assert len(by_key) == len(cases) == len(report.findings)
    for finding in report.findings:
        case = by_key[(finding.rule, finding.subject.id)]
        children = [child.tag for child in case]
        if finding.state in ("violation", "overdue"):
            assert children == ["failure"]
            failure = case[0]
            assert failure.get("message") == finding.message.en
            assert failure.get("type") == finding.severity
            body = failure.text or ""
            assert f"state: {finding.state}" in body
            if finding.deadline:
                assert f"deadline: {finding.deadline.isoformat()}" in body
            for evidence in finding.evidence:
                if evidence.source is not None:
                    assert evidence.source in body
        elif finding.state == "waived":
            assert children == ["skipped"]
            assert case[0].get("message") == (
                "waived by W-TANAKA-1 (approved by M-KSN until 2027-08-19): "
                "輸出向けHACCP工程を設計できる事業者が市内に他にいないため"
            )
        else:
            assert children == ["system-out"]
            assert finding.deadline is not None
            assert f"deadline: {finding.deadline.isoformat()}" in (case[0].text or "")


def test_junit_in_japanese(report: Report) -> None:
    root = junit(report, "ja")
    failures = root.findall("testsuite/testcase/failure")
    failing = [
        f
        for pack in report.packs
        for f in report.findings
        if f.pack == pack.id and f.state in ("violation", "overdue")
    ]
    assert [f.get("message") for f in failures] == [f.message.ja for f in failing]
    skipped = root.find("testsuite/testcase/skipped")
    assert skipped is not None
    assert skipped.get("message", "").startswith("例外承認 W-TANAKA-1 により除外（M-KSN 承認")


def test_junit_escapes_hostile_text(report: Report) -> None:
    hostile = 'a <b>&amp; "q" \x01 \u202e ]]> \u3042'
    shown = 'a <b>&amp; "q" <U+0001> <U+202E> ]]> \u3042'
    first = report.findings[0].model_copy(update={"message": Text(en=hostile, ja=hostile)})
    root = junit(report.model_copy(update={"findings": [first]}))
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None
    assert failure.get("message") == shown
    assert (failure.text or "").startswith(shown)


@pytest.mark.parametrize("render", [render_sarif, render_junit], ids=["sarif", "junit"])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_renderers_are_deterministic(
    report: Report, render: Callable[[Report, str], str], lang: str
) -> None:
    text = render(report, lang)
    assert text.endswith("\n")
    assert render(report, lang) == text
    # Only the report's content counts: a copy read back from its JSON renders the same bytes.
    copy = Report.model_validate_json(report.to_json())
    assert render(copy, lang).encode("utf-8") == text.encode("utf-8")


def test_junit_keeps_a_suite_for_a_pack_without_findings(report: Report) -> None:
    root = junit(report.model_copy(update={"findings": []}))
    assert [(s.get("name"), s.get("tests")) for s in root.findall("testsuite")] == [
        (p.id, "0") for p in report.packs
    ]
    assert root.get("tests") == "0"
