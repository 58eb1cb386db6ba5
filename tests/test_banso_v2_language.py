"""What banso-shien v2 added to the rule language and the facts: fiscal years and their totals,
gifts as facts of their own, bids counted as relatives', constant folding, `message_due`, the
`relatives` setting, and the messages that now say who may approve and whether a condition is
still open."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

import governance
from governance.api import load_packs
from governance.errors import PolicyError, RegisterError
from governance.language.facts import FACT_TYPES, fiscal_year, from_day
from governance.normalise.facts import normalise
from tests.test_compiler import LATE, PACK, edit, problems, write


@pytest.fixture(autouse=True)
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in `tmp_path`, so compile problems name files relative to it."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _register(**lists: Any) -> dict[str, Any]:
    parties = [
        {"id": "P-TANAKA", "type": "person", "name": "田中 一郎", "roles": ["supporter"]},
        {"id": "P-JIRO", "type": "person", "name": "田中 次郎"},
        {"id": "P-SATO", "type": "person", "name": "佐藤 花子", "roles": ["reviewer"]},
        {"id": "O-FISH", "type": "organization", "name": "気仙沼水産株式会社"},
        {"id": "O-OTHER", "type": "organization", "name": "大船渡食品株式会社"},
        {
            "id": "M-KSN",
            "type": "organization",
            "name": "気仙沼市",
            "legal_form": "municipality",
        },
    ]
    return {
        "apiVersion": "governance/v1",
        "kind": "Register",
        "parties": parties + lists.pop("parties", []),
        "engagements": [
            {
                "id": "ENG-1",
                "supporter": "P-TANAKA",
                "client": "O-FISH",
                "funder": "M-KSN",
                "scheme": "commission",
                "public_funds": True,
                "start": "2026-04-01",
            }
        ],
        **lists,
    }


def _collaboration(ident: str, start: str, value: int, entity: str = "O-FISH") -> dict[str, Any]:
    return {
        "id": ident,
        "type": "collaboration",
        "holder": "P-TANAKA",
        "entity": entity,
        "start": start,
        "kind": "sale",
        "value": value,
    }


def _facts(data: dict[str, Any], as_of: date) -> list[dict[str, Any]]:
    return normalise(governance.load_register_data(data), as_of).items


# --- fiscal years -----------------------------------------------------------------------------


def test_a_fiscal_year_runs_from_april_to_march() -> None:
    assert [fiscal_year(date(2027, 3, 31)), fiscal_year(date(2027, 4, 1))] == [2026, 2027]
    assert fiscal_year(date(2026, 1, 1)) == 2025


def test_year_total_sums_one_holders_business_with_one_entity_in_the_fiscal_year() -> None:
    data = _register(
        interests=[
            _collaboration("COL-1", "2026-04-01", 60_000),
            _collaboration("COL-2", "2027-03-31", 40_000),
            _collaboration("COL-3", "2027-04-01", 7_000),  # the next fiscal year
            _collaboration("COL-4", "2026-05-01", 9_000, entity="O-OTHER"),  # another entity
            _collaboration("COL-5", "2026-12-01", 5_000),  # begun after as_of: not yet
        ]
    )
    facts = _facts(data, date(2026, 11, 30))
    totals = {f["id"]: (f["fiscal_year"], f["year_total"]) for f in facts if f["t"] == "interest"}
    assert totals == {"COL-1": (2026, 60_000), "COL-4": (2026, 9_000)}
    facts = _facts(data, date(2027, 4, 1))
    totals = {f["id"]: (f["fiscal_year"], f["year_total"]) for f in facts if f["t"] == "interest"}
    assert totals == {
        "COL-1": (2026, 105_000),
        "COL-2": (2026, 105_000),
        "COL-3": (2027, 7_000),
        "COL-4": (2026, 9_000),
        "COL-5": (2026, 105_000),
    }


def test_a_gift_is_a_fact_of_its_own_with_its_attributions() -> None:
    gift = {
        "id": "GIFT-1",
        "type": "gift",
        "holder": "P-TANAKA",
        "entity": "O-FISH",
        "start": "2026-07-10",
        "value": 8000,
        "kind": "hospitality",
    }
    facts = _facts(_register(interests=[gift]), date(2026, 8, 1))
    gifts = [f for f in facts if f["t"] == "gift"]
    assert [(g["id"], g["value"], g["kind"], g["year_total"]) for g in gifts] == [
        ("GIFT-1", 8000, "hospitality", 8000)
    ]
    assert set(gifts[0]) - {"t", "k"} == set(FACT_TYPES["gift"])
    assert not [f for f in facts if f["t"] == "interest"]
    assert [(a["person"], a["via"]) for a in facts if a["t"] == "attribution"] == [
        ("P-TANAKA", "self")
    ]


def test_a_bid_counts_as_the_bidders_relatives_in_either_direction_but_never_an_organisations() -> (
    None
):
    data = _register(
        relations=[
            {"from": "P-TANAKA", "to": "P-JIRO", "type": "parent"},
            {"from": "O-OTHER", "to": "P-JIRO", "type": "parent"},  # an organisation: no relative
        ],
        bids=[
            {
                "id": "BID-1",
                "bidder": "P-JIRO",
                "procurer": "M-KSN",
                "title": "清掃業務",
                "method": "open",
                "submitted_on": "2026-09-01",
            }
        ],
    )
    facts = _facts(data, date(2026, 10, 1))
    counted = sorted((a["person"], a["via"]) for a in facts if a["t"] == "attribution")
    assert counted == [("P-JIRO", "self"), ("P-TANAKA", "parent")]
    relatives = sorted((r["person"], r["relative"]) for r in facts if r["t"] == "relative")
    assert relatives == [("P-JIRO", "P-TANAKA"), ("P-TANAKA", "P-JIRO")]
    (bid,) = [f for f in facts if f["t"] == "bid"]
    assert (from_day(bid["submitted_on"]), bid["fiscal_year"], bid["amount"]) == (
        date(2026, 9, 1),
        2026,
        0,
    )


# --- the register ---------------------------------------------------------------------------


def test_a_review_may_cover_a_bid_and_a_waiver_name_one() -> None:
    bid = {
        "id": "BID-1",
        "bidder": "P-TANAKA",
        "procurer": "M-KSN",
        "title": "設計業務",
        "method": "negotiated",
        "submitted_on": "2026-09-01",
        "awarded": True,
        "amount": 900_000,
    }
    review = {
        "id": "RV-1",
        "interests": ["BID-1"],
        "reviewer": "P-SATO",
        "decision": "approved",
        "decided_on": "2026-08-25",
    }
    waiver = {
        "id": "W-1",
        "rule": "procurement.participation",
        "subject": "BID-1",
        "requested_by": "P-TANAKA",
        "approved_by": "M-KSN",
        "approved_on": "2026-08-25",
        "expires_on": "2027-03-31",
        "reason": "他に受注者がいない",
    }
    register = governance.load_register_data(
        _register(bids=[bid], reviews=[review], waivers=[waiver])
    )
    assert [b.method for b in register.bids] == ["negotiated"]


def test_bad_bids_pledges_and_permissions_are_reported_at_once() -> None:
    data = _register(
        bids=[
            {
                "id": "BID-1",
                "bidder": "P-TANAK",
                "procurer": "M-KSN",
                "title": "設計業務",
                "method": "negotiatd",
                "submitted_on": "2026-09-01",
            }
        ],
        pledges=[
            {
                "id": "PL-1",
                "party": "P-TANAKA",
                "filed_to": "M-KSN",
                "signed_on": "2026-04-01",
                "covers": ["O-FISH"],
            }
        ],
        permissions=[
            {
                "id": "PERM-1",
                "party": "P-TANAKA",
                "interest": "ENG-1",
                "granted_by": "M-KSN",
                "granted_on": "2026-04-01",
            }
        ],
    )
    with pytest.raises(RegisterError) as caught:
        governance.load_register_data(data)
    messages = [p.message for p in caught.value.problems]
    assert messages == [
        "unknown party 'P-TANAK' (did you mean 'P-TANAKA'?)",
        "expected one of open, designated, negotiated; got 'negotiatd' (did you mean "
        "'negotiated'?)",
        "'ENG-1' is an engagement, expected an interest",
        "'O-FISH' is a party, expected an engagement",
    ]


# --- the rule language ------------------------------------------------------------------------


def test_a_message_while_due_needs_a_deadline() -> None:
    rule = edit(LATE, "deadline: interest.start + grace\n", "")
    rule += 'message_due: {en: "{interest.id} is open", ja: "{interest.id} は未了"}\n'
    write(rule)
    assert problems() == ["rules/late.yaml:13:14 message_due: a message while due needs a deadline"]


def test_a_test_on_parameters_alone_is_decided_when_the_pack_compiles() -> None:
    rule = edit(LATE, "params: {grace: days}", "params: {grace: days, kinds: ids}")
    rule = edit(
        rule,
        "filed_on <= interest.start + grace",
        "filed_on <= interest.start + grace and 'late' in kinds",
    )
    pack = edit(PACK, "params: {grace: 30}", "params: {grace: 30, kinds: [late]}")
    write(rule, pack)
    (late,) = load_packs(["t-pack"], policies=Path("policies"), rules=[Path("rules")])[0].rules
    assert [p.binding for p in late.patterns] == ["interest", "disclosure"]
    write(rule, edit(pack, "kinds: [late]", "kinds: [early]"))
    (late,) = load_packs(["t-pack"], policies=Path("policies"), rules=[Path("rules")])[0].rules
    assert [p.binding for p in late.patterns] == ["interest"]  # absent of nothing: dropped


def test_a_pattern_that_can_never_match_is_a_compile_error() -> None:
    rule = edit(LATE, "params: {grace: days}", "params: {grace: days, kinds: ids}")
    rule = edit(rule, "  interest: interest\n", "  interest: interest where 'x' in kinds\n")
    write(rule, edit(PACK, "params: {grace: 30}", "params: {grace: 30, kinds: [y]}"))
    assert problems() == [
        "rules/late.yaml:9:13 match.interest: this condition is always false with the pack's values"
    ]


def test_relatives_are_family_relation_types() -> None:
    write(LATE, edit(PACK, "adopts:", "relatives: [parent, controls]\nadopts:"))
    with pytest.raises(PolicyError) as caught:
        load_packs(["t-pack"], policies=Path("policies"), rules=[Path("rules")])
    assert "relatives[1]" in str(caught.value)
    assert "got 'controls'" in str(caught.value)


def test_the_pack_hands_its_relatives_to_rules() -> None:
    rule = edit(
        LATE,
        "  interest: interest\n",
        "  interest: interest where 'sibling' in relative_relations\n",
    )
    write(rule, edit(PACK, "adopts:", "relatives: [sibling]\nadopts:"))
    (late,) = load_packs(["t-pack"], policies=Path("policies"), rules=[Path("rules")])[0].rules
    assert late.patterns[0].condition is None  # always true: no test left


# --- the messages -------------------------------------------------------------------------------


def _finding(data: dict[str, Any], as_of: date, rule: str) -> governance.Finding:
    packs = governance.load_packs(["banso-shien"])
    report = governance.evaluate(governance.load_register_data(data), packs, as_of=as_of)
    (found,) = [f for f in report.findings if f.rule == rule]
    return found


def test_a_condition_is_open_while_due_and_not_met_once_overdue() -> None:
    data = _register(
        interests=[
            {
                "id": "INV-1",
                "type": "investment",
                "holder": "P-TANAKA",
                "entity": "O-FISH",
                "start": "2026-06-01",
                "equity_pct": 5,
            }
        ],
        reviews=[
            {
                "id": "RV-1",
                "interests": ["INV-1"],
                "reviewer": "P-SATO",
                "decision": "approved_with_conditions",
                "decided_on": "2026-05-20",
                "conditions": [{"id": "C-1", "text": "議決権行使の回避", "due": "2026-12-31"}],
            }
        ],
    )
    due = _finding(data, date(2026, 12, 31), "review.condition-overdue")
    assert (due.state, due.message.en, due.message.ja) == (
        "due",
        "The condition C-1 of the review RV-1 is open and falls due on 31 December 2026.",
        "審査（RV-1）の承認条件（C-1）は未充足であり、期限は2026年12月31日です。",
    )
    overdue = _finding(data, date(2027, 1, 1), "review.condition-overdue")
    assert (overdue.state, overdue.message.en) == (
        "overdue",
        "The condition C-1 of the review RV-1 was due on 31 December 2026 and has not been met "
        "in time.",
    )


def test_an_invalid_waiver_names_who_may_approve() -> None:
    data = _register(
        interests=[_collaboration("COL-1", "2026-09-01", 3_000_000)],
        waivers=[
            {
                "id": "W-1",
                "rule": "collaboration.during-engagement",
                "subject": "COL-1",
                "requested_by": "P-TANAKA",
                "approved_by": "O-FISH",
                "approved_on": "2026-09-01",
                "expires_on": "2027-03-31",
                "reason": "地域唯一の加工業者",
            }
        ],
    )
    found = _finding(data, date(2026, 10, 1), "waiver.invalid")
    assert found.message.en == (
        "The waiver W-1 of “Business with the client during a publicly funded engagement” for "
        "COL-1, approved by 気仙沼水産株式会社, is not valid and waives nothing (who may approve: "
        "the committee, the payer of the engagement)."
    )
    assert found.message.ja.endswith(
        "指摘を免除しません（承認できる者：委員会、支援契約の費用負担者）。"
    )
