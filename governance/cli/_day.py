"""The ``--as-of`` option's type: a real calendar day written YYYY-MM-DD."""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Any, NoReturn

import click

from governance.cli.common import OneLineUsageError

_SHAPE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


class Day(click.ParamType[date]):
    """A day: ``2026-02-30`` is refused as no real day, ``2026/02/03`` as the wrong shape."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        """The day `value` names; a `OneLineUsageError` naming the option when it names none."""
        if isinstance(value, date):
            return value
        text = str(value)
        shape = _SHAPE.fullmatch(text)
        if shape is None:
            self.refuse(f"expected a day written YYYY-MM-DD, got '{text}'", param)
        year, month, day = (int(part) for part in shape.groups())
        if not 1 <= month <= 12:
            self.refuse(f"'{text}' is not a real day: there is no month {month}", param)
        last = calendar.monthrange(year, month)[1] if year else 31
        if not 1 <= day <= last or year == 0:
            self.refuse(
                f"'{text}' is not a real day: {calendar.month_name[month]} {year} has {last} days",
                param,
            )
        return date(year, month, day)

    @staticmethod
    def refuse(message: str, param: click.Parameter | None) -> NoReturn:
        """Stop with `message`, on one line, after the option's name."""
        option = param.opts[0] if param is not None and param.opts else "the day"
        raise OneLineUsageError(f"{option}: {message}")
