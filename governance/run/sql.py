"""The SQL evaluator: compiled rules run as SQL on DuckDB, in this process (the only importer).

Facts are loaded into one table per fact type (`governance.compile.sql.table`), column by column
from NumPy arrays, and each rule's query (compiled once, `CompiledRule.sql`) runs with the
check's day as the parameter ``$as_of``. The register's own facts are loaded once per check;
each stratum adds only the ``finding`` facts of the strata before it. DuckDB is a well-kept,
in-process columnar engine: joins, anti-joins (``NOT EXISTS``) and filters over a national
register cost it milliseconds, with no server to run.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

import duckdb
import numpy as np

from governance.compile.sql import AS_OF, rule_sql, table
from governance.errors import EngineError, Problem
from governance.language.facts import FACT_TYPES, Fact
from governance.language.ir import CompiledRule

Frame = tuple[str, ...]

_DTYPES: dict[str, Any] = {
    "id": object,
    "text": object,
    "date": np.int64,
    "days": np.int64,
    "money": np.int64,
    "count": np.int64,
    "percent": np.float64,
    "number": np.float64,
    "bool": np.bool_,
}


def _column(values: list[Any], kind: str) -> Any:
    try:
        return np.array(values, dtype=_DTYPES[kind])
    except OverflowError:  # an integer beyond 64 bits: DuckDB reads Python integers of any size
        return np.array(values, dtype=object)


def _arrays(fact_type: str, facts: Sequence[Fact]) -> dict[str, Any]:
    """The columns of one fact type's table."""
    fields = FACT_TYPES[fact_type]
    arrays = {"k": np.array([f["k"] for f in facts], dtype=object)}
    for name, kind in fields.items():
        arrays[name] = _column([f[name] for f in facts], kind)
    return arrays


class SqlEvaluator:
    """Matches rules with SQL on an in-process DuckDB database."""

    name = "duckdb"
    progress: Callable[[int, int], None] | None = None

    def __init__(self) -> None:
        self._con: duckdb.DuckDBPyConnection | None = None
        self._base: list[Fact] | None = None

    def run(
        self, rules: Sequence[CompiledRule], facts: list[Fact], as_of: int
    ) -> dict[str, list[Frame]]:
        """Every frame of every rule over `facts`, one query per rule."""
        con = self._load(facts)
        found: dict[str, list[Frame]] = {}
        for rule in rules:
            query = rule.sql or rule_sql(rule)
            params = {"as_of": as_of} if AS_OF in query else None  # DuckDB refuses unused ones
            try:
                rows = con.execute(query, params).fetchall()
            except duckdb.Error as exc:  # e.g. an arithmetic overflow
                message = f"DuckDB could not evaluate rule {rule.id}: {exc}"
                raise EngineError([Problem("<engine>", message=message)]) from None
            found[rule.key] = [tuple(row) for row in rows]
        if self.progress is not None:
            self.progress(1, 1)
        return found

    def _load(self, facts: list[Fact]) -> duckdb.DuckDBPyConnection:
        """The database holding `facts`; the register's own facts are loaded once per check."""
        base = [f for f in facts if f["t"] != "finding"]
        derived = [f for f in facts if f["t"] == "finding"]
        kept = self._base
        same = (
            kept is not None
            and self._con is not None
            and len(kept) == len(base)
            and all(a is b for a, b in zip(kept, base, strict=True))
        )
        if not same:
            self.reset()
            self._con = duckdb.connect(":memory:")
            by_type: dict[str, list[Fact]] = defaultdict(list)
            for fact in base:
                by_type[fact["t"]].append(fact)
            for fact_type in FACT_TYPES:
                if fact_type != "finding":
                    self._register(fact_type, by_type.get(fact_type, []))
            self._base = base
        self._register("finding", derived)
        assert self._con is not None
        return self._con

    def _register(self, fact_type: str, facts: Sequence[Fact]) -> None:
        assert self._con is not None
        self._con.register(table(fact_type), _arrays(fact_type, facts))  # replaces a stratum's

    def reset(self) -> None:
        """Drop the database kept between the strata of one check."""
        if self._con is not None:
            self._con.close()
        self._con = None
        self._base = None

    def close(self) -> None:
        """Nothing runs outside this process; the database is dropped."""
        self.reset()
