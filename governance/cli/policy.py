"""The commands about policy itself: schema, validate, rules, explain."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from governance.cli._day import Day
from governance.cli.common import (
    EXIT_POLICY,
    EXIT_REGISTER,
    POLICIES_OPTION,
    OneLineUsageError,
    default_lang,
    fail,
    packs_or_exit,
)
from governance.errors import GovernanceError, did_you_mean
from governance.findings.models import Finding
from governance.register.models import COLLECTIONS
from governance.register.records import Register

if TYPE_CHECKING:
    from governance.catalog import RuleExplanation


@click.command()
@click.argument(
    "name", type=click.Choice(["register", "finding", "report", "rule", "pack", "rule-test"])
)
def schema(name: str) -> None:
    """Print the JSON Schema called NAME (for editors and platforms)."""
    from governance.api.schemas import schema_text

    click.echo(schema_text(name), nl=False)


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.pass_context
def validate(ctx: click.Context, paths: Sequence[str]) -> None:
    """Lint rules, packs and rule cases in PATHS (default: the built-in ones), all at once."""
    from governance.api.packs import lint

    result = lint(list(paths))
    for problem in result.problems:
        click.echo(str(problem), err=True)
    if result.problems:
        click.echo(f"{result.summary()}.", err=True)
        ctx.exit(EXIT_POLICY)
    click.echo(result.summary())


@click.command()
@click.option("--pack", "packs", multiple=True, metavar="NAME", help="Pack (repeatable).")
@POLICIES_OPTION
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.option("--lang", type=click.Choice(["en", "ja"]), default=None)
@click.pass_context
def rules(
    ctx: click.Context, packs: Sequence[str], policies: str | None, fmt: str, lang: str | None
) -> None:
    """List the adopted rules with severity, deadline and citation."""
    import dataclasses
    import json

    from governance.catalog import rule_rows
    from governance.render.text import pad, width

    rows = rule_rows(packs_or_exit(ctx, packs, policies))
    if fmt == "json":
        data = [dataclasses.asdict(r) for r in rows]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    ja = (lang or default_lang()) == "ja"
    head = ("pack", "rule", "severity", "deadline", "citation", "title")
    cells = [
        (
            r.pack,
            r.rule,
            r.severity + ("" if r.waivable else " (not waivable)"),
            r.deadline or "-",
            r.citation,
            r.title_ja if ja else r.title_en,
        )
        for r in rows
    ]
    widths = [max(width(c[i]) for c in [head, *cells]) for i in range(len(head) - 1)]
    for line in [head, *cells]:
        click.echo("  ".join([*(pad(c, w) for c, w in zip(line, widths, strict=False)), line[-1]]))


@click.command()
@click.argument("target")
@click.option("--pack", "packs", multiple=True, metavar="NAME", help="Pack (repeatable).")
@POLICIES_OPTION
@click.option(
    "--register",
    "registers",
    multiple=True,
    type=click.Path(exists=True),
    help="A register to explain a finding of, or a rule's verdict on --subject.",
)
@click.option(
    "--subject",
    metavar="ID",
    help="With a rule and --register: why it does or does not fire on this subject.",
)
@click.option("--as-of", "as_of", type=Day(), metavar="YYYY-MM-DD")
@click.option("--lang", type=click.Choice(["en", "ja"]), default=None)
@click.pass_context
def explain(
    ctx: click.Context,
    target: str,
    packs: Sequence[str],
    policies: str | None,
    registers: Sequence[str],
    subject: str | None,
    as_of: date | None,
    lang: str | None,
) -> None:
    """Explain TARGET: a rule (what it checks, its judgement, its cases), or with --register a
    finding id (why it fired) or a rule and --subject (why it does or does not fire)."""
    from governance.catalog import explain as explain_rule
    from governance.catalog import why
    from governance.loading import load_register

    if subject and not registers:
        raise OneLineUsageError(
            f"--subject {subject} needs --register: the register to look for it in"
        )
    compiled = packs_or_exit(ctx, packs, policies)
    ja = (lang or default_lang()) == "ja"
    if not registers:
        folders = [Path(policies) / "rules"] if policies else []
        features = [Path(policies) / "features"] if policies else []
        try:
            explained = explain_rule(target, compiled, folders, features)
        except GovernanceError as error:
            ctx.exit(fail(error))
        for item in explained:
            _print_rule(item, ja)
        return
    try:
        register = load_register(*registers)
    except GovernanceError as error:
        ctx.exit(fail(error))
    from governance.api import evaluate, resolve_as_of

    day = resolve_as_of(register, as_of)
    if subject:
        known = _fact_ids(register)
        if subject not in known:
            click.echo(
                f"no fact '{subject}' in the register{did_you_mean(subject, known)}; "
                "--subject takes the id of a fact the rule reports on",
                err=True,
            )
            ctx.exit(EXIT_REGISTER)
        try:
            verdict = why(target, subject, compiled, register, day)
        except GovernanceError as error:
            ctx.exit(fail(error))
        click.echo(
            f"{target} on {subject} as of {day}: {'fires' if verdict.fired else 'does not fire'}"
        )
        for n, reason in enumerate(verdict.reasons):
            prefix = "  " if len(verdict.reasons) == 1 else f"  alternative {n + 1}: "
            click.echo(f"{prefix}{reason}")
        if verdict.fired:
            fired = evaluate(register, compiled, as_of=day, engine="oracle", only=[target])
            for one in fired.findings:
                if one.subject.id == subject:
                    _print_finding(one, ja)
        return

    report = evaluate(register, compiled, as_of=day, engine="oracle")
    finding = next((f for f in report.findings if f.id == target), None)
    if finding is None:
        click.echo(
            f"no finding '{target}' as of {day}; give a finding id from the report, or "
            "a rule id and --subject",
            err=True,
        )
        ctx.exit(EXIT_REGISTER)
    _print_finding(finding, ja)


def _fact_ids(register: Register) -> list[str]:
    """The id of every fact of `register` (the subjects a rule can report on)."""
    ids: list[str] = []
    for collection in COLLECTIONS:
        ids.extend(
            fact_id
            for fact in getattr(register, collection)
            if (fact_id := getattr(fact, "id", None))
        )
    return ids


def _print_rule(item: RuleExplanation, ja: bool) -> None:
    row = item.row
    click.echo(
        f"{row.rule} (version {row.version}) in {row.pack}: {row.title_ja if ja else row.title_en}"
    )
    click.echo(f"  {item.description_ja if ja else item.description_en}")
    click.echo(f"  severity: {row.severity}; waivable: {'yes' if row.waivable else 'no'}")
    click.echo(f"  deadline: {row.deadline or 'none (a violation, not due/overdue)'}")
    click.echo(f"  citation: {row.citation}")
    params = ", ".join(f"{k} = {v}" for k, v in item.params.items()) or "none"
    click.echo(f"  parameters: {params}")
    click.echo(f"  written in: {item.source}")
    for n, conditions in enumerate(item.conditions):
        click.echo("  matches:" if len(item.conditions) == 1 else f"  alternative {n + 1}:")
        for condition in conditions:
            click.echo(f"    {condition}")
    if item.reasons:
        click.echo("  reasons a finding gives:")
        for when, note_en, note_ja in item.reasons:
            click.echo(f"    when {when}: {note_ja if ja else note_en}")
    click.echo(f"  cases ({len(item.cases)}):")
    for case in item.cases:
        click.echo(f"    {case.file}:{case.line} {case.name}")
    click.echo(f"  scenarios ({len(item.scenarios)}):")
    for title, where in item.scenarios:
        click.echo(f"    {where} {title}")


def _print_finding(finding: Finding, ja: bool) -> None:
    click.echo(
        f"{finding.id}: {finding.rule} on {finding.subject.type} {finding.subject.id}, "
        f"{finding.severity}, {finding.state}"
        + (f" (deadline {finding.deadline})" if finding.deadline else "")
    )
    click.echo(f"  {finding.message.ja if ja else finding.message.en}")
    for reason in finding.explanation.because:
        click.echo(f"  {reason.ja if ja else reason.en}")
    click.echo("  because:")
    for condition in finding.explanation.conditions:
        click.echo(f"    {condition}")
    params = ", ".join(f"{k} = {v}" for k, v in finding.explanation.params.items()) or "none"
    click.echo(f"  with: {params}")
    note = finding.explanation.note
    if note is not None:
        click.echo(f"  note: {note.ja if ja else note.en}")
    click.echo("  evidence:")
    for item in finding.evidence:
        fields = ", ".join(f"{k}={v}" for k, v in item.fields.items())
        click.echo(f"    {item.type} {item.id} ({item.source or 'derived'}): {fields}")
    if finding.waiver:
        w = finding.waiver
        click.echo(f"  waived by {w.id}, approved by {w.approved_by} until {w.expires_on}")
    citation = " ".join(p for p in (finding.citation.title, finding.citation.clause) if p)
    click.echo(f"  citation: {citation}")
