"""Loading valid registers: files, folders, text and Python data, with positions kept."""

from __future__ import annotations

import copy
import pickle
from datetime import date
from pathlib import Path

import pytest

from governance import RegisterError, load_register, load_register_data
from governance.loading import load_register_text
from governance.register.records import BoardSeat, Investment
from tests.conftest import EXAMPLE, SMALL


def test_a_yaml_register_loads_into_typed_frozen_facts(small_register: Path) -> None:
    register = load_register(small_register)
    assert register.metadata.name == "kesennuma-2027"
    assert register.metadata.as_of == date(2027, 3, 31)
    assert register.metadata.currency == "JPY"
    investment, seat = register.interests
    assert isinstance(investment, Investment)
    assert investment.equity_pct == 12.5
    assert investment.amount == 5_000_000
    assert isinstance(seat, BoardSeat)
    assert seat.role == "director"
    assert register.relations[0].from_ == "P-TANAKA"
    assert register.reviews[0].conditions[0].due == date(2026, 12, 31)
    assert register.reviews[0].conditions[0].met_on is None
    with pytest.raises(AttributeError, match="immutable"):
        investment.equity_pct = 50  # type: ignore[misc]
    with pytest.raises(AttributeError, match="read-only"):
        register.interests = ()  # type: ignore[misc]
    again = pickle.loads(pickle.dumps(register))
    assert again == register == copy.deepcopy(register)
    assert again.locate("interests", 1) == register.locate("interests", 1)
    assert dict(register)["interests"] == register.interests
    assert [name for name, _ in register][:3] == ["api_version", "kind", "metadata"]


def test_every_fact_keeps_its_line_and_column(small_register: Path) -> None:
    register = load_register(small_register)
    located = register.locate("interests", 1)
    assert located is not None
    assert (located.file, located.line, located.column) == (str(small_register), 19, 5)
    field = register.locate("interests", 0, "equity_pct")
    assert field is not None
    assert (field.line, field.column) == (18, 18)


