"""Opening the audit store's database: URLs, SQLite pragmas, transactions with retries.

SQLite runs in WAL mode with a busy timeout, and every transaction takes the write lock when it
begins (``BEGIN IMMEDIATE``), so two processes appending at once queue instead of deadlocking;
PostgreSQL transactions take one advisory lock, so the hash chain is appended one run at a time.
A transaction that still meets a lock or a serialisation failure is retried a few times.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.exc import DBAPIError

from governance.errors import Problem, StoreError

T = TypeVar("T")

DEFAULT_FILE = "governance-audit.db"
"""The SQLite file a store defaults to, beside the (first) register."""
BUSY_SECONDS = 30.0
"""How long SQLite waits for another writer before giving up on one attempt."""
ATTEMPTS = 5
LOCK_KEY = 0x60FE_17
"""The PostgreSQL advisory lock every store transaction holds (appends are serialised)."""
_SCHEMES = ("sqlite", "postgresql", "postgres", "postgresql+psycopg")


def problem(url: str, message: str) -> StoreError:
    """A `StoreError` about the store at `url`."""
    return StoreError([Problem(file=url, message=message)])


def store_url(value: str | None, beside: str | Path | None = None) -> str:
    """The SQLAlchemy URL of a store given as `value` (a URL or a file path).

    No value means the SQLite file `DEFAULT_FILE` beside `beside` (a register file or folder; the
    current folder when None). ``postgresql://`` URLs are driven by psycopg 3.

    Raises:
        StoreError: a URL of another kind of database.
    """
    if not value:  # paths stay as given (relative to the current folder), as messages show them
        folder = Path(beside).parent if beside is not None else Path()
        return f"sqlite:///{folder / DEFAULT_FILE}"
    scheme, sep, rest = value.partition("://")
    if not sep:
        return f"sqlite:///{Path(value)}"
    if scheme in ("postgresql", "postgres"):
        return f"postgresql+psycopg://{rest}"
    if scheme in _SCHEMES:
        return value
    raise problem(
        shown(value),
        f"expected a sqlite:/// or postgresql:// URL, or a file path; got a '{scheme}' URL",
    )


def shown(url: str) -> str:
    """`url` without its password, for messages."""
    scheme, sep, rest = url.partition("://")
    userinfo, at, host = rest.rpartition("@")
    if sep and at and ":" in userinfo:
        return f"{scheme}://{userinfo.split(':', 1)[0]}:***@{host}"
    return url


def is_sqlite(url: str) -> bool:
    """Whether `url` names an SQLite database."""
    return url.startswith("sqlite")


def open_engine(url: str) -> Engine:
    """An SQLAlchemy engine on `url`, set up for the store's transactions.

    Raises:
        StoreError: the SQLite file's folder does not exist, or psycopg is not installed.
    """
    if is_sqlite(url):
        path = url.removeprefix("sqlite:///")
        if path and path != ":memory:" and not Path(path).parent.is_dir():
            raise problem(url, f"the folder {Path(path).parent} does not exist")
        engine = create_engine(url, connect_args={"timeout": BUSY_SECONDS})

        @event.listens_for(engine, "connect")
        def _connect(dbapi: Any, _record: Any) -> None:
            dbapi.isolation_level = None  # SQLAlchemy, not the driver, says when to begin
            cursor = dbapi.cursor()
            cursor.execute(f"PRAGMA busy_timeout = {int(BUSY_SECONDS * 1000)}")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _begin(connection: Connection) -> None:
            connection.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    try:
        return create_engine(url, pool_pre_ping=True)
    except ImportError as error:  # psycopg is an extra
        raise problem(
            shown(url),
            f"PostgreSQL needs psycopg 3 ({error}): pip install 'governance[postgresql]'",
        ) from None


def _transient(error: Exception) -> bool:
    text = str(getattr(error, "orig", error)).lower()
    code = getattr(getattr(error, "orig", None), "sqlstate", None)
    return "locked" in text or "busy" in text or code in ("40001", "40P01", "55P03")


def transaction(engine: Engine, work: Callable[[Connection], T]) -> T:
    """Run `work` in one transaction holding the store's write lock; retry transient failures.

    Raises:
        StoreError: the database could not be reached, or stayed locked through every attempt.
    """
    url = shown(engine.url.render_as_string(hide_password=True))
    for attempt in range(ATTEMPTS):
        try:
            with engine.begin() as connection:
                if engine.dialect.name == "postgresql":
                    connection.execute(
                        text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY}
                    )
                return work(connection)
        except DBAPIError as error:
            if attempt + 1 < ATTEMPTS and _transient(error):
                time.sleep(0.05 * 2**attempt)
                continue
            first = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
            raise problem(url, f"the database failed: {first}") from None
    raise AssertionError("unreachable")  # pragma: no cover
