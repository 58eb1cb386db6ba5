"""The store's records for people and machines: runs, a diff and a history as an aligned table,
JSON or Markdown."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from governance.render.text import pad, width
from governance.store.records import Diff, History, RunInfo, as_json

FORMATS = ("table", "json", "markdown")


def _grid(head: Sequence[str], rows: Sequence[Sequence[str]], fmt: str) -> list[str]:
    if fmt == "markdown":
        out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        out += ["| " + " | ".join(c.replace("|", "\\\\|") for c in row) + " |" for row in rows]
        return out
    widths = [max(width(r[i]) for r in [head, *rows]) for i in range(len(head))]
    return [
        "  ".join(pad(c, w) for c, w in zip(row, widths, strict=True)).rstrip()
        for row in [head, *rows]
    ]


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def show_runs(runs: Sequence[RunInfo], fmt: str) -> str:
    """Every run: number, when, who, register, as_of, engine, findings, report digest."""
    if fmt == "json":
        return _json([as_json(r) for r in runs])
    if not runs:
        return "no runs recorded yet\n"
    head = (
        "run",
        "recorded at (UTC)",
        "actor",
        "register",
        "as of",
        "engine",
        "findings",
        "report",
    )
    rows = [
        (
            str(r.run),
            r.recorded_at.replace("+00:00", "Z"),
            r.actor,
            r.register_name,
            r.as_of,
            r.engine,
            str(r.findings),
            r.report_digest[:19],
        )
        for r in runs
    ]
    return "\n".join(_grid(head, rows, fmt)) + "\n"


def show_diff(diff: Diff, fmt: str) -> str:
    """New, resolved and changed findings from run a to run b."""
    if fmt == "json":
        return _json(as_json(diff))
    head = ("", "finding", "rule", "subject", "severity", f"run {diff.a}", f"run {diff.b}")
    rows = [
        (kind, c.finding_id, c.rule, c.subject, c.severity, c.before or "-", c.after or "-")
        for kind, changes in (
            ("new", diff.new),
            ("resolved", diff.resolved),
            ("changed", diff.changed),
        )
        for c in changes
    ]
    tally = (
        f"run {diff.a} → run {diff.b}: {len(diff.new)} new, {len(diff.resolved)} resolved, "
        f"{len(diff.changed)} changed, {diff.unchanged} unchanged"
    )
    if fmt == "markdown":
        lines = [f"**{tally}**"]
        return "\n".join([*lines, "", *_grid(head, rows, fmt)] if rows else lines) + "\n"
    return "\n".join([*_grid(head, rows, fmt), tally] if rows else [tally]) + "\n"


def show_history(history: History, fmt: str) -> str:
    """The runs a finding appeared in, then its triage events."""
    if fmt == "json":
        return _json(as_json(history))
    title = f"{history.finding_id}: {history.rule} on {history.subject} ({history.pack})"
    runs = _grid(
        ("run", "recorded at (UTC)", "as of", "state", "severity", "mark"),
        [
            (str(a.run), a.recorded_at.replace("+00:00", "Z"), a.as_of, a.state, a.severity, a.mark)
            for a in history.appearances
        ],
        fmt,
    )
    events = _grid(
        ("triage", "recorded at (UTC)", "state", "by", "until", "reason"),
        [
            (
                str(t.seq),
                t.recorded_at.replace("+00:00", "Z"),
                t.state,
                t.by,
                t.until or "-",
                t.reason,
            )
            for t in history.triage
        ],
        fmt,
    )
    lines = [f"## {title}" if fmt == "markdown" else title, "", *runs, ""]
    lines += events if history.triage else ["no triage"]
    return "\n".join(lines) + "\n"
