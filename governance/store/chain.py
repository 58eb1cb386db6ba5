"""The digests of the audit store: rows of the hash chains, reports and findings' content."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from governance.findings.models import Finding

GENESIS = ""
"""The `prev_hash` of the first row of a chain."""


def digest(data: bytes) -> str:
    """``sha256:`` and the hex digest of `data`."""
    return "sha256:" + hashlib.sha256(data).hexdigest()


def canonical(value: Any) -> bytes:
    """`value` as canonical JSON bytes (sorted keys, no spaces, UTF-8)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def row_hash(row: dict[str, Any]) -> str:
    """The hash of a chain row: every column but `row_hash` itself (and the report text, which
    its digest stands for)."""
    kept = {k: v for k, v in row.items() if k not in ("row_hash", "report")}
    return digest(canonical(kept))


def content(finding: Finding) -> str:
    """What a finding says, without where its evidence is written: a finding whose facts moved
    or were reformatted in the file keeps its content; a changed state, severity, deadline,
    message, evidence value or waiver changes it."""
    data = finding.model_dump(mode="json", by_alias=True)
    for evidence in data["evidence"]:
        evidence.pop("source", None)
    return digest(canonical(data))
