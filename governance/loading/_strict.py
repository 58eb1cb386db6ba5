"""Validating decoders for the register records, derived from the pydantic schema.

`governance.register.models` holds the one schema: field types, constraints (patterns, bounds,
lengths) and the wording of errors. Here each record class of `governance.register.records` gets a
subclass whose fields carry the same constraints as msgspec annotations, read from the models'
fields, so that ``msgspec.json.decode(raw, type=LISTS)`` validates a whole document in one parse
straight into records. A constraint this module cannot translate stops the import: the decoder may
refuse more than the models (the loader then asks pydantic), never less.

Patterns are anchored with ``\\A``/``\\Z``: pydantic-core's ``$`` is the end of the text, Python's
also matches before a final newline.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Iterable, Sequence
from datetime import date
from itertools import chain
from operator import attrgetter
from typing import Annotated, Any, Literal, Union

import annotated_types
import msgspec
from pydantic import AllowInfNan, BaseModel, StringConstraints
from pydantic.fields import FieldInfo

from governance.register import models, records
from governance.register.types import ID_PATTERN, LINE_BREAKS, NAME_PATTERN, Expect

_PLAIN = (str, int, float, bool, date, type(None))


def _pattern(pattern: str) -> str:
    """`pattern` with pydantic-core's anchors (start and end of the whole text)."""
    if pattern.startswith("^"):
        pattern = r"\A" + pattern[1:]
    if pattern.endswith("$") and not pattern.endswith(r"\$"):
        pattern = pattern[:-1] + r"\Z"
    re.compile(pattern)
    return pattern


def _meta(constraints: list[Any]) -> dict[str, Any]:
    """msgspec ``Meta`` arguments for pydantic's constraints (an unknown one is an error)."""
    meta: dict[str, Any] = {}
    for c in constraints:
        if isinstance(c, Expect):
            continue
        if isinstance(c, FieldInfo):
            meta.update(_meta(list(c.metadata)))
        elif isinstance(c, StringConstraints):
            unknown = {
                k
                for k, v in vars(c).items()
                if v is not None and k not in {"pattern", "min_length", "max_length"}
            }
            if unknown:
                raise TypeError(f"no msgspec form for string constraints {sorted(unknown)}")
            if c.pattern == ID_PATTERN:  # checked in bulk after decoding (see `bulk_problems`)
                meta.update(min_length=1, max_length=200, extra={"no_space": True})
            elif c.pattern == r"\S":
                meta.update(extra={"not_blank": True})
            elif c.pattern == NAME_PATTERN:  # Python's re would backtrack on it: in bulk too
                meta.update(extra={"not_blank": True, "one_line": True})
            elif c.pattern is not None:
                meta["pattern"] = _pattern(str(c.pattern))
            if c.min_length is not None:
                meta["min_length"] = max(c.min_length, meta.get("min_length", 0))
            if c.max_length is not None:
                meta["max_length"] = c.max_length
        elif isinstance(c, annotated_types.Ge):
            meta["ge"] = c.ge
        elif isinstance(c, annotated_types.Le):
            meta["le"] = c.le
        elif isinstance(c, annotated_types.MinLen):
            meta["min_length"] = c.min_length
        elif isinstance(c, AllowInfNan) and not c.allow_inf_nan:
            continue  # JSON has no infinity or NaN, and msgspec refuses the spellings
        elif type(c).__name__ == "_PydanticGeneralMetadata" and set(vars(c)) == {"pattern"}:
            meta["pattern"] = _pattern(vars(c)["pattern"])
        else:
            raise TypeError(f"no msgspec form for the constraint {c!r}")
    return meta


