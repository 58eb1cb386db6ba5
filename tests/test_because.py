# ruff: noqa: E501  (rule and case documents, one line per fact or reason as authors write them)
"""A rule's `because:` reasons: checked when compiled, given the same by every engine, shown by
every renderer, asserted by rule cases."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from governance.api import evaluate, load_packs
from governance.api.schemas import schema_text
from governance.cli import cli
from governance.errors import PolicyError
from governance.findings.models import Report
from governance.loading import load_register_data
from governance.render import renderer
from governance.render.xlsx import render_xlsx
from governance.testing import run_file
from tests.test_compiler import PACK  # the compiler tests' pack adopts test.late too

# Line 14 is the reason's `find`, line 15 its `say`.
RULE = """\
apiVersion: governance/v1
kind: Rule
id: test.late
version: 1
title: {en: Not disclosed in time, ja: 期限内に開示されていない}
description: {en: No disclosure in the grace period., ja: 猶予期間内の開示がない。}
params: {grace: days}
match:
  interest: interest
  absent disclosure: disclosure where interest == interest.id and filed_on <= interest.start + grace
subject: interest
message: {en: "{interest.id} is not disclosed.", ja: "{interest.id}は開示されていません。"}
because:
  - find: {late: disclosure where interest == interest.id and filed_on > interest.start + grace}
    say: {en: "{late.id} was filed on {late.filed_on}, after {grace}.", ja: "{late.id}は{late.filed_on}に提出されており、{grace}の猶予期間を過ぎています。"}
  - when: interest.value >= 1000000
    say: {en: "It is worth {interest.value}.", ja: "{interest.value}の取引です。"}
"""


REGISTER = {
    "apiVersion": "governance/v1",
    "kind": "Register",
    "parties": [
        {"id": "P-TANAKA", "type": "person", "name": "田中 一郎"},
        {"id": "O-FISH", "type": "organization", "name": "気仙沼水産株式会社"},
    ],
    "interests": [
        {
            "id": "COL-1",
            "type": "collaboration",
            "holder": "P-TANAKA",
            "entity": "O-FISH",
            "start": "2026-04-01",
            "kind": "sale",
            "value": 3000000,
        }
    ],
    "disclosures": [
        {
            "id": "D-LATE",
            "interests": ["COL-1"],
            "filed_by": "P-TANAKA",
            "filed_to": "O-FISH",
            "filed_on": "2026-06-01",
        }
    ],
}


@pytest.fixture(autouse=True)
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in `tmp_path`, so problems name files relative to it."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def edit(text: str, old: str, new: str) -> str:
    """`text` with the one occurrence of `old` replaced by `new`."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def write(rule: str = RULE) -> None:
    Path("rules").mkdir(exist_ok=True)
    Path("rules/late.yaml").write_text(rule, encoding="utf-8")
    Path("policies/t-pack").mkdir(parents=True, exist_ok=True)
    Path("policies/t-pack/pack.yaml").write_text(PACK, encoding="utf-8")


def problems(rule: str) -> list[str]:
    write(rule)
    with pytest.raises(PolicyError) as caught:
        load_packs(["t-pack"], policies=Path("policies"), rules=[Path("rules")])
    return str(caught.value).splitlines()


def check(engine: str = "oracle", register: dict[str, object] = REGISTER) -> Report:
    write()
    [pack] = load_packs(["t-pack"], policies=Path("policies"), rules=[Path("rules")])
    data = load_register_data(json.loads(json.dumps(register)), name="register.json")
    return evaluate(data, [pack], as_of=date(2026, 7, 1), engine=engine)  # type: ignore[arg-type]


# --- compile-time checks ------------------------------------------------------------------------


def test_every_mistake_in_the_reasons_is_located_in_one_pass() -> None:
    rule = edit(RULE, "find: {late: disclosure where", "find: {late: disclosur where")
    rule = edit(rule, "{late.id} was filed on {late.filed_on}", "{late.id} was filed on {late.x}")
    rule = edit(rule, "when: interest.value >= 1000000", "when: interest.value")
    # the found fact's type is unknown, so what the message reads of it is not reported again
    assert problems(rule) == [
        "rules/late.yaml:14:18 because[0].find.late: unknown fact type 'disclosur' "
        "(did you mean 'disclosure'?)",
        "rules/late.yaml:16:11 because[1].when: expected a condition, got money",
    ]


def test_an_unknown_field_of_the_found_fact_is_reported_with_a_suggestion() -> None:
    rule = edit(RULE, "{late.filed_on}, after", "{late.filed_by}, after {late.filed}")
    assert problems(rule) == [
        "rules/late.yaml:15:63 because[0].say.en: unknown field 'filed' of disclosure 'late' "
        "(did you mean 'filed_to'?)"
    ]


