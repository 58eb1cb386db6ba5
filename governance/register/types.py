"""Scalar types of the register, each validating with a message a reviewer can act on."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from pydantic import BeforeValidator, Field
from pydantic_core import PydanticCustomError

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ID = re.compile(r"^[^\s]{1,200}$")


def show(value: Any) -> str:
    """Render a found value briefly, YAML-style: strings quoted, containers named, no recursion."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        text = value if len(value) <= 60 else value[:57] + "..."
        return repr(text)
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    return type(value).__name__


def _fail(expected: str, value: Any) -> PydanticCustomError:
    return PydanticCustomError(
        "governance",
        "expected {expected}, got {got}",
        {
            "expected": expected,
            "got": show(value),
        },
    )


def _day(value: Any) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _DATE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise _fail("a real date (YYYY-MM-DD)", value) from None
    raise _fail("a date (YYYY-MM-DD)", value)


def _money(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    raise _fail("a whole, non-negative amount of money", value)


def _percent(value: Any) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= 100:
        return float(value)
    raise _fail("a number from 0 to 100", value)


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    raise _fail("text", value)


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise _fail("true or false", value)


def _id(value: Any) -> str:
    if isinstance(value, str) and _ID.match(value):
        return value
    raise _fail("an id (1 to 200 characters, no spaces)", value)


def _name(value: Any) -> str:
    if isinstance(value, str) and value.strip():
        return value
    raise _fail("a non-empty name", value)


Day = Annotated[date, BeforeValidator(_day)]
"""An ISO calendar date, ``YYYY-MM-DD``, that exists."""
Money = Annotated[int, BeforeValidator(_money), Field(ge=0)]
"""A non-negative whole amount in the register's currency (default JPY)."""
Percent = Annotated[float, BeforeValidator(_percent), Field(ge=0, le=100)]
"""A percentage from 0 to 100."""
Text = Annotated[str, BeforeValidator(_text)]
"""Free text (may be empty)."""
Name = Annotated[str, BeforeValidator(_name), Field(min_length=1)]
"""Non-empty text."""
Flag = Annotated[bool, BeforeValidator(_flag)]
"""``true`` or ``false`` (not ``"yes"``, not 1)."""
Id = Annotated[str, BeforeValidator(_id), Field(pattern=r"^\S{1,200}$")]
"""An identifier: 1 to 200 characters without white space."""
Ref = Id
"""A reference to the id of another fact; checked after validation."""
