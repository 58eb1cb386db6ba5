"""The SQL evaluator: compiled rules run as SQL on DuckDB, in this process (the only importer).

Facts are loaded into one table per fact type (`governance.compile.sql.table`), column by column
from NumPy arrays made from the normaliser's rows (`governance.normalise.facts.Facts.columns`, a
C transposition with no Python per fact), and each rule's query (compiled once,
`CompiledRule.sql`) runs with the check's day as the parameter ``$as_of``. The register's own
facts are loaded once per check; each stratum adds only the ``finding`` facts of the strata
before it. DuckDB is a well-kept, in-process columnar engine: joins, anti-joins (``NOT EXISTS``)
and filters over a national register cost it milliseconds, with no server to run.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import duckdb
import numpy as np

from governance.compile.durable_json import Untranslatable
from governance.compile.sql import AS_OF, joinable_sql, rule_sql, table
from governance.errors import EngineError, Problem
from governance.language.facts import FACT_TYPES, Fact
from governance.language.ir import CompiledRule
from governance.normalise.facts import Facts

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


def _column(values: Sequence[Any], kind: str) -> Any:
    try:
        return np.array(values, dtype=_DTYPES[kind])
    except OverflowError:  # an integer beyond 64 bits: DuckDB reads Python integers of any size
        return np.array(values, dtype=object)


def _arrays(fact_type: str, columns: Mapping[str, Sequence[Any]]) -> dict[str, Any]:
    """The columns of one fact type's table, as arrays."""
    arrays = {"k": np.array(columns["k"], dtype=object)}
    for name, kind in FACT_TYPES[fact_type].items():
        arrays[name] = _column(columns[name], kind)
    return arrays


def _finding_columns(findings: Sequence[Fact]) -> dict[str, list[Any]]:
    return {name: [f[name] for f in findings] for name in ("k", *FACT_TYPES["finding"])}


class Tables:
    """The facts of one check as DuckDB tables: the register's own facts loaded once, each
    stratum's ``finding`` facts replacing the previous stratum's."""

    def __init__(self) -> None:
        self._con: duckdb.DuckDBPyConnection | None = None
        self._facts: Facts | None = None

    def load(self, facts: Facts, derived: Sequence[Fact]) -> duckdb.DuckDBPyConnection:
        """The database holding `facts` and the ``finding`` facts `derived`; the register's own
        facts are loaded once per check."""
        if self._facts is not facts or self._con is None:
            self.reset()
            self._con = duckdb.connect(":memory:")
            for fact_type in FACT_TYPES:
                if fact_type != "finding":
                    self._register(fact_type, facts.columns(fact_type))
            self._facts = facts
        self._register("finding", _finding_columns(derived))
        return self._con

    def _register(self, fact_type: str, columns: Mapping[str, Sequence[Any]]) -> None:
        """The facts of one type as a table (replacing a stratum's findings).

        Copied into a DuckDB table rather than scanned from the arrays: a scan of Python arrays
        gives the planner no statistics, and without them it joined ``disclosure`` with
        ``engagement`` on ``filed_to = payer`` alone (2.4 million rows at 10,000 supporters) before
        the interest they share; each query also converted every string column again.
        """
        con = self._con
        assert con is not None
        con.register("incoming", _arrays(fact_type, columns))
        con.execute(f"CREATE OR REPLACE TABLE {table(fact_type)} AS SELECT * FROM incoming")
        con.unregister("incoming")

    def reset(self) -> None:
        """Drop the database."""
        if self._con is not None:
            self._con.close()
        self._con = None
        self._facts = None


def _rows(con: duckdb.DuckDBPyConnection, rule: CompiledRule, query: str, as_of: int) -> list[Any]:
    params = {"as_of": as_of} if AS_OF in query else None  # DuckDB refuses unused ones
    try:
        return con.execute(query, params).fetchall()
    except duckdb.Error as exc:  # e.g. an arithmetic overflow
        message = f"DuckDB could not evaluate rule {rule.id}: {exc}"
        raise EngineError([Problem("<engine>", message=message)]) from None


class SqlEvaluator:
    """Matches rules with SQL on an in-process DuckDB database."""

    name = "duckdb"
    progress: Callable[[int, int], None] | None = None

    def __init__(self) -> None:
        self._tables = Tables()

    def run(
        self, rules: Sequence[CompiledRule], facts: Facts, derived: Sequence[Fact] = ()
    ) -> dict[str, list[Frame]]:
        """Every frame of every rule over `facts` and `derived`, one query per rule."""
        con = self._tables.load(facts, derived)
        found: dict[str, list[Frame]] = {}
        for rule in rules:
            rows = _rows(con, rule, rule.sql or rule_sql(rule), facts.as_of)
            found[rule.key] = [tuple(row) for row in rows]
        if self.progress is not None:
            self.progress(1, 1)
        return found

    def reset(self) -> None:
        """Drop the database kept between the strata of one check."""
        self._tables.reset()

    def close(self) -> None:
        """Nothing runs outside this process; the database is dropped."""
        self.reset()


Joinable = list[frozenset[str]]
"""For each positive pattern of a rule, the keys of the facts that bind it in some join of the
rule's positive patterns; None for a rule the SQL target cannot write."""


class JoinScreen:
    """Which facts can take part in a match of each rule, by the joins of its positive patterns.

    Each rule's query without its ``absent`` patterns (`governance.compile.sql.joinable_sql`)
    runs over every fact of the check: its rows are a superset of the rule's frames, so a fact
    in none of them binds no pattern of any match. durable-rules stays the decider: this only
    tells the screen in front of it (`governance.run._screen`) what it need not send.
    """

    def __init__(self) -> None:
        self._tables = Tables()

    def keys(
        self, rules: Sequence[CompiledRule], facts: Facts, derived: Sequence[Fact]
    ) -> list[Joinable | None]:
        """For each rule, its positive patterns' joinable keys (None: not written in SQL)."""
        con = self._tables.load(facts, derived)
        as_of = facts.as_of
        out: list[Joinable | None] = []
        for rule in rules:
            try:
                query = joinable_sql(rule)
            except Untranslatable:
                out.append(None)
                continue
            rows = _rows(con, rule, query, as_of)
            columns = list(zip(*rows, strict=True)) if rows else [()] * len(rule.positive)
            out.append([frozenset(column) for column in columns])
        return out

    def reset(self) -> None:
        """Drop the database kept between the strata of one check."""
        self._tables.reset()
