"""Versioned schema migrations: a numbered list of steps and a one-row version table.

The store keeps its own migration table rather than Alembic's: the schema is a handful of
append-only tables that only ever gain tables and indexes, each step must run in the same locked
transaction that reads the version (two processes opening a new store at once must not both
create it), a database newer than this code must be refused before anything touches it, and the
steps ship inside the package with no script folder, ``env.py`` or Mako templates to install.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, Table, func, insert, inspect, select, update

from governance.store import schema


def _tables(*tables: Table) -> Callable[[Connection], None]:
    def create(connection: Connection) -> None:
        for table in tables:
            table.create(connection)

    return create


STEPS: tuple[tuple[str, Callable[[Connection], None]], ...] = (
    ("runs and their findings", _tables(schema.runs, schema.run_findings)),
    ("triage events", _tables(schema.triage)),
    ("partition matches for incremental checks", _tables(schema.partition_matches)),
)
"""Step N (1-based) brings a database from schema version N-1 to N."""
CURRENT = len(STEPS)


@dataclass(frozen=True)
class Migrated:
    """What opening the store did to its schema."""

    old: int
    new: int
    steps: tuple[str, ...]

    def message(self, where: str) -> str:
        """A line for the person who opened the store."""
        if self.old == 0:
            return f"created the audit store {where} (schema version {self.new})"
        done = "; ".join(self.steps)
        return (
            f"migrated the audit store {where} from schema version {self.old} to {self.new} "
            f"({done})"
        )


class TooNew(Exception):
    """The database's schema version is newer than this code knows (carries the version)."""

    def __init__(self, version: int) -> None:
        super().__init__(version)
        self.version = version


def version(connection: Connection) -> int:
    """The schema version the database holds (0 for an empty database)."""
    if not inspect(connection).has_table("schema_version"):
        return 0
    found = connection.execute(select(func.max(schema.schema_version.c.version))).scalar()
    return int(found or 0)


def migrate(connection: Connection, target: int = CURRENT) -> Migrated | None:
    """Bring the database to schema version `target` inside the caller's transaction.

    Returns what was done, or None when nothing was needed.

    Raises:
        TooNew: the database is at a version later than `CURRENT`.
    """
    old = version(connection)
    if old > CURRENT:
        raise TooNew(old)
    if old >= target:
        return None
    if old == 0:
        schema.schema_version.create(connection)
        connection.execute(insert(schema.schema_version).values(version=0))
    done = []
    for number in range(old + 1, target + 1):
        title, step = STEPS[number - 1]
        step(connection)
        done.append(title)
    connection.execute(update(schema.schema_version).values(version=target))
    return Migrated(old, target, tuple(done))
