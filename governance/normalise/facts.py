"""Normalisation: a register becomes flat facts of the types rules can match, as of one day.

Done once, in Python, before any evaluator runs:
- dates become day numbers; an empty or not-yet-happened `end`/`met_on` becomes `NEVER`;
- facts dated after `as_of` are dropped (they do not exist yet for this evaluation);
- list fields are flattened (a disclosure covering two interests is two `disclosure` facts), so
  "covering" is an equality join;
- derived facts are added: `attribution` (whose interest counts as whose) and `tie` (a relation
  seen from both ends).

Every fact has ``t`` (its type), ``k`` (a key unique in the register) and the fields listed in
`FACT_TYPES`, all present, all numbers, strings or booleans. It is written as a row of its
type's table (`Row`) and read as a dict (`Facts.items`, `Facts.of_type`) where an engine wants one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date
from itertools import repeat
from typing import Any

from governance.documents.json_reader import gc_paused
from governance.language.facts import (
    APPROVING,
    BEGINNING,
    EPOCH,
    FACT_TYPES,
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


Row = tuple[Any, ...]
"""One fact as a row of its type's table: ``(t, k, *FACT_TYPES[t] fields)``, in that order."""

COLUMNS: dict[str, tuple[str, ...]] = {t: ("t", "k", *fields) for t, fields in FACT_TYPES.items()}
"""The columns of each fact type's rows (a fact dict's keys, in the same order)."""


class Facts:
    """The normalised facts of one register as of one day, with where each came from.

    Normalising writes each fact type's rows (`Row`), the tables the SQL engine loads column by
    column. The engines that match dicts (durable-rules, the oracle) take `items`, made from
    the rows once, in C loops; the rows are then let go. `of_type` makes the dicts of one type
    only (what a finding's reasons look up), and `lookup` finds facts by key without making the
    others (the facts an SQL frame names).
    """

    def __init__(
        self,
        as_of: int,
        rows: dict[str, list[Row]] | None = None,
        origin: dict[str, tuple[str, int]] | None = None,
        names: dict[str, str] | None = None,
    ) -> None:
        self.as_of = as_of
        self.rows: dict[str, list[Row]] = {t: [] for t in FACT_TYPES} if rows is None else rows
        self.origin: dict[str, tuple[str, int]] = {} if origin is None else origin
        self.names: dict[str, str] = {} if names is None else names
        self._items: list[Fact] | None = None
        self._of_type: dict[str, list[Fact]] = {}
        self._by_key: dict[str, Fact] | None = None
        self._looked: dict[str, Fact] = {}

    @classmethod
    def of(cls, items: Iterable[Fact], as_of: int) -> Facts:
        """Facts given as dicts (a test's, or a subset of a check's), kept as they are."""
        facts = cls(as_of, rows={})
        facts._items = list(items)
        for fact in facts._items:
            facts._of_type.setdefault(fact["t"], []).append(fact)
        return facts

    @property
    def items(self) -> list[Fact]:
        """Every fact as a dict, type by type (each type's facts in the order normalised)."""
        if self._items is None:
            items: list[Fact] = []
            with gc_paused():  # a million dicts, none in a cycle
                for fact_type in list(self.rows):
                    items.extend(self.of_type(fact_type))
                    del self.rows[fact_type]  # the dicts hold the same values now
            self._items = items
        return self._items

    def of_type(self, fact_type: str) -> list[Fact]:
        """The facts of one type as dicts (made once)."""
        made = self._of_type.get(fact_type)
        if made is None:
            names = COLUMNS.get(fact_type, ())
            rows = self.rows.get(fact_type, [])
            made = self._of_type[fact_type] = list(map(dict, map(zip, repeat(names), rows)))
        return made

    def columns(self, fact_type: str) -> dict[str, Sequence[Any]]:
        """The key and fields of one fact type's facts, column by column."""
        names = COLUMNS[fact_type][1:]
        rows = self.rows.get(fact_type)
        if rows is None:  # made into dicts already
            facts = self._of_type.get(fact_type, [])
            return {name: [f[name] for f in facts] for name in names}
        if not rows:
            return dict.fromkeys(names, ())
        return dict(zip(names, list(zip(*rows, strict=True))[1:], strict=True))

    def lookup(self, keys: Mapping[str, Collection[str]]) -> dict[str, Fact]:
        """The facts with the keys given by fact type, by key; facts not made into dicts yet
        are made once (a later lookup gives the same dict)."""
        if self._items is not None:
            if self._by_key is None:
                self._by_key = {fact["k"]: fact for fact in self._items}
            by_key = self._by_key
            return {k: by_key[k] for wanted in keys.values() for k in wanted if k in by_key}
        looked = self._looked
        found: dict[str, Fact] = {}
        for fact_type, wanted in keys.items():
            missing = {k for k in wanted if k not in looked}
            if missing:
                names = COLUMNS.get(fact_type, ())
                made = self._of_type.get(fact_type)
                if made is not None:
                    looked.update((f["k"], f) for f in made if f["k"] in missing)
                else:
                    looked.update(
                        (row[1], dict(zip(names, row, strict=True)))
                        for row in self.rows.get(fact_type, ())
                        if row[1] in missing
                    )
            found.update((k, looked[k]) for k in wanted if k in looked)
        return found

    def __len__(self) -> int:
        if self._items is not None:
            return len(self._items)
        return sum(map(len, self.rows.values()))


