"""The fast path of loading: one strict decode of a document into records, or "ask the slow path".

A register document is decoded once, from its bytes, by the validating record types of
`governance.loading._strict`, and the rules that span facts (unique ids, references, date order,
decisions with a day, parties tied to themselves) are tested on the records. Anything doubtful
returns None: the loader then runs its exact path (parse, located checks, pydantic validation),
which writes every problem. So the fast path only ever has to refuse at least what that path
refuses (tests/test_fast_loading.py runs both on every invalid fixture, hostile case and mutation).
"""

from __future__ import annotations

import re
from itertools import chain
from operator import attrgetter
from typing import Any, cast

import msgspec

from governance.documents import Document
from governance.documents.json_reader import _shape_in_brackets, duplicates_in
from governance.loading._checks import (
    DATE_ORDER,
    KIND_OF_COLLECTION,
    REFERENCES,
    Ids,
)
from governance.loading._strict import (
    DECODER,
    DEFAULT_KEYS,
    DEFAULT_VALUES,
    NOT_DEFAULT,
    bulk_valid,
)
from governance.register.models import COLLECTIONS
from governance.register.records import Lists


def decode(doc: Document, default_name: str) -> Lists | None:
    """The document's records, when it is valid beyond doubt; None when the exact path must look."""
    raw = doc.raw if doc.raw is not None else doc.json_text()
    try:
        lists = DECODER.decode(raw)
    except (msgspec.ValidationError, msgspec.DecodeError):
        return None
    if not bulk_valid(lists):
        return None
    if doc.raw is not None and not _no_repeated_keys(doc, lists):
        return None
    if not _consistent(lists):
        return None
    if lists.metadata.name is None:
        if _name_given_as_null(doc):  # kept as null by the exact path: let it decide
            return None
        named = msgspec.structs.replace(lists.metadata, name=default_name)
        lists = msgspec.structs.replace(lists, metadata=named)
    return lists


def _name_given_as_null(doc: Document) -> bool:
    """Whether the register's name is written as null (only a missing name takes the default)."""
    if doc.raw is not None:
        return _NULL_NAME.search(doc.raw) is not None
    metadata = doc.data.get("metadata") if isinstance(doc.data, dict) else None
    return isinstance(metadata, dict) and "name" in metadata


_NULL_NAME = re.compile(rb'"name"[ \t\r\n]*:[ \t\r\n]*null')


def _no_repeated_keys(doc: Document, lists: Lists) -> bool:
    """Whether the JSON text repeats no key (a decoder keeps the last value without a word).

    Every key whose value is not its default must come from the text: when the text holds as many
    other keys as the records' encoding shows, and each key the text writes with its default value
    stands once in its object, no key is repeated. Anything else is searched the exact way.
    """
    raw, tokens = doc.raw, doc.key_tokens
    encoded = msgspec.json.encode(lists)
    if raw is None or tokens is None or b'\\"' in encoded:
        return not duplicates_in(doc)
    defaults = sum(encoded.count(v) for v in DEFAULT_VALUES)
    defaults -= sum(encoded.count(k) for k in NOT_DEFAULT)
    implied = encoded.count(b'":') - defaults
    del encoded
    written = _defaults_written(raw)
    if tokens - len(written) != implied or (written and not _shape_in_brackets(raw)):
        return not duplicates_in(doc)
    return all(_alone(raw, start, key) for start, key in written)


_SPELLINGS = tuple(
    sep + value
    for value in (b"null", b"false", b"[]", b'"JPY"', b'"gift"')
    for sep in (b'":', b'": ')
)
_DEFAULT_PAIRS = frozenset(DEFAULT_KEYS)


def _defaults_written(raw: bytes) -> list[tuple[int, bytes]]:
    """Where the text writes a key with its default value: (offset of the key, the key)."""
    found: list[tuple[int, bytes]] = []
    for spelling in _SPELLINGS:
        value = spelling[spelling.index(b":") + 1 :].lstrip(b" ")
        at = raw.find(spelling)
        while at >= 0:
            start = raw.rfind(b'"', 0, at)
            key = raw[start : at + 1]
            if key + b":" + value in _DEFAULT_PAIRS:
                found.append((start, key))
            at = raw.find(spelling, at + 1)
    return found


def _alone(raw: bytes, at: int, key: bytes) -> bool:
    """Whether `key` (at offset `at`) is the only one of its name in its object."""
    depth, start = 0, at
    while True:  # back to the brace that opens the object (brackets alone nest: checked)
        start = max(raw.rfind(b"{", 0, start), raw.rfind(b"}", 0, start))
        if start < 0:
            return False
        if raw[start] == ord("}"):
            depth += 1
        elif depth == 0:
            break
        else:
            depth -= 1
    depth, end = 0, at
    while True:
        nxt = min((i for i in (raw.find(b"{", end), raw.find(b"}", end)) if i >= 0), default=-1)
        if nxt < 0:
            return False
        end = nxt + 1
        if raw[nxt] == ord("{"):
            depth += 1
        elif depth == 0:
            break
        else:
            depth -= 1
    return _top_level(raw[start + 1 : end - 1]).count(key + b":") == 1


def _top_level(body: bytes) -> bytes:
    """An object's text without the objects and arrays nested in it."""
    return _NESTED.sub(b"", body) if b"{" in body or b"[" in body else body


_NESTED = re.compile(rb"\[[^\[\]]*\]|\{[^{}]*\}")


_SOME = frozenset({"beneficiary"})
"""Reference fields that only some kinds of a list's facts have."""


def _attribute(name: str) -> str:
    return "from_" if name == "from" else name


def _ids(lists: Lists) -> Ids | None:
    """Every id by kind, or None when one is defined twice."""
    of_kind: dict[str, set[str]] = {}
    defined = 0
    for collection, kind in KIND_OF_COLLECTION.items():
        values: tuple[Any, ...] = getattr(lists, collection)
        idents = [v.id for v in values if v.id is not None]
        if collection == "reviews":
            conditions = [c.id for r in lists.reviews for c in r.conditions]
            defined += len(conditions)
            of_kind.setdefault("condition", set()).update(conditions)
        defined += len(idents)
        of_kind.setdefault(kind, set()).update(idents)
    if sum(map(len, of_kind.values())) != defined:
        return None
    if len(set().union(*of_kind.values())) != defined:
        return None
    return Ids(of_kind)


def _consistent(lists: Lists) -> bool:
    """Whether the records pass every rule that spans facts (see `governance.loading._checks`)."""
    ids = _ids(lists)
    if ids is None:
        return False
    for collection, fields in REFERENCES.items():
        values: tuple[Any, ...] = getattr(lists, collection)
        for name, kind in fields:
            accepted = ids.accepted(kind)
            attribute = _attribute(name)
            owners = [v for v in values if hasattr(v, attribute)] if name in _SOME else values
            found = list(map(attrgetter(attribute), owners))
            if found and isinstance(found[0], tuple):
                found = list(chain.from_iterable(cast(list[tuple[str, ...]], found)))
            if not accepted.issuperset(found):
                return False
    for collection, (first, last) in DATE_ORDER.items():
        for v in getattr(lists, collection):
            start, end = getattr(v, first), getattr(v, last)
            if start is not None and end is not None and end < start:
                return False
    if any(r.decision != "pending" and r.decided_on is None for r in lists.reviews):
        return False
    if any(r.from_ == r.to for r in lists.relations):
        return False
    return not any(e.supporter == e.client for e in lists.engagements)


def counts(lists: Lists) -> dict[str, int]:
    """How many items each list holds (for `Sources`)."""
    return {c: len(getattr(lists, c)) for c in COLLECTIONS}
