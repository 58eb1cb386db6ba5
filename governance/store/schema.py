"""The audit store's tables (SQLAlchemy Core) and the schema version each appeared in.

schema_version  one row: the version of the schema the database holds
runs            one row per recorded check, append-only, hash-chained       (version 1)
run_findings    the findings of each run: identity, state, content digest   (version 1)
triage          triage events, append-only, hash-chained                    (version 2)
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, nullable=False),
)

runs = Table(
    "runs",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("recorded_at", String(40), nullable=False),
    Column("actor", Text, nullable=False),
    Column("register_name", Text, nullable=False),
    Column("register_digest", String(80), nullable=False),
    Column("sources", Text, nullable=False),  # JSON list of paths
    Column("packs", Text, nullable=False),  # JSON list of {id, version, digest}
    Column("packs_digest", String(80), nullable=False),
    Column("as_of", String(10), nullable=False),
    Column("engine", String(32), nullable=False),
    Column("tool_version", String(32), nullable=False),
    Column("findings", Integer, nullable=False),
    Column("report", Text, nullable=False),  # the canonical report JSON
    Column("report_digest", String(80), nullable=False),
    Column("prev_hash", String(80), nullable=False),
    Column("row_hash", String(80), nullable=False),
)

run_findings = Table(
    "run_findings",
    metadata,
    Column("run_seq", Integer, ForeignKey("runs.seq"), primary_key=True),
    Column("finding_id", String(64), primary_key=True),
    Column("pack", Text, nullable=False),
    Column("rule", Text, nullable=False),
    Column("subject_type", String(32), nullable=False),
    Column("subject_id", Text, nullable=False),
    Column("severity", String(16), nullable=False),
    Column("state", String(16), nullable=False),
    Column("content", String(80), nullable=False),  # digest of what the finding says
    Column("waivable", Boolean, nullable=False),
    Index("run_findings_by_id", "finding_id", "run_seq"),
)

triage = Table(
    "triage",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("finding_id", String(64), nullable=False),
    Column("state", String(20), nullable=False),
    Column("party", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("until", String(10)),
    Column("recorded_at", String(40), nullable=False),
    Column("prev_hash", String(80), nullable=False),
    Column("row_hash", String(80), nullable=False),
    Index("triage_by_finding", "finding_id", "seq"),
)

partition_matches = Table(
    "partition_matches",
    metadata,
    Column("key", String(64), primary_key=True),  # evaluator, packs, rules, as_of, facts
    Column("frames", Text, nullable=False),  # JSON: rule key -> frames (lists of fact keys)
)
