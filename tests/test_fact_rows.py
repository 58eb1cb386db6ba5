"""The normaliser writes each fact type's rows; the SQL engine loads them column by column and
the engines that match dicts read them as dicts, made once."""

from __future__ import annotations

from datetime import date

from governance.api import Engine, load_packs
from governance.language.facts import FACT_TYPES, Fact
from governance.loading import load_register, load_register_data
from governance.normalise.facts import COLUMNS, Facts, normalise
from governance.run.evaluate import Evaluator, OracleEvaluator, match_pack
from governance.run.sql import SqlEvaluator
from tests.conftest import EXAMPLE, bench_module

AS_OF = date(2027, 3, 31)
PACKS = load_packs(["banso-shien", "companies-act-jp", "ippan-hojin-jp"])

_PYTHON_TYPES: dict[str, tuple[type, ...]] = {
    "id": (str,),
    "text": (str,),
    "date": (int,),
    "days": (int,),
    "money": (int,),
    "count": (int,),
    "percent": (int, float),
    "number": (int, float),
    "bool": (bool,),
}


def _generated() -> Facts:
    """A register with every collection, banso-shien v2's and the corporate facts included."""
    module = bench_module("differential")
    documents = [doc for day, doc in module.small_registers(40, seed=11) if day == AS_OF]
    register = load_register_data(module._merge(documents), name="generated")
    return normalise(register, AS_OF)


def test_every_row_holds_its_types_fields_in_order_with_their_types() -> None:
    facts = _generated()
    seen = {t for t, rows in facts.rows.items() if rows}
    assert seen >= set(FACT_TYPES) - {"finding"}  # the register exercises every type
    for fact_type, rows in facts.rows.items():
        kinds = list(FACT_TYPES[fact_type].values())
        for row in rows:
            assert row[0] == fact_type
            assert len(row) == len(COLUMNS[fact_type])
            for value, kind in zip(row[2:], kinds, strict=True):
                assert isinstance(value, _PYTHON_TYPES[kind]), (fact_type, row)
                assert kind == "bool" or not isinstance(value, bool), (fact_type, row)


def test_the_columns_are_the_dicts_fields_before_and_after_the_dicts_are_made() -> None:
    facts = normalise(load_register(EXAMPLE), AS_OF)
    before = {t: facts.columns(t) for t in FACT_TYPES}
    everything = facts.items  # what durable-rules and the oracle read
    assert len(everything) == sum(len(c["k"]) for c in before.values()) == len(facts)
    assert not facts.rows  # let go once the dicts hold the same values
    for fact_type in FACT_TYPES:
        dicts = facts.of_type(fact_type)
        assert all(list(f) == list(COLUMNS[fact_type]) for f in dicts)
        after = facts.columns(fact_type)
        for name in COLUMNS[fact_type][1:]:
            assert list(before[fact_type][name]) == [f[name] for f in dicts] == after[name]


def test_a_lookup_makes_each_fact_once_and_only_those_asked_for() -> None:
    facts = normalise(load_register(EXAMPLE), AS_OF)
    disclosures = [row[1] for row in facts.rows["disclosure"][:3]]
    first = facts.lookup({"disclosure": disclosures, "interest": ["interest/nowhere"]})
    assert list(first) == disclosures
    again = facts.lookup({"disclosure": disclosures[:1]})
    assert again[disclosures[0]] is first[disclosures[0]]
    assert first[disclosures[0]]["t"] == "disclosure"
    assert facts.rows["disclosure"]  # the rows stay: nothing asked for every dict
    everything = {f["k"]: f for f in facts.items}
    assert facts.lookup({"disclosure": disclosures}) == {k: everything[k] for k in disclosures}


def _subjects(facts: Facts, evaluator: Evaluator) -> list[tuple[str, str, int]]:
    raws = [raw for pack in PACKS for raw in match_pack(pack, facts, evaluator)]
    return [(raw.rule.id, raw.subject["k"], len(raw.matches)) for raw in raws]


def test_duckdb_checks_from_the_rows_without_making_every_fact_a_dict() -> None:
    register = load_register(EXAMPLE)
    facts = normalise(register, AS_OF)
    found = _subjects(facts, SqlEvaluator())
    assert len(facts.rows) == len(FACT_TYPES)  # no type was made into dicts wholesale
    assert found == _subjects(normalise(register, AS_OF), OracleEvaluator())
    assert len(found) > 40
    with Engine(PACKS, engine="duckdb") as duck, Engine(PACKS, engine="oracle") as reference:
        ours = duck.check(register, as_of=AS_OF).to_json()
        theirs = reference.check(register, as_of=AS_OF).to_json()
    assert ours == theirs.replace('"engine": "oracle"', '"engine": "duckdb"')


def test_facts_given_as_dicts_read_the_same_way() -> None:
    facts = normalise(load_register(EXAMPLE), AS_OF)
    dicts: list[Fact] = [dict(f) for f in facts.items]
    given = Facts.of(dicts, facts.as_of)
    assert given.items == dicts and len(given) == len(dicts)
    assert given.of_type("party") == [f for f in dicts if f["t"] == "party"]
    assert given.columns("waiver")["id"] == [f["id"] for f in dicts if f["t"] == "waiver"]
    key = facts.items[0]["k"]
    assert given.lookup({"party": [key]})[key] is dicts[0]
