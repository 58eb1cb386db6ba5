"""The register as light read-only records: what a loaded register holds and the engines read.

`governance.register.models` is the schema (pydantic models: the JSON Schema, the error wording);
these records carry the same fields, in the same order, with the same names and defaults, as frozen
msgspec structs without a per-object dict or garbage-collector header (~100 bytes a fact against
~450 for a frozen model). `governance.loading.fast` derives validating subclasses of them from the
models, and a test holds the two field for field.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any, ClassVar, Literal

import msgspec

from governance.documents import Location
from governance.register.canonical import canonical_json
from governance.register.models import (
    API_VERSION,
    COLLECTIONS,
    CollaborationKind,
    Decision,
    LegalForm,
    RelationType,
    ResolutionBody,
    Role,
    Scheme,
    SeatRole,
)


class Fact(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, gc=False):
    """Base of every register record: frozen, unknown keys refused, outside the cyclic GC."""


class Metadata(Fact, frozen=True, kw_only=True):
    """About the register as a whole."""

    name: str | None = None
    as_of: date | None = None
    currency: str = "JPY"
    description: str | None = None


class Person(Fact, frozen=True, kw_only=True, tag_field="type", tag="person"):
    """A natural person: a supporter, reviewer, evaluator, official, spouse..."""

    type: ClassVar[Literal["person"]] = "person"
    id: str
    name: str
    roles: tuple[Role, ...] = ()
    note: str | None = None


class Organization(Fact, frozen=True, kw_only=True, tag_field="type", tag="organization"):
    """A company, cooperative, association or public body."""

    type: ClassVar[Literal["organization"]] = "organization"
    id: str
    name: str
    legal_form: LegalForm | None = None
    has_board: bool = False
    listed: bool = False
    roles: tuple[Role, ...] = ()
    note: str | None = None


Party = Person | Organization


class Relation(Fact, frozen=True, kw_only=True, rename={"from_": "from"}):
    """A tie between two parties; ``{from: A, to: B, type: controls}`` means A controls B."""

    id: str | None = None
    from_: str
    to: str
    type: RelationType
    start: date | None = None
    end: date | None = None
    note: str | None = None


class Engagement(Fact, frozen=True, kw_only=True):
    """A supporter accompanying a client over a period, paid by a funder under a scheme."""

    id: str
    supporter: str
    client: str
    funder: str | None = None
    scheme: Scheme
    public_funds: bool = False
    start: date
    end: date | None = None
    evaluator: str | None = None
    note: str | None = None


class _Interest(Fact, frozen=True, kw_only=True, tag_field="type"):
    id: str
    holder: str
    entity: str
    start: date
    end: date | None = None
    note: str | None = None


class Investment(_Interest, frozen=True, kw_only=True, tag="investment"):
    """Equity or money the holder put into the entity."""

    type: ClassVar[Literal["investment"]] = "investment"
    equity_pct: float | None = None
    amount: int | None = None


class BoardSeat(_Interest, frozen=True, kw_only=True, tag="board_seat"):
    """An officer's seat the holder has in the entity."""

    type: ClassVar[Literal["board_seat"]] = "board_seat"
    role: SeatRole
    compensated: bool = False


class Collaboration(_Interest, frozen=True, kw_only=True, tag="collaboration"):
    """Business the holder does with the entity (service, sale, loan...)."""

    type: ClassVar[Literal["collaboration"]] = "collaboration"
    kind: CollaborationKind
    value: int
    paid_from_public_funds: bool = False
    beneficiary: str | None = None
    standard_terms: bool = False
    arm_s_length: bool = False


class Remuneration(_Interest, frozen=True, kw_only=True, tag="remuneration"):
    """Money the entity pays the holder for the period start..end."""

    type: ClassVar[Literal["remuneration"]] = "remuneration"
    amount: int


class Competition(_Interest, frozen=True, kw_only=True, tag="competition"):
    """Business the holder carries on, for itself or a third party, in the entity's line (競業)."""

    type: ClassVar[Literal["competition"]] = "competition"
    line: str


