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


class _TextIndex:
    """Finds the offset of a path in JSON text, caching the children of each container it opens."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.children: dict[int, dict[str | int, tuple[int, int]]] = {}
        self.newlines: list[int] | None = None

    def skip_ws(self, pos: int) -> int:
        match = _WS.match(self.text, pos)
        return match.end() if match else pos

    def open(self, start: int) -> dict[str | int, tuple[int, int]]:
        """Map each child key/index of the container at `start` to (key offset, value offset)."""
        cached = self.children.get(start)
        if cached is not None:
            return cached
        text, out = self.text, {}
        opener = text[start]
        pos = self.skip_ws(start + 1)
        index = 0
        while pos < len(text) and text[pos] not in "]}":
            key_at = pos
            name: str | int = index
            if opener == "{":
                name, pos = scanstring(text, pos + 1)
                pos = self.skip_ws(self.skip_ws(pos) + 1)  # past the colon
            if name not in out:  # duplicate keys: the first one is where an author looks
                out[name] = (key_at, pos)
            _, pos = _DECODER.raw_decode(text, pos)
            pos = self.skip_ws(pos)
            if pos < len(text) and text[pos] == ",":
                pos = self.skip_ws(pos + 1)
            index += 1
        self.children[start] = out
        return out

    def offset(self, path: DataPath, key: bool) -> int:
        pos = self.skip_ws(0)
        key_pos = pos
        for step in path:
            if pos >= len(self.text) or self.text[pos] not in "[{":
                break
            found = self.open(pos).get(step)
            if found is None:
                break
            key_pos, pos = found
        return key_pos if key else pos

    def line_column(self, offset: int) -> tuple[int, int]:
        if self.newlines is None:
            self.newlines = [m.start() for m in re.finditer("\n", self.text)]
        line = bisect.bisect_left(self.newlines, offset)
        start = self.newlines[line - 1] + 1 if line else 0
        return (line + 1, offset - start + 1)

    def locate(self, path: DataPath, key: bool) -> tuple[int, int]:
        try:
            return self.line_column(self.offset(path, key))
        except (ValueError, IndexError):  # the text is valid JSON, so this is defensive only
            return (1, 1)


def read_json(text: str, file: str) -> Document:
    """Parse JSON text; raise `Unreadable` for syntax errors, duplicate keys or runaway nesting."""
    hook = _DuplicateKeys()
    try:
        with gc_paused():
            data = json.loads(text, object_pairs_hook=hook)
    except json.JSONDecodeError as exc:
        raise Unreadable(
            Problem(file, exc.lineno, exc.colno, "", f"JSON syntax error: {exc.msg}")
        ) from None
    except RecursionError:
        raise Unreadable(
            Problem(file, 1, 1, "", "the document is nested too deeply to read")
        ) from None
    index = _TextIndex(text)
    if hook.found:
        raise Unreadable(*_duplicates(index, file))
    return Document(file, data, index.locate)


def _duplicates(index: _TextIndex, file: str) -> list[Problem]:
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
