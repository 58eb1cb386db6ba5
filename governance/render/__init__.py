"""Renderers: each turns the one canonical `Report` into text for people or machines."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from governance.findings.models import Report

Renderer = Callable[["Report", str], str]

FORMATS = ("table", "json", "sarif", "junit", "markdown", "html")
"""Every output format by name."""

BINARY_FORMATS = ("xlsx", "pdf")
"""The formats written as bytes (a workbook, a printed report), each with its own renderer:
`governance.render.xlsx.render_xlsx` (openpyxl) and `governance.render.pdf.render_pdf`
(headless Chromium)."""

_MODULES = {"json": "json_format"}


def renderer(name: str) -> Renderer:
    """The renderer of format `name` (imported on first use: a check renders one or two)."""
    if name not in FORMATS:
        raise KeyError(name)
    module = importlib.import_module(f"governance.render.{_MODULES.get(name, name)}")
    return cast(Renderer, getattr(module, f"render_{name}"))
