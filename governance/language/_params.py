"""Pack parameter values: whether a value fits a declared kind, and what to say when not."""

from __future__ import annotations

import typing
from typing import Any

from governance.errors import did_you_mean
from governance.language.expr import ParamType
from governance.language.ir import Scalar
from governance.register.models import LegalForm, ResolutionBody, SeatRole

CHOICES: dict[str, tuple[str, tuple[str, ...]]] = {
    "legal_forms": ("a legal form", typing.get_args(LegalForm)),
    "seat_roles": ("a seat role", typing.get_args(SeatRole)),
    "bodies": ("a resolution body", typing.get_args(ResolutionBody)),
}
"""List kinds whose items are the register's own values: what one item is, and the values."""

LISTS = frozenset({"ids", *CHOICES})
"""The kinds an expression sees as a list (``x in param``)."""


def expression_kind(kind: ParamType) -> ParamType:
    """The type an expression gives a parameter of `kind` (every list kind is a list)."""
    return "ids" if kind in LISTS else kind


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
    if kind == "phrase":
        if isinstance(value, dict) and set(value) == {"en", "ja"}:
            en, ja = value["en"], value["ja"]
            if isinstance(en, str) and isinstance(ja, str) and en.strip() and ja.strip():
                return (en, ja)
        return None
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        if kind in CHOICES and any(v not in CHOICES[kind][1] for v in value):
            return None
        return tuple(value)
    return None


def item_problems(kind: ParamType, value: Any) -> list[tuple[int, str]]:
    """For a list of texts given to a `CHOICES` kind: each unknown item's index and message."""
    if kind not in CHOICES or not isinstance(value, list):
        return []
    what, known = CHOICES[kind]
    return [
        (i, f"expected {what} ({', '.join(known)}), got {item!r}{did_you_mean(item, known)}")
        for i, item in enumerate(value)
        if isinstance(item, str) and item not in known
    ]


EXPECTED = {
    "days": "a whole number of days",
    "money": "a whole, non-negative amount of money",
    "count": "a whole, non-negative count",
    "percent": "a number from 0 to 100",
    "number": "a number",
    "text": "text",
    "ids": "a list of ids",
    "legal_forms": "a list of legal forms",
    "seat_roles": "a list of seat roles",
    "bodies": "a list of resolution bodies",
    "phrase": "a text in English and Japanese ({en: ..., ja: ...})",
}


PLACEHOLDER: dict[str, Scalar | tuple[Scalar, ...]] = {
    "days": 0,
    "money": 0,
    "count": 0,
    "percent": 0.0,
    "number": 0,
    "text": "",
    "ids": (),
    "legal_forms": (),
    "seat_roles": (),
    "bodies": (),
    "phrase": ("", ""),
}
