"""The commands about policy itself: schema, validate, rules, explain."""

from __future__ import annotations

from collections.abc import Sequence

import click

from governance.cli.common import EXIT_POLICY, default_lang, fail, packs_or_exit
from governance.errors import GovernanceError


@click.command()
@click.argument("name", type=click.Choice(["register", "finding", "report", "rule", "pack"]))
def schema(name: str) -> None:
    """Print the JSON Schema called NAME (for editors and platforms)."""
    from governance.schemas import schema_text

    click.echo(schema_text(name), nl=False)


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.pass_context
def validate(ctx: click.Context, paths: Sequence[str]) -> None:
    """Lint rules, packs and rule cases in PATHS (default: the built-in ones), all at once."""
    from governance.packs import validate as validate_paths

    problems = validate_paths(list(paths))
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        noun = "problem" if len(problems) == 1 else "problems"
        click.echo(f"{len(problems)} {noun}.", err=True)
        ctx.exit(EXIT_POLICY)


@click.command()
@click.option("--pack", "packs", multiple=True, metavar="NAME", help="Pack (repeatable).")
@click.option("--policies", type=click.Path(file_okay=False, exists=True))
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
    from governance.render.table import pad, width

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
@click.argument("rule")
@click.option("--pack", "packs", multiple=True, metavar="NAME", help="Pack (repeatable).")
@click.option("--policies", type=click.Path(file_okay=False, exists=True))
@click.option("--lang", type=click.Choice(["en", "ja"]), default=None)
@click.pass_context
def explain(
    ctx: click.Context, rule: str, packs: Sequence[str], policies: str | None, lang: str | None
) -> None:
    """Explain RULE: what it checks, its parameters, severity, deadline, citation, cases."""
    from pathlib import Path

    from governance.catalog import explain as explain_rule

    compiled = packs_or_exit(ctx, packs, policies)
    folders = [Path(policies) / "rules"] if policies else []
    try:
        explained = explain_rule(rule, compiled, folders)
    except GovernanceError as error:
        ctx.exit(fail(error))
    ja = (lang or default_lang()) == "ja"
    for item in explained:
        row = item.row
        click.echo(
            f"{row.rule} (version {row.version}) in {row.pack}: "
            f"{row.title_ja if ja else row.title_en}"
        )
        click.echo(f"  {item.description_ja if ja else item.description_en}")
        click.echo(f"  severity: {row.severity}; waivable: {'yes' if row.waivable else 'no'}")
        click.echo(f"  deadline: {row.deadline or 'none (a violation, not due/overdue)'}")
        click.echo(f"  citation: {row.citation}")
        params = ", ".join(f"{k} = {v}" for k, v in item.params.items()) or "none"
        click.echo(f"  parameters: {params}")
        click.echo(f"  written in: {item.source}")
        for n, conditions in enumerate(item.conditions):
            label = "  matches:" if len(item.conditions) == 1 else f"  alternative {n + 1}:"
            click.echo(label)
            for condition in conditions:
                click.echo(f"    {condition}")
        click.echo(f"  cases ({len(item.cases)}):")
        for case in item.cases:
            click.echo(f"    {case.file}:{case.line} {case.name}")
