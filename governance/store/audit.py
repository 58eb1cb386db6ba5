"""`AuditStore`: record runs, compare a report with a baseline run, triage, history, diff, verify.

This package (and SQLAlchemy with it) is imported only when a store is used, never by
``import governance`` alone, so a check without a store starts as fast as before.
"""

from __future__ import annotations

import getpass
import json
import os
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast, get_args

from sqlalchemy import Connection, insert, select

from governance.api import load_packs
from governance.errors import PolicyError
from governance.findings.models import Audit, Mark, Report, TriageRecord, TriageState
from governance.store import schema
from governance.store.chain import GENESIS, canonical, content, digest, row_hash
from governance.store.connect import open_engine, problem, shown, store_url, transaction
from governance.store.matches import StoreMatches
from governance.store.migrations import CURRENT, TooNew, migrate
from governance.store.records import (
    Appearance,
    Change,
    Diff,
    History,
    RunInfo,
    TriageEvent,
    Verification,
)
from governance.store.verify import verify

if TYPE_CHECKING:
    from governance.language.ir import CompiledPack

RunId = int | Literal["last"]
TRIAGE_STATES: tuple[str, ...] = get_args(TriageState)
NOT_WAIVABLE = ("accepted_risk", "false_positive")
"""Triage states that set a finding aside, refused for a rule its pack makes non-waivable."""


