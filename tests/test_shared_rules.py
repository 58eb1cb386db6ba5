"""Rules shared by packs of different statutes: adopted `as` a pack's own id, with pack-bound
list parameters checked against the register's values, phrases written into the texts, and a
note every finding's explanation carries (issue #12)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

import governance
from governance import load_packs
from governance.cli import cli
from governance.errors import PolicyError

# Line 7: params; line 9: the seat pattern reading the list parameter.
RULE = """\
apiVersion: governance/v1
kind: Rule
id: test.seat-in
version: 1
title: {en: "{officer} seat", ja: "{officer}の席"}
description: {en: "A {officer} seat in one of the forms.", ja: "{officer}の席。"}
params: {forms: legal_forms, officer: phrase}
match:
  seat: interest where type == 'board_seat'
  company: party where id == seat.entity and legal_form in forms
subject: seat
message: {en: "{officer} {seat.holder} sits in {seat.entity}", ja: "{officer} {seat.holder}"}
"""

# Line 8: the first adoption's parameters; line 13: the second adoption.
PACK = """\
apiVersion: governance/v1
kind: PolicyPack
id: t-pack
version: "1"
title: {en: Test pack, ja: テストパック}
adopts:
  - rule: test.seat-in
    params: {forms: [kabushiki_kaisha], officer: {en: Director, ja: 取締役}}
    as: test.company-seat
    severity: high
    cite: {title: Test policy, clause: "1"}
    note: {en: A consequence., ja: 効果。}
  - rule: test.seat-in
    params: {forms: [general_association, general_foundation], officer: {en: Riji, ja: 理事}}
    as: test.association-seat
    severity: low
    cite: {title: Test policy, clause: "2"}
"""

REGISTER = {
    "apiVersion": "governance/v1",
    "kind": "Register",
    "parties": [
        {"id": "P", "type": "person", "name": "田中 一郎"},
        {"id": "K", "type": "organization", "name": "K社", "legal_form": "kabushiki_kaisha"},
        {"id": "A", "type": "organization", "name": "A会", "legal_form": "general_association"},
        {"id": "G", "type": "organization", "name": "G合同", "legal_form": "godo_kaisha"},
    ],
    "interests": [
        {"id": "S-K", "type": "board_seat", "holder": "P", "entity": "K", "start": "2026-01-01",
         "role": "director"},
        {"id": "S-A", "type": "board_seat", "holder": "P", "entity": "A", "start": "2026-01-01",
         "role": "director"},
        {"id": "S-G", "type": "board_seat", "holder": "P", "entity": "G", "start": "2026-01-01",
         "role": "director"},
    ],
}  # fmt: skip


@pytest.fixture(autouse=True)
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in `tmp_path`, so problems name files relative to it."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(rule: str = RULE, pack: str = PACK) -> None:
    """Write ``rules/seat.yaml`` and ``policies/t-pack/pack.yaml``."""
    for path, text in ((Path("rules/seat.yaml"), rule), (Path("policies/t-pack/pack.yaml"), pack)):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def problems() -> list[str]:
    """The lines of the error that compiling ``t-pack`` raises."""
    with pytest.raises(PolicyError) as caught:
        load_packs(["t-pack"], policies=Path("policies"), rules=[Path("rules")])
    return str(caught.value).splitlines()


def edit(text: str, old: str, new: str) -> str:
    """`text` with the one occurrence of `old` replaced by `new`."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def test_one_rule_adopted_twice_under_two_ids_finds_with_each_pack_binding() -> None:
    write()
    [pack] = load_packs(["t-pack"], policies=Path("policies"), rules=[Path("rules")])
    register = governance.load_register_data(REGISTER)
    report = governance.evaluate(register, [pack], as_of=date(2026, 6, 1), engine="oracle")
    found = sorted(
        (f.rule, f.subject.id, f.severity, f.message.en, f.message.ja) for f in report.findings
    )
    assert found == [
        ("test.association-seat", "S-A", "low", "Riji 田中 一郎 sits in A会", "理事 田中 一郎氏"),
        (
            "test.company-seat",
            "S-K",
            "high",
            "Director 田中 一郎 sits in K社",
            "取締役 田中 一郎氏",
        ),
    ]
    by_rule = {f.rule: f for f in report.findings}
    company, association = by_rule["test.company-seat"], by_rule["test.association-seat"]
    assert (company.title.en, company.title.ja) == ("Director seat", "取締役の席")
    assert company.explanation.params == {"forms": ["kabushiki_kaisha"]}
    assert company.explanation.note is not None
    assert (company.explanation.note.en, company.explanation.note.ja) == (
        "A consequence.",
        "効果。",
    )
    assert association.explanation.note is None
    data = json.loads(report.to_json())["findings"]
    notes = {f["rule"]: f["explanation"].get("note") for f in data}
    assert notes == {
        "test.company-seat": {"en": "A consequence.", "ja": "効果。"},
        "test.association-seat": None,
    }
    assert "note" not in {
        k for f in data if f["rule"] == "test.association-seat" for k in f["explanation"]
    }


