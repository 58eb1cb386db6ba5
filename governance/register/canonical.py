"""A register's facts as canonical JSON bytes (what its digest hashes).

The bytes are those the schema models' serializer gave (every field, by its name in the text, in
the models' order, compact, UTF-8), so digests stay what they were before the facts became records.
msgspec writes a party's or an interest's ``type`` first; the models write it after ``id`` (a party)
or after ``note`` (an interest), so those two lists are put in that order with one substitution.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import msgspec

from governance.register.models import API_VERSION, COLLECTIONS

if TYPE_CHECKING:  # the records import this module
    from governance.register.records import Lists

_STRING = rb'"(?:[^"\\]|\\.)*"'
_OPTIONAL = rb"(?:null|" + _STRING + rb")"
_PARTY_TYPE = re.compile(rb'\{"type":("[a-z_]+"),("id":' + _STRING + rb")")
_INTEREST_TYPE = re.compile(
    rb'\{"type":("[a-z_]+"),("id":'
    + _STRING
    + rb',"holder":'
    + _STRING
    + rb',"entity":'
    + _STRING
    + rb',"start":'
    + _STRING
    + rb',"end":'
    + _OPTIONAL
    + rb',"note":'
    + _OPTIONAL
    + rb")"
)
_TYPE_AFTER = rb'{\2,"type":\1'


def canonical_json(lists: Lists) -> bytes:
    """The register's facts as the schema's serializer writes them."""
    encode = msgspec.json.encode
    parts = [
        b'{"apiVersion":' + encode(API_VERSION),
        b'"kind":"Register"',
        b'"metadata":' + encode(lists.metadata),
    ]
    for collection in COLLECTIONS:
        body = encode(getattr(lists, collection))
        moved = {"parties": _PARTY_TYPE, "interests": _INTEREST_TYPE}.get(collection)
        if moved is not None:
            body, done = moved.subn(_TYPE_AFTER, body)
            if done != len(getattr(lists, collection)):  # pragma: no cover (a schema change)
                raise RuntimeError(f"the canonical form of {collection} no longer matches")
        parts.append(encode(collection) + b":" + body)
    return b",".join(parts) + b"}"
