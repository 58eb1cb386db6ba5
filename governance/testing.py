"""Rule behaviour as data: run the ``*_test.yaml`` cases that sit beside each rule.

A case file names a rule and the pack whose judgement applies, shared `base` facts, and cases:
each adds facts, may remove some by id, sets `as_of`, and lists the findings of that rule it
expects (subject and state, optionally severity, deadline, the ids of the facts its reasons found
(`because`) and reasons it gives, written whole (`says`)); ``expect: []`` means the rule must not
fire. Platforms use the same harness for their own packs::

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

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from governance.api import Engine, EngineName, evaluate, load_packs
from governance.errors import GovernanceError, PolicyError, Problem, did_you_mean
from governance.findings.models import Finding
from governance.language.case_checks import case_problems, case_register
from governance.language.ir import CompiledPack
from governance.language.reading import read_model
from governance.language.rule_tests import Case, Expected, RuleTest, case_files, load_cases
from governance.loading import load_register_data

__all__ = [
    "Case",
    "CaseResult",
    "CasesRun",
    "Expected",
    "RuleTest",
    "case_files",
    "load_cases",
    "run_case",
    "run_case_files",
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
    return case_register(test, test.cases.index(case))[0]


def _describe(finding: Finding | Expected, full: Expected | None = None) -> str:
    if isinstance(finding, Expected):
        parts = [finding.subject, finding.state]
        if finding.severity:
            parts.append(finding.severity)
        if finding.deadline:
            parts.append(f"deadline {finding.deadline.isoformat()}")
        if finding.because is not None:
            parts.append(f"because [{', '.join(sorted(finding.because))}]")
        if finding.says is not None:
            parts.append(f"says [{' | '.join(sorted(finding.says))}]")
        return " ".join(parts)
    parts = [finding.subject.id, finding.state]
    if full is not None and full.severity:
        parts.append(finding.severity)
    if full is not None and full.deadline and finding.deadline:
        parts.append(f"deadline {finding.deadline.isoformat()}")
    reasons = finding.explanation.because
    if full is not None and full.because is not None:
        found = sorted({r.fact for r in reasons if r.fact is not None})
        parts.append(f"because [{', '.join(found)}]")
    if full is not None and full.says is not None:
        # each reason in the language the case wrote it in (Japanese when it wrote neither)
        said = [r.en if r.en in full.says else r.ja for r in reasons]
        parts.append(f"says [{' | '.join(sorted(said))}]")
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


@dataclass(frozen=True)
class CasesRun:
    """Every case of a run of rule-case files, and the files that could not be run."""

    results: tuple[CaseResult, ...]
    problems: tuple[Problem, ...]

    @property
    def passed(self) -> bool:
        """Whether every file could be run and every case passed."""
        return not self.problems and all(r.passed for r in self.results)


def run_case_files(
    paths: Sequence[str | Path],
    *,
    policies: str | Path | None = None,
    engine: EngineName = "oracle",
) -> CasesRun:
    """Run the ``*_test.yaml`` files named by `paths` (files, or folders searched below).

    Each file's pack is found in `policies`, then among the built-in packs. A file whose facts or
    expectations are invalid, or whose pack does not compile, is not run: its problems are
    reported (every one, with ``file:line:col``).
    """
    files = sorted(
        {p for p in map(Path, paths) if p.is_file()}
        | set(case_files([p for p in map(Path, paths) if p.is_dir()]))
    )
    problems: list[Problem] = []
    results: list[CaseResult] = []
    engines: dict[str, Engine] = {}
    try:
        for path in files:
            before = len(problems)
            loaded = read_model(path, RuleTest, problems)
            if loaded is None:
                continue
            problems.extend(case_problems(loaded))
            warm = engines.get(loaded.model.pack)
            if warm is None and len(problems) == before:
                try:
                    pack = load_packs([loaded.model.pack], policies=policies)[0]
                except PolicyError as error:
                    problems.extend(error.problems)
                    continue
                warm = engines[loaded.model.pack] = Engine([pack], engine=engine)
            if warm is None or len(problems) > before:
                continue
            rules = {r.id for p in warm.packs for r in p.rules}
            if loaded.model.rule not in rules:
                where = loaded.doc.locate(("rule",))
                hint = did_you_mean(loaded.model.rule, rules)
                problems.append(
                    Problem.at(
                        where,
                        "rule",
                        f"pack '{loaded.model.pack}' adopts no rule '{loaded.model.rule}'{hint}",
                    )
                )
                continue
            test = loaded.model
            for i, case in enumerate(test.cases):
                line = loaded.doc.locate(("cases", i)).line
                expected, actual = run_case(test, case, warm.packs[0], warm)
                results.append(
                    CaseResult(loaded.doc.file, line, test.rule, case.name, expected, actual)
                )
    finally:
        for warm in engines.values():
            warm.close()
    return CasesRun(tuple(results), tuple(sorted(set(problems))))


_LABELS = {
    "en": ("expected:", "actual:", "(no findings)", "rule case", "rule cases", "passed", "failed"),
    "ja": (
        "期待した指摘:",
        "実際の指摘:",
        "（指摘なし）",
        "ルールケース",
        "ルールケース",
        "成功",
        "失敗",
    ),
}


def cases_text(run: CasesRun, lang: str = "en") -> str:
    """A line per case (a failing one with its expected and actual findings), then a summary."""
    want, got, none, one, many, passed, failed = _LABELS["ja" if lang == "ja" else "en"]
    lines: list[str] = []
    for file in dict.fromkeys(r.file for r in run.results):
        results = [r for r in run.results if r.file == file]
        lines.append(f"{results[0].rule}  # {file}")
        for r in results:
            lines.append(f"  {'✓' if r.passed else '✗'} {r.name}  # line {r.line}")
            if not r.passed:
                lines.append(f"      {want}")
                lines.extend(f"        {e}" for e in r.expected or [none])
                lines.append(f"      {got}")
                lines.extend(f"        {a}" for a in r.actual or [none])
        lines.append("")
    lines.extend(f"✗ {p}" for p in run.problems)
    total = len(run.results)
    bad = sum(not r.passed for r in run.results)
    if lang == "ja":
        text = f"{one} {total}件: {passed} {total - bad}件"
        text += f"、{failed} {bad}件" if bad else ""
        text += f"；問題 {len(run.problems)}件" if run.problems else ""
    else:
        text = f"{total} {one if total == 1 else many}: {total - bad} {passed}"
        text += f", {bad} {failed}" if bad else ""
        count = len(run.problems)
        text += f"; {count} problem{'s' * (count != 1)} with case files" if count else ""
    return "\n".join([*lines, text]) + "\n"
