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
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from governance.documents.json_reader import gc_paused
from governance.language.facts import (
    APPROVING,
    BEGINNING,
    EPOCH,
    KIN,
    SYMMETRIC,
    Fact,
    day,
    fiscal_year,
)
from governance.language.ir import NEVER
from governance.register.records import (
    BoardSeat,
    Collaboration,
    Competition,
    Gift,
    Investment,
    Organization,
    Person,
    Register,
    Remuneration,
)

_Who = dict[str, list[tuple[str, str, int, int]]]
"""Who counts a holder's interests as their own: (person, relation type, start, end) by holder."""


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


class _Days(dict[date, int]):
    """Day numbers by date, each computed once; the facts share one int per distinct day."""

    def __missing__(self, value: date) -> int:
        number = self[value] = value.toordinal() - EPOCH
        return number


def normalise(register: Register, as_of: date) -> Facts:
    """Flatten `register` into facts as they stand on `as_of` (see the module docstring)."""
    # A million facts are a million dicts: the cyclic collector would otherwise rescan the
    # register's models several times while they are built (none of them is in a cycle).
    with gc_paused():
        facts = Facts(as_of=day(as_of))
        facts.names = {p.id: p.name for p in register.parties}
        days = _Days()
        _parties(register, facts)
        who = _relations(register, as_of, facts, days)
        _engagements(register, as_of, facts, days)
        _interests(register, as_of, facts, days, who)
        _documents(register, as_of, facts, days)
        _v2(register, as_of, facts, days, who)
        return facts


# The loops below build each fact as one dict literal and append it and its origin directly:
# they run once per fact (a million times for 100,000 supporters), so a method call, a
# `getattr` default (a miss goes through pydantic's slow `__getattr__`) or a merged dict each
# cost seconds. Facts made from one register item share one origin tuple.


def _parties(register: Register, facts: Facts) -> None:
    append, origin = facts.items.append, facts.origin
    for i, party in enumerate(register.parties):
        key = f"party/{party.id}"
        if isinstance(party, Organization):
            legal_form, has_board, listed = party.legal_form or "", party.has_board, party.listed
        else:
            legal_form, has_board, listed = "", False, False
        append(
            {
                "t": "party",
                "k": key,
                "id": party.id,
                "kind": party.type,
                "legal_form": legal_form,
                "has_board": has_board,
                "listed": listed,
            }
        )
        origin[key] = ("parties", i)


def _content_key(origin: dict[str, tuple[str, int]], key: str) -> str:
    """`key`, made from a fact's content (never its position in a list, so a register with its
    lists in another order gives the same evidence ids); ``#2``, ``#3`` mark repeats."""
    if key not in origin:
        return key
    n = 2
    while f"{key}#{n}" in origin:
        n += 1
    return f"{key}#{n}"


def _relations(register: Register, as_of: date, facts: Facts, days: _Days) -> _Who:
    """Add relation and tie facts; return who counts each party's interests as their own."""
    append, origin = facts.items.append, facts.origin
    who: _Who = defaultdict(list)
    for i, r in enumerate(register.relations):
        if r.start is not None and r.start > as_of:
            continue
        start = BEGINNING if r.start is None else days[r.start]
        end = NEVER if r.end is None or r.end > as_of else days[r.end]
        source, target, kind = r.from_, r.to, r.type
        k = (
            f"relation/{r.id}"
            if r.id
            else _content_key(origin, f"relation/{source}>{target}/{kind}/{r.start or ''}")
        )
        key = k[len("relation/") :]
        where = ("relations", i)
        append(
            {
                "t": "relation",
                "k": k,
                "id": r.id or "",
                "source": source,
                "target": target,
                "type": kind,
                "start": start,
                "end": end,
            }
        )
        origin[k] = where
        for n, (a, b) in enumerate(((source, target), (target, source))):
            k = f"tie/{key}/{n}"
            append({"t": "tie", "k": k, "a": a, "b": b, "type": kind, "start": start, "end": end})
            origin[k] = where
        who[target].append((source, kind, start, end))
        if kind in SYMMETRIC:
            who[source].append((target, kind, start, end))
    return who


