"""Issue #14: what a policy author without Python does, and what they must be told.

Each test copies the worked example of the README (tests/fixtures/author: a rule, its cases, a
pack and a Japanese feature), makes the author's mistake or writes the author's sentence, and runs
the command line as the author would.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from governance.cli import cli
from governance.scenarios.matching import closest_patterns

AUTHOR = Path(__file__).parent / "fixtures" / "author"
RULE = "rules/remuneration-large.yaml"
CASES = "rules/remuneration-large_test.yaml"
PACK = "my-pack/pack.yaml"
FEATURE = "features/remuneration.feature"


@pytest.fixture
def policies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(AUTHOR, tmp_path / "my-policies")
    return Path("my-policies")


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def run(*args: str, lang: str = "en_US.UTF-8") -> Result:
    return CliRunner(env={"LANG": lang}).invoke(cli, list(args))


def test_the_worked_example_validates_and_runs_with_two_commands(policies: Path) -> None:
    checked = run("validate", str(policies))
    assert (checked.exit_code, checked.stdout) == (0, "1 rule, 1 pack, 2 rule cases: no problems\n")
    tested = run("test", str(policies))
    assert tested.exit_code == 0, tested.output
    assert "2 rule cases: 2 passed\n" in tested.stdout
    assert tested.stdout.endswith("2 scenarios: 2 passed\n")


def test_a_clean_validate_of_the_builtin_policies_prints_counted_totals() -> None:
    result = run("validate")
    assert result.exit_code == 0
    from governance.api.packs import lint

    counted = lint([])
    assert result.stdout == (
        f"{counted.rules} rules, {counted.packs} packs, {counted.cases} rule cases: no problems\n"
    )
    assert counted.rules > 15 and counted.packs > 1 and counted.cases > 300


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "type == 'remuneration'",
            "type == 'renumeration'",
            "36 match.interest: interest.type is never 'renumeration' (did you mean "
            "'remuneration'?); it is one of investment, board_seat, collaboration, remuneration, "
            "competition",
        ),
        (
            "type == 'remuneration' and",
            "type == 'remuneration' and kind in ('leese', 'sale') and",
            "64 match.interest: interest.kind is never 'leese' (did you mean 'lease'?); it is one "
            "of service, sale, purchase, license, loan, lease, joint_venture, guarantee",
        ),
    ],
)
def test_a_misspelt_value_of_a_closed_field_is_a_located_compile_error(
    policies: Path, old: str, new: str, message: str
) -> None:
    edit(policies / RULE, old, new)
    result = run("validate", str(policies))
    assert result.exit_code == 3
    assert result.stderr.startswith(f"{policies / RULE}:12:{message}\n")


def test_the_closed_sets_come_from_the_register_model() -> None:
    from governance.language.closed import closed_values
    from governance.register.models import RelationType

    assert closed_values()[("attribution", "via")] == ("self", *RelationType.__args__)
    assert closed_values()[("review", "decision")] == (
        "approved",
        "approved_with_conditions",
        "rejected",
        "pending",
    )


def test_a_misspelt_field_in_a_case_fact_is_located_in_the_case_file(policies: Path) -> None:
    edit(policies / CASES, "amount: 600000", "amout: 600000")
    result = run("validate", str(policies))
    assert result.exit_code == 3
    where = policies / CASES
    assert result.stderr == (
        f"{where}:16:11 cases[0].facts.interests[0]: missing required field 'amount'\n"
        f"{where}:16:95 cases[0].facts.interests[0]: unknown field 'amout' "
        "(did you mean 'amount'?)\n"
        "1 rule, 1 pack, 2 rule cases: 2 problems.\n"
    )
    tested = run("test", str(policies))
    assert tested.exit_code == 4
    assert f"✗ {where}:16:95 cases[0].facts.interests[0]: unknown field 'amout'" in tested.stdout


def test_an_expectation_naming_an_unknown_subject_or_state(policies: Path) -> None:
    edit(policies / CASES, "subject: REM-1, state: violation", "subject: REM-2, state: violaton")
    result = run("validate", str(policies))
    assert result.exit_code == 3
    assert f"{policies / CASES}:17:38 cases[0].expect[0].state: expected one of violation, " in (
        result.stderr
    )
    edit(policies / CASES, "violaton", "violation")
    result = run("validate", str(policies))
    assert result.stderr.splitlines()[0] == (
        f"{policies / CASES}:17:24 cases[0].expect[0].subject: unknown subject 'REM-2' "
        "(did you mean 'REM-1'?): no fact of this case has that id"
    )


def test_a_case_file_naming_an_unknown_rule(policies: Path) -> None:
    edit(policies / CASES, "rule: remuneration.large", "rule: remuneration.larg")
    result = run("validate", str(policies))
    assert result.stderr.splitlines()[0] == (
        f"{policies / CASES}:3:7 rule: unknown rule 'remuneration.larg' "
        "(did you mean 'remuneration.large'?)"
    )


def test_policies_without_pack_uses_the_packs_found_there(policies: Path) -> None:
    register = Path("r.yaml")
    register.write_text(
        "apiVersion: governance/v1\nkind: Register\nparties:\n"
        "  - {id: P-SATO, type: person, name: 佐藤 一郎, roles: [supporter]}\n"
        "  - {id: O-BERRY, type: organization, name: 有限会社大島ベリー}\n"
        "engagements:\n"
        "  - {id: ENG-1, supporter: P-SATO, client: O-BERRY, scheme: private, start: 2026-04-01}\n"
        "interests:\n"
        "  - {id: REM-1, type: remuneration, holder: P-SATO, entity: O-BERRY, start: 2026-05-01,"
        " amount: 900000}\n",
        encoding="utf-8",
    )
    checked = run("check", str(register), "--policies", str(policies), "--as-of", "2026-08-01")
    assert checked.exit_code == 1, checked.output
    assert "remuneration.large" in checked.stdout and "1 finding" in checked.stdout
    explained = run("explain", "remuneration.large", "--policies", str(policies))
    assert explained.exit_code == 0, explained.output
    assert explained.stdout.startswith("remuneration.large (version 1) in my-pack:")
    coverage = run("test", str(policies / "features"), "--policies", str(policies), "--coverage")
    assert "remuneration.large" in coverage.stdout
    assert "rule coverage: 100.0% (2 of 2)" in coverage.stdout


def test_a_failing_case_shows_expected_and_actual_and_exits_4(policies: Path) -> None:
    edit(policies / CASES, "amount: 500000}\n    expect: []", "amount: 500001}\n    expect: []")
    result = run("test", str(policies / "rules"), "--policies", str(policies))
    assert result.exit_code == 4
    assert result.stdout == (
        f"remuneration.large  # {policies / CASES}\n"
        "  ✓ fires above the limit  # line 12\n"
        "  ✗ quiet at the limit  # line 18\n"
        "      expected:\n"
        "        (no findings)\n"
        "      actual:\n"
        "        REM-1 violation\n"
        "\n"
        "2 rule cases: 1 passed, 1 failed\n"
    )


def test_schema_rule_test_describes_the_case_files() -> None:
    import json

    import jsonschema

    result = run("schema", "rule-test")
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["properties"]["kind"] == {"const": "RuleTest", "title": "Kind", "type": "string"}
    bad = {
        "apiVersion": "governance/v1",
        "kind": "RuleTest",
        "rule": "a.b",
        "pack": "p",
        "cases": [{"name": "n", "as_of": "2026-01-01", "expect": [], "facts": {"interests": [{}]}}],
    }
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(bad))


def test_one_type_error_is_reported_alone(policies: Path) -> None:
    edit(policies / RULE, "amount > limit", "amount > engagement.start")
    edit(
        policies / RULE,
        "subject: interest",
        "  absent disclosure: disclosure where interest == interest.id\nsubject: interest",
    )
    result = run("validate", str(policies))
    assert result.exit_code == 3
    lines = result.stderr.splitlines()
    assert len(lines) == 2, result.stderr
    assert "cannot compare money 'amount' with date 'engagement.start'" in lines[0]
    assert "matched later" not in result.stderr and "subject" not in result.stderr


def test_every_problem_of_a_pack_entry_at_once(policies: Path) -> None:
    edit(policies / PACK, "severity: high", "severity: hihg")
    edit(policies / PACK, "limit: 500000", 'limit: "500,000"')
    result = run("validate", str(policies))
    assert result.stderr.splitlines() == [
        f"{policies / PACK}:8:21 adopts[0].params.limit: expected a whole, non-negative amount "
        "of money, got '500,000'",
        f"{policies / PACK}:9:15 adopts[0].severity: expected one of critical, high, medium, "
        "low, info; got 'hihg' (did you mean 'high'?)",
        "1 rule, 1 pack, 2 rule cases: 2 problems.",
    ]


def test_a_single_equals_says_use_double_equals(policies: Path) -> None:
    edit(policies / RULE, "type == 'remuneration'", "type = 'remuneration'")
    result = run("validate", str(policies))
    assert result.stderr.splitlines()[0] == (
        f"{policies / RULE}:12:33 match.interest: '=' assigns; use == to compare"
    )


def test_suggestions_follow_the_wording_of_the_step() -> None:
    japanese = closest_patterns('"佐藤" は 2026-06-01 に "唐桑" へ 10% を出資しました')
    assert all("出資" in p or "株式" in p for p in japanese), japanese
    english = closest_patterns('"Sato" invested 10% into "Karakuwa" on 2026-06-01')
    assert all("invest" in p or "holds" in p for p in english), english
    seat = closest_patterns('"佐藤" は "唐桑" の取締役になりました')
    assert all("{role:role}" in p for p in seat), seat


FEATURE_HEAD = """# language: ja
機能: 書き方
  背景:
    前提 ポリシーパック "banso-shien" を使う
    かつ 支援者 "佐藤 一郎" がいる
    かつ 会社 "有限会社唐桑かき" がある
    かつ 自治体 "気仙沼市" がある
    かつ "佐藤" は 2026-04-01 から "唐桑かき" を伴走支援する（"ENG-1"）
    かつ "ENG-1" の資金提供者は "気仙沼市"

  シナリオ: 書き方
