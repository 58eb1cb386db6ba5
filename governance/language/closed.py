"""The closed sets of values of the facts' text fields, read from the register model's `Literal`s.

A rule comparing ``type == 'renumeration'`` would never fire; the compiler checks every string
literal compared with a field listed here. The sets are derived, not written down: each fact type
is fed by some register models (`sources`, read from the `Register` model's own unions), and a
text field of the fact takes the values of the `Literal`-typed field of the same name in those
models (or of the field named in `RENAMED`). A field added to the register with a `Literal` type
and to `FACT_TYPES` under the same name, or a new kind of interest in the `Interest` union, is
checked without touching this module.
"""

from __future__ import annotations

import types
import typing
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel

from governance.language.facts import FACT_TYPES
from governance.register import models as register

COLLECTION_OF: dict[str, tuple[str, ...]] = {
    "party": ("parties",),
    "relation": ("relations",),
    "tie": ("relations",),
    "attribution": ("relations",),
    "engagement": ("engagements",),
    "interest": ("interests",),
    "disclosure": ("disclosures",),
    "review": ("reviews",),
    "condition": ("reviews", "conditions"),
    "resolution": ("resolutions",),
    "vote": ("resolutions",),
    "waiver": ("waivers",),
    # banso-shien v2
    "gift": ("interests",),
    "bid": ("bids",),
    "pledge": ("pledges",),
    "permission": ("permissions",),
    "party_role": ("parties",),
    "relative": ("relations",),
}
"""Where in the register each fact type comes from: a collection, then nested list fields."""

OWN_FACT_TYPE: dict[type[BaseModel], str] = {register.Gift: "gift"}
"""Register models of a collection normalised to a fact type of their own (a gift is not an
``interest`` fact): the only source of that type, and no source of the collection's usual one."""


def _models(annotation: Any) -> list[type[BaseModel]]:
    """The models an annotation holds (through Annotated, unions, tuples and None)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models(arg)]


def sources(fact_type: str) -> list[type[BaseModel]]:
    """The register models `fact_type` is normalised from, read from the `Register` model (so a
    new kind of interest added to the `Interest` union is a source without any edit here)."""
    steps = COLLECTION_OF.get(fact_type, ())
    models: list[type[BaseModel]] = [register.Register]
    for step in steps:
        models = [
            m
            for owner in models
            if step in owner.model_fields
            for m in _models(owner.model_fields[step].annotation)
        ]
    if not steps:
        return []
    if fact_type in OWN_FACT_TYPE.values():
        return [m for m in models if OWN_FACT_TYPE.get(m) == fact_type]
    return [m for m in models if m not in OWN_FACT_TYPE]


RENAMED: dict[tuple[str, str], str] = {
    ("party", "kind"): "type",
    ("attribution", "via"): "type",
    ("party_role", "role"): "roles",
}
"""Fact fields named differently from the register field whose values they carry."""

EXTRA: dict[tuple[str, str], tuple[str, ...]] = {("attribution", "via"): ("self",)}
"""Values a fact field has beyond the register's (an interest is attributed to its holder)."""


def _literal_values(annotation: Any) -> list[str]:
    """Every string a `Literal` inside `annotation` allows (through Optional, tuples, Annotated)."""
    if typing.get_origin(annotation) is Literal:
        return [v for v in typing.get_args(annotation) if isinstance(v, str)]
    out: list[str] = []
    origin = typing.get_origin(annotation)
    if origin is not None or isinstance(annotation, types.UnionType):
        for arg in typing.get_args(annotation):
            if arg is not Ellipsis:
                out += _literal_values(arg)
    return out


@cache
def closed_values() -> dict[tuple[str, str], tuple[str, ...]]:
    """The allowed values of each closed text field, by (fact type, field)."""
    out: dict[tuple[str, str], tuple[str, ...]] = {}
    for fact_type, fields in FACT_TYPES.items():
        for name, kind in fields.items():
            if kind != "text":
                continue
            source = RENAMED.get((fact_type, name), name)
            values: list[str] = []
            for model in sources(fact_type):
                found = model.model_fields.get(source)
                if found is not None:
                    values += _literal_values(found.annotation)
            if values:
                extra = EXTRA.get((fact_type, name), ())
                out[(fact_type, name)] = tuple(dict.fromkeys([*extra, *values]))
    return out


def allowed(fact_type: str, name: str) -> tuple[str, ...] | None:
    """The values field `name` of `fact_type` can hold, or None when any text may appear.

    The empty string is always allowed: it is what an optional field normalises to.
    """
    return closed_values().get((fact_type, name))