def _engagements(register: Register, as_of: date, facts: Facts, days: _Days) -> None:
    append, origin = facts.items.append, facts.origin
    for i, e in enumerate(register.engagements):
        if e.start > as_of:
            continue
        key = f"engagement/{e.id}"
        append(
            {
                "t": "engagement",
                "k": key,
                "id": e.id,
                "supporter": e.supporter,
                "client": e.client,
                "funder": e.funder or "",
                "payer": e.funder or e.client,
                "scheme": e.scheme,
                "public_funds": e.public_funds,
                "evaluator": e.evaluator or "",
                "start": days[e.start],
                "end": NEVER if e.end is None else days[e.end],
            }
        )
        origin[key] = ("engagements", i)


def _interests(register: Register, as_of: date, facts: Facts, days: _Days, who: _Who) -> None:
    append, origin = facts.items.append, facts.origin
    totals = _year_totals(register, as_of)
    for i, interest in enumerate(register.interests):
        if interest.start > as_of:
            continue
        iid, holder, entity = interest.id, interest.holder, interest.entity
        start = days[interest.start]
        end = NEVER if interest.end is None or interest.end > as_of else days[interest.end]
        equity_pct, amount, value, role, compensated, kind, public = 0.0, 0, 0, "", False, "", False
        beneficiary, standard_terms, line = "", False, ""
        arm = False
        if isinstance(interest, Investment):
            if interest.equity_pct is not None:
                equity_pct = interest.equity_pct
            if interest.amount is not None:
                amount = interest.amount
        elif isinstance(interest, BoardSeat):
            role, compensated = interest.role, interest.compensated
        elif isinstance(interest, Collaboration):
            kind, value, public = interest.kind, interest.value, interest.paid_from_public_funds
            beneficiary, standard_terms = interest.beneficiary or "", interest.standard_terms
            arm = interest.arm_s_length
        elif isinstance(interest, Competition):
            line = interest.line
        elif isinstance(interest, Gift):
            kind, value = interest.kind, interest.value
        else:
            amount = interest.amount
        key = f"interest/{iid}"
        where = ("interests", i)
        year = fiscal_year(interest.start)
        total = totals[(interest.type, holder, entity, year)]
        if isinstance(interest, Gift):  # a fact type of its own: the interest rules leave it out
            append(
                {
                    "t": "gift",
                    "k": key,
                    "id": iid,
                    "holder": holder,
                    "entity": entity,
                    "start": start,
                    "value": value,
                    "kind": kind,
                    "fiscal_year": year,
                    "year_total": total,
                }
            )
        else:
            append(
                {
                    "t": "interest",
                    "k": key,
                    "id": iid,
                    "type": interest.type,
                    "holder": holder,
                    "entity": entity,
                    "start": start,
                    "end": end,
                    "equity_pct": equity_pct,
                    "amount": amount,
                    "value": value,
                    "worth": value if interest.type == "collaboration" else amount,
                    "role": role,
                    "compensated": compensated,
                    "kind": kind,
                    "paid_from_public_funds": public,
                    "beneficiary": beneficiary,
                    "standard_terms": standard_terms,
                    "line": line,
                    "arm_s_length": arm,
                    "fiscal_year": year,
                    "year_total": total,
                }
            )
        origin[key] = where
        holders: Iterable[tuple[str, str]] = ((holder, "self"),)
        related = who.get(holder)
        if related:
            holders = sorted(
                {(holder, "self")}.union(
                    (person, via)
                    for person, via, r_start, r_end in related
                    if r_start <= start <= r_end
                )
            )
        for person, via in holders:
            key = _content_key(origin, f"attribution/{iid}/{person}/{via}")
            append(
                {
                    "t": "attribution",
                    "k": key,
                    "person": person,
                    "interest": iid,
                    "holder": holder,
                    "entity": entity,
                    "via": via,
                    "start": start,
                }
            )
            origin[key] = where


