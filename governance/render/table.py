"""The terminal table: findings grouped by supporter, a line each, the message beneath, a summary.

Severities carry ANSI colours; the CLI strips them when the output is not a terminal or
``NO_COLOR`` is set, and `plain` gives the same text without them.
"""

from __future__ import annotations

import re

from governance.findings.models import Finding, Report
from governance.findings.words import day, term
from governance.render.markdown import (
    display_name,
    group_by_supporter,
    labels,
    text_in,
    with_deadline_note,
)
from governance.render.text import (
    SEVERITY_JA,
    STATE_JA,
    as_of_note,
    pad,
    summary,
    visible,
    width,
)

_HEAD = {
    "en": ("severity", "state", "rule", "subject", "deadline"),
    "ja": ("重要度", "状態", "規則", "対象", "期限"),
}
_COLOURS = {
    "critical": "\x1b[1;31m",
    "high": "\x1b[31m",
    "medium": "\x1b[33m",
    "low": "\x1b[36m",
    "info": "\x1b[2m",
}
_RESET = "\x1b[0m"
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def plain(text: str) -> str:
    """`text` without colour codes."""
    return _ANSI.sub("", text)


_AUDIT_HEAD = {"en": ("baseline", "triage"), "ja": ("前回比", "トリアージ")}


def _cells(finding: Finding, report: Report, lang: str) -> tuple[str, ...]:
    severity: str = finding.severity
    state: str = finding.state
    if lang == "ja":
        severity, state = SEVERITY_JA[severity], STATE_JA[state]
    deadline = "-"
    if finding.deadline:
        shown = day(finding.deadline, lang) if lang == "ja" else finding.deadline.isoformat()
        deadline = with_deadline_note(shown, finding.deadline, report.as_of, lang)
    cells = (severity, state, visible(finding.rule), visible(finding.subject.id), deadline)
    if report.audit is None:
        return cells
    mark = report.audit.marks.get(finding.id)
    triage = report.audit.triage.get(finding.id)
    shown = "-"
    if triage is not None:
        shown = triage.state + (f" until {triage.until}" if triage.until else "")
        if lang == "ja":  # English keeps the value `governance triage --state` takes
            shown = term("triage", triage.state, lang)
            shown += f"（{day(triage.until, lang)}まで）" if triage.until else ""
    return (*cells, term("mark", mark, lang) if mark else "-", shown)


def _audit_lines(report: Report, lang: str) -> list[str]:
    """The marks' tally against the baseline run and the findings it had that are now absent."""
    audit = report.audit
    if audit is None or audit.baseline is None:
        return []
    tally = dict.fromkeys(("new", "updated", "unchanged"), 0)
    for mark in audit.marks.values():
        tally[mark] += 1
    tally["absent"] = len(audit.absent)
    absent = term("mark", "absent", lang)
    if lang == "ja":
        parts = [f"{term('mark', m, lang)}{n}件" for m, n in tally.items()]
        lines = [f"前回の実行（{audit.baseline}）との比較：" + "、".join(parts)]
    else:
        parts = [f"{n} {m}" for m, n in tally.items()]
        lines = [f"against run {audit.baseline}: " + ", ".join(parts)]
    for finding in audit.absent:
        message = finding.message.ja if lang == "ja" else finding.message.en
        lines.append(
            f"  {absent}  {visible(finding.rule)}  {visible(finding.subject.id)}  ({finding.id})"
        )
        lines.append(f"      {visible(message)}")
    return lines


def render_table(report: Report, lang: str) -> str:
    """The findings as an aligned table, grouped by supporter, each message on the line below."""
    tail = as_of_note(report, lang)
    if not report.findings:
        lines = _audit_lines(report, lang)
        return (
            "\n".join([*lines, ("指摘はありません" if lang == "ja" else "no findings") + tail])
            + "\n"
        )
    head: tuple[str, ...] = _HEAD["ja" if lang == "ja" else "en"]
    if report.audit is not None:
        head = (*head, *_AUDIT_HEAD["ja" if lang == "ja" else "en"])
    groups = group_by_supporter(report)
    rows = {f.id: _cells(f, report, lang) for f in report.findings}
    widths = [max(width(r[i]) for r in [*rows.values(), head]) for i in range(len(head))]
    lines = ["  " + "  ".join(pad(h, w) for h, w in zip(head, widths, strict=True)).rstrip()]
    for supporter, findings in groups:
        name = display_name(report, supporter) if supporter else labels(lang)["unassigned"]
        lines.append(visible(name))
        for finding in findings:
            cells = [pad(c, w) for c, w in zip(rows[finding.id], widths, strict=True)]
            colour = _COLOURS[finding.severity]
            cells[0] = f"{colour}{cells[0]}{_RESET}"
            lines.append("  " + "  ".join(cells).rstrip())
            message = finding.message.ja if lang == "ja" else finding.message.en
            if report.audit is not None:  # the id `governance triage` and `history` take
                message += f"  [{finding.id}]"
            lines.append(f"      {visible(message)}")
            lines += [f"      {visible(text_in(r, lang))}" for r in finding.explanation.because]
    lines.extend(_audit_lines(report, lang))
    lines.append(summary(report, lang) + tail)
    return "\n".join(lines) + "\n"
