"""The HTML report: one self-contained, printable page with a per-supporter SVG timeline.

The page has the Markdown report's content (`governance.render.markdown`, whose grouping and
wording it reuses) and a timeline per supporter (`governance.render.timeline`), inline CSS with a
print stylesheet, no script and nothing fetched: a Content Security Policy forbids every load, so
a stray reference shows as a console error in a browser, never as a request.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from datetime import date

from governance.findings.models import SEVERITY_ORDER, STATES, Finding, Report
from governance.render.markdown import (
    citation_text,
    count_label,
    deadline_note,
    display_name,
    format_value,
    group_by_supporter,
    labels,
    severity_label,
    state_label,
    text_in,
    waiver_text,
)
from governance.render.text import summary
from governance.render.timeline import render_timeline, timeline_legend

_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "contents": "Supporters",
        "source": "Source",
        "fields": "Fields",
        "type": "Type",
        "id": "Id",
    },
    "ja": {
        "contents": "伴走支援者",
        "source": "出典",
        "fields": "項目",
        "type": "種別",
        "id": "ID",
    },
}

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
_FONTS = (
    'system-ui, -apple-system, "Segoe UI", "Hiragino Sans", "Hiragino Kaku Gothic ProN", '
    '"Yu Gothic UI", "Yu Gothic", Meiryo, "Noto Sans CJK JP", "Noto Sans JP", '
    '"Source Han Sans JP", "IPAexGothic", "IPAPGothic", sans-serif'
)
_MONO = (
    'ui-monospace, "SF Mono", Menlo, Consolas, "Noto Sans Mono CJK JP", "Noto Sans Mono", monospace'
)
_CSS = """
:root { --critical: #9f1239; --high: #c2410c; --medium: #a16207; --low: #1d4ed8;
  --info: #4b5563; --ink: #1f2937; --muted: #6b7280; --line: #e5e7eb; --paper: #fff;
  --overdue: #b91c1c; --due: #b45309; --waived: #047857; --violation: #374151; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 1120px; padding: 28px 32px 48px; font-family: FONTS;
  font-size: 14px; line-height: 1.55; color: var(--ink); background: #f6f7f9; }
code, .mono { font-family: MONO; font-size: 0.92em; }
h1 { font-size: 26px; margin: 0 0 4px; line-height: 1.25; }
h1 .register { color: var(--muted); font-weight: 500; }
h2 { font-size: 19px; margin: 32px 0 12px; padding-bottom: 6px; border-bottom: 2px solid #d1d5db; }
h3.supporter-name { font-size: 18px; margin: 28px 0 10px; }
h3 .count { font-size: 13.5px; font-weight: 500; color: var(--muted); margin-left: 10px; }
h4 { font-size: 15.5px; margin: 0; line-height: 1.35; }
.meta { color: var(--muted); margin: 0 0 20px; }
.panel { background: var(--paper); border: 1px solid var(--line); border-radius: 8px;
  padding: 16px 20px; margin: 0 0 16px; }
.summary-line { font-size: 16px; font-weight: 600; margin: 0 0 12px; }
.tiles { display: flex; flex-wrap: wrap; gap: 8px; margin: 0 0 8px; }
.tile { min-width: 92px; padding: 6px 12px; border-radius: 6px; border: 1px solid var(--line);
  border-top: 4px solid var(--c, var(--info)); background: #fafafa; }
.tile b { display: block; font-size: 22px; line-height: 1.2; }
.tile span { color: var(--muted); font-size: 12.5px; }
.tile.zero { opacity: 0.45; }
.tile.state-violation { --c: var(--violation); } .tile.state-overdue { --c: var(--overdue); }
.tile.state-due { --c: var(--due); } .tile.state-waived { --c: var(--waived); }
.panel h2 { margin-top: 0; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 4px 8px;
  border-bottom: 1px solid var(--line); }
th { font-size: 12px; color: var(--muted); font-weight: 600; }
.digest { font-family: MONO; font-size: 12px; overflow-wrap: anywhere; }
nav.toc ul { list-style: none; margin: 6px 0 0; padding: 0; display: flex; flex-wrap: wrap;
  gap: 6px 8px; }
nav.toc a { color: var(--ink); text-decoration: none; border: 1px solid var(--line);
  border-radius: 999px; padding: 2px 10px; background: var(--paper); display: inline-block; }
nav.toc a:hover { border-color: #9ca3af; }
.dot { display: inline-block; width: 8px; height: 8px; border-radius: 50%;
  background: var(--c, var(--info)); margin-right: 6px; vertical-align: 1px; }
figure.timeline { margin: 0 0 14px; padding: 10px 12px 8px; background: var(--paper);
  border: 1px solid var(--line); border-radius: 8px; }
svg.timeline { display: block; width: 100%; height: auto; font-family: FONTS; }
svg.timeline text { font-size: 11px; fill: var(--ink); }
svg.timeline .tick-label { fill: var(--muted); }
svg.timeline .grid { stroke: #eef0f3; stroke-width: 1; }
svg.timeline .axis { stroke: #9ca3af; stroke-width: 1; }
svg.timeline .lane-bg { fill: #f9fafb; }
svg.timeline .bar { fill: #94a3b8; }
svg.timeline .bar.engagement { fill: #334155; }
svg.timeline .bar.investment { fill: #0e7490; }
svg.timeline .bar.board_seat { fill: #7c3aed; }
svg.timeline .bar.collaboration { fill: #ca8a04; }
svg.timeline .bar.remuneration { fill: #15803d; }
svg.timeline .bar.unknown { opacity: 0.5; }
svg.timeline .open-end { fill: none; stroke: #64748b; stroke-width: 1.5; }
svg.timeline .m-disclosure { fill: #2563eb; stroke: #fff; stroke-width: 1.5; }
svg.timeline .m-review { fill: #9333ea; stroke: #fff; stroke-width: 1.5; }
svg.timeline .m-deadline { fill: #6b7280; stroke: #fff; stroke-width: 1; }
svg.timeline .m-deadline.overdue { fill: var(--overdue); }
svg.timeline .m-deadline.due { fill: var(--due); }
svg.timeline .m-waiver { fill: var(--waived); stroke: #fff; stroke-width: 1.5; }
svg.timeline .as-of { stroke: #dc2626; stroke-width: 1.5; stroke-dasharray: 4 3; }
svg.timeline .as-of-label { fill: #dc2626; font-weight: 600; }
figcaption { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 12px; color: var(--muted);
  margin-top: 4px; }
.key { display: inline-block; vertical-align: -1px; margin-right: 4px; }
.key.bar { width: 18px; height: 8px; border-radius: 2px; background: #334155; }
.key.bar.interest { background: linear-gradient(90deg, #0e7490 25%, #7c3aed 25% 50%,
  #ca8a04 50% 75%, #15803d 75%); }
.key.disclosure { width: 9px; height: 9px; border-radius: 50%; background: #2563eb; }
.key.review { width: 8px; height: 8px; background: #9333ea; transform: rotate(45deg); }
.key.deadline { width: 0; height: 0; border-left: 5px solid transparent;
  border-right: 5px solid transparent; border-top: 9px solid var(--overdue); }
.key.waiver { width: 9px; height: 9px; background: var(--waived); }
.key.as-of { width: 0; height: 12px; border-left: 2px dashed #dc2626; vertical-align: -2px; }
article.finding { background: var(--paper); border: 1px solid var(--line);
  border-left: 5px solid var(--c, var(--info)); border-radius: 8px; padding: 12px 16px 12px;
  margin: 0 0 12px; }
.finding-head { display: flex; flex-wrap: wrap; align-items: baseline; gap: 6px 10px; }
.finding-head h4 { flex: 1 1 320px; }
.badge { display: inline-block; font-size: 11.5px; font-weight: 700; letter-spacing: 0.02em;
  padding: 1px 8px; border-radius: 4px; color: #fff; background: var(--c, var(--info));
  white-space: nowrap; }
.badge.state { background: transparent; color: var(--s, var(--violation));
  border: 1px solid currentColor; font-weight: 600; }
.deadline-pill { font-size: 12.5px; white-space: nowrap; color: var(--s, var(--muted));
  font-weight: 600; }
.message { margin: 8px 0 10px; font-size: 14.5px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 0 0 8px;
  font-size: 13px; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.waiver-line { color: var(--waived); font-weight: 600; }
table.evidence { font-size: 12.5px; margin: 4px 0 6px; }
table.evidence td:nth-child(2) { overflow-wrap: anywhere; min-width: 9em; }
table.evidence td.src { font-family: MONO; font-size: 11.5px; overflow-wrap: anywhere;
  min-width: 17em; max-width: 300px; color: #374151; }
.kv { display: inline-block; margin: 0 10px 0 0; white-space: nowrap; }
.kv b { font-weight: 500; color: var(--muted); margin-right: 3px; }
.why { font-size: 12px; color: var(--muted); }
.why summary { cursor: default; }
.why ul { margin: 2px 0 0; padding-left: 18px; }
.why li { font-family: MONO; font-size: 11.5px; overflow-wrap: anywhere; }
.sev-critical { --c: var(--critical); } .sev-high { --c: var(--high); }
.sev-medium { --c: var(--medium); } .sev-low { --c: var(--low); } .sev-info { --c: var(--info); }
.state-overdue { --s: var(--overdue); } .state-due { --s: var(--due); }
.state-waived { --s: var(--waived); } .state-violation { --s: var(--violation); }
article.state-waived { opacity: 0.85; border-left-style: dashed; }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { background: #fff; max-width: none; padding: 0; font-size: 10pt; }
  .panel, figure.timeline, article.finding { border-color: #d1d5db; }
  /* A finding may run onto the next page, but never splits its head, facts or a row. */
  figure.timeline, .panel, tr, .finding-head, .message, dl.facts { break-inside: avoid; }
  h2, h3, h4, .finding-head, .message, figure.timeline { break-after: avoid; }
  article.finding { padding: 8px 12px; margin-bottom: 8px; }
  .why li { font-size: 8pt; }
  nav.toc a { border: none; padding: 0 6px 0 0; }
  section.supporter { break-before: auto; }
}
""".replace("FONTS", _FONTS).replace("MONO", _MONO)


def _e(text: object) -> str:
    """Any value as escaped HTML text (quotes too, so it is safe in attributes)."""
    return html.escape(str(text), quote=True)


def _source(source: str | None) -> str:
    """An evidence source, escaped, allowed to wrap after each ``/`` of its path."""
    return _e(source).replace("/", "/<wbr>") if source else "—"


def _words(lang: str) -> Mapping[str, str]:
    return _WORDS["ja" if lang == "ja" else "en"]


def _finding(finding: Finding, as_of: date, lang: str) -> str:
    words, extra = labels(lang), _words(lang)
    deadline = "—"
    pill = ""
    if finding.deadline is not None:
        note = deadline_note(finding.deadline, as_of, lang)
        deadline = f"{finding.deadline} ({note})"
        pill = f'<span class="deadline-pill">{_e(words["deadline"])} {_e(deadline)}</span>'
    rows = [
        (
            words["rule"],
            f"{finding.rule} v{finding.rule_version} ({finding.pack} {finding.pack_version})",
        ),
        (words["subject"], f"{finding.subject.type} {finding.subject.id}"),
        (words["parties"], ", ".join(finding.parties) or "—"),
        (words["deadline"], deadline),
        (words["citation"], citation_text(finding) or "—"),
    ]
    facts = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in rows)
    if finding.waiver is not None:
        facts += (
            f"<dt>{_e(words['waiver'])}</dt>"
            f'<dd class="waiver-line">{_e(waiver_text(finding, lang))}</dd>'
        )
    facts += f'<dt>{_e(words["finding_id"])}</dt><dd class="mono">{_e(finding.id)}</dd>'
    evidence = "".join(
        f"<tr><td>{_e(item.type)}</td><td>{_e(item.id)}</td>"
        f'<td class="src">{_source(item.source)}</td><td>'
        + "".join(
            f'<span class="kv"><b>{_e(k)}</b>{_e(format_value(v))}</span>'
            for k, v in item.fields.items()
        )
        + "</td></tr>"
        for item in finding.evidence
    )
    head = (
        f"<th>{_e(extra['type'])}</th><th>{_e(extra['id'])}</th>"
        f"<th>{_e(extra['source'])}</th><th>{_e(extra['fields'])}</th>"
    )
    why = "".join(f"<li>{_e(c)}</li>" for c in finding.explanation.conditions)
    params = ", ".join(f"{k} = {v}" for k, v in finding.explanation.params.items())
    if params:
        why += f"<li>{_e(words['params'])}: {_e(params)}</li>"
    if finding.explanation.note is not None:  # what the pack adds (a consequence in law)
        why += f"<li>{_e(text_in(finding.explanation.note, lang))}</li>"
    return (
        f'<article class="finding sev-{_e(finding.severity)} state-{_e(finding.state)}" '
        f'id="f-{_e(finding.id)}">'
        f'<div class="finding-head">'
        f'<span class="badge sev">{_e(severity_label(finding.severity, lang))}</span>'
        f'<span class="badge state">{_e(state_label(finding.state, lang))}</span>'
        f"<h4>{_e(text_in(finding.title, lang))}</h4>{pill}</div>"
        f'<p class="message">{_e(text_in(finding.message, lang))}</p>'
        f'<dl class="facts">{facts}</dl>'
        f'<div class="evidence-block"><b>{_e(words["evidence"])}</b>'
        f'<table class="evidence"><thead><tr>{head}</tr></thead><tbody>{evidence}</tbody></table>'
        f"</div>"
        f'<div class="why"><b>{_e(words["why"])}</b><ul>{why}</ul></div>'
        f"</article>"
    )


def _summary(report: Report, lang: str) -> str:
    words = labels(lang)
    counts = report.counts
    tiles = "".join(
        f'<div class="tile sev-{s}{" zero" if not counts.by_severity.get(s) else ""}">'
        f"<b>{counts.by_severity.get(s, 0)}</b><span>{_e(severity_label(s, lang))}</span></div>"
        for s in SEVERITY_ORDER
    )
    states = "".join(
        f'<div class="tile state-{s}{" zero" if not counts.by_state.get(s) else ""}">'
        f"<b>{counts.by_state.get(s, 0)}</b><span>{_e(state_label(s, lang))}</span></div>"
        for s in STATES
    )
    packs = "".join(
        f'<tr><td>{_e(p.id)}</td><td>{_e(p.version)}</td><td class="digest">{_e(p.digest)}</td>'
        "</tr>"
        for p in report.packs
    )
    reg = report.register_
    return (
        f'<section class="panel summary"><h2>{_e(words["summary"])}</h2>'
        f'<p class="summary-line">{_e(summary(report, lang))}</p>'
        f'<div class="tiles">{tiles}</div><div class="tiles">{states}</div></section>'
        f'<section class="panel inputs"><h2>{_e(words["inputs"])}</h2>'
        f"<table><thead><tr><th>{_e(words['pack'])}</th><th>{_e(words['version'])}</th>"
        f"<th>{_e(words['digest'])}</th></tr></thead><tbody>{packs}"
        f"<tr><td>{_e(words['register'])}</td><td>{_e(reg.name)}</td>"
        f'<td class="digest">{_e(reg.digest)}</td></tr></tbody></table></section>'
    )


def render_html(report: Report, lang: str) -> str:
    """The report as one self-contained HTML page (inline CSS, inline SVG, nothing fetched).

    Same content as `render_markdown`, grouped the same way (see
    `governance.render.markdown.supporters`); each supporter's section opens with a timeline of
    the dates in its findings' evidence and one ``<article class="finding">`` per finding. Every
    text from the report is escaped with `html.escape`; the output is deterministic.
    """
    lang = "ja" if lang == "ja" else "en"
    words = labels(lang)
    groups = group_by_supporter(report)
    tool = report.tool
    title = f"{words['title']} — {report.register_.name} ({report.as_of})"
    toc = "".join(
        f'<li><a href="#supporter-{n}"><i class="dot sev-{_e(fs[0].severity)}"></i>'
        f"{_e(s if s is not None else words['unassigned'])} · {_e(len(fs))}</a></li>"
        for n, (s, fs) in enumerate(groups, 1)
    )
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f'<header><h1>{_e(words["title"])} <span class="register">{_e(report.register_.name)}'
        f"</span></h1>"
        f'<p class="meta">{_e(words["as_of"])} <strong>{report.as_of}</strong> · '
        f"{_e(words['tool'])}: {_e(tool.name)} {_e(tool.version)} "
        f"({_e(words['engine'])}: {_e(tool.engine)})</p></header>",
        _summary(report, lang),
    ]
    parts.append(f"<h2>{_e(words['by_supporter'])}</h2>")
    if groups:
        parts.append(
            f'<nav class="toc panel"><b>{_e(_words(lang)["contents"])}</b><ul>{toc}</ul></nav>'
        )
    else:
        parts.append(f"<p>{_e(words['no_findings'])}</p>")
    for n, (supporter, findings) in enumerate(groups, 1):
        name = display_name(report, supporter) if supporter is not None else words["unassigned"]
        parts.append(
            f'<section class="supporter" id="supporter-{n}">'
            f'<h3 class="supporter-name">{_e(name)}'
            f'<span class="count">{_e(count_label(len(findings), lang))}</span></h3>'
            f'<figure class="timeline">{render_timeline(name, findings, report.as_of, lang)}'
            f"{timeline_legend(lang)}</figure>"
            + "".join(_finding(f, report.as_of, lang) for f in findings)
            + "</section>"
        )
    parts += [
        f"<footer>{_e(tool.name)} {_e(tool.version)} · {_e(report.register_.digest)}</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(p for p in parts if p) + "\n"
