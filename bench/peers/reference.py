"""The three rules hand-written in plain Python over the per-case documents: the floor.

No engine, no indexes beyond one dict per case: what a programmer would write for exactly these
three rules. It is the speed floor in the table and a fifth, independent opinion on the findings.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from evaluator import Prepared, Variant
from workload import (
    APPROVING,
    MIN_EQUITY_PCT,
    MIN_VALUE,
    RULE_COLLABORATION,
    RULE_INVESTMENT,
    RULE_REVIEWER,
    WINDOW_DAYS,
    Finding,
    Workload,
)


def case_findings(doc: dict[str, Any]) -> list[Finding]:
    """The findings of one case document."""
    supporter, client = doc["supporter"], doc["client"]
    own = {
        i["id"]: i for i in doc["interests"] if i["holder"] == supporter and i["entity"] == client
    }
    if not own:
        return []
    found: list[Finding] = []
    for ident, i in own.items():
        if i["type"] == "investment" and i["equity_pct"] >= MIN_EQUITY_PCT:
            deadline = i["start"] + WINDOW_DAYS
            if not any(
                ident in d["interests"] and d["filed_on"] <= deadline for d in doc["disclosures"]
            ):
                found.append((RULE_INVESTMENT, ident))
        elif (
            i["type"] == "collaboration"
            and i["value"] >= MIN_VALUE
            and not any(
                ident in r["interests"] and r["decision"] in APPROVING for r in doc["reviews"]
            )
        ):
            found.append((RULE_COLLABORATION, ident))
    affiliates = {r["to"] for r in doc["relations"] if r["from"] == supporter}
    affiliates |= {r["from"] for r in doc["relations"] if r["to"] == supporter}
    affiliates.add(supporter)
    for r in doc["reviews"]:
        if r["reviewer"] in affiliates and any(i in own for i in r["interests"]):
            found.append((RULE_REVIEWER, r["id"]))
    return found


def evaluate(documents: Sequence[dict[str, Any]]) -> set[Finding]:
    """Every finding of every case."""
    return {f for doc in documents for f in case_findings(doc)}


def _prepare(workload: Workload) -> Prepared:
    documents = workload.documents
    return Prepared(lambda: evaluate(documents))


VARIANTS = [Variant("plain Python", "hand-written loops over the case documents", _prepare)]
