"""Gherkin-style text of a scenario run and of its rule coverage, for the terminal."""

from __future__ import annotations

from itertools import groupby

from governance.scenarios import japanese
from governance.scenarios.coverage import Coverage
from governance.scenarios.japanese import LABELS
from governance.scenarios.runner import RunResult, ScenarioResult

MARKS = {"passed": "✓", "failed": "✗", "undefined": "?", "skipped": "-"}


def scenario_text(scenario: ScenarioResult, lang: str = "en") -> str:
    """A failed scenario step by step, with the failing step's message and findings (in
    Japanese when `lang` is ``ja``)."""
    ja = lang == "ja"
    want, got, none = (
        (LABELS["expected:"], LABELS["actual:"], LABELS["(no findings)"])
        if ja
        else ("expected:", "actual:", "(no findings)")
    )
    lines = [f"{scenario.keyword}: {scenario.name}  # {scenario.where}"]
    for step in scenario.steps:
        lines.append(f"  {MARKS[step.status]} {step.keyword} {step.text}  # line {step.line}")
        if step.status in ("failed", "undefined"):
            text = japanese.message(step.message) if ja else step.message
            lines.extend(f"      {line}" for line in text.splitlines())
            if step.expected or step.actual:
                lines.append(f"      {want}")
                lines.extend(f"        {e}" for e in step.expected or [none])
                lines.append(f"      {got}")
                lines.extend(f"        {a}" for a in step.actual or [none])
    return "\n".join(lines)


def run_text(result: RunResult, lang: str = "en") -> str:
    """Every feature with a line per scenario; failed scenarios in full; then a summary (the
    runner's own words in Japanese when `lang` is ``ja``)."""
    lines: list[str] = []
    for file, group in groupby(result.scenarios, key=lambda s: s.file):
        scenarios = list(group)
        lines.append(f"{scenarios[0].feature}  # {file}")
        for scenario in scenarios:
            if scenario.passed:
                lines.append(f"  ✓ {scenario.keyword}: {scenario.name}  # line {scenario.line}")
            else:
                text = scenario_text(scenario, lang).splitlines()
                lines.append(f"  ✗ {text[0]}")
                lines.extend(f"    {line}" for line in text[1:])
        lines.append("")
    for problem in result.problems:
        lines.append(f"✗ {problem}")
    if lang == "ja":
        lines.append(
            japanese.summary(len(result.scenarios), len(result.failed), len(result.problems))
        )
    else:
        lines.append(summary(result))
    return "\n".join(lines) + "\n"


def summary(result: RunResult) -> str:
    """``52 scenarios: 51 passed, 1 failed`` (and unreadable files)."""
    total = len(result.scenarios)
    failed = len(result.failed)
    text = f"{total} scenario{'s' if total != 1 else ''}: {total - failed} passed"
    if failed:
        text += f", {failed} failed"
    if result.problems:
        count = len(result.problems)
        text += f"; {count} problem{'s' if count != 1 else ''} with feature files"
    return text


def coverage_text(coverage: Coverage) -> str:
    """A table of the rules, where each fires and where it stays quiet, and the percentage."""
    head = ("rule", "fires", "quiet")
    rows = [(r.rule, r.fires or "MISSING", r.quiet or "MISSING") for r in coverage.rules]
    widths = [max(len(row[i]) for row in [head, *rows]) for i in range(2)]
    lines = [f"{a:<{widths[0]}}  {b:<{widths[1]}}  {c}" for a, b, c in [head, *rows]]
    total = 2 * len(coverage.rules)
    lines.append(f"rule coverage: {coverage.percent:.1f}% ({coverage.met} of {total})")
    return "\n".join(lines) + "\n"