def _documents(register: Register, as_of: date, facts: Facts, days: _Days) -> None:
    append, origin = facts.items.append, facts.origin
    for i, d in enumerate(register.disclosures):
        if d.filed_on > as_of:
            continue
        did, filed_by, filed_to, filed_on = d.id, d.filed_by, d.filed_to, days[d.filed_on]
        where = ("disclosures", i)
        for covered in d.interests:
            key = _content_key(origin, f"disclosure/{did}/{covered}")
            append(
                {
                    "t": "disclosure",
                    "k": key,
                    "id": did,
                    "interest": covered,
                    "filed_by": filed_by,
                    "filed_to": filed_to,
                    "filed_on": filed_on,
                }
            )
            origin[key] = where
    for i, r in enumerate(register.reviews):
        if r.decided_on is not None and r.decided_on > as_of:
            continue
        rid, reviewer, decision = r.id, r.reviewer, r.decision
        approving = decision in APPROVING
        decided = NEVER if r.decided_on is None else days[r.decided_on]
        checked = facts.as_of if r.decided_on is None else decided
        where = ("reviews", i)
        for covered in r.interests:
            key = _content_key(origin, f"review/{rid}/{covered}")
            append(
                {
                    "t": "review",
                    "k": key,
                    "id": rid,
                    "interest": covered,
                    "reviewer": reviewer,
                    "decision": decision,
                    "approving": approving,
                    "decided_on": decided,
                    "checked_on": checked,
                }
            )
            origin[key] = where
        for c in r.conditions:
            key = f"condition/{c.id}"
            append(
                {
                    "t": "condition",
                    "k": key,
                    "id": c.id,
                    "review": rid,
                    "reviewer": reviewer,
                    "approving": approving,
                    "decided_on": decided,
                    "due": NEVER if c.due is None else days[c.due],
                    "has_due": c.due is not None,
                    "met_on": NEVER if c.met_on is None or c.met_on > as_of else days[c.met_on],
                }
            )
            origin[key] = where
    for i, res in enumerate(register.resolutions):
        if res.date > as_of:
            continue
        resid, body, kind, when = res.id, res.body, res.kind, days[res.date]
        disclosed = res.material_facts_disclosed is not False  # left out: not in doubt
        where = ("resolutions", i)
        for covered in res.interests:
            key = _content_key(origin, f"resolution/{resid}/{covered}")
            append(
                {
                    "t": "resolution",
                    "k": key,
                    "id": resid,
                    "entity": res.entity,
                    "interest": covered,
                    "body": body,
                    "kind": kind,
                    "date": when,
                    "material_facts_disclosed": disclosed,
                }
            )
            origin[key] = where
            for voter in res.voters:
                key = _content_key(origin, f"vote/{resid}/{covered}/{voter}")
                append(
                    {
                        "t": "vote",
                        "k": key,
                        "resolution": resid,
                        "voter": voter,
                        "interest": covered,
                        "body": body,
                        "kind": kind,
                        "date": when,
                        "entity": res.entity,
                        "material_facts_disclosed": disclosed,
                    }
                )
                origin[key] = where
    for i, w in enumerate(register.waivers):
        if w.approved_on > as_of:
            continue
        key = f"waiver/{w.id}"
        append(
            {
                "t": "waiver",
                "k": key,
                "id": w.id,
                "rule": w.rule,
                "subject": w.subject,
                "requested_by": w.requested_by,
                "approved_by": w.approved_by,
                "approved_on": days[w.approved_on],
                "expires_on": days[w.expires_on],
                "reason": w.reason.strip(),
                "term_days": (w.expires_on - w.approved_on).days,
            }
        )
        origin[key] = ("waivers", i)


_YearKey = tuple[str, str, str, int]