def _now(at: datetime | None) -> str:
    return (at or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds")


def default_actor() -> str:
    """The OS user running this process (``uid N`` when it has no name)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return f"uid {os.getuid()}"


class AuditStore:
    """An audit store at `url` (SQLite file path or URL, or ``postgresql://...``).

    Opening it creates the tables of a new store and migrates an older one (`migration` then says
    what was done); a store written by a newer version of governance is refused.

    Args:
        url: where the store is; None for ``governance-audit.db`` beside `beside`.
        beside: the register the default store sits beside (the current folder when None).
        create: whether a missing SQLite file is created (False: a `StoreError`).
        create: whether a missing SQLite file is created (False: a `StoreError`).

    Raises:
        StoreError: the URL is of another database, the database cannot be opened, or its
            schema is newer than this version knows.
    """

    def __init__(
        self, url: str | None = None, *, beside: str | Path | None = None, create: bool = True
    ) -> None:
        self.url = store_url(url, beside)
        sqlite = self.url.startswith("sqlite:///")
        self.where = self.url.removeprefix("sqlite:///") if sqlite else shown(self.url)
        if sqlite and not create and not Path(self.where).exists():
            raise problem(
                self.where, "there is no audit store here (`governance check --store` makes one)"
            )
        self._engine = open_engine(self.url)
        try:
            migrated = transaction(self._engine, migrate)
        except TooNew as newer:
            self._engine.dispose()
            raise problem(
                self.where,
                f"the store's schema version {newer.version} is newer than this version of "
                f"governance supports ({CURRENT}); upgrade governance to use this store",
            ) from None
        except BaseException:
            self._engine.dispose()
            raise
        self.migration: str | None = migrated.message(self.where) if migrated else None
        """What opening did to the schema (created, or migrated from an older version)."""

    def __enter__(self) -> AuditStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the store's connections."""
        self._engine.dispose()

    # ---- runs -------------------------------------------------------------------------------

    def record(
        self,
        report: Report,
        *,
        packs: Sequence[CompiledPack] | None = None,
        sources: Iterable[str | Path] = (),
        actor: str | None = None,
        at: datetime | None = None,
    ) -> RunInfo:
        """Append `report` as a run, in one transaction, chained to the run before it.

        Args:
            report: the canonical report (its `audit`, if any, is not recorded).
            packs: the compiled packs it was checked with (they say which rules are waivable);
                None looks the report's packs up among the built-in ones by id and digest.
            sources: the register's files, as given.
            actor: who ran it (default: the OS user).
            at: when (default: now, UTC).
        """

        waivable = _waivable(report, packs, self.where)
        text = report.model_copy(update={"audit": None}).to_json()
        refs = [{"id": p.id, "version": p.version, "digest": p.digest} for p in report.packs]
        row: dict[str, Any] = {
            "recorded_at": _now(at),
            "actor": actor or default_actor(),
            "register_name": report.register_.name,
            "register_digest": report.register_.digest,
            "sources": json.dumps([str(s) for s in sources], ensure_ascii=False),
            "packs": json.dumps(refs, ensure_ascii=False),
            "packs_digest": digest(canonical(refs)),
            "as_of": report.as_of.isoformat(),
            "engine": report.tool.engine,
            "tool_version": report.tool.version,
            "findings": len(report.findings),
            "report": text,
            "report_digest": digest(text.encode()),
        }
        found = [
            {
                "finding_id": f.id,
                "pack": f.pack,
                "rule": f.rule,
                "subject_type": f.subject.type,
                "subject_id": f.subject.id,
                "severity": f.severity,
                "state": f.state,
                "content": content(f),
                "waivable": waivable[f.pack, f.rule],
            }
            for f in report.findings
        ]

        def append(connection: Connection) -> dict[str, Any]:
            seq, prev = _head(connection, schema.runs)
            full = {**row, "seq": seq, "prev_hash": prev}
            full["row_hash"] = row_hash(full)
            connection.execute(insert(schema.runs).values(full))
            if found:
                connection.execute(
                    insert(schema.run_findings), [{**f, "run_seq": seq} for f in found]
                )
            return full

        return _run_info(transaction(self._engine, append))

    def runs(self) -> list[RunInfo]:
        """Every run, oldest first."""

        columns = [c for c in schema.runs.c if c.name != "report"]
        rows = transaction(
            self._engine,
            lambda c: c.execute(select(*columns).order_by(schema.runs.c.seq)).mappings().all(),
        )
        return [_run_info(dict(r)) for r in rows]

    def run(self, run: RunId) -> RunInfo:
        """One run by number, or the last one.

        Raises:
            StoreError: no such run.
        """
        return _run_info(transaction(self._engine, lambda c: self._run_row(c, run)))

    def report(self, run: RunId) -> Report:
        """The report a run recorded, exactly as it was."""
        row = transaction(self._engine, lambda c: self._run_row(c, run))
        return Report.model_validate_json(row["report"])

    def _run_row(self, connection: Connection, run: RunId) -> dict[str, Any]:

        runs = schema.runs
        query = select(runs)
        if run == "last":
            query = query.order_by(runs.c.seq.desc()).limit(1)
        else:
            query = query.where(runs.c.seq == run)
        found = connection.execute(query).mappings().first()
        if found is None:
            what = "the store has no runs yet" if run == "last" else f"no run {run}"
            raise problem(self.where, f"{what} (`governance runs` lists them)")
        return dict(found)

    # ---- comparing with a baseline ----------------------------------------------------------

    def compare(self, report: Report, baseline: RunId | None = "last") -> Audit:
        """Mark `report`'s findings against a baseline run, with each one's latest triage.

        A finding is the same finding in two runs when its id is (pack, rule and subject, not
        where its facts are written); it is `unchanged` when it says the same thing, `updated`
        when not, `new` when the baseline lacks it. The baseline's findings `report` lacks are
        `absent`. With no baseline (None, or ``"last"`` in an empty store) there are no marks.
        """

        def read(connection: Connection) -> tuple[int | None, dict[str, str], str | None]:
            if baseline == "last":
                seq = connection.execute(
                    select(schema.runs.c.seq).order_by(schema.runs.c.seq.desc()).limit(1)
                ).scalar()
            elif baseline is None:
                seq = None
            else:
                seq = self._run_row(connection, baseline)["seq"]
            if seq is None:
                return None, {}, None
            rows = connection.execute(
                select(schema.run_findings.c.finding_id, schema.run_findings.c.content).where(
                    schema.run_findings.c.run_seq == seq
                )
            )
            text = connection.execute(
                select(schema.runs.c.report).where(schema.runs.c.seq == seq)
            ).scalar()
            return seq, {r.finding_id: r.content for r in rows}, text

        seq, before, text = transaction(self._engine, read)
        triage = self.latest_triage(f.id for f in report.findings)
        if seq is None:
            return Audit(triage=triage)
        marks: dict[str, Mark] = {}
        for finding in report.findings:
            was = before.get(finding.id)
            marks[finding.id] = (
                "new" if was is None else "unchanged" if was == content(finding) else "updated"
            )
        present = {f.id for f in report.findings}
        absent = [f for f in Report.model_validate_json(text or "").findings if f.id not in present]
        return Audit(baseline=seq, marks=marks, absent=absent, triage=triage)

    # ---- triage -----------------------------------------------------------------------------

    def triage(
        self,
        finding_id: str,
        state: str,
        *,
        by: str,
        reason: str,
        until: date | None = None,
        at: datetime | None = None,
    ) -> TriageEvent:
        """Append a triage event for a finding the store has recorded.

        Triage is not a waiver (waivers stay in the register): ``accepted_risk`` needs a reason
        and `until`, and neither it nor ``false_positive`` is allowed for a rule its pack made
        non-waivable.

        Raises:
            StoreError: an unknown finding or state, or a triage the rule does not allow.
        """

        if state not in TRIAGE_STATES:
            raise problem(
                self.where,
                f"triage state: expected one of {', '.join(TRIAGE_STATES)}; got '{state}'",
            )
        wrong = []
        if not by.strip():
            wrong.append("--by: say who triaged it")
        if not reason.strip():
            wrong.append("--reason: say why")
        if state == "accepted_risk" and until is None:
            wrong.append("--until: an accepted risk needs the day it is accepted until")
        if wrong:
            raise problem(self.where, f"triage {finding_id} as {state}: " + "; ".join(wrong))
        findings = schema.run_findings

        def append(connection: Connection) -> dict[str, Any]:
            last = connection.execute(
                select(findings.c.rule, findings.c.waivable)
                .where(findings.c.finding_id == finding_id)
                .order_by(findings.c.run_seq.desc())
                .limit(1)
            ).first()
            if last is None:
                raise problem(
                    self.where,
                    f"no recorded run has finding {finding_id} (`governance check --store` "
                    "records one; the finding ids are in its JSON and SARIF)",
                )
            if state in NOT_WAIVABLE and not last.waivable:
                raise problem(
                    self.where,
                    f"finding {finding_id}: rule {last.rule} is not waivable, so it cannot be "
                    f"triaged as {state} (acknowledged or remediated can)",
                )
            seq, prev = _head(connection, schema.triage)
            row = {
                "seq": seq,
                "finding_id": finding_id,
                "state": state,
                "party": by,
                "reason": reason,
                "until": until.isoformat() if until else None,
                "recorded_at": _now(at),
                "prev_hash": prev,
            }
            row["row_hash"] = row_hash(row)
            connection.execute(insert(schema.triage).values(row))
            return row

        return _event(transaction(self._engine, append))

    def latest_triage(self, finding_ids: Iterable[str]) -> dict[str, TriageRecord]:
        """The latest triage of each of `finding_ids` that has one."""
        wanted = set(finding_ids)
        latest: dict[str, TriageRecord] = {}
        for event in self._triage_events():
            if event.finding_id in wanted:
                latest[event.finding_id] = TriageRecord(
                    state=event.state,
                    by=event.by,
                    reason=event.reason,
                    until=date.fromisoformat(event.until) if event.until else None,
                    at=event.recorded_at,
                )
        return dict(sorted(latest.items()))

    def _triage_events(self, finding_id: str | None = None) -> list[TriageEvent]:

        query = select(schema.triage).order_by(schema.triage.c.seq)
        if finding_id is not None:
            query = query.where(schema.triage.c.finding_id == finding_id)
        rows = transaction(self._engine, lambda c: c.execute(query).mappings().all())
        return [_event(dict(r)) for r in rows]

    # ---- history and diff -------------------------------------------------------------------

    def history(self, finding_id: str) -> History:
        """Every run `finding_id` appeared in (with its state and mark), and its triage events.

        Raises:
            StoreError: no run has the finding.
        """

        runs, found = schema.runs, schema.run_findings
        query = (
            select(
                runs.c.seq,
                runs.c.recorded_at,
                runs.c.as_of,
                found.c.state,
                found.c.severity,
                found.c.content,
                found.c.rule,
                found.c.pack,
                found.c.subject_type,
                found.c.subject_id,
            )
            .join(found, found.c.run_seq == runs.c.seq)
            .where(found.c.finding_id == finding_id)
            .order_by(runs.c.seq)
        )
        rows = transaction(self._engine, lambda c: c.execute(query).all())
        if not rows:
            raise problem(self.where, f"no recorded run has finding {finding_id}")
        appearances = []
        previous: tuple[int, str] | None = None
        for r in rows:
            if previous is None or previous[0] != r.seq - 1:
                mark = "new"  # first seen, or back after a run without it
            else:
                mark = "unchanged" if previous[1] == r.content else "updated"
            appearances.append(Appearance(r.seq, r.recorded_at, r.as_of, r.state, r.severity, mark))
            previous = (r.seq, r.content)
        last = rows[-1]
        return History(
            finding_id=finding_id,
            rule=last.rule,
            pack=last.pack,
            subject=f"{last.subject_type} {last.subject_id}",
            appearances=tuple(appearances),
            triage=tuple(self._triage_events(finding_id)),
        )

    def diff(self, a: RunId, b: RunId) -> Diff:
        """What is new, resolved and changed from run `a` to run `b`.

        Raises:
            StoreError: either run does not exist.
        """

        found = schema.run_findings

        def read(connection: Connection) -> tuple[int, int, Sequence[Any], Sequence[Any]]:
            seqs = [self._run_row(connection, r)["seq"] for r in (a, b)]
            rows = [
                connection.execute(
                    select(found).where(found.c.run_seq == seq).order_by(found.c.finding_id)
                ).all()
                for seq in seqs
            ]
            return seqs[0], seqs[1], rows[0], rows[1]

        seq_a, seq_b, rows_a, rows_b = transaction(self._engine, read)
        before = {r.finding_id: r for r in rows_a}
        after = {r.finding_id: r for r in rows_b}

        def change(old: Any, new: Any) -> Change:
            row = new if new is not None else old
            return Change(
                finding_id=row.finding_id,
                rule=row.rule,
                subject=row.subject_id,
                severity=row.severity,
                before=old.state if old is not None else None,
                after=new.state if new is not None else None,
            )

        def order(changes: Iterable[Change]) -> tuple[Change, ...]:
            return tuple(sorted(changes, key=lambda c: (c.rule, c.subject, c.finding_id)))

        both = [i for i in after if i in before]
        return Diff(
            a=seq_a,
            b=seq_b,
            new=order(change(None, after[i]) for i in after if i not in before),
            resolved=order(change(before[i], None) for i in before if i not in after),
            changed=order(
                change(before[i], after[i]) for i in both if before[i].content != after[i].content
            ),
            unchanged=sum(1 for i in both if before[i].content == after[i].content),
        )

    # ---- incremental checks ---------------------------------------------------------------

    def matches(self) -> StoreMatches:
        """The store as a match cache for `Engine.check(..., reuse=...)`: partitions whose
        facts, packs and `as_of` an earlier check saw reuse its matches (`.stats` says how
        many)."""
        return StoreMatches(self._engine)

    # ---- verification -----------------------------------------------------------------------

    def verify(self) -> Verification:
        """Recompute both hash chains, every report digest and every run's findings; name the
        first row of each chain that does not match."""
        return verify(self._engine)


def _head(connection: Connection, table: Any) -> tuple[int, str]:
    """The next sequence number of a chained table and the hash of its last row."""

    last = connection.execute(
        select(table.c.seq, table.c.row_hash).order_by(table.c.seq.desc()).limit(1)
    ).first()
    return (last.seq + 1, last.row_hash) if last else (1, GENESIS)


def _run_info(row: dict[str, Any]) -> RunInfo:
    return RunInfo(
        run=row["seq"],
        recorded_at=row["recorded_at"],
        actor=row["actor"],
        register_name=row["register_name"],
        register_digest=row["register_digest"],
        sources=tuple(json.loads(row["sources"])),
        packs=tuple(json.loads(row["packs"])),
        packs_digest=row["packs_digest"],
        as_of=row["as_of"],
        engine=row["engine"],
        tool_version=row["tool_version"],
        findings=row["findings"],
        report_digest=row["report_digest"],
        row_hash=row["row_hash"],
    )


def _event(row: dict[str, Any]) -> TriageEvent:
    return TriageEvent(
        seq=row["seq"],
        finding_id=row["finding_id"],
        state=cast(TriageState, row["state"]),
        by=row["party"],
        reason=row["reason"],
        until=row["until"],
        recorded_at=row["recorded_at"],
    )


def _waivable(
    report: Report, packs: Sequence[CompiledPack] | None, where: str
) -> dict[tuple[str, str], bool]:
    """Whether each rule of the report's packs may be waived (triaged as an accepted risk)."""
    if packs is None:
        try:
            packs = load_packs([p.id for p in report.packs])
        except PolicyError:
            packs = []
        digests = {p.id: p.digest for p in packs}
        unknown = [p.id for p in report.packs if digests.get(p.id) != p.digest]
        if unknown:
            raise problem(
                where,
                f"pack {', '.join(unknown)} is not a built-in pack as it is now: "
                "pass the compiled packs to record(report, packs=...)",
            )
    table = {(p.id, r.id): r.waivable for p in packs for r in p.rules}
    missing = sorted({f"{f.pack}/{f.rule}" for f in report.findings} - {"/".join(k) for k in table})
    if missing:
        raise problem(where, f"the packs given do not have the rules {', '.join(missing)}")
    return table
