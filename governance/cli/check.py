"""`governance check`: evaluate registers against packs and report the findings."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from governance.api import Engine
from governance.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    POLICIES_OPTION,
    SEVERITIES,
    default_lang,
    engine_option,
    fail,
    packs_or_exit,
)
from governance.cli.store import check_store_options, record_check, store_for_check
from governance.errors import GovernanceError
from governance.findings.models import Report
from governance.register.models import Register
from governance.render import FORMATS as RENDERED
from governance.render import renderer
from governance.render.table import plain

if TYPE_CHECKING:
    from governance.run.reuse import MatchCache

FORMATS = (*RENDERED, "summary")
PROGRESS_FROM = 2_000
"""Registers with more supporters than this show a progress bar (on a terminal only)."""


@dataclass(frozen=True)
class Output:
    """Where one rendering goes: a format and a file (None for standard output)."""

    fmt: str
    path: Path | None


def parse_outputs(values: Sequence[str], fmt: str) -> list[Output]:
    """``-o FILE`` writes `fmt` to FILE; ``-o FORMAT:FILE`` writes that format (repeatable)."""
    outputs: list[Output] = []
    for value in values:
        head, sep, tail = value.partition(":")
        if sep and head in FORMATS:
            outputs.append(Output(head, Path(tail)))
        else:
            outputs.append(Output(fmt, Path(value)))
    return outputs


def exit_code(report: Report, fail_on: str) -> int:
    """1 when a violation or overdue finding is at least `fail_on` severe, else 0."""
    if fail_on == "none":
        return EXIT_OK
    threshold = SEVERITIES.index(fail_on)
    failing = [
        f
        for f in report.findings
        if f.state in ("violation", "overdue") and SEVERITIES.index(f.severity) <= threshold
    ]
    return EXIT_FINDINGS if failing else EXIT_OK


EXAMPLES = """
\b
Examples:
  governance check examples/register.yaml
  governance check registers/ --pack banso-shien --as-of 2027-03-31 --lang ja
  governance check r.yaml --policies ./my-policies --pack my-pack
  governance check r.yaml -o json:report.json -o sarif:report.sarif --quiet
  governance check r.yaml --waivers waivers.yaml --only disclosure.missing
  cat r.json | governance check - --format json --fail-on critical
  governance check r.yaml --store --baseline last
