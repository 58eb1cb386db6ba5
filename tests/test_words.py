"""The one module of words and formats: names with 氏, dates, amounts, enum values, widths."""

from __future__ import annotations

from datetime import date

import pytest

from governance.findings import words
from governance.findings.words import Wording
from governance.register import models
from governance.render.text import pad, width

WORDING = Wording(
    names={"P-ABE": "阿部 聡", "O-COOP": "気仙沼湾漁業協同組合"},
    persons=frozenset({"P-ABE"}),
    titles={"collaboration.during-engagement": ("Business with the client", "支援先との取引")},
)


def test_a_person_carries_shi_in_japanese_and_an_organisation_its_registered_name() -> None:
    assert WORDING.party("P-ABE", "ja") == "阿部 聡氏"
    assert WORDING.party("P-ABE", "en") == "阿部 聡"
    assert WORDING.party("O-COOP", "ja") == "気仙沼湾漁業協同組合"
    assert WORDING.party("P-NOBODY", "ja") == "P-NOBODY"


def test_dates_and_amounts_in_prose() -> None:
    assert words.day(date(2026, 11, 1), "ja") == "2026年11月1日"
    assert words.day(date(2026, 11, 1), "en") == "1 November 2026"
    assert words.money(960000, "ja") == "960,000円"
    assert words.money(960000, "en") == "¥960,000"
    assert words.money(1200, "en", "USD") == "1,200 USD"
    assert words.days(365, "ja") == "365日"
    assert words.days(1, "en") == "1 day"


def test_placeholders_are_formatted_by_type_and_source() -> None:
    show = WORDING.show
    assert show("lease", "text", "ja", ("interest", "kind")) == "賃貸借"
    assert show("lease", "text", "en", ("interest", "kind")) == "lease"
    assert show("board_seat", "text", "ja", ("interest", "type")) == "役員就任"
    assert show("board_seat", "text", "en", ("interest", "type")) == "board seat"
    assert show("employed_by", "text", "ja", ("tie", "type")) == "雇用関係"
    assert show("collaboration.during-engagement", "text", "ja", ("waiver", "rule")) == (
        "支援先との取引"
    )
    assert show(date(2026, 6, 30), "date", "ja", None) == "2026年6月30日"
    assert show(960000, "money", "ja", None) == "960,000円"
    assert show(35.0, "percent", "ja", None) == "35%"
    assert show("P-ABE", "id", "ja", None) == "阿部 聡氏"
    assert show(None, "date", "ja", None) == "—"
    assert show(None, "date", "ja", ("condition", "met_on")) == "—"  # not met


def test_an_open_end_reads_as_still_running() -> None:
    assert WORDING.show(None, "date", "ja", ("interest", "end")) == "現在"
    assert WORDING.show(None, "date", "en", ("relation", "end")) == "present"
    assert WORDING.show(date(2027, 3, 31), "date", "en", ("interest", "end")) == "31 March 2027"


def test_a_seat_role_reads_as_the_statute_of_its_organisation_names_it() -> None:
    seats = Wording(
        forms={"O-FISH": "kabushiki_kaisha", "O-KANKO": "general_association", "O-GODO": ""}
    )
    seat = ("interest", "role")
    assert seats.show("director", "text", "ja", seat, "O-FISH") == "取締役"
    assert seats.show("director", "text", "ja", seat, "O-KANKO") == "理事"
    assert seats.show("director", "text", "en", seat, "O-KANKO") == "director"
    assert seats.show("representative_director", "text", "ja", seat, "O-KANKO") == "代表理事"
    assert seats.show("representative_director", "text", "ja", seat, "O-FISH") == "代表取締役"
    assert seats.show("statutory_executive_officer", "text", "ja", seat, "O-FISH") == "執行役"
    # an organisation whose form the register does not give, or none named: a company's words
    assert seats.show("director", "text", "ja", seat, "O-GODO") == "取締役"
    assert seats.show("director", "text", "ja", seat) == "取締役"
    assert words.seat_role("auditor", "general_foundation", "ja") == "監事"
    assert words.seat_role("auditor", "kabushiki_kaisha", "ja") == "監査役"
    assert words.seat_role("executive_member", "general_association", "ja") == "業務執行社員"


@pytest.mark.parametrize(
    ("table", "values"),
    [
        ("legal_form", models.LegalForm),
        ("relation_type", models.RelationType),
        ("scheme", models.Scheme),
        ("seat_role", models.SeatRole),
        ("collaboration_kind", models.CollaborationKind),
        ("decision", models.Decision),
        ("role", models.Role),
        ("body", models.ResolutionBody),
    ],
)
def test_every_enum_value_of_the_register_has_words_in_both_languages(
    table: str, values: object
) -> None:
    for value in values.__args__:  # type: ignore[attr-defined]
        en, ja = words.TERMS[table][value]
        assert en and ja and "_" not in en
        assert not ja.isascii()


def test_states_and_severities_read_as_an_officer_writes_them() -> None:
    assert [words.state(s, "ja") for s in ("violation", "due", "overdue", "waived")] == [
        "違反",
        "期限内",
        "期限超過",
        "例外承認済み",
    ]
    assert words.severity("critical", "ja") == "重大"


def test_terminal_width_counts_wide_text_emoji_and_combining_marks() -> None:
    assert width("阿部 聡") == 7
    assert width("e\u0301") == 1  # e + combining acute: one column
    assert width("👍") == 2
    assert pad("違反", 6) == "違反  "
