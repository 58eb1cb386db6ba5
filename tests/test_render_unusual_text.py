"""Text that could deceive a reviewer is shown, never obeyed, by every human-readable format.

The loader refuses control characters and bidi overrides; what it lets through (a newline in a
note, a zero-width space or a soft hyphen in a name) and any text built by a library caller is
shown as ``<U+200B>`` in the table, Markdown, HTML and JUnit reports.
"""

from __future__ import annotations

import pytest

from governance import Report
from governance.findings.models import Text
from governance.render import renderer
from governance.render.table import plain  # the table's own severity colours

HOSTILE = "ALL\u200bCLEAR\u202e\x1b[2J\u2066 next\nline"


@pytest.mark.parametrize("fmt", ["table", "markdown", "html", "junit"])
def test_unusual_text_is_shown_escaped(report: Report, fmt: str) -> None:
    first = report.findings[0].model_copy(update={"message": Text(en=HOSTILE, ja=HOSTILE)})
    text = plain(renderer(fmt)(report.model_copy(update={"findings": [first]}), "en"))
    for raw in ("\u200b", "\u202e", "\x1b", "\u2066"):
        assert raw not in text, (fmt, raw)
    assert (
        "ALL&lt;U+200B&gt;CLEAR" in text
        or "ALL<U+200B>CLEAR" in text
        or ("ALL\\<U+200B\\>CLEAR" in text)
    )
    assert "<U+202E>" in text or "&lt;U+202E&gt;" in text or "\\<U+202E\\>" in text
