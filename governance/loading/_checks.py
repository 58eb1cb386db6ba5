"""Rules that span facts: unique ids, references that resolve to the right kind, date order.

They run on the raw documents (before or beside model validation), so that one pass reports every
problem, including references to facts whose own fields are wrong.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from itertools import chain
from typing import Any

from governance.documents import DataPath, Document, Location, format_path
from governance.errors import Problem, did_you_mean
from governance.register.types import ID_PATTERN

_AN_ID = re.compile(ID_PATTERN.removeprefix("^").removesuffix("$")).fullmatch
"""Whether a text is an id at all: one that is not (a tab in it) is reported by the validation,
not again as an unknown reference."""

PARTY, INTEREST, ENGAGEMENT, SUBJECT = "party", "interest", "engagement", "subject"
REVIEWED = "reviewed"
"""What a review may cover: an interest, or a bid it clears before submission."""

KIND_OF_COLLECTION = {
    "parties": "party",
    "relations": "relation",
    "engagements": "engagement",
    "interests": "interest",
    "disclosures": "disclosure",
    "reviews": "review",
    "resolutions": "resolution",
    "waivers": "waiver",
    "bids": "bid",
    "pledges": "pledge",
    "permissions": "permission",
}

REFERENCES: dict[str, tuple[tuple[str, str], ...]] = {
    "relations": (("from", PARTY), ("to", PARTY)),
    "engagements": (
        ("supporter", PARTY),
        ("client", PARTY),
        ("funder", PARTY),
        ("evaluator", PARTY),
    ),
    "interests": (("holder", PARTY), ("entity", PARTY), ("beneficiary", PARTY)),
    "disclosures": (("interests", INTEREST), ("filed_by", PARTY), ("filed_to", PARTY)),
    "reviews": (("interests", REVIEWED), ("reviewer", PARTY)),
    "resolutions": (("entity", PARTY), ("interests", INTEREST), ("voters", PARTY)),
    "waivers": (("subject", SUBJECT), ("requested_by", PARTY), ("approved_by", PARTY)),
    "bids": (("bidder", PARTY), ("procurer", PARTY)),
    "pledges": (("party", PARTY), ("filed_to", PARTY), ("covers", ENGAGEMENT)),
    "permissions": (("party", PARTY), ("interest", INTEREST), ("granted_by", PARTY)),
}
"""For each list, the fields that name other facts and the kind they must name."""

SUBJECT_KINDS = ("interest", "engagement", "review", "condition", "waiver", "bid")
"""What a waiver may name as its subject: the subjects findings are about."""

KINDS: dict[str, tuple[str, ...]] = {SUBJECT: SUBJECT_KINDS, REVIEWED: ("interest", "bid")}
"""The references that may name facts of several kinds, and those kinds."""

DATE_ORDER: dict[str, tuple[str, str]] = {
    "relations": ("start", "end"),
    "engagements": ("start", "end"),
    "interests": ("start", "end"),
    "waivers": ("approved_on", "expires_on"),
}

_SUGGEST_LIMIT = 20_000


class Ids:
    """Every id the documents define, by the kind of fact it names (its first definition wins)."""

    def __init__(self, of_kind: dict[str, set[str]], kind_of: dict[str, str] | None = None) -> None:
        self.of_kind = of_kind
        """The ids of each kind, for checking a whole list of references at once."""
        self._kind_of = kind_of
        self._accepted: dict[str, set[str | None]] = {}

    @property
    def kind_of(self) -> dict[str, str]:
        """The kind of each id (worked out on first use: only a problem needs it)."""
        if self._kind_of is None:
            self._kind_of = {i: kind for kind, idents in self.of_kind.items() for i in idents}
        return self._kind_of

    def accepted(self, kind: str) -> set[str | None]:
        """The ids a reference of `kind` may name, and None (a field left out is no reference)."""
        found = self._accepted.get(kind)
        if found is None:
            wanted = KINDS.get(kind, (kind,))
            found = self._accepted[kind] = {None}
            for one in wanted:
                found.update(self.of_kind.get(one, ()))
        return found


def items(doc: Document, collection: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """The mapping items of one list of a document, with their index (others are skipped)."""
    data = doc.data
    values = data.get(collection) if isinstance(data, dict) else None
    if isinstance(values, list):
        for index, value in enumerate(values):
            if isinstance(value, dict):
                yield index, value


def _listed(doc: Document, collection: str) -> list[Any]:
    """One list of a document, as given (empty when it is missing or not a list)."""
    data = doc.data
    values = data.get(collection) if isinstance(data, dict) else None
    return values if isinstance(values, list) else []


def _ids(values: list[Any]) -> list[str]:
    """The ids of the mappings in a list, in order (an id that is not text names nothing)."""
    return [i for v in values if isinstance(v, dict) and isinstance(i := v.get("id"), str)]


def defined_ids(docs: list[Document]) -> tuple[Ids, list[Problem]]:
    """Index every id in the documents by the fact it names; report duplicates."""
    # A million ids are gathered a list at a time into a set per kind; only when the count shows
    # a repeated id does the item-by-item walk run, to tell where each one was first defined.
    of_kind: dict[str, set[str]] = {}
    defined = 0
    for doc in docs:
        for collection, kind in KIND_OF_COLLECTION.items():
            values = _listed(doc, collection)
            found = [(kind, _ids(values))]
            if collection == "reviews":
                conditions = [
                    condition
                    for v in values
                    if isinstance(v, dict) and isinstance(listed := v.get("conditions"), list)
                    for condition in listed
                ]
                found.append(("condition", _ids(conditions)))
            for one, idents in found:
                if idents:
                    defined += len(idents)
                    of_kind.setdefault(one, set()).update(idents)
    every: set[str] = set().union(*of_kind.values())
    if len(every) == defined:
        return Ids(of_kind), []
    return _defined_in_order(docs)


def _defined_in_order(docs: list[Document]) -> tuple[Ids, list[Problem]]:
    """`defined_ids` one item at a time, reporting each repeated id where it was first defined."""
    kind_of: dict[str, str] = {}
    first: dict[str, tuple[Document, DataPath]] = {}
    problems: list[Problem] = []

    def define(ident: Any, kind: str, doc: Document, path: DataPath) -> None:
        if not isinstance(ident, str):
            return
        if ident not in kind_of:
            kind_of[ident] = kind
            first[ident] = (doc, path)
            return
        first_doc, first_path = first[ident]
        where = doc.locate((*path, "id"))
        other = first_doc.locate((*first_path, "id"))
        problems.append(
            Problem.at(
                where,
                format_path((*path, "id")),
                f"duplicate id '{ident}' (first defined at {_shown(other, where)})",
            )
        )

    for doc in docs:
        for collection, kind in KIND_OF_COLLECTION.items():
            for i, item in items(doc, collection):
                define(item.get("id"), kind, doc, (collection, i))
                conditions = item.get("conditions") if collection == "reviews" else None
                if isinstance(conditions, list):
                    for j, condition in enumerate(conditions):
                        if isinstance(condition, dict):
                            path = (collection, i, "conditions", j)
                            define(condition.get("id"), "condition", doc, path)
    of_kind: dict[str, set[str]] = {}
    for ident, kind in kind_of.items():
        of_kind.setdefault(kind, set()).add(ident)
    return Ids(of_kind, kind_of), problems


def _shown(other: Location, here: Location) -> str:
    if other.file == here.file:
        return f"line {other.line}"
    return str(other)


def _article(kind: str) -> str:
    return f"an {kind}" if kind[0] in "aeiou" else f"a {kind}"


def _expected(kind: str) -> str:
    if kind == SUBJECT:
        return "an interest, engagement, review, condition, waiver or bid"
    if kind == REVIEWED:
        return "an interest or bid"
    return _article(kind)


def _suggest(name: str, kind: str, ids: Ids) -> str:
    wanted = KINDS.get(kind, (kind,))
    kind_of = ids.kind_of
    pool: list[str] = list(kind_of)
    if len(pool) > _SUGGEST_LIMIT:  # keep suggestions cheap on national-scale registers
        pool = [k for k in pool if k[:2] == name[:2] and abs(len(k) - len(name)) <= 2]
    return did_you_mean(name, [k for k in pool if kind_of[k] in wanted])


_LIST_OR_NONE = frozenset({list, type(None)})


def _all_accepted(values: list[Any], accepted: set[str | None]) -> bool:
    """Whether every reference among one field's values names an accepted fact.

    True only when the item-by-item check would find nothing; False means: look item by item.
    """
    try:
        return accepted.issuperset(values)  # a field naming one fact (or left out)
    except TypeError:  # a list among them: a field naming several
        pass
    if not set(map(type, values)) <= _LIST_OR_NONE:
        return False
    try:
        return accepted.issuperset(chain.from_iterable(filter(None, values)))
    except TypeError:  # a list or mapping inside the list: the validation reports it
        return False


def reference_problems(docs: list[Document], ids: Ids) -> list[Problem]:
    """Every reference that names no fact, or a fact of the wrong kind."""
    # Each field of a list is checked whole against the ids it may name; a list with a bad
    # reference is walked item by item, which builds paths and messages for the bad ones only.
    problems: list[Problem] = []
    for doc in docs:
        for collection, fields in REFERENCES.items():
            found = [item for item in _listed(doc, collection) if isinstance(item, dict)]
            if all(
                _all_accepted([item.get(name) for item in found], ids.accepted(kind))
                for name, kind in fields
            ):
                continue
            problems.extend(_collection_problems(doc, collection, fields, ids))
    return problems


def _collection_problems(
    doc: Document, collection: str, fields: tuple[tuple[str, str], ...], ids: Ids
) -> list[Problem]:
    kind_of = ids.kind_of
    problems: list[Problem] = []
    for i, item in items(doc, collection):
        for name, kind in fields:
            wanted = KINDS.get(kind, (kind,))
            value = item.get(name)
            if isinstance(value, list):
                for j, target in enumerate(value):
                    if (
                        isinstance(target, str)
                        and kind_of.get(target) not in wanted
                        and _AN_ID(target)
                    ):
                        path: DataPath = (collection, i, name, j)
                        problems.append(_reference_problem(doc, path, target, kind, ids))
            elif isinstance(value, str) and kind_of.get(value) not in wanted and _AN_ID(value):
                problems.append(_reference_problem(doc, (collection, i, name), value, kind, ids))
    return problems


def _reference_problem(doc: Document, path: DataPath, target: str, kind: str, ids: Ids) -> Problem:
    found = ids.kind_of.get(target)
    if found is None:
        what = "fact" if kind == SUBJECT else "interest or bid" if kind == REVIEWED else kind
        message = f"unknown {what} '{target}'{_suggest(target, kind, ids)}"
    else:
        message = f"'{target}' is {_article(found)}, expected {_expected(kind)}"
    where = doc.locate(path)
    return Problem.at(where, format_path(path), message)


def _day(value: Any) -> date | None:
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def shape_problems(docs: list[Document]) -> list[Problem]:
    """Date order, decisions that need a date, and parties tied to themselves."""
    problems: list[Problem] = []

    def add(doc: Document, path: DataPath, message: str) -> None:
        where = doc.locate(path)
        problems.append(Problem.at(where, format_path(path), message))

    for doc in docs:
        for collection, (first, last) in DATE_ORDER.items():
            for i, item in items(doc, collection):
                start, end = _day(item.get(first)), _day(item.get(last))
                if start and end and end < start:
                    add(
                        doc,
                        (collection, i, last),
                        f"expected a date on or after {first} {start.isoformat()}, "
                        f"got {end.isoformat()}",
                    )
        for i, item in items(doc, "reviews"):
            decision = item.get("decision")
            if decision not in (None, "pending") and "decided_on" not in item:
                add(
                    doc,
                    ("reviews", i),
                    f"missing required field 'decided_on' (a review decided '{decision}' "
                    "needs the day it was decided)",
                )
        for i, item in items(doc, "relations"):
            if isinstance(item.get("from"), str) and item.get("from") == item.get("to"):
                add(doc, ("relations", i, "to"), f"a relation from '{item['from']}' to itself")
        for i, item in items(doc, "engagements"):
            supporter = item.get("supporter")
            if isinstance(supporter, str) and supporter == item.get("client"):
                add(
                    doc,
                    ("engagements", i, "client"),
                    f"the client is the supporter '{supporter}' themself",
                )
    return problems
