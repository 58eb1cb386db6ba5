"""The audit store's commands: `runs`, `diff`, `history`, `triage`, `store verify`; and the
``--store`` options they share with `check`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

import click

from governance.cli.common import EXIT_OK, EXIT_REGISTER
from governance.errors import GovernanceError

if TYPE_CHECKING:
    from governance.findings.models import Report
    from governance.language.ir import CompiledPack
    from governance.run.reuse import ReuseStats
    from governance.store import AuditStore

EXIT_UNVERIFIED = 5
"""`governance store verify` found a row that does not match."""
STORE_HELP = (
    "The audit store: a SQLite file path or sqlite:/// URL, or postgresql://user@host/db "
    "(default: $GOVERNANCE_STORE, else ./governance-audit.db)."
)


def store_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--store URL`` for the commands that read or add to a store."""
    return click.option(
        "--store", "store_url", envvar="GOVERNANCE_STORE", metavar="URL", help=STORE_HELP
    )(command)


def format_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--format table|json|markdown``."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["table", "json", "markdown"]),
        default="table",
        show_default=True,
        help="Output format, e.g. --format json.",
    )(command)


def store_error(ctx: click.Context, error: GovernanceError) -> None:
    """Print `error`'s problems and exit 2."""
    for problem in error.problems:
        click.echo(str(problem), err=True)
    ctx.exit(EXIT_REGISTER)


def open_store(
    ctx: click.Context, url: str | None, *, beside: str | None = None, create: bool = False
) -> AuditStore:
    """The store at `url`, its migration (if any) told on stderr; exit 2 when it cannot open."""
    from governance.store import AuditStore

    try:
        store = AuditStore(url, beside=beside, create=create)
    except GovernanceError as error:
        store_error(ctx, error)
    if store.migration:
        click.echo(store.migration, err=True)
    ctx.call_on_close(store.close)
    return store


def run_id(value: str) -> int | str:
    """``last`` or a run number, as the store takes it."""
    if value == "last":
        return value
    if not value.isdigit():
        raise click.BadParameter(f"expected a run number or 'last'; got '{value}'")
    return int(value)


@click.command()
@store_option
@format_option
@click.pass_context
def runs(ctx: click.Context, store_url: str | None, fmt: str) -> None:
    """List the runs recorded in the audit store, oldest first."""
    from governance.store.show import show_runs

    store = open_store(ctx, store_url)
    click.echo(show_runs(store.runs(), fmt), nl=False)
    ctx.exit(EXIT_OK)


@click.command()
@click.argument("run_a")
@click.argument("run_b", default="last")
@store_option
@format_option
@click.pass_context
def diff(ctx: click.Context, run_a: str, run_b: str, store_url: str | None, fmt: str) -> None:
    """What is new, resolved and changed from RUN_A to RUN_B (default: the last run)."""
    from governance.store.show import show_diff

    store = open_store(ctx, store_url)
    try:
        found = store.diff(run_id(run_a), run_id(run_b))  # type: ignore[arg-type]
    except GovernanceError as error:
        store_error(ctx, error)
    click.echo(show_diff(found, fmt), nl=False)
    ctx.exit(EXIT_OK)


@click.command()
@click.argument("finding_id")
@store_option
@format_option
@click.pass_context
def history(ctx: click.Context, finding_id: str, store_url: str | None, fmt: str) -> None:
    """Every run FINDING_ID appeared in, its states, and its triage events."""
    from governance.store.show import show_history

    store = open_store(ctx, store_url)
    try:
        found = store.history(finding_id)
    except GovernanceError as error:
        store_error(ctx, error)
    click.echo(show_history(found, fmt), nl=False)
    ctx.exit(EXIT_OK)


