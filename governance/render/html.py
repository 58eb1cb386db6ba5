"""The HTML report: one self-contained, printable page with a per-supporter SVG timeline.

The page has the Markdown report's content (`governance.render.markdown`, whose grouping and
wording it reuses) and a timeline per supporter (laid out by `governance.render.timeline`), inline
CSS with a print stylesheet, no script and nothing fetched: a Content Security Policy forbids
every load, so a stray reference shows as a console error in a browser, never as a request.

The markup lives in Jinja2 templates shipped in the package (``templates/*.j2``), rendered by an
environment that escapes every value (autoescape for every template, strict undefined), so no
text from a register reaches the page unescaped. Jinja2 is imported here only: the other formats
never load it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from governance.findings.models import SEVERITY_ORDER, STATES, Finding, Report
from governance.findings.words import day, field_text, seat_form, term
from governance.render.markdown import (
    citation_text,
    count_label,
    display_name,
    format_value,
    group_by_supporter,
    labels,
    severity_label,
    state_label,
    text_in,
    waiver_text,
    with_deadline_note,
)
from governance.render.text import summary, visible
from governance.render.timeline import Timeline, legend, timeline

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
_PRINTED: dict[str, dict[str, str]] = {
    "en": {
        "report_digest": "Report digest",
        "digest_note": "The report digest is the SHA-256 of the report's canonical JSON "
        "(--format json): the same register, packs and day give the same digest.",
        "listing": "List of findings",
        "no": "No.",
        "appendix": "Appendix: provisions cited",
    },
    "ja": {
        "report_digest": "報告書ダイジェスト",
        "digest_note": "報告書ダイジェストは、本報告書の正規JSON（--format json）のSHA-256値です。"
        "同じ台帳、ポリシーパック及び基準日からは同じ値が得られます。",
        "listing": "指摘一覧",
        "no": "番号",
        "appendix": "別紙　根拠条文",
    },
}
"""The printed report's own texts: the cover, the list of findings and the appendix."""


@dataclass(frozen=True)
class _Row:
    """One line of the printed list of findings."""

    finding: Finding
    supporter: str


@dataclass(frozen=True)
class _Cited:
    """One rule of the appendix with the citation its pack gives."""

    rule: str
    pack: str
    title: str
    citation: str
    url: str


def _citations(report: Report, lang: str) -> list[_Cited]:
    seen: dict[tuple[str, str], _Cited] = {}
    for f in report.findings:
        cite = f.citation
        text = " ".join(part for part in (cite.title, cite.clause) if part)
        seen.setdefault(
            (f.pack, f.rule), _Cited(f.rule, f.pack, text_in(f.title, lang), text, cite.url)
        )
    return [seen[k] for k in sorted(seen)]


"""The HTML report's own fixed texts (the rest are the Markdown report's `labels`)."""


@dataclass(frozen=True)
class _Group:
    """One supporter's section: the id in the contents, the name in its heading."""

    label: str
    name: str
    findings: list[Finding]
    timeline: Timeline


def _wrap_path(source: str) -> Markup:
    """An evidence source, escaped, allowed to wrap after each ``/`` of its path."""
    return Markup("/<wbr>").join(escape(part) for part in source.split("/"))


def _one_decimal(value: float) -> str:
    """A coordinate as the SVG writes it: one decimal."""
    return f"{value:.1f}"


def _visible(value: object) -> object:
    """Every text a template prints, with invisible and reordering characters shown."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return visible(value)
    return value


@cache
def _environment() -> Environment:
    """The template environment: package templates, everything escaped, nothing undefined."""
    environment = Environment(
        loader=PackageLoader("governance.render", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_visible,
    )
    environment.filters.update(wrap_path=_wrap_path, n=_one_decimal)
    environment.globals.update(
        citation_text=citation_text,
        count_label=count_label,
        with_deadline_note=with_deadline_note,
        format_value=format_value,
        severity_label=severity_label,
        state_label=state_label,
        summary=summary,
        text_in=text_in,
        waiver_text=waiver_text,
        day=day,
        field_text=field_text,
        seat_form=seat_form,
        fact_type=lambda value, lang: term("fact_type", value, lang),
        severities=SEVERITY_ORDER,
        states=STATES,
    )
    return environment


def _words(lang: str) -> Mapping[str, str]:
    return _WORDS["ja" if lang == "ja" else "en"]


def render_html(report: Report, lang: str) -> str:
    """The report as one self-contained HTML page (inline CSS, inline SVG, nothing fetched).

    Same content as `render_markdown`, grouped the same way (see
    `governance.render.markdown.supporters`); each supporter's section opens with a timeline of
    the dates in its findings' evidence and one ``<article class="finding">`` per finding. The
    page is the template ``templates/report.html.j2``, which escapes every text from the report;
    the output is deterministic.
    """
    lang = "ja" if lang == "ja" else "en"
    words = labels(lang)
    groups = []
    for supporter, findings in group_by_supporter(report):
        label = supporter if supporter is not None else words["unassigned"]
        name = display_name(report, supporter) if supporter is not None else label
        drawn = timeline(name, findings, report.as_of, lang)
        groups.append(_Group(label, name, findings, drawn))
    listing = [
        _Row(f, report.names.get(s, s) if s is not None else words["unassigned"])
        for s, findings in group_by_supporter(report)
        for f in findings
    ]
    page = _environment().get_template("report.html.j2")
    return page.render(
        report=report,
        lang=lang,
        words=words,
        extra=_words(lang),
        groups=groups,
        legend=legend(lang),
        printed=_PRINTED[lang],
        digest=_digest(report),
        listing=listing,
        citations=_citations(report, lang),
    )


def _digest(report: Report) -> str:
    """The SHA-256 of the report's JSON, read in pieces (`Report.json_chunks`)."""
    digest = hashlib.sha256()
    for chunk in report.json_chunks():
        digest.update(chunk)
    return digest.hexdigest()
