"""`governance store verify`: recompute the hash chains, the report digests and each run's
findings from the stored report, and name the first row of each chain that does not match."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from governance.findings.models import Report
from governance.store import schema
from governance.store.chain import GENESIS, content, digest, row_hash
from governance.store.connect import transaction
from governance.store.records import Verification

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine


def _run_problem(connection: Connection, row: dict[str, Any], prev: str) -> str | None:
    seq = row["seq"]
    if row["prev_hash"] != prev:
        return f"run {seq}: its prev_hash is not the hash of the run before it"
    if row_hash(row) != row["row_hash"]:
        return f"run {seq}: the row does not match its hash (stored {row['row_hash']})"
    computed = digest(row["report"].encode())
    if computed != row["report_digest"]:
        return f"run {seq}: the report does not match its digest (recomputed {computed})"
    report = Report.model_validate_json(row["report"])
    expected = {f.id: (f.state, f.severity, content(f)) for f in report.findings}
    found = schema.run_findings
    stored = {
        r.finding_id: (r.state, r.severity, r.content)
        for r in connection.execute(
            select(found.c.finding_id, found.c.state, found.c.severity, found.c.content).where(
                found.c.run_seq == seq
            )
        )
    }
    if stored != expected:
        wrong = sorted(
            i for i in expected.keys() | stored.keys() if expected.get(i) != stored.get(i)
        )
        return f"run {seq}: its findings do not match its report (first: {wrong[0]})"
    return None


def verify(engine: Engine) -> Verification:
    """Check every run and triage row, oldest first (see the module docstring)."""

    def check(connection: Connection) -> Verification:
        problems: list[str] = []
        prev = GENESIS
        seqs = connection.execute(select(schema.runs.c.seq).order_by(schema.runs.c.seq)).scalars()
        for seq in list(seqs):  # one report in memory at a time
            row = dict(
                connection.execute(select(schema.runs).where(schema.runs.c.seq == seq))
                .mappings()
                .one()
            )
            wrong = _run_problem(connection, row, prev)
            if wrong:
                problems.append(wrong)
                break
            prev = row["row_hash"]
        prev = GENESIS
        for found in connection.execute(
            select(schema.triage).order_by(schema.triage.c.seq)
        ).mappings():
            row = dict(found)
            if row["prev_hash"] != prev:
                problems.append(
                    f"triage {row['seq']}: prev_hash is not the hash of the event before it"
                )
                break
            if row_hash(row) != row["row_hash"]:
                problems.append(
                    f"triage {row['seq']}: the row does not match its hash {row['row_hash']}"
                )
                break
            prev = row["row_hash"]
        runs = connection.execute(select(func.count()).select_from(schema.runs)).scalar_one()
        events = connection.execute(select(func.count()).select_from(schema.triage)).scalar_one()
        return Verification(runs=runs, triage=events, problems=tuple(problems))

    return transaction(engine, check)