@click.command(
    epilog="""
\b
Examples:
  governance triage 1f0c... --state acknowledged --by P-SATO --reason "asked for the filing"
  governance triage 1f0c... --state accepted_risk --by M-KSN --reason "sole processor" \\
      --until 2027-09-30
"""
)
@click.argument("finding_id")
@click.option(
    "--state",
    required=True,
    type=click.Choice(["acknowledged", "accepted_risk", "false_positive", "remediated"]),
    help="The finding's new triage state.",
)
@click.option("--by", "by", required=True, metavar="PARTY", help="Who decided, e.g. --by P-SATO.")
@click.option("--reason", required=True, metavar="TEXT", help="Why.")
@click.option(
    "--until",
    type=click.DateTime(["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="How long an accepted risk is accepted (required for accepted_risk).",
)
@store_option
@click.pass_context
def triage(
    ctx: click.Context,
    finding_id: str,
    state: str,
    by: str,
    reason: str,
    until: datetime | None,
    store_url: str | None,
) -> None:
    """Record a triage of FINDING_ID: an appended event, shown beside the finding from now on.

    Triage is not a waiver (waivers stay in the register): a non-waivable rule's finding cannot
    be an accepted risk or a false positive.
    """
    store = open_store(ctx, store_url)
    try:
        event = store.triage(
            finding_id, state, by=by, reason=reason, until=until.date() if until else None
        )
    except GovernanceError as error:
        store_error(ctx, error)
    until_text = f" until {event.until}" if event.until else ""
    click.echo(f"triage {event.seq}: {finding_id} is {state}{until_text} (by {by}: {reason})")
    ctx.exit(EXIT_OK)


@click.group("store")
def store_group() -> None:
    """Look after the audit store."""


@store_group.command()
@store_option
@click.pass_context
def verify(ctx: click.Context, store_url: str | None) -> None:
    """Recompute the hash chains of runs and triage and every report's digest; exit 5 at the
    first row that does not match."""
    store = open_store(ctx, store_url)
    result = store.verify()
    for problem in result.problems:
        click.echo(problem, err=True)
    verdict = "verified" if result.ok else "DOES NOT VERIFY"
    runs_, events = result.runs, result.triage
    counted = f"{runs_} run{'s' * (runs_ != 1)}, {events} triage event{'s' * (events != 1)}"
    click.echo(f"{store.where}: {counted}: {verdict}")
    ctx.exit(EXIT_OK if result.ok else EXIT_UNVERIFIED)


def check_store_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """`check`'s ``--store [URL]``, ``--baseline last|RUN`` and ``--actor NAME``."""
    for option in reversed(
        (
            click.option(
                "--store",
                "store_url",
                is_flag=False,
                flag_value="",
                default=None,
                metavar="[URL]",
                help="Record the check in an audit store (after REGISTER; alone: "
                "governance-audit.db beside the register), e.g. --store or "
                "--store postgresql://audit@db/governance.",
            ),
            click.option(
                "--baseline",
                metavar="last|RUN",
                help="Mark each finding new, unchanged or updated against a run of the store "
                "and list the absent ones, e.g. --baseline last.",
            ),
            click.option(
                "--actor",
                metavar="NAME",
                help="Who ran the check, for the record (default: the OS user).",
            ),
            click.option(
                "--full",
                is_flag=True,
                help="With --store: evaluate every partition, reusing no earlier check's "
                "matches (the report is the same either way).",
            ),
        )
    ):
        command = option(command)
    return command


def store_for_check(
    ctx: click.Context, store_url: str | None, baseline: str | None, sources: Sequence[str]
) -> AuditStore | None:
    """The store `check --store` records into (None without --store); exit 2 on a bad
    --baseline or a store that cannot be opened, before anything is checked."""
    if store_url is None:
        if baseline is not None:
            click.echo("--baseline compares with a run of an audit store: add --store", err=True)
            ctx.exit(EXIT_REGISTER)
        return None
    if baseline is not None:
        try:
            run_id(baseline)
        except click.BadParameter as error:
            click.echo(f"--baseline: {error.message}", err=True)
            ctx.exit(EXIT_REGISTER)
    beside = sources[0] if sources and sources[0] != "-" else None
    return open_store(ctx, store_url or None, beside=beside, create=True)


def record_check(
    ctx: click.Context,
    store: AuditStore,
    report: Report,
    *,
    baseline: str | None,
    actor: str | None,
    packs: Sequence[CompiledPack],
    sources: Sequence[str],
    reused: ReuseStats | None,
) -> Report:
    """Compare `report` with the baseline run, record it, and return it with its audit."""
    try:
        against = run_id(baseline) if baseline is not None else None
        audit = store.compare(report, against)  # type: ignore[arg-type]
        run = store.record(report, packs=packs, sources=sources, actor=actor)
    except GovernanceError as error:
        store_error(ctx, error)
    if reused is not None and reused.reused:
        share = 100 * reused.reused / reused.total
        click.echo(
            f"reused the matches of {reused.reused:,} of {reused.total:,} partitions "
            f"({share:.1f}%) from earlier checks",
            err=True,
        )
    click.echo(f"recorded run {run.run} in {store.where}", err=True)
    return report.model_copy(update={"audit": audit.model_copy(update={"run": run.run})})
