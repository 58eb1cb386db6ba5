"""The library's arguments checked at the façade: a wrong type is a `UsageError`, never a crash.

The public functions are called by other people's code. Without these checks a ``None`` register
path raised ``TypeError``, ``load_packs("banso-shien")`` looked for the packs ``b``, ``a``, ``n``…
and a register given as a set raised ``ValueError`` from deep inside. Each check names the argument,
what it expects and what it got; a single name where a list is expected is taken as a list of one.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from governance.errors import Problem, UsageError

_ARGUMENTS = "<arguments>"


def kind_of(value: Any) -> str:
    """What a value is, briefly: ``None``, ``int 5``, ``str 'x'``, ``a set``."""
    if value is None:
        return "None"
    name = type(value).__name__
    if isinstance(value, date):
        return f"{name} {value}"
    if isinstance(value, str | bytes | int | float):
        text = repr(value)
        return f"{name} {text if len(text) <= 40 else text[:37] + '...'}"
    article = "an" if name[:1].lower() in "aeiou" else "a"
    return f"{article} {name}"


def refuse(argument: str, expected: str, value: Any) -> UsageError:
    """The error for `argument` holding `value` where `expected` was needed."""
    return UsageError(
        [Problem(_ARGUMENTS, 0, 0, argument, f"expected {expected}, got {kind_of(value)}")]
    )


def is_path(value: Any) -> bool:
    """A file or folder path: text or an ``os.PathLike`` (not bytes)."""
    return isinstance(value, str) or (
        isinstance(value, os.PathLike) and isinstance(os.fspath(value), str)
    )


def path(argument: str, value: Any) -> str | os.PathLike[str]:
    """`value` when it is a path."""
    if not is_path(value):
        raise refuse(argument, "a file or folder path (str or os.PathLike)", value)
    found: str | os.PathLike[str] = value
    return found


def optional_path(argument: str, value: Any) -> str | os.PathLike[str] | None:
    """`value` when it is a path or None."""
    return None if value is None else path(argument, value)


def paths(argument: str, value: Any) -> list[str | os.PathLike[str]]:
    """A list of paths: a single path is a list of one."""
    if is_path(value):
        return [value]
    if not isinstance(value, Sequence) or isinstance(value, bytes):
        raise refuse(argument, "a list of file or folder paths", value)
    return [path(f"{argument}[{i}]", item) for i, item in enumerate(value)]


def text(argument: str, value: Any) -> str:
    """`value` when it is text."""
    if not isinstance(value, str):
        raise refuse(argument, "text (str)", value)
    return value


def names(argument: str, value: Any) -> list[str]:
    """A list of names (pack or rule ids): a single name is a list of one."""
    if isinstance(value, str):
        return [value]
    if not isinstance(value, Sequence | set | frozenset) or isinstance(value, bytes):
        raise refuse(argument, "a list of names (str)", value)
    return [text(f"{argument}[{i}]", item) for i, item in enumerate(value)]


def day(argument: str, value: Any) -> date | None:
    """A `datetime.date` (not a datetime, not text) or None."""
    if value is None:
        return None
    if isinstance(value, datetime):
        raise refuse(argument, "a datetime.date (use .date() of a datetime)", value)
    if isinstance(value, str):
        raise refuse(argument, "a datetime.date, e.g. date.fromisoformat('2027-03-31')", value)
    if not isinstance(value, date):
        raise refuse(argument, "a datetime.date or None", value)
    return value


def one_of(argument: str, value: Any, options: Sequence[str]) -> str:
    """`value` when it is one of `options`."""
    if not isinstance(value, str) or value not in options:
        raise refuse(argument, f"one of {', '.join(repr(o) for o in options)}", value)
    return value


def instance(argument: str, value: Any, cls: type, expected: str, optional: bool = False) -> Any:
    """`value` when it is an instance of `cls` (or None when `optional`)."""
    if (value is None and optional) or isinstance(value, cls):
        return value
    raise refuse(argument, expected, value)


def instances(argument: str, value: Any, cls: type, expected: str) -> list[Any]:
    """A list of `cls` instances: a single one is a list of one."""
    if isinstance(value, cls):
        return [value]
    if not isinstance(value, Sequence) or isinstance(value, str | bytes):
        raise refuse(argument, f"a list of {expected}", value)
    return [instance(f"{argument}[{i}]", item, cls, expected) for i, item in enumerate(value)]


def count(argument: str, value: Any) -> int:
    """A whole number from 0."""
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise refuse(argument, "a whole number from 0", value)
    return value


def optional_callable(argument: str, value: Any) -> Callable[..., Any] | None:
    """A function or None."""
    if value is not None and not callable(value):
        raise refuse(argument, "a function or None", value)
    found: Callable[..., Any] | None = value
    return found


def mapping(argument: str, value: Any) -> Mapping[str, Any]:
    """A mapping (a register as Python data)."""
    if not isinstance(value, Mapping):
        raise refuse(argument, "a mapping (a register as parsed from JSON)", value)
    return value
