"""Reading the plain values of steps and table cells: dates, amounts, percentages, counts.

Each reader takes the text as written (quoted or not) and returns the register's value, or raises
`ValueError` with a sentence saying what was expected. Authors write dates as ``2026-06-01``,
``2026/6/1`` or ``2026年6月1日``; amounts as ``3000000``, ``3,000,000``, ``¥3,000,000``,
``3,000,000円`` or ``300万円``; percentages as ``12.5%`` or ``12.5``.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from governance.scenarios.patterns import unquote

DATE_RE = r'"?(?:\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日)"?'
MONEY_RE = r'"?[¥￥]?\s*\d[\d,，]*(?:\.\d+)?\s*(?:万円|万|円|yen|JPY)?"?'
PERCENT_RE = r'"?\d+(?:\.\d+)?\s*(?:%|％|percent|パーセント)"?'
COUNT_RE = r'"?\d+"?'

_DATE_PARTS = re.compile(r"(\d{4})[-/年](\d{1,2})[-/月](\d{1,2})日?")


def _plain(text: str) -> str:
    """`text` unquoted, with full-width digits and signs made ASCII."""
    return unicodedata.normalize("NFKC", unquote(text)).strip()


def read_date(text: str) -> date:
    """A calendar date."""
    found = _DATE_PARTS.fullmatch(_plain(text))
    if found is None:
        raise ValueError(f"expected a date such as 2026-06-01, got {text!r}")
    try:
        return date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        raise ValueError(f"{text!r} is not a day of the calendar") from None


def read_money(text: str) -> int:
    """A whole, non-negative amount of money (yen)."""
    plain = _plain(text).replace(",", "").replace("¥", "").replace(" ", "")
    factor = 1
    for suffix, times in (("万円", 10_000), ("万", 10_000), ("円", 1), ("yen", 1), ("JPY", 1)):
        if plain.endswith(suffix):
            plain, factor = plain[: -len(suffix)], times
            break
    try:
        amount = float(plain) * factor
    except ValueError:
        raise ValueError(f"expected an amount such as 3,000,000, got {text!r}") from None
    if amount < 0 or amount != int(amount):
        raise ValueError(f"expected a whole, non-negative amount, got {text!r}")
    return int(amount)


def read_percent(text: str) -> float:
    """A percentage from 0 to 100 (the ``%`` sign may be left out)."""
    plain = re.sub(r"\s*(%|percent|パーセント)$", "", _plain(text))
    try:
        value = float(plain)
    except ValueError:
        raise ValueError(f"expected a percentage such as 12.5%, got {text!r}") from None
    if not 0 <= value <= 100:
        raise ValueError(f"expected a percentage from 0 to 100, got {text!r}")
    return value


def read_count(text: str) -> int:
    """A whole number, zero or more."""
    plain = _plain(text)
    if not plain.isdigit():
        raise ValueError(f"expected a whole number, got {text!r}")
    return int(plain)


def read_text(text: str) -> str:
    """Free text (quotes removed)."""
    return unquote(text)


def split_list(text: str) -> list[str]:
    """A table cell holding several items: ``A, B``, ``A、B`` or ``A; B``."""
    parts = re.split(r"\s*[,、，;]\s*", unquote(text))
    return [unquote(p) for p in parts if p.strip()]
