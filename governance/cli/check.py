"""`governance check`: evaluate registers against packs and report the findings."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from governance.api import Engine
from governance.cli._day import Day
from governance.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_REGISTER,
    POLICIES_OPTION,
    SEVERITIES,
    OneLineUsageError,
    default_lang,
    engine_option,
    fail,
    packs_or_exit,
)
from governance.cli.store import check_store_options, record_check, store_for_check
from governance.errors import GovernanceError, Problem, UsageError, did_you_mean
from governance.findings.models import Report, Text
from governance.language.ir import CompiledPack
from governance.register.records import Register
from governance.render import BINARY_FORMATS, renderer
from governance.render import FORMATS as RENDERED
from governance.render.table import plain

if TYPE_CHECKING:
    from governance.run.reuse import MatchCache

FORMATS = (*RENDERED, *BINARY_FORMATS, "summary")
PROGRESS_FROM = 2_000
"""Registers with more supporters than this show a progress bar (on a terminal only)."""


@dataclass(frozen=True)
class Output:
    """Where one rendering goes: a format and a file (None for standard output)."""

    fmt: str
    path: Path | None


_FORMAT_LIKE = re.compile(r"[A-Za-z][A-Za-z0-9_-]+")


def parse_outputs(values: Sequence[str], fmt: str) -> list[Output]:
    """``-o FILE`` writes `fmt` to FILE; ``-o FORMAT:FILE`` writes that format (repeatable).

    Raises:
        OneLineUsageError: ``-o NAME:FILE`` names no known format (write ``./NAME:FILE`` for a
            file whose name holds a colon).
    """
    outputs: list[Output] = []
    for value in values:
        head, sep, tail = value.partition(":")
        if sep and head in FORMATS:
            outputs.append(Output(head, Path(tail)))
        elif sep and _FORMAT_LIKE.fullmatch(head):
            raise OneLineUsageError(
                f"-o {value}: unknown format '{head}'{did_you_mean(head, FORMATS)}; "
                f"expected one of {', '.join(FORMATS)} (for a file named so, write ./{value})"
            )
        else:
            outputs.append(Output(fmt, Path(value)))
    return outputs


def _cannot_write(target: Output, reason: str) -> None:
    click.echo(f"cannot write the {target.fmt} report to {target.path}: {reason}", err=True)


def unwritable(target: Output) -> str | None:
    """Why `target`'s file cannot be written, or None: tried before anything is evaluated."""
    path = target.path
    if path is None:
        return None
    try:
        if path.is_dir():
            return "it is a folder"
        if path.exists():
            with path.open("r+b"):  # opened for writing, not truncated
                return None
        with path.open("xb"):
            pass
        path.unlink()
    except FileNotFoundError:
        return f"no such folder '{path.parent}'"
    except OSError as exc:
        return str(exc.strerror or exc).lower()
    return None


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
    type=Day(),
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
    help="Output format, e.g. --format sarif; summary only counts the register's facts: "
    "it checks nothing and always exits 0 (--fail-on applies only to the other formats).",
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
@click.option(
    "--verbose",
    is_flag=True,
    help="Say on standard error how many partitions durable-rules evaluated.",
)
@engine_option("durable")
@check_store_options
@click.pass_context
def check(
    ctx: click.Context,
    register: Sequence[str],
    packs: Sequence[str],
    policies: str | None,
    as_of: date | None,
    fmt: str,
    outputs: Sequence[str],
    lang: str | None,
    fail_on: str,
    waivers: str | None,
    only: Sequence[str],
    skip: Sequence[str],
    quiet: bool,
    verbose: bool,
    engine: str,
    store_url: str | None,
    baseline: str | None,
    actor: str | None,
    full: bool,
) -> None:
    """Check REGISTER (YAML/JSON files or folders; - reads stdin) against policy packs."""
    from governance.findings.select import select
    from governance.loading import load_register, load_register_text

    targets = _writable_targets(ctx, outputs, fmt)
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
    language = lang or default_lang()
    report: Report | None = None
    compiled: list[CompiledPack] = []
    if any(t.fmt != "summary" for t in targets):
        compiled = packs_or_exit(ctx, packs, policies)
        day = as_of
        supporters = len({e.supporter for e in loaded.engagements})
        try:
            with Engine(compiled, engine=engine) as warm:  # type: ignore[arg-type]
                watch = sys.stderr.isatty() and supporters > PROGRESS_FROM
                report = _check(warm, loaded, day, only, skip, watch, reuse)
                if verbose:
                    click.echo(_evaluated(warm), err=True)
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
    if report is not None:
        _write_binary(ctx, targets, report, language, compiled, quiet)
    _write_texts(ctx, targets, report, language, loaded, quiet)
    if report is None:
        ctx.exit(EXIT_OK)
    if not quiet and all(t.path is not None for t in targets):
        from governance.render.text import as_of_note, summary

        click.echo(summary(report, language) + as_of_note(report, language))
    ctx.exit(exit_code(report, fail_on))


