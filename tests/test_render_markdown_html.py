"""The Markdown and HTML reports, run on a real evaluation of the example register.

The last test opens the HTML in headless Chromium (Debian's ``chromium`` package). Set
``GOVERNANCE_UPDATE_SCREENSHOT=1`` to refresh the README's ``docs/report-screenshot.png`` from it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

import governance
from governance.findings.models import (
    SEVERITY_ORDER,
    STATES,
    Counts,
    Evidence,
    Report,
    Text,
)
from governance.render.html import render_html
from governance.render.markdown import group_by_supporter, md, render_markdown
from tests.conftest import EXAMPLE, ROOT

REGISTER_URI = EXAMPLE.relative_to(ROOT).as_posix()
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOT = ROOT / "docs" / "report-screenshot.png"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--enable-logging=stderr",
    "--v=0",
]
SUPPORTER_HEADINGS = [
    "阿部 聡 (P-ABE) (3 findings)",
    "千葉 和也 (P-CHIBA) (1 finding)",
    "畠山 隆 (P-HATAKEYAMA) (1 finding)",
    "石井 誠 (P-ISHII) (1 finding)",
    "伊藤 健太 (P-ITO) (3 findings)",
    "加藤 直樹 (P-KATO) (4 findings)",
    "小林 拓也 (P-KOBAYASHI) (2 findings)",
    "熊谷 亜紀 (P-KUMAGAI) (1 finding)",
    "及川 浩二 (P-OIKAWA) (2 findings)",
    "斎藤 健一 (P-SAITO) (1 finding)",
    "鈴木 大輔 (P-SUZUKI) (2 findings)",
    "高橋 誠 (P-TAKAHASHI) (3 findings)",
    "田中 一郎 (P-TANAKA) (1 finding)",
    "渡辺 翔太 (P-WATANABE) (3 findings)",
    "山本 亮 (P-YAMAMOTO) (3 findings)",
    "吉田 恵 (P-YOSHIDA) (1 finding)",
    "Not tied to a supporter (4 findings)",
]


class Page(HTMLParser):
    """What the tests need from an HTML page: elements by class, attributes, selected texts."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.sections: list[list[str]] = []  # per supporter section: its element classes
        self.texts: dict[str, list[str]] = {}  # text of elements whose class is watched
        self._watch: list[tuple[str, str]] = []  # (tag, class) being collected
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        self.tags.append((tag, attributes))
        cls = attributes.get("class", "")
        if tag == "section" and cls == "supporter":
            self.sections.append([])
        if self.sections and cls:
            self.sections[-1].append(f"{tag}.{cls}")
        if (tag, cls) in {("p", "message"), ("h3", "supporter-name"), ("td", "src")}:
            self._watch.append((tag, cls))
            self.texts.setdefault(cls, []).append("")

    def handle_endtag(self, tag: str) -> None:
        if self._watch and self._watch[-1][0] == tag:
            self._watch.pop()

    def handle_data(self, data: str) -> None:
        for _, cls in self._watch:
            self.texts[cls][-1] += data

    def count(self, tag: str, cls: str) -> int:
        """How many `tag` elements have `cls` among their classes."""
        return sum(1 for t, a in self.tags if t == tag and cls in a.get("class", "").split())


def evil(report: Report) -> Report:
    """The example report reduced to one finding whose every text is hostile to Markdown/HTML."""
    finding = report.findings[0]
    hostile = "<script>alert('x')</script> | *bold* _it_ `code` [a](http://x) & #1"
    engagement = Evidence(
        id="ENG|*_1",
        type="engagement",
        fields={"supporter": "P-<b>|*_x", "start": "2026-04-01", "end": None},
        source="reg|`x`.yaml:3",
    )
    bad = finding.model_copy(
        update={
            "title": Text(en=f"T {hostile}", ja=f"題 {hostile}"),
            "message": Text(en=f"en {hostile}", ja=f"ja {hostile}"),
            "parties": ["P-<b>|*_x"],
            "evidence": [engagement],
        }
    )
    return report.model_copy(update={"findings": [bad]})


def test_the_example_has_every_state(report: Report) -> None:
    # The assertions below are only meaningful if each state occurs at least once.
    assert {f.state for f in report.findings} == set(STATES)
    assert report.counts.total == len(report.findings) == 36


def test_findings_are_grouped_by_the_supporter_in_their_evidence(report: Report) -> None:
    groups = {s: [f.subject.id for f in fs] for s, fs in group_by_supporter(report)}
    assert list(groups)[-1] is None
    # parties[0] would be the client organisation; the supporter comes from the evidence, and an
    # invalid waiver lands with the collaboration it tried to waive.
    assert groups["P-WATANABE"] == ["COL-WATANABE-1", "W-WATANABE-1", "COL-WATANABE-1"]
    assert groups["P-ABE"] == ["COL-ABE-1", "GIFT-ABE-1", "W-ABE-1"]
    assert groups[None] == ["GUA-OCEAN-1", "SEAT-KOMATSU-1", "C-TAKAHASHI-1", "C-YOSHIDA-1"]
    assert sum(len(v) for v in groups.values()) == len(report.findings)