class Gift(_Interest, frozen=True, kw_only=True, tag="gift"):
    """A gift or hospitality (贈答・接待) the holder received from the entity on `start`."""

    type: ClassVar[Literal["gift"]] = "gift"
    value: int
    kind: Literal["gift", "hospitality"] = "gift"


Interest = Investment | BoardSeat | Collaboration | Remuneration | Competition | Gift


class Disclosure(Fact, frozen=True, kw_only=True):
    """A filed statement covering one or more interests."""

    id: str
    interests: tuple[str, ...]
    filed_by: str
    filed_to: str
    filed_on: date
    note: str | None = None


class Condition(Fact, frozen=True, kw_only=True):
    """A condition attached to an approval, with an optional due day and the day it was met."""

    id: str
    text: str
    due: date | None = None
    met_on: date | None = None


class Review(Fact, frozen=True, kw_only=True):
    """An independent reviewer's decision (第三者チェック) on one or more interests."""

    id: str
    interests: tuple[str, ...]
    reviewer: str
    decision: Decision
    decided_on: date | None = None
    conditions: tuple[Condition, ...] = ()
    note: str | None = None


class Resolution(Fact, frozen=True, kw_only=True):
    """A corporate approval or report (会社法 356/365, 595; 一般法人法 84/92) covering interests."""

    id: str
    entity: str
    body: ResolutionBody
    kind: Literal["approval", "report"]
    interests: tuple[str, ...]
    date: date
    voters: tuple[str, ...] = ()
    note: str | None = None
    material_facts_disclosed: bool | None = None


class Waiver(Fact, frozen=True, kw_only=True):
    """An approved, expiring exception (例外承認) to one rule for one subject."""

    id: str
    rule: str
    subject: str
    requested_by: str
    approved_by: str
    approved_on: date
    expires_on: date
    reason: str
    note: str | None = None


class Bid(Fact, frozen=True, kw_only=True):
    """A bid for a public contract: who bid, whose contract, how it was procured."""

    id: str
    bidder: str
    procurer: str
    title: str
    method: Literal["open", "designated", "negotiated"]
    submitted_on: date
    awarded: bool = False
    amount: int | None = None
    note: str | None = None


class Pledge(Fact, frozen=True, kw_only=True):
    """A confidentiality pledge (守秘義務・目的外利用禁止の誓約) covering engagements."""

    id: str
    party: str
    filed_to: str
    signed_on: date
    covers: tuple[str, ...]
    note: str | None = None


class Permission(Fact, frozen=True, kw_only=True):
    """A side-job permission (兼業許可, 地方公務員法38条) for one of an official's interests."""

    id: str
    party: str
    interest: str
    granted_by: str
    granted_on: date
    note: str | None = None


class Lists(Fact, frozen=True, kw_only=True, rename={"api_version": "apiVersion"}):
    """A register document as decoded: its header and its fact lists."""

    api_version: Literal["governance/v1"]
    kind: Literal["Register"]
    metadata: Metadata = Metadata()
    parties: tuple[Party, ...] = ()
    relations: tuple[Relation, ...] = ()
    engagements: tuple[Engagement, ...] = ()
    interests: tuple[Interest, ...] = ()
    disclosures: tuple[Disclosure, ...] = ()
    reviews: tuple[Review, ...] = ()
    resolutions: tuple[Resolution, ...] = ()
    waivers: tuple[Waiver, ...] = ()
    bids: tuple[Bid, ...] = ()
    pledges: tuple[Pledge, ...] = ()
    permissions: tuple[Permission, ...] = ()


