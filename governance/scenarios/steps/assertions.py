"""What Then steps check: findings compared with what was expected, one by one.

Every failing check lists the findings it expected and the findings the check gave. Rules are
read against the scenario's packs, so a misspelt rule fails instead of never firing.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from governance.errors import did_you_mean
from governance.findings.models import Finding
from governance.scenarios.failures import StepFailure
from governance.scenarios.steps.model import Args, read
from governance.scenarios.steps.tables import EMPTY, header_key
from governance.scenarios.world import World

Want = dict[str, Any]
"""What one expected finding must be: some of rule, subject, state, severity, deadline."""

THEN_COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "rule": ("rule", ("rule", "ルール", "規則")),
    "subject": ("fact", ("subject", "対象")),
    "state": ("state", ("state", "状態")),
    "severity": ("severity", ("severity", "重大度")),
    "deadline": ("date", ("deadline", "期限")),
}
"""The columns of a findings table: field, kind of value, headers."""


def describe(finding: Finding) -> str:
    """One finding on one line: rule, subject, state, severity and deadline."""
    line = f"{finding.rule} for {finding.subject.id}: {finding.state}, {finding.severity}"
    return line + (f", deadline {finding.deadline}" if finding.deadline else "")


def describe_want(want: Want) -> str:
    """One expected finding on one line, saying only what is expected of it."""
    line = f"{want.get('rule', 'any rule')}"
    if "subject" in want:
        line += f" for {want['subject']}"
    details = [str(want[k]) for k in ("state", "severity") if k in want]
    if "deadline" in want:
        details.append(f"deadline {want['deadline'] or 'none'}")
    return line + (f": {', '.join(details)}" if details else "")


def matches(finding: Finding, want: Want) -> bool:
    """Whether `finding` is what `want` describes."""
    actual = {
        "rule": finding.rule,
        "subject": finding.subject.id,
        "state": finding.state,
        "severity": finding.severity,
        "deadline": finding.deadline,
    }
    return all(actual[k] == v for k, v in want.items())


def _want(world: World, args: Args, *names: str) -> Want:
    return {n: args.get(world, n) for n in names if args.has(n)}


def _fail(message: str, wanted: list[Want], found: list[Finding]) -> StepFailure:
    return StepFailure(
        message,
        expected=[describe_want(w) for w in wanted],
        actual=[describe(f) for f in found],
    )


def expect_finding(world: World, args: Args) -> None:
    """At least one finding is as described."""
    want = _want(world, args, "rule", "subject", "state")
    found = world.findings()
    if not any(matches(f, want) for f in found):
        raise _fail(f"expected {describe_want(want)}", [want], found)


def expect_no_finding(world: World, args: Args) -> None:
    """No finding is as described."""
    want = _want(world, args, "rule", "subject")
    found = world.findings()
    hits = [f for f in found if matches(f, want)]
    if hits:
        raise StepFailure(
            f"expected no finding {describe_want(want)}, got {len(hits)}",
            expected=[f"no {describe_want(want)}"],
            actual=[describe(f) for f in found],
        )


def expect_nothing(world: World, _: Args) -> None:
    """The check found nothing."""
    found = world.findings()
    if found:
        raise _fail(f"expected no findings, got {len(found)}", [], found)


def expect_count(world: World, args: Args) -> None:
    """The check found exactly this many findings."""
    count = args.get(world, "count")
    found = world.findings()
    if len(found) != count:
        raise StepFailure(
            f"expected {count} findings, got {len(found)}",
            expected=[f"{count} findings"],
            actual=[describe(f) for f in found],
        )


def _table_wants(world: World, args: Args) -> list[Want]:
    if not args.table or len(args.table) < 2:
        raise StepFailure("this step needs a table of findings: rule | subject | state")
    header, *rows = args.table
    fields: list[str] = []
    for cell in header:
        key = header_key(cell)
        found = [f for f, (_, names) in THEN_COLUMNS.items() if key in map(header_key, names)]
        if not found:
            names = [n for _, ns in THEN_COLUMNS.values() for n in ns]
            raise StepFailure(
                f"unknown column '{cell}'{did_you_mean(cell, names)}; the columns are: "
                + ", ".join(THEN_COLUMNS)
            )
        fields.append(found[0])
    wants = []
    for row in rows:
        want: Want = {}
        for field, cell in zip(fields, row, strict=True):
            if field == "deadline" and cell.strip() in EMPTY[1:]:
                want["deadline"] = None
            elif cell.strip() not in EMPTY:
                want[field] = read(world, THEN_COLUMNS[field][0], cell, field, cell=True)
        wants.append(want)
    return wants


def _unmatched(wants: list[Want], found: list[Finding]) -> tuple[list[Want], list[Finding]]:
    left = list(found)
    missing = []
    for want in wants:
        hit = next((f for f in left if matches(f, want)), None)
        if hit is None:
            missing.append(want)
        else:
            left.remove(hit)
    return missing, left


def expect_exactly(world: World, args: Args) -> None:
    """The findings are exactly the table's rows (in any order)."""
    wants = _table_wants(world, args)
    found = world.findings()
    missing, extra = _unmatched(wants, found)
    if missing or extra:
        parts = [f"{len(missing)} expected not found"] if missing else []
        parts += [f"{len(extra)} not expected"] if extra else []
        raise _fail("the findings differ: " + ", ".join(parts), wants, found)


