"""The canonical JSON report (language-independent: both languages are in it)."""

from __future__ import annotations

from governance.findings.models import Report


def render_json(report: Report, lang: str) -> str:
    """The report as canonical JSON text; `lang` is ignored (every text carries both)."""
    del lang
    return report.to_json()
