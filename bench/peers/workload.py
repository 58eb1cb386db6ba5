"""The three-rule peer workload: a seeded generator of cases, as a register and as documents.

One *case* is one supporter with a handful of facts: a client under one engagement, perhaps a
controlled firm and a spouse (relations), perhaps an investment in the client and a
collaboration with it, the disclosures and third-party reviews covering them. Reviewers come
from a shared pool, except when the supporter or an affiliate reviews their own interest.

The three rules (identical in every evaluator; the subjects of all three are the supporter's
own interests in the engagement's client, ``holder == supporter and entity == client``):

1. ``peers.investment-undisclosed`` (subject: the investment): an investment with
   ``equity_pct >= 10`` and no disclosure covering it filed on or before ``start + 30`` days
   (a disclosure filed before the investment starts counts; day 30 is in time, day 31 is not);
2. ``peers.collaboration-unreviewed`` (subject: the collaboration): a collaboration with
   ``value >= 1,000,000`` and no approving review (``approved`` or ``approved_with_conditions``)
   covering it; a rejected or pending review does not count;
3. ``peers.reviewer-affiliated`` (subject: the review): a review covering such an interest
   whose reviewer is the supporter, or a party tied to the supporter by a relation of any type
   in either direction (a controlled firm, a spouse).

Boundary cases are planted on purpose: filing on day 30 vs 31, ¥999,999 vs ¥1,000,000, 9.99% vs
10%; so is noise that must not fire (an affiliate's own investment in the client, the supporter's
investment in their own firm, a reviewer tied to the client rather than the supporter, a
disclosure covering another interest). About a fifth of the cases fire at least one rule.

The same cases come out in two shapes, built outside any timed region:
- ``register``: one register document (input contract v1) for our engine and the oracle;
- ``documents``: one JSON-ready document per case for the peers, the register's facts of that
  case with dates as day numbers (days since 1970-01-01) and nothing pre-joined::

    {"case": "C7", "supporter": "C7-S", "client": "C7-C",
     "relations": [{"from": "C7-S", "to": "C7-A", "type": "controls"}],
     "interests": [{"id": "C7-INV", "type": "investment", "holder": "C7-S", "entity": "C7-C",
                    "start": 20310, "equity_pct": 10.0}, ...],
     "disclosures": [{"id": "C7-D1", "interests": ["C7-INV"], "filed_on": 20340}],
     "reviews": [{"id": "C7-RV1", "interests": ["C7-COL"], "reviewer": "RV-3",
                  "decision": "approved"}]}

Usage::

    python bench/peers/workload.py --cases 1000 --seed 7 -o /tmp/peers-register.json
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

RULE_INVESTMENT = "peers.investment-undisclosed"
RULE_COLLABORATION = "peers.collaboration-unreviewed"
RULE_REVIEWER = "peers.reviewer-affiliated"
RULES = (RULE_INVESTMENT, RULE_COLLABORATION, RULE_REVIEWER)

MIN_EQUITY_PCT = 10
WINDOW_DAYS = 30
MIN_VALUE = 1_000_000
APPROVING = ("approved", "approved_with_conditions")

AS_OF = date(2029, 12, 31)
"""Every generated date is before this day, so no fact is hidden by `as_of`."""
BASE = date(2025, 1, 1)
EPOCH = date(1970, 1, 1)
REVIEWERS = 200
"""The shared reviewer pool (persons ``RV-0`` ... ``RV-199``)."""

Finding = tuple[str, str]
"""(rule id, subject id): what every evaluator reports."""

# Equity stakes and collaboration values, with the boundary values weighted up.
EQUITY = {5.0: 2, 9.99: 2, 10.0: 2, 12.5: 2, 20.0: 1.5, 40.0: 0.5}
VALUES = {300_000: 2, 999_999: 2, 1_000_000: 2, 2_500_000: 2, 12_000_000: 1}
# Disclosure filed this many days after the investment starts (None: no disclosure at all).
FILED_AFTER: dict[int | None, float] = {
    None: 1.0,
    -5: 1.0,
    0: 1.5,
    12: 2.0,
    29: 1.0,
    30: 1.5,
    31: 0.6,
    32: 0.2,
    75: 0.3,
    200: 0.3,
}
DECISIONS: dict[str | None, float] = {
    None: 1.2,
    "approved": 5.5,
    "approved_with_conditions": 1.5,
    "rejected": 0.9,
    "pending": 0.9,
}


@dataclass(frozen=True)
class Workload:
    """The generated cases in both shapes (see the module docstring)."""

    cases: int
    seed: int
    as_of: date
    register: dict[str, Any]
    documents: list[dict[str, Any]]

    @property
    def facts(self) -> int:
        """How many facts the register holds (every list item, parties included)."""
        return sum(len(v) for v in self.register.values() if isinstance(v, list))


def _pick(rng: random.Random, table: Mapping[Any, float]) -> Any:
    return rng.choices(list(table), weights=list(table.values()))[0]


def _day(value: date) -> int:
    return (value - EPOCH).days


class _Case:
    """Collects one case's facts in both shapes."""

    def __init__(self, register: dict[str, Any], case: str, supporter: str, client: str) -> None:
        self.register = register
        self.doc: dict[str, Any] = {
            "case": case,
            "supporter": supporter,
            "client": client,
            "relations": [],
            "interests": [],
            "disclosures": [],
            "reviews": [],
        }

    def relation(self, source: str, target: str, kind: str) -> None:
        self.register["relations"].append({"from": source, "to": target, "type": kind})
        self.doc["relations"].append({"from": source, "to": target, "type": kind})

    def interest(self, fact: dict[str, Any]) -> None:
        self.register["interests"].append({**fact, "start": fact["start"].isoformat()})
        doc = {k: fact[k] for k in ("id", "type", "holder", "entity")}
        doc["start"] = _day(fact["start"])
        for name in ("equity_pct", "value"):
            if name in fact:
                doc[name] = fact[name]
        self.doc["interests"].append(doc)

    def disclosure(self, ident: str, covered: list[str], filed_on: date, filed_by: str) -> None:
        self.register["disclosures"].append(
            {
                "id": ident,
                "interests": covered,
                "filed_by": filed_by,
                "filed_to": self.doc["client"],
                "filed_on": filed_on.isoformat(),
            }
        )
        self.doc["disclosures"].append(
            {"id": ident, "interests": covered, "filed_on": _day(filed_on)}
        )

    def review(
        self, ident: str, covered: list[str], reviewer: str, decision: str, on: date
    ) -> None:
        fact: dict[str, Any] = {
            "id": ident,
            "interests": covered,
            "reviewer": reviewer,
            "decision": decision,
        }
        if decision != "pending":
            fact["decided_on"] = on.isoformat()
        self.register["reviews"].append(fact)
        self.doc["reviews"].append(
            {"id": ident, "interests": covered, "reviewer": reviewer, "decision": decision}
        )


