"""The library's curated façade: load packs, evaluate a register, explain rules.

`as_of` and rule selection (`only`, `skip`) are resolved here, for the CLI and platforms alike;
this is the one place that reads the clock (to default `as_of` to today when neither the caller
nor the register gives one).
"""

from __future__ import annotations

from governance.api.engine import (
    Engine,
    EngineName,
    Progress,
    check_selection,
    evaluate,
    register_digest,
    resolve_as_of,
)
from governance.api.packs import load_pack, load_packs, validate

__all__ = [
    "Engine",
    "EngineName",
    "Progress",
    "check_selection",
    "evaluate",
    "load_pack",
    "load_packs",
    "register_digest",
    "resolve_as_of",
    "validate",
]
