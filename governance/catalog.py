"""What the packs contain, for people: rule listings, rule explanations, and their test cases."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from governance.errors import PolicyError, Problem, did_you_mean
from governance.language.ir import CompiledPack, CompiledRule, refs
from governance.language.reading import builtin_dir, shown_path
from governance.language.rule_tests import case_files, load_cases
from governance.normalise.facts import normalise
from governance.register.records import Register
from governance.run.evaluate import OracleEvaluator, match_pack
from governance.run.matches import finding_facts
from governance.run.oracle.interpreter import Indexes
from governance.run.oracle.why import trace


@dataclass(frozen=True)
class RuleRow:
    """One adopted rule as `governance rules` lists it."""

    pack: str
    rule: str
    version: int
    severity: str
    deadline: str
    waivable: bool
    citation: str
    title_en: str
    title_ja: str


@dataclass(frozen=True)
class CaseRef:
    """A test case that exercises a rule, and where it is written."""

    name: str
    file: str
    line: int


@dataclass(frozen=True)
class RuleExplanation:
    """Everything `governance explain RULE` says about one adopted rule."""

    row: RuleRow
    description_en: str
    description_ja: str
    params: dict[str, object]
    conditions: list[list[str]]
    source: str
    cases: list[CaseRef] = field(default_factory=list)
    scenarios: list[tuple[str, str]] = field(default_factory=list)
    """The Gherkin scenarios tagged ``@rule:<id>``: (title, ``file:line``)."""
    reasons: list[tuple[str, str, str]] = field(default_factory=list)
    """The reasons a finding may give (`because:`): (when it is given, the note en, ja)."""


def _reasons(alternatives: Sequence[CompiledRule]) -> list[tuple[str, str, str]]:
    """Each reason of the rule once, in the order written."""
    found = {r.index: r for rule in alternatives for r in rule.because}
    out = []
    for index in sorted(found):
        reason = found[index]
        parts = []
        if reason.find is not None:
            where = f" where {reason.find.text}" if reason.find.text else ""
            parts.append(f"a {reason.find.fact_type} {reason.find.binding}{where}")
        if reason.when_text:
            parts.append(reason.when_text)
        if not parts:  # given by every alternative that binds what it names
            named = sorted({r.binding for _, e, _ in reason.say.values for r in refs(e)})
            parts.append("the match binds " + ", ".join(named))
        out.append((" and ".join(parts), reason.say.en, reason.say.ja))
    return out


def _citation(rule: CompiledRule) -> str:
    parts = [rule.citation.title, rule.citation.clause, rule.citation.url]
    return " ".join(p for p in parts if p)


def _row(pack: CompiledPack, rule: CompiledRule) -> RuleRow:
    return RuleRow(
        pack=pack.id,
        rule=rule.id,
        version=rule.version,
        severity=rule.severity,
        deadline=rule.deadline_text,
        waivable=rule.waivable,
        citation=_citation(rule),
        title_en=rule.title.en,
        title_ja=rule.title.ja,
    )


def rule_rows(packs: Sequence[CompiledPack]) -> list[RuleRow]:
    """Every adopted (not internal) rule of `packs`, once per pack, in pack order."""
    rows: list[RuleRow] = []
    for pack in packs:
        seen: set[str] = set()
        for rule in pack.rules:
            if not rule.internal and rule.id not in seen:
                seen.add(rule.id)
                rows.append(_row(pack, rule))
    return rows


def _conditions(rule: CompiledRule) -> list[str]:
    lines = []
    for p in rule.patterns:
        head = f"absent {p.binding}" if p.negated else p.binding
        lines.append(f"{head}: {p.fact_type}" + (f" where {p.text}" if p.text else ""))
    return lines


def cases_for(rule_id: str, folders: Sequence[Path] = ()) -> list[CaseRef]:
    """The rule cases (``*_test.yaml``) naming `rule_id`, with file and line."""
    found: list[CaseRef] = []
    for path in case_files([builtin_dir("rules"), *folders]):
        try:
            test, lines = load_cases(path)
        except PolicyError:
            continue
        if test.rule == rule_id:
            found += [
                CaseRef(c.name, shown_path(path), n) for c, n in zip(test.cases, lines, strict=True)
            ]
    return found


def explain(
    rule_id: str,
    packs: Sequence[CompiledPack],
    folders: Sequence[Path] = (),
    features: Sequence[Path] = (),
) -> list[RuleExplanation]:
    """The explanation of `rule_id` in each of `packs` that adopts it.

    Raises:
        PolicyError: no pack adopts the rule (with "did you mean").
    """
    # the Gherkin machinery is heavy to import; only an explanation needs it
    from governance.scenarios.runner import tagged_scenarios  # noqa: PLC0415

    out: list[RuleExplanation] = []
    for pack in packs:
        alternatives = [r for r in pack.rules if r.id == rule_id and not r.internal]
        if not alternatives:
            continue
        first = alternatives[0]
        out.append(
            RuleExplanation(
                row=_row(pack, first),
                description_en=first.description.en,
                description_ja=first.description.ja,
                params={k: list(v) if isinstance(v, tuple) else v for k, v in first.params},
                conditions=[_conditions(r) for r in alternatives],
                reasons=_reasons(alternatives),
                source=first.source,
                cases=cases_for(rule_id, folders),
                scenarios=tagged_scenarios(
                    [p for p in [builtin_dir("features"), *features] if p.exists()], rule_id
                ),
            )
        )
    if not out:
        raise _not_adopted(rule_id, packs)
    return out


def _not_adopted(rule_id: str, packs: Sequence[CompiledPack]) -> PolicyError:
    known = [r.rule for r in rule_rows(packs)]
    message = f"no pack adopts rule '{rule_id}'{did_you_mean(rule_id, known)}"
    return PolicyError([Problem("<rules>", message=message)])


@dataclass(frozen=True)
class WhyNot:
    """For each alternative of a rule, why it did or did not fire on a subject."""

    rule: str
    subject: str
    reasons: list[str]

    @property
    def fired(self) -> bool:
        """Whether some alternative fires on the subject."""
        return any(r == "it fires" for r in self.reasons)


def why(
    rule_id: str, subject: str, packs: Sequence[CompiledPack], register: Register, as_of: date
) -> WhyNot:
    """Why `rule_id` does or does not fire on `subject`, stepping the oracle through each pattern.

    Rules in later strata see the findings of earlier ones, exactly as in a check.

    Raises:
        PolicyError: no pack adopts the rule.
    """
    pack = next((p for p in packs if any(r.id == rule_id for r in p.rules)), None)
    if pack is None:
        raise _not_adopted(rule_id, packs)
    facts = normalise(register, as_of)
    earlier = [r for r in match_pack(pack, facts, OracleEvaluator()) if r.rule.id != rule_id]
    indexes = Indexes.of(facts.of_type, finding_facts(earlier))
    alternatives = [r for r in pack.rules if r.id == rule_id]
    return WhyNot(
        rule_id, subject, [trace(r, indexes, facts.as_of, subject).reason() for r in alternatives]
    )
