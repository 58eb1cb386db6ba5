"""The screen in front of the engine: it skips what cannot match and never loses a match."""

from __future__ import annotations

from datetime import date

from governance.api import load_packs
from governance.language.ir import CompiledRule, Const, Op, Pattern, Ref
from governance.loading import load_register, load_register_data
from governance.normalise.facts import normalise
from governance.run._screen import Screen
from governance.run.durable.evaluator import DurableEvaluator
from governance.run.evaluate import OracleEvaluator
from tests.conftest import EXAMPLE, supporters_register

PACKS = load_packs(["banso-shien", "companies-act-jp"])
AS_OF = date(2027, 3, 31)


def _rule(patterns: tuple[Pattern, ...]) -> CompiledRule:
    message = PACKS[0].rules[0].message
    return CompiledRule(
        id="t.rule",
        version=1,
        title=message,
        description=message,
        patterns=patterns,
        subject="i",
        parties=(),
        deadline=None,
        message=message,
        severity="low",
        citation=PACKS[0].rules[0].citation,
        waivable=True,
        params=(),
    )


def test_a_fact_passes_only_the_patterns_whose_own_tests_it_meets() -> None:
    big = Op(">=", (Ref("i", "equity_pct"), Const(10)))
    joined = Op("==", (Ref("d", "interest"), Ref("i", "id")))  # reads another fact: not screened
    rule = _rule(
        (
            Pattern("i", "interest", Op("and", (big, Op("==", (Ref("i", "type"), Const("loan")))))),
            Pattern("d", "disclosure", joined, negated=True),
        )
    )
    screen = Screen.of([rule], as_of=20_000)
    facts = [
        {"t": "interest", "k": "interest/a", "id": "a", "type": "loan", "equity_pct": 12.0},
        {"t": "interest", "k": "interest/b", "id": "b", "type": "loan", "equity_pct": 9.0},
        {"t": "interest", "k": "interest/c", "id": "c", "type": "investment", "equity_pct": 50.0},
        {"t": "disclosure", "k": "disclosure/d", "interest": "zzz"},
        {"t": "party", "k": "party/p"},
    ]
    masks = screen.masks(facts)
    assert masks == {
        "interest/a": 0b01,
        "interest/b": 0,
        "interest/c": 0,
        "disclosure/d": 0b10,  # any disclosure could block the absent pattern
        "party/p": 0,
    }
    assert screen.wanted(masks["interest/a"]) == (0b1, 0b11)
    assert screen.wanted(masks["disclosure/d"]) == (0, 0)  # the positive pattern is missing


def test_a_supporter_no_rule_could_match_costs_no_session_and_nothing_is_lost() -> None:
    # S0's 40% stake is undisclosed (rules fire); nothing about S1 or S2 reaches a rule in
    # companies-act-jp, whose rules are about board seats and interested directors.
    register = load_register_data(supporters_register([40.0, 5.0, 0.5]))
    facts = normalise(register, AS_OF)
    for pack in PACKS:
        for stratum in pack.strata:
            evaluator = DurableEvaluator(workers=0)
            found = evaluator.run(stratum, facts)
            oracle = OracleEvaluator().run(stratum, facts)
            assert {k: v for k, v in found.items() if v} == {
                k: sorted(v) for k, v in oracle.items() if v
            }
            accounted = evaluator.stats.evaluated + evaluator.stats.screened_out
            assert sorted(accounted) == ["S0", "S1", "S2"]
    ca = PACKS[1].strata[0]
    evaluator = DurableEvaluator(workers=0)
    evaluator.run(ca, facts)
    assert sorted(evaluator.stats.screened_out) == ["S0", "S1", "S2"]
    assert evaluator.stats.evaluated == []


def test_the_screened_engine_agrees_with_the_oracle_on_the_example() -> None:
    facts = normalise(load_register(EXAMPLE), AS_OF)
    for pack in PACKS:
        evaluator = DurableEvaluator(workers=0)
        for stratum in pack.strata:
            found = evaluator.run(stratum, facts)
            oracle = OracleEvaluator().run(stratum, facts)
            assert {k: v for k, v in found.items() if v} == {
                k: sorted(v) for k, v in oracle.items() if v
            }