class Register:
    """The facts a check runs on: read-only lists of records, and where each was written.

    Made by `governance.load_register` (and its siblings); its attributes are those of a register
    document (``parties``, ``interests``...; ``api_version`` for ``apiVersion``).
    """

    __slots__ = ("_digest", "_lists", "_sources")
    _digest: str | None
    _lists: Lists
    _sources: Any

    def __init__(self, lists: Lists, sources: Any = None) -> None:
        object.__setattr__(self, "_lists", lists)
        object.__setattr__(self, "_sources", sources)
        object.__setattr__(self, "_digest", None)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"a Register is read-only (tried to set {name!r})")

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        """(field, value) pairs, header first then the fact lists (as the models iterated)."""
        yield "api_version", self.api_version
        yield "kind", self.kind
        yield "metadata", self.metadata
        for collection in COLLECTIONS:
            yield collection, getattr(self.lists, collection)

    def __reduce__(self) -> tuple[type[Register], tuple[Lists, Any]]:
        return (Register, (self._lists, self._sources))

    @property
    def api_version(self) -> Literal["governance/v1"]:
        """Always ``governance/v1``."""
        return API_VERSION  # type: ignore[return-value]

    @property
    def kind(self) -> Literal["Register"]:
        """Always ``Register``."""
        return "Register"

    @property
    def lists(self) -> Lists:
        """The register's header and fact lists as one record."""
        lists: Lists = self._lists
        return lists

    @property
    def metadata(self) -> Metadata:
        """About the register as a whole (name, as_of, currency, description)."""
        return self.lists.metadata

    @property
    def parties(self) -> tuple[Party, ...]:
        """Persons and organizations."""
        return self.lists.parties

    @property
    def relations(self) -> tuple[Relation, ...]:
        """Ties between parties."""
        return self.lists.relations

    @property
    def engagements(self) -> tuple[Engagement, ...]:
        """Supporters accompanying clients."""
        return self.lists.engagements

    @property
    def interests(self) -> tuple[Interest, ...]:
        """Investments, board seats, collaborations, remunerations, competition and gifts."""
        return self.lists.interests

    @property
    def disclosures(self) -> tuple[Disclosure, ...]:
        """Filed statements covering interests."""
        return self.lists.disclosures

    @property
    def reviews(self) -> tuple[Review, ...]:
        """Independent reviewers' decisions."""
        return self.lists.reviews

    @property
    def resolutions(self) -> tuple[Resolution, ...]:
        """Corporate approvals and reports."""
        return self.lists.resolutions

    @property
    def waivers(self) -> tuple[Waiver, ...]:
        """Approved, expiring exceptions."""
        return self.lists.waivers

    @property
    def bids(self) -> tuple[Bid, ...]:
        """Bids for public contracts."""
        return self.lists.bids

    @property
    def pledges(self) -> tuple[Pledge, ...]:
        """Confidentiality pledges."""
        return self.lists.pledges

    @property
    def permissions(self) -> tuple[Permission, ...]:
        """Side-job permissions."""
        return self.lists.permissions

    def to_json(self) -> str:
        """The register as one JSON document: every field, named as in a register file."""
        return canonical_json(self.lists).decode("utf-8")

    def to_data(self) -> dict[str, Any]:
        """The register as JSON-like data (dates as ISO text), as `load_register_data` takes it."""
        data: dict[str, Any] = json.loads(self.to_json())
        return data

    def locate(self, collection: str, index: int, *rest: str | int) -> Location | None:
        """Where item `index` of `collection` (or a path below it) was written, when known."""
        sources = self._sources
        if sources is None:
            return None
        found: Location = sources.locate(collection, index, *rest)
        return found

    def files_lines(self, items: list[tuple[str, int]]) -> list[tuple[str, int]] | None:
        """Where each (collection, index) was written, as (file, line): many at once, for the
        evidence of a check's findings; None when the register does not know."""
        sources = self._sources
        if sources is None:
            return None
        found: list[tuple[str, int]] = sources.files_lines(items)
        return found

    def __repr__(self) -> str:
        counts = ", ".join(f"{c}={len(getattr(self, c))}" for c in COLLECTIONS)
        return f"Register(name={self.metadata.name!r}, {counts})"

    def __eq__(self, other: object) -> bool:
        """Registers with the same facts are equal (whichever path loaded them)."""
        return isinstance(other, Register) and canonical_json(self.lists) == canonical_json(
            other.lists
        )

    def __hash__(self) -> int:
        return hash(canonical_json(self.lists))
