"""A safe YAML reader built on libyaml's event stream.

PyYAML's loaders keep the last of two equal keys, expand aliases without bound and recurse once per
nesting level. Building values from events ourselves lets us refuse duplicate keys, bound depth and
alias expansion, keep every timestamp as the string the author wrote (the register validates dates
itself), and record the line and column of every key and value on the way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from governance.documents.limits import Limits
from governance.documents.locations import DataPath, Document, Unreadable, format_path
from governance.documents.text_safety import first_forbidden, forbidden_message
from governance.errors import Problem

try:  # libyaml's C parser is ~10x faster; PyYAML falls back to pure Python without it.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_TAG = "tag:yaml.org,2002:"
_KEEP_AS_TEXT = {_TAG + "str", _TAG + "timestamp"}
_CONSTRUCTED = {_TAG + "int", _TAG + "float", _TAG + "bool", _TAG + "null"}


@dataclass
class _Frame:
    container: dict[str, Any] | list[Any]
    path: DataPath
    anchor: str | None
    size: int = 1
    key: str | None = None
    key_mark: tuple[int, int] = (0, 0)
    key_lines: dict[str, int] = field(default_factory=dict)


@dataclass
class _Positions:
    values: dict[DataPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[DataPath, tuple[int, int]] = field(default_factory=dict)
    styles: dict[DataPath, str] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)

    def inside(self, path: DataPath, offset: int) -> tuple[int, int]:
        """Where character `offset` of the scalar at `path` stands in the file.

        Plain scalars start at their mark; quoted ones one column after the quote; block
        scalars (``|``, ``>``) on the lines below their indicator, joined by one character.
        """
        line, column = self.locate(path, False)
        style = self.styles.get(path, "")
        if style in ("'", '"'):
            return (line, column + 1 + offset)
        if style not in ("|", ">"):
            return (line, column + offset)
        remaining, number = offset, line  # `line` is the indicator's; content starts below
        while number < len(self.lines):
            text = self.lines[number]
            number += 1
            content = text.strip()
            if not content:
                continue
            indent = len(text) - len(text.lstrip())
            if remaining <= len(content):
                return (number, indent + 1 + remaining)
            remaining -= len(content) + 1
        return (line, column)

    def locate(self, path: DataPath, key: bool) -> tuple[int, int]:
        table = self.keys if key else self.values
        for end in range(len(path), -1, -1):
            found = table.get(path[:end]) or self.values.get(path[:end])
            if found:
                return found
        return (1, 1)


def _unsupported(tag: str) -> str:
    return (
        f"unsupported YAML tag {_shown(tag)}; only plain values are read "
        "(text, numbers, true/false, lists and mappings)"
    )


def _mark(event: Any) -> tuple[int, int]:
    return (event.start_mark.line + 1, event.start_mark.column + 1)


def _syntax_problem(file: str, error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    problem = (error.problem or "").strip()
    if "\t" in problem or ("cannot start any token" in problem and mark and _tab_at(mark)):
        return Problem(
            file,
            line,
            column,
            "",
            "a tab character is used for indentation; YAML indents with spaces",
        )
    context = f" {error.context.strip()}" if error.context else ""
    return Problem(file, line, column, "", f"YAML syntax error: {problem}{context}")


def _tab_at(mark: Any) -> bool:
    buffer = getattr(mark, "buffer", None)
    if not buffer:
        return (
            True  # libyaml marks carry no buffer; its only "cannot start" character here is a tab
        )
    return bool(buffer[mark.pointer : mark.pointer + 1] == "\t")


class _Builder:
    """Turns libyaml events into plain Python values plus a position table."""

    def __init__(self, file: str, limits: Limits) -> None:
        self.file = file
        self.limits = limits
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.alias_nodes = 0
        self.positions = _Positions()
        self.documents = 0
        self.root: Any = None
        self.problems: list[Problem] = []

    def fail(self, mark: tuple[int, int], path: DataPath, message: str) -> Unreadable:
        return Unreadable(Problem(self.file, mark[0], mark[1], format_path(path), message))

    def feed(self, event: Any) -> None:
        kind = type(event)
        if kind is yaml.ScalarEvent:
            self.scalar(event)
        elif kind is yaml.MappingStartEvent:
            self.open(event, {})
        elif kind is yaml.SequenceStartEvent:
            self.open(event, [])
        elif kind in (yaml.MappingEndEvent, yaml.SequenceEndEvent):
            self.close()
        elif kind is yaml.AliasEvent:
            self.alias(event)
        elif kind is yaml.DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                raise self.fail(
                    _mark(event), (), "expected one YAML document per file, found a second one"
                )

    def next_path(self, mark: tuple[int, int]) -> DataPath:
        if not self.stack:
            return ()
        top = self.stack[-1]
        if isinstance(top.container, list):
            return (*top.path, len(top.container))
        assert top.key is not None
        return (*top.path, top.key)

    def expecting_key(self) -> bool:
        return (
            bool(self.stack)
            and isinstance(self.stack[-1].container, dict)
            and (self.stack[-1].key is None)
        )

    def open(self, event: Any, container: dict[str, Any] | list[Any]) -> None:
        mark = _mark(event)
        if self.expecting_key():
            raise self.fail(mark, self.stack[-1].path, "a mapping key must be a plain string")
        if event.tag and event.tag not in (_TAG + "map", _TAG + "seq", _TAG + "omap", "!"):
            raise self.fail(mark, self.next_path(mark), _unsupported(event.tag))
        path = self.next_path(mark)
        if len(self.stack) >= self.limits.max_depth:
            keys = [i for i, step in enumerate(path) if isinstance(step, str)]
            shown = path[: keys[-1] + 1] if keys else ()  # the key under which it runs deep
            raise self.fail(mark, shown, f"nested more than {self.limits.max_depth} levels deep")
        self.positions.values[path] = mark
        self.stack.append(_Frame(container, path, event.anchor))

    def close(self) -> None:
        frame = self.stack.pop()
        if frame.anchor:
            self.anchors[frame.anchor] = (frame.container, frame.size)
        self.attach(frame.container, frame.size, None)

    def attach(self, value: Any, size: int, mark: tuple[int, int] | None) -> None:
        if not self.stack:
            self.root = value
            return
        top = self.stack[-1]
        top.size += size
        if isinstance(top.container, list):
            if mark:
                self.positions.values[(*top.path, len(top.container))] = mark
            top.container.append(value)
            return
        assert top.key is not None
        if mark:
            self.positions.values[(*top.path, top.key)] = mark
        top.container[top.key] = value
        top.key = None

    def scalar(self, event: Any) -> None:
        mark = _mark(event)
        offset = first_forbidden(event.value)
        if offset is not None:  # written as an escape: raw ones are refused before parsing
            path = self.stack[-1].path if self.expecting_key() else self.next_path(mark)
            message = forbidden_message(event.value, offset)
            self.problems.append(Problem(self.file, mark[0], mark[1], format_path(path), message))
        if self.expecting_key():
            self.key(event, mark)
            return
        value = self.resolve(event, mark)
        if event.anchor:
            self.anchors[event.anchor] = (value, 1)
        if event.style:
            self.positions.styles[self.next_path(mark)] = event.style
        self.attach(value, 1, mark)

    def key(self, event: Any, mark: tuple[int, int]) -> None:
        top = self.stack[-1]
        assert isinstance(top.container, dict)
        name = event.value
        if name == "<<" and event.implicit[0]:
            raise self.fail(
                mark, top.path, "YAML merge keys (<<) are not supported; write the fields out"
            )
        if name in top.container or name in top.key_lines:
            first = top.key_lines.get(name, 0)
            raise self.fail(
                mark,
                top.path,
                f"duplicate key '{name}' (first at line {first}); YAML keeps only the last",
            )
        top.key_lines[name] = mark[0]
        top.key = name
        self.positions.keys[(*top.path, name)] = mark

    def alias(self, event: Any) -> None:
        mark = _mark(event)
        if self.expecting_key():
            raise self.fail(mark, self.stack[-1].path, "a mapping key must be a plain string")
        if event.anchor not in self.anchors:
            raise self.fail(mark, self.next_path(mark), f"unknown alias *{event.anchor}")
        value, size = self.anchors[event.anchor]
        self.alias_nodes += size
        if self.alias_nodes > self.limits.max_alias_nodes:
            raise self.fail(
                mark,
                self.next_path(mark),
                f"aliases expand to more than {self.limits.max_alias_nodes} values "
                "(an alias bomb?); write the values out instead",
            )
        self.attach(value, size, mark)

    def resolve(self, event: Any, mark: tuple[int, int]) -> Any:
        tag = event.tag
        if not tag or tag == "!":
            if not event.implicit[0]:  # quoted, or a block scalar: text as written
                return event.value
            return _plain(event.value)
        if tag in _KEEP_AS_TEXT:
            return event.value
        if tag in _CONSTRUCTED:
            value = _plain(event.value)
            if isinstance(value, str) or _TAGGED_TYPES[tag] is not type(value):
                expected = _EXPECTED[tag]
                message = f"expected {expected} for {_shown(tag)}, got {event.value!r}"
                raise self.fail(mark, self.next_path(mark), message)
            return value
        raise self.fail(mark, self.next_path(mark), _unsupported(tag))


_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]*)")
_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]+(?:[eE][-+]?[0-9]+)?")
_NULL = frozenset({"", "~", "null"})
_MAX_DIGITS = 20
"""Longer integers stay text (which no field accepts): ``int()`` of thousands of digits is slow
and Python refuses to print one of more than 4,300."""
_TAGGED_TYPES: dict[str, type] = {
    _TAG + "int": int,
    _TAG + "float": float,
    _TAG + "bool": bool,
    _TAG + "null": type(None),
}
_EXPECTED = {
    _TAG + "int": "a plain decimal integer",
    _TAG + "float": "a decimal number",
    _TAG + "bool": "true or false",
    _TAG + "null": "null",
}


def _shown(tag: str) -> str:
    return "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag


def _plain(text: str) -> Any:
    """A plain scalar, read strictly: only ``true``/``false``, ``null``/``~``/nothing, decimal
    integers and decimal numbers are anything but text. YAML 1.1 would also read ``yes``, ``On``,
    ``True``, ``0x10``, ``0o17``, ``1_000``, ``1:30`` and ``.inf`` as values; here they stay the
    text the author wrote, which the register then refuses where it expects a value."""
    if text in ("true", "false"):
        return text == "true"
    if text in _NULL:
        return None
    if _INTEGER.fullmatch(text) and len(text) <= _MAX_DIGITS:
        return int(text)
    if _DECIMAL.fullmatch(text):
        return float(text)
    return text


def read_yaml(text: str, file: str, limits: Limits) -> Document:
    """Parse one YAML document; raise `Unreadable` on the first unreadable construct, or with
    every escape of a forbidden character once the document is read."""
    builder = _Builder(file, limits)
    loader = _Loader(text)
    try:
        while loader.check_event():
            builder.feed(loader.get_event())
    except yaml.MarkedYAMLError as exc:
        raise Unreadable(_syntax_problem(file, exc)) from None
    except yaml.YAMLError as exc:
        raise Unreadable(Problem(file, 0, 0, "", f"YAML error: {exc}")) from None
    finally:
        loader.dispose()
    if builder.problems:  # every escaped control character or override, each with its path
        raise Unreadable(*builder.problems)
    if builder.documents == 0:
        raise Unreadable(Problem(file, 0, 0, "", "the file is empty"))
    positions = builder.positions
    positions.lines = text.splitlines() if positions.styles else []
    return Document(file, builder.root, positions.locate, inside=positions.inside)