def test_markdown_lists_every_finding_under_its_supporter(report: Report) -> None:
    text = render_markdown(report, "en")
    lines = text.splitlines()
    assert lines[0] == "# Compliance report — kesennuma-2027"
    assert [line[4:] for line in lines if line.startswith("### ")] == SUPPORTER_HEADINGS
    assert sum(1 for line in lines if line.startswith("#### ")) == report.counts.total
    assert "36 findings: 11 critical, 16 high, 9 medium · 8 overdue · 2 due · 1 waived" in lines
    for pack in report.packs:
        assert f"| {pack.id}" in text
        assert pack.digest in text
    assert f"`{report.register_.digest}`" in text


def test_markdown_shows_deadlines_evidence_citations_and_waivers(report: Report) -> None:
    en, ja = render_markdown(report, "en"), render_markdown(report, "ja")
    assert "- **Deadline:** 31 August 2026 (212 days overdue)" in en
    assert "- **Deadline:** 15 April 2027 (15 days left)" in en
    assert "- **期限:** 2026年8月31日（212日超過）" in ja
    assert "- **期限:** 2027年4月15日（残り15日）" in ja
    assert "  - interest **SEAT-KATO-1** — `examples/register.yaml:174` — end: —," in en
    assert "  - 利害関係 **SEAT-KATO-1** — `examples/register.yaml:174` — end: —," in ja
    assert "start: 2026年8月1日, type: 役員就任" in ja
    assert "会社法 365条2項; 419条2項 (執行役) https://laws.e-gov.go.jp/law/417AC0000000086" in en
    assert (
        "- **Waiver:** W-TANAKA-1 approved by 気仙沼市 on 20 August 2026, expires 19 August 2027 — "
        "輸出向けHACCP工程を設計できる事業者が市内に他にいないため"
    ) in en
    assert (
        "- **例外承認:** W-TANAKA-1（承認者：気仙沼市、承認日：2026年8月20日、"
        "有効期限：2027年8月19日）" in ja
    )


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_markdown_and_html_carry_the_messages_in_the_chosen_language(
    report: Report, lang: str
) -> None:
    other = "ja" if lang == "en" else "en"
    text, page = render_markdown(report, lang), Page(render_html(report, lang))
    for finding in report.findings:
        message = getattr(finding.message, lang)
        assert f"> {md(message)}" in text
        assert md(getattr(finding.message, other)) not in text
    assert page.texts["message"] == [
        getattr(f.message, lang) for _, fs in group_by_supporter(report) for f in fs
    ]
    assert ("lang", lang) in page.tags[0][1].items()


def test_markdown_escapes_the_reports_text(report: Report) -> None:
    lines = render_markdown(evil(report), "en").splitlines()
    escaped = r"\<script\>alert('x')\</script\> \| \*bold\* \_it\_ \`code\` \[a\](http://x) \& \#1"
    assert f"> en {escaped}" in lines
    assert f"#### CRITICAL · violation — T {escaped}" in lines
    assert r"### P-\<b\>\|\*\_x (1 finding)" in lines
    assert r"- **Parties:** P-\<b\>\|\*\_x" in lines
    assert r"  - engagement **ENG\|\*\_1** — ``reg|`x`.yaml:3`` — supporter: P-\<b\>\|\*\_x, " in (
        "\n".join(lines)
    )


def test_html_escapes_the_reports_text(report: Report) -> None:
    bad = evil(report)
    text = render_html(bad, "ja")
    assert "<script" not in text
    assert "<b>|" not in text
    # Jinja2's escaping (markupsafe) writes ' as &#39;
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; | *bold*" in text
    page = Page(text)
    # Parsed back, every hostile text is exactly what the report said.
    assert page.texts["message"] == [bad.findings[0].message.ja]
    assert page.texts["supporter-name"][0].startswith("P-<b>|*_x")
    assert page.texts["src"] == ["reg|`x`.yaml:3"]
    assert "script" not in {tag for tag, _ in page.tags}


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_html_is_one_self_contained_page(report: Report, lang: str) -> None:
    text = render_html(report, lang)
    page = Page(text)
    assert page.count("article", "finding") == report.counts.total
    assert text.startswith("<!DOCTYPE html>\n")
    assert ("meta", {"charset": "utf-8"}) in page.tags
    assert "Noto Sans CJK JP" in text
    assert "@media print" in text
    assert {t for t, _ in page.tags}.isdisjoint({"script", "link", "img", "iframe", "object"})
    references = [v for _, a in page.tags for k, v in a.items() if k in {"src", "href"}]
    assert all(v.startswith("#") for v in references), references
    assert not re.search(r"url\(|@import|//[a-z]", text.split("</style>", 1)[0].split("<style>")[1])
    assert not re.search(r"(?:src|href)\s*=\s*[\"']?(?:https?:)?//", text)
    assert "default-src 'none'" in text


