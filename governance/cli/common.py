"""What the commands share: exit codes, error printing, language and pack loading."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any

import click

from governance.errors import EngineError, GovernanceError, PolicyError
from governance.language.ir import CompiledPack

EXIT_OK, EXIT_FINDINGS, EXIT_REGISTER, EXIT_POLICY, EXIT_SCENARIOS = 0, 1, 2, 3, 4
EXIT_ENGINE = 70
"""durable-rules failed on a partition twice (EX_SOFTWARE): not the user's input."""
SEVERITIES = ("critical", "high", "medium", "low", "info")


POLICIES_OPTION = click.option(
    "--policies",
    type=click.Path(file_okay=False, exists=True),
    metavar="DIR",
    help="Your own packs (DIR/<pack>/pack.yaml) and rules (DIR/rules/), e.g. "
    "--policies ./my-policies.",
)
"""The ``--policies DIR`` option, alike in every command that loads packs."""


def engine_option(default: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The ``--engine durable|oracle|duckdb`` option with `default`."""
    return click.option(
        "--engine",
        type=click.Choice(["durable", "oracle", "duckdb"]),
        default=default,
        show_default=True,
        help="Evaluator: durable-rules, the pure-Python oracle, or the rules compiled to SQL "
        "on DuckDB, e.g. --engine duckdb.",
    )


class OneLineUsageError(click.UsageError):
    """Bad usage told on one line, like every other error of the command line (exit 2): click's
    own usage errors print the usage, a hint and the error on three."""

    def show(self, file: Any = None) -> None:
        """Print the message alone on stderr."""
        click.echo(self.format_message(), file=file, err=file is None)


def fail(error: GovernanceError) -> int:
    """Print every problem of `error` on stderr; return the exit code its kind calls for."""
    for problem in error.problems:
        click.echo(str(problem), err=True)
    if isinstance(error, EngineError):
        advice = "" if error.failures else "; try --engine oracle"  # the failures give theirs
        click.echo(f"the check did not complete{advice}", err=True)
        return EXIT_ENGINE
    count = len(error.problems)
    noun = "problem" if count == 1 else "problems"
    click.echo(f"{count} {noun}; nothing was checked.", err=True)
    return EXIT_POLICY if isinstance(error, PolicyError) else EXIT_REGISTER


def default_lang() -> str:
    """Japanese when ``LANG`` says so, English otherwise."""
    return "ja" if os.environ.get("LANG", "").lower().startswith("ja") else "en"


def packs_or_exit(
    ctx: click.Context, names: Sequence[str], policies: str | None
) -> list[CompiledPack]:
    """The named packs (default: the packs in `policies`, else every built-in one), or exit 3
    with every problem."""
    from governance.api import load_packs
    from governance.api.packs import default_packs

    try:
        return load_packs(list(names) or default_packs(policies), policies=policies)
    except GovernanceError as error:
        ctx.exit(fail(error))
