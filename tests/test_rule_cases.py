"""Every rule's ``*_test.yaml`` cases, one test each, run by the public harness."""

from __future__ import annotations

import pytest

from governance import Engine
from governance.api import load_packs
from governance.testing import CaseResult, case_files, run_file
from tests.conftest import ROOT

FILES = case_files([ROOT / "rules"])
PACKS = {p.id: p for p in load_packs(["banso-shien", "companies-act-jp", "ippan-hojin-jp"])}


def _results() -> list[CaseResult]:
    return [r for path in FILES for r in run_file(path, PACKS)]


def _engine_results() -> list[CaseResult]:
    engines = {pack_id: Engine([pack], workers=0) for pack_id, pack in PACKS.items()}
    try:
        return [r for path in FILES for r in run_file(path, PACKS, engines)]
    finally:
        for engine in engines.values():
            engine.close()


RESULTS = _results()


def test_every_adopted_rule_has_cases() -> None:
    adopted = {r.id for p in PACKS.values() for r in p.rules if not r.internal}
    tested = {r.rule for r in RESULTS}
    assert adopted - tested == set()


@pytest.mark.parametrize("result", RESULTS, ids=lambda r: r.id)
def test_rule_case(result: CaseResult) -> None:
    assert result.actual == result.expected, f"{result.file}:{result.line} {result.name}"


def test_the_engine_agrees_with_the_oracle_on_every_case() -> None:
    by_oracle = {r.id: r.actual for r in RESULTS}
    disagreements = [
        (r.id, r.actual, by_oracle[r.id]) for r in _engine_results() if r.actual != by_oracle[r.id]
    ]
    assert disagreements == []


def test_the_sql_engine_agrees_with_the_oracle_on_every_case() -> None:
    by_oracle = {r.id: r.actual for r in RESULTS}
    engines = {pack_id: Engine([pack], engine="duckdb") for pack_id, pack in PACKS.items()}
    try:
        by_sql = [r for path in FILES for r in run_file(path, PACKS, engines)]
    finally:
        for engine in engines.values():
            engine.close()
    disagreements = [
        (r.id, r.actual, by_oracle[r.id]) for r in by_sql if r.actual != by_oracle[r.id]
    ]
    assert len(by_sql) == len(RESULTS)
    assert disagreements == []
