"""Rule behaviour as data: run the ``*_test.yaml`` cases that sit beside each rule.

A case file names a rule and the pack whose judgement applies, shared `base` facts, and cases:
each adds facts, may remove some by id, sets `as_of`, and lists the findings of that rule it
expects (subject and state, optionally severity and deadline); ``expect: []`` means the rule must
not fire. Platforms use the same harness for their own packs::

    apiVersion: governance/v1
    kind: RuleTest
    rule: disclosure.missing
    pack: banso-shien
    base: {parties: [...], engagements: [...]}
    cases:
      - name: fires when nothing was disclosed
        as_of: 2026-08-01
        facts: {interests: [...]}
        expect: [{subject: INV-1, state: due, deadline: 2026-07-01}]
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from governance.api import Engine, EngineName, evaluate
from governance.errors import GovernanceError, PolicyError, Problem
from governance.findings.models import Finding
from governance.language.ir import CompiledPack
from governance.language.rule_tests import Case, Expected, RuleTest, case_files, load_cases
from governance.loading import load_register_data
from governance.register.models import COLLECTIONS

__all__ = [
    "Case",
    "CaseResult",
    "Expected",
    "RuleTest",
    "case_files",
    "load_cases",
    "run_case",
    "run_file",
]


@dataclass(frozen=True)
class CaseResult:
    """The outcome of one case: what was expected, what was found, and where the case is."""

    file: str
    line: int
    rule: str
    name: str
    expected: tuple[str, ...]
    actual: tuple[str, ...]

    @property
    def passed(self) -> bool:
        """Whether the rule's findings were exactly the expected ones."""
        return self.expected == self.actual

    @property
    def id(self) -> str:
        """A readable test id: ``rule: case name``."""
        return f"{self.rule}: {self.name}"


def _register(test: RuleTest, case: Case) -> dict[str, Any]:
    data: dict[str, Any] = {"apiVersion": "governance/v1", "kind": "Register"}
    for collection in COLLECTIONS:
        items = [
            item
            for item in copy.deepcopy(test.base.get(collection, []))
            if item.get("id") not in case.without
        ]
        items += copy.deepcopy(case.facts.get(collection, []))
        if items:
            data[collection] = items
    return data


def _describe(finding: Finding | Expected, full: Expected | None = None) -> str:
    if isinstance(finding, Expected):
        parts = [finding.subject, finding.state]
        if finding.severity:
            parts.append(finding.severity)
        if finding.deadline:
            parts.append(f"deadline {finding.deadline.isoformat()}")
        return " ".join(parts)
    parts = [finding.subject.id, finding.state]
    if full is not None and full.severity:
        parts.append(finding.severity)
    if full is not None and full.deadline and finding.deadline:
        parts.append(f"deadline {finding.deadline.isoformat()}")
    return " ".join(parts)


def run_case(
    test: RuleTest, case: Case, pack: CompiledPack, engine: EngineName | Engine = "oracle"
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Evaluate one case; return the expected and the actual findings of the rule, described.

    `engine` names an evaluator, or is a warm `Engine` built with `pack` (faster for many cases).
    """
    try:
        register = load_register_data(_register(test, case), name=f"{test.rule} case")
    except GovernanceError as error:
        return tuple(_describe(e) for e in case.expect), (f"invalid case register: {error}",)
    if isinstance(engine, Engine):
        report = engine.check(register, as_of=case.as_of)
    else:
        report = evaluate(register, [pack], as_of=case.as_of, engine=engine)
    by_subject = {e.subject: e for e in case.expect}
    actual = sorted(
        _describe(f, by_subject.get(f.subject.id)) for f in report.findings if f.rule == test.rule
    )
    return tuple(sorted(_describe(e) for e in case.expect)), tuple(actual)


def run_file(
    path: Path, packs: dict[str, CompiledPack], engine: EngineName | dict[str, Engine] = "oracle"
) -> list[CaseResult]:
    """Run every case of one file against the named packs.

    `engine` names an evaluator, or maps pack ids to warm `Engine`s built with those packs.

    Raises:
        PolicyError: the file is invalid or names a pack that was not given.
    """
    test, lines = load_cases(path)
    pack = packs.get(test.pack)
    if pack is None:
        raise PolicyError([Problem(str(path), message=f"unknown pack '{test.pack}'")])
    results = []
    chosen = engine[test.pack] if isinstance(engine, dict) else engine
    for case, line in zip(test.cases, lines, strict=True):
        expected, actual = run_case(test, case, pack, chosen)
        results.append(CaseResult(str(path), line, test.rule, case.name, expected, actual))
    return results
