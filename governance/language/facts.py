"""The facts a rule can match: each fact type with its fields' types, and how dates are numbered.

Normalising (`governance.normalise`) produces facts of exactly these types; the compiler checks
rules against them; the evaluators and findings read dates as the day numbers defined here.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from governance.language.ir import NEVER, FieldType

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
        "beneficiary": "id",
        "standard_terms": "bool",
        "line": "text",
        "arm_s_length": "bool",
        "fiscal_year": "count",
        "year_total": "money",
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
        "material_facts_disclosed": "bool",
    },
    "vote": {
        "resolution": "id",
        "interest": "id",
        "voter": "id",
        "body": "text",
        "kind": "text",
        "date": "date",
        "entity": "id",
        "material_facts_disclosed": "bool",
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
    # banso-shien v2
    "bid": {
        "id": "id",
        "bidder": "id",
        "procurer": "id",
        "method": "text",
        "submitted_on": "date",
        "awarded": "bool",
        "amount": "money",
        "fiscal_year": "count",
    },
    "pledge": {"id": "id", "party": "id", "filed_to": "id", "signed_on": "date", "covers": "id"},
    "permission": {
        "id": "id",
        "party": "id",
        "interest": "id",
        "granted_by": "id",
        "granted_on": "date",
    },
    "party_role": {"party": "id", "role": "text"},
    "relative": {"person": "id", "relative": "id", "type": "text", **_DATES},
    "gift": {
        "id": "id",
        "holder": "id",
        "entity": "id",
        "start": "date",
        "value": "money",
        "kind": "text",
        "fiscal_year": "count",
        "year_total": "money",
    },
}
"""Every fact type a rule can match, with the type of each field."""

KIN = frozenset({"spouse", "household", "parent", "child", "sibling", "partner"})
"""Family relation types: between two persons, either end is the other's relative."""

Fact = dict[str, Any]


def day(value: date | None, empty: int = NEVER) -> int:
    """The day number of `value` (days since 1970-01-01), or `empty` when there is none."""
    return value.toordinal() - EPOCH if value is not None else empty


def fiscal_year(value: date) -> int:
    """The fiscal year (会計年度, April to March) of `value`: 2026 for 2026-04-01..2027-03-31."""
    return value.year if value.month >= 4 else value.year - 1


def from_day(number: int) -> date | None:
    """The date of a day number, or None for the sentinels."""
    if number in (NEVER, BEGINNING):
        return None
    return date.fromordinal(number + EPOCH)
