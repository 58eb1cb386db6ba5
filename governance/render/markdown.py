"""The Markdown report a reviewer forwards, and the grouping and wording it shares with HTML.

The HTML report (`governance.render.html`) shows the same content, so the parts both need — which
supporter a finding belongs to, how a deadline reads relative to `as_of`, the labels in each
language — are public functions here rather than a copy there.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date

from governance.findings.models import (
    SEVERITY_ORDER,
    STATES,
    Evidence,
    Finding,
    Reason,
    Report,
    Text,
)
from governance.findings.words import day, field_text, seat_form, term
from governance.render.text import SEVERITY_JA, STATE_JA, pad, summary, visible, width

Value = str | int | float | bool | None

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Compliance report",
        "as_of": "As of",
        "tool": "Produced by",
        "engine": "engine",
        "inputs": "Inputs",
        "pack": "Pack",
        "version": "Version",
        "digest": "Digest",
        "register": "Register",
        "summary": "Summary",
        "severity": "Severity",
        "state": "State",
        "count": "Count",
        "by_supporter": "Findings by supporter",
        "supporter": "Supporter",
        "unassigned": "Not tied to a supporter",
        "findings_n": "{n} findings",
        "finding_1": "1 finding",
        "no_findings": "No findings.",
        "rule": "Rule",
        "subject": "Subject",
        "parties": "Parties",
        "deadline": "Deadline",
        "finding_id": "Finding id",
        "evidence": "Evidence",
        "no_source": "no source",
        "citation": "Citation",
        "waiver": "Waiver",
        "waiver_text": "{id} approved by {by} on {on}, expires {expires}",
        "why": "Why it fired",
        "params": "Parameters",
        "timeline": "Timeline",
        "events": "other dates",
        "days_overdue": "{n} days overdue",
        "day_overdue": "1 day overdue",
        "due_today": "due today",
        "days_left": "{n} days left",
        "day_left": "1 day left",
    },
    "ja": {
        "title": "利益相反チェック報告書",
        "as_of": "基準日",
        "tool": "作成",
        "engine": "エンジン",
        "inputs": "入力",
        "pack": "ポリシーパック",
        "version": "版",
        "digest": "ダイジェスト",
        "register": "台帳",
        "summary": "概要",
        "severity": "重要度",
        "state": "状態",
        "count": "件数",
        "by_supporter": "伴走支援者別の指摘",
        "supporter": "伴走支援者",
        "unassigned": "伴走支援者に紐付かない指摘",
        "findings_n": "指摘{n}件",
        "finding_1": "指摘1件",
        "no_findings": "指摘はありません。",
        "rule": "規則",
        "subject": "対象",
        "parties": "関係者",
        "deadline": "期限",
        "finding_id": "指摘ID",
        "evidence": "根拠となる事実",
        "no_source": "出典なし",
        "citation": "根拠規定",
        "waiver": "例外承認",
        "waiver_text": "{id}（承認者：{by}、承認日：{on}、有効期限：{expires}）",
        "why": "判定の理由",
        "params": "判定基準の値",
        "timeline": "時系列",
        "events": "その他の日付",
        "days_overdue": "{n}日超過",
        "day_overdue": "1日超過",
        "due_today": "本日期限",
        "days_left": "残り{n}日",
        "day_left": "残り1日",
    },
}
"""Every fixed text of the Markdown and HTML reports, by language."""

# The facts a finding can be "about" besides its subject: a waiver's subject, the interest a
# disclosure or review covers, the review a condition belongs to.
_REFERENCE_FIELDS = ("subject", "interest", "review")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&$])")
_MD_LINE_START = re.compile(r"^(\d{1,9})([.)])|^([-+=])")


def labels(lang: str) -> Mapping[str, str]:
    """The fixed texts for `lang` (English for anything but ``"ja"``)."""
    return LABELS["ja" if lang == "ja" else "en"]


def text_in(text: Text | Reason, lang: str) -> str:
    """The `lang` member of an ``{en, ja}`` text."""
    return text.ja if lang == "ja" else text.en


def severity_label(severity: str, lang: str) -> str:
    """A severity in the report's language."""
    return SEVERITY_JA[severity] if lang == "ja" else severity


def state_label(state: str, lang: str) -> str:
    """A finding state in the report's language."""
    return STATE_JA[state] if lang == "ja" else state


def count_label(n: int, lang: str) -> str:
    """``3 findings`` / ``指摘 3 件``."""
    words = labels(lang)
    return words["finding_1"] if n == 1 else words["findings_n"].format(n=n)


def deadline_note(deadline: date, as_of: date, lang: str) -> str:
    """How `deadline` stands on `as_of`: ``212 days overdue``, ``due today``, ``15 days left``."""
    words = labels(lang)
    days = (as_of - deadline).days
    if days == 0:
        return words["due_today"]
    if days > 0:
        return words["day_overdue"] if days == 1 else words["days_overdue"].format(n=days)
    return words["day_left"] if days == -1 else words["days_left"].format(n=-days)


