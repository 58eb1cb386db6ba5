"""Turn pydantic's validation errors into `Problem`s that name the file, line, path and value."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from governance.documents import DataPath, Document, format_path
from governance.errors import Problem, did_you_mean
from governance.register import models as m
from governance.register.types import show

_MAPPING_ERRORS = {"model_type", "model_attributes_type", "dict_type", "dataclass_type"}
_LIST_ERRORS = {"tuple_type", "list_type"}
_QUOTED = re.compile(r"'([^']*)'")

_ITEM_MODELS: dict[str, type[BaseModel] | dict[str, type[BaseModel]]] = {
    "parties": {"person": m.Person, "organization": m.Organization},
    "relations": m.Relation,
    "engagements": m.Engagement,
    "interests": {
        "investment": m.Investment,
        "board_seat": m.BoardSeat,
        "collaboration": m.Collaboration,
        "remuneration": m.Remuneration,
    },
    "disclosures": m.Disclosure,
    "reviews": m.Review,
    "resolutions": m.Resolution,
    "waivers": m.Waiver,
}


def data_path(loc: tuple[int | str, ...], data: Any) -> DataPath:
    """Map a pydantic error location onto the document, dropping discriminator tags."""
    out: list[str | int] = []
    value = data
    for step in loc:
        if isinstance(value, dict) and step not in value and value.get("type") == step:
            continue  # the tag pydantic adds for a discriminated union
        out.append(step)
        if isinstance(value, dict) and isinstance(step, str):
            value = value.get(step)
        elif isinstance(value, list) and isinstance(step, int) and 0 <= step < len(value):
            value = value[step]
        else:
            value = None
    return tuple(out)


def model_at(path: DataPath, data: Any) -> type[BaseModel] | None:
    """The register model that validates the mapping at `path`, if any."""
    if path == ():
        return m.Register
    if path == ("metadata",):
        return m.Metadata
    if len(path) == 4 and path[0] == "reviews" and path[2] == "conditions":
        return m.Condition
    if len(path) != 2 or not isinstance(path[0], str):
        return None
    entry = _ITEM_MODELS.get(path[0])
    if isinstance(entry, dict):
        item = _value_at(path, data)
        kind = item.get("type") if isinstance(item, dict) else None
        return entry.get(kind) if isinstance(kind, str) else None
    return entry


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


def problem_from(error: ErrorDetails, doc: Document) -> Problem:
    """Translate one pydantic error about `doc` into a `Problem`."""
    kind, ctx, found = error["type"], error.get("ctx") or {}, error.get("input")
    path = data_path(error["loc"], doc.data)
    at_key = False
    if kind == "extra_forbidden":
        parent, name = path[:-1], str(path[-1])
        model = model_at(parent, doc.data)
        hint = did_you_mean(name, fields_of(model)) if model else ""
        message, report, at_key = f"unknown field '{name}'{hint}", parent, True
    elif kind == "missing":
        parent, name = path[:-1], str(path[-1])
        message, report, path = f"missing required field '{name}'", parent, parent
    elif kind == "union_tag_invalid":
        report = path = (*path, "type")
        message = _one_of(str(ctx.get("expected_tags", "")), ctx.get("tag"))
    elif kind == "union_tag_not_found":
        entry = _ITEM_MODELS.get(str(path[0])) if path else None
        tags = ", ".join(entry) if isinstance(entry, dict) else ""
        message, report = f"missing required field 'type' (one of {tags})", path
    elif kind == "literal_error":
        message, report = _one_of(str(ctx.get("expected", "")), found), path
    elif kind == "governance":
        message, report = error["msg"], path
    elif kind in _MAPPING_ERRORS:
        message, report = f"expected a mapping, got {show(found)}", path
    elif kind in _LIST_ERRORS:
        message, report = f"expected a list, got {show(found)}", path
    elif kind == "too_short":
        message, report = "expected at least one id, got an empty list", path
    elif kind == "string_pattern_mismatch" and path and path[-1] == "currency":
        message, report = f"expected a three-letter currency code like JPY, got {show(found)}", path
    else:
        message, report = f"{error['msg'][0].lower()}{error['msg'][1:]}, got {show(found)}", path
    where = doc.locate(path, key=at_key)
    return Problem(doc.file, where.line, where.column, format_path(report), message)


def problems_from(error: ValidationError, doc: Document) -> list[Problem]:
    """Translate every error pydantic found in `doc`."""
    return [problem_from(detail, doc) for detail in error.errors(include_url=False)]
