"""Findings read as an official document writes them (公用文), in every shipped rule.

Every Japanese message (and title, note, label and report text) the shipped packs write, rendered
over the example register and over every rule case, must be free of the tool's identifiers: no
ASCII enum value (``lease``, ``board_seat``), no rule id, no ISO date, no レビュー or 期限前, no
half-width space beside Japanese text (names keep the spaces the register gives them), and every
person named with 氏. English messages carry no snake_case enum value, rule id or ISO date.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

import governance
from governance.api import Engine, load_packs
from governance.documents import Limits, read_document
from governance.findings.models import Finding, Report
from governance.findings.words import TERMS
from governance.language.case_checks import case_register
from governance.language.rule_tests import case_files, load_cases
from governance.loading import load_register, load_register_data
from governance.register import models
from governance.render import html, markdown, xlsx
from governance.render.table import render_table
from governance.render.text import summary
from tests.conftest import ROOT

PACK_IDS = ["banso-shien", "companies-act-jp", "ippan-hojin-jp"]
PACKS = {p.id: p for p in load_packs(PACK_IDS)}
RULE_IDS = {r.id for p in PACKS.values() for r in p.rules}


def _literals() -> set[str]:
    found: set[str] = set()
    for value in vars(models).values():
        if typing.get_origin(value) is typing.Literal:
            found |= {a for a in typing.get_args(value) if isinstance(a, str)}
    return found


ENUMS = (_literals() | {v for table in TERMS.values() for v in table}) - {"Register"}
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
ASCII_WORD = re.compile(r"(?<![\w.-])[A-Za-z_][A-Za-z0-9_]*(?![\w.-])")
SPACED = re.compile(r"[^\x00-\x7f] |[ ][^\x00-\x7f\u3000-\u303f\uff08\uff09]")
BANNED = ("レビュー", "期限前")


def _example() -> Report:
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        register = governance.load_register("examples/register.yaml")
    return governance.evaluate(register, list(PACKS.values()), as_of=date(2027, 3, 31))


def _case_findings() -> Iterator[tuple[str, Finding, dict[str, str], set[str]]]:
    for path in case_files([ROOT / "rules"]):
        test, _ = load_cases(path)
        for index, case in enumerate(test.cases):
            register = load_register_data(case_register(test, index)[0])
            report = governance.evaluate(
                register, [PACKS[test.pack]], as_of=case.as_of, engine="oracle"
            )
            persons = {p.name for p in register.parties if p.type == "person"}
            where = f"{path.name}: {case.name}"
            for finding in report.findings:
                yield where, finding, report.names, persons


def _collect() -> list[tuple[str, str, str, set[str], set[str]]]:
    """(where, lang, text, names in the register, names of persons) for every text checked."""
    texts: list[tuple[str, str, str, set[str], set[str]]] = []
    example = _example()
    register = governance.load_register(ROOT / "examples" / "register.yaml")
    persons = {p.name for p in register.parties if p.type == "person"}
    names = set(example.names.values())
    found = [("examples/register.yaml", f, example.names, persons) for f in example.findings]
    for where, finding, shown, people in [*found, *_case_findings()]:
        for lang in ("en", "ja"):
            message = getattr(finding.message, lang)
            texts.append((f"{where} {finding.rule}", lang, message, set(shown.values()), people))
            if finding.explanation.note is not None:
                note = getattr(finding.explanation.note, lang)
                texts.append((f"{where} {finding.rule} note", lang, note, set(), set()))
            for reason in finding.explanation.because:  # the rule's because: notes
                said = getattr(reason, lang)
                # a reason may name a party that is not among the finding's (a relative)
                known = set(shown.values()) | people
                texts.append((f"{where} {finding.rule} reason", lang, said, known, people))
    for pack in PACKS.values():
        for rule in pack.rules:
            texts.append((f"{pack.id} {rule.id} title", "ja", rule.title.ja, set(), set()))
            texts.append((f"{pack.id} {rule.id} title", "en", rule.title.en, set(), set()))
    labels = [
        *markdown.LABELS["ja"].values(),
        *html._WORDS["ja"].values(),
        *html._PRINTED["ja"].values(),
        *(str(v) for v in xlsx._WORDS["ja"].values() if isinstance(v, str)),
        *(h for v in xlsx._WORDS["ja"].values() if isinstance(v, tuple) for h in v),
        *(ja for table in TERMS.values() for _, ja in table.values()),
        summary(example, "ja"),
    ]
    texts += [("labels", "ja", text, set(), set()) for text in labels]
    table = render_table(example, "ja").splitlines()
    texts += [("table", "ja", line.strip(), names, persons) for line in table if line[:6].isspace()]
    return texts


TEXTS = _collect()


def _problems(lang: str, text: str, names: set[str], persons: set[str]) -> list[str]:
    problems = []
    if ISO_DATE.search(text):
        problems.append(f"ISO date {ISO_DATE.search(text)[0]}")  # type: ignore[index]
    problems += [f"rule id {rule}" for rule in RULE_IDS if rule in text]
    words = set(ASCII_WORD.findall(text))
    if lang == "en":
        problems += [f"enum value {w}" for w in sorted(words & ENUMS) if "_" in w]
        return problems
    problems += [f"enum value {w}" for w in sorted(words & ENUMS)]
    problems += [f"the word {w}" for w in BANNED if w in text]
    bare = text
    for name in sorted(names, key=len, reverse=True):
        bare = bare.replace(name, "名")
    problems += [f"a space in {m!r}" for m in re.findall(r".?.[ ].?", bare) if SPACED.search(m)]
    for person in persons:
        for at in re.finditer(re.escape(person), text):
            if not text[at.end() :].startswith("氏"):
                problems.append(f"{person} without 氏")
    return problems


def test_every_shipped_text_reads_as_an_official_document() -> None:
    bad = [
        f"{where} [{lang}] {text!r}: {', '.join(problems)}"
        for where, lang, text, names, persons in TEXTS
        if (problems := _problems(lang, text, names, persons))
    ]
    assert len(TEXTS) > 1000
    assert bad == [], f"{len(bad)} texts:\n" + "\n".join(dict.fromkeys(bad))


def test_the_checks_catch_what_the_issue_names() -> None:
    """Today's (before #15) message of collaboration.during-engagement fails on each count."""
    old = (
        "阿部 聡 は公的資金による契約 ENG-ABE の期間中に 気仙沼湾漁業協同組合 と取引"
        "（lease、960,000 円）しています"
    )
    found = _problems("ja", old, {"阿部 聡", "気仙沼湾漁業協同組合"}, {"阿部 聡"})
    assert "enum value lease" in found
    assert "阿部 聡 without 氏" in found
    assert any(p.startswith("a space in") for p in found)
    assert _problems(
        "ja", "collaboration.during-engagementの例外承認（2026-11-01）", set(), set()
    ) == [
        "ISO date 2026-11-01",
        "rule id collaboration.during-engagement",
    ]
    assert _problems("en", "a board_seat of 阿部 聡", set(), set()) == ["enum value board_seat"]
    good = (
        "阿部 聡氏は、公的資金による支援契約（ENG-ABE）の期間中に、気仙沼湾漁業協同組合と"
        "賃貸借取引（960,000円）を行っています。"
    )
    assert _problems("ja", good, {"阿部 聡", "気仙沼湾漁業協同組合"}, {"阿部 聡"}) == []


