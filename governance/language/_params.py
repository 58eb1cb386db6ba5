"""Pack parameter values: whether a value fits a declared kind, and what to say when not."""

from __future__ import annotations

from typing import Any

from governance.language.expr import ParamType
from governance.language.ir import Scalar


def fit(kind: ParamType, value: Any) -> Scalar | tuple[Scalar, ...] | None:
    """`value` if it fits a parameter of `kind`, else None."""
    number = isinstance(value, int | float) and not isinstance(value, bool)
    whole = isinstance(value, int) and not isinstance(value, bool)
    if kind in ("days", "money", "count"):
        return value if whole and value >= 0 else None
    if kind == "percent":
        return float(value) if number and 0 <= value <= 100 else None
    if kind == "number":
        return value if number else None
    if kind == "text":
        return value if isinstance(value, str) else None
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    return None


EXPECTED = {
    "days": "a whole number of days",
    "money": "a whole, non-negative amount of money",
    "count": "a whole, non-negative count",
    "percent": "a number from 0 to 100",
    "number": "a number",
    "text": "text",
    "ids": "a list of ids",
}


PLACEHOLDER: dict[str, Scalar | tuple[Scalar, ...]] = {
    "days": 0,
    "money": 0,
    "count": 0,
    "percent": 0.0,
    "number": 0,
    "text": "",
    "ids": (),
}
