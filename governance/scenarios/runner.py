"""Running feature files without pytest: what ``governance test`` does.

Feature files are parsed by pytest-bdd's own parser (on top of ``gherkin-official``), so
backgrounds, rules, Scenario Outlines and ``# language: ja`` behave exactly as under pytest;
each step is done by the same step library. The result says, per scenario, which steps passed,
the failing step with the findings it expected and the ones the check gave, and which rules
fired, from which `governance.scenarios.coverage` computes rule coverage::

    from governance.scenarios.runner import run_features

    result = run_features(["features"], packs=["banso-shien"])
    for scenario in result.scenarios:
        print(scenario.passed, scenario.name, scenario.where)
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pytest_bdd.exceptions import GherkinParseError
from pytest_bdd.gherkin_parser import Scenario as GherkinScenario
from pytest_bdd.gherkin_parser import get_gherkin_document
from pytest_bdd.parser import Feature, FeatureParser, Scenario, ScenarioTemplate

from governance.api import EngineName
from governance.documents.locations import split_inside
from governance.errors import Problem
from governance.language.reading import shown_path
from governance.scenarios.execution import run_step
from governance.scenarios.failures import StepFailure
from governance.scenarios.session import Session
from governance.scenarios.world import World

Status = Literal["passed", "failed", "undefined", "skipped"]


@dataclass(frozen=True)
class StepResult:
    """One step as it ran: keyword, text, line, status and, when it failed, why."""

    keyword: str
    text: str
    line: int
    status: Status
    message: str = ""
    expected: tuple[str, ...] = ()
    actual: tuple[str, ...] = ()


@dataclass(frozen=True)
class ScenarioResult:
    """One scenario (one row of an outline's examples) as it ran."""

    file: str
    line: int
    feature: str
    keyword: str
    name: str
    tags: tuple[str, ...]
    steps: tuple[StepResult, ...]
    fired: tuple[str, ...]
    checked: bool
    seconds: float

    @property
    def passed(self) -> bool:
        """Whether every step passed."""
        return all(s.status == "passed" for s in self.steps)

    @property
    def failure(self) -> StepResult | None:
        """The step that failed, if one did."""
        return next((s for s in self.steps if s.status in ("failed", "undefined")), None)

    @property
    def where(self) -> str:
        """``file:line`` of the scenario."""
        return f"{self.file}:{self.line}"

    @property
    def rules(self) -> tuple[str, ...]:
        """The rules the scenario is tagged with (``@rule:<id>``)."""
        return tuple(t.removeprefix("rule:") for t in self.tags if t.startswith("rule:"))


@dataclass(frozen=True)
class RunResult:
    """Every scenario of a run, the feature files that could not be read, the adopted rules."""

    scenarios: tuple[ScenarioResult, ...]
    problems: tuple[Problem, ...]
    rules: tuple[str, ...]
    packs: tuple[str, ...]

    @property
    def passed(self) -> bool:
        """Whether every file was read, there was a scenario, and every scenario passed."""
        return not self.problems and bool(self.scenarios) and all(s.passed for s in self.scenarios)

    @property
    def failed(self) -> tuple[ScenarioResult, ...]:
        """The scenarios that failed."""
        return tuple(s for s in self.scenarios if not s.passed)


def feature_files(paths: Sequence[str | Path]) -> tuple[list[Path], list[Problem]]:
    """The ``.feature`` files named by `paths` (folders searched below), and missing paths."""
    found: list[Path] = []
    problems: list[Problem] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            inside, outside = split_inside(
                path, [p for p in path.rglob("*.feature") if p.is_file()]
            )
            found.extend(sorted(inside))
            problems.extend(
                Problem(str(p), message=f"links outside the folder {path}; not read")
                for p in outside
            )
        elif path.is_file():
            found.append(path)
        else:
            problems.append(Problem(str(path), message="no such file or folder"))
    if not found and not problems:
        shown = ", ".join(str(p) for p in paths)
        problems.append(Problem(shown, message="no .feature files found"))
    return found, problems


def parse_feature(path: Path) -> Feature:
    """The feature in `path`, parsed as pytest-bdd parses it.

    Raises:
        GherkinParseError: when the file is not valid Gherkin.
    """
    return FeatureParser(str(path.parent), path.name).parse()


def duplicate_names(path: Path) -> list[Problem]:
    """Scenarios sharing a name in one file (pytest-bdd would silently run only the last)."""
    feature = get_gherkin_document(str(path)).feature
    scenarios: list[GherkinScenario] = []
    for child in feature.children:
        if child.scenario:
            scenarios.append(child.scenario)
        for grandchild in child.rule.children if child.rule else []:
            if grandchild.scenario:
                scenarios.append(grandchild.scenario)
    counts = Counter(s.name for s in scenarios)
    return [
        Problem(
            shown_path(path),
            s.location.line,
            s.location.column,
            "",
            f"scenario name "
            f"'{s.name}' is used more than once in this file; give each scenario its own",
        )
        for s in scenarios
        if counts[s.name] > 1
    ]


def expand(template: ScenarioTemplate) -> Iterator[tuple[Scenario, tuple[str, ...]]]:
    """The scenarios of a template: itself, or one per row of its examples, with their tags."""
    base = tuple(sorted(template.tags | template.feature.tags | _rule_tags(template)))
    if not template.examples:
        yield template.render({}), base
        return
    for examples in template.examples:
        for context in examples.as_contexts():
            scenario = template.render(context)
            if scenario.name == template.name:
                scenario.name = f"{scenario.name} ({', '.join(context.values())})"
            yield scenario, tuple(sorted(set(base) | examples.tags))


def _rule_tags(template: ScenarioTemplate) -> set[str]:
    return template.rule.tags if template.rule is not None else set()


def run_scenario(
    session: Session, scenario: Scenario, tags: tuple[str, ...], path: Path, keyword: str
) -> ScenarioResult:
    """Run one scenario's steps in a fresh world; steps after a failure are skipped."""
    started = time.perf_counter()
    world = World(session, path.parent, scenario.name)
    results: list[StepResult] = []
    failed = False
    for step in scenario.steps:
        if failed:
            results.append(StepResult(step.keyword, step.name, step.line_number, "skipped"))
            continue
        table = step.datatable.raw() if step.datatable else None
        try:
            run_step(world, step.name, line=step.line_number, table=table, docstring=step.docstring)
        except StepFailure as failure:
            failed = True
            status: Status = "undefined" if failure.status == "undefined" else "failed"
            results.append(
                StepResult(
                    step.keyword,
                    step.name,
                    step.line_number,
                    status,
                    failure.message,
                    failure.expected,
                    failure.actual,
                )
            )
            continue
        except Exception as error:  # a scenario's crash is its failure, not the run's
            failed = True
            message = f"{type(error).__name__}: {error}"
            results.append(StepResult(step.keyword, step.name, step.line_number, "failed", message))
            continue
        results.append(StepResult(step.keyword, step.name, step.line_number, "passed"))
    fired = sorted({f.rule for report in world.reports for f in report.findings})
    return ScenarioResult(
        file=shown_path(path),
        line=scenario.line_number,
        feature=scenario.feature.name,
        keyword=keyword,
        name=scenario.name,
        tags=tags,
        steps=tuple(results),
        fired=tuple(fired),
        checked=bool(world.reports),
        seconds=time.perf_counter() - started,
    )


def run_features(
    paths: Sequence[str | Path],
    *,
    packs: Sequence[str] = (),
    policies: str | Path | None = None,
    engine: EngineName = "oracle",
) -> RunResult:
    """Run every scenario of the feature files in `paths` (files or folders).

    Scenarios that name no pack check against `packs` (default: every pack in `policies`, else
    every built-in pack).

    Raises:
        PolicyError: when the default packs cannot be compiled (every problem at once).
    """
    files, problems = feature_files(paths)
    scenarios: list[ScenarioResult] = []
    with Session(packs, policies, engine) as session:
        compiled = session.compiled(session.packs, session.policies)
        rules = sorted({r.id for p in compiled for r in p.rules if not r.internal})
        for path in files:
            try:
                feature = parse_feature(path)
                problems.extend(duplicate_names(path))
            except GherkinParseError as error:
                problems.append(Problem(shown_path(path), error.line, 1, "", error.message))
                continue
            for template in feature.scenarios.values():
                for scenario, tags in expand(template):
                    scenarios.append(run_scenario(session, scenario, tags, path, template.keyword))
    if not scenarios and not problems:
        shown = ", ".join(str(p) for p in paths)
        problems.append(Problem(shown, message="no scenarios found"))
    return RunResult(tuple(scenarios), tuple(problems), tuple(rules), session.packs)


def tagged_scenarios(paths: Sequence[str | Path], rule: str) -> list[tuple[str, str]]:
    """The scenarios tagged ``@rule:<rule>`` in `paths`: (title, ``file:line``), unrun.

    Files that cannot be read are skipped (``governance test`` reports them).
    """
    files, _ = feature_files(paths)
    found: list[tuple[str, str]] = []
    for path in files:
        try:
            feature = parse_feature(path)
        except GherkinParseError:
            continue
        for template in feature.scenarios.values():
            tags = template.tags | feature.tags | _rule_tags(template)
            if f"rule:{rule}" in tags:
                found.append((template.name, f"{shown_path(path)}:{template.line_number}"))
    return found