def test_html_draws_one_timeline_per_supporter(report: Report) -> None:
    page = Page(render_html(report, "en"))
    groups = group_by_supporter(report)
    assert len(page.sections) == len(groups)
    for section, (_, findings) in zip(page.sections, groups, strict=True):
        assert section.count("svg.timeline") == 1
        assert section.count("line.as-of") == 1
        assert sum(c.startswith("article.finding") for c in section) == len(findings)
    assert page.texts["supporter-name"] == [
        h.rsplit(" (", 1)[0] + h.rsplit(" (", 1)[1].rstrip(")") for h in SUPPORTER_HEADINGS
    ]


def test_the_timeline_places_dates_from_the_evidence(report: Report) -> None:
    text = render_html(report, "en")
    takahashi = text.split('id="supporter-12"', 1)[1].split("</svg>", 1)[0]
    assert ">INV-TAKAHASHI-2</text>" in takahashi
    assert '<circle class="m-disclosure"' in takahashi
    assert "<title>D-TAKAHASHI-2 · 2027-01-20</title>" in takahashi
    ito = text.split('id="supporter-5"', 1)[1].split("</svg>", 1)[0]
    assert "<title>RV-ITO-1 · rejected · 2026-08-20</title>" in ito
    assert "review.rejected-interest-held · INV-ITO-1 · 2026-11-18 (overdue)" in ito
    assert "As of 2027-03-31</text>" in ito


def test_rendering_is_deterministic(report: Report) -> None:
    again = Report.model_validate_json(report.to_json())
    for lang in ("en", "ja"):
        assert render_html(again, lang) == render_html(report, lang)
        assert render_markdown(again, lang) == render_markdown(report, lang)


def test_an_empty_report_says_so(report: Report) -> None:
    zero = Counts(
        total=0,
        by_severity=dict.fromkeys(SEVERITY_ORDER, 0),
        by_state=dict.fromkeys(STATES, 0),
    )
    empty = report.model_copy(update={"findings": [], "counts": zero})
    assert "## Findings by supporter\n\nNo findings.\n" in render_markdown(empty, "en")
    page = Page(render_html(empty, "ja"))
    assert page.count("article", "finding") == page.count("svg", "timeline") == 0
    assert "指摘はありません。" in render_html(empty, "ja")


def run_chromium(page: Path, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Chromium, headless and offline-minded, on `page`; its console goes to stderr."""
    return subprocess.run(
        [str(CHROMIUM), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args, page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def console_errors(stderr: str) -> list[str]:
    """Console lines Chromium logged: any at all is an error, since the page has no script.

    Chromium logs every console message, errors included, as ``INFO:CONSOLE`` (older versions
    wrote ``ERROR:CONSOLE``), so any ``CONSOLE`` line counts, as does an ``Uncaught`` one.
    """
    return [line for line in stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]


def test_the_html_report_in_headless_chromium(report: Report, tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        pytest.skip(
            f"{CHROMIUM} is not installed (apt-get install chromium); browser check skipped"
        )
    page = tmp_path / "report.html"
    page.write_text(render_html(report, "en"), encoding="utf-8")
    shot = tmp_path / "shot.png"
    taken = run_chromium(page, tmp_path / "p1", f"--screenshot={shot}", "--window-size=1280,2000")
    assert taken.returncode == 0, taken.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    dumped = run_chromium(page, tmp_path / "p2", "--dump-dom")
    assert dumped.returncode == 0, dumped.stderr[-2000:]
    assert Page(dumped.stdout).count("article", "finding") == report.counts.total
    assert console_errors(taken.stderr + dumped.stderr) == []

    # The detector above must not pass vacuously: a network image the page's Content Security
    # Policy blocks is reported on the console, and nothing is fetched.
    leaky = tmp_path / "leaky.html"
    html = page.read_text(encoding="utf-8")
    html = html.replace("<body>", '<body><img src="https://x.invalid/a.png">')
    leaky.write_text(html, encoding="utf-8")
    blocked = run_chromium(leaky, tmp_path / "p3", "--dump-dom")
    assert any("x.invalid" in line for line in console_errors(blocked.stderr)), blocked.stderr

    if os.environ.get("GOVERNANCE_UPDATE_SCREENSHOT"):
        SCREENSHOT.parent.mkdir(exist_ok=True)
        shutil.copyfile(shot, SCREENSHOT)


def test_a_seats_role_in_the_evidence_reads_as_in_the_message() -> None:
    # 理事 in a general association, 代表取締役 in a kabushiki kaisha: as the message says it
    register = governance.load_register(EXAMPLE)
    packs = governance.load_packs(["companies-act-jp", "ippan-hojin-jp"])
    report = governance.evaluate(register, packs, as_of=date(2027, 3, 31), engine="oracle")
    ja, en = render_markdown(report, "ja"), render_markdown(report, "en")
    page = render_html(report, "ja")
    for seat, role_ja, role_en in (
        ("SEAT-OGAWA-1", "理事", "director"),
        ("SEAT-OIKAWA-1", "代表取締役", "representative director"),
    ):
        lines = [line for line in ja.splitlines() if f"**{seat}**" in line]
        assert lines and all(f"role: {role_ja}," in line for line in lines), seat
        lines = [line for line in en.splitlines() if f"**{seat}**" in line]
        assert lines and all(f"role: {role_en}," in line for line in lines), seat
        assert f"<b>role</b>{role_ja}</span>" in page
