"""`governance test`: run policy authors' Gherkin scenarios against the packs, with coverage."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, cast

import click

from governance.cli.common import (
    EXIT_OK,
    EXIT_SCENARIOS,
    POLICIES_OPTION,
    default_lang,
    engine_option,
    fail,
)
from governance.errors import GovernanceError

if TYPE_CHECKING:
    from governance.api import EngineName

EXAMPLES = """
\b
Examples:
  governance test                                  # every scenario under ./features
  governance test my-policies                      # its scenarios and rule cases
  governance test features/banso-shien --coverage
  governance test my-features --policies ./my-policies --pack my-pack
  governance test --junit scenarios.xml --min-coverage 100
  governance test --steps > steps.md                # the step reference
"""


@click.command(epilog=EXAMPLES)
@click.argument("features", nargs=-1, type=click.Path(exists=True))
@POLICIES_OPTION
@click.option(
    "--pack",
    "packs",
    multiple=True,
    metavar="NAME",
    help="The pack of scenarios that name none, e.g. --pack banso-shien (repeatable; "
    "default: every pack in --policies, else every built-in pack).",
)
@click.option(
    "--junit", type=click.Path(dir_okay=False), metavar="FILE", help="Also write JUnit XML."
)
@click.option(
    "--coverage",
    "show_coverage",
    is_flag=True,
    help="Show, per adopted rule, a scenario where it fires and one where it does not.",
)
@click.option(
    "--min-coverage",
    type=click.FloatRange(0, 100),
    metavar="PERCENT",
    help="Fail (exit 4) when rule coverage is below PERCENT, e.g. --min-coverage 100.",
)
@click.option("--steps", is_flag=True, help="Print the step reference (Markdown) and exit.")
@engine_option("oracle")
@click.pass_context
def test(
    ctx: click.Context,
    features: Sequence[str],
    policies: str | None,
    packs: Sequence[str],
    junit: str | None,
    show_coverage: bool,
    min_coverage: float | None,
    steps: bool,
    engine: str,
) -> None:
    """Run the scenarios and rule cases in PATHS (.feature files, *_test.yaml files, or folders
    holding either; default: ./features, else the --policies folder).

    A folder holding packs (DIR/<pack>/pack.yaml) is used as --policies when none is given.
    Exit 0 when every scenario and case passes (and coverage is at least --min-coverage), 4
    otherwise.
    """
    from governance.scenarios.coverage import rule_coverage
    from governance.scenarios.junit import junit_xml
    from governance.scenarios.reference import step_reference
    from governance.scenarios.report import coverage_text, run_text
    from governance.scenarios.runner import run_features
    from governance.testing import cases_text, run_case_files

    if steps:
        click.echo(step_reference(), nl=False)
        ctx.exit(EXIT_OK)
    targets = [Path(f) for f in features]
    if not targets and Path("features").is_dir():
        targets = [Path("features")]
    if not targets and policies:
        targets = [Path(policies)]
    if not targets:
        raise click.UsageError("no FEATURES given and no ./features folder here")
    if policies is None:
        holding = [t for t in targets if t.is_dir() and any(t.glob("*/pack.y*ml"))]
        policies = str(holding[0]) if len(holding) == 1 else None
    scenario_paths = [t for t in targets if _holds(t, "*.feature")]
    case_paths = [t for t in targets if _holds(t, "*_test.yaml")]
    if not scenario_paths and not case_paths:
        shown = ", ".join(map(str, targets))
        click.echo(f"{shown}: no scenarios (.feature) or rule cases (*_test.yaml) found", err=True)
        ctx.exit(EXIT_SCENARIOS)
    lang = default_lang()
    chosen = cast("EngineName", engine)  # one of the --engine choices
    code = EXIT_OK
    if case_paths:
        cases = run_case_files(case_paths, policies=policies, engine=chosen)
        click.echo(cases_text(cases, lang), nl=False)
        code = code if cases.passed else EXIT_SCENARIOS
    if not scenario_paths:
        ctx.exit(code)
    try:
        result = run_features(scenario_paths, packs=packs, policies=policies, engine=chosen)
    except GovernanceError as error:
        ctx.exit(fail(error))
    click.echo(run_text(result, lang), nl=False)
    if junit:
        Path(junit).write_text(junit_xml(result), encoding="utf-8")
    code = code if result.passed else EXIT_SCENARIOS
    if show_coverage or min_coverage is not None:
        coverage = rule_coverage(result)
        click.echo(coverage_text(coverage), nl=False)
        if min_coverage is not None and coverage.percent < min_coverage:
            click.echo(
                f"rule coverage {coverage.percent:.1f}% is below --min-coverage {min_coverage:g}%"
            )
            code = EXIT_SCENARIOS
    ctx.exit(code)


def _holds(path: Path, pattern: str) -> bool:
    """Whether `path` is a file named like `pattern` or a folder holding one below it."""
    if path.is_file():
        return path.match(pattern)
    return any(p.is_file() for p in path.rglob(pattern))
