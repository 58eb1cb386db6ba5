"""Shared test helpers: the repository's paths and a small valid register to vary."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest

import governance
from governance import Report

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLE = ROOT / "examples" / "register.yaml"


def bench_module(name: str) -> ModuleType:
    """The benchmark script ``bench/<name>.py`` as a module (registered, so its dataclasses
    resolve), loaded once."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


SMALL = """\
apiVersion: governance/v1
kind: Register
metadata: {name: kesennuma-2027, as_of: 2027-03-31}
parties:
  - {id: P-TANAKA, type: person, name: 田中 一郎, roles: [supporter]}
  - {id: O-TPLAN, type: organization, name: 田中プランニング合同会社, legal_form: godo_kaisha}
  - {id: O-FISH, type: organization, name: 気仙沼水産株式会社, legal_form: kabushiki_kaisha,
     has_board: true}
  - {id: M-KSN, type: organization, name: 気仙沼市, legal_form: municipality}
  - {id: P-SATO, type: person, name: 佐藤 花子, roles: [reviewer]}
relations:
  - {from: P-TANAKA, to: O-TPLAN, type: controls, start: 2020-01-01}
engagements:
  - {id: ENG-1, supporter: P-TANAKA, client: O-FISH, funder: M-KSN, scheme: commission,
     public_funds: true, start: 2026-04-01, end: 2029-03-31}
interests:
  - {id: INV-1, type: investment, holder: O-TPLAN, entity: O-FISH, start: 2026-06-01,
     equity_pct: 12.5, amount: 5000000}
  - {id: SEAT-1, type: board_seat, holder: P-TANAKA, entity: O-FISH, start: 2026-07-01,
     role: director, compensated: true}
disclosures:
  - {id: D-1, interests: [INV-1], filed_by: P-TANAKA, filed_to: M-KSN, filed_on: 2026-06-20}
reviews:
  - id: RV-1
    interests: [INV-1, SEAT-1]
    reviewer: P-SATO
    decided_on: 2026-06-25
    decision: approved_with_conditions
    conditions: [{id: C-1, text: 議決権行使の回避, due: 2026-12-31, met_on: null}]
pledges:
  - {id: PL-1, party: P-TANAKA, filed_to: "M-KSN", signed_on: 2026-04-01, covers: [ENG-1]}
"""


@pytest.fixture(scope="module")
def report() -> Report:
    """The example register checked against both built-in packs (oracle), sources relative to
    the repository (``examples/register.yaml:97``), as the renderers' tests read them."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        register = governance.load_register("examples/register.yaml")
    packs = governance.load_packs(["banso-shien", "companies-act-jp"])
    return governance.evaluate(register, packs, as_of=date(2027, 3, 31), engine="oracle")


@pytest.fixture
def small_register(tmp_path: Path) -> Path:
    """A small valid register written to a temporary file."""
    path = tmp_path / "register.yaml"
    path.write_text(SMALL, encoding="utf-8")
    return path


def supporters_register(equity: list[float]) -> dict[str, object]:
    """One supporter per stake: S<n> advises C<n> (funded by the city M) from 2026-04-01 and has
    held `equity[n]`% of C<n> since 2026-05-01, undisclosed."""
    parties: list[dict[str, object]] = [
        {"id": "M", "type": "organization", "name": "市", "legal_form": "municipality"}
    ]
    engagements, interests = [], []
    for n, pct in enumerate(equity):
        parties += [
            {"id": f"S{n}", "type": "person", "name": f"支援者{n}"},
            {"id": f"C{n}", "type": "organization", "name": f"支援先{n}"},
        ]
        engagements.append(
            {
                "id": f"E{n}",
                "supporter": f"S{n}",
                "client": f"C{n}",
                "funder": "M",
                "scheme": "commission",
                "start": "2026-04-01",
            }
        )
        interests.append(
            {
                "id": f"I{n}",
                "type": "investment",
                "holder": f"S{n}",
                "entity": f"C{n}",
                "start": "2026-05-01",
                "equity_pct": pct,
            }
        )
    return {
        "apiVersion": "governance/v1",
        "kind": "Register",
        "parties": parties,
        "engagements": engagements,
        "interests": interests,
    }


def _start_postgres(tmp: Path) -> str | None:
    """A throwaway PostgreSQL server from `.ci/postgres` (None when it cannot start)."""
    import subprocess

    started = subprocess.run(
        ["bash", str(ROOT / ".ci" / "postgres"), "start", str(tmp)],
        capture_output=True,
        text=True,
        check=False,
    )
    return started.stdout.strip() if started.returncode == 0 else None


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The URL of a PostgreSQL server's maintenance database: $GOVERNANCE_TEST_POSTGRES_URL
    (what `make test` starts), else a throwaway cluster started here. Outside CI the tests that
    need it skip when no server can be started; in CI (CI=true) they fail."""
    import os
    import subprocess
    import tempfile

    url = os.environ.get("GOVERNANCE_TEST_POSTGRES_URL")
    if url:
        yield url
        return
    folder = Path(tempfile.mkdtemp(prefix="governance-pg."))
    url = _start_postgres(folder)
    if url is None:
        reason = "no PostgreSQL server could be started (.ci/postgres install, or make test)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI: {reason}")
        pytest.skip(reason)
    try:
        yield url
    finally:
        subprocess.run(["bash", str(ROOT / ".ci" / "postgres"), "stop", str(folder)], check=False)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty audit store's URL: a SQLite file, or a new database on the PostgreSQL server."""
    if request.param == "sqlite":
        yield str(tmp_path / "audit.db")
        return
    import uuid

    from sqlalchemy import create_engine, text

    server = request.getfixturevalue("postgres_server")
    name = f"governance_{uuid.uuid4().hex[:12]}"
    admin = create_engine(
        server.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.replace("/postgres?", f"/{name}?", 1)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()