"""


def run_feature(
    tmp_path: Path, steps: str, lang: str = "en_US.UTF-8", head: str = FEATURE_HEAD
) -> Result:
    path = tmp_path / "f.feature"
    path.write_text(head + steps, encoding="utf-8")
    return run("test", str(path), lang=lang)


@pytest.mark.parametrize(
    "given",
    [
        '"佐藤" は 2026-06-01 に "唐桑かき" へ 10% 出資した（"INV-1"）',
        '"佐藤" は "唐桑かき" に 2026-06-01 に 10% 出資した（"INV-1"）',
        '"佐藤"は2026-06-01に"唐桑かき"へ10%出資した（"INV-1"）',
        '"佐藤" は 2026-06-01 に "唐桑かき" の 取締役 に就任した（"INV-1"）',
        '"佐藤" は 2026-06-01 に "唐桑かき" と 800,000円 の 販売取引をした（"INV-1"）',
        '"唐桑かき" は 2026-06-01 から "佐藤" に 600,000円 の報酬を支払っている（"INV-1"）',
    ],
)
def test_japanese_interest_steps_as_people_write_them(tmp_path: Path, given: str) -> None:
    result = run_feature(
        tmp_path,
        f"    前提 {given}\n    もし 2026-08-01 時点で確認する\n"
        '    ならば "INV-1" の "disclosure.missing" が期限超過\n',
    )
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("word", "relation"),
    [("妻", "spouse"), ("夫", "spouse"), ("配偶者", "spouse"), ("父", "parent"),
     ("母", "parent"), ("子", "child"), ("兄", "sibling"), ("姉", "sibling"),
     ("弟", "sibling"), ("妹", "sibling")],
)  # fmt: skip
def test_family_words_map_to_relation_types(word: str, relation: str) -> None:
    from governance.scenarios.vocabulary import RELATION, lookup

    assert lookup(RELATION, f"の{word}") == (True, relation)
    assert lookup(RELATION, f"の {word}") == (True, relation)


def test_a_spouse_in_plain_words_attributes_the_investment(tmp_path: Path) -> None:
    result = run_feature(
        tmp_path,
        '    前提 人物 "佐藤 由美" がいる\n'
        '    かつ "佐藤 由美" は "佐藤 一郎" の妻\n'
        '    かつ "佐藤 由美" は 2026-06-01 に "唐桑かき" へ 10% 出資した（"INV-1"）\n'
        "    もし 2026-08-01 時点で確認する\n"
        '    ならば "INV-1" の "disclosure.missing" が 期限超過\n',
    )
    assert result.exit_code == 0, result.output


def test_a_company_is_referred_to_by_its_short_name_and_its_form_is_read(tmp_path: Path) -> None:
    from governance.scenarios.names import legal_form_of, short_name

    assert [
        legal_form_of(n) for n in ("有限会社大島ベリー", "(株)はまなす", "けせんぬま一般社団法人")
    ] == [
        "tokurei_yugen_kaisha",
        "kabushiki_kaisha",
        "general_association",
    ]
    assert short_name("株式会社はまなす農園") == "はまなす農園"
    result = run_feature(
        tmp_path,
        '    前提 "佐藤" は 2026-06-01 から "唐桑かき" に 10% 出資している（"INV-1"）\n'
        "    もし 2026-08-01 時点で確認する\n"
        '    ならば "INV-1" の "disclosure.missing" が期限超過\n',
    )
    assert result.exit_code == 0, result.output


def test_runner_messages_are_japanese_under_lang_ja(tmp_path: Path) -> None:
    result = run_feature(
        tmp_path,
        '    前提 "佐藤" は 2026-06-01 から "唐桑かき" に 10% 出資している（"INV-1"）\n'
        "    もし 2026-08-01 時点で確認する\n"
        "    ならば 指摘は 5 件\n",
        lang="ja_JP.UTF-8",
        head=FEATURE_HEAD.replace("有限会社唐桑かき", "唐桑かき株式会社"),
    )
    assert result.exit_code == 4
    assert re.search(r"\n +指摘が5件のはずが\d件でした\n", result.stdout), result.stdout
    assert "期待した指摘:" in result.stdout
    assert result.stdout.endswith("シナリオ 1件: 成功 0件、失敗 1件\n")
