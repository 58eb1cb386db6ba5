"""Text that could deceive a reviewer is refused on load: control characters and bidi controls.

A register is written by the people under review. A party named ``"\\e[2J\\e[31mALL CLEAR"``
would clear a reviewer's terminal and print its own verdict; a right-to-left override (U+202E)
shows ``gpj.exe`` as ``exe.jpg``. Every text value and key of a document is checked, whether the
character is written raw or as an escape (``\\e``, ``\\x1b``, ``\\u202e`` in YAML; ``\\u001b`` in
JSON): C0 controls other than tab and newline, DEL, the C1 controls, the bidirectional marks,
embeddings, overrides and isolates, and the line and paragraph separators.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

FORBIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
"""One character a document may not hold in any text."""

_RAW = re.compile(FORBIDDEN.pattern.replace("\x0b-\x1f", "\x0b\x0c\x0e-\x1f"))
"""`FORBIDDEN` in a file's raw text, where a carriage return is a line break."""

_JSON_ESCAPE = re.compile(
    r"\\(?:[bfr]|u(?:00(?:0[0-8bBcCdDeEfF]|1[0-9a-fA-F]|7[fF]|[89][0-9a-fA-F])"
    r"|061[cC]|200[eEfF]|202[89a-eA-E]|206[6-9]))"
)
"""A JSON escape that decodes to a `FORBIDDEN` character, when its backslash is not itself escaped
(checked per match: a lookbehind for an even run of backslashes made the search 15x slower)."""

_NAMES = {
    0x00: "NUL",
    0x07: "BEL",
    0x08: "BACKSPACE",
    0x09: "TAB",
    0x0A: "LINE FEED",
    0x0D: "CARRIAGE RETURN",
    0x1B: "ESCAPE",
    0x7F: "DELETE",
    0x85: "NEXT LINE",
}


def describe(char: str) -> str:
    """``U+001B (ESCAPE)``: the code point and its name."""
    code = ord(char)
    name = _NAMES.get(code) or unicodedata.name(char, "a control character")
    return f"U+{code:04X} ({name})"


def forbidden_message(text: str, offset: int) -> str:
    """What an author is told about the forbidden character at `offset` of `text`."""
    return (
        f"expected text without control characters or bidirectional overrides, found "
        f"{describe(text[offset])} at character {offset + 1}"
    )


def first_forbidden(text: str) -> int | None:
    """The offset of the first forbidden character of `text`, or None."""
    found = FORBIDDEN.search(text)
    return found.start() if found else None


def first_raw(text: str) -> int | None:
    """The offset of the first forbidden character written raw in a file's text, or None."""
    found = _RAW.search(text)
    return found.start() if found else None


def first_json_escape(text: str) -> re.Match[str] | None:
    """The first escape in JSON text that would decode to a forbidden character, or None."""
    for found in _JSON_ESCAPE.finditer(text):
        before = found.start()
        while before > 0 and text[before - 1] == "\\":
            before -= 1
        if (found.start() - before) % 2 == 0:  # an even run before it: this backslash escapes
            return found
    return None


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of `offset` in `text`."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def deceptive_texts(data: Any) -> Iterator[tuple[tuple[str | int, ...], bool, str, int]]:
    """Every key and text value of parsed `data` holding a forbidden character, in document
    order: its path, whether it is a key (the path is then its mapping's), the text and the
    character's offset. Walked with a stack, so any depth the parser allowed is safe."""
    stack: list[tuple[tuple[str | int, ...], Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            if (offset := first_forbidden(value)) is not None:
                yield path, False, value, offset
        elif isinstance(value, dict):
            for key in value:
                if (offset := first_forbidden(key)) is not None:
                    yield path, True, key, offset
            stack.extend(((*path, k), v) for k, v in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend(((*path, i), v) for i, v in reversed(list(enumerate(value))))
