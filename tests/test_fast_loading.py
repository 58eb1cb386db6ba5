"""The fast path of loading (one strict decode into records) refuses all that the exact path does.

The exact path (parse, located checks, pydantic) writes every message; the fast path only says
"valid beyond doubt" or "ask the exact path". A register it accepted while the exact path refused
it would be a hole, so both run here on every broken register of the suites and on mutations of
valid ones; where both accept, they must give the same records.
"""

from __future__ import annotations

import copy
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import TypeAdapter, ValidationError

from governance import RegisterError, load_register
from governance.documents import Document, Limits, read_document
from governance.documents.locations import Unreadable
from governance.loading import _fast, _strict, loader
from governance.register import models, records
from governance.register.canonical import canonical_json
from governance.register.types import Id, Name
from tests.conftest import EXAMPLE, FIXTURES, SMALL
from tests.test_hostile import _edited, _generated

INVALID = sorted(p for p in (FIXTURES / "invalid").iterdir() if p.suffix in {".yaml", ".json"})
HOSTILE: list[dict[str, Any]] = yaml.safe_load(
    (FIXTURES / "hostile" / "registers.yaml").read_text("utf-8")
)


def _verdicts(path: Path) -> tuple[bool, bool]:
    """(the fast path accepted, the exact path accepted) for the register file at `path`."""
    try:
        doc = read_document(path, path.name, Limits(), lazy=True)
    except Unreadable:
        return False, False
    fast = _fast.decode(doc, "register") is not None
    try:
        loader._exact([doc], [], "register")
    except RegisterError:
        return fast, False
    return fast, True


@pytest.mark.parametrize("case", INVALID, ids=lambda p: p.name)
def test_the_fast_path_refuses_every_invalid_fixture(case: Path) -> None:
    assert _verdicts(case) == (False, False)


def _hostile_text(case: dict[str, Any]) -> str:
    if "text" in case:
        return _generated(case["text"], case)
    return _edited(SMALL, case["edit"], case)


@pytest.mark.parametrize("case", HOSTILE, ids=lambda c: c["name"])
def test_the_fast_path_refuses_every_hostile_register(case: dict[str, Any], tmp_path: Path) -> None:
    text = _hostile_text(case)
    path = tmp_path / case.get("file", "register.yaml")
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    fast, exact = _verdicts(path)
    assert not fast or exact


# Mutations of a valid register: every field of every fact given each wrong value, left out,
# doubled, or joined by an unknown key; ids repeated, references dangling, dates reversed.

_VALUES: list[Any] = [
    None,
    "",
    " ",
    "a b",
    "x\n",
    "\u3000",
    "\u00a0x",
    "x\u2028",
    "JPY\n",
    "2026-02-30",
    "2026-2-1",
    "2026-01-01T00:00:00",
    -1,
    0,
    1.5,
    101,
    10**30,
    True,
    [],
    ["P-TANAKA", "P-TANAKA "],
    {},
    "P-TANAKA",
    "O-MICHI",
    "I-1",
    "director",
    "y" * 201,
]


def _small() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(SMALL)
    return json.loads(json.dumps(data, default=str))


