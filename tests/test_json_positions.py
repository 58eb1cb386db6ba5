"""JSON positions: arrays opened by their brackets agree with arrays decoded element by element."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from governance.documents.json_reader import _shape_in_brackets, _TextIndex
from governance.documents.locations import DataPath

DOCUMENTS = {
    "facts on lines": '{"a": [{"b": 1},\n  {"c": [1, 2]} , {"d": {"e": [{}]}}], "z": [ ]}',
    "a bracket in a string": '{"a": [{"b": "]"}, {"c": "{["}], "z": [[], {}]}',
    "an escaped quote": '{"a": [{"b": "\\"]"}, {"c": 1}]}',
    "scalars among containers": '{"a": [{"b": 1}, 2, {"c": 3}], "b": [1, "x", [2]]}',
    "deeper than the pattern": '{"a": [{"b": 1}, {"c": [[[[[[1]]]]]]}, {"d": 2}]}',
    "a top-level array": '[ {"a":1} , {"a":{"b":[{"c":[1]}]}} ]\n',
    "duplicate keys": '{"k": 1, "k": [2, {"x": 3}], "m": [{"a": 1}, {"a": 2}]}',
    "spaced": '  {\r\n "p" : [\t{"a" : "x"} ,\r\n[ ] ] }',
}


def _paths(data: Any, prefix: DataPath = ()) -> Iterator[DataPath]:
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*prefix, key))
        yield (*prefix, "missing")
        yield (*prefix, 0)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _paths(value, (*prefix, index))
        yield (*prefix, len(data))
        yield (*prefix, -1)
        yield (*prefix, "name")


@pytest.mark.parametrize("text", DOCUMENTS.values(), ids=DOCUMENTS.keys())
def test_bracket_scan_finds_what_decoding_finds(text: str) -> None:
    fast, slow = _TextIndex(text.encode()), _TextIndex(text.encode())
    slow._bracketed = False  # decode element by element
    for path in _paths(json.loads(text)):
        for key in (False, True):
            assert fast.locate(path, key) == slow.locate(path, key), (path, key)


def test_brackets_show_the_shape_only_when_no_string_holds_one() -> None:
    assert _shape_in_brackets(b'{"a": ["x", {"b": "y"}]}')
    assert not _shape_in_brackets(b'{"a": ["x]"]}')
    assert not _shape_in_brackets(b'{"a": ["\\"x"]}')
    assert _shape_in_brackets(b'{"a": "\\u3042\\n", "b": []}')