def _type(annotation: Any, constraints: list[Any], decoders: dict[type, type]) -> Any:
    """The msgspec annotation validating what `annotation` (with `constraints`) validates."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is Annotated:
        return _type(args[0], [*args[1:], *constraints], decoders)
    if origin in (Union, types.UnionType):
        inner = tuple(_type(a, [], decoders) for a in args)
        built: Any = Union[inner]  # noqa: UP007 (built at run time from a tuple)
        return _constrained(built, constraints)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _constrained(tuple[_type(args[0], [], decoders), ...], constraints)  # type: ignore[misc]
    if origin is Literal:
        return _constrained(annotation, constraints)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return decoders[annotation]
    if annotation in _PLAIN:
        return _constrained(annotation, constraints)
    raise TypeError(f"no msgspec form for the type {annotation!r}")


def _constrained(annotation: Any, constraints: list[Any]) -> Any:
    meta = _meta(constraints)
    return Annotated[annotation, msgspec.Meta(**meta)] if meta else annotation


_PAIRS: tuple[tuple[type[BaseModel], type[msgspec.Struct]], ...] = (
    (models.Metadata, records.Metadata),
    (models.Person, records.Person),
    (models.Organization, records.Organization),
    (models.Relation, records.Relation),
    (models.Engagement, records.Engagement),
    (models.Investment, records.Investment),
    (models.BoardSeat, records.BoardSeat),
    (models.Collaboration, records.Collaboration),
    (models.Remuneration, records.Remuneration),
    (models.Competition, records.Competition),
    (models.Gift, records.Gift),
    (models.Disclosure, records.Disclosure),
    (models.Condition, records.Condition),
    (models.Review, records.Review),
    (models.Resolution, records.Resolution),
    (models.Waiver, records.Waiver),
    (models.Bid, records.Bid),
    (models.Pledge, records.Pledge),
    (models.Permission, records.Permission),
    (models.Register, records.Lists),
)
"""Each schema model and the record class that carries its facts (nested ones first)."""


def record_fields(model: type[BaseModel]) -> list[tuple[str, str, Any]]:
    """A model's fields as its record must have them: attribute, name in the text, default.

    The discriminator ``type`` of a party or interest is the record's tag, not a field.
    """
    tagged = model.model_fields.get("type") is not None and model not in (models.Relation,)
    out: list[tuple[str, str, Any]] = []
    for name, info in model.model_fields.items():
        if tagged and name == "type":
            continue
        default = msgspec.NODEFAULT if info.is_required() else info.default
        if isinstance(default, models.Metadata):  # the register's default metadata
            default = records.Metadata()
        out.append((name, info.alias or name, default))
    return out


def _decoder(
    model: type[BaseModel], record: type[msgspec.Struct], decoders: dict[type, type]
) -> type:
    fields: list[tuple[Any, ...]] = []
    for name, _alias, default in record_fields(model):
        info = model.model_fields[name]
        annotation = _type(info.annotation, list(info.metadata), decoders)
        if default is msgspec.NODEFAULT:
            fields.append((name, annotation))
        else:
            fields.append((name, annotation, default))
    config = record.__struct_config__
    extra: dict[str, Any] = {}
    if config.tag_field is not None:
        extra = {"tag_field": config.tag_field, "tag": config.tag}
    rename = {n: a for n, a, _ in record_fields(model) if a != n} or None
    return msgspec.defstruct(
        f"Strict{record.__name__}",
        fields,
        bases=(record,),
        module=__name__,
        kw_only=True,
        rename=rename,
        **extra,
    )


def _decoders() -> dict[type, type]:
    built: dict[type, type] = {}
    for model, record in _PAIRS:
        built[model] = _decoder(model, record, built)
    return built


DECODERS = _decoders()
globals().update({cls.__name__: cls for cls in DECODERS.values()})  # found by name: pickle
LISTS: type[records.Lists] = DECODERS[models.Register]
"""The validating type of a whole register document."""
DECODER = msgspec.json.Decoder(LISTS)


def _default_keys() -> tuple[bytes, ...]:
    """Each field with a default, as its encoding shows it when at the default: ``"note":null``."""
    found: set[bytes] = set()
    for model, _record in _PAIRS:
        for _name, alias, default in record_fields(model):
            if default is msgspec.NODEFAULT:
                continue
            found.add(msgspec.json.encode(alias) + b":" + msgspec.json.encode(default))
    return tuple(sorted(found))


DEFAULT_KEYS = _default_keys()
"""Each field at its default, as encoded: the keys a register's text may have left out."""


