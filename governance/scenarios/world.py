"""The state of one scenario: the facts its Given steps wrote, its settings, and its report.

Facts are kept as register data (the contract of `governance.load_register_data`), each
remembering the line of the step that wrote it, so that a fact the register loader rejects is
reported at that step. People and organisations are referred to by id or by name (see
`World.party`); the check runs when a step first needs the findings, and again after any Given.
"""

from __future__ import annotations

import copy
import re
from datetime import date
from pathlib import Path
from typing import Any

from governance.api import EngineName
from governance.errors import GovernanceError, did_you_mean
from governance.findings.models import Finding, Report
from governance.loading.loader import load_register_data
from governance.scenarios.failures import StepFailure
from governance.scenarios.names import legal_form_of, short_name, squash
from governance.scenarios.session import Session

Fact = dict[str, Any]

COLLECTIONS = (
    "parties",
    "relations",
    "engagements",
    "interests",
    "disclosures",
    "reviews",
    "conditions",
    "resolutions",
    "waivers",
    "bids",
    "pledges",
    "permissions",
)
"""The register's lists, and ``conditions`` (kept apart, nested into their reviews on check)."""

ID_PREFIX = {
    "engagements": "ENG",
    "investment": "INV",
    "board_seat": "SEAT",
    "collaboration": "COL",
    "remuneration": "REM",
    "competition": "CMP",
    "disclosures": "D",
    "reviews": "RV",
    "conditions": "C",
    "resolutions": "RES",
    "waivers": "W",
    "gift": "GIFT",
    "bids": "BID",
    "pledges": "PL",
    "permissions": "PERM",
}
"""The prefix of the id a fact gets when its step names none (``INV-1``, ``INV-2``, ...)."""

DEFAULTS: dict[str, Fact] = {
    "engagements": {"scheme": "commission"},
    "collaboration": {"kind": "service"},
    "waivers": {"reason": ""},
    "bids": {"title": "入札案件"},
}
"""Values a fact takes when its step leaves them out (a waiver without a reason has an empty
one, which `waiver.invalid` reports)."""

_INDEX = re.compile(r"^(\w+)\[(\d+)\]")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text).casefold()


