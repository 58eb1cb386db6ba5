"""Scalar types of the register, validated natively by pydantic-core (no Python per value).

Each type carries an `Expect` marker saying, in words, what a value must be; the error translator
(`governance.loading.problems`) reads it to write ``expected a number from 0 to 100, got 150``.
Registers are validated in strict JSON mode, so a string is never taken for a number, a number
never for a date, and ``"yes"`` never for ``true``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from pydantic import Field, StringConstraints


@dataclass(frozen=True)
class Expect:
    """What a value of a type must be, as an author reads it."""

    text: str


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


ID_PATTERN = r"^\S{1,200}$"

Day = Annotated[date, Expect("a date (YYYY-MM-DD)")]
"""An ISO calendar date, ``YYYY-MM-DD``, that exists."""
Money = Annotated[int, Field(ge=0), Expect("a whole, non-negative amount of money")]
"""A non-negative whole amount in the register's currency (default JPY)."""
Percent = Annotated[
    float, Field(ge=0, le=100, allow_inf_nan=False), Expect("a number from 0 to 100")
]
"""A percentage from 0 to 100."""
Text = Annotated[str, Expect("text")]
"""Free text (may be empty)."""
Name = Annotated[str, StringConstraints(min_length=1, pattern=r"\S"), Expect("a non-empty name")]
"""Non-empty text."""
Flag = Annotated[bool, Expect("true or false")]
"""``true`` or ``false`` (not ``"yes"``, not 1)."""
Id = Annotated[
    str, StringConstraints(pattern=ID_PATTERN), Expect("an id (1 to 200 characters, no spaces)")
]
"""An identifier: 1 to 200 characters without white space."""
Ref = Id
"""A reference to the id of another fact; checked after validation."""
