"""`governance test`: run policy authors' Gherkin scenarios against the packs, with coverage."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

from governance.cli.common import EXIT_OK, EXIT_SCENARIOS, POLICIES_OPTION, engine_option, fail
from governance.errors import GovernanceError

EXAMPLES = """
\b
Examples:
  governance test                                  # every scenario under ./features
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
    """Run the scenarios in FEATURES (.feature files or folders; default: ./features).

    Exit 0 when every scenario passes (and coverage is at least --min-coverage), 4 otherwise.
    """
    from governance.scenarios.coverage import rule_coverage
    from governance.scenarios.junit import junit_xml
    from governance.scenarios.reference import step_reference
    from governance.scenarios.report import coverage_text, run_text
    from governance.scenarios.runner import run_features

    if steps:
        click.echo(step_reference(), nl=False)
        ctx.exit(EXIT_OK)
    if not features and not Path("features").is_dir():
        raise click.UsageError("no FEATURES given and no ./features folder here")
    try:
        result = run_features(
            list(features) or ["features"],
            packs=packs,
            policies=policies,
            engine="durable" if engine == "durable" else "oracle",
        )
    except GovernanceError as error:
        ctx.exit(fail(error))
    click.echo(run_text(result), nl=False)
    if junit:
        Path(junit).write_text(junit_xml(result), encoding="utf-8")
    code = EXIT_OK if result.passed else EXIT_SCENARIOS
    if show_coverage or min_coverage is not None:
        coverage = rule_coverage(result)
        click.echo(coverage_text(coverage), nl=False)
        if min_coverage is not None and coverage.percent < min_coverage:
            click.echo(
                f"rule coverage {coverage.percent:.1f}% is below --min-coverage {min_coverage:g}%"
            )
            code = EXIT_SCENARIOS
    ctx.exit(code)