def test_json_positions_are_found_in_the_text(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_text(
        '{"apiVersion": "governance/v1", "kind": "Register",\n'
        ' "parties": [\n'
        '  {"id": "P-1", "type": "person", "name": "a"},\n'
        '  {"id": "O-1", "type": "organization", "name": "b"}\n'
        " ],\n"
        ' "interests": [\n'
        '  {"id": "I-1", "type": "remuneration", "holder": "P-1", "entity": "O-1",'
        ' "start": "2026-01-01", "amount": 10}\n'
        " ]}\n",
        encoding="utf-8",
    )
    register = load_register(path)
    assert str(register.locate("parties", 1)) == f"{path}:4:3"
    assert str(register.locate("interests", 0, "amount")) == f"{path}:7:108"


def test_a_folder_is_merged_in_name_order_keeping_each_facts_file(tmp_path: Path) -> None:
    head = "apiVersion: governance/v1\nkind: Register\n"
    (tmp_path / "a-parties.yaml").write_text(
        head
        + "metadata: {name: merged}\nparties:\n"
        + "  - {id: P-1, type: person, name: a}\n  - {id: O-1, type: organization, name: b}\n",
        encoding="utf-8",
    )
    (tmp_path / "b-interests.json").write_text(
        '{"apiVersion": "governance/v1", "kind": "Register", "interests": [\n'
        '{"id": "I-1", "type": "remuneration", "holder": "P-1", "entity": "O-1",'
        ' "start": "2026-01-01", "amount": 10}]}',
        encoding="utf-8",
    )
    (tmp_path / "notes.txt").write_text("not a register", encoding="utf-8")
    register = load_register(tmp_path)
    assert register.metadata.name == "merged"
    assert [p.id for p in register.parties] == ["P-1", "O-1"]
    assert register.interests[0].holder == "P-1"
    assert str(register.locate("interests", 0)) == f"{tmp_path / 'b-interests.json'}:2:1"


def test_a_duplicate_id_across_files_names_both_files(tmp_path: Path) -> None:
    head = "apiVersion: governance/v1\nkind: Register\nparties:\n"
    (tmp_path / "a.yaml").write_text(head + "  - {id: P-1, type: person, name: a}\n")
    (tmp_path / "b.yaml").write_text(head + "  - {id: P-1, type: person, name: b}\n")
    with pytest.raises(RegisterError) as caught:
        load_register(tmp_path)
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    assert str(caught.value) == (
        f"{b}:4:10 parties[0].id: duplicate id 'P-1' (first defined at {a}:4:10)"
    )


def test_conflicting_metadata_across_files_is_an_error(tmp_path: Path) -> None:
    head = "apiVersion: governance/v1\nkind: Register\n"
    (tmp_path / "a.yaml").write_text(head + "metadata: {name: one}\n")
    (tmp_path / "b.yaml").write_text(head + "metadata: {name: two}\n")
    with pytest.raises(RegisterError) as caught:
        load_register(tmp_path)
    assert str(caught.value) == (
        f"{tmp_path / 'b.yaml'}:3:18 metadata.name: expected the same value as in "
        f"{tmp_path / 'a.yaml'}:3:18, got 'two' (there: 'one')"
    )


def test_an_empty_folder_and_a_missing_file_are_errors(tmp_path: Path) -> None:
    with pytest.raises(RegisterError) as caught:
        load_register(tmp_path, tmp_path / "missing.yaml")
    assert str(caught.value) == (
        f"{tmp_path}: the folder holds no .yaml, .yml or .json file\n"
        f"{tmp_path / 'missing.yaml'}: no such file"
    )


def test_a_link_out_of_the_folder_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text(SMALL, encoding="utf-8")
    folder = tmp_path / "register"
    folder.mkdir()
    (folder / "a.yaml").write_text(SMALL, encoding="utf-8")
    (folder / "b.yaml").symlink_to(outside)
    with pytest.raises(RegisterError) as caught:
        load_register(folder)
    assert str(caught.value) == f"{folder / 'b.yaml'}: links outside the folder {folder}; not read"


def test_text_is_read_as_json_or_yaml() -> None:
    from_yaml = load_register_text(SMALL.encode("utf-8"))
    json_text = from_yaml.to_json()
    from_json = load_register_text(json_text)
    assert from_json.to_data() == from_yaml.to_data()
    assert from_json == from_yaml


def test_python_data_is_validated_with_paths_but_no_lines() -> None:
    with pytest.raises(RegisterError) as caught:
        load_register_data(
            {"apiVersion": "governance/v1", "kind": "Register", "parties": [{"id": "P 1"}]}
        )
    assert str(caught.value) == (
        "<data> parties[0]: missing required field 'type' (one of person, organization)"
    )


def test_yaml_values_keep_their_meaning() -> None:
    text = SMALL.replace("name: 田中 一郎", "name: 'no'").replace(
        "equity_pct: 12.5", "equity_pct: 12"
    )
    register = load_register_text(text)
    assert register.parties[0].name == "no"
    assert register.interests[0].equity_pct == 12.0  # type: ignore[union-attr]


def test_a_small_anchor_and_alias_are_fine() -> None:
    text = SMALL.replace("roles: [supporter]}", "roles: &roles [supporter]}") + "  # reuse\n"
    text = text.replace("name: 佐藤 花子, roles: [reviewer]", "name: 佐藤 花子, roles: *roles")
    register = load_register_text(text)
    assert register.parties[4].roles == ("supporter",)


def test_every_problem_of_the_file_is_reported_at_once(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(
        SMALL.replace("equity_pct: 12.5", "equity_pct: 120")
        .replace("supporter: P-TANAKA", "supporter: P-TANAK")
        .replace("decided_on: 2026-06-25", "decided_on: 2026-06-31")
        .replace("filed_to: M-KSN", "filed_to: INV-1"),
        encoding="utf-8",
    )
    with pytest.raises(RegisterError) as caught:
        load_register(path)
    assert [str(p).split(" ", 1)[1] for p in caught.value.problems] == [
        "engagements[0].supporter: unknown party 'P-TANAK' (did you mean 'P-TANAKA'?)",
        "interests[0].equity_pct: expected a number from 0 to 100, got 120",
        "disclosures[0].filed_to: 'INV-1' is an interest, expected a party",
        "reviews[0].decided_on: expected a real date (YYYY-MM-DD), got '2026-06-31'",
    ]


def test_the_example_register_loads() -> None:
    register = load_register(EXAMPLE)
    supporters = {e.supporter for e in register.engagements}
    assert len(supporters) >= 8
    assert register.metadata.as_of is not None


def test_free_text_may_hold_tabs_and_lines_but_names_and_ids_may_not() -> None:
    text = (
        SMALL.replace("text: 議決権行使の回避", 'text: "議決権行使の回避\\n（第2回まで）"')
        .replace("roles: [reviewer]}", 'roles: [reviewer], note: "a\\tb\\nc"}')
        .replace("metadata: {", 'metadata: {description: "two\\nlines", ')
    )
    register = load_register_text(text)
    assert register.reviews[0].conditions[0].text == "議決権行使の回避\n（第2回まで）"
    assert register.parties[4].note == "a\tb\nc"
    assert register.metadata.description == "two\nlines"
    with pytest.raises(RegisterError) as caught:
        load_register_text(text.replace("name: 佐藤 花子", 'name: "佐藤\\t花子"'))
    assert str(caught.value) == (
        "<stdin>:10:38 parties[4].name: expected a non-empty name on one line, "
        "found U+0009 (TAB) at character 3"
    )
