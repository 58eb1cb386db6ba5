"""The finding and report records (output contract): every renderer works from these.

`governance schema finding` and `governance schema report` print their JSON Schemas. The same
register, packs and `as_of` give byte-identical `Report.to_json()`.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializationInfo,
    SerializerFunctionWrapHandler,
    model_serializer,
)

Severity = Literal["critical", "high", "medium", "low", "info"]
State = Literal["violation", "due", "overdue", "waived"]
SEVERITY_ORDER: tuple[Severity, ...] = ("critical", "high", "medium", "low", "info")
STATES: tuple[State, ...] = ("violation", "overdue", "due", "waived")


class Record(BaseModel):
    """Base of the output records: frozen, and strict about their own fields."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class Text(Record):
    """A text in English and Japanese."""

    en: str
    ja: str


class Subject(Record):
    """What a finding is about."""

    type: str
    id: str


class Evidence(Record):
    """One fact a finding rests on: id, type, the fields the rule read, where it is written."""

    id: str
    type: str
    fields: dict[str, str | int | float | bool | None]
    source: str | None


class Reason(Record):
    """A reason the finding gives (its rule's `because:`), and the fact it found, if any."""

    en: str
    ja: str
    fact: str | None = None
    """The id of the fact the reason found (it is among the evidence); None when it found none."""


class Explanation(Record):
    """Why the rule fired: its conditions as written and the parameter values the pack bound.

    `note` is what the pack adds to every finding of the rule (a consequence the statute
    attaches, such as 会社法 423条3項); `because` the reasons the rule gives for this finding
    (an approval that does not count, and why). Each is left out of the JSON when empty.
    """

    conditions: list[str]
    params: dict[str, str | int | float | bool | list[str]]
    deadline: str | None = None
    note: Text | None = None
    because: list[Reason] = []

    @model_serializer(mode="wrap")
    def _without_empty_note(
        self, handler: SerializerFunctionWrapHandler, info: SerializationInfo
    ) -> dict[str, object]:
        data: dict[str, object] = handler(self)
        if self.note is None:
            data.pop("note", None)
        if not self.because:
            data.pop("because", None)
        return data


class CitationRecord(Record):
    """Where the judgement comes from."""

    title: str
    clause: str = ""
    url: str = ""


class WaiverRecord(Record):
    """The waiver that sets a finding aside."""

    id: str
    approved_by: str
    approved_on: date
    expires_on: date
    reason: str


class Finding(Record):
    """One result of one rule for one subject."""

    id: str
    rule: str
    rule_version: int
    pack: str
    pack_version: str
    severity: Severity
    state: State
    subject: Subject
    parties: list[str]
    title: Text
    message: Text
    deadline: date | None
    evidence: list[Evidence]
    explanation: Explanation
    citation: CitationRecord
    waiver: WaiverRecord | None = None


class PackRef(Record):
    """A pack that was run, with its digest."""

    id: str
    version: str
    digest: str


class RegisterRef(Record):
    """The register that was checked."""

    name: str
    digest: str


class Counts(Record):
    """How many findings, by severity and by state."""

    total: int
    by_severity: dict[str, int]
    by_state: dict[str, int]


class Tool(Record):
    """The tool that produced the report."""

    name: str
    version: str
    engine: str


Mark = Literal["new", "unchanged", "updated"]
TriageState = Literal["acknowledged", "accepted_risk", "false_positive", "remediated"]


class TriageRecord(Record):
    """The latest triage of a finding in the audit store (an appended event, never edited)."""

    state: TriageState
    by: str
    reason: str
    until: date | None = None
    at: str
    """When it was recorded (UTC, ISO 8601)."""


class Audit(Record):
    """What the audit store adds to a check: the run it was recorded as, the marks against a
    baseline run (`new`, `unchanged`, `updated`; the baseline's findings now gone are `absent`),
    and the latest triage of each finding. Not part of the report's digest."""

    run: int | None = None
    baseline: int | None = None
    marks: dict[str, Mark] = {}
    absent: list[Finding] = []
    triage: dict[str, TriageRecord] = {}


class Report(Record):
    """The result of one check: findings plus what is needed to reproduce it."""

    as_of: date
    tool: Tool
    packs: list[PackRef]
    register_: RegisterRef = Field(alias="register")
    counts: Counts
    findings: list[Finding]
    names: dict[str, str] = {}
    """The names of the parties the findings mention (their ids are in `parties`)."""
    audit: Audit | None = None
    """Set by a check with an audit store (`--store`); absent from the JSON otherwise."""

    def to_json(self) -> str:
        """The canonical JSON text: stable key order, UTF-8, two-space indent, final newline."""
        left_out = {"audit"} if self.audit is None else None
        return self.model_dump_json(indent=2, by_alias=True, exclude=left_out) + "\n"

    def json_chunks(self, batch: int = 512) -> Iterator[bytes]:
        """`to_json()` as UTF-8 bytes, in pieces of about `batch` findings each.

        Byte-identical to ``to_json().encode()``, but a national report (hundreds of megabytes)
        is written without holding its whole text, twice over, as a Python string: each finding
        is serialised alone and indented to its depth, which is what the whole report's
        serialisation writes (a JSON string holds no raw newline, so every newline is layout).
        """
        left_out = {"audit"} if self.audit is None else None
        if not self.findings:
            yield self.to_json().encode("utf-8")
            return
        empty = self.model_copy(update={"findings": []})
        head = empty.__pydantic_serializer__.to_json(
            empty, indent=2, by_alias=True, exclude=left_out
        )
        before, after = head.split(_NO_FINDINGS)  # once: the only list at this depth named so
        serialise = Finding.__pydantic_serializer__.to_json
        pieces = [before, b'\n  "findings": [\n']
        for n, finding in enumerate(self.findings):
            if n:
                pieces.append(b",\n")
                if n % batch == 0:
                    yield b"".join(pieces)
                    pieces = []
            text = serialise(finding, indent=2, by_alias=True)
            pieces.append(b"    " + text.replace(b"\n", b"\n    "))
        pieces.append(b"\n  ],\n" + after + b"\n")
        yield b"".join(pieces)


_NO_FINDINGS = b'\n  "findings": [],\n'
