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
from typing import Any

import click

from governance import __version__
from governance.errors import GovernanceError, PolicyError

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


SEVERITIES = ("critical", "high", "medium", "low", "info")
BUILTIN_PACKS = ("banso-shien", "companies-act-jp")


def _default_lang() -> str:
    import os

    return "ja" if os.environ.get("LANG", "").lower().startswith("ja") else "en"


@cli.command()
@click.argument("register", nargs=-1, required=True)
@click.option(
    "--pack",
    "packs",
    multiple=True,
    metavar="NAME",
    help="Pack to check against (repeatable). Default: every built-in pack.",
)
@click.option(
    "--policies",
    type=click.Path(file_okay=False, exists=True),
    help="A folder of your own packs (and a rules/ folder beside them).",
)
@click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="The day to check as of. Default: the register's metadata.as_of, else today.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "summary"]),
    default="table",
    show_default=True,
    help="Output format.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE.")
@click.option(
    "--lang",
    type=click.Choice(["en", "ja"]),
    default=None,
    help="Language of messages. Default: from LANG.",
)
@click.option(
    "--fail-on",
    type=click.Choice([*SEVERITIES, "none"]),
    default="high",
    show_default=True,
    help="Exit 1 when a violation or overdue finding is this severe.",
)
@click.option(
    "--engine",
    type=click.Choice(["durable", "oracle"]),
    default="durable",
    show_default=True,
    help="Evaluator: durable-rules or the pure-Python oracle.",
)
@click.pass_context
def check(
    ctx: click.Context,
    register: Sequence[str],
    packs: Sequence[str],
    policies: str | None,
    as_of: Any,
    fmt: str,
    output: str | None,
    lang: str | None,
    fail_on: str,
    engine: str,
) -> None:
    """Check REGISTER (YAML/JSON files or folders; - reads stdin) against policy packs."""
    from datetime import date

    from governance.api import evaluate
    from governance.packs import load_packs
    from governance.register import load_register, load_register_text
    from governance.register.summary import summarize
    from governance.render import RENDERERS

    try:
        if list(register) == ["-"]:
            loaded = load_register_text(sys.stdin.buffer.read(), "<stdin>")
        else:
            loaded = load_register(*register)
        if fmt == "summary":
            _emit("\n".join(summarize(loaded)) + "\n", output)
            ctx.exit(EXIT_OK)
        compiled = load_packs(list(packs) or list(BUILTIN_PACKS), policies=policies)
    except GovernanceError as error:
        ctx.exit(_fail(error))
    day = as_of.date() if as_of else loaded.metadata.as_of or date.today()
    report = evaluate(loaded, compiled, as_of=day, engine=engine)  # type: ignore[arg-type]
    _emit(RENDERERS[fmt](report, lang or _default_lang()), output)
    ctx.exit(_exit_code(report, fail_on))


def _emit(text: str, output: str | None) -> None:
    if output:
        from pathlib import Path

        Path(output).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


def _exit_code(report: Any, fail_on: str) -> int:
    if fail_on == "none":
        return EXIT_OK
    threshold = SEVERITIES.index(fail_on)
    failing = [
        f
        for f in report.findings
        if f.state in ("violation", "overdue") and SEVERITIES.index(f.severity) <= threshold
    ]
    return EXIT_FINDINGS if failing else EXIT_OK


@cli.command()
@click.argument("name", type=click.Choice(["register", "finding", "report", "rule", "pack"]))
def schema(name: str) -> None:
    """Print the JSON Schema called NAME (for editors and platforms)."""
    from governance.schemas import schema_text

    click.echo(schema_text(name), nl=False)


@cli.command()
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


def _packs_or_exit(ctx: click.Context, names: Sequence[str], policies: str | None) -> Any:
    from governance.packs import load_packs

    try:
        return load_packs(list(names) or list(BUILTIN_PACKS), policies=policies)
    except GovernanceError as error:
        ctx.exit(_fail(error))


@cli.command()
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

    rows = rule_rows(_packs_or_exit(ctx, packs, policies))
    if fmt == "json":
        data = [dataclasses.asdict(r) for r in rows]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    ja = (lang or _default_lang()) == "ja"
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


@cli.command()
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

    compiled = _packs_or_exit(ctx, packs, policies)
    folders = [Path(policies) / "rules"] if policies else []
    try:
        explained = explain_rule(rule, compiled, folders)
    except GovernanceError as error:
        ctx.exit(_fail(error))
    ja = (lang or _default_lang()) == "ja"
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