def test_a_found_fact_cannot_take_the_name_of_a_matched_one() -> None:
    rule = edit(
        RULE,
        "  - find: {late: disclosure where interest == interest.id and filed_on > interest.start"
        " + grace}\n",
        "  - find: {interest: disclosure where filed_on > as_of}\n",
    )
    rule = edit(rule, '"{late.id} was filed on {late.filed_on}, after {grace}."', '"{grace}"')
    rule = edit(
        rule, '"{late.id}は{late.filed_on}に提出されており、{grace}の猶予期間を過ぎています。"', "x"
    )
    assert problems(rule) == [
        "rules/late.yaml:14:22 because[0].find.interest: 'interest' is already a fact of the "
        "rule's match; name the found fact apart"
    ]


def test_an_unknown_key_of_a_reason_is_reported_with_a_suggestion() -> None:
    rule = edit(RULE, "1000000\n    say:", "1000000\n    sya:")
    assert problems(rule)[1:] == [
        "rules/late.yaml:16:5 because[1]: missing required field 'say'",
        "rules/late.yaml:17:5 because[1]: unknown field 'sya' (did you mean 'say'?)",
    ]


TWO_WAYS = """\
apiVersion: governance/v1
kind: Rule
id: test.late
version: 1
title: {en: Two ways, ja: 二通り}
description: {en: Either way., ja: いずれか。}
params: {grace: days}
match_any:
  - interest: interest where start + grace > as_of
    seat: interest where type == 'board_seat' and holder == interest.holder
  - interest: interest where start + grace > as_of
    held: attribution where interest == interest.id
subject: interest
message: {en: "{interest.id}", ja: "{interest.id}"}
because:
  - say: {en: "{seat.id}", ja: "{seat.id}"}
  - say: {en: "{seat.id} {held.via}", ja: "{seat.id}"}
"""


def test_a_reason_reading_facts_no_alternative_binds_together() -> None:
    assert problems(TWO_WAYS) == [
        "rules/late.yaml:17:5 because[1]: this reason reads facts that no alternative of the "
        "rule matches together"
    ]


def test_each_alternative_gives_the_reasons_its_facts_allow() -> None:
    write(
        TWO_WAYS.replace(
            '{en: "{seat.id} {held.via}", ja: "{seat.id}"}', '{en: "{held.via}", ja: "{held.via}"}'
        )
    )
    [pack] = load_packs(["t-pack"], policies=Path("policies"), rules=[Path("rules")])
    assert [[r.index for r in rule.because] for rule in pack.rules] == [[0], [1]]


# --- evaluation -------------------------------------------------------------------------------


def test_the_finding_says_why_and_shows_the_found_fact_as_evidence() -> None:
    [finding] = check().findings
    assert [r.model_dump() for r in finding.explanation.because] == [
        {
            "en": "D-LATE was filed on 1 June 2026, after 30 days.",
            "ja": "D-LATEは2026年6月1日に提出されており、30日の猶予期間を過ぎています。",
            "fact": "D-LATE",
        },
        {"en": "It is worth ¥3,000,000.", "ja": "3,000,000円の取引です。", "fact": None},
    ]
    late = next(e for e in finding.evidence if e.id == "D-LATE")
    assert (late.type, late.fields) == (
        "disclosure",
        {"filed_on": "2026-06-01", "id": "D-LATE", "interest": "COL-1"},
    )


def test_every_engine_gives_byte_identical_reasons() -> None:
    texts = {
        e: check(e).to_json().replace(f'"engine": "{e}"', "")
        for e in ("oracle", "durable", "duckdb")
    }
    assert texts["oracle"] == texts["durable"] == texts["duckdb"]
    assert '"because": [' in texts["oracle"]


def test_no_reason_holds_and_the_json_has_no_because() -> None:
    quiet = json.loads(json.dumps(REGISTER))
    quiet["interests"][0]["value"] = 100
    quiet["disclosures"] = []
    [finding] = check(register=quiet).findings
    assert finding.explanation.because == []
    assert '"because"' not in check(register=quiet).to_json()


def test_the_report_with_reasons_validates_against_the_published_schema() -> None:
    schema = json.loads(schema_text("report"))
    document = json.loads(check().to_json())
    errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(document)]
    assert errors == []


# --- renderers ----------------------------------------------------------------------------------

REASON_JA = "D-LATEは2026年6月1日に提出されており、30日の猶予期間を過ぎています。"
REASON_EN = "D-LATE was filed on 1 June 2026, after 30 days."


@pytest.mark.parametrize(
    ("fmt", "lang", "shown"),
    [
        ("markdown", "ja", f"> {REASON_JA}"),
        ("html", "ja", f"<li>{REASON_JA}</li>"),
        ("table", "ja", f"      {REASON_JA}"),
        ("table", "en", f"      {REASON_EN}"),
    ],
)
def test_text_renderers_show_the_reasons(fmt: str, lang: str, shown: str) -> None:
    text = renderer(fmt)(check(), lang)
    assert shown in text.splitlines()


