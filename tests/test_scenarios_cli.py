"""`governance test` and the step library behind it, as a policy author meets them."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from governance.cli import scenarios as scenarios_cli
from governance.scenarios import run_features, step_reference
from governance.scenarios.execution import run_step
from governance.scenarios.failures import StepFailure, UndefinedStep
from governance.scenarios.kinds import KINDS
from governance.scenarios.matching import find_step, is_japanese
from governance.scenarios.patterns import PLACEHOLDER
from governance.scenarios.session import Session
from governance.scenarios.steps import STEPS, StepDef
from governance.scenarios.vocabulary import VOCABULARIES
from governance.scenarios.world import World
from tests.conftest import ROOT

FEATURES = ROOT / "features"
DOCS = ROOT / "docs" / "steps.md"

NEW_FEATURE = """\
# language: ja
機能: 新しく書いた方針のシナリオ

  背景:
    前提 ポリシーパック "banso-shien" を使う
    かつ 支援者 "山本 亮" がいる
    かつ 会社 "株式会社はるかぜ農場" がある
    かつ 自治体 "気仙沼市" がある
    かつ 審査者 "林 由紀子" がいる
    かつ "山本" は 2026-04-01 から 2028-03-31 まで "株式会社はるかぜ農場" を伴走支援する（"ENG-Y"）
    かつ "ENG-Y" は "気仙沼市" の公的資金による

  @rule:review.missing @rule:disclosure.missing
  シナリオ: 顧問報酬は開示と事前の審査が必要
    前提 "山本" は 2026-05-01 から "株式会社はるかぜ農場" から 120万円 の報酬を受けている（"REM-1"）
    かつ 基準日は 2026-07-01
    もし 登録簿を確認する
    ならば 指摘は次のとおり:
      | ルール             | 対象  | 状態     | 重大度 | 期限       |
      | disclosure.missing | REM-1 | 期限超過 | 高     | 2026-05-31 |
      | review.missing     | REM-1 | {state}  | 高     | -          |
    かつ "REM-1" の "disclosure.missing" の日本語メッセージに "開示していません" が含まれる

  @rule:review.missing @rule:disclosure.missing
  シナリオ: 開示して事前に承認されていれば指摘はない
    前提 "山本" は 2026-05-01 から "株式会社はるかぜ農場" から 120万円 の報酬を受けている（"REM-1"）
    かつ "林" は 2026-04-20 に "REM-1" を承認した
    かつ "山本" は 2026-05-10 に "REM-1" を "気仙沼市" に開示した
    もし 2026-07-01 時点で確認する
    ならば 指摘はない