def _reviewer(rng: random.Random, supporter: str, affiliates: Sequence[str], tied: str) -> str:
    """Mostly the pool; sometimes the supporter, an affiliate, or a client-tied pool member."""
    roll = rng.random()
    if roll < 0.03:
        return supporter
    if roll < 0.08 and affiliates:
        return rng.choice(affiliates)
    if roll < 0.10:
        return tied  # tied to the client, not to the supporter: must not fire rule 3
    return f"RV-{rng.randrange(REVIEWERS)}"


def _parties(
    register: dict[str, Any], rng: random.Random, c: str
) -> tuple[_Case, list[str], str | None, str]:
    """The parties and relations of case `c`: (case, affiliates, own firm, client-tied reviewer)."""
    supporter, client = f"{c}-S", f"{c}-C"
    register["parties"] += [
        {"id": supporter, "type": "person", "name": f"{c} supporter", "roles": ["supporter"]},
        {
            "id": client,
            "type": "organization",
            "name": f"{c} client",
            "legal_form": "kabushiki_kaisha",
        },
    ]
    case = _Case(register, c, supporter, client)
    affiliates: list[str] = []
    firm = None
    if rng.random() < 0.5:
        firm = f"{c}-A"
        register["parties"].append(
            {"id": firm, "type": "organization", "name": f"{c} firm", "legal_form": "godo_kaisha"}
        )
        case.relation(supporter, firm, "controls")
        affiliates.append(firm)
    if rng.random() < 0.35:
        spouse = f"{c}-P"
        register["parties"].append({"id": spouse, "type": "person", "name": f"{c} spouse"})
        # either direction: an affiliate is tied to the supporter whichever end it is
        if rng.random() < 0.5:
            case.relation(supporter, spouse, "spouse")
        else:
            case.relation(spouse, supporter, "spouse")
        affiliates.append(spouse)
    tied = f"RV-{rng.randrange(REVIEWERS)}"
    if rng.random() < 0.05:
        case.relation(tied, client, "employed_by")
    return case, affiliates, firm, tied


