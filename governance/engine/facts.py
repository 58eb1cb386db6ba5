"""Normalisation: a register becomes flat facts of the types rules can match, as of one day.

Done once, in Python, before any evaluator runs:
- dates become day numbers; an empty or not-yet-happened `end`/`met_on` becomes `NEVER`;
- facts dated after `as_of` are dropped (they do not exist yet for this evaluation);
- list fields are flattened (a disclosure covering two interests is two `disclosure` facts), so
  "covering" is an equality join;
- derived facts are added: `attribution` (whose interest counts as whose) and `tie` (a relation
  seen from both ends).

Every fact is a dict with ``t`` (its type), ``k`` (a key unique in the register) and the fields
listed in `FACT_TYPES`, all present, all numbers, strings or booleans.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from governance.engine.ir import NEVER, FieldType
from governance.register.models import Register

EPOCH = date(1970, 1, 1).toordinal()
BEGINNING = -NEVER
"""The day number of an empty `start`: earlier than any real date."""

APPROVING = ("approved", "approved_with_conditions")
SYMMETRIC = frozenset({"spouse", "household", "sibling", "partner"})

_DATES: dict[str, FieldType] = {"start": "date", "end": "date"}
FACT_TYPES: dict[str, dict[str, FieldType]] = {
    "party": {
        "id": "id",
        "kind": "text",
        "legal_form": "text",
        "has_board": "bool",
        "listed": "bool",
    },
    "relation": {"id": "id", "source": "id", "target": "id", "type": "text", **_DATES},
    "tie": {"a": "id", "b": "id", "type": "text", **_DATES},
    "engagement": {
        "id": "id",
        "supporter": "id",
        "client": "id",
        "funder": "id",
        "payer": "id",
        "scheme": "text",
        "public_funds": "bool",
        "evaluator": "id",
        **_DATES,
    },
    "interest": {
        "id": "id",
        "type": "text",
        "holder": "id",
        "entity": "id",
        **_DATES,
        "equity_pct": "percent",
        "amount": "money",
        "value": "money",
        "worth": "money",
        "role": "text",
        "compensated": "bool",
        "kind": "text",
        "paid_from_public_funds": "bool",
    },
    "attribution": {
        "person": "id",
        "interest": "id",
        "holder": "id",
        "entity": "id",
        "via": "text",
        "start": "date",
    },
    "disclosure": {
        "id": "id",
        "interest": "id",
        "filed_by": "id",
        "filed_to": "id",
        "filed_on": "date",
    },
    "review": {
        "id": "id",
        "interest": "id",
        "reviewer": "id",
        "decision": "text",
        "approving": "bool",
        "decided_on": "date",
        "checked_on": "date",
    },
    "condition": {
        "id": "id",
        "review": "id",
        "reviewer": "id",
        "approving": "bool",
        "decided_on": "date",
        "due": "date",
        "has_due": "bool",
        "met_on": "date",
    },
    "resolution": {
        "id": "id",
        "interest": "id",
        "entity": "id",
        "body": "text",
        "kind": "text",
        "date": "date",
    },
    "vote": {
        "resolution": "id",
        "interest": "id",
        "voter": "id",
        "body": "text",
        "kind": "text",
        "date": "date",
    },
    "waiver": {
        "id": "id",
        "rule": "text",
        "subject": "id",
        "requested_by": "id",
        "approved_by": "id",
        "approved_on": "date",
        "expires_on": "date",
        "reason": "text",
        "term_days": "days",
    },
    "finding": {"rule": "text", "subject": "id"},
}
"""Every fact type a rule can match, with the type of each field."""

Fact = dict[str, Any]


def day(value: date | None, empty: int = NEVER) -> int:
    """The day number of `value` (days since 1970-01-01), or `empty` when there is none."""
    return value.toordinal() - EPOCH if value is not None else empty


def from_day(number: int) -> date | None:
    """The date of a day number, or None for the sentinels."""
    if number in (NEVER, BEGINNING):
        return None
    return date.fromordinal(number + EPOCH)


@dataclass
class Facts:
    """The normalised facts of one register as of one day, with where each came from."""

    as_of: int
    items: list[Fact] = field(default_factory=list)
    origin: dict[str, tuple[str, int]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)

    def add(self, fact: Fact, collection: str, index: int) -> None:
        """Append `fact`, remembering the register list and index it came from."""
        self.items.append(fact)
        self.origin[fact["k"]] = (collection, index)

    def by_type(self) -> dict[str, list[Fact]]:
        """The facts grouped by type, each group in insertion order."""
        grouped: dict[str, list[Fact]] = defaultdict(list)
        for fact in self.items:
            grouped[fact["t"]].append(fact)
        return grouped


def _after(value: date | None, as_of: date) -> int:
    """A closing date: empty, or after `as_of` (not yet happened), is `NEVER`."""
    return NEVER if value is None or value > as_of else day(value)


def normalise(register: Register, as_of: date) -> Facts:
    """Flatten `register` into facts as they stand on `as_of` (see the module docstring)."""
    facts = Facts(as_of=day(as_of))
    facts.names = {p.id: p.name for p in register.parties}
    for i, party in enumerate(register.parties):
        facts.add(
            {
                "t": "party",
                "k": f"party/{party.id}",
                "id": party.id,
                "kind": party.type,
                "legal_form": getattr(party, "legal_form", None) or "",
                "has_board": getattr(party, "has_board", False),
                "listed": getattr(party, "listed", False),
            },
            "parties",
            i,
        )
    relations = list(_relations(register, as_of, facts))
    for i, e in enumerate(register.engagements):
        if e.start > as_of:
            continue
        facts.add(
            {
                "t": "engagement",
                "k": f"engagement/{e.id}",
                "id": e.id,
                "supporter": e.supporter,
                "client": e.client,
                "funder": e.funder or "",
                "payer": e.funder or e.client,
                "scheme": e.scheme,
                "public_funds": e.public_funds,
                "evaluator": e.evaluator or "",
                "start": day(e.start),
                "end": day(e.end),
            },
            "engagements",
            i,
        )
    _interests(register, as_of, facts, relations)
    _documents(register, as_of, facts)
    return facts


def _relations(
    register: Register, as_of: date, facts: Facts
) -> Iterator[tuple[str, str, str, int, int]]:
    for i, r in enumerate(register.relations):
        if r.start is not None and r.start > as_of:
            continue
        start, end = day(r.start, BEGINNING), _after(r.end, as_of)
        key = r.id or f"{i}"
        facts.add(
            {
                "t": "relation",
                "k": f"relation/{key}",
                "id": r.id or "",
                "source": r.from_,
                "target": r.to,
                "type": r.type,
                "start": start,
                "end": end,
            },
            "relations",
            i,
        )
        for n, (a, b) in enumerate(((r.from_, r.to), (r.to, r.from_))):
            facts.add(
                {
                    "t": "tie",
                    "k": f"tie/{key}/{n}",
                    "a": a,
                    "b": b,
                    "type": r.type,
                    "start": start,
                    "end": end,
                },
                "relations",
                i,
            )
        yield (r.from_, r.to, r.type, start, end)
        if r.type in SYMMETRIC:
            yield (r.to, r.from_, r.type, start, end)


def _interests(
    register: Register,
    as_of: date,
    facts: Facts,
    relations: list[tuple[str, str, str, int, int]],
) -> None:
    # who[holder] = the (person, type, start, end) whose interests include the holder's
    who: dict[str, list[tuple[str, str, int, int]]] = defaultdict(list)
    for source, target, kind, start, end in relations:
        who[target].append((source, kind, start, end))
    for i, interest in enumerate(register.interests):
        if interest.start > as_of:
            continue
        start = day(interest.start)
        fact: Fact = {
            "t": "interest",
            "k": f"interest/{interest.id}",
            "id": interest.id,
            "type": interest.type,
            "holder": interest.holder,
            "entity": interest.entity,
            "start": start,
            "end": _after(interest.end, as_of),
            "equity_pct": 0.0,
            "amount": 0,
            "value": 0,
            "worth": 0,
            "role": "",
            "compensated": False,
            "kind": "",
            "paid_from_public_funds": False,
        }
        for name in (
            "equity_pct",
            "amount",
            "value",
            "role",
            "compensated",
            "kind",
            "paid_from_public_funds",
        ):
            value = getattr(interest, name, None)
            if value is not None:
                fact[name] = value
        fact["worth"] = fact["value"] if interest.type == "collaboration" else fact["amount"]
        facts.add(fact, "interests", i)
        holders = [(interest.holder, "self")] + [
            (person, kind)
            for person, kind, r_start, r_end in who.get(interest.holder, ())
            if r_start <= start <= r_end
        ]
        for n, (person, via) in enumerate(sorted(set(holders))):
            facts.add(
                {
                    "t": "attribution",
                    "k": f"attribution/{interest.id}/{n}",
                    "person": person,
                    "interest": interest.id,
                    "holder": interest.holder,
                    "entity": interest.entity,
                    "via": via,
                    "start": start,
                },
                "interests",
                i,
            )


def _documents(register: Register, as_of: date, facts: Facts) -> None:
    for i, d in enumerate(register.disclosures):
        if d.filed_on > as_of:
            continue
        for n, covered in enumerate(d.interests):
            facts.add(
                {
                    "t": "disclosure",
                    "k": f"disclosure/{d.id}/{n}",
                    "id": d.id,
                    "interest": covered,
                    "filed_by": d.filed_by,
                    "filed_to": d.filed_to,
                    "filed_on": day(d.filed_on),
                },
                "disclosures",
                i,
            )
    for i, r in enumerate(register.reviews):
        if r.decided_on is not None and r.decided_on > as_of:
            continue
        approving = r.decision in APPROVING
        decided = day(r.decided_on)
        for n, covered in enumerate(r.interests):
            facts.add(
                {
                    "t": "review",
                    "k": f"review/{r.id}/{n}",
                    "id": r.id,
                    "interest": covered,
                    "reviewer": r.reviewer,
                    "decision": r.decision,
                    "approving": approving,
                    "decided_on": decided,
                    "checked_on": decided if r.decided_on is not None else facts.as_of,
                },
                "reviews",
                i,
            )
        for c in r.conditions:
            facts.add(
                {
                    "t": "condition",
                    "k": f"condition/{c.id}",
                    "id": c.id,
                    "review": r.id,
                    "reviewer": r.reviewer,
                    "approving": approving,
                    "decided_on": decided,
                    "due": day(c.due),
                    "has_due": c.due is not None,
                    "met_on": _after(c.met_on, as_of),
                },
                "reviews",
                i,
            )
    for i, res in enumerate(register.resolutions):
        if res.date > as_of:
            continue
        for n, covered in enumerate(res.interests):
            base = {"interest": covered, "body": res.body, "kind": res.kind, "date": day(res.date)}
            facts.add(
                {
                    "t": "resolution",
                    "k": f"resolution/{res.id}/{n}",
                    "id": res.id,
                    "entity": res.entity,
                    **base,
                },
                "resolutions",
                i,
            )
            for m, voter in enumerate(res.voters):
                facts.add(
                    {
                        "t": "vote",
                        "k": f"vote/{res.id}/{n}/{m}",
                        "resolution": res.id,
                        "voter": voter,
                        **base,
                    },
                    "resolutions",
                    i,
                )
    for i, w in enumerate(register.waivers):
        if w.approved_on > as_of:
            continue
        facts.add(
            {
                "t": "waiver",
                "k": f"waiver/{w.id}",
                "id": w.id,
                "rule": w.rule,
                "subject": w.subject,
                "requested_by": w.requested_by,
                "approved_by": w.approved_by,
                "approved_on": day(w.approved_on),
                "expires_on": day(w.expires_on),
                "reason": w.reason.strip(),
                "term_days": (w.expires_on - w.approved_on).days,
            },
            "waivers",
            i,
        )