"""


def invoke(*args: str | Path) -> Result:
    """Run `governance test` with `args` in-process."""
    return CliRunner().invoke(scenarios_cli.test, [str(a) for a in args])


def write(tmp_path: Path, text: str, name: str = "new.feature") -> Path:
    """Write a feature file into a fresh folder and return the folder."""
    folder = tmp_path / "features"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def step_lines(text: str) -> list[str]:
    """The step sentences of a feature, without their keywords."""
    keywords = ("前提", "もし", "ならば", "かつ", "Given", "When", "Then", "And")
    lines = [line.strip() for line in text.splitlines()]
    return [line.split(None, 1)[1] for line in lines if line.startswith(keywords)]


def test_a_new_japanese_feature_passes_with_documented_steps(tmp_path: Path) -> None:
    text = NEW_FEATURE.replace("{state}", "違反   ")
    reference = step_reference()
    for line in step_lines(text):
        step, _ = find_step(line)
        assert f"`{step.key}`" in reference
    result = invoke(write(tmp_path, text))
    assert result.exit_code == 0, result.output
    assert "✓ シナリオ: 顧問報酬は開示と事前の審査が必要" in result.output
    assert result.output.endswith("2 scenarios: 2 passed\n")


def test_a_wrong_expectation_exits_4_with_expected_and_actual(tmp_path: Path) -> None:
    result = invoke(write(tmp_path, NEW_FEATURE.replace("{state}", "期限内 ")))
    assert result.exit_code == 4
    assert "✗ シナリオ: 顧問報酬は開示と事前の審査が必要" in result.output
    assert "✗ ならば 指摘は次のとおり:  # line 18" in result.output
    assert "the findings differ: 1 expected not found, 1 not expected" in result.output
    expected = result.output.index("expected:")
    actual = result.output.index("actual:")
    assert "review.missing for REM-1: due, high, deadline none" in result.output[expected:actual]
    assert "review.missing for REM-1: violation, high" in result.output[actual:]
    assert '- かつ "REM-1" の "disclosure.missing"' in result.output  # skipped after it
    assert result.output.endswith("2 scenarios: 1 passed, 1 failed\n")


def test_the_repository_features_cover_every_rule() -> None:
    result = invoke(FEATURES, "--coverage", "--min-coverage", "100")
    assert result.exit_code == 0, result.output
    assert "rule coverage: 100.0% (60 of 60)" in result.output
    assert "MISSING" not in result.output


def test_coverage_below_the_minimum_exits_4() -> None:
    result = invoke(FEATURES / "banso-shien" / "disclosure.feature", "--min-coverage", "50")
    assert result.exit_code == 4
    assert "disclosure.missing" in result.output
    assert re.search(r"rule coverage \d+\.\d% is below --min-coverage 50%", result.output)


def test_the_features_are_half_japanese_and_every_rule_is_tagged() -> None:
    result = run_features([FEATURES])
    assert result.passed
    japanese = [s for s in result.scenarios if is_japanese(s.name)]
    assert 0.4 <= len(japanese) / len(result.scenarios) <= 0.6
    tagged = {rule for s in result.scenarios for rule in s.rules}
    assert tagged == set(result.rules)
    assert all(s.rules for s in result.scenarios)


def test_steps_prints_the_reference_and_docs_keep_a_copy() -> None:
    result = invoke("--steps")
    assert result.exit_code == 0
    assert result.output == step_reference()
    assert DOCS.read_text(encoding="utf-8") == result.output, (
        "docs/steps.md is out of date: run `governance test --steps > docs/steps.md`"
    )


def test_the_examples_of_the_reference_pass(tmp_path: Path) -> None:
    blocks = re.findall(r"```gherkin\n(.*?)```", step_reference(), re.DOTALL)
    assert len(blocks) == 2
    for number, block in enumerate(blocks):
        write(tmp_path, block, f"example-{number}.feature")
    result = invoke(tmp_path / "features")
    assert result.exit_code == 0, result.output
    assert result.output.endswith("2 scenarios: 2 passed\n")


def test_junit_xml_names_each_scenario(tmp_path: Path) -> None:
    folder = write(tmp_path, NEW_FEATURE.replace("{state}", "期限内 "))
    report = tmp_path / "scenarios.xml"
    result = invoke(folder, "--junit", report)
    assert result.exit_code == 4
    xml = report.read_text(encoding="utf-8")
    assert '<testsuites name="governance test" tests="2" failures="1" errors="0"' in xml
    assert 'name="開示して事前に承認されていれば指摘はない"' in xml
    assert '<failure message="the findings differ: 1 expected not found, 1 not expected">' in xml


def test_an_unknown_step_lists_the_closest_steps(tmp_path: Path) -> None:
    text = 'Feature: f\n  Scenario: s\n    Given a supporter called "田中 一郎"\n'
    result = invoke(write(tmp_path, text))
    assert result.exit_code == 4
    assert '? Given a supporter called "田中 一郎"  # line 3' in result.output
    assert 'undefined step: "a supporter called "田中 一郎""' in result.output
    assert "the closest steps are:\n              (a|an) {_kind:party_kind}" in result.output


def test_an_unknown_pack_exits_3_like_every_command() -> None:
    result = invoke(FEATURES, "--pack", "banso-shein")
    assert result.exit_code == 3
    assert "<packs>: unknown pack 'banso-shein' (did you mean 'banso-shien'?)" in result.output


def test_a_misspelt_rule_fails_instead_of_never_firing(tmp_path: Path) -> None:
    text = (
        "Feature: f\n  Scenario: s\n    Given today is 2026-08-01\n"
        '    Then "disclosure.mising" does not fire\n'
    )
    result = invoke(write(tmp_path, text))
    assert result.exit_code == 4
    assert "unknown rule 'disclosure.mising' (did you mean 'disclosure.missing'?)" in result.output


def test_a_bad_fact_is_reported_at_the_step_that_wrote_it(tmp_path: Path) -> None:
    text = (
        "Feature: f\n  Scenario: s\n"
        '    Given a supporter "田中 一郎"\n'
        '    And a company "気仙沼水産株式会社"\n'
        '    And "田中" supports "気仙沼水産" from 2026-04-01 to 2025-03-31\n'
        "    When the register is checked as of 2026-08-01\n"
        "    Then there are no findings\n"
    )
    result = invoke(write(tmp_path, text))
    assert result.exit_code == 4
    assert "the facts do not make a valid register:" in result.output
    assert "the step on line 5: engagements[0]" in result.output


def test_an_unreadable_feature_file_is_reported_with_its_line(tmp_path: Path) -> None:
    text = "Feature: f\n  Scenario: s\n    Given today is 2026-08-01\nFeature: g\n"
    result = invoke(write(tmp_path, text))
    assert result.exit_code == 4
    assert "new.feature:4:1: Multiple features are not allowed in a single" in result.output
    assert result.output.endswith("0 scenarios: 0 passed; 1 problem with feature files\n")


def test_no_scenarios_at_all_is_a_failure(tmp_path: Path) -> None:
    result = invoke(write(tmp_path, "Feature: f\n"))
    assert result.exit_code == 4
    assert "no scenarios found" in result.output


def test_an_organisations_own_pack_from_a_policies_folder(tmp_path: Path) -> None:
    policies = tmp_path / "my-policies"
    shutil.copytree(ROOT / "policies" / "banso-shien", policies / "strict")
    pack = policies / "strict" / "pack.yaml"
    text = pack.read_text(encoding="utf-8").replace("id: banso-shien", "id: strict", 1)
    pack.write_text(text.replace("disclosure_days: 30", "disclosure_days: 10"), encoding="utf-8")
    feature = """\
