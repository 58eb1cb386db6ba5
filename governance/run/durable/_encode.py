"""Facts as durable-rules JSON, each encoded once per check; a session's facts grouped by type."""

from __future__ import annotations

import json
from collections.abc import Sequence

import orjson

from governance.compile.durable_json import field_name
from governance.language.facts import Fact

SID = "s"
"""The id of every session. A worker holds one session at a time and deletes it before the next,
so one id serves all, and a fact's text (which carries it) is encoded once per check."""

Batch = dict[str, list[str]]
"""A session's facts as durable JSON, grouped by fact type: what a worker is sent (plain strings
pickle far faster than fact dicts)."""

ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_OWN_ID = field_name("id")


def encode(fact: Fact) -> str:
    """`fact` as durable JSON in session `SID`."""
    item = dict(fact)
    key = item.pop("k")
    if "id" in item:
        item[_OWN_ID] = item.pop("id")
    item["id"] = key
    item["sid"] = SID
    try:
        return orjson.dumps(item).decode("utf-8")  # ~6x json's C encoder, same text here
    except orjson.JSONEncodeError:  # e.g. an integer beyond 64 bits: json takes any
        return ENCODE(item)


def batch(facts: Sequence[Fact], texts: dict[str, str] | None = None) -> Batch:
    """The facts of a session, encoded and grouped by type (in their given order).

    `texts` keeps each fact's text by key for the rest of the check, so that a fact shared by
    many partitions and strata is encoded once (kept apart from the fact, which stays the
    caller's, and dropped with the check's partitions before its findings are written).
    """
    known = {} if texts is None else texts
    by_type: Batch = {}
    for fact in facts:
        texts_of_type = by_type.get(fact["t"])
        if texts_of_type is None:
            texts_of_type = by_type[fact["t"]] = []
        text = known.get(fact["k"])
        if text is None:
            text = known[fact["k"]] = encode(fact)
        texts_of_type.append(text)
    return by_type


def size(facts: Batch) -> int:
    """How many facts a batch holds."""
    return sum(len(texts) for texts in facts.values())
