"""The `governance` command line: a thin shell over the library.

Each command parses its options, calls the library, prints the result and returns an exit code:
0 fine, 1 findings at or above --fail-on, 2 bad usage, register or audit store, 3 bad rule or
policy, 4 scenario failures, 5 an audit store that does not verify. No traceback ever reaches
the user: an unexpected error prints one line and the path of a file holding the full report.
The commands live in one module each and are added here, by name.
"""

from __future__ import annotations

import sys
import tempfile
import traceback
from collections.abc import Sequence

import click

from governance._version import __version__
from governance.cli.check import check
from governance.cli.policy import explain, rules, schema, validate
from governance.cli.scenarios import test
from governance.cli.store import diff, history, runs, store_group, triage


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="governance")
def cli() -> None:
    """Check a register of supporters' interests against compliance policy packs."""


for command in (check, validate, rules, explain, schema, test, runs, diff, history, triage):
    cli.add_command(command)
cli.add_command(store_group, "store")


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
