"""Each durable-rules trap the adapter defends against, shown on the raw engine and defeated.

The raw-engine tests run in a child process: the C core is untrusted and may crash.
"""

from __future__ import annotations

import dataclasses
import faulthandler
import json
import os
import pickle
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from governance.api import Engine, evaluate, load_packs
from governance.errors import EngineError, EngineFailure, Problem
from governance.loading import load_register, load_register_data
from governance.normalise.facts import normalise
from governance.run._partition import partitions
from governance.run.durable import _session as session
from governance.run.durable._encode import batch
from governance.run.durable._rulesets import jobs_for
from governance.run.durable._session import evaluate_partition
from governance.run.durable.evaluator import DurableEvaluator
from governance.run.evaluate import OracleEvaluator
from governance.run.workers import WorkerPolicy
from tests.conftest import EXAMPLE, supporters_register

PACK = load_packs(["banso-shien"])[0]
AS_OF = date(2027, 3, 31)


def _raw(script: str) -> str:
    """Run `script` against the raw engine in a child process; return what it printed."""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    return done.stdout.strip()


RAW_PRELUDE = """
import json, durable_rules_engine as d
def fire(rules, facts, name):
    h = d.create_ruleset(name, json.dumps(dict(rules, **{"$s": {"all": [{"m": {"t": "$s"}}]}})))
    facts = [{"id": "s", "sid": "1", "t": "$s"}] + [dict(f, sid="1") for f in facts]
    code, state = d.assert_facts(h, json.dumps(facts))
    out, res = [], d.start_action_for_state(h, state)
    while res:
        out += [k for k in json.loads(res[1] if isinstance(res, tuple) else res) if k != "$s"]
        res = d.complete_and_start_action(h, state)
    d.delete_state(h, "1")
    return out
"""


def test_not_sees_only_earlier_facts_so_absent_types_are_asserted_first() -> None:
    script = (
        RAW_PRELUDE
        + """
rules = {"r": {"all": [{"i": {"t": "interest"}},
                       {"d$not": {"$and": [{"t": "disclosure"}, {"interest": {"i": "id"}}]}}]}}
i, dsc = {"id": "I", "t": "interest"}, {"id": "D", "t": "disclosure", "interest": "I"}
print(fire(rules, [i, dsc], "a"), fire(rules, [dsc, i], "b"))
"""
    )
    assert _raw(script) == "['r'] []"  # the trap: disclosed, yet "undisclosed" fires
    for stratum in PACK.strata:
        for job in jobs_for(stratum, 0):
            order = list(job.order)
            for rule in stratum:
                for absent in (p for p in rule.patterns if p.negated):
                    for present in {p.fact_type for p in rule.positive} - {absent.fact_type}:
                        if job.ruleset.count(f'"{rule.key}/'):
                            assert order.index(absent.fact_type) < order.index(present)


def _ors(value: object, inside: list[object] | None = None) -> list[tuple[list[object], object]]:
    """Every `$or` in a durable ruleset, with the `$and` list it sits in."""
    found: list[tuple[list[object], object]] = []
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == "$or":
                found.append((inside or [], inner))
            found += _ors(inner, inner if key == "$and" else inside)
    elif isinstance(value, list):
        for inner in value:
            found += _ors(inner, inside)
    return found


