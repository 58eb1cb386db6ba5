"""Partitioning facts so the engine sees small, independent sessions.

durable-rules cannot hold a whole national register in one session (32-bit hash collisions,
1,024 live sessions, memory), and a crash must cost one partition, not the run. A partition is
the neighbourhood of one *anchor* (a supporter of an engagement, or the holder of a board seat):
the facts any rule could join, or test for absence, when it finds something about that anchor.
Facts no anchor reaches form one last partition, so a self-contained rule (a waiver approved by
its own requester) still sees them. Shared parties (a funder, a reviewer) are copied into every
partition that needs them; a match found in two partitions is the same frame of fact keys, so the
union of the partitions' matches is exactly the matches over the whole register — the differential
test holds the engine (partitioned) to the oracle (not partitioned) on that.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator

from governance.language.facts import FACT_TYPES, Fact

_REFERENCE_FIELDS = (
    "supporter",
    "client",
    "funder",
    "payer",
    "evaluator",
    "holder",
    "entity",
    "beneficiary",
    "person",
    "reviewer",
    "filed_by",
    "filed_to",
    "voter",
    "requested_by",
    "approved_by",
    "a",
    "b",
    "source",
    "target",
    "bidder",
    "procurer",
    "party",
    "granted_by",
    "relative",
)


_INDEXED = {
    "engagement": ("supporter",),
    "attribution": ("person", "interest"),
    "interest": ("id", "holder", "beneficiary"),
    "disclosure": ("interest",),
    "review": ("interest",),
    "condition": ("review",),
    "resolution": ("interest",),
    "vote": ("interest",),
    "tie": ("a",),
    "relation": ("source",),
    "waiver": ("subject",),
    "finding": ("subject",),
    # banso-shien v2
    "bid": ("id",),
    "pledge": ("party",),
    "permission": ("interest",),
    "party_role": ("party",),
    "relative": ("person",),
    "gift": ("id",),
    "engagement/client": ("client",),
    "relation/target": ("target",),
}
"""The fields partitions are joined on, by fact type."""

_NONE: list[Fact] = []


class _Index:
    def __init__(self, facts: Iterable[Fact]) -> None:
        self.tables: dict[tuple[str, str], dict[object, list[Fact]]] = {
            (kind.split("/")[0], field): defaultdict(list)
            for kind, fields in _INDEXED.items()
            for field in fields
        }
        self.parties: dict[str, Fact] = {}
        by_type = {
            kind: [(field, self.tables[(kind.split("/")[0], field)]) for field in fields]
            for kind, fields in _INDEXED.items()
        }
        for kind, extra in (("engagement", "engagement/client"), ("relation", "relation/target")):
            by_type[kind] = by_type[kind] + by_type.pop(extra)
        for fact in facts:
            kind = fact["t"]
            if kind == "party":
                self.parties[fact["id"]] = fact
                continue
            for field, table in by_type.get(kind, ()):
                table[fact[field]].append(fact)

    def get(self, kind: str, field: str, value: object) -> list[Fact]:
        return self.tables[(kind, field)].get(value, _NONE)


def anchors(facts: Iterable[Fact]) -> list[str]:
    """The parties partitions are built around, sorted: supporters, board-seat holders and
    officials holding interests."""
    found: set[str] = set()
    officials: set[str] = set()
    holders: set[str] = set()
    for fact in facts:
        if fact["t"] == "engagement":
            found.add(fact["supporter"])
        elif fact["t"] == "interest":
            if fact["type"] == "board_seat":
                found.add(fact["holder"])
            holders.add(fact["holder"])
        elif fact["t"] == "party_role" and fact["role"] == "official":
            officials.add(fact["party"])
    return sorted(found | (officials & holders))


def _neighbourhood(anchor: str, index: _Index) -> dict[str, Fact]:
    chosen: dict[str, Fact] = {}

    def take(items: Iterable[Fact]) -> None:
        for item in items:
            chosen.setdefault(item["k"], item)

    engagements = index.get("engagement", "supporter", anchor)
    take(engagements)
    mine = index.get("attribution", "person", anchor)
    take(mine)
    interest_ids = {a["interest"] for a in mine} | _dealt_for(anchor, mine, index)
    reviews: list[Fact] = []
    for interest_id in sorted(interest_ids):
        take(index.get("interest", "id", interest_id))
        take(index.get("attribution", "interest", interest_id))
        for kind in ("disclosure", "resolution", "vote"):
            take(index.get(kind, "interest", interest_id))
        covering = index.get("review", "interest", interest_id)
        reviews.extend(covering)
    take(reviews)
    for review in reviews:
        take(index.get("condition", "review", review["id"]))
    controls = index.get("relation", "source", anchor)
    take(controls)
    stakes_in = {e["client"] for e in engagements} | {r["target"] for r in controls}
    people = {anchor} | {r["reviewer"] for r in reviews} | {e["evaluator"] for e in engagements}
    # A reviewer or evaluator matters through ties to the anchor, its clients and funders only:
    # taking all of a shared reviewer's ties would grow every partition with the register.
    counterparts = {anchor} | {e[f] for e in engagements for f in ("client", "funder", "payer")}
    take(index.get("tie", "a", anchor))
    for person in sorted(people - {anchor}):
        take(t for t in index.get("tie", "a", person) if t["b"] in counterparts)
        for held in index.get("attribution", "person", person):
            if held["entity"] in stakes_in:
                take([held])
                take(index.get("interest", "id", held["interest"]))
    _v2_neighbourhood(
        anchor,
        index,
        mine=mine,
        engagements=engagements,
        people=people,
        counterparts=counterparts,
        stakes_in=stakes_in,
        take=take,
    )
    subjects = {f["id"] for f in chosen.values() if f["t"] in _WAIVABLE}
    for subject in sorted(subjects):
        take(index.get("waiver", "subject", subject))
        take(index.get("finding", "subject", subject))
    for waiver in [f for f in chosen.values() if f["t"] == "waiver"]:
        take(index.get("finding", "subject", waiver["id"]))
    return chosen


def _dealt_for(anchor: str, mine: list[Fact], index: _Index) -> set[str]:
    """Transactions the anchor's attributions do not reach but a corporate-law rule may judge.

    A deal made for the anchor's benefit, or for a party the anchor controls (a guarantee of
    their debt: 会社法 356条1項3号), and a deal with a company where the anchor holds a seat
    whose counterparty is another company where the anchor holds a seat (the anchor represents
    the counterparty: 356条1項2号 "for a third party").
    """
    found = {i["id"] for i in index.get("interest", "beneficiary", anchor)}
    for relation in index.get("relation", "source", anchor):
        if relation["type"] == "controls":
            found.update(i["id"] for i in index.get("interest", "beneficiary", relation["target"]))
    seated = {
        a["entity"]
        for a in mine
        if a["via"] == "self"
        for i in index.get("interest", "id", a["interest"])
        if i["type"] == "board_seat"
    }
    for counterparty in sorted(seated):
        found.update(
            i["id"] for i in index.get("interest", "holder", counterparty) if i["entity"] in seated
        )
    return found


def _v2_neighbourhood(
    anchor: str,
    index: _Index,
    *,
    mine: list[Fact],
    engagements: list[Fact],
    people: set[str],
    counterparts: set[str],
    stakes_in: set[str],
    take: Callable[[Iterable[Fact]], None],
) -> None:
    """What the banso-shien v2 rules join besides the facts above."""
    clients = {e["client"] for e in engagements}
    for attribution in mine:
        gifts = index.get("gift", "id", attribution["interest"])
        take(gifts)
        for gift in gifts:  # the giver's seat on a client's board
            take(
                i
                for i in index.get("interest", "holder", gift["entity"])
                if i["entity"] in clients and i["type"] == "board_seat"
            )
        take(index.get("bid", "id", attribution["interest"]))
        take(index.get("permission", "interest", attribution["interest"]))
    take(index.get("pledge", "party", anchor))
    holders = sorted({a["holder"] for a in mine})
    for holder in holders:  # a holder's other business with the client (fiscal-year groups)
        take(i for i in index.get("interest", "holder", holder) if i["entity"] in stakes_in)
    for client in sorted(clients):  # a client's officers (givers of gifts)
        take(r for r in index.get("relation", "target", client) if r["type"] == "officer_of")
    if any(r["role"] == "official" for r in index.get("party_role", "party", anchor)):
        for held in mine:  # an official's side job: the engagements of the entity's clients
            if held["via"] == "self":
                found = index.get("engagement", "client", held["entity"])
                take(found)
                for engagement in found:  # whatever else they bring is judged with its pledges
                    take(index.get("pledge", "party", engagement["supporter"]))
    for person in sorted(people):  # the relatives of a reviewer or evaluator (the anchor too)
        kin = index.get("relative", "person", person)
        take(kin)
        for relative in sorted({k["relative"] for k in kin}):
            take(t for t in index.get("tie", "a", relative) if t["b"] in counterparts)
            for held in index.get("attribution", "person", relative):
                if held["entity"] in stakes_in:
                    take([held])
                    take(index.get("interest", "id", held["interest"]))


_WAIVABLE = frozenset(("interest", "engagement", "review", "condition", "bid", "gift"))
"""The fact types a waiver (or a finding read by a later stratum) can be about."""

_REFERENCES = {
    kind: tuple(f for f in _REFERENCE_FIELDS if f in fields)
    for kind, fields in FACT_TYPES.items()
    if kind != "party"
}
"""For each fact type, which of `_REFERENCE_FIELDS` its facts have (from the declared fields)."""


def _references(fact: Fact) -> tuple[str, ...]:
    kind = fact["t"]
    if kind == "party":
        return ()
    found = _REFERENCES.get(kind)
    return found if found is not None else tuple(f for f in _REFERENCE_FIELDS if f in fact)


def _with_parties(chosen: dict[str, Fact], index: _Index) -> list[Fact]:
    named = {fact[field] for fact in chosen.values() for field in _references(fact)}
    parties = [index.parties[p] for p in sorted(named) if p in index.parties]
    roles = [r for p in sorted(named) for r in index.get("party_role", "party", p)]
    extra = parties + roles
    return list(chosen.values()) + [p for p in extra if p["k"] not in chosen]


def partitions(facts: list[Fact]) -> Iterator[tuple[str, list[Fact]]]:
    """The facts split into (anchor, facts) partitions, the last one for facts no anchor reached
    (yielded as they are built, so the engine can start on the first ones)."""
    index = _Index(facts)
    reached: set[str] = set()
    for anchor in anchors(facts):
        chosen = _neighbourhood(anchor, index)
        reached.update(chosen)
        yield anchor, _with_parties(chosen, index)
    rest = {f["k"]: f for f in facts if f["k"] not in reached and f["t"] != "party"}
    if rest:
        yield "", _with_parties(rest, index)


SUBJECT_TYPES = ("interest", "engagement", "review", "condition", "waiver", "bid", "gift")
"""The fact types a `finding` can be about (its `subject` is one of their ids)."""


def with_findings(
    parts: list[tuple[str, list[Fact]]], findings: list[Fact]
) -> list[tuple[str, list[Fact]]]:
    """`parts` (of facts without findings) with each finding added where its subject is.

    The same placement `partitions` makes, without rebuilding the partitions for each stratum:
    a finding goes to every partition holding its subject, or to the last one when none does.
    """
    if not findings:
        return parts
    about: dict[str, list[Fact]] = defaultdict(list)
    for finding in findings:
        about[finding["subject"]].append(finding)
    placed: set[str] = set()
    out: list[tuple[str, list[Fact]]] = []
    for anchor, facts in parts:
        extra = [
            f for fact in facts if fact["t"] in SUBJECT_TYPES for f in about.get(fact["id"], ())
        ]
        placed.update(f["k"] for f in extra)
        unique = list({f["k"]: f for f in extra}.values())
        out.append((anchor, facts + unique))
    rest = [f for f in findings if f["k"] not in placed]
    if rest and out and out[-1][0] == "":  # the partition of facts no anchor reaches
        out[-1] = ("", out[-1][1] + rest)
    elif rest:
        out.append(("", rest))
    return out
