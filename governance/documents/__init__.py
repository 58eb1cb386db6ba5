"""Reading YAML and JSON documents safely, keeping the source position of every value."""

from __future__ import annotations

from governance.documents.limits import Limits
from governance.documents.locations import DataPath, Document, Location, format_path
from governance.documents.reading import read_document, read_text

__all__ = [
    "DataPath",
    "Document",
    "Limits",
    "Location",
    "format_path",
    "read_document",
    "read_text",
]