def test_both_engines_agree_on_a_list_parameter_bound_to_nothing() -> None:
    write(pack=edit(PACK, "{forms: [general_association, general_foundation],", "{forms: [],"))
    [pack] = load_packs(["t-pack"], policies=Path("policies"), rules=[Path("rules")])
    register = governance.load_register_data(REGISTER)
    for engine in ("oracle", "durable", "duckdb"):
        report = governance.evaluate(register, [pack], as_of=date(2026, 6, 1), engine=engine)
        assert [(f.rule, f.subject.id) for f in report.findings] == [("test.company-seat", "S-K")]


def test_an_unknown_legal_form_is_named_with_a_suggestion() -> None:
    write(pack=edit(PACK, "{forms: [kabushiki_kaisha]", "{forms: [kabushiki_kaisya, npo, club]"))
    assert problems() == [
        "policies/t-pack/pack.yaml:8:22 adopts[0].params.forms[0]: expected a legal form "
        "(kabushiki_kaisha, godo_kaisha, goshi_kaisha, gomei_kaisha, tokurei_yugen_kaisha, "
        "cooperative, npo, general_association, general_foundation, municipality, prefecture, "
        "national_agency, sole_proprietorship, other), got 'kabushiki_kaisya' "
        "(did you mean 'kabushiki_kaisha'?)",
        "policies/t-pack/pack.yaml:8:45 adopts[0].params.forms[2]: expected a legal form "
        "(kabushiki_kaisha, godo_kaisha, goshi_kaisha, gomei_kaisha, tokurei_yugen_kaisha, "
        "cooperative, npo, general_association, general_foundation, municipality, prefecture, "
        "national_agency, sole_proprietorship, other), got 'club'",
    ]


def test_a_phrase_written_only_into_the_description_is_used_when_the_pack_errs() -> None:
    # an unknown parameter in the pack is the one problem: the phrase is not "never used"
    rule = edit(RULE, "A {officer} seat in one of the forms.", "A {officer} seat ({scope}).")
    pack = edit(PACK, "ja: 取締役}}", "ja: 取締役}, colour: red, scope: {en: S, ja: 範囲}}")
    pack = edit(pack, "ja: 理事}}", "ja: 理事}, scope: {en: S, ja: 範囲}}")
    write(rule=edit(rule, "officer: phrase}", "officer: phrase, scope: phrase}"), pack=pack)
    assert problems() == [
        "policies/t-pack/pack.yaml:8:75 adopts[0].params.colour: unknown parameter 'colour' "
        "of rule 'test.seat-in'"
    ]


def test_a_list_of_legal_forms_must_be_a_list() -> None:
    write(pack=edit(PACK, "{forms: [kabushiki_kaisha]", "{forms: kabushiki_kaisha"))
    assert problems() == [
        "policies/t-pack/pack.yaml:8:21 adopts[0].params.forms: "
        "expected a list of legal forms, got 'kabushiki_kaisha'"
    ]


def test_a_phrase_needs_both_languages() -> None:
    write(pack=edit(PACK, "officer: {en: Director, ja: 取締役}", "officer: Director"))
    assert problems() == [
        "policies/t-pack/pack.yaml:8:50 adopts[0].params.officer: expected a text in English "
        "and Japanese ({en: ..., ja: ...}), got 'Director'"
    ]