def _year_totals(register: Register, as_of: date) -> dict[_YearKey, int]:
    """The worth of each holder's interests of one type in one entity, by fiscal year of start.

    Only interests begun by `as_of` count (later ones do not exist yet).
    """
    totals: dict[_YearKey, int] = defaultdict(int)
    for interest in register.interests:
        if interest.start > as_of:
            continue
        if isinstance(interest, Collaboration | Gift):
            worth = interest.value
        elif isinstance(interest, Investment | Remuneration):
            worth = interest.amount or 0
        else:
            worth = 0
        key = (interest.type, interest.holder, interest.entity, fiscal_year(interest.start))
        totals[key] += worth
    return totals


def _v2(register: Register, as_of: date, facts: Facts, days: _Days, who: _Who) -> None:
    """The facts banso-shien v2 added: roles, relatives, bids, pledges and permissions."""
    append, origin = facts.items.append, facts.origin
    persons = {p.id for p in register.parties if isinstance(p, Person)}
    for i, party in enumerate(register.parties):
        for role in sorted(set(party.roles)):
            key = f"party_role/{party.id}/{role}"
            append({"t": "party_role", "k": key, "party": party.id, "role": role})
            origin[key] = ("parties", i)
    kin: _Who = defaultdict(list)
    for i, r in enumerate(register.relations):
        if r.type not in KIN or r.from_ not in persons or r.to not in persons:
            continue
        if r.start is not None and r.start > as_of:
            continue
        start = BEGINNING if r.start is None else days[r.start]
        end = NEVER if r.end is None or r.end > as_of else days[r.end]
        for n, (a, b) in enumerate(((r.from_, r.to), (r.to, r.from_))):
            kin[b].append((a, r.type, start, end))
            key = f"relative/{r.id or i}/{n}"
            append(
                {
                    "t": "relative",
                    "k": key,
                    "person": a,
                    "relative": b,
                    "type": r.type,
                    "start": start,
                    "end": end,
                }
            )
            origin[key] = ("relations", i)
    for i, bid in enumerate(register.bids):
        if bid.submitted_on > as_of:
            continue
        submitted = days[bid.submitted_on]
        key = f"bid/{bid.id}"
        append(
            {
                "t": "bid",
                "k": key,
                "id": bid.id,
                "bidder": bid.bidder,
                "procurer": bid.procurer,
                "method": bid.method,
                "submitted_on": submitted,
                "awarded": bid.awarded,
                "amount": bid.amount or 0,
                "fiscal_year": fiscal_year(bid.submitted_on),
            }
        )
        origin[key] = ("bids", i)
        # whose bid it counts as: the bidder, whoever a relation attributes it to (as for
        # interests, family types aside) and the bidder's relatives (persons, either direction)
        people = {(bid.bidder, "self")}
        people.update(
            (person, via)
            for person, via, r_start, r_end in who.get(bid.bidder, ())
            if via not in KIN and r_start <= submitted <= r_end
        )
        people.update(
            (person, via)
            for person, via, r_start, r_end in kin.get(bid.bidder, ())
            if r_start <= submitted <= r_end
        )
        for n, (person, via) in enumerate(sorted(people)):
            key = f"attribution/{bid.id}/{n}"
            append(
                {
                    "t": "attribution",
                    "k": key,
                    "person": person,
                    "interest": bid.id,
                    "holder": bid.bidder,
                    "entity": bid.procurer,
                    "via": via,
                    "start": submitted,
                }
            )
            origin[key] = ("bids", i)
    for i, p in enumerate(register.pledges):
        if p.signed_on > as_of:
            continue
        for n, covered in enumerate(p.covers):
            key = f"pledge/{p.id}/{n}"
            append(
                {
                    "t": "pledge",
                    "k": key,
                    "id": p.id,
                    "party": p.party,
                    "filed_to": p.filed_to,
                    "signed_on": days[p.signed_on],
                    "covers": covered,
                }
            )
            origin[key] = ("pledges", i)
    for i, g in enumerate(register.permissions):
        if g.granted_on > as_of:
            continue
        key = f"permission/{g.id}"
        append(
            {
                "t": "permission",
                "k": key,
                "id": g.id,
                "party": g.party,
                "interest": g.interest,
                "granted_by": g.granted_by,
                "granted_on": days[g.granted_on],
            }
        )
        origin[key] = ("permissions", i)