class _Days(dict[date, int]):
    """Day numbers by date, each computed once; the facts share one int per distinct day."""

    def __missing__(self, value: date) -> int:
        number = self[value] = value.toordinal() - EPOCH
        return number


def normalise(register: Register, as_of: date) -> Facts:
    """Flatten `register` into facts as they stand on `as_of` (see the module docstring)."""
    # A million facts: the cyclic collector would otherwise rescan the register's models
    # several times while they are built (none of them is in a cycle).
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


# The loops below build each fact as one tuple literal, its fields in `FACT_TYPES` order, and
# append it and its origin directly: they run once per fact (a million times for 100,000
# supporters), so a method call, a `getattr` default (a miss goes through pydantic's slow
# `__getattr__`) or a dict per fact each cost seconds. Facts made from one register item share
# one origin tuple.


def _parties(register: Register, facts: Facts) -> None:
    append, origin = facts.rows["party"].append, facts.origin
    for i, party in enumerate(register.parties):
        key = f"party/{party.id}"
        if isinstance(party, Organization):
            legal_form, has_board, listed = party.legal_form or "", party.has_board, party.listed
        else:
            legal_form, has_board, listed = "", False, False
        append(("party", key, party.id, party.type, legal_form, has_board, listed))
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
    relation, tie, origin = facts.rows["relation"].append, facts.rows["tie"].append, facts.origin
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
        relation(("relation", k, r.id or "", source, target, kind, start, end))
        origin[k] = where
        for n, (a, b) in enumerate(((source, target), (target, source))):
            k = f"tie/{key}/{n}"
            tie(("tie", k, a, b, kind, start, end))
            origin[k] = where
        who[target].append((source, kind, start, end))
        if kind in SYMMETRIC:
            who[source].append((target, kind, start, end))
    return who


def _engagements(register: Register, as_of: date, facts: Facts, days: _Days) -> None:
    append, origin = facts.rows["engagement"].append, facts.origin
    for i, e in enumerate(register.engagements):
        if e.start > as_of:
            continue
        key = f"engagement/{e.id}"
        append(
            (
                "engagement",
                key,
                e.id,
                e.supporter,
                e.client,
                e.funder or "",
                e.funder or e.client,  # payer
                e.scheme,
                e.public_funds,
                e.evaluator or "",
                days[e.start],
                NEVER if e.end is None else days[e.end],
            )
        )
        origin[key] = ("engagements", i)


