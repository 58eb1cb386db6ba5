"""The compile checks: every mistake in a rule or pack is reported at once, word for word, located.

Each test writes a small rule and pack below `tmp_path` and compiles them together with the
built-in ones (hence the ``test.*`` rule ids and the ``t-pack`` pack id). The working folder is
`tmp_path`, so files are shown as ``rules/late.yaml``. Most tests start from `LATE` and `PACK` and
change one line, so the lines named in their messages are the lines shown below.

"""

from __future__ import annotations

from pathlib import Path

import pytest

from governance.api import load_packs
from governance.errors import PolicyError
from governance.language.ir import CompiledPack

# Line 7 declares the parameter, line 9 matches the interest, line 10 is the absent disclosure,
# line 11 the deadline, line 12 the subject, line 13 the message.
LATE = """\
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
deadline: interest.start + grace
subject: interest
message: {en: "{interest.id} is not disclosed", ja: "{interest.id} は開示されていません"}
"""

# Line 7 adopts the rule, line 8 binds its parameter.
PACK = """\
apiVersion: governance/v1
kind: PolicyPack
id: t-pack
version: "1"
title: {en: Test pack, ja: テストパック}
adopts:
  - rule: test.late
    params: {grace: 30}
    severity: high
    cite: {title: Test policy, clause: "1"}
"""

# Reads the findings of test.late on line 9.
READS = """\
apiVersion: governance/v1
kind: Rule
id: test.reads
version: 1
title: {en: Reads findings, ja: 所見を読む}
description: {en: Reads the findings of test.late., ja: test.late の所見を読む。}
match:
  interest: interest
  absent late: finding where rule == 'test.late' and subject == interest.id
subject: interest
message: {en: "{interest.id}", ja: "{interest.id}"}
"""


