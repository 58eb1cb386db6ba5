"""The rule and policy-pack documents (``kind: Rule``, ``kind: PolicyPack``) as pydantic models.

A **rule** says what pattern of facts is a problem, with typed parameters and no judgement values.
A **pack** adopts rules and binds the judgement: parameter values, severity, citation, whether a
waiver may set the finding aside. Expressions inside them are plain strings here; the compiler
parses and type-checks them.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from governance.register.models import RelationType
from governance.register.types import Expect, Flag, Name, Text, Wording, first_break, show

RULE_ID = r"^[a-z][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$"
PACK_ID = r"^[a-z][a-z0-9-]*$"

Severity = Literal["critical", "high", "medium", "low", "info"]
SEVERITIES: tuple[str, ...] = ("critical", "high", "medium", "low", "info")
ParamKind = Literal[
    "days",
    "percent",
    "money",
    "count",
    "number",
    "ids",
    "text",
    "legal_forms",
    "seat_roles",
    "bodies",
    "phrase",
]
"""A parameter's kind. `legal_forms`, `seat_roles` and `bodies` are lists of the register's own
values, checked when the pack is compiled; a `phrase` is a text in English and Japanese that
the rule's title, description and message show as ``{name}``."""


def _version_text(value: Any) -> str:
    if isinstance(value, str) and value.strip() and first_break(value) is None:
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise PydanticCustomError(
        "governance",
        'expected a version in quotes on one line, like "2027.1", got {got}',
        {"got": show(value)},
    )


def _whole(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return value
    raise PydanticCustomError(
        "governance", "expected a whole number from 1, got {got}", {"got": show(value)}
    )


VersionText = Annotated[str, BeforeValidator(_version_text)]
RuleId = Annotated[
    str,
    Field(pattern=RULE_ID),
    Expect("a rule id like disclosure.missing (lowercase words joined by dots)"),
]
PackId = Annotated[
    str, Field(pattern=PACK_ID), Expect("a pack id like banso-shien (lowercase letters and -)")
]
RuleVersion = Annotated[int, BeforeValidator(_whole)]


class Doc(BaseModel):
    """Base of the policy documents: frozen, unknown keys rejected."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class Bilingual(Doc):
    """A text in English and Japanese."""

    en: Wording
    ja: Wording


class AggregateDoc(Doc):
    """Sum an expression over the matches of each group; keep the groups where `having` holds."""

    group: Wording
    total: Wording
    having: Wording
    per: Wording | None = None


Patterns = Annotated[dict[Name, Wording], Field(min_length=1)]
"""A rule's patterns: a binding name (``interest``, ``absent disclosure``) to its condition."""


class ReasonDoc(Doc):
    """A reason a finding gives when it holds: a note in both languages (`because:` of a rule).

    `find` names one further fact, written as a `match` pattern (``name: FACT_TYPE where
    CONDITION``), that must exist for the note; `when` is a condition over the finding's bound
    facts (and the found one). Both are optional; `say` may name every fact they can read. Notes
    are worked out after the engines, on the facts the engines saw, by the expression evaluator.
    """

    find: Annotated[dict[str, Name], Field(min_length=1, max_length=1)] | None = None
    when: Name | None = None
    say: Bilingual


class RuleDoc(Doc):
    """A reusable, parameterised check (``kind: Rule``)."""

    api_version: Literal["governance/v1"] = Field(alias="apiVersion")
    kind: Literal["Rule"]
    id: RuleId
    version: RuleVersion
    title: Bilingual
    description: Bilingual
    params: dict[Name, ParamKind] = {}
    internal: Flag = False
    let: dict[Name, Wording] = {}
    match: Annotated[dict[Name, Wording], Field(min_length=1)] | None = None
    match_any: (
        Annotated[
            tuple[Annotated[dict[Name, Wording], Field(min_length=1)], ...], Field(min_length=2)
        ]
        | None
    ) = None
    aggregate: AggregateDoc | None = None
    deadline: Wording | None = None
    subject: Wording
    parties: tuple[Wording, ...] = ()
    message: Bilingual
    messages: tuple[Bilingual, ...] = ()
    """One message per alternative of `match_any`, in order, for a reason only that alternative
    binds (the relation that makes a reviewer dependent); `message` is the rule's general one."""
    message_due: Bilingual | None = None
    """The message while a finding is due (before its deadline); `message` otherwise."""
    because: tuple[ReasonDoc, ...] = ()
    """Notes a finding adds when they hold (an approval not counted, the tie that binds)."""

    @model_validator(mode="after")
    def _one_match(self) -> RuleDoc:
        if (self.match is None) == (self.match_any is None):
            raise PydanticCustomError(
                "governance", "expected exactly one of 'match' or 'match_any'", {}
            )
        if self.messages and len(self.messages) != len(self.match_any or ()):
            raise PydanticCustomError(
                "governance",
                "expected one message per alternative of 'match_any' in 'messages'",
                {},
            )
        return self


class Cite(Doc):
    """Where a pack's judgement comes from."""

    title: Wording
    clause: Text = ""
    url: Text = ""


class Escalation(Doc):
    """Raise the severity of a finding when an expression holds for it."""

    when: Wording
    severity: Severity


class Adoption(Doc):
    """One rule adopted by a pack, with its judgement."""

    rule: Name
    as_: RuleId | None = Field(default=None, alias="as")
    """The id this pack's findings of the rule carry, when not the rule's own (a rule shared by
    packs of different statutes: ``rule: conflict.transaction-unapproved, as: ca.…``)."""
    version: RuleVersion | None = None
    params: dict[Name, Any] = {}
    severity: Severity
    cite: Cite
    waivable: Flag = True
    escalate: tuple[Escalation, ...] = ()
    note: Bilingual | None = None
    """What every finding's explanation adds in this pack (a consequence the statute attaches)."""

    @property
    def reported_id(self) -> str:
        """The id of the rule as this pack reports it."""
        return self.as_ or self.rule


class PackDoc(Doc):
    """A set of adopted rules (``kind: PolicyPack``)."""

    api_version: Literal["governance/v1"] = Field(alias="apiVersion")
    kind: Literal["PolicyPack"]
    id: PackId
    version: VersionText
    title: Bilingual
    description: Bilingual | None = None
    attribution: tuple[RelationType, ...] = ("controls", "spouse", "household")
    relatives: tuple[
        Literal["parent", "child", "sibling", "spouse", "household", "partner"], ...
    ] = ()
    """Family relation types whose persons count as relatives (rules read `relative_relations`)."""
    adopts: Annotated[tuple[Adoption, ...], Field(min_length=1)]
