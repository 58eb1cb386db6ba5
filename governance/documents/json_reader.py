"""JSON documents: a fast load with the C decoder, positions found lazily in the text.

Large registers are JSON (about 80 MB for 100,000 supporters), so the load is `json.loads` with the
garbage collector paused (it otherwise walks the growing heap again and again: ~4x slower here).
Line and column are only needed for the few values an error or a finding cites, so they are found on
demand by walking the text, skipping every value off the path with the C decoder.
"""

from __future__ import annotations

import bisect
import gc
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import Any

from governance.documents.locations import DataPath, Document, Unreadable, format_path
from governance.errors import Problem

_WS = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building a large, acyclic structure."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class _DuplicateKeys:
    """`object_pairs_hook` that builds dicts and remembers whether any object repeated a key."""

    def __init__(self) -> None:
        self.found = False

    def __call__(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        built = dict(pairs)
        if len(built) != len(pairs):
            self.found = True
        return built


def _container(depth: int) -> str:
    """A pattern for an array or object holding containers nested up to `depth` deep, taking every
    bracket for structure (right only once `_shape_in_brackets` has said so)."""
    flat = r"[^\[\]{}]*+"
    pattern = r"[\[{]" + flat + r"[\]}]"
    for _ in range(depth):
        pattern = r"[\[{]" + flat + r"(?:" + pattern + flat + r")*+[\]}]"
    return pattern


_ITEM = re.compile(_container(4) + r"[ \t\n\r]*+(?:,[ \t\n\r]*+)?")
"""One element of an array of containers (a register fact nests 3 deep) and the comma after it."""
_NOT_SHAPE = bytes(b for b in range(256) if b not in b'"[]{}')


def _shape_in_brackets(raw: bytes) -> bool:
    """Whether no string of the JSON text `raw` holds a bracket, so its brackets alone nest.

    With every other byte deleted, a string holding no bracket leaves two adjacent quotes; any
    quote left once those pairs are removed belongs to a string that holds a bracket. Escaped
    quotes would upset the pairing, so their presence answers no.
    """
    if b'\\"' in raw:
        return False
    return b'"' not in raw.translate(None, _NOT_SHAPE).replace(b'""', b"")


Children = dict[str, tuple[int, int]] | list[int]
"""An object's keys → (key offset, value offset); an array's element offsets."""


class _TextIndex:
    """Finds the offset of a path in JSON text, caching the children of each container it opens.

    It keeps the file's bytes and decodes them only when a position is first asked for, so a large
    register does not hold its text twice while it is checked.

    An array whose elements are all objects or arrays (every fact list of a register) is opened
    with one regular-expression pass that matches each element by its brackets, instead of decoding
    each element to find where it ends: about 5x faster on a large register.
    """

    def __init__(self, raw: bytes) -> None:
        self.raw = raw
        self._text: str | None = None
        self._bracketed: bool | None = None
        self.children: dict[int, Children] = {}
        self.newlines: list[int] | None = None

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = self.raw.decode("utf-8")
        return self._text

    def skip_ws(self, pos: int) -> int:
        match = _WS.match(self.text, pos)
        return match.end() if match else pos

    def open(self, start: int) -> Children:
        """The children of the container at `start` (see `Children`)."""
        cached = self.children.get(start)
        if cached is not None:
            return cached
        if self.text[start] == "[":
            items = self._items(start)
            out: Children = items[0] if items else self._walk_array(start)
        else:
            out = self._walk_object(start)
        self.children[start] = out
        return out

    def _skip(self, pos: int) -> int:
        """The offset just past the value at `pos`."""
        if self.text[pos] == "[":
            items = self._items(pos)
            if items is not None:
                self.children[pos] = items[0]
                return items[1]
        return int(_DECODER.raw_decode(self.text, pos)[1])

    def _walk_object(self, start: int) -> dict[str, tuple[int, int]]:
        text, out = self.text, {}
        pos = self.skip_ws(start + 1)
        while pos < len(text) and text[pos] != "}":
            key_at = pos
            name, pos = scanstring(text, pos + 1)
            pos = self.skip_ws(self.skip_ws(pos) + 1)  # past the colon
            if name not in out:  # duplicate keys: the first one is where an author looks
                out[name] = (key_at, pos)
            pos = self.skip_ws(self._skip(pos))
            if pos < len(text) and text[pos] == ",":
                pos = self.skip_ws(pos + 1)
        return out

    def _walk_array(self, start: int) -> list[int]:
        text, out = self.text, []
        pos = self.skip_ws(start + 1)
        while pos < len(text) and text[pos] != "]":
            out.append(pos)
            pos = self.skip_ws(self._skip(pos))
            if pos < len(text) and text[pos] == ",":
                pos = self.skip_ws(pos + 1)
        return out

    def _items(self, start: int) -> tuple[list[int], int] | None:
        """The element offsets of the array at `start` and the offset past it, when every element
        is a container `_ITEM` matches; None otherwise (the caller then decodes element by element).
        """
        if self._bracketed is None:
            self._bracketed = _shape_in_brackets(self.raw)
        if not self._bracketed:
            return None
        text, out = self.text, []
        pos = self.skip_ws(start + 1)
        if text[pos] not in "[{]":
            return None  # scalars: no need to search ahead for a bracket
        for match in _ITEM.finditer(text, pos):
            if match.start() != pos:
                break  # past the last element, or an element _ITEM cannot match
            out.append(pos)
            pos = match.end()
        if pos >= len(text) or text[pos] != "]":
            return None
        return out, pos + 1

    def offset(self, path: DataPath, key: bool) -> int:
        text = self.text
        pos = key_pos = self.skip_ws(0)
        for step in path:
            if pos >= len(text) or text[pos] not in "[{":
                break
            children = self.open(pos)
            if isinstance(children, list):
                if not isinstance(step, int) or not 0 <= step < len(children):
                    break
                key_pos = pos = children[step]
            else:
                if not isinstance(step, str) or step not in children:
                    break
                key_pos, pos = children[step]
        return key_pos if key else pos

    def line_column(self, offset: int) -> tuple[int, int]:
        if self.newlines is None:
            self.newlines = [m.start() for m in re.finditer("\n", self.text)]
        line = bisect.bisect_left(self.newlines, offset)
        start = self.newlines[line - 1] + 1 if line else 0
        return (line + 1, offset - start + 1)

    def _offsets(self, paths: list[DataPath]) -> list[int]:
        """`offset(path, False)` of each path; items of a top-level list found directly."""
        root = self.skip_ws(0)
        top = self.open(root) if self.text[root : root + 1] == "{" else None
        arrays: dict[str, list[int] | None] = {}
        out = []
        for path in paths:
            items = None
            if top is not None and len(path) == 2 and isinstance(path[0], str):
                name = path[0]
                if name not in arrays:
                    at = top.get(name) if isinstance(top, dict) else None
                    found = self.open(at[1]) if at and self.text[at[1]] in "[{" else None
                    arrays[name] = found if isinstance(found, list) else None
                items = arrays[name]
            index = path[1] if items is not None else -1
            if items is not None and isinstance(index, int) and 0 <= index < len(items):
                out.append(items[index])
            else:
                out.append(self.offset(path, False))
        return out

    def lines(self, paths: list[DataPath]) -> list[int]:
        """The line of each path's value (as `locate`), the offsets counted off in one sweep."""
        try:
            offsets = self._offsets(paths)
        except (ValueError, IndexError):  # defensive only, as in `locate`
            return [self.locate(path, False)[0] for path in paths]
        text, line, at = self.text, 1, 0
        out = [0] * len(offsets)
        for n in sorted(range(len(offsets)), key=offsets.__getitem__):
            offset = offsets[n]
            line += text.count("\n", at, offset)
            at = offset
            out[n] = line
        self.forget()
        return out

    def forget(self) -> None:
        """Drop the decoded text and what was found in it (the bytes are kept): a national
        register's evidence is located once per check, and its text would otherwise be held,
        with a line table and every list's item offsets, while the findings are written."""
        self._text = None
        self.children = {}
        self.newlines = None

    def locate(self, path: DataPath, key: bool) -> tuple[int, int]:
        try:
            return self.line_column(self.offset(path, key))
        except (ValueError, IndexError):  # the text is valid JSON, so this is defensive only
            return (1, 1)


SMALL_JSON = 8 * 1024 * 1024
"""Below this size, duplicate keys are caught while parsing; above it, by counting (see below)."""


def read_json(raw: bytes, file: str) -> Document:
    """Parse JSON; raise `Unreadable` for syntax errors, duplicate keys or runaway nesting.

    A small document is parsed with a hook that sees every object's pairs. A large one is parsed
    by the C decoder alone, and its key separators (``":``) are counted in the bytes: the loader
    compares that count with the keys it finds (`Document.key_tokens`) and looks for duplicates
    only when they differ.
    """
    hook = _DuplicateKeys() if len(raw) <= SMALL_JSON else None
    try:
        with gc_paused():
            data = json.loads(raw, object_pairs_hook=hook, parse_constant=_no_constant)
    except _NotANumber as exc:
        raise Unreadable(_constant(raw, file, str(exc))) from None
    except json.JSONDecodeError as exc:
        raise Unreadable(
            Problem(file, exc.lineno, exc.colno, "", f"JSON syntax error: {exc.msg}")
        ) from None
    except RecursionError:
        raise Unreadable(
            Problem(file, 1, 1, "", "the document is nested too deeply to read")
        ) from None
    except ValueError:  # an integer longer than Python converts (4,300 digits)
        raise Unreadable(_long_number(raw, file)) from None
    index = _TextIndex(raw)
    tokens: int | None = None
    if hook is None:
        tokens = _key_tokens(raw)
        if tokens is None:  # escaped quotes or spaced colons: count exactly the slow way
            hook = _DuplicateKeys()
            with gc_paused():
                json.loads(raw, object_pairs_hook=hook)
    if hook is not None and hook.found:
        raise Unreadable(*duplicates(index, file))
    return Document(file, data, index.locate, raw, tokens, lines_of=index.lines)


def unparsed_json(raw: bytes, file: str) -> Document:
    """A JSON document whose bytes are kept unparsed (for a caller that decodes them itself)."""
    index = _TextIndex(raw)
    tokens = _key_tokens(raw)
    return Document(file, None, index.locate, raw, tokens, lines_of=index.lines, unparsed=True)


def parsed(doc: Document) -> Document:
    """`doc` parsed (as `read_json` would have read it) when it was read unparsed.

    Raises:
        Unreadable: syntax errors, duplicate keys, runaway nesting, as `read_json`.
    """
    if not doc.unparsed or doc.raw is None:
        return doc
    return read_json(doc.raw, doc.file)


_SPACED_COLON = re.compile(rb'"[ \t\r\n]+:')
_LONG_NUMBER = re.compile(rb"-?[0-9]{1000,}")


class _NotANumber(ValueError):
    """``NaN``, ``Infinity`` or ``-Infinity``: Python's decoder accepts them, JSON does not."""


def _no_constant(name: str) -> Any:
    raise _NotANumber(name)


def _constant(raw: bytes, file: str, name: str) -> Problem:
    """The problem of the first ``NaN``/``Infinity`` written as a value (outside strings)."""
    found = re.search(rb"[:\[,][ \t\r\n]*(" + re.escape(name.encode()) + rb")", raw)
    line = column = 0
    if found is not None:
        before = raw[: found.start(1)]
        line, column = before.count(b"\n") + 1, found.start(1) - (before.rfind(b"\n") + 1) + 1
    return Problem(
        file, line, column, "", f"expected a number, got {name}, which JSON does not allow"
    )


def _long_number(raw: bytes, file: str) -> Problem:
    """The problem of the first number too long to read (the decoder does not say where)."""
    found = _LONG_NUMBER.search(raw)
    if found is None:
        return Problem(file, 0, 0, "", "a number is too long to read")
    before = raw[: found.start()]
    line, column = before.count(b"\n") + 1, found.start() - (before.rfind(b"\n") + 1) + 1
    digits = len(found.group().lstrip(b"-"))
    return Problem(file, line, column, "", f"expected a number, found one of {digits:,} digits")


def _key_tokens(raw: bytes) -> int | None:
    """How many object keys the text holds, or None when a cheap count could be wrong."""
    if b'\\"' in raw or _SPACED_COLON.search(raw):
        return None
    return raw.count(b'":')


def duplicates_in(doc: Document) -> list[Problem]:
    """Every repeated key of a JSON document (the slow path, only when counts disagree)."""
    if doc.raw is None:
        return []
    return duplicates(_TextIndex(doc.raw), doc.file)


def duplicates(index: _TextIndex, file: str) -> list[Problem]:
    """Walk the text (on the rare error path only) to name every repeated key and its place."""
    text, problems = index.text, []
    stack: list[tuple[int, DataPath]] = [(index.skip_ws(0), ())]
    while stack:
        start, path = stack.pop()
        if text[start] not in "[{":
            continue
        seen: set[str] = set()
        pos, count = index.skip_ws(start + 1), 0
        while text[pos] not in "]}":
            key_at, name = pos, count
            if text[start] == "{":
                name, pos = scanstring(text, pos + 1)
                pos = index.skip_ws(index.skip_ws(pos) + 1)
                if name in seen:
                    line, column = index.line_column(key_at)
                    message = f"duplicate key '{name}'; JSON readers would silently keep the last"
                    problems.append(Problem(file, line, column, format_path(path), message))
                seen.add(name)
            stack.append((pos, (*path, name)))
            _, pos = _DECODER.raw_decode(text, pos)
            pos = index.skip_ws(pos)
            if text[pos] == ",":
                pos = index.skip_ws(pos + 1)
            count += 1
    return problems
