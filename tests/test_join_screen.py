"""The join-level screen: DuckDB finds the facts each rule's positive patterns can join, and
durable-rules, sent only those (and every fact an absent pattern could see), finds the same."""

from __future__ import annotations

import random
from datetime import date

import pytest

from governance.api import Engine, load_packs
from governance.language.ir import Const, Op, Pattern, Ref
from governance.loading import load_register, load_register_data
from governance.normalise.facts import Facts, normalise
from governance.run._screen import Screen
from governance.run.durable.evaluator import DurableEvaluator
from governance.run.evaluate import OracleEvaluator, match_pack
from governance.run.sql import JoinScreen
from tests.conftest import EXAMPLE, bench_module
from tests.test_engine_screen import _rule  # one test rule for both screens

PACKS = load_packs(["banso-shien", "companies-act-jp"])
AS_OF = date(2027, 3, 31)


def test_only_facts_that_join_keep_a_positive_bit_and_absent_bits_stay() -> None:
    loan = Op("==", (Ref("i", "type"), Const("loan")))
    rule = _rule(
        (
            Pattern("i", "interest", loan),
            Pattern("a", "attribution", Op("==", (Ref("a", "interest"), Ref("i", "id")))),
            Pattern("d", "disclosure", Op("==", (Ref("d", "interest"), Ref("i", "id"))), True),
        )
    )
    screen = Screen.of([rule], as_of=20_000)
    facts = [
        {"t": "interest", "k": "interest/a", "id": "a", "type": "loan"},
        {"t": "interest", "k": "interest/b", "id": "b", "type": "loan"},  # nobody holds it
        {"t": "attribution", "k": "attribution/1", "interest": "a"},
        {"t": "attribution", "k": "attribution/2", "interest": "zzz"},
        {"t": "disclosure", "k": "disclosure/d", "interest": "zzz"},
    ]
    own = screen.masks(facts)
    assert own == {
        "interest/a": 0b001,
        "interest/b": 0b001,
        "attribution/1": 0b010,
        "attribution/2": 0b010,
        "disclosure/d": 0b100,
    }
    joinable = [[frozenset({"interest/a"}), frozenset({"attribution/1"})]]
    assert screen.joined(own, joinable) == {
        "interest/a": 0b001,
        "interest/b": 0,
        "attribution/1": 0b010,
        "attribution/2": 0,
        "disclosure/d": 0b100,  # could block the match: still sent
    }
    assert screen.joined(own, [None]) == own  # a rule SQL cannot write keeps its own tests


def test_the_joins_hold_every_fact_of_every_match_on_the_example() -> None:
    facts = normalise(load_register(EXAMPLE), AS_OF)
    joins = JoinScreen()
    for pack in PACKS:
        stratum = pack.strata[0]
        keys = joins.keys(stratum, facts, [])
        frames = OracleEvaluator().run(stratum, facts)
        for rule, joinable in zip(stratum, keys, strict=True):
            assert joinable is not None
            for frame in frames[rule.key]:
                assert all(k in column for k, column in zip(frame, joinable, strict=True))
    joins.reset()


def test_the_join_screened_engine_finds_what_the_oracle_finds_stratum_by_stratum() -> None:
    differential = bench_module("differential")
    documents = [doc for _, doc in differential.small_registers(120, seed=5)]
    register = load_register_data(differential._merge(documents))
    facts = normalise(register, AS_OF)
    for pack in PACKS:
        joined = DurableEvaluator(workers=0, join_from=0)
        plain = DurableEvaluator(workers=0)
        screened = match_pack(pack, facts, joined)
        expected = match_pack(pack, facts, OracleEvaluator())
        match_pack(pack, facts, plain)

        def shown(raws: list) -> list[tuple[str, str, list[str]]]:  # type: ignore[type-arg]
            return sorted(
                (r.rule.key, r.subject["k"], sorted(str(sorted(e)) for _, e in r.matches))
                for r in raws
            )

        assert shown(screened) == shown(expected)
        assert joined.stats.joined
        # never more partitions than the per-fact screen alone sends
        assert joined.tally.evaluated <= plain.tally.evaluated
        joined.reset()


@pytest.mark.parametrize("engine", ["durable", "oracle"])
def test_an_engine_says_how_many_partitions_it_evaluated(engine: str) -> None:
    register = load_register(EXAMPLE)
    with Engine(PACKS, engine=engine, workers=0) as warm:  # type: ignore[arg-type]
        assert warm.partitions is None
        warm.check(register, as_of=AS_OF)
        if engine == "oracle":
            assert warm.partitions is None
            return
        first = warm.partitions
        warm.check(register, as_of=AS_OF)
        assert warm.partitions == first  # counted per check, not summed across checks
    assert first is not None
    evaluated, built = first
    # 23 partitions (22 anchors and the facts none reaches) in each of four strata
    assert (evaluated, built) == (51, 92)  # 17, 13 and 17 in banso-shien, 4 in companies-act-jp


def test_random_shuffles_of_the_joins_input_change_nothing() -> None:
    facts = normalise(load_register(EXAMPLE), AS_OF)
    stratum = PACKS[0].strata[0]
    keys = JoinScreen().keys(stratum, facts, [])
    shuffled = list(facts.items)
    random.Random(3).shuffle(shuffled)
    assert JoinScreen().keys(stratum, Facts.of(shuffled, facts.as_of), []) == keys
