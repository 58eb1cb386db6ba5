"""The SARIF 2.1.0 log: findings as results of one run, for code-scanning tools and CI.

One `run` whose `tool.driver.rules` holds a reporting descriptor per rule that fired, sorted by
id; one `result` per finding, in report order, located at its evidence's ``file:line`` and
fingerprinted by the finding id, so a platform can track a finding across runs. Waived findings
are kept, with the waiver as an accepted external suppression.

Two choices the SARIF specification forces:

- A `due` finding has not failed yet, so its `kind` is ``"open"``; §3.27.10 then requires
  `level` ``"none"``. Its severity stays in `properties.severity`.
- A descriptor is per rule id, but a rule may be adopted by several packs with different
  judgements; the descriptor then lists every pack and takes the highest severity as its default
  level, while each result keeps its own pack, severity and level.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from urllib.parse import quote

from governance.findings.models import (
    SEVERITY_ORDER,
    CitationRecord,
    Evidence,
    Finding,
    Reason,
    Report,
    Severity,
    Text,
)

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
FINGERPRINT = "governanceFindingId/v1"
"""The `partialFingerprints` key that carries `Finding.id`."""

LEVELS: dict[Severity, str] = {
    "critical": "error",
    "high": "error",
    "medium": "warning",
    "low": "note",
    "info": "note",
}
"""SARIF `level` for each severity, for findings whose kind is ``"fail"``."""

_LANGUAGE = {"en": "en-US", "ja": "ja-JP"}
_WORDS = {
    "en": {"citation": "Citation", "conditions": "Fires when", "severity": "severity"},
    "ja": {"citation": "根拠", "conditions": "発動条件", "severity": "重大度"},
}
_DRIVE = re.compile(r"^[A-Za-z]:/")

Json = dict[str, object]


def render_sarif(report: Report, lang: str) -> str:
    """The report as a SARIF 2.1.0 log: sorted keys, two-space indent, UTF-8, final newline.

    Args:
        report: The canonical report.
        lang: ``"ja"`` for Japanese titles and messages; anything else gives English.
    """
    lang = "ja" if lang == "ja" else "en"
    # Against a baseline run (audit store), absent findings are results too (§3.27.24).
    absent = report.audit.absent if report.audit is not None else []
    every = [*report.findings, *absent]
    rule_ids = sorted({f.rule for f in every})
    index = {rule: i for i, rule in enumerate(rule_ids)}
    driver: Json = {
        "name": report.tool.name,
        "version": report.tool.version,
        "rules": [
            _descriptor(rule, [f for f in every if f.rule == rule], lang) for rule in rule_ids
        ],
        "properties": {"engine": report.tool.engine},
    }
    run: Json = {
        "tool": {"driver": driver},
        "language": _LANGUAGE[lang],
        "results": [_result(f, index[f.rule], lang) for f in report.findings]
        + [{**_result(f, index[f.rule], lang), "baselineState": "absent"} for f in absent],
        "properties": {
            "asOf": report.as_of.isoformat(),
            "register": {"name": report.register_.name, "digest": report.register_.digest},
            "packs": [{"id": p.id, "version": p.version, "digest": p.digest} for p in report.packs],
        },
    }
    if report.audit is not None:
        _audit(run, report)
    log: Json = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _audit(run: Json, report: Report) -> None:
    """`baselineState` of each result against the baseline run, and its latest triage."""
    audit = report.audit
    assert audit is not None
    results = run["results"]
    assert isinstance(results, list)
    for finding, result in zip(report.findings, results, strict=False):
        if finding.id in audit.marks:
            result["baselineState"] = audit.marks[finding.id]
        triage = audit.triage.get(finding.id)
        if triage is not None:
            result["properties"]["triage"] = triage.model_dump(mode="json")
    properties = run["properties"]
    assert isinstance(properties, dict)
    properties["auditRun"] = audit.run
    properties["baselineRun"] = audit.baseline


def _descriptor(rule: str, findings: list[Finding], lang: str) -> Json:
    """The reporting descriptor of `rule`, from the findings it produced (at least one)."""
    first = findings[0]
    title = _pick(first.title, lang)
    severity = min((f.severity for f in findings), key=SEVERITY_ORDER.index)
    # One adoption per pack: the pack fixes severity and citation for every finding of the rule.
    adoptions = sorted({f.pack: f for f in findings}.values(), key=lambda f: f.pack)
    words = _WORDS[lang]
    cites = [
        f"{_citation(f.citation)} ({f.pack} {f.pack_version}, {words['severity']} {f.severity})"
        for f in adoptions
    ]
    conditions = first.explanation.conditions
    text = "\n".join(
        [
            f"{words['citation']}:",
            *(f"  {c}" for c in cites),
            f"{words['conditions']}:",
            *(f"  {c}" for c in conditions),
        ]
    )
    markdown = "\n".join(
        [
            f"**{words['citation']}**",
            "",
            *(f"- {c}" for c in cites),
            "",
            f"**{words['conditions']}**",
            "",
            *(f"- `{c}`" for c in conditions),
        ]
    )
    descriptor: Json = {
        "id": rule,
        "name": "".join(part.capitalize() for part in re.split(r"[^0-9A-Za-z]+", rule)),
        "shortDescription": {"text": title},
        "fullDescription": {
            "text": f"{title} ({'; '.join(_citation(f.citation) for f in adoptions)})"
        },
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": LEVELS[severity]},
        "properties": {
            "packs": [f.pack for f in adoptions],
            "severity": severity,
            "ruleVersion": max(f.rule_version for f in findings),
            "tags": ["compliance", *(f.pack for f in adoptions)],
        },
    }
    urls = [f.citation.url for f in adoptions if f.citation.url.startswith(("http://", "https://"))]
    if urls:
        descriptor["helpUri"] = urls[0]
    return descriptor


def _result(finding: Finding, rule_index: int, lang: str) -> Json:
    """The SARIF result of one finding."""
    due = finding.state == "due"
    result: Json = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "kind": "open" if due else "fail",
        "level": "none" if due else LEVELS[finding.severity],
        "message": {
            "text": "\n".join(
                [_pick(finding.message, lang)]
                + [_pick(reason, lang) for reason in finding.explanation.because]
            )
        },
        "locations": _locations(finding),
        "partialFingerprints": {FINGERPRINT: finding.id},
        "properties": {
            "state": finding.state,
            "severity": finding.severity,
            "deadline": finding.deadline.isoformat() if finding.deadline else None,
            "subject": {"type": finding.subject.type, "id": finding.subject.id},
            "parties": list(finding.parties),
            "pack": finding.pack,
            "packVersion": finding.pack_version,
            "ruleVersion": finding.rule_version,
        },
    }
    if finding.explanation.because:  # the reasons, with the facts they found
        properties = result["properties"]
        assert isinstance(properties, dict)
        properties["because"] = [r.model_dump(mode="json") for r in finding.explanation.because]
    waiver = finding.waiver
    if waiver is not None:
        until = waiver.expires_on.isoformat()
        justification = (
            f"例外承認 {waiver.id}（{waiver.approved_by} 承認、{until} まで）: {waiver.reason}"
            if lang == "ja"
            else f"waiver {waiver.id} approved by {waiver.approved_by} until {until}: "
            f"{waiver.reason}"
        )
        result["suppressions"] = [
            {
                "kind": "external",
                "status": "accepted",
                "justification": justification,
                "properties": {
                    "waiverId": waiver.id,
                    "approvedBy": waiver.approved_by,
                    "approvedOn": waiver.approved_on.isoformat(),
                    "expiresOn": until,
                },
            }
        ]
    return result


def _locations(finding: Finding) -> list[Json]:
    """One location per distinct evidence ``file:line``, the subject's own fact first."""
    # Viewers show the first location as the result's place: make it the subject, not a join.
    ordered = sorted(finding.evidence, key=lambda e: e.id != finding.subject.id)
    places: dict[tuple[str, int | None], list[Evidence]] = {}
    for evidence in ordered:
        if evidence.source is not None:
            places.setdefault(_split(evidence.source), []).append(evidence)
    locations: list[Json] = []
    for (path, line), facts in places.items():
        physical: Json = {"artifactLocation": {"uri": _uri(path)}}
        if line is not None:
            physical["region"] = {"startLine": line}
        locations.append(
            {"physicalLocation": physical, "message": {"text": _facts(facts)}},
        )
    return locations


def _split(source: str) -> tuple[str, int | None]:
    """``"file:line"`` as (file, line); a source without a usable line keeps the whole text."""
    path, _, line = source.rpartition(":")
    if path and line.isdigit() and int(line) > 0:
        return path, int(line)
    return source, None


def _uri(path: str) -> str:
    """A file path as a URI reference: relative paths stay relative, absolute ones become file:."""
    posix = path.replace("\\", "/")
    if _DRIVE.match(posix):
        return "file:///" + posix[:2] + quote(posix[2:])
    if posix.startswith("/"):
        return "file://" + quote(posix)
    return quote(posix)


def _facts(evidence: Iterable[Evidence]) -> str:
    """The facts written at one place, e.g. ``interest COL-1, attribution attribution/COL-1/0``."""
    return ", ".join(f"{e.type} {e.id}" for e in evidence)


def _citation(citation: CitationRecord) -> str:
    """A citation on one line: title, clause and URL when present."""
    text = " ".join(part for part in (citation.title, citation.clause) if part)
    return f"{text} <{citation.url}>" if citation.url else text


def _pick(text: Text | Reason, lang: str) -> str:
    """The Japanese or English variant of `text`."""
    return text.ja if lang == "ja" else text.en
