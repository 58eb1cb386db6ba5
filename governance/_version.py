"""The tool's version (one place, read by the package build and by reports)."""

from __future__ import annotations

__version__ = "0.1.0"
