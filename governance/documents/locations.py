"""Where a value came from: the `Location` of a path inside a parsed `Document`."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from governance.errors import Problem

DataPath = tuple[str | int, ...]

_PLAIN_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


@dataclass(frozen=True, order=True)
class Location:
    """A 1-based line and column in a file."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


def format_path(path: DataPath) -> str:
    """Render a data path the way an author would type it: ``interests[2].equity_pct``."""
    out: list[str] = []
    for step in path:
        if isinstance(step, int):
            out.append(f"[{step}]")
        elif _PLAIN_KEY.match(step):
            out.append(f".{step}" if out else step)
        else:
            out.append(f"[{step!r}]")
    return "".join(out)


class Unreadable(Exception):
    """Raised when a document cannot be read; callers wrap `problems` in their own error."""

    def __init__(self, *problems: Problem) -> None:
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


Locator = Callable[[DataPath, bool], tuple[int, int]]


@dataclass(frozen=True)
class Document:
    """One parsed file: its data and a way to find the line and column of any path in it.

    `locate(path)` gives the position of the value at `path` (or of the deepest part of it that
    exists); `locate(path, key=True)` gives the position of the mapping key that names it.
    """

    file: str
    data: Any
    locator: Locator = field(repr=False, compare=False)
    raw: bytes | None = field(default=None, repr=False, compare=False)
    """The JSON bytes the data was parsed from, when it was JSON (validated without re-encoding)."""
    key_tokens: int | None = field(default=None, repr=False, compare=False)
    """For a large JSON file, how many keys its text holds (to compare with the parsed data)."""
    inside: Callable[[DataPath, int], tuple[int, int]] | None = field(
        default=None, repr=False, compare=False
    )
    """For YAML: where a character of a scalar value stands (quotes and block scalars)."""
    lines_of: Callable[[list[DataPath]], list[int]] | None = field(
        default=None, repr=False, compare=False
    )
    """For JSON: the lines of many paths' values in one pass (`lines`)."""
    unparsed: bool = field(default=False, repr=False, compare=False)
    """A JSON document read but not parsed yet (`data` is None): see `json_reader.parsed`."""

    def locate_inside(self, path: DataPath, offset: int) -> Location:
        """The location of character `offset` of the text value at `path`."""
        if self.inside is not None:
            line, column = self.inside(path, offset)
            return Location(self.file, line, column)
        where = self.locate(path)
        return Location(where.file, where.line, where.column + offset)

    def lines(self, paths: list[DataPath]) -> list[int]:
        """The line of the value at each of `paths`: `locate(path).line` for each, in one pass
        over the text where the reader can (findings locate thousands of facts at once)."""
        if self.lines_of is not None:
            return self.lines_of(paths)
        return [self.locate(path).line for path in paths]

    def json_text(self) -> str | bytes:
        """The document as JSON: the original bytes for JSON files, re-encoded otherwise."""
        if self.raw is not None:
            return self.raw
        return json.dumps(self.data, ensure_ascii=False, allow_nan=True)

    def locate(self, path: DataPath, *, key: bool = False) -> Location:
        """Return the location of `path` (its key when `key` is true), best effort."""
        line, column = self.locator(path, key)
        return Location(self.file, line, column)


def split_inside(folder: Path, paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """`paths` split into those that really lie below `folder` and those a link takes outside it.

    Nothing is read outside the paths a user gives: a file that resolves elsewhere is not read,
    and the caller reports it.
    """
    root = folder.resolve()
    inside: list[Path] = []
    outside: list[Path] = []
    for path in paths:
        (inside if path.resolve().is_relative_to(root) else outside).append(path)
    return inside, outside
