"""Turn pydantic's validation errors into `Problem`s that name the file, line, path and value."""

from __future__ import annotations

import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from governance.documents import DataPath, Document, format_path
from governance.documents.text_safety import describe
from governance.errors import Problem, did_you_mean
from governance.register.types import Expect, first_break, show

_MAPPING_ERRORS = {"model_type", "model_attributes_type", "dict_type", "dataclass_type"}
_STRUCTURAL = {
    "missing",
    "extra_forbidden",
    "union_tag_invalid",
    "union_tag_not_found",
    "literal_error",
    "too_short",
    *_MAPPING_ERRORS,
    "tuple_type",
    "list_type",
}
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LIST_ERRORS = {"tuple_type", "list_type"}
_QUOTED = re.compile(r"'([^']*)'")


def data_path(loc: tuple[int | str, ...], data: Any) -> DataPath:
    """Map a pydantic error location onto the document, dropping discriminator tags."""
    out: list[str | int] = []
    value = data
    for step in loc:
        if isinstance(value, dict) and step not in value and value.get("type") == step:
            continue  # the tag pydantic adds for a discriminated union
        out.append(step)
        value = _value_at((step,), value)
    return tuple(out)


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The models an annotation can hold directly (through Annotated, unions and None)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _models_in(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return []


def _item_annotation(annotation: Any) -> Any:
    """The element type of a tuple/list/dict annotation (through Annotated and None)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _item_annotation(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            if arg is not type(None):
                return _item_annotation(arg)
    if origin in (tuple, list, dict):
        return typing.get_args(annotation)[-1 if origin is dict else 0]
    return None


def _pick(models: list[type[BaseModel]], value: Any) -> type[BaseModel] | None:
    """Choose among union members by the ``type`` literal the data gives."""
    if len(models) <= 1:
        return models[0] if models else None
    tag = value.get("type") if isinstance(value, dict) else None
    for model in models:
        field = model.model_fields.get("type")
        if field is not None and tag in typing.get_args(field.annotation):
            return model
    return None


def model_at(root: type[BaseModel], path: DataPath, data: Any) -> type[BaseModel] | None:
    """The model that validates the mapping at `path` of `data`, found by walking annotations."""
    model: type[BaseModel] | None = root
    annotation: Any = None
    value = data
    for step in path:
        value = _value_at((step,), value)
        if model is not None and isinstance(step, str):
            field = next((f for n, f in model.model_fields.items() if (f.alias or n) == step), None)
            if field is None:
                return None
            annotation = field.annotation
        elif annotation is not None:
            annotation = _item_annotation(annotation)
        else:
            return None
        model = _pick(_models_in(annotation), value)
    return model


def fields_of(model: type[BaseModel]) -> list[str]:
    """The keys an author may write for `model` (aliases where a field has one)."""
    return [info.alias or name for name, info in model.model_fields.items()]


def _value_at(path: DataPath, data: Any) -> Any:
    value = data
    for step in path:
        if isinstance(value, dict) and isinstance(step, str):
            value = value.get(step)
        elif isinstance(value, list) and isinstance(step, int) and 0 <= step < len(value):
            value = value[step]
        else:
            return None
    return value


def _one_of(expected: str, found: Any) -> str:
    options = _QUOTED.findall(expected)
    hint = did_you_mean(found, options) if isinstance(found, str) else ""
    if len(options) == 1:
        return f"expected {options[0]}, got {show(found)}"
    return f"expected one of {', '.join(options)}; got {show(found)}{hint}"


def _tags(root: type[BaseModel], path: DataPath) -> str:
    """The ``type`` values the discriminated union of list items at `path` accepts."""
    owner = model_at(root, path[:-2], {}) if len(path) >= 2 else None
    field = owner.model_fields.get(str(path[-2])) if owner else None
    models = _models_in(_item_annotation(field.annotation)) if field else []
    return ", ".join(
        str(arg) for m in models for arg in typing.get_args(m.model_fields["type"].annotation)
    )


def _annotation_at(root: type[BaseModel], path: DataPath, data: Any) -> Any:
    """The annotation of the field (or list item) at `path`, if the models say."""
    for end in range(len(path), 0, -1):
        if isinstance(path[end - 1], str):
            owner = model_at(root, path[: end - 1], data)
            field = owner.model_fields.get(str(path[end - 1])) if owner else None
            if field is None:
                return None
            annotation: Any = field.annotation
            for _ in path[end:]:
                annotation = _item_annotation(annotation)
            return annotation
    return None


def _expectation(annotation: Any, metadata: list[Any] | None = None) -> str | None:
    """The `Expect` text an annotation (or its field metadata) carries."""
    for item in metadata or []:
        if isinstance(item, Expect):
            return item.text
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        for item in typing.get_args(annotation)[1:]:
            if isinstance(item, Expect):
                return item.text
        return _expectation(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _expectation(arg)
            if found:
                return found
    return None


def _found(value: Any) -> str:
    """``got 'x y'``; or, for text with a tab or a line break, which and where."""
    broken = first_break(value) if isinstance(value, str) else None
    if broken is None:
        return f"got {show(value)}"
    return f"found {describe(value[broken])} at character {broken + 1}"


def _key_expectation(root: type[BaseModel], path: DataPath, data: Any) -> str | None:
    """The `Expect` text of the keys of the mapping at `path`."""
    annotation = _annotation_at(root, path, data)
    while typing.get_origin(annotation) in (typing.Annotated, typing.Union, types.UnionType):
        args = typing.get_args(annotation)
        annotation = next((a for a in args if a is not type(None)), None)
    if typing.get_origin(annotation) is dict:
        return _expectation(typing.get_args(annotation)[0])
    return None


def _field_expectation(root: type[BaseModel], path: DataPath, data: Any) -> str | None:
    if path and isinstance(path[-1], str):
        owner = model_at(root, path[:-1], data)
        field = owner.model_fields.get(path[-1]) if owner else None
        if field is not None:
            return _expectation(field.annotation, list(field.metadata))
    return _expectation(_annotation_at(root, path, data))


def problem_from(error: ErrorDetails, doc: Document, root: type[BaseModel]) -> Problem:
    """Translate one pydantic error about `doc` (validated as `root`) into a `Problem`."""
    kind, ctx, found = error["type"], error.get("ctx") or {}, error.get("input")
    path = data_path(error["loc"], doc.data)
    at_key = False
    if path and path[-1] == "[key]":  # a mapping's key is refused
        path = path[:-1]
        wanted = _key_expectation(root, path[:-1], doc.data) or "a name"
        message = f"expected {wanted}, {_found(found)}"
        return Problem.at(doc.locate(path, key=True), format_path(path), message)
    if kind == "extra_forbidden":
        parent, name = path[:-1], str(path[-1])
        model = model_at(root, parent, doc.data)
        hint = did_you_mean(name, fields_of(model)) if model else ""
        message, report, at_key = f"unknown field '{name}'{hint}", parent, True
    elif kind == "missing":
        parent, name = path[:-1], str(path[-1])
        message, report, path = f"missing required field '{name}'", parent, parent
    elif kind == "union_tag_invalid":
        report = path = (*path, "type")
        message = _one_of(str(ctx.get("expected_tags", "")), ctx.get("tag"))
    elif kind == "union_tag_not_found":
        message, report = f"missing required field 'type' (one of {_tags(root, path)})", path
    elif kind == "literal_error":
        message, report = _one_of(str(ctx.get("expected", "")), found), path
    elif kind == "governance":
        message, report = error["msg"], path
    elif kind not in _STRUCTURAL and (expected := _field_expectation(root, path, doc.data)):
        if kind == "string_pattern_mismatch":  # an id or a name across lines (a tab in it)
            return Problem.at(
                doc.locate(path), format_path(path), f"expected {expected}, {_found(found)}"
            )
        if expected.startswith("a date") and isinstance(found, str) and _ISO_DAY.match(found):
            expected = "a real date (YYYY-MM-DD)"
        message, report = f"expected {expected}, got {show(found)}", path
    elif kind in _MAPPING_ERRORS:
        message, report = f"expected a mapping, got {show(found)}", path
    elif kind in _LIST_ERRORS:
        message, report = f"expected a list, got {show(found)}", path
    elif kind == "too_short":
        what = "id" if path and path[-1] in ("interests", "voters") else "entry"
        message, report = f"expected at least one {what}, got an empty list", path
    elif kind == "string_pattern_mismatch" and path and path[-1] == "currency":
        message, report = f"expected a three-letter currency code like JPY, got {show(found)}", path
    else:
        message, report = f"{error['msg'][0].lower()}{error['msg'][1:]}, got {show(found)}", path
    where = doc.locate(path, key=at_key)
    return Problem.at(where, format_path(report), message)


def problems_from(error: ValidationError, doc: Document, root: type[BaseModel]) -> list[Problem]:
    """Translate every error pydantic found in `doc` (validated as `root`).

    A list whose items are all invalid is also reported "too short" by pydantic; that echo of
    the real problems is dropped.
    """
    details = error.errors(include_url=False)
    deeper = [d["loc"] for d in details if d["type"] != "too_short"]
    kept = [
        d
        for d in details
        if d["type"] != "too_short"
        or not any(len(loc) > len(d["loc"]) and loc[: len(d["loc"])] == d["loc"] for loc in deeper)
    ]
    return [problem_from(detail, doc, root) for detail in kept]
