"""Text helpers every renderer shares: terminal widths, Japanese labels, the summary line."""

from __future__ import annotations

from wcwidth import wcswidth, wcwidth

from governance.findings.models import SEVERITY_ORDER, Report
from governance.findings.words import TERMS, day

STATE_JA = {k: ja for k, (_, ja) in TERMS["state"].items()}
SEVERITY_JA = {k: ja for k, (_, ja) in TERMS["severity"].items()}


def width(text: str) -> int:
    """Columns `text` takes in a terminal: wide characters and emoji two, combining marks none.

    Measured by wcwidth (Unicode's East Asian Width and emoji tables, zero-width joiners and
    combining marks); a control character, which wcwidth cannot measure, counts one column.
    """
    columns = wcswidth(text)
    if columns >= 0:
        return int(columns)
    return sum(max(wcwidth(c), 1) if wcwidth(c) != 0 else 0 for c in text)


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
            f"{SEVERITY_JA[s]}{counts.by_severity[s]}件"
            for s in SEVERITY_ORDER
            if counts.by_severity[s]
        ]
        states = [
            f"{STATE_JA[s]}{counts.by_state[s]}件"
            for s in ("overdue", "due", "waived")
            if counts.by_state[s]
        ]
        line = f"指摘{counts.total}件"
        if severities:
            line += "（" + "、".join(severities) + "）"
        if states:
            line += "。うち" + "、".join(states)
    return line


def as_of_note(report: Report, lang: str) -> str:
    """What follows the summary line: ``（2027年3月31日現在）`` / `` (as of 2027-03-31)``."""
    return f"（{day(report.as_of, 'ja')}現在）" if lang == "ja" else f" (as of {report.as_of})"
