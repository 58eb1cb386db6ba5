"""Corporate-law facts sprinkled over a generated register for the differential run.

``bench/generate.py`` plants the v1 ``companies-act-jp`` violations in its clients; this adds, by
chance and for some supporters, an organisation in which they hold a seat and deal with it: a
一般社団法人 or 一般財団法人 (with or without a board, whatever ``has_board`` says), a kabushiki or
tokurei yugen kaisha, a 合同会社 where they are an executive member. The dealings are their own,
through a firm they control, for their benefit (a guarantee of their debt) or a competing business,
sometimes on standard terms; the resolutions that approve or report them come from the right body
or a wrong one, before or after the start, with the material facts disclosed or not, with or
without the interested director's vote. The point is reach: every ``ippan.*`` and ``ca.*`` pattern
meets facts that match it and facts that almost do, so the three evaluators are held to each other
on them. The facts are new (ids prefixed ``CORP-``) and drawn from their own random stream; the
register's other facts are not touched, so its other findings stay what they were.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

Fact = dict[str, Any]

P_SUPPORTER = 0.25  # supporters who get a seat in an organisation of their own
FORMS = (
    ("general_association", ("director", "representative_director", "auditor")),
    ("general_foundation", ("director", "representative_director")),
    ("kabushiki_kaisha", ("director", "statutory_executive_officer", "executive_officer")),
    ("tokurei_yugen_kaisha", ("director", "representative_director")),
    ("godo_kaisha", ("executive_member",)),
)
BODIES = ("board", "board", "members", "members", "shareholders", "all_shareholders")


def _iso(day: date) -> str:
    return day.isoformat()


class _Sprinkler:
    """One document being sprinkled: its lists and fresh ids."""

    def __init__(self, document: dict[str, Any], rng: random.Random, prefix: str) -> None:
        self.rng = rng
        self.prefix = prefix
        self.as_of = date.fromisoformat(document.get("metadata", {}).get("as_of", "2027-03-31"))
        self.lists: dict[str, list[Fact]] = {
            name: document.setdefault(name, [])
            for name in ("parties", "relations", "interests", "resolutions")
        }
        self.controls = {
            r["from"]: r["to"]
            for r in self.lists["relations"]
            if r.get("type") == "controls" and "end" not in r
        }
        self.count = 0

    def new_id(self, tag: str) -> str:
        self.count += 1
        return f"{self.prefix}CORP-{tag}{self.count}"

    def add(self, name: str, fact: Fact) -> Fact:
        """Put `fact` at a random place in its list (the lists may already be shuffled)."""
        facts = self.lists[name]
        facts.insert(self.rng.randrange(len(facts) + 1), fact)
        return fact

    def around(self, day: date, before: int, after: int) -> date:
        return day + timedelta(days=self.rng.randint(-before, after))

    def organisation(self) -> tuple[str, str, tuple[str, ...]]:
        form, roles = self.rng.choice(FORMS)
        party: Fact = {
            "id": self.new_id("ORG"),
            "type": "organization",
            "name": "法人",
            "legal_form": form,
        }
        board = self.rng.random()
        if board < 0.4:
            party["has_board"] = True
        elif board < 0.7:
            party["has_board"] = False
        self.add("parties", party)
        return party["id"], form, roles

    def deal(self, person: str, entity: str, start: date) -> Fact:
        """A dealing of `person` with `entity`, of one of the shapes the rules tell apart."""
        shape = self.rng.choice(("own", "own", "firm", "guarantee", "competition", "standard"))
        fact: Fact = {"id": self.new_id("DEAL"), "entity": entity, "start": _iso(start)}
        if shape == "competition":
            return fact | {"type": "competition", "holder": person, "line": "観光案内"}
        value = self.rng.randint(1, 90) * 100_000
        fact |= {"type": "collaboration", "kind": "sale", "value": value}
        if shape == "firm" and person in self.controls:
            return fact | {"holder": self.controls[person]}
        if shape == "guarantee":
            bank = self.new_id("BANK")
            self.add(
                "parties",
                {"id": bank, "type": "organization", "name": "銀行", "legal_form": "other"},
            )
            return fact | {"kind": "guarantee", "holder": bank, "beneficiary": person}
        if shape == "standard":
            fact["standard_terms"] = True
        return fact | {"holder": person}

    def resolutions(self, person: str, entity: str, deal: Fact) -> None:
        """Approvals and reports of `deal`: none, some or several, right or wrong."""
        start = date.fromisoformat(deal["start"])
        for _ in range(self.rng.choice((0, 1, 1, 1, 2))):
            fact: Fact = {
                "id": self.new_id("RES"),
                "entity": entity if self.rng.random() < 0.9 else self.lists["parties"][0]["id"],
                "body": self.rng.choice(BODIES),
                "kind": "approval",
                "interests": [deal["id"]],
                "date": _iso(self.around(start, 40, 20)),
            }
            disclosed = self.rng.random()
            if disclosed < 0.25:
                fact["material_facts_disclosed"] = False
            elif disclosed < 0.5:
                fact["material_facts_disclosed"] = True
            if self.rng.random() < 0.3:
                fact["voters"] = [person]
            self.add("resolutions", fact)
        if self.rng.random() < 0.6:
            day = start + timedelta(days=self.rng.choice((0, 10, 30, 31, 60)))
            self.add(
                "resolutions",
                {
                    "id": self.new_id("RES"),
                    "entity": entity,
                    "body": self.rng.choice(("board", "board", "members")),
                    "kind": "report",
                    "interests": [deal["id"]],
                    "date": _iso(day),
                },
            )

    def seat(self, person: str) -> None:
        entity, _, roles = self.organisation()
        seat_start = self.as_of - timedelta(days=self.rng.randint(60, 900))
        seat: Fact = {
            "id": self.new_id("SEAT"),
            "type": "board_seat",
            "holder": person,
            "entity": entity,
            "start": _iso(seat_start),
            "role": self.rng.choice(roles),
        }
        if self.rng.random() < 0.15:
            seat["end"] = _iso(seat_start + timedelta(days=self.rng.randint(0, 400)))
        self.add("interests", seat)
        for _ in range(self.rng.choice((1, 1, 2))):
            start = self.around(self.as_of, 400, 20)  # some begin after as_of: not yet there
            deal = self.add("interests", self.deal(person, entity, start))
            self.resolutions(person, entity, deal)


def sprinkle(document: dict[str, Any], rng: random.Random, prefix: str = "") -> dict[str, Any]:
    """`document` with corporate-law seats, dealings and resolutions added, each at a random place
    in its list (ids ``<prefix>CORP-``)."""
    s = _Sprinkler(document, rng, prefix)
    supporters = sorted({e["supporter"] for e in document.get("engagements", [])})
    for person in supporters:
        if rng.random() < P_SUPPORTER:
            s.seat(person)
    for name, values in s.lists.items():
        if not values:
            document.pop(name, None)
    return document