Feature: A stricter pack
  @rule:disclosure.missing
  Scenario: Ten days to disclose
    Given a supporter "田中 一郎"
    And a company "気仙沼水産株式会社"
    And "田中" supports "気仙沼水産" from 2026-04-01
    And "田中" holds 5% of "気仙沼水産" from 2026-06-01 as "INV-1"
    When the register is checked as of 2026-06-12
    Then finding "disclosure.missing" is overdue for "INV-1"
    And the deadline of "disclosure.missing" for "INV-1" is 2026-06-11
"""
    result = invoke(write(tmp_path, feature), "--policies", policies, "--pack", "strict")
    assert result.exit_code == 0, result.output


def test_a_scenario_may_load_packs_from_a_folder_beside_it(tmp_path: Path) -> None:
    pack = tmp_path / "policies" / "ca" / "pack.yaml"
    shutil.copytree(ROOT / "policies" / "companies-act-jp", pack.parent)
    text = pack.read_text(encoding="utf-8")
    pack.write_text(text.replace("id: companies-act-jp", "id: ca-copy", 1), encoding="utf-8")
    feature = """\
Feature: f
  Scenario: s
    Given the pack "ca-copy" from "../policies"
    And today is 2026-08-01
    Then there are no findings
"""
    result = invoke(write(tmp_path, feature))
    assert result.exit_code == 0, result.output


# The step library itself ----------------------------------------------------------------


@pytest.mark.parametrize("step", STEPS, ids=lambda s: s.key)
def test_every_step_is_documented_in_both_languages(step: StepDef) -> None:
    assert step.en and step.ja and step.doc.strip()
    examples = {is_japanese(e) for e in step.examples}
    assert examples == {True, False}, "an example in English and one in Japanese"
    for example in step.examples:
        found, _ = find_step(example)
        assert found.key == step.key, example


def test_step_keys_are_unique_and_every_slot_kind_exists() -> None:
    assert len({s.key for s in STEPS}) == len(STEPS)
    for step in STEPS:
        for pattern in (*step.en, *step.ja):
            for slot in PLACEHOLDER.finditer(pattern):
                assert (slot["kind"] or slot["name"]) in KINDS, pattern
    assert set(VOCABULARIES) <= set(KINDS)


def test_parties_are_found_by_id_name_word_or_start_of_name() -> None:
    world = World(Session(["banso-shien"]), ROOT)
    run_step(world, 'a supporter "P-T" named "田中 一郎"')
    run_step(world, 'an organisation "田中プランニング合同会社"')
    assert world.party("P-T") == world.party("田中 一郎") == world.party("田中") == "P-T"
    assert world.party("田中プランニング") == "田中プランニング合同会社"
    with pytest.raises(StepFailure, match='unknown party "鈴木"'):
        world.party("鈴木")
    with pytest.raises(UndefinedStep):
        run_step(world, "the moon is made of cheese")