"""


@click.command(epilog=EXAMPLES)
@click.argument("register", nargs=-1, required=True)
@click.option(
    "--pack",
    "packs",
    multiple=True,
    metavar="NAME",
    help="A pack to check against, e.g. --pack banso-shien (repeatable; default: "
    "the packs in --policies, else every built-in pack).",
)
@POLICIES_OPTION
@click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="The day to check as of, e.g. --as-of 2027-03-31 (default: the register's "
    "metadata.as_of, else today).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="table",
    show_default=True,
    help="Output format, e.g. --format sarif.",
)
@click.option(
    "-o",
    "--output",
    "outputs",
    multiple=True,
    metavar="[FORMAT:]FILE",
    help="Write to FILE instead of standard output; FORMAT:FILE writes that format "
    "there, e.g. -o json:report.json (repeatable).",
)
@click.option(
    "--lang",
    type=click.Choice(["en", "ja"]),
    default=None,
    help="Message language, e.g. --lang ja (default: from LANG).",
)
@click.option(
    "--fail-on",
    type=click.Choice([*SEVERITIES, "none"]),
    default="high",
    show_default=True,
    help="Exit 1 when a violation or overdue finding is this severe or more, e.g. "
    "--fail-on critical; none never fails (due and waived never fail).",
)
@click.option(
    "--waivers",
    type=click.Path(dir_okay=False, exists=True),
    metavar="FILE",
    help="Waivers kept apart from the register (a register document holding "
    "waivers:), e.g. --waivers waivers.yaml.",
)
@click.option(
    "--only",
    "only",
    multiple=True,
    metavar="RULE",
    help="Report only this rule's findings, e.g. --only disclosure.missing (repeatable).",
)
@click.option(
    "--skip",
    "skip",
    multiple=True,
    metavar="RULE",
    help="Leave this rule's findings out, e.g. --skip review.retroactive (repeatable).",
)
@click.option(
    "--quiet", is_flag=True, help="Print nothing on standard output; only files and the exit code."
)
@engine_option("durable")
@check_store_options
@click.pass_context
def check(
    ctx: click.Context,
    register: Sequence[str],
    packs: Sequence[str],
    policies: str | None,
    as_of: datetime | None,
    fmt: str,
    outputs: Sequence[str],
    lang: str | None,
    fail_on: str,
    waivers: str | None,
    only: Sequence[str],
    skip: Sequence[str],
    quiet: bool,
    engine: str,
    store_url: str | None,
    baseline: str | None,
    actor: str | None,
    full: bool,
) -> None:
    """Check REGISTER (YAML/JSON files or folders; - reads stdin) against policy packs."""
    from governance.findings.select import select
    from governance.loading import load_register, load_register_text

    extra = [waivers] if waivers else []
    try:
        if list(register) == ["-"]:
            loaded = load_register_text(sys.stdin.buffer.read(), "<stdin>", also=extra)
        else:
            loaded = load_register(*register, *extra)
    except GovernanceError as error:
        ctx.exit(fail(error))
    store = store_for_check(ctx, store_url, baseline, register)
    reuse = store.matches() if store is not None and not full else None
    targets = parse_outputs(outputs, fmt) or [Output(fmt, None)]
    language = lang or default_lang()
    report: Report | None = None
    if any(t.fmt != "summary" for t in targets):
        compiled = packs_or_exit(ctx, packs, policies)
        day = as_of.date() if as_of else None
        supporters = len({e.supporter for e in loaded.engagements})
        try:
            with Engine(compiled, engine=engine) as warm:  # type: ignore[arg-type]
                watch = sys.stderr.isatty() and supporters > PROGRESS_FROM
                report = _check(warm, loaded, day, only, skip, watch, reuse)
        except GovernanceError as error:  # a usage error, or durable-rules failed twice
            ctx.exit(fail(error))
        if store is not None:
            report = record_check(
                ctx,
                store,
                report,
                baseline=baseline,
                actor=actor,
                packs=compiled,
                sources=register,
                reused=reuse.stats if reuse is not None else None,
            )
        report = select(report, only, skip)  # the absent findings of the rules shown
    rendered: dict[str, str] = {}
    for target in targets:
        text = rendered.get(target.fmt)
        if text is None:
            text = rendered[target.fmt] = _render(target.fmt, report, language, loaded)
        if target.path is not None:
            target.path.write_text(plain(text), encoding="utf-8")
        elif not quiet:  # click drops the colours when stdout is not a terminal
            click.echo(text, nl=False, color=False if os.environ.get("NO_COLOR") else None)
    if report is None:
        ctx.exit(EXIT_OK)
    if not quiet and all(t.path is not None for t in targets):
        from governance.render.text import summary

        click.echo(summary(report, language) + f" (as of {report.as_of})")
    ctx.exit(exit_code(report, fail_on))


def _render(fmt: str, report: Report | None, lang: str, loaded: Register) -> str:
    if fmt == "summary" or report is None:
        from governance.register.summary import summarize

        return "\n".join(summarize(loaded)) + "\n"
    return renderer(fmt)(report, lang)


def _check(
    warm: Engine,
    loaded: Register,
    day: date | None,
    only: Sequence[str],
    skip: Sequence[str],
    watch: bool,
    reuse: MatchCache | None = None,
) -> Report:
    """The check, with a progress bar on stderr when `watch` (partitions done, rate, time left)."""
    if not watch:
        return warm.check(loaded, as_of=day, only=only, skip=skip, reuse=reuse)
    with click.progressbar(
        length=1, label="checking partitions", file=sys.stderr, show_eta=True, show_pos=True
    ) as bar:

        def advance(done: int, total: int) -> None:
            bar.length = total
            bar.update(done - bar.pos)

        return warm.check(loaded, as_of=day, only=only, skip=skip, progress=advance, reuse=reuse)