def _case(register: dict[str, Any], rng: random.Random, n: int) -> dict[str, Any]:
    c = f"C{n}"
    case, affiliates, firm, tied = _parties(register, rng, c)
    supporter, client = case.doc["supporter"], case.doc["client"]

    start = BASE + timedelta(days=rng.randrange(540))
    register["engagements"].append(
        {
            "id": f"{c}-E",
            "supporter": supporter,
            "client": client,
            "scheme": "commission",
            "start": start.isoformat(),
            "end": (start + timedelta(days=1095)).isoformat(),
        }
    )

    reviewed: list[tuple[str, date]] = []
    if rng.random() < 0.6:
        inv = f"{c}-INV"
        inv_start = start + timedelta(days=rng.randrange(365))
        case.interest(
            {
                "id": inv,
                "type": "investment",
                "holder": supporter,
                "entity": client,
                "start": inv_start,
                "equity_pct": _pick(rng, EQUITY),
                "amount": 1_000_000,
            }
        )
        after = _pick(rng, FILED_AFTER)
        if after is not None:
            case.disclosure(f"{c}-D1", [inv], inv_start + timedelta(days=after), supporter)
        if rng.random() < 0.5:
            reviewed.append((inv, inv_start))
    if firm is not None and rng.random() < 0.2:
        # the firm's own stake in the client: held by the firm, not the supporter (noise)
        case.interest(
            {
                "id": f"{c}-INV-A",
                "type": "investment",
                "holder": firm,
                "entity": client,
                "start": start + timedelta(days=rng.randrange(365)),
                "equity_pct": 25.0,
            }
        )
    if firm is not None and rng.random() < 0.15:
        # the supporter's stake in their own firm: not in the client (noise)
        case.interest(
            {
                "id": f"{c}-INV-F",
                "type": "investment",
                "holder": supporter,
                "entity": firm,
                "start": start - timedelta(days=rng.randrange(1, 400)),
                "equity_pct": 100.0,
            }
        )
    if rng.random() < 0.5:
        col = f"{c}-COL"
        col_start = start + timedelta(days=rng.randrange(365))
        case.interest(
            {
                "id": col,
                "type": "collaboration",
                "holder": supporter,
                "entity": client,
                "start": col_start,
                "kind": "service",
                "value": _pick(rng, VALUES),
            }
        )
        decision = _pick(rng, DECISIONS)
        if decision is not None:
            covered = [col]
            if reviewed and rng.random() < 0.3:  # one review covering both interests
                covered.insert(0, reviewed.pop()[0])
            reviewer = _reviewer(rng, supporter, affiliates, tied)
            case.review(f"{c}-RV1", covered, reviewer, decision, col_start)
        if rng.random() < 0.05:  # a disclosure of the collaboration only: covers no investment
            case.disclosure(f"{c}-D2", [col], col_start, supporter)
    for inv, inv_start in reviewed:
        reviewer = _reviewer(rng, supporter, affiliates, tied)
        case.review(f"{c}-RV2", [inv], reviewer, "approved", inv_start)
    return case.doc


def generate(cases: int = 100_000, seed: int = 7) -> Workload:
    """The workload of `cases` cases drawn from `seed` (the same arguments, the same workload)."""
    rng = random.Random(seed)
    register: dict[str, Any] = {
        "apiVersion": "governance/v1",
        "kind": "Register",
        "metadata": {"name": f"peers-{cases}-{seed}", "as_of": AS_OF.isoformat()},
        "parties": [
            {"id": f"RV-{i}", "type": "person", "name": f"reviewer {i}", "roles": ["reviewer"]}
            for i in range(REVIEWERS)
        ],
        "relations": [],
        "engagements": [],
        "interests": [],
        "disclosures": [],
        "reviews": [],
    }
    documents = [_case(register, rng, n) for n in range(cases)]
    return Workload(cases, seed, AS_OF, register, documents)


def main(argv: Sequence[str] | None = None) -> None:
    """Write the register of a workload as JSON (for `governance check`) and print its size."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args(argv)
    workload = generate(args.cases, args.seed)
    args.output.write_text(json.dumps(workload.register, ensure_ascii=False), encoding="utf-8")
    print(f"{args.output}: {workload.cases} cases, {workload.facts} facts")


if __name__ == "__main__":
    main()