def test_a_phrase_is_text_for_people_not_a_value_to_compare() -> None:
    write(rule=edit(RULE, "and legal_form in forms", "and legal_form in forms and kind == officer"))
    assert problems() == [
        "rules/seat.yaml:10:70 match.company: cannot compare text 'kind' with phrase 'officer'"
    ]


def test_two_adoptions_reported_under_one_id_are_a_duplicate() -> None:
    write(pack=edit(PACK, "as: test.association-seat", "as: test.company-seat"))
    assert problems() == [
        "policies/t-pack/pack.yaml:13:11 adopts[1].rule: rule 'test.company-seat' is adopted "
        "twice (also adopts[0])"
    ]


def test_an_id_to_report_as_must_look_like_a_rule_id() -> None:
    write(pack=edit(PACK, "as: test.company-seat", "as: Company Seat"))
    [line] = problems()
    assert line.startswith("policies/t-pack/pack.yaml:9:9 adopts[0].as: ")


READINGS = {
    "ca.conflict-transaction-unapproved": (
        "a plain officer_of relation alone is not enough",
        "holds a representative_director seat active on the day it begins",
        "by the board if the company has one (365(1)) and by the shareholders' meeting otherwise",
        "a tokurei yugen kaisha has no board",
        "the consent of all shareholders (all_shareholders) counts at any company",
        "An approval recorded with material_facts_disclosed: false is not an approval",
        "An executive_officer seat (執行役員, a business title outside the statute) is not",
        "  citation: 会社法 356条1項2号・3号, 365条1項; 419条2項 (執行役)",
    ),
    "ca.competing-transaction-unapproved": (
        "carries on business in the organisation's line",
        "by the board if the company has one (365(1))",
        "  citation: 会社法 356条1項1号, 365条1項; 419条2項 (執行役)",
    ),
    "ca.conflict-transaction-not-reported": (
        "a plain officer_of relation alone is not enough",
        'report_days is the pack\'s operational reading of "without delay" (遅滞なく)',
        "report_days = 30",
        "  citation: 会社法 365条2項; 419条2項 (執行役)",
    ),
    "ca.interested-director-voted": (
        "Only board resolutions count",
        "a plain officer_of relation alone is not enough",
        "  citation: 会社法 369条2項",
    ),
    "ca.member-transaction-unapproved": (
        "executive_member seat (業務を執行する社員)",
        "a majority of the members other than the one concerned",
        "a plain officer_of relation alone is not enough",
        "  citation: 会社法 595条1項",
    ),
    "ippan.conflict-transaction-unapproved": (
        "by the board (理事会) where the association has one (has_board, 92(1)) and always in a "
        "general foundation",
        "else by the members' meeting (社員総会, body: members, 84(1))",
        "a plain officer_of relation alone is not enough",
        "  citation: 一般社団法人及び一般財団法人に関する法律 84条1項2号・3号, 92条1項; 197条 "
        "(一般財団法人)",
    ),
    "ippan.competing-transaction-unapproved": (
        "always in a general foundation",
        "  citation: 一般社団法人及び一般財団法人に関する法律 84条1項1号, 92条1項; 197条 "
        "(一般財団法人)",
    ),
    "ippan.conflict-transaction-not-reported": (
        "in every general foundation, which always has a board whatever has_board says (197)",
        'report_days is the pack\'s operational reading of "without delay" (遅滞なく)',
        "  citation: 一般社団法人及び一般財団法人に関する法律 92条2項; 197条 (一般財団法人)",
    ),
    "ippan.interested-director-voted": (
        "Only board resolutions count",
        "  citation: 一般社団法人及び一般財団法人に関する法律 95条2項; 197条 (一般財団法人)",
    ),
}


@pytest.mark.parametrize("rule", sorted(READINGS))
def test_explain_states_the_reading_of_each_corporate_law_rule(rule: str) -> None:
    result = CliRunner().invoke(cli, ["explain", rule, "--lang", "en"])
    assert result.exit_code == 0, result.output
    for reading in READINGS[rule]:
        assert reading in result.output
    japanese = CliRunner().invoke(cli, ["explain", rule, "--lang", "ja"]).output
    assert "officer_of" in japanese or rule.endswith("competing-transaction-unapproved")