def _interests(register: Register, as_of: date, facts: Facts, days: _Days, who: _Who) -> None:
    rows, origin = facts.rows, facts.origin
    add_interest, add_gift = rows["interest"].append, rows["gift"].append
    attribution = rows["attribution"].append
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
            add_gift(("gift", key, iid, holder, entity, start, value, kind, year, total))
        else:
            add_interest(
                (
                    "interest",
                    key,
                    iid,
                    interest.type,
                    holder,
                    entity,
                    start,
                    end,
                    equity_pct,
                    amount,
                    value,
                    value if interest.type == "collaboration" else amount,  # worth
                    role,
                    compensated,
                    kind,
                    public,  # paid_from_public_funds
                    beneficiary,
                    standard_terms,
                    line,
                    arm,  # arm_s_length
                    year,  # fiscal_year
                    total,  # year_total
                )
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
            attribution(("attribution", key, person, iid, holder, entity, via, start))
            origin[key] = where


def _documents(register: Register, as_of: date, facts: Facts, days: _Days) -> None:
    rows, origin = facts.rows, facts.origin
    disclosure, review, condition = (rows[t].append for t in ("disclosure", "review", "condition"))
    resolution, vote, waiver = (rows[t].append for t in ("resolution", "vote", "waiver"))
    for i, d in enumerate(register.disclosures):
        if d.filed_on > as_of:
            continue
        did, filed_by, filed_to, filed_on = d.id, d.filed_by, d.filed_to, days[d.filed_on]
        where = ("disclosures", i)
        for covered in d.interests:
            key = _content_key(origin, f"disclosure/{did}/{covered}")
            disclosure(("disclosure", key, did, covered, filed_by, filed_to, filed_on))
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
            review(("review", key, rid, covered, reviewer, decision, approving, decided, checked))
            origin[key] = where
        for c in r.conditions:
            key = f"condition/{c.id}"
            condition(
                (
                    "condition",
                    key,
                    c.id,
                    rid,  # review
                    reviewer,
                    approving,
                    decided,  # decided_on
                    NEVER if c.due is None else days[c.due],  # due
                    c.due is not None,  # has_due
                    NEVER if c.met_on is None or c.met_on > as_of else days[c.met_on],  # met_on
                )
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
            resolution(("resolution", key, resid, covered, res.entity, body, kind, when, disclosed))
            origin[key] = where
            for voter in res.voters:
                key = _content_key(origin, f"vote/{resid}/{covered}/{voter}")
                vote(("vote", key, resid, covered, voter, body, kind, when, res.entity, disclosed))
                origin[key] = where
    for i, w in enumerate(register.waivers):
        if w.approved_on > as_of:
            continue
        key = f"waiver/{w.id}"
        waiver(
            (
                "waiver",
                key,
                w.id,
                w.rule,
                w.subject,
                w.requested_by,
                w.approved_by,
                days[w.approved_on],
                days[w.expires_on],
                w.reason.strip(),
                (w.expires_on - w.approved_on).days,  # term_days
            )
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
    rows, origin = facts.rows, facts.origin
    persons = {p.id for p in register.parties if isinstance(p, Person)}
    for i, party in enumerate(register.parties):
        for role in sorted(set(party.roles)):
            key = f"party_role/{party.id}/{role}"
            rows["party_role"].append(("party_role", key, party.id, role))
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
            rows["relative"].append(("relative", key, a, b, r.type, start, end))
            origin[key] = ("relations", i)
    for i, bid in enumerate(register.bids):
        if bid.submitted_on > as_of:
            continue
        submitted = days[bid.submitted_on]
        key = f"bid/{bid.id}"
        rows["bid"].append(
            (
                "bid",
                key,
                bid.id,
                bid.bidder,
                bid.procurer,
                bid.method,
                submitted,
                bid.awarded,
                bid.amount or 0,
                fiscal_year(bid.submitted_on),
            )
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
            rows["attribution"].append(
                ("attribution", key, person, bid.id, bid.bidder, bid.procurer, via, submitted)
            )
            origin[key] = ("bids", i)
    for i, p in enumerate(register.pledges):
        if p.signed_on > as_of:
            continue
        for n, covered in enumerate(p.covers):
            key = f"pledge/{p.id}/{n}"
            rows["pledge"].append(
                ("pledge", key, p.id, p.party, p.filed_to, days[p.signed_on], covered)
            )
            origin[key] = ("pledges", i)
    for i, g in enumerate(register.permissions):
        if g.granted_on > as_of:
            continue
        key = f"permission/{g.id}"
        rows["permission"].append(
            ("permission", key, g.id, g.party, g.interest, g.granted_by, days[g.granted_on])
        )
        origin[key] = ("permissions", i)
