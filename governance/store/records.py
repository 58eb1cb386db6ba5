"""What the audit store gives back: runs, triage events, a finding's history, a diff, a
verification. Plain frozen dataclasses; `as_json` gives each as JSON-ready data."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from governance.findings.models import TriageState


@dataclass(frozen=True)
class RunInfo:
    """One recorded check."""

    run: int
    recorded_at: str
    actor: str
    register_name: str
    register_digest: str
    sources: tuple[str, ...]
    packs: tuple[dict[str, str], ...]
    packs_digest: str
    as_of: str
    engine: str
    tool_version: str
    findings: int
    report_digest: str
    row_hash: str


@dataclass(frozen=True)
class TriageEvent:
    """One triage of a finding: appended, never edited."""

    seq: int
    finding_id: str
    state: TriageState
    by: str
    reason: str
    until: str | None
    recorded_at: str


@dataclass(frozen=True)
class Appearance:
    """A run a finding appeared in, with what it said there."""

    run: int
    recorded_at: str
    as_of: str
    state: str
    severity: str
    mark: str
    """`new` (first, or back after a run without it), `unchanged` or `updated` against the run
    before."""


@dataclass(frozen=True)
class History:
    """Every run a finding appeared in, and its triage events."""

    finding_id: str
    rule: str
    pack: str
    subject: str
    appearances: tuple[Appearance, ...]
    triage: tuple[TriageEvent, ...]


@dataclass(frozen=True)
class Change:
    """A finding in a diff: its identity and its state in each run (None where absent)."""

    finding_id: str
    rule: str
    subject: str
    severity: str
    before: str | None
    after: str | None


@dataclass(frozen=True)
class Diff:
    """What changed from run `a` to run `b`."""

    a: int
    b: int
    new: tuple[Change, ...]
    resolved: tuple[Change, ...]
    changed: tuple[Change, ...]
    """In both runs, saying something different (state, severity, deadline, evidence...)."""
    unchanged: int


@dataclass(frozen=True)
class Verification:
    """The result of recomputing the hash chains and every report digest."""

    runs: int
    """How many runs the store holds."""
    triage: int
    """How many triage events it holds."""
    problems: tuple[str, ...] = field(default=())
    """The first row of each chain that does not match, named (empty when all match)."""

    @property
    def ok(self) -> bool:
        """Whether every row matched."""
        return not self.problems


def as_json(record: Any) -> dict[str, Any]:
    """A record as JSON-ready data."""
    data = asdict(record)
    if isinstance(record, Verification):
        data["ok"] = record.ok
    return data
