"""Renderers: each turns the one canonical `Report` into text for people or machines."""

from __future__ import annotations

from collections.abc import Callable

from governance.findings.models import Report
from governance.render.html import render_html
from governance.render.json_format import render_json
from governance.render.junit import render_junit
from governance.render.markdown import render_markdown
from governance.render.sarif import render_sarif
from governance.render.table import render_table

Renderer = Callable[[Report, str], str]

RENDERERS: dict[str, Renderer] = {
    "table": render_table,
    "json": render_json,
    "sarif": render_sarif,
    "junit": render_junit,
    "markdown": render_markdown,
    "html": render_html,
}
"""Every output format by name; `lang` is ``"en"`` or ``"ja"``."""
