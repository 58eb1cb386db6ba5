"""The Excel workbook reviewers triage findings in (``--format xlsx``).

Three sheets: 指摘一覧 (Findings: one row per finding, filters on, header frozen, deadlines as
real Excel dates, columns wide enough for Japanese), 集計 (Summary: counts by rule, severity and
state, and by supporter) and 規則 (Rules: the adopted rules with their citations). Words, dates
and amounts come from `governance.findings.words`, as in every other format.

The workbook is written by openpyxl, imported here only: the other formats never load it.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, time

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from governance.findings.models import SEVERITY_ORDER, STATES, Finding, Report, Text
from governance.findings.words import lang_of, severity, state
from governance.render.markdown import citation_text, supporters
from governance.render.text import width


@dataclass(frozen=True)
class AdoptedRule:
    """A rule as a pack adopted it, for the 規則 sheet."""

    pack: str
    pack_version: str
    id: str
    version: int
    title: Text
    severity: str
    waivable: bool
    citation: str


_WORDS = {
    "en": {
        "findings": "Findings",
        "summary": "Summary",
        "rules": "Rules",
        "findings_head": (
            "Severity",
            "State",
            "Rule",
            "Subject",
            "Supporter",
            "Client",
            "Deadline",
            "Citation",
            "Description",
            "Evidence",
            "Finding id",
        ),
        "by_rule": ("Rule", "Severity", "State", "Findings"),
        "by_supporter": ("Supporter", "Findings", *(state(s, "en") for s in STATES)),
        "rules_head": (
            "Pack",
            "Pack version",
            "Rule id",
            "Version",
            "Title",
            "Severity",
            "Waivable",
            "Citation",
        ),
        "unassigned": "Not tied to a supporter",
        "yes": "yes",
        "no": "no",
        "date": "d mmm yyyy",
    },
    "ja": {
        "findings": "指摘一覧",
        "summary": "集計",
        "rules": "規則",
        "findings_head": (
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
        ),
        "by_rule": ("規則", "重要度", "状態", "件数"),
        "by_supporter": ("支援者", "件数", *(state(s, "ja") for s in STATES)),
        "rules_head": (
            "ポリシーパック",
            "版",
            "規則ID",
            "規則の版",
            "規則名",
            "重要度",
            "例外承認",
            "根拠",
        ),
        "unassigned": "伴走支援者に紐付かない指摘",
        "yes": "可",
        "no": "不可",
        "date": 'yyyy"年"m"月"d"日"',
    },
}

_BOLD = Font(bold=True)
_HEAD_FILL = PatternFill("solid", start_color="DDE4EE")
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")
_MAX_WIDTH = {"説明": 60, "Description": 60, "根拠": 36, "Citation": 36, "証拠": 32, "Evidence": 32}


def _name(report: Report, party: str | None, lang: str) -> str:
    if party is None:
        return ""
    name = report.names.get(party, party)
    return f"{name}（{party}）" if lang == "ja" else f"{name} ({party})"


def _client(finding: Finding) -> str | None:
    for item in finding.evidence:
        value = item.fields.get("client")
        if item.type == "engagement" and isinstance(value, str) and value:
            return value
    entity = next((i.fields.get("entity") for i in finding.evidence if i.type == "interest"), None)
    return entity if isinstance(entity, str) and entity else None


def _evidence(finding: Finding) -> str:
    """Each fact the finding rests on, ``ID file:line``, a line each (an attribution is derived
    from an interest and a relation, which are listed themselves)."""
    return "\n".join(
        f"{item.id} {item.source or ''}".rstrip()
        for item in finding.evidence
        if item.type != "attribution"
    )


def _sheet(book: Workbook, title: str, head: Sequence[str], first: bool = False) -> Worksheet:
    sheet = book.active if first else book.create_sheet()
    assert isinstance(sheet, Worksheet)
    sheet.title = title
    sheet.append(list(head))
    for cell in sheet[1]:
        cell.font, cell.fill = _BOLD, _HEAD_FILL
    sheet.freeze_panes = "A2"
    return sheet


def _fit(sheet: Worksheet, head: Sequence[str]) -> None:
    """Columns as wide as their widest line (wide characters count two), within a maximum; printed
    landscape on A4, as wide as the page, with gridlines and the header on every page."""
    sheet.auto_filter.ref = sheet.dimensions
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_options.gridLines = True
    sheet.print_title_rows = "1:1"
    for index, name in enumerate(head, start=1):
        widest = 0
        for (value,) in sheet.iter_rows(min_col=index, max_col=index, min_row=1, values_only=True):
            if isinstance(value, datetime):
                widest = max(widest, 16)
            elif value is not None:
                widest = max(widest, *(width(line) for line in str(value).split("\n")))
        limit = _MAX_WIDTH.get(name, 40)
        sheet.column_dimensions[get_column_letter(index)].width = min(widest + 2, limit)
    _heights(sheet)


def _heights(sheet: Worksheet) -> None:
    """Each row as high as its most wrapped cell (neither Excel nor LibreOffice re-measures the
    rows of a file they open, so a wrapped message would otherwise show one line)."""
    for row in sheet.iter_rows(min_row=2):
        lines = 1
        for cell in row:
            if cell.value is None or not (cell.alignment and cell.alignment.wrap_text):
                continue
            letter = get_column_letter(cell.column)
            room = max(int(sheet.column_dimensions[letter].width or 10) - 2, 1)
            wrapped = sum(-(-max(width(t), 1) // room) for t in str(cell.value).split("\n"))
            lines = max(lines, wrapped)
        number = row[0].row
        if lines > 1 and number is not None:
            sheet.row_dimensions[number].height = 15 * lines


def _findings(book: Workbook, report: Report, lang: str) -> None:
    words = _WORDS[lang]
    head = words["findings_head"]
    sheet = _sheet(book, str(words["findings"]), head, first=True)
    for finding, supporter in zip(report.findings, supporters(report), strict=True):
        title = finding.title.ja if lang == "ja" else finding.title.en
        deadline = datetime.combine(finding.deadline, time()) if finding.deadline else None
        sheet.append(
            [
                severity(finding.severity, lang),
                state(finding.state, lang),
                title,
                finding.subject.id,
                _name(report, supporter, lang) or str(words["unassigned"]),
                _name(report, _client(finding), lang),
                deadline,
                citation_text(finding),
                "\n".join(
                    [finding.message.ja if lang == "ja" else finding.message.en]
                    + [r.ja if lang == "ja" else r.en for r in finding.explanation.because]
                ),
                _evidence(finding),
                finding.id,
            ]
        )
        row = sheet.max_row
        for cell in sheet[row]:
            cell.alignment = _WRAP if cell.column in (3, 8, 9, 10) else _TOP
        if deadline is not None:
            sheet.cell(row=row, column=7).number_format = str(words["date"])
    _fit(sheet, head)


def _summary(book: Workbook, report: Report, lang: str) -> None:
    words = _WORDS[lang]
    head = words["by_rule"]
    sheet = _sheet(book, str(words["summary"]), head)
    titles = {f.rule: (f.title.ja if lang == "ja" else f.title.en) for f in report.findings}
    counted = Counter((f.rule, f.severity, f.state) for f in report.findings)
    for rule, level, status in sorted(
        counted,
        key=lambda k: (k[0], SEVERITY_ORDER.index(k[1]), STATES.index(k[2])),
    ):
        count = counted[(rule, level, status)]
        sheet.append([titles[rule], severity(level, lang), state(status, lang), count])
    sheet.append([])
    by_supporter = words["by_supporter"]
    sheet.append(list(by_supporter))
    for cell in sheet[sheet.max_row]:
        cell.font, cell.fill = _BOLD, _HEAD_FILL
    rows: dict[str, Counter[str]] = {}
    for finding, supporter in zip(report.findings, supporters(report), strict=True):
        label = _name(report, supporter, lang) or str(words["unassigned"])
        rows.setdefault(label, Counter())[finding.state] += 1
    for label in sorted(rows):
        counts = rows[label]
        sheet.append([label, sum(counts.values()), *(counts.get(s, 0) for s in STATES)])
    _fit(sheet, head)
    sheet.auto_filter.ref = f"A1:D{len(counted) + 1}"


def _rules(book: Workbook, rules: Iterable[AdoptedRule], lang: str) -> None:
    words = _WORDS[lang]
    head = words["rules_head"]
    sheet = _sheet(book, str(words["rules"]), head)
    for rule in rules:
        sheet.append(
            [
                rule.pack,
                rule.pack_version,
                rule.id,
                rule.version,
                rule.title.ja if lang == "ja" else rule.title.en,
                severity(rule.severity, lang),
                words["yes"] if rule.waivable else words["no"],
                rule.citation,
            ]
        )
        for cell in sheet[sheet.max_row]:
            cell.alignment = _WRAP
    _fit(sheet, head)


def render_xlsx(report: Report, lang: str, rules: Sequence[AdoptedRule] = ()) -> bytes:
    """The workbook as the bytes of an .xlsx file (sheets 指摘一覧, 集計, 規則 in Japanese).

    `rules` are the adopted rules for the 規則 sheet; without them it lists the rules that have
    findings.
    """
    lang = lang_of(lang)
    if not rules:
        seen = {f.rule: f for f in report.findings}
        rules = [
            AdoptedRule(
                f.pack,
                f.pack_version,
                f.rule,
                f.rule_version,
                f.title,
                f.severity,
                False,
                citation_text(f),
            )
            for f in seen.values()
        ]
    book = Workbook()
    _findings(book, report, lang)
    _summary(book, report, lang)
    _rules(book, rules, lang)
    book.properties.creator = f"{report.tool.name} {report.tool.version}"
    book.properties.title = report.register_.name
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
