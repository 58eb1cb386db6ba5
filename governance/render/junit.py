"""The JUnit XML report: findings as test cases, one suite per pack, for CI dashboards.

A test case is one finding (class name the rule id, name the subject id). Violations and overdue
findings fail, waived ones are skipped with the waiver as the reason, and due ones pass with their
deadline in ``system-out``: the same split as the CLI's exit code, where only violation and
overdue can fail a build. The report holds findings only, so rules that fired on nothing leave no
passing test case behind.

The XML is built with `xml.etree.ElementTree`, which escapes every text and attribute; characters
XML 1.0 cannot hold at all (most C0 controls) are replaced first.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from governance.findings.models import Finding, Report, Text
from governance.render.text import STATE_JA, visible

_FAILING = ("violation", "overdue")
_WORDS = {
    "en": {
        "state": "state",
        "deadline": "deadline",
        "evidence": "evidence",
        "citation": "citation",
        "finding": "finding",
    },
    "ja": {
        "state": "状態",
        "deadline": "期限",
        "evidence": "証拠",
        "citation": "根拠",
        "finding": "指摘",
    },
}
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def render_junit(report: Report, lang: str) -> str:
    """The report as JUnit XML: UTF-8 declaration, two-space indent, final newline.

    Args:
        report: The canonical report.
        lang: ``"ja"`` for Japanese messages and labels; anything else gives English.
    """
    lang = "ja" if lang == "ja" else "en"
    # Every pack that ran gets a suite, even one without findings, so a dashboard sees it passed.
    packs = [p.id for p in report.packs]
    packs += sorted({f.pack for f in report.findings} - set(packs))
    root = ET.Element("testsuites", {"name": report.tool.name})
    for pack in packs:
        findings = [f for f in report.findings if f.pack == pack]
        suite = ET.SubElement(root, "testsuite", {"name": pack, **_counts(findings)})
        properties = ET.SubElement(suite, "properties")
        for name, value in _properties(report, pack):
            ET.SubElement(properties, "property", {"name": name, "value": _clean(value)})
        for finding in findings:
            _testcase(suite, finding, lang)
    root.attrib.update(_counts(report.findings))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def _counts(findings: list[Finding]) -> dict[str, str]:
    """The ``tests``, ``failures``, ``errors`` and ``skipped`` attributes for `findings`."""
    return {
        "tests": str(len(findings)),
        "failures": str(sum(f.state in _FAILING for f in findings)),
        "errors": "0",
        "skipped": str(sum(f.state == "waived" for f in findings)),
    }


def _properties(report: Report, pack: str) -> list[tuple[str, str]]:
    """What a reader needs to reproduce the suite: as-of date, pack and register digests."""
    props = [("as_of", report.as_of.isoformat())]
    for ref in report.packs:
        if ref.id == pack:
            props += [("pack_version", ref.version), ("pack_digest", ref.digest)]
    return [
        *props,
        ("register", report.register_.name),
        ("register_digest", report.register_.digest),
        ("engine", report.tool.engine),
        ("tool_version", report.tool.version),
    ]


def _testcase(suite: ET.Element, finding: Finding, lang: str) -> None:
    """Append the test case of `finding` to `suite`."""
    case = ET.SubElement(
        suite, "testcase", {"classname": finding.rule, "name": _clean(finding.subject.id)}
    )
    message = _pick(finding.message, lang)
    if finding.state in _FAILING:
        failure = ET.SubElement(
            case, "failure", {"message": _clean(message), "type": finding.severity}
        )
        failure.text = _clean(_details(finding, lang))
    elif finding.waiver is not None:
        waiver = finding.waiver
        until = waiver.expires_on.isoformat()
        reason = (
            f"例外承認 {waiver.id} により除外（{waiver.approved_by} 承認、{until} まで）: "
            f"{waiver.reason}"
            if lang == "ja"
            else f"waived by {waiver.id} (approved by {waiver.approved_by} until {until}): "
            f"{waiver.reason}"
        )
        skipped = ET.SubElement(case, "skipped", {"message": _clean(reason)})
        skipped.text = _clean(_details(finding, lang))
    else:
        out = ET.SubElement(case, "system-out")
        out.text = _clean(_details(finding, lang))


def _details(finding: Finding, lang: str) -> str:
    """The body of a test case: message, state and deadline, evidence places, citation, id."""
    words = _WORDS[lang]
    state = STATE_JA[finding.state] if lang == "ja" else finding.state
    citation = " ".join(
        part
        for part in (finding.citation.title, finding.citation.clause, finding.citation.url)
        if part
    )
    lines = [
        _pick(finding.message, lang),
        f"{words['state']}: {state}",
        *([f"{words['deadline']}: {finding.deadline.isoformat()}"] if finding.deadline else []),
        f"{words['evidence']}:",
        *(f"  {e.type} {e.id} {e.source or '-'}" for e in finding.evidence),
        f"{words['citation']}: {citation}",
        f"{words['finding']}: {finding.id} ({finding.pack} {finding.pack_version})",
    ]
    return "\n".join(lines)


def _clean(text: str) -> str:
    """`text` with unusual characters shown (`visible`, line by line), none XML 1.0 forbids."""
    shown = "\n".join(visible(line) for line in text.split("\n"))
    return _NOT_XML.sub("\ufffd", shown)


def _pick(text: Text, lang: str) -> str:
    """The Japanese or English variant of `text`."""
    return text.ja if lang == "ja" else text.en