def _mutations(data: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for collection in models.COLLECTIONS:
        for index, item in enumerate(data.get(collection) or []):
            for key in list(item):
                for value in _VALUES:
                    changed = copy.deepcopy(data)
                    changed[collection][index][key] = value
                    yield f"{collection}[{index}].{key}={value!r}", changed
                changed = copy.deepcopy(data)
                del changed[collection][index][key]
                yield f"{collection}[{index}] without {key}", changed
            changed = copy.deepcopy(data)
            changed[collection][index]["unknown"] = 1
            yield f"{collection}[{index}] with an unknown key", changed
            changed = copy.deepcopy(data)
            changed[collection].append(copy.deepcopy(item))
            yield f"{collection}[{index}] twice", changed
    for key in ["name", "as_of", "currency", "description"]:
        for value in _VALUES:
            changed = copy.deepcopy(data)
            changed.setdefault("metadata", {})[key] = value
            yield f"metadata.{key}={value!r}", changed
    for key in ["apiVersion", "kind"]:
        changed = copy.deepcopy(data)
        changed[key] = "other"
        yield f"{key} changed", changed


def _json_verdicts(tmp_path: Path, text: str) -> tuple[records.Lists | None, records.Lists | None]:
    path = tmp_path / "register.json"
    path.write_text(text, encoding="utf-8")
    try:
        doc = read_document(path, "register.json", Limits(), lazy=True)
    except Unreadable:
        return None, None
    fast = _fast.decode(doc, "register")
    try:
        exact = loader._exact([doc], [], "register").lists
    except RegisterError:
        return fast, None
    return fast, exact


def test_the_fast_path_refuses_every_mutation_the_exact_path_refuses(tmp_path: Path) -> None:
    data = _small()
    holes, agreed, refused = [], 0, 0
    for name, changed in _mutations(data):
        fast, exact = _json_verdicts(tmp_path, json.dumps(changed, ensure_ascii=False))
        if fast is not None and exact is None:
            holes.append(name)
        elif fast is not None:
            assert canonical_json(fast) == canonical_json(exact), name
            agreed += 1
        else:
            refused += 1
    assert holes == []
    assert agreed > 100 and refused > 1000, (agreed, refused)


def _duplicated(text: str, key: str, value: str, first: bool) -> str:
    """`text` with `key` written twice in its first object: `value` first (or last)."""
    at = text.index(f'"{key}":')
    extra = f'"{key}": {value}, '
    if first:
        return text[:at] + extra + text[at:]
    end = text.index("}", at)
    return text[:end] + f', "{key}": {value}' + text[end:]


@pytest.mark.parametrize("first", [True, False])
@pytest.mark.parametrize("value", ["null", "false", "[]", '"x"', '"JPY"', "5"])
@pytest.mark.parametrize("key", ["note", "end", "id", "roles", "compensated", "currency"])
def test_a_repeated_key_is_never_taken(tmp_path: Path, key: str, value: str, first: bool) -> None:
    data = _small()
    data["metadata"]["currency"] = "JPY"
    data["parties"][0]["note"] = None  # written with its default value
    data["interests"][0]["end"] = None
    text = json.dumps(data, ensure_ascii=False)
    if f'"{key}":' not in text:
        pytest.skip(f"no {key} in the register")
    fast, exact = _json_verdicts(tmp_path, _duplicated(text, key, value, first))
    assert (fast, exact) == (None, None)


def test_keys_written_with_their_default_value_keep_the_fast_path(tmp_path: Path) -> None:
    data = _small()
    data["parties"][0]["note"] = None
    data["interests"][1]["compensated"] = False
    data["reviews"][0]["conditions"][0]["met_on"] = None
    data["bids"] = []
    fast, exact = _json_verdicts(tmp_path, json.dumps(data, ensure_ascii=False, indent=1))
    assert fast is not None
    assert exact is not None
    assert canonical_json(fast) == canonical_json(exact)


def test_white_space_is_at_least_what_pydantic_refuses_in_an_id() -> None:
    ids, names = TypeAdapter(Id), TypeAdapter(Name)
    space = re.compile(r"\s")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if 0xD800 <= code <= 0xDFFF or space.match(char):
            continue
        try:
            ids.validate_python(f"a{char}b", strict=True)
            names.validate_python(char, strict=True)
        except ValidationError:
            pytest.fail(f"pydantic refuses U+{code:04X}, Python takes it for text")


def test_the_records_have_the_models_fields() -> None:
    for model, record in _strict._PAIRS:
        config = record.__struct_config__
        wanted = _strict.record_fields(model)
        assert list(record.__struct_fields__) == [name for name, _, _ in wanted], record
        assert list(record.__struct_encode_fields__) == [alias for _, alias, _ in wanted]
        defaults = dict(
            zip(record.__struct_fields__[::-1], record.__struct_defaults__[::-1], strict=False)
        )
        for name, _, default in wanted:
            assert defaults.get(name, _MISSING) == default, (record, name)
        if "type" in model.model_fields and model is not models.Relation:
            tags = model.model_fields["type"].annotation.__args__
            assert (config.tag_field, (config.tag,)) == ("type", tags)


_MISSING = _strict.msgspec.NODEFAULT


@pytest.mark.parametrize("text", [SMALL, EXAMPLE.read_text("utf-8")], ids=["small", "example"])
def test_the_canonical_json_is_what_the_models_serializer_wrote(text: str, tmp_path: Path) -> None:
    path = tmp_path / "register.yaml"
    path.write_text(text, encoding="utf-8")
    register = load_register(path)
    model = models.Register.model_validate_json(register.to_json(), strict=True)
    assert canonical_json(register.lists) == model.__pydantic_serializer__.to_json(
        model, by_alias=True
    )


def test_a_json_register_is_parsed_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "register.json"
    path.write_text(load_register(EXAMPLE).to_json(), encoding="utf-8")

    def parsed(doc: Document) -> Document:
        raise AssertionError("parsed a second time")

    monkeypatch.setattr(loader, "parsed", parsed)
    register = load_register(path)
    assert register == load_register(EXAMPLE)
    assert register.metadata.name == "kesennuma-2027"
