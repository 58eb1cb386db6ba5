"""Rules that span facts: unique ids, references that resolve to the right kind, date order.

They run on the raw documents (before or beside model validation), so that one pass reports every
problem, including references to facts whose own fields are wrong.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from governance.documents import DataPath, Document, Location, format_path
from governance.errors import Problem, did_you_mean

PARTY, INTEREST, ENGAGEMENT, SUBJECT = "party", "interest", "engagement", "subject"

KIND_OF_COLLECTION = {
    "parties": "party",
    "relations": "relation",
    "engagements": "engagement",
    "interests": "interest",
    "disclosures": "disclosure",
    "reviews": "review",
    "resolutions": "resolution",
    "waivers": "waiver",
}

REFERENCES: dict[str, tuple[tuple[str, str], ...]] = {
    "relations": (("from", PARTY), ("to", PARTY)),
    "engagements": (
        ("supporter", PARTY),
        ("client", PARTY),
        ("funder", PARTY),
        ("evaluator", PARTY),
    ),
    "interests": (("holder", PARTY), ("entity", PARTY)),
    "disclosures": (("interests", INTEREST), ("filed_by", PARTY), ("filed_to", PARTY)),
    "reviews": (("interests", INTEREST), ("reviewer", PARTY)),
    "resolutions": (("entity", PARTY), ("interests", INTEREST), ("voters", PARTY)),
    "waivers": (("subject", SUBJECT), ("requested_by", PARTY), ("approved_by", PARTY)),
}
"""For each list, the fields that name other facts and the kind they must name."""

SUBJECT_KINDS = ("interest", "engagement", "review", "condition", "waiver")
"""What a waiver may name as its subject: the subjects findings are about."""

DATE_ORDER: dict[str, tuple[str, str]] = {
    "relations": ("start", "end"),
    "engagements": ("start", "end"),
    "interests": ("start", "end"),
    "waivers": ("approved_on", "expires_on"),
}

_SUGGEST_LIMIT = 20_000


@dataclass(frozen=True)
class Defined:
    """Where an id was defined."""

    kind: str
    doc: Document
    path: DataPath


def items(doc: Document, collection: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """The mapping items of one list of a document, with their index (others are skipped)."""
    data = doc.data
    values = data.get(collection) if isinstance(data, dict) else None
    if isinstance(values, list):
        for index, value in enumerate(values):
            if isinstance(value, dict):
                yield index, value


def defined_ids(docs: list[Document]) -> tuple[dict[str, Defined], list[Problem]]:
    """Index every id in the documents by the fact it names; report duplicates."""
    index: dict[str, Defined] = {}
    problems: list[Problem] = []

    def define(ident: Any, kind: str, doc: Document, path: DataPath) -> None:
        if not isinstance(ident, str):
            return
        first = index.get(ident)
        if first is None:
            index[ident] = Defined(kind, doc, path)
            return
        where = doc.locate((*path, "id"))
        other = first.doc.locate((*first.path, "id"))
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
    return index, problems


def _shown(other: Location, here: Location) -> str:
    if other.file == here.file:
        return f"line {other.line}"
    return str(other)


def _article(kind: str) -> str:
    return f"an {kind}" if kind[0] in "aeiou" else f"a {kind}"


def _expected(kind: str) -> str:
    if kind == SUBJECT:
        return "an interest, engagement, review, condition or waiver"
    return _article(kind)


def _suggest(name: str, kind: str, index: dict[str, Defined]) -> str:
    wanted = SUBJECT_KINDS if kind == SUBJECT else (kind,)
    pool: list[str] = list(index)
    if len(pool) > _SUGGEST_LIMIT:  # keep suggestions cheap on national-scale registers
        pool = [k for k in pool if k[:2] == name[:2] and abs(len(k) - len(name)) <= 2]
    return did_you_mean(name, [k for k in pool if index[k].kind in wanted])


def reference_problems(docs: list[Document], index: dict[str, Defined]) -> list[Problem]:
    """Every reference that names no fact, or a fact of the wrong kind."""
    problems: list[Problem] = []
    for doc in docs:
        for collection, fields in REFERENCES.items():
            for i, item in items(doc, collection):
                for name, kind in fields:
                    value = item.get(name)
                    targets = (
                        [((collection, i, name, j), v) for j, v in enumerate(value)]
                        if isinstance(value, list)
                        else [((collection, i, name), value)]
                    )
                    for path, target in targets:
                        if isinstance(target, str):
                            problem = _check_reference(doc, path, target, kind, index)
                            if problem:
                                problems.append(problem)
    return problems


def _check_reference(
    doc: Document, path: DataPath, target: str, kind: str, index: dict[str, Defined]
) -> Problem | None:
    found = index.get(target)
    wanted = SUBJECT_KINDS if kind == SUBJECT else (kind,)
    if found is not None and found.kind in wanted:
        return None
    if found is None:
        what = "fact" if kind == SUBJECT else kind
        message = f"unknown {what} '{target}'{_suggest(target, kind, index)}"
    else:
        message = f"'{target}' is {_article(found.kind)}, expected {_expected(kind)}"
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