class World:
    """One scenario's facts, settings and findings.

    Args:
        session: the run's defaults and caches.
        base_dir: the folder of the feature file (relative folders in steps start there).
        name: the scenario's name (the register's name in error messages).
    """

    def __init__(self, session: Session, base_dir: Path, name: str = "scenario") -> None:
        self.session = session
        self.base_dir = base_dir
        self.name = name
        self.facts: dict[str, list[Fact]] = {c: [] for c in COLLECTIONS}
        self.origin: dict[int, int] = {}
        self.line = 0
        self.packs: tuple[str, ...] = ()
        self.policies: Path | None = session.policies
        self.as_of: date | None = None
        self.engine: EngineName = session.engine
        self.only: tuple[str, ...] = ()
        self.reports: list[Report] = []
        self._report: Report | None = None

    # facts -------------------------------------------------------------------------------

    def add(self, collection: str, fact: Fact) -> Fact:
        """Add `fact` to `collection`, with an id and defaults when the step gave none."""
        kind = fact.get("type") if collection == "interests" else collection
        defaults = DEFAULTS.get(str(kind), {})
        fact = copy.deepcopy(defaults) | fact
        form = legal_form_of(str(fact.get("name", ""))) if collection == "parties" else None
        if form is not None and fact.get("type") == "organization":
            fact["legal_form"] = form  # the name says it, whatever the generic word before it
        if collection == "parties" and "id" not in fact:
            fact["id"] = self._party_id(str(fact.get("name", "")))
        if "id" not in fact and str(kind) in ID_PREFIX:
            fact["id"] = self._next_id(ID_PREFIX[str(kind)])
        if collection == "conditions":
            fact.setdefault("review", self.last("reviews")["id"])
            if fact["review"] not in {r["id"] for r in self.facts["reviews"]}:
                raise StepFailure(f'"{fact["review"]}" is not a review')
        if "id" in fact and fact["id"] in self.ids():
            raise StepFailure(f'"{fact["id"]}" is already used; every fact needs its own id')
        self.facts[collection].append(fact)
        self.origin[id(fact)] = self.line
        self.changed()
        return fact

    def last(self, collection: str) -> Fact:
        """The fact most recently added to `collection` ("the engagement", "the review")."""
        if not self.facts[collection]:
            raise StepFailure(f"there is no {collection[:-1]} yet to refer to")
        return self.facts[collection][-1]

    def find(self, fact_id: str) -> Fact:
        """The fact with id `fact_id`, in any collection."""
        for facts in self.facts.values():
            for fact in facts:
                if fact.get("id") == fact_id:
                    return fact
        raise StepFailure(f'unknown fact "{fact_id}"{did_you_mean(fact_id, self.ids())}')

    def ids(self) -> list[str]:
        """Every id in use."""
        return [str(f["id"]) for facts in self.facts.values() for f in facts if "id" in f]

    def changed(self) -> None:
        """Forget the findings: the facts or settings changed since the last check."""
        self._report = None

    def _next_id(self, prefix: str) -> str:
        used = set(self.ids())
        number = 1
        while f"{prefix}-{number}" in used:
            number += 1
        return f"{prefix}-{number}"

    def _party_id(self, name: str) -> str:
        base = re.sub(r"\s+", "", name) or "P"
        used = set(self.ids())
        candidate, number = base, 2
        while candidate in used:
            candidate, number = f"{base}-{number}", number + 1
        return candidate

    # references --------------------------------------------------------------------------

    def party(self, ref: str) -> str:
        """The id of the party `ref` names: its id, its name, or a unique part of its name.

        Tried in turn: the id; the whole name; the name without spaces; one word of the name
        (``"田中"`` for ``田中 一郎``); the start of the name (``"田中プランニング"`` for
        ``田中プランニング合同会社``); the name without its legal form (``"大島ベリー"`` for
        ``有限会社大島ベリー``, see `governance.scenarios.names`). A part that fits several
        parties is an error.
        """
        parties = self.facts["parties"]
        key = _squash(ref)
        stages = (
            lambda p: p["id"] == ref,
            lambda p: p.get("name") == ref,
            lambda p: _squash(p.get("name", "")) == key,
            lambda p: ref.casefold() in [w.casefold() for w in p.get("name", "").split()],
            lambda p: _squash(p.get("name", "")).startswith(key),
            lambda p: squash(short_name(p.get("name", ""))) == key,
            lambda p: squash(short_name(p.get("name", ""))).startswith(key),
        )
        for stage in stages:
            found = [p for p in parties if stage(p)]
            if len(found) == 1:
                return str(found[0]["id"])
            if len(found) > 1:
                names = ", ".join(f'"{p.get("name", p["id"])}"' for p in found)
                raise StepFailure(f'"{ref}" could be any of {names}: write more of the name')
        known = [str(p.get("name", p["id"])) for p in parties]
        hint = did_you_mean(ref, known + [str(p["id"]) for p in parties])
        listed = ", ".join(f'"{k}"' for k in known) or "none yet"
        raise StepFailure(
            f'unknown party "{ref}"{hint}; declare it first, e.g. Given a supporter "{ref}" '
            f"(known parties: {listed})"
        )

    def fact(self, ref: str) -> str:
        """The id of the fact `ref` names: any fact's id, else a party (by id or name)."""
        if ref in self.ids():
            return ref
        try:
            return self.party(ref)
        except StepFailure:
            pass
        raise StepFailure(f'unknown fact "{ref}"{did_you_mean(ref, self.ids())}')

    def rule(self, ref: str) -> str:
        """`ref` if it is a rule of the scenario's packs (a misspelt rule would never fire)."""
        known = self.rule_ids()
        if ref not in known:
            raise StepFailure(
                f"unknown rule '{ref}'{did_you_mean(ref, known)}; the packs "
                f"{', '.join(self.pack_names())} adopt: {', '.join(sorted(known))}"
            )
        return ref

    # settings and the check ------------------------------------------------------------

    def pack_names(self) -> tuple[str, ...]:
        """The packs this scenario checks against: its own choice, else the run's default."""
        return self.packs or self.session.packs

    def rule_ids(self) -> list[str]:
        """The rules the scenario's packs adopt (internal rules left out)."""
        try:
            packs = self.session.compiled(self.pack_names(), self.policies)
        except GovernanceError as error:
            raise _failure("the policy packs cannot be used", error, {}) from None
        return sorted({r.id for p in packs for r in p.rules if not r.internal})

    def register_data(self) -> dict[str, Any]:
        """The facts as one register document (conditions nested in their reviews)."""
        data: dict[str, Any] = {
            "apiVersion": "governance/v1",
            "kind": "Register",
            "metadata": {"name": "scenario"},
        }
        for collection, facts in self.facts.items():
            if collection == "conditions" or not facts:
                continue
            data[collection] = [copy.deepcopy(f) for f in facts]
        for review in data.get("reviews", []):
            conditions = [
                {k: v for k, v in c.items() if k != "review"}
                for c in self.facts["conditions"]
                if c["review"] == review["id"]
            ]
            if conditions:
                review["conditions"] = conditions
        return data

    def check(self) -> Report:
        """Check the facts now (the When step) and keep the report."""
        if self.as_of is None:
            raise StepFailure(
                "no day to check as of: add a step such as "
                "`Given today is 2026-08-01` (前提 基準日は 2026-08-01)"
            )
        lines = self._lines()
        try:
            register = load_register_data(self.register_data(), name=self.name)
        except GovernanceError as error:
            raise _failure("the facts do not make a valid register", error, lines) from None
        try:
            report = self.session.check(
                register, self.pack_names(), self.policies, self.as_of, self.engine
            )
        except GovernanceError as error:
            raise _failure("the check could not run", error, lines) from None
        self.reports.append(report)
        self._report = report
        return report

    def findings(self) -> list[Finding]:
        """The findings of the last check (checking first if the facts changed since)."""
        report = self._report or self.check()
        if not self.only:
            return list(report.findings)
        return [f for f in report.findings if f.rule in self.only]

    def _lines(self) -> dict[str, int]:
        """Register paths (``interests[2]``) and the lines of the steps that wrote them."""
        lines: dict[str, int] = {}
        for collection, facts in self.facts.items():
            if collection == "conditions":
                continue
            for index, fact in enumerate(facts):
                lines[f"{collection}[{index}]"] = self.origin.get(id(fact), 0)
        return lines


def _failure(message: str, error: GovernanceError, lines: dict[str, int]) -> StepFailure:
    details = []
    for problem in error.problems:
        found = _INDEX.match(problem.path)
        line = lines.get(found.group(0)) if found else None
        where = f"the step on line {line}: " if line else ""
        text = f"{problem.path}: {problem.message}" if problem.path else str(problem)
        details.append(f"  {where}{text}")
    return StepFailure("\n".join([f"{message}:", *details]))