@pytest.fixture(autouse=True)
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in `tmp_path`, so problems name files relative to it."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def edit(text: str, old: str, new: str) -> str:
    """`text` with the one occurrence of `old` replaced by `new` (a typo in a test fails loudly)."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def write_rule(name: str, text: str) -> None:
    """Write a rule file ``rules/<name>.yaml``."""
    path = Path("rules") / f"{name}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def write_pack(text: str) -> None:
    """Write the pack ``policies/t-pack/pack.yaml``."""
    path = Path("policies") / "t-pack" / "pack.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def write(rule: str = LATE, pack: str = PACK) -> None:
    """Write the one rule ``rules/late.yaml`` and the pack."""
    write_rule("late", rule)
    write_pack(pack)


def compile_pack() -> CompiledPack:
    """Compile ``t-pack`` from the files written so far, with the built-in rules and packs."""
    return load_packs(["t-pack"], policies=Path("policies"), rules=[Path("rules")])[0]


def problems() -> list[str]:
    """The lines of the error that compiling ``t-pack`` raises."""
    with pytest.raises(PolicyError) as caught:
        compile_pack()
    return str(caught.value).splitlines()


WITHOUT_PARAMS = edit(PACK, "    params: {grace: 30}\n", "")


# --- a valid pack, and the digest -------------------------------------------------------------


def test_a_valid_rule_and_pack_compile() -> None:
    write()
    pack = compile_pack()
    assert (pack.id, pack.version) == ("t-pack", "1")
    [[rule]] = pack.strata
    assert (rule.id, rule.version, rule.severity, rule.subject) == (
        "test.late",
        1,
        "high",
        "interest",
    )
    assert rule.params == (("grace", 30),)
    assert [(p.binding, p.fact_type, p.negated) for p in rule.patterns] == [
        ("interest", "interest", False),
        ("disclosure", "disclosure", True),
    ]
    assert pack.digest.startswith("sha256:")


def test_compiling_twice_gives_the_identical_pack_and_digest() -> None:
    write()
    first, second = compile_pack(), compile_pack()
    assert second.digest == first.digest
    assert second == first


def test_a_changed_parameter_value_changes_the_digest() -> None:
    write()
    before = compile_pack().digest
    write(pack=edit(PACK, "{grace: 30}", "{grace: 31}"))
    assert compile_pack().digest != before


def test_the_digest_does_not_depend_on_the_working_folder(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write()
    here = compile_pack().digest
    monkeypatch.chdir(workdir.parent)
    elsewhere = load_packs(["t-pack"], policies=workdir / "policies", rules=[workdir / "rules"])[0]
    assert elsewhere.digest == here


# --- facts and fields -------------------------------------------------------------------------


def test_an_unknown_fact_type_is_reported_with_a_suggestion() -> None:
    write(edit(LATE, "  interest: interest\n", "  interest: interest\n  engagement: engagment\n"))
    assert problems() == [
        "rules/late.yaml:10:15 match.engagement: unknown fact type 'engagment' "
        "(did you mean 'engagement'?)"
    ]


def test_an_unknown_fact_type_is_reported_once_not_at_every_use() -> None:
    write(edit(LATE, "  interest: interest\n", "  interest: intrest\n"))
    assert problems() == [
        "rules/late.yaml:9:13 match.interest: unknown fact type 'intrest' "
        "(did you mean 'interest'?)"
    ]


def test_an_unknown_field_of_a_fact_is_reported_with_a_suggestion() -> None:
    write(edit(LATE, "deadline: interest.start", "deadline: interest.strat"))
    assert problems() == [
        "rules/late.yaml:11:11 deadline: unknown field 'strat' of interest 'interest' "
        "(did you mean 'start'?)"
    ]


def test_an_unknown_name_in_an_expression_is_reported_with_a_suggestion() -> None:
    write(edit(LATE, "deadline: interest.start + grace", "deadline: interest.start + grase"))
    assert problems() == [
        "rules/late.yaml:11:28 deadline: unknown name 'grase' (did you mean 'grace'?)"
    ]


# --- parameters -------------------------------------------------------------------------------


def test_a_rule_parameter_the_pack_does_not_bind() -> None:
    write(pack=WITHOUT_PARAMS)
    assert problems() == [
        "policies/t-pack/pack.yaml:7:5 adopts[0]: parameter 'grace' of rule 'test.late' "
        "is not bound (add params: {grace: ...})"
    ]


def test_a_pack_parameter_the_rule_does_not_declare() -> None:
    write(pack=edit(PACK, "{grace: 30}", "{grace: 30, grcae: 3}"))
    assert problems() == [
        "policies/t-pack/pack.yaml:8:25 adopts[0].params.grcae: unknown parameter 'grcae' "
        "of rule 'test.late' (did you mean 'grace'?)"
    ]


def test_a_parameter_value_of_the_wrong_kind() -> None:
    write(pack=edit(PACK, "{grace: 30}", "{grace: 30d}"))
    assert problems() == [
        "policies/t-pack/pack.yaml:8:21 adopts[0].params.grace: "
        "expected a whole number of days, got '30d'"
    ]


def test_an_unused_rule_parameter() -> None:
    write(
        edit(LATE, "{grace: days}", "{grace: days, spare: money}"),
        edit(PACK, "{grace: 30}", "{grace: 30, spare: 5}"),
    )
    assert problems() == ["rules/late.yaml:7:30 params.spare: parameter 'spare' is never used"]


def test_a_parameter_used_in_a_broken_expression_is_not_reported_unused() -> None:
    write(
        edit(
            edit(LATE, "deadline: interest.start + grace", "deadline: interest.start"),
            "filed_on <=",
            "filed_onn <=",
        )
    )
    assert problems() == [
        "rules/late.yaml:10:67 match['absent disclosure']: unknown name 'filed_onn' "
        "(did you mean 'filed_on'?)"
    ]


def test_compiler_problems_are_located_like_loader_problems() -> None:
    write(
        edit(LATE, "filed_on <= interest.start + grace", "filed_on <= interest.amount"),
        edit(PACK, "{grace: 30}", "{grace: 30, grcae: 3}"),
    )
    assert problems() == [
        "policies/t-pack/pack.yaml:8:25 adopts[0].params.grcae: unknown parameter 'grcae' "
        "of rule 'test.late' (did you mean 'grace'?)",
        "rules/late.yaml:10:67 match['absent disclosure']: "
        "cannot compare date 'filed_on' with money 'interest.amount'",
    ]


# --- types and order --------------------------------------------------------------------------


def test_a_date_compared_with_money_is_a_type_mismatch() -> None:
    write(edit(LATE, "filed_on <= interest.start + grace", "filed_on <= interest.amount"))
    assert problems() == [
        "rules/late.yaml:10:67 match['absent disclosure']: "
        "cannot compare date 'filed_on' with money 'interest.amount'"
    ]


def test_a_pattern_that_refers_to_a_fact_matched_later_through_a_let() -> None:
    write(
        "apiVersion: governance/v1\n"
        "kind: Rule\n"
        "id: test.late\n"
        "version: 1\n"
        "title: {en: Filed before the interest, ja: 利害関係より前の開示}\n"
        "description: {en: A disclosure filed early., ja: 早すぎる開示。}\n"
        "let: {opened: interest.start}\n"
        "match:\n"
        "  disclosure: disclosure where filed_on <= opened\n"
        "  interest: interest\n"
        "subject: interest\n"
        'message: {en: "{interest.id}", ja: "{interest.id}"}\n',
        WITHOUT_PARAMS,
    )
    assert problems() == [
        "rules/late.yaml:9:32 match.disclosure: refers to 'interest', which is matched later; "
        "move it below or reorder the patterns"
    ]


def test_a_pattern_that_refers_to_a_fact_matched_later() -> None:
    write(
        "apiVersion: governance/v1\n"
        "kind: Rule\n"
        "id: test.late\n"
        "version: 1\n"
        "title: {en: Filed before the interest, ja: 利害関係より前の開示}\n"
        "description: {en: A disclosure filed early., ja: 早すぎる開示。}\n"
        "match:\n"
        "  disclosure: disclosure where interest == interest.id\n"
        "  interest: interest\n"
        "subject: interest\n"
        'message: {en: "{interest.id}", ja: "{interest.id}"}\n',
        WITHOUT_PARAMS,
    )
    assert problems() == [
        "rules/late.yaml:8:44 match.disclosure: refers to 'interest', which is matched later; "
        "move it below or reorder the patterns"
    ]


# --- rule ids and adoptions -------------------------------------------------------------------


def test_a_duplicate_rule_id_across_files() -> None:
    write()
    write_rule("copy", LATE)
    assert problems() == [
        "rules/late.yaml:3:5 id: duplicate rule id 'test.late' "
        "(also defined in rules/copy.yaml:3:5)"
    ]


def test_an_unknown_rule_in_a_pack_is_reported_with_a_suggestion() -> None:
    write(pack=edit(PACK, "rule: test.late", "rule: test.lat"))
    assert problems() == [
        "policies/t-pack/pack.yaml:7:11 adopts[0].rule: unknown rule 'test.lat' "
        "(did you mean 'test.late'?)"
    ]


def test_a_pack_adopting_a_rule_twice() -> None:
    write(pack=PACK + PACK.split("adopts:\n")[1])
    assert problems() == [
        "policies/t-pack/pack.yaml:11:11 adopts[1].rule: rule 'test.late' is adopted twice "
        "(also adopts[0])"
    ]


def test_a_rule_reading_findings_of_an_adopted_rule_compiles() -> None:
    write()
    write_rule("reads", READS)
    write_pack(PACK + "  - {rule: test.reads, severity: low, cite: {title: Test policy}}\n")
    strata = compile_pack().strata
    assert [[r.id for r in stratum] for stratum in strata] == [["test.late"], ["test.reads"]]


def test_a_rule_reading_findings_of_a_rule_the_pack_does_not_adopt() -> None:
    write()
    write_rule("reads", READS)
    write_pack(edit(WITHOUT_PARAMS, "rule: test.late", "rule: test.reads"))
    assert problems() == [
        "rules/reads.yaml:9:16 match['absent late']: "
        "reads the findings of 'test.late', which the pack does not adopt"
    ]


# --- engine limits ----------------------------------------------------------------------------


def _many_patterns(count: int) -> str:
    patterns = "".join(f"  i{n}: interest where id == i0.id\n" for n in range(1, count))
    return (
        "apiVersion: governance/v1\n"
        "kind: Rule\n"
        "id: test.late\n"
        "version: 1\n"
        "title: {en: Many patterns, ja: 多くのパターン}\n"
        "description: {en: One interest matched many times., ja: 同じ利害関係を何度も照合する。}\n"
        "match:\n"
        "  i0: interest\n"
        f"{patterns}"
        "subject: i0\n"
        'message: {en: "{i0.id}", ja: "{i0.id}"}\n'
    )


def test_more_than_16_patterns_in_one_rule() -> None:
    write(_many_patterns(16), WITHOUT_PARAMS)
    compile_pack()
    write(_many_patterns(17), WITHOUT_PARAMS)
    assert problems() == [
        "rules/late.yaml:8:3 match: has 17 patterns; the engine evaluates at most 16 in one rule: "
        "split the rule"
    ]


def test_a_condition_too_large_for_the_engine_is_a_compile_error() -> None:
    # An absent pattern's alternatives each become an absent pattern (8 x 8 x 2 of them here);
    # a flat `in` on a matched fact's own field would stay one test.
    eight = "('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h')"
    extra = f" and filed_by in {eight} and filed_to in {eight} and id in ('a', 'b')"
    write(edit(LATE, "<= interest.start + grace\n", f"<= interest.start + grace{extra}\n"))
    assert problems() == [
        "rules/late.yaml:10:22 match['absent disclosure']: "
        "the condition expands to more than 64 alternatives; split the rule"
    ]


# --- deadline, subject, allowed expressions ---------------------------------------------------


def test_a_deadline_that_is_not_a_date() -> None:
    write(edit(LATE, "deadline: interest.start + grace", "deadline: interest.amount"))
    assert problems() == ["rules/late.yaml:11:11 deadline: expected a date, got money"]


def test_a_subject_that_is_not_a_matched_fact() -> None:
    write(edit(LATE, "subject: interest", "subject: intrest"))
    assert problems() == [
        "rules/late.yaml:12:10 subject: expected the name of a matched fact (interest), "
        "got 'intrest' (did you mean 'interest'?)"
    ]


_NOT_ALLOWED = (
    "is not allowed here (use comparisons, and/or/not, + - *, max(), min(), "
    "'in' with a list, fields and parameters)"
)


@pytest.mark.parametrize(
    ("deadline", "message"),
    [
        pytest.param(
            "__import__('os').system('touch pwned')",
            "unknown function '__import__('os').system' (use max(a, b, ...) or min(...))",
            id="function-call",
        ),
        pytest.param(
            "'lambda: interest.start'",
            f"'lambda: interest.start' {_NOT_ALLOWED}",
            id="lambda",
        ),
        pytest.param(
            "'[x for x in interest.start]'",
            f"'[x for x in interest.start]' {_NOT_ALLOWED}",
            id="comprehension",
        ),
        pytest.param(
            "interest.start.__class__",
            "'interest.start.__class__' is not a field",
            id="attribute-of-a-field",
        ),
    ],
)
def test_an_expression_that_is_not_allowed_is_never_evaluated(deadline: str, message: str) -> None:
    write(edit(LATE, "deadline: interest.start + grace", f"deadline: {deadline}"))
    assert problems() == [f"rules/late.yaml:11:11 deadline: {message}"]
    assert not Path("pwned").exists()


# --- positions inside multi-line and quoted text ----------------------------------------------


def test_positions_inside_quoted_text() -> None:
    write(
        edit(
            edit(LATE, "deadline: interest.start + grace", 'deadline: "interest.start + grase"'),
            '{en: "{interest.id}',
            '{en: "{interest.idd}',
        )
    )
    assert problems() == [
        "rules/late.yaml:11:29 deadline: unknown name 'grase' (did you mean 'grace'?)",
        "rules/late.yaml:13:17 message.en: unknown field 'idd' of interest 'interest' "
        "(did you mean 'id'?)",
    ]


def test_positions_inside_folded_text() -> None:
    write(
        edit(
            LATE,
            "  absent disclosure: disclosure where interest == interest.id and filed_on <= "
            "interest.start + grace\n",
            "  absent disclosure: >-\n"
            "    disclosure where interest == interest.id\n"
            "    and filed_on <= interest.start + grase\n",
        )
    )
    assert problems() == [
        "rules/late.yaml:12:38 match['absent disclosure']: unknown name 'grase' "
        "(did you mean 'grace'?)"
    ]


# --- every mistake at once --------------------------------------------------------------------


def test_several_mistakes_in_several_files_are_reported_at_once_sorted() -> None:
    write_rule(
        "a",
        edit(
            edit(LATE, "deadline: interest.start", "deadline: interest.strat"),
            "subject: interest",
            "subject: interests",
        ),
    )
    write_rule(
        "b",
        edit(
            edit(
                edit(LATE, "id: test.late", "id: test.other"),
                "  interest: interest\n",
                "  interest: interest\n  engagement: engagment\n",
            ),
            "filed_on <=",
            "filed_onn <=",
        ),
    )
    write_pack(
        edit(PACK, "{grace: 30}", "{grace: 30, grcae: 3}")
        + "  - {rule: test.other, params: {grace: 7}, severity: low, cite: {title: Test}}\n"
        + "  - {rule: test.othr, severity: low, cite: {title: Test}}\n"
    )
    assert problems() == [
        "policies/t-pack/pack.yaml:8:25 adopts[0].params.grcae: unknown parameter 'grcae' "
        "of rule 'test.late' (did you mean 'grace'?)",
        "policies/t-pack/pack.yaml:12:12 adopts[2].rule: unknown rule 'test.othr' "
        "(did you mean 'test.other'?)",
        "rules/a.yaml:11:11 deadline: unknown field 'strat' of interest 'interest' "
        "(did you mean 'start'?)",
        "rules/a.yaml:12:10 subject: expected the name of a matched fact (interest), "
        "got 'interests' (did you mean 'interest'?)",
        "rules/b.yaml:10:15 match.engagement: unknown fact type 'engagment' "
        "(did you mean 'engagement'?)",
        "rules/b.yaml:11:67 match['absent disclosure']: unknown name 'filed_onn' "
        "(did you mean 'filed_on'?)",
    ]


def test_an_invalid_adoption_is_reported_alone() -> None:
    write(pack=edit(PACK, "severity: high", "severity: hihg"))
    assert problems() == [
        "policies/t-pack/pack.yaml:9:15 adopts[0].severity: expected one of critical, high, "
        "medium, low, info; got 'hihg' (did you mean 'high'?)"
    ]


def test_the_durable_template_compiled_once_fills_in_to_each_days_translation() -> None:
    import json

    from governance.compile.durable_json import AS_OF_KEY, fill, rule_json

    packs = load_packs(["banso-shien", "companies-act-jp"])
    rules = [rule for pack in packs for stratum in pack.strata for rule in stratum]
    assert rules and all(rule.durable for rule in rules)
    open_days = [rule for rule in rules if AS_OF_KEY in rule.durable]
    assert open_days  # some rules compare with the check's day
    for rule in rules:
        for day in (0, 20_454, 20_819):
            assert json.loads(fill(rule.durable, day)) == rule_json(rule, day), rule.key


# --- one message per alternative ----------------------------------------------------------------

EITHER = edit(
    edit(
        LATE,
        "match:\n  interest: interest\n  absent disclosure: disclosure where interest == "
        "interest.id and filed_on <= interest.start + grace\n",
        "match_any:\n  - interest: interest where type == 'investment'\n"
        "  - interest: interest where type == 'board_seat'\n"
        "    seat: interest where id == interest.id and role == 'director'\n",
    ),
    "deadline: interest.start + grace\n",
    "",
).replace("params: {grace: days}\n", "")


def test_messages_give_each_alternative_its_own_sentence() -> None:
    write(
        EITHER
        + "messages:\n"
        + '  - {en: "{interest.id} is an investment.", ja: "{interest.id}は出資です。"}\n'
        + '  - {en: "{seat.id} is a {seat.role} seat.", ja: "{seat.id}は{seat.role}の席です。"}\n',
        WITHOUT_PARAMS,
    )
    first, second = compile_pack().rules
    assert (first.message.en, second.message.ja) == (
        "{interest.id} is an investment.",
        "{seat.id}は{seat.role}の席です。",
    )
    assert [key for key, _, _ in second.message.values] == ["seat.id", "seat.role"]


def test_messages_must_match_the_alternatives_one_for_one() -> None:
    write(EITHER + 'messages:\n  - {en: "{interest.id}", ja: "{interest.id}"}\n', WITHOUT_PARAMS)
    assert problems() == [
        "policies/t-pack/pack.yaml:7:11 adopts[0].rule: unknown rule 'test.late'",
        "rules/late.yaml:1:1: expected one message per alternative of 'match_any' in 'messages'",
    ]


def test_a_message_of_an_alternative_is_checked_in_that_alternative() -> None:
    write(
        EITHER + "messages:\n"
        '  - {en: "{seat.id}", ja: "{seat.id}"}\n'
        '  - {en: "{seat.id}", ja: "{seat.id}"}\n',
        WITHOUT_PARAMS,
    )
    assert [p.split(" ", 1)[1] for p in problems()] == [
        "messages[0].en: unknown fact 'seat'",
        "messages[0].ja: unknown fact 'seat'",
    ]


def test_the_shipped_packs_keep_the_digests_asdict_gave() -> None:
    # digest_of walks the dataclasses itself; what it hashes is what dataclasses.asdict gave
    import hashlib
    import json
    from dataclasses import asdict, replace

    def listed(value: object) -> object:
        if isinstance(value, dict):
            return {k: listed(v) for k, v in value.items()}
        return [listed(v) for v in value] if isinstance(value, list | tuple) else value

    for pack in load_packs(["banso-shien", "companies-act-jp", "ippan-hojin-jp"]):
        strata = tuple(tuple(replace(r, source="") for r in s) for s in pack.strata)
        body: dict[str, object] = listed(asdict(replace(pack, digest="", strata=strata)))  # type: ignore[assignment]
        body.pop("extra", None)
        for stratum in body["strata"]:  # type: ignore[attr-defined]
            for rule in stratum:
                del rule["durable"], rule["sql"]
                for empty in ("note", "because"):
                    if not rule[empty]:
                        del rule[empty]
        text = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        assert pack.digest == "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()
