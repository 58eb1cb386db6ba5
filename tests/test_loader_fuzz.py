"""Whatever a user feeds the loader, it returns a register or raises `RegisterError`: never else."""

from __future__ import annotations

import json
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from governance import Register, RegisterError, load_register_data
from governance.loading import load_register_text
from tests.conftest import SMALL

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(["2026-04-01", "2026-02-30", "P-TANAKA", "INV-1", "investment", "person"]),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
KEYS = ["apiVersion", "kind", "metadata", "parties", "relations", "engagements", "interests"]


def _outcome(load: Any, *args: Any) -> None:
    try:
        result = load(*args)
    except RegisterError as error:
        assert error.problems
        assert all(str(p) for p in error.problems)
    else:
        assert isinstance(result, Register)


@SETTINGS
@given(st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), values, max_size=6))
def test_random_documents(document: dict[str, Any]) -> None:
    _outcome(load_register_data, document)


@SETTINGS
@given(st.binary(max_size=300) | st.text(max_size=300).map(lambda s: s.encode("utf-8")))
def test_random_bytes(data: bytes) -> None:
    _outcome(load_register_text, data)


BASE = yaml.safe_load(SMALL)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(value, dict):
        for key, inner in value.items():
            out.extend(_paths(inner, (*prefix, key)))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            out.extend(_paths(inner, (*prefix, index)))
    return out


PATHS = [p for p in _paths(BASE) if p]


def _set(document: Any, path: tuple[Any, ...], value: Any) -> Any:
    copy = json.loads(json.dumps(document, default=str))
    target = copy
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return copy


@SETTINGS
@given(st.sampled_from(PATHS), values, st.sampled_from(["yaml", "json", "data"]))
def test_one_mutated_field_of_a_valid_register(path: tuple[Any, ...], value: Any, how: str) -> None:
    document = _set(BASE, path, value)
    if how == "data":
        _outcome(load_register_data, document)
    elif how == "json":
        _outcome(load_register_text, json.dumps(document, allow_nan=True))
    else:
        _outcome(load_register_text, yaml.safe_dump(document, allow_unicode=True))
