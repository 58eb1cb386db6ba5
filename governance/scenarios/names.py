"""Company names as authors write them: with a legal form (「有限会社大島ベリー」,
「(株)はまなす」), referred to later by the short name (「大島ベリー」), the legal form read
from the name.
"""

from __future__ import annotations

import re

LEGAL_FORM_MARKS: tuple[tuple[str, str], ...] = (
    ("株式会社", "kabushiki_kaisha"),
    ("(株)", "kabushiki_kaisha"),
    ("（株）", "kabushiki_kaisha"),
    ("㈱", "kabushiki_kaisha"),
    ("有限会社", "tokurei_yugen_kaisha"),
    ("(有)", "tokurei_yugen_kaisha"),
    ("（有）", "tokurei_yugen_kaisha"),
    ("㈲", "tokurei_yugen_kaisha"),
    ("合同会社", "godo_kaisha"),
    ("(同)", "godo_kaisha"),
    ("（同）", "godo_kaisha"),
    ("合資会社", "goshi_kaisha"),
    ("合名会社", "gomei_kaisha"),
    ("一般社団法人", "general_association"),
    ("(一社)", "general_association"),
    ("（一社）", "general_association"),
    ("一般財団法人", "general_foundation"),
    ("(一財)", "general_foundation"),
    ("（一財）", "general_foundation"),
    ("特定非営利活動法人", "npo"),
    ("NPO法人", "npo"),
)
"""Each way a legal form is written before or after a company's name, and the form it means."""


def legal_form_of(name: str) -> str | None:
    """The legal form written at the start or end of `name`, if any."""
    text = name.strip()
    for mark, form in LEGAL_FORM_MARKS:
        if text.startswith(mark) or text.endswith(mark):
            return form
    return None


def short_name(name: str) -> str:
    """`name` without the legal form at its start or end (「有限会社X」: 「X」).

    A name that is only a legal form stays whole."""
    text = name.strip()
    for mark, _ in LEGAL_FORM_MARKS:
        if text.startswith(mark) and len(text) > len(mark):
            return text[len(mark) :].strip()
        if text.endswith(mark) and len(text) > len(mark):
            return text[: -len(mark)].strip()
    return text


def squash(text: str) -> str:
    """`text` without white space, in one letter case (names compare so)."""
    return re.sub(r"\s+", "", text).casefold()
