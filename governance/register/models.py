"""The register (input contract v1) as frozen pydantic models: one class per kind of fact.

A register is one YAML or JSON document (or a folder of them) listing parties, relations,
engagements, interests, disclosures, reviews, resolutions and waivers. Unknown keys are errors;
scalar types validate with messages a reviewer can act on (see `governance.register.types`);
cross-fact rules (unique ids, references, date order) are checked in `governance.loading._checks`.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from governance.documents import Location
from governance.register.types import Day, Flag, Id, Money, Name, Percent, Ref, Text, Wording

API_VERSION = "governance/v1"

Role = Literal["supporter", "reviewer", "evaluator", "funder", "official", "committee"]
LegalForm = Literal[
    "kabushiki_kaisha",
    "godo_kaisha",
    "goshi_kaisha",
    "gomei_kaisha",
    "tokurei_yugen_kaisha",
    "cooperative",
    "npo",
    "general_association",
    "general_foundation",
    "municipality",
    "prefecture",
    "national_agency",
    "sole_proprietorship",
    "other",
]
RelationType = Literal[
    "controls",
    "officer_of",
    "employed_by",
    "spouse",
    "household",
    "parent",
    "child",
    "sibling",
    "partner",
]
Scheme = Literal["commission", "subsidy", "pfs", "joint_venture", "private"]
SeatRole = Literal[
    "director",
    "representative_director",
    "auditor",
    "executive_officer",
    "advisor",
    # 会社法 (issue #12): 執行役 of a 指名委員会等設置会社, 業務執行社員 of a 持分会社
    "statutory_executive_officer",
    "executive_member",
]
"""A seat's role. `executive_officer` is 執行役員, a business title outside the statute;
`statutory_executive_officer` is 執行役 (会社法 419条)."""
CollaborationKind = Literal[
    "service",
    "sale",
    "purchase",
    "license",
    "loan",
    "lease",
    "joint_venture",
    "guarantee",  # the entity guarantees a debt (会社法 356条1項3号, with `beneficiary`)
]
ResolutionBody = Literal[
    "board",
    "shareholders",
    "all_shareholders",  # 総株主の同意
    "members",  # 持分会社: the other members; 一般社団法人: 社員総会
]
Decision = Literal["approved", "approved_with_conditions", "rejected", "pending"]


class Fact(BaseModel):
    """Base of every register model: frozen, unknown keys rejected."""

    model_config = ConfigDict(
        frozen=True, extra="forbid", allow_inf_nan=False, populate_by_name=True
    )


class Metadata(Fact):
    """About the register as a whole."""

    name: Name | None = None
    as_of: Day | None = None
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] = "JPY"
    description: Text | None = None


class Person(Fact):
    """A natural person: a supporter, reviewer, evaluator, official, spouse..."""

    id: Id
    type: Literal["person"]
    name: Name
    roles: tuple[Role, ...] = ()
    note: Text | None = None


class Organization(Fact):
    """A company, cooperative, association or public body."""

    id: Id
    type: Literal["organization"]
    name: Name
    legal_form: LegalForm | None = None
    has_board: Flag = False
    listed: Flag = False
    roles: tuple[Role, ...] = ()
    note: Text | None = None


Party = Annotated[Person | Organization, Field(discriminator="type")]


class Relation(Fact):
    """A tie between two parties; ``{from: A, to: B, type: controls}`` means A controls B."""

    id: Id | None = None
    from_: Ref = Field(alias="from")
    to: Ref
    type: RelationType
    start: Day | None = None
    end: Day | None = None
    note: Text | None = None


class Engagement(Fact):
    """A supporter accompanying a client over a period, paid by a funder under a scheme."""

    id: Id
    supporter: Ref
    client: Ref
    funder: Ref | None = None
    scheme: Scheme
    public_funds: Flag = False
    start: Day
    end: Day | None = None
    evaluator: Ref | None = None
    note: Text | None = None


class _Interest(Fact):
    id: Id
    holder: Ref
    entity: Ref
    start: Day
    end: Day | None = None
    note: Text | None = None


class Investment(_Interest):
    """Equity or money the holder put into the entity."""

    type: Literal["investment"]
    equity_pct: Percent | None = None
    amount: Money | None = None


class BoardSeat(_Interest):
    """An officer's seat the holder has in the entity."""

    type: Literal["board_seat"]
    role: SeatRole
    compensated: Flag = False