def with_deadline_note(shown: str, deadline: date, as_of: date, lang: str) -> str:
    """`shown` (the deadline as written) with how it stands: ``2026-08-31 (212 days overdue)``;
    Japanese takes full-width brackets, as official documents write them:
    ``2026年8月31日（212日超過）``."""
    note = deadline_note(deadline, as_of, lang)
    return f"{shown}（{note}）" if lang == "ja" else f"{shown} ({note})"


def format_value(value: Value) -> str:
    """An evidence field value as a reviewer reads it (``null`` for a missing date)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _direct_supporter(finding: Finding) -> str | None:
    for kind, field in (("engagement", "supporter"), ("attribution", "person")):
        for item in finding.evidence:
            value = item.fields.get(field)
            if item.type == kind and isinstance(value, str) and value:
                return value
    return None


def _references(finding: Finding) -> list[str]:
    refs = [finding.subject.id]
    for item in finding.evidence:
        for field in _REFERENCE_FIELDS:
            value = item.fields.get(field)
            if isinstance(value, str) and value:
                refs.append(value)
    return refs


def display_name(report: Report, party: str) -> str:
    """A party as a reader knows it: ``阿部 聡 (P-ABE)``, or the id when the report has no name."""
    name = report.names.get(party)
    return f"{name} ({party})" if name else party


def supporters(report: Report) -> list[str | None]:
    """The supporter of each finding of `report` (same order), or None when none can be told.

    The first party of a finding is not its supporter (parties are sorted ids, so the client
    organisation usually comes first), so the supporter is read from the evidence instead:

    1. the ``supporter`` of the first engagement in the finding's evidence; else
    2. the ``person`` of the first attribution (the person the interest is counted for); else
    3. the supporter found by 1–2 for another finding whose subject or evidence is a fact this
       finding is about (its subject, or the ``subject``/``interest``/``review`` its evidence
       names) — so an invalid waiver lands with the collaboration it tried to waive; the
       smallest id wins when several match; else
    4. None: the finding is listed under "not tied to a supporter".
    """
    direct = [_direct_supporter(f) for f in report.findings]
    owners: dict[str, set[str]] = defaultdict(set)
    for finding, supporter in zip(report.findings, direct, strict=True):
        if supporter is not None:
            for fact in [finding.subject.id, *(item.id for item in finding.evidence)]:
                owners[fact].add(supporter)
    result: list[str | None] = []
    for finding, supporter in zip(report.findings, direct, strict=True):
        if supporter is not None:
            result.append(supporter)
            continue
        found = {s for ref in _references(finding) for s in owners.get(ref, ())}
        result.append(min(found) if found else None)
    return result


def group_by_supporter(report: Report) -> list[tuple[str | None, list[Finding]]]:
    """The findings grouped by supporter (see `supporters`), by supporter id, None last.

    Within a group the findings keep the report's order (most severe first).
    """
    groups: dict[str | None, list[Finding]] = defaultdict(list)
    for finding, supporter in zip(report.findings, supporters(report), strict=True):
        groups[supporter].append(finding)
    return sorted(groups.items(), key=lambda item: (item[0] is None, item[0] or ""))


def md(text: str) -> str:
    """`text` as literal inline Markdown: specials backslash-escaped, line breaks folded."""
    return _MD_SPECIAL.sub(r"\\\1", visible(" ".join(text.split())))


def _md_block(text: str) -> str:
    """`md(text)` that also cannot start a list, heading underline or numbered item."""
    return _MD_LINE_START.sub(
        lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", md(text), count=1
    )


def _code(text: str) -> str:
    """`text` as a code span, fenced with more backticks than it contains (never in a table)."""
    text = " ".join(text.split())
    runs = [len(run) for run in re.findall(r"`+", text)]
    fence = "`" * (max(runs, default=0) + 1)
    space = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{space}{text}{space}{fence}"


def _table(head: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> list[str]:
    """A pipe table whose source is aligned too (wide characters count two columns)."""
    widths = [max(width(r[i]) for r in [head, *rows]) for i in range(len(head))]
    lines = ["| " + " | ".join(pad(c, w) for c, w in zip(head, widths, strict=True)) + " |"]
    lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        lines.append("| " + " | ".join(pad(c, w) for c, w in zip(row, widths, strict=True)) + " |")
    return lines


def _evidence_line(item: Evidence, lang: str, finding: Finding) -> str:
    source = _code(item.source) if item.source else f"*{labels(lang)['no_source']}*"
    form = seat_form(finding.evidence, item)
    fields = ", ".join(
        f"{md(k)}: {md(field_text(item.type, k, v, lang, form))}" for k, v in item.fields.items()
    )
    kind = md(term("fact_type", item.type, lang))
    return f"  - {kind} **{md(item.id)}** — {source}" + (f" — {fields}" if fields else "")


def citation_text(finding: Finding) -> str:
    """The citation as one plain line: title, clause, URL (unescaped)."""
    cite = finding.citation
    return " ".join(part for part in (cite.title, cite.clause, cite.url) if part)


def waiver_text(finding: Finding, lang: str, names: Mapping[str, str] | None = None) -> str:
    """The waiver as one plain line (unescaped), or ``""`` when there is none; the approver by
    name when `names` has it."""
    waiver = finding.waiver
    if waiver is None:
        return ""
    line = labels(lang)["waiver_text"].format(
        id=waiver.id,
        by=(names or {}).get(waiver.approved_by, waiver.approved_by),
        on=day(waiver.approved_on, lang),
        expires=day(waiver.expires_on, lang),
    )
    return f"{line} — {waiver.reason}" if waiver.reason else line


def _parties(finding: Finding, lang: str, names: Mapping[str, str]) -> str:
    separator = "、" if lang == "ja" else ", "
    return separator.join(md(names.get(p, p)) for p in finding.parties)


def _finding(
    finding: Finding, as_of: date, lang: str, names: Mapping[str, str] | None = None
) -> list[str]:
    words = labels(lang)
    head = (
        f"#### {md(severity_label(finding.severity, lang).upper())} · "
        f"{md(state_label(finding.state, lang))} — {md(text_in(finding.title, lang))}"
    )
    deadline = "—"
    if finding.deadline is not None:
        deadline = with_deadline_note(day(finding.deadline, lang), finding.deadline, as_of, lang)
    lines = [head, "", "> " + _md_block(text_in(finding.message, lang))]
    for reason in finding.explanation.because:  # why an approval on record did not count
        lines += [">", "> " + _md_block(text_in(reason, lang))]
    lines.append("")
    lines += [
        f"- **{words['deadline']}:** {deadline}",
        f"- **{words['rule']}:** {md(finding.rule)} v{finding.rule_version} "
        f"({md(finding.pack)} {md(finding.pack_version)})",
        f"- **{words['subject']}:** {md(term('fact_type', finding.subject.type, lang))} "
        f"{md(finding.subject.id)}",
        f"- **{words['parties']}:** "
        + (
            ("、" if lang == "ja" else ", ").join(
                md((names or {}).get(p, p)) for p in finding.parties
            )
            or "—"
        ),
        f"- **{words['citation']}:** {md(citation_text(finding)) or '—'}",
    ]
    if finding.waiver is not None:
        lines.append(f"- **{words['waiver']}:** {md(waiver_text(finding, lang, names))}")
    lines.append(f"- **{words['evidence']}:**")
    lines += [_evidence_line(item, lang, finding) for item in finding.evidence]
    lines.append(f"- **{words['why']}:**")
    lines += [f"  - {md(c)}" for c in finding.explanation.conditions]
    if finding.explanation.params:
        params = ", ".join(f"{md(k)} = {md(str(v))}" for k, v in finding.explanation.params.items())
        lines.append(f"  - {words['params']}: {params}")
    if finding.explanation.note is not None:  # what the pack adds (a consequence in law)
        lines.append(f"  - {md(text_in(finding.explanation.note, lang))}")
    lines += [f"- **{words['finding_id']}:** {_code(finding.id)}", ""]
    return lines


def _summary(report: Report, lang: str) -> list[str]:
    words = labels(lang)
    counts = report.counts
    lines = [f"## {words['summary']}", "", md(summary(report, lang)), ""]
    rows = [(severity_label(s, lang), str(counts.by_severity.get(s, 0))) for s in SEVERITY_ORDER]
    lines += [*_table((words["severity"], words["count"]), rows), ""]
    rows = [(state_label(s, lang), str(counts.by_state.get(s, 0))) for s in STATES]
    return [*lines, *_table((words["state"], words["count"]), rows), ""]


def _inputs(report: Report, lang: str) -> list[str]:
    words = labels(lang)
    rows = [(md(p.id), md(p.version), md(p.digest)) for p in report.packs]
    reg = report.register_
    return [
        f"## {words['inputs']}",
        "",
        *_table((words["pack"], words["version"], words["digest"]), rows),
        "",
        f"**{words['register']}:** {md(reg.name)} — {_code(reg.digest)}",
        "",
    ]


def render_markdown(report: Report, lang: str) -> str:
    """The report as Markdown: header, inputs with digests, summary, findings by supporter.

    Findings are grouped under the supporter they concern (the rule is in `supporters`: the
    engagement's supporter or attributed person in the evidence, not ``parties[0]``), the
    supporters in id order and the findings nobody can be tied to last. Every text taken from the
    report is escaped, so names with ``|``, ``*`` or ``_`` and messages with HTML stay literal.
    """
    words = labels(lang)
    tool = report.tool
    lines = [
        f"# {words['title']} — {md(report.register_.name)}",
        "",
        f"**{words['as_of']}:** {day(report.as_of, lang)} · {words['tool']}: {md(tool.name)} "
        f"{md(tool.version)} ({words['engine']}: {md(tool.engine)})",
        "",
        *_inputs(report, lang),
        *_summary(report, lang),
        f"## {words['by_supporter']}",
        "",
    ]
    if not report.findings:
        lines += [words["no_findings"], ""]
    for supporter, findings in group_by_supporter(report):
        name = md(display_name(report, supporter)) if supporter is not None else words["unassigned"]
        lines += [f"### {name} ({count_label(len(findings), lang)})", ""]
        for finding in findings:
            lines += _finding(finding, report.as_of, lang, report.names)
    return "\n".join(lines).rstrip("\n") + "\n"
