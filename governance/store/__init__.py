"""The audit store: run history, finding lifecycle and triage with a trail, in SQL.

A check recorded in the store is a *run*: when, who, the register's digest and sources, the packs
with versions and digests, ``as_of``, the engine, the tool version, every finding and the report's
digest. Runs and triage events are append-only, each row carrying the hash of the row before it,
so `AuditStore.verify` can prove later what the tool said on a given day. SQLite (a file beside
the register, the default) or PostgreSQL (``postgresql://...``), through SQLAlchemy Core.

Nothing in the engine imports this package; only the API's callers and the CLI do::

    with governance.AuditStore("governance-audit.db") as store:
        audit = store.compare(report, baseline="last")   # new / unchanged / updated / absent
        run = store.record(report, packs=packs)
"""

from __future__ import annotations

from governance.store.audit import AuditStore
from governance.store.connect import DEFAULT_FILE, store_url
from governance.store.records import (
    Appearance,
    Change,
    Diff,
    History,
    RunInfo,
    TriageEvent,
    Verification,
)

__all__ = [
    "DEFAULT_FILE",
    "Appearance",
    "AuditStore",
    "Change",
    "Diff",
    "History",
    "RunInfo",
    "TriageEvent",
    "Verification",
    "store_url",
]
