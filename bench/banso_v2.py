"""The facts banso-shien v2 added, sprinkled over a generated register for the differential run.

``bench/generate.py`` plants the v1 violations and near misses; this adds, per engagement and by
chance, what the v2 rules read: bids by the supporter, a controlled firm or a relative (some
cleared by a review, some negotiated and waived), gifts from the client (small and large, some
disclosed), confidentiality pledges (on time, late or missing), an official with a side job in the
client (with or without permission), relatives of the reviewers and evaluators holding stakes in
the client, arm's-length collaborations and a committee that approves waivers. The point is not
realism but reach: every v2 pattern meets facts that match it and facts that almost do, so the
three evaluators are held to each other on them.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

Fact = dict[str, Any]


def _day(rng: random.Random, start: str, spread: int) -> str:
    return (
        date.fromisoformat(start) + timedelta(days=rng.randint(-spread // 3, spread))
    ).isoformat()


class _Sprinkler:
    """One document being sprinkled: its lists, its parties, and fresh ids."""

    def __init__(self, document: dict[str, Any], rng: random.Random) -> None:
        self.rng = rng
        self.parties: list[Fact] = document.setdefault("parties", [])
        self.persons = {p["id"] for p in self.parties if p["type"] == "person"}
        self.lists: dict[str, list[Fact]] = {
            name: document.setdefault(name, [])
            for name in (
                "relations",
                "interests",
                "disclosures",
                "reviews",
                "waivers",
                "bids",
                "pledges",
                "permissions",
            )
        }
        self.reviewers = [
            p["id"] for p in self.parties if "reviewer" in p.get("roles", ())
        ] or sorted(self.persons)[:1]
        self.count = 0
        self.committee = self.new_id("COMMITTEE")
        self.parties.append(
            {
                "id": self.committee,
                "type": "organization",
                "name": "第三者委員会",
                "roles": ["committee"],
            }
        )

    def new_id(self, tag: str) -> str:
        self.count += 1
        return f"V2-{tag}-{self.count}"

    def add(self, name: str, fact: Fact) -> None:
        self.lists[name].append(fact)

    def relative(self, eng: Fact) -> str:
        """A relative of the supporter, the evaluator or a reviewer, tied to the client or not."""
        rng, client = self.rng, eng["client"]
        relative = self.new_id("KIN")
        self.parties.append({"id": relative, "type": "person", "name": "親族"})
        kin_of = rng.choice(
            [eng["supporter"], eng.get("evaluator") or "", rng.choice(self.reviewers)]
        )
        if kin_of in self.persons:
            kind = rng.choice(["parent", "child", "sibling"])
            self.add("relations", {"from": relative, "to": kin_of, "type": kind})
        if rng.random() < 0.5:
            start = _day(rng, eng["start"], 400)
            self.add(
                "relations", {"from": relative, "to": client, "type": "employed_by", "start": start}
            )
        if rng.random() < 0.5:
            self.add(
                "interests",
                {
                    "id": self.new_id("INV"),
                    "type": "investment",
                    "holder": relative,
                    "entity": client,
                    "start": _day(rng, eng["start"], 500),
                    "equity_pct": rng.choice([1, 5, 60]),
                },
            )
        return relative

    def bids(self, eng: Fact, relative: str) -> None:
        """Bids by the supporter, a relative or the client; some reviewed, some waived."""
        rng, supporter, client = self.rng, eng["supporter"], eng["client"]
        payer = eng.get("funder") or client
        for _ in range(rng.randint(0, 2)):
            bid = self.new_id("BID")
            self.add(
                "bids",
                {
                    "id": bid,
                    "bidder": rng.choice([supporter, relative, client]),
                    "procurer": rng.choice([payer, client]),
                    "title": "入札案件",
                    "method": rng.choice(["open", "designated", "negotiated"]),
                    "submitted_on": _day(rng, eng["start"], 900),
                    "awarded": rng.random() < 0.5,
                    "amount": rng.randint(0, 5_000_000),
                },
            )
            if rng.random() < 0.4:
                self.add(
                    "reviews",
                    {
                        "id": self.new_id("RV"),
                        "interests": [bid],
                        "reviewer": rng.choice([*self.reviewers, supporter]),
                        "decision": rng.choice(["approved", "rejected"]),
                        "decided_on": _day(rng, eng["start"], 900),
                    },
                )
            if rng.random() < 0.3:
                approved = _day(rng, eng["start"], 600)
                expires = (date.fromisoformat(approved) + timedelta(days=300)).isoformat()
                self.add(
                    "waivers",
                    {
                        "id": self.new_id("W"),
                        "rule": "procurement.participation",
                        "subject": bid,
                        "requested_by": supporter,
                        "approved_by": rng.choice([payer, self.committee, client]),
                        "approved_on": approved,
                        "expires_on": expires,
                        "reason": "理由",
                    },
                )

    def gifts(self, eng: Fact, relative: str) -> None:
        """Gifts from the client, small and large, some disclosed (to the payer or not)."""
        rng, supporter, client = self.rng, eng["supporter"], eng["client"]
        payer = eng.get("funder") or client
        for _ in range(rng.randint(0, 3)):
            gift = self.new_id("GIFT")
            received = _day(rng, eng["start"], 700)
            self.add(
                "interests",
                {
                    "id": gift,
                    "type": "gift",
                    "holder": rng.choice([supporter, relative]),
                    "entity": client,
                    "start": received,
                    "value": rng.choice([3000, 5000, 5001, 8000, 20000]),
                    "kind": rng.choice(["gift", "hospitality"]),
                },
            )
            if rng.random() < 0.4:
                self.add(
                    "disclosures",
                    {
                        "id": self.new_id("D"),
                        "interests": [gift],
                        "filed_by": supporter,
                        "filed_to": rng.choice([payer, client]),
                        "filed_on": _day(rng, received, 60),
                    },
                )

    def official(self, eng: Fact) -> None:
        """An official with a side job in the client, with or without a permission."""
        rng, client = self.rng, eng["client"]
        official = self.new_id("OFFICIAL")
        self.parties.append(
            {"id": official, "type": "person", "name": "職員", "roles": ["official"]}
        )
        job = self.new_id("JOB")
        kind = rng.choice(["board_seat", "remuneration", "investment"])
        fact: Fact = {
            "id": job,
            "type": kind,
            "holder": official,
            "entity": client,
            "start": _day(rng, eng["start"], 500),
        }
        if kind == "board_seat":
            fact |= {"role": "director", "compensated": rng.random() < 0.5}
        elif kind == "remuneration":
            fact["amount"] = 100_000
        else:
            fact["equity_pct"] = rng.choice([10, 51])
        self.add("interests", fact)
        if rng.random() < 0.5:
            self.add(
                "permissions",
                {
                    "id": self.new_id("PERM"),
                    "party": official,
                    "interest": job,
                    "granted_by": eng.get("funder") or client,
                    "granted_on": _day(rng, fact["start"], 30),
                },
            )


def sprinkle(document: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """`document` with banso-shien v2 facts added (ids prefixed ``V2-``, all references valid)."""
    s = _Sprinkler(document, rng)
    for interest in s.lists["interests"]:
        if interest.get("type") == "collaboration" and rng.random() < 0.3:
            interest["arm_s_length"] = True
    for eng in list(document.get("engagements", [])):
        relative = s.relative(eng)
        s.bids(eng, relative)
        s.gifts(eng, relative)
        if rng.random() < 0.6:
            payer = eng.get("funder") or eng["client"]
            s.add(
                "pledges",
                {
                    "id": s.new_id("PL"),
                    "party": eng["supporter"],
                    "filed_to": rng.choice([payer, payer, eng["client"]]),
                    "signed_on": _day(rng, eng["start"], 400),
                    "covers": [eng["id"]],
                },
            )
        if rng.random() < 0.5:
            s.official(eng)
    for name, values in s.lists.items():
        if not values:
            document.pop(name, None)
    return document