def test_sarif_says_the_reasons_in_the_message_and_lists_them() -> None:
    text = renderer("sarif")(check(), "ja")
    [result] = json.loads(text)["runs"][0]["results"]
    assert result["message"]["text"] == (
        f"COL-1は開示されていません。\n{REASON_JA}\n3,000,000円の取引です。"
    )
    assert [r["fact"] for r in result["properties"]["because"]] == ["D-LATE", None]


def test_the_workbook_message_cell_holds_the_reasons(tmp_path: Path) -> None:
    data = render_xlsx(check(), "en")
    (tmp_path / "r.xlsx").write_bytes(data)
    sheet = load_workbook(tmp_path / "r.xlsx").worksheets[0]
    cells = [c.value for row in sheet.iter_rows(min_row=2) for c in row]
    assert f"COL-1 is not disclosed.\n{REASON_EN}\nIt is worth ¥3,000,000." in cells


# --- rule cases ---------------------------------------------------------------------------------

CASES = """\
apiVersion: governance/v1
kind: RuleTest
rule: test.late
pack: t-pack
base:
  parties:
    - {id: P-TANAKA, type: person, name: 田中 一郎}
    - {id: O-FISH, type: organization, name: 気仙沼水産株式会社}
  interests:
    - {id: COL-1, type: collaboration, holder: P-TANAKA, entity: O-FISH, start: 2026-04-01,
       kind: sale, value: 300}
cases:
  - name: names the late disclosure
    as_of: 2026-07-01
    facts:
      disclosures:
        - {id: D-LATE, interests: [COL-1], filed_by: P-TANAKA, filed_to: O-FISH, filed_on: 2026-06-01}
    expect:
      - subject: COL-1
        state: violation
        because: [D-LATE]
        says: [D-LATEは2026年6月1日に提出されており、30日の猶予期間を過ぎています。]
  - name: no reason without a late disclosure
    as_of: 2026-07-01
    expect: [{subject: COL-1, state: violation, because: [], says: []}]
"""


def test_rule_cases_assert_the_reasons_and_fail_when_they_differ() -> None:
    write()
    [pack] = load_packs(["t-pack"], policies=Path("policies"), rules=[Path("rules")])
    Path("rules/late_test.yaml").write_text(CASES, encoding="utf-8")
    assert [r.passed for r in run_file(Path("rules/late_test.yaml"), {"t-pack": pack})] == [
        True,
        True,
    ]
    wrong = CASES.replace("because: [D-LATE]", "because: [D-OTHER]").replace(
        "says: []", "says: [x]"
    )
    Path("rules/late_test.yaml").write_text(wrong, encoding="utf-8")
    results = run_file(Path("rules/late_test.yaml"), {"t-pack": pack})
    assert [(r.expected, r.actual) for r in results] == [
        (
            (
                "COL-1 violation because [D-OTHER] says [D-LATEは2026年6月1日に提出されており、"
                "30日の猶予期間を過ぎています。]",
            ),
            (
                "COL-1 violation because [D-LATE] says [D-LATEは2026年6月1日に提出されており、"
                "30日の猶予期間を過ぎています。]",
            ),
        ),
        (("COL-1 violation because [] says [x]",), ("COL-1 violation because [] says []",)),
    ]


def test_explain_lists_the_reasons_a_finding_may_give() -> None:
    result = CliRunner().invoke(cli, ["explain", "pfs.evaluator-not-independent", "--lang", "ja"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    start = lines.index("  reasons a finding gives:")
    assert lines[start + 1] == (
        "    when engagement.evaluator == engagement.supporter: "
        "評価者である{engagement.evaluator}は、この支援契約の支援者本人です。"
    )
    assert lines[start + 7] == (
        "    when the match binds engagement, kin: {kin.relative}は評価者である"
        "{engagement.evaluator}の親族（{kin.type}）であり、その関係は評価者本人のものとみなされます。"
    )


def test_an_open_end_in_a_message_reads_as_still_running() -> None:
    message = 'message: {en: "{interest.id} is not disclosed.", ja: "{interest.id}は開示されていません。"}'
    open_end = (
        'message: {en: "{interest.id} runs until {interest.end}.",'
        ' ja: "{interest.id}は{interest.end}まで続いています。"}'
    )
    write(edit(RULE, message, open_end))
    [pack] = load_packs(["t-pack"], policies=Path("policies"), rules=[Path("rules")])
    data = load_register_data(json.loads(json.dumps(REGISTER)), name="register.json")
    [finding] = evaluate(data, [pack], as_of=date(2026, 7, 1), engine="oracle").findings
    assert (finding.message.en, finding.message.ja) == (
        "COL-1 runs until present.",
        "COL-1は現在まで続いています。",
    )