JAPANESE = "[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]"
SPACE_BETWEEN = re.compile(f"{JAPANESE} +{JAPANESE}")


def _japanese_texts(node: object, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "ja" and isinstance(value, str):
                yield f"{path}.ja", value
            else:
                yield from _japanese_texts(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _japanese_texts(value, f"{path}[{i}]")


def test_no_japanese_text_of_a_shipped_rule_or_pack_has_a_space_between_japanese_characters() -> (
    None
):
    """Folded YAML (``>-``) joins lines with a space, which Japanese never puts between words:
    the shipped texts are double-quoted, each line ending with ``\\``."""
    files = sorted(
        p
        for folder in ("rules", "policies")
        for p in (ROOT / folder).rglob("*.yaml")
        if not p.name.endswith("_test.yaml")
    )
    assert len(files) > 30
    spaced = [
        f"{path.relative_to(ROOT)}{where}: {found[0]!r}"
        for path in files
        for where, text in _japanese_texts(read_document(path, path.name, Limits()).data, "")
        if (found := SPACE_BETWEEN.search(text))
    ]
    assert spaced == []


def test_a_deadline_note_takes_full_width_brackets_in_japanese() -> None:
    example = _example()
    due = next(f for f in example.findings if f.state == "overdue" and f.deadline)
    table = render_table(example, "ja")
    page = markdown.render_markdown(example, "ja")
    assert re.search(r"\d+年\d+月\d+日（\d+日超過）", table), table
    assert re.search(r"\d+年\d+月\d+日（\d+日超過）", page)
    assert "日 (" not in table and "日 (" not in page
    english = render_table(example, "en")
    assert f"{due.deadline.isoformat()} (" in english  # type: ignore[union-attr]


def test_split_contracts_gives_the_total_the_threshold_is_measured_against() -> None:
    split = next(f for f in _example().findings if f.rule == "review.split-contracts")
    assert "合計額（1,100,000円）が基準額に達しており" in split.message.ja
    assert "(¥1,100,000 in all)" in split.message.en


CORPORATE_LAW_MESSAGES = {
    ("ca.conflict-transaction-unapproved", "COL-YAMAMOTO-1"): (
        "The transaction of the director 山本 亮 with 株式会社三陸オーシャンフーズ (licence, "
        "COL-YAMAMOTO-1, ¥2,400,000, from 1 October 2026) was not approved in advance.",
        "取締役である山本 亮氏の株式会社三陸オーシャンフーズとの使用許諾取引（COL-YAMAMOTO-1、"
        "2,400,000円、2026年10月1日開始）について、事前の承認がありません。",
    ),
    ("ca.conflict-transaction-unapproved", "GUA-OCEAN-1"): (
        "The transaction of 株式会社三陸オーシャンフーズ with 気仙沼信用金庫 for the benefit of "
        "the representative director 及川 浩二 (guarantee, GUA-OCEAN-1, ¥30,000,000, "
        "from 1 December 2026) was not approved in advance.",
        "株式会社三陸オーシャンフーズが代表取締役である及川 浩二氏のために気仙沼信用金庫と行う"
        "債務保証取引（GUA-OCEAN-1、30,000,000円、2026年12月1日開始）について、"
        "事前の承認がありません。",
    ),
    ("ca.competing-transaction-unapproved", "CMP-OIKAWA-1"): (
        "The competing business of the representative director 及川 浩二 in the line of "
        "株式会社三陸オーシャンフーズ (冷凍水産加工品の販売, CMP-OIKAWA-1, from 1 November 2026) "
        "was not approved in advance.",
        "代表取締役である及川 浩二氏による株式会社三陸オーシャンフーズの事業の部類に属する取引"
        "（冷凍水産加工品の販売、CMP-OIKAWA-1、2026年11月1日開始）について、事前の承認がありません。",
    ),
    ("ca.interested-director-voted", "COL-YAMAMOTO-2"): (
        "The director 山本 亮 voted in the resolution RES-OCEAN-1 approving their own transaction "
        "COL-YAMAMOTO-2 with 株式会社三陸オーシャンフーズ.",
        "取締役である山本 亮氏は、自らの株式会社三陸オーシャンフーズとの取引（COL-YAMAMOTO-2）を"
        "承認する決議（RES-OCEAN-1）に加わりました。",
    ),
    ("ca.conflict-transaction-not-reported", "CMP-OIKAWA-1"): (
        "The representative director 及川 浩二 has not reported the transaction CMP-OIKAWA-1 with "
        "株式会社三陸オーシャンフーズ to the board (due 1 December 2026, the pack's reading of "
        "“without delay”).",
        "代表取締役である及川 浩二氏は、株式会社三陸オーシャンフーズとの取引（CMP-OIKAWA-1）を"
        "取締役会に報告していません（期限：2026年12月1日。「遅滞なく」についての本方針上の目安）。",
    ),
    ("ippan.conflict-transaction-unapproved", "COL-MORI-1"): (
        "The transaction of the director 森 直子 with 一般社団法人けせんぬま観光協会 (services, "
        "COL-MORI-1, ¥1,200,000, from 1 October 2026) was not approved in advance.",
        "理事である森 直子氏の一般社団法人けせんぬま観光協会との業務委託取引（COL-MORI-1、"
        "1,200,000円、2026年10月1日開始）について、事前の承認がありません。",
    ),
    ("ippan.competing-transaction-unapproved", "CMP-OGAWA-1"): (
        "The competing business of the director 小川 健 in the line of 一般社団法人三陸ひろがりDMO "
        "(三陸の旅行商品の企画・販売, CMP-OGAWA-1, from 10 January 2027) was not approved in "
        "advance.",
        "理事である小川 健氏による一般社団法人三陸ひろがりDMOの事業の部類に属する取引（"
        "三陸の旅行商品の企画・販売、CMP-OGAWA-1、2027年1月10日開始）について、事前の承認がありません。",
    ),
    ("ippan.interested-director-voted", "COL-OGAWA-1"): (
        "The director 小川 健 voted in the resolution RES-DMO-1 approving their own transaction "
        "COL-OGAWA-1 with 一般社団法人三陸ひろがりDMO.",
        "理事である小川 健氏は、自らの一般社団法人三陸ひろがりDMOとの取引（COL-OGAWA-1）を承認する"
        "決議（RES-DMO-1）に加わりました。",
    ),
    ("ippan.conflict-transaction-not-reported", "COL-OGAWA-1"): (
        "The director 小川 健 has not reported the transaction COL-OGAWA-1 with "
        "一般社団法人三陸ひろがりDMO to the board (due 1 December 2026, the pack's reading of "
        "“without delay”).",
        "理事である小川 健氏は、一般社団法人三陸ひろがりDMOとの取引（COL-OGAWA-1）を理事会に"
        "報告していません（期限：2026年12月1日。「遅滞なく」についての本方針上の目安）。",
    ),
}


def test_corporate_law_messages_name_the_seat_the_register_gives_and_each_person_once() -> None:
    """A director of a 株式会社 is 取締役, of a 一般社団法人 理事; a representative director
    代表取締役; the competing officer is named once (not 「…について、…による」)."""
    found = {(f.rule, f.subject.id): (f.message.en, f.message.ja) for f in _example().findings}
    for key, (en, ja) in CORPORATE_LAW_MESSAGES.items():
        assert found[key] == (en, ja), key
    corporate = [m for (rule, _), m in found.items() if rule.startswith(("ca.", "ippan."))]
    assert not [m for m in corporate if "取締役・執行役" in m[1] or "executive officer" in m[0]]


def test_a_holder_attributed_to_the_supporter_is_named_with_the_tie() -> None:
    """An interest held by the supporter's controlled firm or spouse says whose it counts as."""
    with Engine(list(PACKS.values()), engine="oracle") as engine:
        report = engine.check(load_register(ROOT / "examples" / "register.yaml"))
    said = {(f.rule, f.subject.id): f.message for f in report.findings}
    firm = said[("collaboration.during-engagement", "COL-TANAKA-1")]
    assert firm.ja == (
        "支援者である田中 一郎氏と支配関係にある田中プランニング合同会社は、公的資金による支援契約"
        "（ENG-TANAKA）の期間中に、気仙沼水産株式会社と業務委託取引（3,000,000円）を行っています。"
    )
    assert firm.en.startswith(
        "田中プランニング合同会社, linked to the supporter 田中 一郎 (control),"
    )
    spouse = said[("review.retroactive", "INV-TAKAHASHI-2")]
    assert spouse.ja.startswith(
        "支援者である高橋 誠氏と婚姻関係にある高橋 由美氏の株式会社はまなす農園に係る"
    )
    own = said[("collaboration.during-engagement", "COL-ABE-1")]
    assert own.en == (
        "阿部 聡 does business with 気仙沼湾漁業協同組合 (lease, ¥960,000) during the publicly"
        " funded engagement ENG-ABE."
    )


def _case_messages(
    path: Path, renamed: tuple[str, str, str, str] | None = None
) -> dict[str, tuple[str, str]]:
    """Each case's message of the rule its file tests (Japanese, English), by case name; with
    `renamed` (case name part, party id, legal form, name), that party is changed in the cases
    whose name holds the part."""
    test, _ = load_cases(path)
    pack = next(p for p in PACKS.values() if p.id == test.pack)
    said: dict[str, tuple[str, str]] = {}
    for index, case in enumerate(test.cases):
        data, _ = case_register(test, index)
        if renamed is not None and renamed[0] in case.name:
            for party in data["parties"]:
                if party["id"] == renamed[1]:
                    party.update(legal_form=renamed[2], name=renamed[3])
        with Engine([pack], engine="oracle") as engine:
            report = engine.check(load_register_data(data, name="case"), as_of=case.as_of)
        for finding in report.findings:
            if finding.rule == test.rule:
                said[case.name] = (finding.message.ja, finding.message.en)
    return said


def test_a_members_transaction_names_who_deals_with_whom() -> None:
    """ca.member-transaction-unapproved says whose transaction it is in each alternative: a
    guarantee is the company's, for the member; a firm the member represents is named with the
    role its statute gives the seat (代表理事 in a 一般社団法人)."""
    said = _case_messages(
        ROOT / "rules" / "companies-act" / "member-transaction-unapproved_test.yaml",
        ("represents", "O-TPLAN", "general_association", "一般社団法人田中プランニング"),
    )
    guarantee = said["fires for a guarantee of the member's debt (indirect transaction)"]
    assert guarantee[0].startswith(
        "本吉ファーム合同会社が業務執行社員である田中 一郎氏のために"
        "気仙沼信用金庫と行う債務保証取引"
    )
    represented = said["fires for a transaction with a company the member represents"]
    assert represented[0].startswith(
        "業務執行社員である田中 一郎氏が代表理事を務める"
        "一般社団法人田中プランニングの本吉ファーム合同会社との"
    )
    controlled = said["fires for a transaction with a firm the member controls"]
    assert controlled[1].startswith(
        "The transaction of 田中プランニング株式会社, controlled by the executive member 田中 一郎,"
    )


def test_an_officers_indirect_or_represented_transaction_names_who_deals_with_whom() -> None:
    """The shared conflict rules say, in each alternative, whose transaction it is: a guarantee
    is the organisation's with a third party, for the officer or a firm the officer controls;
    a firm the officer represents is named."""
    folder = ROOT / "rules" / "conflict"
    unapproved = set(_case_messages(folder / "transaction-unapproved.ca_test.yaml").values())
    assert any(
        ja.startswith(
            "気仙沼水産株式会社が取締役である田中 一郎氏のために気仙沼信用金庫と行う債務保証取引"
        )
        for ja, _ in unapproved
    )
    assert any(
        ja.startswith(
            "気仙沼水産株式会社が、取締役である田中 一郎氏が支配する田中プランニング合同会社の"
            "ために気仙沼信用金庫と行う債務保証取引"
        )
        for ja, _ in unapproved
    )
    assert any(
        en.startswith(
            "The transaction of 大島物産株式会社, where the director 田中 一郎 is representative"
            " director, with 気仙沼水産株式会社"
        )
        for _, en in unapproved
    )
    reported = set(_case_messages(folder / "transaction-not-reported.ca_test.yaml").values())
    assert any(
        ja.startswith(
            "取締役である田中 一郎氏は、気仙沼水産株式会社が自らのために気仙沼信用金庫と行う取引"
        )
        for ja, _ in reported
    )
    voted = set(_case_messages(folder / "interested-director-voted.ippan_test.yaml").values())
    assert any(
        ja.startswith("理事である鈴木 三郎氏は、一般社団法人三陸DMOが自らのために気仙沼信用金庫と")
        for ja, _ in voted
    )