def test_or_with_correlated_tests_is_broken_so_only_flat_local_ors_are_sent() -> None:
    script = (
        RAW_PRELUDE
        + """
def term(x):
    return {"$and": [{"t": "tie"}, {"b": {"e": x}}]}
rules = {"r": {"all": [{"e": {"t": "e"}}, {"x": {"$or": [term("s"), term("c")]}}]}}
e, x = {"id": "e", "t": "e", "s": "S", "c": "C"}, {"id": "x", "t": "tie", "b": "C"}
print(fire(rules, [e, x], "o"))
"""
    )
    assert _raw(script) == "[]"  # the second branch matches, yet nothing fires
    local = (
        RAW_PRELUDE
        + """
rules = {"r": {"all": [{"e": {"t": "e"}}, {"x": {"$and": [{"t": "tie"}, {"b": {"e": "c"}},
         {"$or": [{"k": "p"}, {"k": "q"}]}]}}]}}
e = {"id": "e", "t": "e", "c": "C"}
print(fire(rules, [e, {"id": "x", "t": "tie", "b": "C", "k": "q"}], "l1"),
      fire(rules, [e, {"id": "x", "t": "tie", "b": "Z", "k": "q"}], "l2"),
      fire(rules, [e, {"id": "x", "t": "tie", "b": "C", "k": "z"}], "l3"))
"""
    )
    assert _raw(local) == "['r'] [] []"  # a flat $or of own-field constants, last: correct
    packs = load_packs(["banso-shien", "companies-act-jp", "ippan-hojin-jp"])
    sent = 0
    for pack in packs:
        for stratum in pack.strata:
            for job in jobs_for(stratum, 20_000):
                for conjunction, branches in _ors(json.loads(job.ruleset)):
                    sent += 1
                    assert conjunction and conjunction[-1] == {"$or": branches}  # last test
                    for branch in branches:  # type: ignore[attr-defined]
                        (test,) = branch.values()
                        inner = test if not isinstance(test, dict) else next(iter(test.values()))
                        assert not isinstance(inner, dict)  # a constant, never another fact
    assert sent > 0  # `via in (...)` is one such $or


def test_the_adapter_starts_no_threads_and_reuses_rulesets() -> None:
    register = load_register(EXAMPLE)
    before = threading.active_count()
    first = evaluate(register, [PACK], as_of=AS_OF, engine="durable")
    second = evaluate(register, [PACK], as_of=AS_OF, engine="durable")
    assert threading.active_count() == before
    assert first.to_json() == second.to_json()


def test_unhandled_fact_types_are_never_asserted_and_lose_nothing() -> None:
    facts = normalise(load_register(EXAMPLE), AS_OF)
    stratum = PACK.strata[0]
    jobs = jobs_for(stratum, facts.as_of)
    noise = [{"t": "unheard-of", "k": f"noise/{n}", "x": n} for n in range(5)]
    with_noise = evaluate_partition(jobs, batch(facts.items + noise))
    without = evaluate_partition(jobs, batch(facts.items))
    assert {k: sorted(v) for k, v in with_noise.items()} == {
        k: sorted(v) for k, v in without.items()
    }
    assert with_noise  # the example fires rules in this stratum


def _many_supporters(count: int) -> dict[str, object]:
    return supporters_register([5.0] * count)


def test_more_than_1024_sessions_one_per_partition_each_deleted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    register = load_register_data(_many_supporters(1100))
    evaluator = DurableEvaluator(workers=0, policy=WorkerPolicy(session_facts=1))
    facts = normalise(register, AS_OF)
    found = evaluator.run(PACK.strata[0], facts)
    assert evaluator.stats.partitions == 1100
    assert len(found["disclosure.missing#0"]) == 1100
    sizes = [len(part) for _, part in partitions(facts.items)]
    assert max(sizes) < 20  # sessions stay small however large the register


def _about(facts: dict[str, list[str]], party: str) -> bool:
    """Whether a session's encoded facts name `party` in any field."""
    return any(f'"{party}"' in text for texts in facts.values() for text in texts)


def _before(
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    when: Callable[[Any, dict[str, list[str]]], bool],
    act: Callable[[Any], None],
) -> None:
    """Run `act(jobs)` in the worker before `session.<name>(jobs, part)` evaluates a session for
    which `when(jobs, part)` holds (`name`: ``evaluate_partition``, given every job of a chunk,
    or ``_evaluate_session``, given one job)."""
    real = getattr(session, name)

    def patched(jobs: Any, part: dict[str, list[str]]) -> object:
        if when(jobs, part):
            act(jobs)
        return real(jobs, part)

    monkeypatch.setattr(session, name, patched)


