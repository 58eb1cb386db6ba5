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


LINE_BREAKS = "\t\n\r\x0b\x0c\x85\u2028\u2029"
"""The characters that break a line or a cell (tab included): refused in ids and names, which a
report prints on one line; free text (notes, reasons, conditions) may hold tab and newline. (The
other separators Python splits lines at, U+001C to U+001E, are control characters, refused in
every text by `governance.documents.text_safety`.)"""
_ONE_LINE = r"[^\t\n\r\x0b\x0c\x85\u2028\u2029]*"
"""`LINE_BREAKS` as escapes read alike by pydantic-core's Rust regex engine (linear time, run
natively during strict JSON validation) and by editors reading the published JSON Schema."""


def first_break(text: str) -> int | None:
    """The offset of the first `LINE_BREAKS` character of `text`, or None."""
    for offset, char in enumerate(text):
        if char in LINE_BREAKS:
            return offset
    return None


def show(value: Any) -> str:
    """Render a found value briefly, YAML-style: strings quoted, containers named, no recursion."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 128:
        return f"a number of about {int(value.bit_length() * 0.30103) + 1:,} digits"
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
"""Free text (may be empty, may span lines)."""
Wording = Annotated[str, StringConstraints(min_length=1, pattern=r"\S"), Expect("non-empty text")]
"""Non-empty free text (may span lines): a condition, a line of business, an expression."""
NAME_PATTERN = f"^{_ONE_LINE}\\S{_ONE_LINE}$"
Name = Annotated[
    str,
    StringConstraints(min_length=1, pattern=NAME_PATTERN),
    Expect("a non-empty name on one line"),
]
"""Non-empty text on one line: no tab, newline or other line break."""
Flag = Annotated[bool, Expect("true or false")]
"""``true`` or ``false`` (not ``"yes"``, not 1)."""
Id = Annotated[
    str, StringConstraints(pattern=ID_PATTERN), Expect("an id (1 to 200 characters, no spaces)")
]
"""An identifier: 1 to 200 characters without white space."""
Ref = Id
"""A reference to the id of another fact; checked after validation."""
