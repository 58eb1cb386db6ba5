"""Findings written in bulk say exactly what writing them one by one said."""

from __future__ import annotations

import json
import random
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from governance import Engine, load_packs, load_register
from governance.cli import cli
from governance.documents.json_reader import read_json
from governance.findings.build import _SOURCE_TELLS, _filled, _split
from governance.findings.models import Audit, Finding, Subject
from governance.findings.words import Wording
from governance.language.facts import FACT_TYPES
from governance.register.records import Register
from tests.conftest import EXAMPLE


def _one_by_one(template: str, values: list[tuple[str, str, str]], lang: int) -> str:
    text = template
    for value in values:
        text = text.replace("{" + value[0] + "}", value[lang])
    return text


def test_a_template_filled_at_once_reads_as_placeholders_replaced_one_after_the_other() -> None:
    rng = random.Random(7)
    pieces = ["{a}", "{b}", "{ab}", "text ", "利害", "{", "}", "{c}", " "]
    shown = ["x", "{b}", "阿部 聡氏", "{", "", "{a}", "100万円", "}"]
    for _ in range(3_000):
        keys = rng.sample(["a", "b", "ab", "c"], rng.randint(0, 4))
        if keys and rng.random() < 0.2:
            keys.append(keys[0])  # a name given twice: the first value wins
        template = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        values = [(key, rng.choice(shown), rng.choice(shown)) for key in keys]
        braces = any(c in v for c in "{}" for _, *both in values for v in both)
        parts = None if braces else _split(template, keys)
        for lang in (1, 2):
            assert _filled(template, parts, values, lang) == _one_by_one(template, values, lang)


def test_many_json_paths_are_located_in_one_pass_on_the_lines_one_by_one_finds() -> None:
    data = {"interests": [{"id": f"I{n}", "note": "a\\nb" * (n % 3)} for n in range(40)]}
    raw = json.dumps(data, indent=1 + 0).encode()
    document = read_json(raw, "r.json")
    paths = [("interests", n) for n in random.Random(1).sample(range(40), 40)]
    paths += [("interests", 3, "id"), ("interests",), ("missing", 2)]
    assert document.lines(list(paths)) == [document.locate(p).line for p in paths]


def test_the_report_written_in_pieces_is_its_json_byte_for_byte(tmp_path: Path) -> None:
    with Engine(load_packs(["banso-shien", "companies-act-jp"]), workers=0) as engine:
        report = engine.check(load_register(EXAMPLE), as_of=date(2026, 11, 30))
    whole = report.to_json().encode("utf-8")
    assert len(report.findings) > 7
    for batch in (1, 3, 7, 512):  # pieces cut inside the findings and at their end
        assert b"".join(report.json_chunks(batch)) == whole
    audited = report.model_copy(update={"audit": Audit(run=3, absent=report.findings[:2])})
    assert b"".join(audited.json_chunks(2)) == audited.to_json().encode("utf-8")
    empty = report.model_copy(update={"findings": []})
    assert b"".join(empty.json_chunks()) == empty.to_json().encode("utf-8")
    target = tmp_path / "r.json"
    args = ["check", str(EXAMPLE), "--as-of", "2026-11-30", "--pack", "banso-shien"]
    result = CliRunner().invoke(cli, [*args, "--pack", "companies-act-jp", "-o", f"json:{target}"])
    assert result.exit_code == 1, result.output
    assert target.read_bytes() == whole
    printed = CliRunner().invoke(cli, [*args, "--pack", "companies-act-jp", "--format", "json"])
    assert printed.stdout_bytes == whole


def test_a_value_is_shown_alike_from_every_source_but_those_that_tell() -> None:
    # `_message` formats a value once per check for all sources outside `_SOURCE_TELLS`
    wording = Wording(names={"P1": "阿部 聡", "C1": "海の幸"}, persons=frozenset({"P1"}))
    words = ["P1", "C1", "board_seat", "approved", "rejected", "self", "x", ""]
    values: dict[str, list[object]] = {
        "id": words,
        "text": words,
        "money": [0, 1_500_000],
        "days": [0, 19],
        "count": [3, 2026],
        "percent": [12.5, 50.0],
        "number": [1.25],
        "bool": [True, False],
        "date": [date(2027, 3, 9), None],
    }
    sources = [(t, f) for t, fields in FACT_TYPES.items() for f in fields]
    for kind, shown in values.items():
        for value in shown:
            for lang in ("en", "ja"):
                alike = wording.show(value, kind, lang, None)
                for source in sources:
                    if source not in _SOURCE_TELLS:
                        assert wording.show(value, kind, lang, source) == alike, (value, source)


def test_findings_made_without_validation_are_what_validating_them_gives() -> None:
    packs = load_packs(["banso-shien", "companies-act-jp", "ippan-hojin-jp"])
    with Engine(packs, workers=0) as engine:
        report = engine.check(load_register(EXAMPLE), as_of=date(2026, 11, 30))
    assert report.findings
    for finding in report.findings:
        again = Finding.model_validate(finding.model_dump())
        assert again == finding
        assert type(finding.severity) is str and type(finding.subject) is Subject
    shared = {id(f.model_fields_set) for f in report.findings}
    assert len(shared) == 1 and report.findings[0].model_fields_set == set(Finding.model_fields)


def test_the_evidence_of_every_finding_and_reason_is_located_in_one_sweep(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A fact located alone would decode the register's text again (118 MB at 100k
    supporters): the facts reasons find are located with the rest, before any finding is
    written, and each finding still says where each of its facts is written."""

    def alone(*_: object) -> None:
        raise AssertionError("a fact was located alone")

    monkeypatch.setattr(Register, "locate", alone)
    packs = load_packs(["banso-shien", "companies-act-jp", "ippan-hojin-jp"])
    with Engine(packs, engine="oracle") as engine:
        report = engine.check(load_register(EXAMPLE), as_of=date(2027, 3, 31))
    reasoned = [f for f in report.findings if f.explanation.because]
    assert reasoned  # the example's findings include some with reasons
    cited = [e for f in report.findings for e in f.evidence]
    assert cited and all((e.source or "").startswith(f"{EXAMPLE}:") for e in cited)