def expect_including(world: World, args: Args) -> None:
    """Every row of the table is among the findings (others may be there too)."""
    wants = _table_wants(world, args)
    found = world.findings()
    missing, _ = _unmatched(wants, found)
    if missing:
        raise _fail(f"{len(missing)} expected findings not found", missing, found)


def _one(world: World, args: Args) -> Finding:
    want = _want(world, args, "rule", "subject")
    found = world.findings()
    hits = [f for f in found if matches(f, want)]
    if not hits:
        raise _fail(f"expected {describe_want(want)}", [want], found)
    return hits[0]


def expect_severity(world: World, args: Args) -> None:
    """The finding has this severity."""
    finding = _one(world, args)
    severity = args.get(world, "severity")
    if finding.severity != severity:
        want = _want(world, args, "rule", "subject", "severity")
        raise _fail(f"expected severity {severity}", [want], [finding])


def expect_deadline(world: World, args: Args) -> None:
    """The finding has this deadline (or none)."""
    finding = _one(world, args)
    deadline: date | None = args.get(world, "deadline") if args.has("deadline") else None
    if finding.deadline != deadline:
        want = _want(world, args, "rule", "subject") | {"deadline": deadline}
        raise _fail(f"expected deadline {deadline or 'none'}", [want], [finding])


def expect_message(world: World, args: Args) -> None:
    """The finding's message in the language contains the text."""
    finding = _one(world, args)
    lang = args.get(world, "lang")
    text = args.get(world, "text")
    message = finding.message.ja if lang == "ja" else finding.message.en
    if text not in message:
        raise StepFailure(
            f"expected the {lang} message of {finding.rule} for {finding.subject.id} "
            f"to contain {text!r}",
            expected=[f"… {text} …"],
            actual=[message],
        )


def expect_reason(world: World, args: Args) -> None:
    """One of the reasons the finding gives (its rule's `because:`) contains the text."""
    finding = _one(world, args)
    lang = args.get(world, "lang")
    text = args.get(world, "text")
    reasons = [r.ja if lang == "ja" else r.en for r in finding.explanation.because]
    if not any(text in reason for reason in reasons):
        raise StepFailure(
            f"expected a {lang} reason of {finding.rule} for {finding.subject.id} "
            f"to contain {text!r}",
            expected=[f"… {text} …"],
            actual=reasons or ["(no reason given)"],
        )


def expect_waiver(world: World, args: Args) -> None:
    """The finding is waived by this waiver."""
    finding = _one(world, args)
    waiver = args.get(world, "waiver")
    if finding.state != "waived" or finding.waiver is None or finding.waiver.id != waiver:
        want = _want(world, args, "rule", "subject") | {"state": "waived"}
        by = finding.waiver.id if finding.waiver else "nothing"
        raise _fail(f"expected a waiver by {waiver}, got {by}", [want], [finding])
