"""Text helpers every renderer shares: terminal widths, Japanese labels, the summary line."""

from __future__ import annotations

import unicodedata

from governance.findings.models import SEVERITY_ORDER, Report

STATE_JA = {"violation": "違反", "due": "期限前", "overdue": "期限超過", "waived": "例外承認"}
SEVERITY_JA = {"critical": "重大", "high": "高", "medium": "中", "low": "低", "info": "情報"}


def width(text: str) -> int:
    """Columns `text` takes in a terminal (East Asian wide characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, columns: int) -> str:
    """`text` padded with spaces to `columns` terminal columns."""
    return text + " " * max(0, columns - width(text))


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
