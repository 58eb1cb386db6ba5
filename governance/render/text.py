"""Text helpers every renderer shares: terminal widths, Japanese labels, the summary line."""

from __future__ import annotations

import re

from wcwidth import wcswidth, wcwidth

from governance.findings.models import SEVERITY_ORDER, Report
from governance.findings.words import TERMS, day

STATE_JA = {k: ja for k, (_, ja) in TERMS["state"].items()}
SEVERITY_JA = {k: ja for k, (_, ja) in TERMS["severity"].items()}


_UNUSUAL = re.compile(
    "[\x00-\x1f\x7f-\x9f\xad\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e"
    "\u2060-\u206f\u3164\ufeff\ufff0-\ufffb\U000e0000-\U000e007f]"
)
"""Characters a reader cannot see or that reorder what they see: controls (tab and newline too),
zero-width and invisible characters, bidi controls, tag characters."""


def visible(text: str) -> str:
    """`text` on one line, every invisible or reordering character shown as ``<U+202E>``.

    The loader refuses control characters and bidi overrides in a register; what it lets through
    (a newline in a note, a zero-width space in a name) is still shown, never obeyed, by every
    human-readable format.
    """
    if not _UNUSUAL.search(text):
        return text
    return _UNUSUAL.sub(_shown, text)


def _shown(found: re.Match[str]) -> str:
    char = found.group()
    return " " if char in "\t\n\r" else f"<U+{ord(char):04X}>"


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
