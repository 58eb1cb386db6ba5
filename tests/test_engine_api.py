"""The library's Engine: warm, independent instances, and safe from several threads."""

from __future__ import annotations

import threading
from datetime import date

from governance import Engine, evaluate, load_packs, load_register
from tests.conftest import EXAMPLE

AS_OF = date(2027, 3, 31)


def test_two_engines_with_different_packs_do_not_interfere() -> None:
    register = load_register(EXAMPLE)
    banso, companies = load_packs(["banso-shien", "companies-act-jp"])
    with Engine([banso]) as first, Engine([companies]) as second:
        a = first.check(register, as_of=AS_OF)
        b = second.check(register, as_of=AS_OF)
        a_again = first.check(register, as_of=AS_OF)
    assert {f.pack for f in a.findings} == {"banso-shien"}
    assert {f.pack for f in b.findings} == {"companies-act-jp"}
    assert a.to_json() == a_again.to_json()
    assert a.counts.total + b.counts.total == 36


def test_an_engine_checks_from_several_threads_safely() -> None:
    register = load_register(EXAMPLE)
    packs = load_packs(["banso-shien", "companies-act-jp"])
    expected = evaluate(register, packs, as_of=AS_OF).to_json()
    results: list[str] = []
    with Engine(packs) as engine:
        threads = [
            threading.Thread(
                target=lambda: results.append(engine.check(register, as_of=AS_OF).to_json())
            )
            for _ in range(4)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert results == [expected] * 4


def test_the_oracle_and_the_engine_write_the_same_findings() -> None:
    register = load_register(EXAMPLE)
    packs = load_packs(["banso-shien", "companies-act-jp"])
    engine = evaluate(register, packs, as_of=AS_OF, engine="durable")
    oracle = evaluate(register, packs, as_of=AS_OF, engine="oracle")
    assert engine.tool.engine == "durable"
    assert [f.model_dump() for f in engine.findings] == [f.model_dump() for f in oracle.findings]


def test_progress_is_reported_as_partitions_finish() -> None:
    register = load_register(EXAMPLE)
    packs = load_packs(["banso-shien"])
    calls: list[tuple[int, int]] = []
    with Engine(packs) as engine:
        engine.check(
            register, as_of=AS_OF, progress=lambda done, total: calls.append((done, total))
        )
    assert calls
    assert all(0 < done <= total for done, total in calls)
    assert calls[-1][0] == calls[-1][1]  # the last call of the last stratum: all done


def test_as_of_defaults_to_the_registers_metadata_then_to_today() -> None:
    from governance.api import resolve_as_of
    from governance.loading import load_register_data

    register = load_register(EXAMPLE)
    assert register.metadata.as_of == AS_OF
    assert evaluate(register, load_packs(["banso-shien"])).as_of == AS_OF
    assert resolve_as_of(register, date(2026, 1, 1)) == date(2026, 1, 1)
    undated = load_register_data({"apiVersion": "governance/v1", "kind": "Register"})
    assert resolve_as_of(undated, None) == date.today()


def test_only_the_api_reads_the_clock() -> None:
    import re
    from pathlib import Path

    import governance

    package = Path(governance.__file__).parent
    readers = sorted(
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if re.search(
            r"\b(date\.today|datetime\.now|datetime\.today|time\.time)\(", path.read_text()
        )
    )
    # as_of's default; and the audit store's record of when a run or a triage happened
    # (`record(at=...)` and `triage(at=...)` take it from the caller)
    assert readers == ["api/engine.py", "store/audit.py"]


def test_only_and_skip_are_resolved_by_the_library() -> None:
    from governance.errors import UsageError

    register = load_register(EXAMPLE)
    packs = load_packs(["banso-shien", "companies-act-jp"])
    only = evaluate(register, packs, as_of=AS_OF, only=["disclosure.missing"])
    assert {f.rule for f in only.findings} == {"disclosure.missing"}
    assert only.counts.total == len(only.findings) > 0
    skipped = evaluate(register, packs, as_of=AS_OF, skip=["disclosure.missing"])
    assert "disclosure.missing" not in {f.rule for f in skipped.findings}
    assert skipped.counts.total + only.counts.total == 36
    try:
        evaluate(register, packs, as_of=AS_OF, only=["disclosure.mising"], skip=["nope"])
    except UsageError as error:
        assert str(error) == (
            "only: unknown rule 'disclosure.mising' (did you mean 'disclosure.missing'?)\n"
            "skip: unknown rule 'nope'"
        )
    else:
        raise AssertionError("an unknown rule in only must be refused")