def _evaluated(warm: Engine) -> str:
    """What the engine evaluated, for ``--verbose``."""
    if warm.partitions is None:
        return f"{warm.engine}: the whole register in one evaluation per stratum"
    evaluated, built = warm.partitions
    return (
        f"durable-rules evaluated {evaluated:,} of {built:,} partitions over all strata "
        f"({built - evaluated:,} screened out)"
    )


def _writable_targets(ctx: click.Context, outputs: Sequence[str], fmt: str) -> list[Output]:
    """The outputs asked for, each checked writable before anything is evaluated (exit 2)."""
    targets = parse_outputs(outputs, fmt) or [Output(fmt, None)]
    for target in targets:
        reason = unwritable(target)
        if reason is not None:
            _cannot_write(target, reason)
            ctx.exit(EXIT_REGISTER)
        if target.fmt in BINARY_FORMATS and target.path is None and sys.stdout.isatty():
            ctx.exit(fail(_binary_on_terminal(target.fmt)))
    return targets


def _write_texts(
    ctx: click.Context,
    targets: Sequence[Output],
    report: Report | None,
    language: str,
    loaded: Register,
    quiet: bool,
) -> None:
    """Render each text format once and write it to its file or standard output."""
    rendered: dict[str, str] = {}
    for target in targets:
        if target.fmt in BINARY_FORMATS:
            continue
        if target.fmt == "json" and report is not None:
            _write_json(ctx, target, report, quiet)
            continue
        text = rendered.get(target.fmt)
        if text is None:
            text = rendered[target.fmt] = _render(target.fmt, report, language, loaded)
        if target.path is not None:
            try:
                target.path.write_text(plain(text), encoding="utf-8")
            except OSError as exc:  # it could be written a moment ago
                _cannot_write(target, str(exc.strerror or exc).lower())
                ctx.exit(EXIT_REGISTER)
        elif not quiet:  # click drops the colours when stdout is not a terminal
            click.echo(text, nl=False, color=False if os.environ.get("NO_COLOR") else None)


def _write_json(ctx: click.Context, target: Output, report: Report, quiet: bool) -> None:
    """The JSON report written in pieces (`Report.json_chunks`): a national report's text is
    never held whole."""
    if target.path is None:
        if not quiet:
            for chunk in report.json_chunks():
                click.echo(chunk, nl=False)
        return
    try:
        with target.path.open("wb") as out:
            out.writelines(report.json_chunks())
    except OSError as exc:  # it could be written a moment ago
        _cannot_write(target, str(exc.strerror or exc).lower())
        ctx.exit(EXIT_REGISTER)


def _render(fmt: str, report: Report | None, lang: str, loaded: Register) -> str:
    if fmt == "summary" or report is None:
        from governance.register.summary import summarize

        return "\n".join(summarize(loaded)) + "\n"
    return renderer(fmt)(report, lang)


def _binary_on_terminal(fmt: str) -> UsageError:
    message = f"{fmt} is a binary file: write it with -o {fmt}:FILE (or redirect standard output)"
    return UsageError([Problem(file=f"--format {fmt}", message=message)])


def _write_binary(
    ctx: click.Context,
    targets: Sequence[Output],
    report: Report,
    lang: str,
    packs: Sequence[CompiledPack],
    quiet: bool,
) -> None:
    """Write the workbook and the printed PDF of `targets` (each rendered once)."""
    done: dict[str, bytes] = {}
    for target in targets:
        if target.fmt not in BINARY_FORMATS:
            continue
        data = done.get(target.fmt)
        if data is None:
            try:
                data = done[target.fmt] = _render_binary(target.fmt, report, lang, packs)
            except GovernanceError as error:  # no browser to print the PDF with
                ctx.exit(fail(error))
        if target.path is not None:
            target.path.write_bytes(data)
        elif not quiet:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()


def _render_binary(fmt: str, report: Report, lang: str, packs: Sequence[CompiledPack]) -> bytes:
    """The workbook (with the adopted rules of `packs` on its 規則 sheet) or the printed PDF."""
    if fmt == "pdf":
        from governance.render.pdf import render_pdf

        return render_pdf(report, lang)
    from governance.render.xlsx import AdoptedRule, render_xlsx

    rules = [
        AdoptedRule(
            pack=pack.id,
            pack_version=pack.version,
            id=rule.id,
            version=rule.version,
            title=Text(en=rule.title.en, ja=rule.title.ja),
            severity=rule.severity,
            waivable=rule.waivable,
            citation=" ".join(part for part in (rule.citation.title, rule.citation.clause) if part),
        )
        for pack in packs
        for rule in pack.rules
        if not rule.internal
    ]
    return render_xlsx(report, lang, rules)


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
