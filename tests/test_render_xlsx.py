"""The Excel workbook (`--format xlsx`): read back with openpyxl, and round-tripped through
LibreOffice headless (Debian's ``libreoffice-calc``, installed by ``make office``)."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

import governance
from governance import Report
from governance.cli import main
from governance.render.xlsx import AdoptedRule, render_xlsx
from tests.conftest import ROOT

HEAD = [
    "重要度",
    "状態",
    "規則",
    "対象",
    "支援者",
    "支援先",
    "期限",
    "根拠",
    "説明",
    "証拠",
    "指摘ID",
]


def _rules() -> list[AdoptedRule]:
    packs = governance.load_packs(["banso-shien", "companies-act-jp"])
    return [
        AdoptedRule(
            p.id,
            p.version,
            r.id,
            r.version,
            governance.findings.models.Text(en=r.title.en, ja=r.title.ja),
            r.severity,
            r.waivable,
            f"{r.citation.title} {r.citation.clause}".strip(),
        )
        for p in packs
        for r in p.rules
        if not r.internal
    ]


@pytest.fixture(scope="module")
def book(report: Report) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(render_xlsx(report, "ja", _rules())))


def _sheet(book: openpyxl.Workbook, name: str) -> Worksheet:
    sheet = book[name]
    assert isinstance(sheet, Worksheet)
    return sheet


def _trim(row: tuple[object, ...]) -> list[object]:
    cells = list(row)
    while cells and cells[-1] is None:
        cells.pop()
    return cells


def _row(sheet: Worksheet, subject: str) -> list[object]:
    rows = [list(r) for r in sheet.iter_rows(min_row=2, values_only=True)]
    return next(r for r in rows if r[3] == subject)


def test_the_workbook_has_the_three_sheets(book: openpyxl.Workbook) -> None:
    assert book.sheetnames == ["指摘一覧", "集計", "規則"]


def test_the_findings_sheet_has_a_row_per_finding_with_filters_and_a_frozen_header(
    book: openpyxl.Workbook, report: Report
) -> None:
    sheet = _sheet(book, "指摘一覧")
    assert [c.value for c in sheet[1]] == HEAD
    assert sheet.max_row == len(report.findings) + 1
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:K{len(report.findings) + 1}"
    finding = next(f for f in report.findings if f.subject.id == "COL-ABE-1")
    assert _row(sheet, "COL-ABE-1") == [
        "高",
        "違反",
        "公的資金による支援期間中の支援先との取引",
        "COL-ABE-1",
        "阿部 聡（P-ABE）",
        "気仙沼湾漁業協同組合（O-COOP）",
        None,
        "伴走支援者 利益相反管理方針 5.3 支援期間中の取引",
        finding.message.ja,
        "ENG-ABE examples/register.yaml:119\nCOL-ABE-1 examples/register.yaml:184",
        finding.id,
    ]


def test_deadlines_are_real_excel_dates_and_columns_fit_japanese(book: openpyxl.Workbook) -> None:
    sheet = _sheet(book, "指摘一覧")
    row = next(r for r in sheet.iter_rows(min_row=2) if r[3].value == "SEAT-KATO-1")
    deadline = row[6]
    assert deadline.is_date and deadline.value == datetime(2026, 8, 31)
    assert deadline.number_format == 'yyyy"年"m"月"d"日"'
    widths = {c: sheet.column_dimensions[c].width for c in "ABCDEFGHIJK"}
    assert widths["C"] >= 40  # the longest rule title, 20 wide characters, fits
    assert widths["I"] == 60  # the message wraps at the maximum width
    assert widths["A"] >= 8  # 重要度: three wide characters and padding


def test_the_summary_counts_by_rule_severity_state_and_supporter(
    book: openpyxl.Workbook, report: Report
) -> None:
    rows = [_trim(r) for r in _sheet(book, "集計").iter_rows(values_only=True)]
    assert rows[0] == ["規則", "重要度", "状態", "件数"]
    split = rows.index([])
    by_rule = rows[1:split]
    assert sum(r[3] for r in by_rule) == len(report.findings)  # type: ignore[misc]
    assert ["公的資金による支援期間中の支援先との取引", "高", "違反", 3] in by_rule
    assert ["利害関係が開示されていない", "高", "期限内", 1] in by_rule
    head = rows[split + 1]
    assert head[:2] == ["支援者", "件数"]
    abe = next(r for r in rows[split + 2 :] if r[0] == "阿部 聡（P-ABE）")
    assert abe[:6] == ["阿部 聡（P-ABE）", 3, 2, 1, 0, 0]  # the gift is overdue


def test_the_rules_sheet_lists_every_adopted_rule_with_its_citation(
    book: openpyxl.Workbook,
) -> None:
    rows = [list(r) for r in _sheet(book, "規則").iter_rows(values_only=True)]
    assert rows[0] == [
        "ポリシーパック",
        "版",
        "規則ID",
        "規則の版",
        "規則名",
        "重要度",
        "例外承認",
        "根拠",
    ]
    assert len(rows) - 1 == len(_rules())
    voted = next(r for r in rows if r[2] == "ca.interested-director-voted")
    assert voted[0] == "companies-act-jp" and voted[7] == "会社法 369条2項"


def test_the_cli_writes_the_workbook_and_the_pdf_in_one_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    if shutil.which("chromium") is None:
        pytest.skip("chromium is not installed (make browser): the PDF of this run is skipped")
    monkeypatch.chdir(ROOT)
    book_path, pdf_path = tmp_path / "指摘一覧.xlsx", tmp_path / "report.pdf"
    args = ["check", "examples/register.yaml", "--lang", "ja", "--fail-on", "none"]
    with pytest.raises(SystemExit) as done:
        main([*args, "-o", f"xlsx:{book_path}", "-o", f"pdf:{pdf_path}"])
    assert done.value.code == 0
    assert openpyxl.load_workbook(book_path).sheetnames == ["指摘一覧", "集計", "規則"]
    assert pdf_path.read_bytes().startswith(b"%PDF-")
    assert "指摘41件" in capsys.readouterr().out


def test_the_workbook_survives_a_round_trip_through_libreoffice(
    report: Report, tmp_path: Path
) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed (make office: apt-get install libreoffice-calc)")
    source = tmp_path / "in" / "指摘一覧.xlsx"
    source.parent.mkdir()
    source.write_bytes(render_xlsx(report, "ja", _rules()))
    out = tmp_path / "out"
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(out),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    again = openpyxl.load_workbook(out / "指摘一覧.xlsx")
    assert again.sheetnames == ["指摘一覧", "集計", "規則"]
    before = openpyxl.load_workbook(source)
    for name in again.sheetnames:
        assert [list(r) for r in again[name].iter_rows(values_only=True)] == [
            list(r) for r in before[name].iter_rows(values_only=True)
        ], name
    sheet = again["指摘一覧"]  # (a headless LibreOffice has no view: it drops the frozen pane)
    assert sheet.auto_filter.ref == before["指摘一覧"].auto_filter.ref
    row = next(r for r in sheet.iter_rows(min_row=2) if r[3].value == "SEAT-KATO-1")
    assert row[6].is_date and row[6].value == datetime(2026, 8, 31)