def _before_sessions_of(
    party: str, monkeypatch: pytest.MonkeyPatch, act: Callable[[], None]
) -> None:
    """Run `act` in the worker before it evaluates any session naming `party`."""
    _before(monkeypatch, "evaluate_partition", lambda _, part: _about(part, party), lambda _: act())


def _segfault() -> None:
    """Die of SIGSEGV on purpose, quietly: this worker turns pytest's faulthandler off first, so
    the crash does not print a stack dump into the test log. Nothing else is changed: an
    unplanned crash of a worker or of the C core still dumps its stack."""
    faulthandler.disable()
    os.kill(os.getpid(), signal.SIGSEGV)


def _crash_once_on(party: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Make the first worker that evaluates a session naming `party` die of SIGSEGV; the file
    returned exists once it has."""
    marker = tmp_path / "crashed-once"

    def once() -> None:
        if not marker.exists():
            marker.write_text("x")
            _segfault()

    _before_sessions_of(party, monkeypatch, once)
    return marker


def test_a_crashed_worker_costs_a_retry_never_a_partition(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    register = load_register_data(_many_supporters(40))
    facts = normalise(register, AS_OF)
    marker = _crash_once_on("S7", tmp_path, monkeypatch)
    # small chunks, one waiting at a time: chunks are still to submit when the pool dies
    evaluator = DurableEvaluator(workers=2, policy=WorkerPolicy(chunk_facts=50, ahead=1))
    found = evaluator.run(PACK.strata[0], facts)
    assert marker.exists()
    assert evaluator.stats.lost_workers >= 1
    accounted = evaluator.stats.evaluated + evaluator.stats.screened_out
    assert sorted(accounted) == sorted(a for a, _ in partitions(facts.items))
    oracle = OracleEvaluator().run(PACK.strata[0], facts)
    assert {k: sorted(v) for k, v in found.items()} == {
        k: sorted(v) for k, v in oracle.items() if v
    }


def test_a_re_check_whose_quick_worker_dies_is_retried_in_a_fresh_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    register = load_register_data(_many_supporters(3))  # one chunk: the quick worker's
    facts = normalise(register, AS_OF)
    marker = _crash_once_on("S1", tmp_path, monkeypatch)
    evaluator = DurableEvaluator(workers=1)
    try:
        found = evaluator.run(PACK.strata[0], facts)
        assert marker.exists()
        assert (evaluator.stats.lost_workers, evaluator.stats.retried_chunks) == (1, 1)
        oracle = OracleEvaluator().run(PACK.strata[0], facts)
        assert {k: sorted(v) for k, v in found.items()} == {
            k: sorted(v) for k, v in oracle.items() if v
        }
        evaluator.run(PACK.strata[0], facts)  # a new quick worker, kept
        process = evaluator.workers.quick_process
        assert process is not None
        evaluator.run(PACK.strata[0], facts)
        assert evaluator.workers.quick_process is process and process.is_alive()
    finally:
        evaluator.close()
    assert evaluator.workers.quick_process is None and not process.is_alive()


def _in_rule(
    rule: str, party: str, monkeypatch: pytest.MonkeyPatch, act: Callable[[], None]
) -> None:
    """Run `act` in the worker whenever a ruleset holding `rule` meets the facts of `party`: the
    engine fails on that rule alone, as the C core does on some rule it cannot run."""
    _before(
        monkeypatch,
        "_evaluate_session",
        lambda job, part: _holds(job, rule) and _about(part, party),
        lambda _: act(),
    )


def _holds(job: Any, rule: str) -> bool:
    """Whether the ruleset of `job` holds (an alternative of) `rule`."""
    return any(key.startswith(rule + "#") for key, _ in job.positive)


def test_a_rule_that_always_crashes_the_engine_is_named_with_its_pack_and_partition(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    register = load_register_data(_many_supporters(3))
    _in_rule("disclosure.missing", "S1", monkeypatch, _segfault)
    with Engine([PACK], workers=1) as engine, pytest.raises(EngineError) as caught:
        engine.check(register, as_of=AS_OF)
    assert caught.value.failures == (
        EngineFailure(
            ("disclosure.missing",),
            "S1",
            "crashed",
            caught.value.failures[0].seconds,
            pack="banso-shien",
            source="rules/banso/disclosure-missing.yaml:1:1",
        ),
    )
    assert caught.value.failures[0].seconds >= WorkerPolicy().timeout_base
    assert str(caught.value) == (
        "rules/banso/disclosure-missing.yaml:1:1: rule 'disclosure.missing' of pack "
        "'banso-shien' crashed durable-rules on the facts of S1 (again when run alone in a fresh "
        "worker); --engine oracle or --engine duckdb evaluates it"
    )
    again = pickle.loads(pickle.dumps(caught.value))  # as it crosses a process boundary
    assert (again.failures, str(again)) == (caught.value.failures, str(caught.value))


def test_rules_that_crash_the_engine_only_together_are_named_together(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    register = load_register_data(_many_supporters(3))
    facts = normalise(register, AS_OF)
    stratum = PACK.strata[0]
    together = [key for key, _ in jobs_for(stratum, facts.as_of)[0].positive][:2]
    _before(
        monkeypatch,
        "_evaluate_session",
        lambda job, part: set(together) <= dict(job.positive).keys() and _about(part, "S2"),
        lambda _: _segfault(),
    )
    with pytest.raises(EngineError) as caught:
        DurableEvaluator(workers=1).run(stratum, facts)
    (failure,) = caught.value.failures
    first = jobs_for(stratum, facts.as_of)[0]
    ids = tuple(dict.fromkeys(key.rsplit("#", 1)[0] for key, _ in first.positive))
    assert (failure.rules, failure.partition, failure.outcome) == (ids, "S2", "crashed")
    assert str(caught.value).startswith(
        "<engine>: rules " + ", ".join(f"'{rule}'" for rule in ids) + " together crashed "
        "durable-rules on the facts of S2 (none does alone); "
    )


def test_a_partition_that_crashes_every_worker_but_no_ruleset_alone_is_evaluated_in_full(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # as the C core was seen to do once in a full test run: a small partition crashed the
    # pooled worker on all three attempts and never when its rulesets ran one by one
    register = load_register_data(_many_supporters(3))
    facts = normalise(register, AS_OF)
    stratum = PACK.strata[0]
    assert len(jobs_for(stratum, facts.as_of)) > 1
    _before(
        monkeypatch,
        "evaluate_partition",
        lambda jobs, part: len(jobs) > 1 and _about(part, "S2"),
        lambda _: _segfault(),
    )
    evaluator = DurableEvaluator(workers=1)
    try:
        found = evaluator.run(stratum, facts)
    finally:
        evaluator.close()
    assert (evaluator.stats.rescued, evaluator.stats.lost_workers >= 1) == (1, True)
    oracle = OracleEvaluator().run(stratum, facts)
    assert {k: sorted(v) for k, v in found.items()} == {
        k: sorted(v) for k, v in oracle.items() if v
    }
    assert any(frames for frames in found.values())


def test_rulesets_are_named_by_content_and_the_input_is_not_mutated() -> None:
    stratum = PACK.strata[0]
    before = [dataclasses.asdict(rule) for rule in stratum]
    first, again = jobs_for(stratum, 100), jobs_for(stratum, 100)
    later = jobs_for(stratum, 101)
    assert [(j.name, j.ruleset) for j in first] == [(j.name, j.ruleset) for j in again]
    assert {j.name for j in first}.isdisjoint(j.name for j in later)  # as_of is in the JSON
    assert all(j.name == "governance-" + _digest(j.ruleset) for j in first)
    assert [dataclasses.asdict(rule) for rule in stratum] == before
    register = load_register(EXAMPLE)  # the same ruleset registered twice: the handle is reused
    reports = [evaluate(register, [PACK], as_of=AS_OF).to_json() for _ in range(2)]
    assert reports[0] == reports[1]


def _digest(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def test_a_rule_that_hangs_the_core_is_ended_retried_and_named(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    register = load_register_data(_many_supporters(3))
    facts = normalise(register, AS_OF)
    # what the C core did with 512 equality values under one node (now refused when compiled)
    _in_rule("engagement.prior-trade", "S2", monkeypatch, lambda: time.sleep(600))
    quick = WorkerPolicy(timeout_base=1.0, timeout_per_fact=0.0)
    stratum = next(s for s in PACK.strata if any(r.id == "engagement.prior-trade" for r in s))
    with pytest.raises(EngineError) as caught:
        DurableEvaluator(workers=1, policy=quick).run(stratum, facts)
    (failure,) = caught.value.failures
    assert (failure.rules, failure.partition, failure.outcome, failure.seconds) == (
        ("engagement.prior-trade",),
        "S2",
        "hung",
        1.0,
    )
    assert str(caught.value) == (
        f"{failure.source}: rule 'engagement.prior-trade' did not finish in durable-rules "
        "within 1 s on the facts of S2 (again when run alone in a fresh worker); --engine oracle "
        "or --engine duckdb evaluates it"
    )


def test_the_ruleset_the_rescue_found_hanging_is_not_run_again_to_name_its_rule(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # each run of the ruleset holding the rule alone in a worker costs the whole time limit
    register = load_register_data(_many_supporters(3))
    facts = normalise(register, AS_OF)
    stratum = next(s for s in PACK.strata if any(r.id == "engagement.prior-trade" for r in s))

    def hang(jobs: Any) -> None:  # each run named by its jobs and their rules
        rules = sum(len(job.positive) for job in jobs)
        (tmp_path / f"{os.getpid()}-{len(jobs)}-{rules}").write_text("")
        time.sleep(600)

    _before(
        monkeypatch,
        "evaluate_partition",
        lambda jobs, part: (
            any(_holds(j, "engagement.prior-trade") for j in jobs) and _about(part, "S2")
        ),
        hang,
    )
    quick = WorkerPolicy(timeout_base=1.0, timeout_per_fact=0.0)
    with pytest.raises(EngineError) as caught:
        DurableEvaluator(workers=1, policy=quick).run(stratum, facts)
    assert [f.rules for f in caught.value.failures] == [("engagement.prior-trade",)]
    runs = [path.name.split("-")[1:] for path in tmp_path.iterdir()]
    ruleset = next(job for job in jobs_for(stratum, facts.as_of) if len(job.positive) > 1)
    alone = [run for run in runs if run == ["1", str(len(ruleset.positive))]]
    assert len(alone) == 1  # by the rescue; `_culprits` then ran the rule alone
    assert ["1", "1"] in runs


def test_an_engine_error_in_a_worker_reaches_the_caller_whole() -> None:
    import pickle

    error = EngineError([Problem("<engine>", message="durable-rules refused a partition: 303")])
    again = pickle.loads(pickle.dumps(error))
    assert (type(again), str(again)) == (type(error), str(error))


def test_partitions_can_run_on_any_executor_and_a_lost_task_is_retried_locally() -> None:
    from concurrent.futures import Future, ProcessPoolExecutor

    class Flaky(ProcessPoolExecutor):
        """An executor whose first task is lost, as on a cluster whose worker died."""

        lost = False

        def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
            if not self.lost:
                self.lost = True
                gone: Future[Any] = Future()
                gone.set_exception(RuntimeError("worker lost"))
                return gone
            return super().submit(fn, *args, **kwargs)

    register = load_register_data(_many_supporters(30))
    facts = normalise(register, AS_OF)
    with Flaky(max_workers=1) as executor:
        evaluator = DurableEvaluator(executor=executor)
        found = evaluator.run(PACK.strata[0], facts)
    oracle = OracleEvaluator().run(PACK.strata[0], facts)
    assert evaluator.stats.lost_workers == 1
    assert {k: sorted(v) for k, v in found.items()} == {
        k: sorted(v) for k, v in oracle.items() if v
    }


def test_a_dask_cluster_runs_the_partitions() -> None:
    distributed = pytest.importorskip("distributed")  # the optional [distributed] extra
    from governance import Engine

    register = load_register(EXAMPLE)
    with (
        distributed.Client(processes=False, n_workers=1, threads_per_worker=1) as client,
        Engine([PACK], executor=client.get_executor()) as engine,
    ):
        remote = engine.check(register, as_of=AS_OF)
    with Engine([PACK], engine="oracle") as engine:
        local = engine.check(register, as_of=AS_OF)
    assert [f.id for f in remote.findings] == [f.id for f in local.findings]


def test_one_fact_binds_one_pattern_of_a_match_in_both_evaluators(tmp_path: Path) -> None:
    script = (
        RAW_PRELUDE
        + """
rules = {"r": {"all": [{"a": {"t": "x"}}, {"b": {"t": "x"}}]}}
print(fire(rules, [{"id": "1", "t": "x"}], "one"), fire(rules, [{"id": "1", "t": "x"},
      {"id": "2", "t": "x"}], "two"))
"""
    )
    assert _raw(script) == "[] ['r', 'r']"  # durable never binds one fact to two patterns
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "pair.yaml").write_text(
        "apiVersion: governance/v1\nkind: Rule\nid: test.pair\nversion: 1\n"
        "title: {en: Two seats, ja: 二つの役員}\ndescription: {en: Two seats., ja: 二つ。}\n"
        "match:\n  first: interest where type == 'board_seat'\n"
        "  second: interest where type == 'board_seat' and holder == first.holder\n"
        "subject: first\nmessage: {en: '{first.id}', ja: '{first.id}'}\n",
        encoding="utf-8",
    )
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "pack.yaml").write_text(
        "apiVersion: governance/v1\nkind: PolicyPack\nid: pair\nversion: '1'\n"
        "title: {en: Pair, ja: 対}\nadopts:\n"
        "  - {rule: test.pair, severity: low, cite: {title: test}}\n",
        encoding="utf-8",
    )
    from governance import load_packs as packs_from

    pack = packs_from(["pair"], policies=tmp_path)[0]
    register = load_register_data(_many_supporters(1))
    seat = {
        "id": "SEAT-1",
        "type": "board_seat",
        "holder": "S0",
        "entity": "C0",
        "start": "2026-01-01",
        "role": "director",
    }
    one = load_register_data({**register.to_data(), "interests": [seat]})
    for engine in ("oracle", "durable"):
        report = evaluate(one, [pack], as_of=AS_OF, engine=engine)  # type: ignore[arg-type]
        assert report.findings == [], engine  # the one seat does not pair with itself


def test_each_fact_is_encoded_once_per_register_and_the_callers_facts_are_left_alone() -> None:
    # the same facts by key, but in `large` each stake was sold before the engagement began
    small = normalise(load_register_data(supporters_register([5.0] * 3)), AS_OF)
    data = supporters_register([5.0] * 3)
    for interest in data["interests"]:  # type: ignore[attr-defined]
        interest.update(start="2025-01-01", end="2026-02-01")
    large = normalise(load_register_data(data), AS_OF)
    assert [f["k"] for f in small.items] == [f["k"] for f in large.items]
    stratum = PACK.strata[0]
    expected = [OracleEvaluator().run(stratum, f) for f in (small, large)]
    assert expected[0] != expected[1]
    before = [dict(f) for f in small.items]
    evaluator = DurableEvaluator(workers=0)
    for facts, oracle in zip((small, large, small), expected + expected[:1], strict=True):
        found = evaluator.run(stratum, facts)  # no reset in between
        assert {k: sorted(v) for k, v in found.items()} == {
            k: sorted(v) for k, v in oracle.items() if v
        }
    assert small.items == before  # nothing written into the facts the caller gave
