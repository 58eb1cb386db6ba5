"""A pack entry with a bad value is still compiled, so every problem of the entry shows at once.

When a pack fails validation only in judgement fields of its entries (a misspelt severity, a bad
citation, an escalation), those fields are replaced by neutral stand-ins and the pack is validated
again; the compiler then reports what else is wrong in the entry (an unknown or ill-typed
parameter). The stand-ins never reach a check: the pack's own problems are already reported.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from pydantic import ValidationError

from governance.documents import Document
from governance.language.models import PackDoc

_STAND_INS: dict[str, Any] = {
    "severity": "info",
    "cite": {"title": "-"},
    "waivable": True,
    "escalate": [],
}
_DROPPED = ("version",)


def repaired_pack(doc: Document) -> PackDoc | None:
    """`doc`'s pack with its entries' bad judgement fields stood in for, or None when the
    problems lie elsewhere (then nothing more can be said about its entries)."""
    data = copy.deepcopy(doc.data)
    try:
        PackDoc.model_validate_json(doc.json_text(), strict=True)
    except ValidationError as exc:
        errors = exc.errors()
    else:
        return None
    adopts = data.get("adopts") if isinstance(data, dict) else None
    if not isinstance(adopts, list):
        return None
    for error in errors:
        loc = error["loc"]
        if loc == ("adopts",) and error["type"] == "too_short":
            continue  # pydantic's echo of the entries that failed
        if len(loc) < 3 or loc[0] != "adopts" or not isinstance(loc[1], int):
            return None
        entry, name = adopts[loc[1]], loc[2]
        if not isinstance(entry, dict) or not isinstance(name, str):
            return None
        if name in _STAND_INS:
            entry[name] = copy.deepcopy(_STAND_INS[name])
        elif name in _DROPPED:
            entry.pop(name, None)
        else:
            return None
    try:
        return PackDoc.model_validate_json(json.dumps(data, default=str), strict=True)
    except ValidationError:
        return None
