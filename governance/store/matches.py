"""The store as a `MatchCache`: the frames of partitions, content-addressed, for incremental
checks (`governance.run.reuse`)."""

from __future__ import annotations

import json
from collections.abc import Collection

from sqlalchemy import Connection, Engine, select
from sqlalchemy.dialects import postgresql, sqlite

from governance.run.reuse import Found, ReuseStats
from governance.store import schema
from governance.store.connect import transaction

_BATCH = 500
"""Keys per query (SQLite allows 32,766 bound parameters; smaller batches plan faster)."""


class StoreMatches:
    """Frames kept in the store's ``partition_matches`` table, by partition digest."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self.stats = ReuseStats()

    def get(self, keys: Collection[str]) -> dict[str, Found]:
        """The frames kept under those of `keys` that are known."""
        table = schema.partition_matches
        wanted = sorted(keys)

        def read(connection: Connection) -> dict[str, Found]:
            out: dict[str, Found] = {}
            for start in range(0, len(wanted), _BATCH):
                batch = wanted[start : start + _BATCH]
                rows = connection.execute(
                    select(table.c.key, table.c.frames).where(table.c.key.in_(batch))
                )
                for key, frames in rows:
                    out[key] = {
                        rule: [tuple(frame) for frame in found]
                        for rule, found in json.loads(frames).items()
                    }
            return out

        return transaction(self._engine, read)

    def put(self, found: dict[str, Found]) -> None:
        """Keep the frames of newly evaluated partitions (a key already kept is left as it is:
        the same digest means the same frames)."""
        if not found:
            return
        dialect = postgresql if self._engine.dialect.name == "postgresql" else sqlite
        rows = [
            {"key": key, "frames": json.dumps(frames, separators=(",", ":"))}
            for key, frames in sorted(found.items())
        ]
        statement = dialect.insert(schema.partition_matches).on_conflict_do_nothing()

        def write(connection: Connection) -> None:
            for start in range(0, len(rows), _BATCH):
                connection.execute(statement, rows[start : start + _BATCH])

        transaction(self._engine, write)
