"""The terminal table: one line per finding, its message beneath, and a summary line."""

from __future__ import annotations

import unicodedata

from governance.findings.models import SEVERITY_ORDER, Finding, Report

_HEAD = {
    "en": ("severity", "state", "rule", "subject", "deadline"),
    "ja": ("重大度", "状態", "ルール", "対象", "期限"),
}
STATE_JA = {"violation": "違反", "due": "期限前", "overdue": "期限超過", "waived": "例外承認"}
SEVERITY_JA = {"critical": "重大", "high": "高", "medium": "中", "low": "低", "info": "情報"}


def width(text: str) -> int:
    """Columns `text` takes in a terminal (East Asian wide characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, columns: int) -> str:
    """`text` padded with spaces to `columns` terminal columns."""
    return text + " " * max(0, columns - width(text))


def _cells(finding: Finding, lang: str) -> tuple[str, ...]:
    severity: str = finding.severity
    state: str = finding.state
    if lang == "ja":
        severity, state = SEVERITY_JA[severity], STATE_JA[state]
    deadline = finding.deadline.isoformat() if finding.deadline else "-"
    return (severity, state, finding.rule, finding.subject.id, deadline)


def summary(report: Report, lang: str) -> str:
    """One line: ``12 findings: 2 critical, 5 high · 1 waived · 3 due``."""
    counts = report.counts
    parts = [f"{counts.by_severity[s]} {s}" for s in SEVERITY_ORDER if counts.by_severity[s]]
    extra = [
        f"{counts.by_state[s]} {s}" for s in ("overdue", "due", "waived") if counts.by_state[s]
    ]
    noun = "finding" if counts.total == 1 else "findings"
    line = f"{counts.total} {noun}"
    if parts:
        line += ": " + ", ".join(parts)
    if extra:
        line += " · " + " · ".join(extra)
    if lang == "ja":
        severities = [
            f"{SEVERITY_JA[s]} {counts.by_severity[s]}"
            for s in SEVERITY_ORDER
            if counts.by_severity[s]
        ]
        states = [
            f"{STATE_JA[s]} {counts.by_state[s]}"
            for s in ("overdue", "due", "waived")
            if counts.by_state[s]
        ]
        line = f"指摘 {counts.total} 件"
        if severities:
            line += "：" + "、".join(severities)
        if states:
            line += " · " + " · ".join(states)
    return line


def render_table(report: Report, lang: str) -> str:
    """The findings as an aligned table with each message on the line below."""
    if not report.findings:
        return (
            "指摘はありません" if lang == "ja" else "no findings"
        ) + f" (as of {report.as_of})\n"
    rows = [_cells(f, lang) for f in report.findings]
    head = _HEAD["ja" if lang == "ja" else "en"]
    widths = [max(width(r[i]) for r in [*rows, head]) for i in range(len(head))]
    lines = ["  ".join(pad(h, w) for h, w in zip(head, widths, strict=True)).rstrip()]
    for finding, row in zip(report.findings, rows, strict=True):
        lines.append("  ".join(pad(c, w) for c, w in zip(row, widths, strict=True)).rstrip())
        message = finding.message.ja if lang == "ja" else finding.message.en
        lines.append(f"    {message}")
    lines.append(summary(report, lang) + f" (as of {report.as_of})")
    return "\n".join(lines) + "\n"