def _default_values() -> tuple[tuple[bytes, ...], tuple[bytes, ...]]:
    """What to count in an encoding for the keys at their default: values that only a default
    can be (``":null``, ``":false``, ``":[]``) and whole keys for the others (``"currency":"JPY"``),
    and the keys that may hold such a value without it being their default (to take away)."""
    common = (b'":null', b'":false', b'":[]')
    counted = [key for key in DEFAULT_KEYS if not any(key.endswith(v[1:]) for v in common)]
    others: set[bytes] = set()
    for model, _record in _PAIRS:
        for name, alias, _default in record_fields(model):
            shown = repr(model.model_fields[name].annotation)
            text = msgspec.json.encode(alias)
            for value, kind in ((b":false", "bool"), (b":[]", "tuple")):
                if kind in shown and text + value not in DEFAULT_KEYS:
                    others.add(text + value)
    return (*common, *counted), tuple(sorted(others))


DEFAULT_VALUES, NOT_DEFAULT = _default_values()
"""Counted in an encoding: the keys at their default are the first less the second."""


def _marked(annotation: Any, key: str) -> bool:
    """Whether `annotation` (or the item type of a tuple, or a member of a union) carries `key`."""
    if typing.get_origin(annotation) is Annotated:
        for m in typing.get_args(annotation)[1:]:
            if isinstance(m, msgspec.Meta) and m.extra and m.extra.get(key):
                return True
        annotation = typing.get_args(annotation)[0]
    return any(_marked(a, key) for a in typing.get_args(annotation) if a is not Ellipsis)


_Bulk = tuple[str, bool, str, bool]
"""A field checked in bulk: its name, whether it is an id (else a name), its shape (one value
``one``, one or None ``optional``, a tuple of them ``many``), and whether it must hold no line
break (a name on one line)."""
_LINE_BREAK = re.compile(f"[{re.escape(LINE_BREAKS)}]")


def _shape(annotation: Any) -> str:
    if typing.get_origin(annotation) is Annotated:
        annotation = typing.get_args(annotation)[0]
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) is tuple:
        return "many"
    return "optional" if type(None) in args else "one"


def _bulk_fields() -> dict[type, tuple[_Bulk, ...]]:
    """For each decoding class: its fields that are ids (no white space) or names (not blank)."""
    found: dict[type, tuple[_Bulk, ...]] = {}
    for cls in DECODERS.values():
        checked: list[_Bulk] = []
        for f in msgspec.structs.fields(cls):
            is_id = _marked(f.type, "no_space")
            if is_id or _marked(f.type, "not_blank"):
                checked.append((f.name, is_id, _shape(f.type), _marked(f.type, "one_line")))
        found[cls] = tuple(checked)
    return found


BULK = _bulk_fields()


def bulk_valid(lists: records.Lists) -> bool:
    """The text constraints msgspec did not check while decoding, checked a field at a time.

    An id holds no white space; a name is not blank (white space as Python's ``str.split`` and
    ``\\s`` see it, which takes at least every character pydantic-core's does:
    tests/test_fast_loading.py), and a name on one line holds no `LINE_BREAKS` character.
    """
    ids: list[Iterable[str]] = []
    names: list[Iterable[str]] = []
    lines: list[list[str]] = []
    groups: list[Sequence[Any]] = [(lists.metadata,)]
    groups.extend(getattr(lists, collection) for collection in models.COLLECTIONS)
    groups.append([c for r in lists.reviews for c in r.conditions])
    for items in groups:
        classes = set(map(type, items))
        for field in set().union(*(BULK.get(cls, ()) for cls in classes)):
            name, is_id, shape, one_line = field
            owners = {cls for cls in classes if field in BULK.get(cls, ())}
            members = items if owners == classes else [x for x in items if type(x) in owners]
            values: Iterable[Any] = map(attrgetter(name), members)
            if shape == "optional":
                values = filter(None, values)
            elif shape == "many":
                values = chain.from_iterable(values)
            if one_line:
                values = list(values)
                lines.append(values)
            (ids if is_id else names).append(values)
    joined = "\x00".join(chain.from_iterable(ids))
    words = joined.split()
    if joined and (len(words) != 1 or len(words[0]) != len(joined)):
        return False
    if _LINE_BREAK.search("\x00".join(chain.from_iterable(lines))):
        return False
    return not any(map(str.isspace, chain.from_iterable(names)))