class Collaboration(_Interest):
    """Business the holder does with the entity (service, sale, loan...)."""

    type: Literal["collaboration"]
    kind: CollaborationKind
    value: Money
    paid_from_public_funds: Flag = False
    beneficiary: Ref | None = None
    """For whose benefit the entity deals with the holder (a guarantee of their debt: 間接取引)."""
    standard_terms: Flag = False
    """On standard terms (普通取引約款): not a conflict-of-interest transaction."""
    arm_s_length: Flag = False
    """Market price, open terms, documented (banso-shien v2)."""


class Remuneration(_Interest):
    """Money the entity pays the holder for the period start..end."""

    type: Literal["remuneration"]
    amount: Money


class Competition(_Interest):
    """Business the holder carries on, for itself or a third party, in the entity's line (競業)."""

    type: Literal["competition"]
    line: Wording
    """The line of business the holder competes in."""


class Gift(_Interest):
    """A gift or hospitality (贈答・接待) the holder received from the entity on `start`."""

    type: Literal["gift"]
    value: Money
    kind: Literal["gift", "hospitality"] = "gift"


Interest = Annotated[
    Investment | BoardSeat | Collaboration | Remuneration | Competition | Gift,
    Field(discriminator="type"),
]


class Disclosure(Fact):
    """A filed statement covering one or more interests."""

    id: Id
    interests: Annotated[tuple[Ref, ...], Field(min_length=1)]
    filed_by: Ref
    filed_to: Ref
    filed_on: Day
    note: Text | None = None


class Condition(Fact):
    """A condition attached to an approval, with an optional due day and the day it was met."""

    id: Id
    text: Wording
    due: Day | None = None
    met_on: Day | None = None


class Review(Fact):
    """An independent reviewer's decision (第三者チェック) on one or more interests."""

    id: Id
    interests: Annotated[tuple[Ref, ...], Field(min_length=1)]
    reviewer: Ref
    decision: Decision
    decided_on: Day | None = None
    conditions: tuple[Condition, ...] = ()
    note: Text | None = None


class Resolution(Fact):
    """A corporate approval or report (会社法 356/365, 595; 一般法人法 84/92) covering interests."""

    id: Id
    entity: Ref
    body: ResolutionBody
    kind: Literal["approval", "report"]
    interests: Annotated[tuple[Ref, ...], Field(min_length=1)]
    date: Day
    voters: tuple[Ref, ...] = ()
    note: Text | None = None
    material_facts_disclosed: Flag | None = None
    """Whether the material facts were disclosed (重要な事実の開示); left out: not in doubt."""


class Waiver(Fact):
    """An approved, expiring exception (例外承認) to one rule for one subject."""

    id: Id
    rule: Name
    subject: Ref
    requested_by: Ref
    approved_by: Ref
    approved_on: Day
    expires_on: Day
    reason: Text
    note: Text | None = None


# banso-shien v2: bids, confidentiality pledges and side-job permissions (optional lists).


class Bid(Fact):
    """A bid for a public contract: who bid, whose contract, how it was procured."""

    id: Id
    bidder: Ref
    procurer: Ref
    title: Name
    method: Literal["open", "designated", "negotiated"]
    submitted_on: Day
    awarded: Flag = False
    amount: Money | None = None
    note: Text | None = None


class Pledge(Fact):
    """A confidentiality pledge (守秘義務・目的外利用禁止の誓約) covering engagements."""

    id: Id
    party: Ref
    filed_to: Ref
    signed_on: Day
    covers: Annotated[tuple[Ref, ...], Field(min_length=1)]
    note: Text | None = None


class Permission(Fact):
    """A side-job permission (兼業許可, 地方公務員法38条) for one of an official's interests."""

    id: Id
    party: Ref
    interest: Ref
    granted_by: Ref
    granted_on: Day
    note: Text | None = None


class Register(Fact):
    """The facts a check runs on. Lists are tuples; positions are kept for every fact."""

    api_version: Literal["governance/v1"] = Field(alias="apiVersion")
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

    _sources: Any = PrivateAttr(default=None)
    _digest: str | None = PrivateAttr(default=None)

    def locate(self, collection: str, index: int, *rest: str | int) -> Location | None:
        """Where item `index` of `collection` (or a path below it) was written, when known."""
        sources = self._sources  # a pydantic private attribute: each read costs ~7 µs
        if sources is None:
            return None
        found: Location = sources.locate(collection, index, *rest)
        return found


COLLECTIONS: tuple[str, ...] = (
    "parties",
    "relations",
    "engagements",
    "interests",
    "disclosures",
    "reviews",
    "resolutions",
    "waivers",
    "bids",
    "pledges",
    "permissions",
)
"""The fact lists of a register, in document order."""
