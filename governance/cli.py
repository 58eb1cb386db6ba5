"""The `governance` command line: a thin shell over the library.

Each command parses its options, calls one library function, prints the result and returns an
exit code: 0 fine, 1 findings at or above --fail-on, 2 bad usage or register, 3 bad rule or policy,
4 scenario failures. No traceback ever reaches the user: an unexpected error prints one line and
the path of a file holding the full report.
"""

from __future__ import annotations

import sys
import tempfile
import traceback
from collections.abc import Sequence

import click

from governance import __version__
from governance.errors import GovernanceError, PolicyError, RegisterError

EXIT_OK, EXIT_FINDINGS, EXIT_REGISTER, EXIT_POLICY, EXIT_SCENARIOS = 0, 1, 2, 3, 4


def _fail(error: GovernanceError) -> int:
    for problem in error.problems:
        click.echo(str(problem), err=True)
    count = len(error.problems)
    noun = "problem" if count == 1 else "problems"
    click.echo(f"{count} {noun}; nothing was checked.", err=True)
    return EXIT_POLICY if isinstance(error, PolicyError) else EXIT_REGISTER


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="governance")
def cli() -> None:
    """Check a register of supporters' interests against compliance policy packs."""


@cli.command()
@click.argument("register", nargs=-1, required=True)
@click.pass_context
def check(ctx: click.Context, register: Sequence[str]) -> None:
    """Load REGISTER (YAML/JSON files or folders; - reads stdin) and report on it."""
    from governance.register import load_register, load_register_text
    from governance.register.summary import summarize

    try:
        if list(register) == ["-"]:
            loaded = load_register_text(sys.stdin.buffer.read(), "<stdin>")
        else:
            loaded = load_register(*register)
    except RegisterError as error:
        ctx.exit(_fail(error))
    for line in summarize(loaded):
        click.echo(line)


@cli.command()
@click.argument("name", type=click.Choice(["register"]))
def schema(name: str) -> None:
    """Print the JSON Schema called NAME."""
    from governance.schemas import schema_text

    click.echo(schema_text(name), nl=False)


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the `governance` script and `python -m governance`."""
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="governance")
    except Exception as exc:  # the last line of defence: never show a traceback
        with tempfile.NamedTemporaryFile(
            "w", prefix="governance-crash-", suffix=".txt", delete=False, encoding="utf-8"
        ) as report:
            traceback.print_exc(file=report)
        click.echo(
            f"internal error: {type(exc).__name__}: {exc} (full report: {report.name})", err=True
        )
        sys.exit(70)
