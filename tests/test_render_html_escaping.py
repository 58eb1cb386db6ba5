"""No text from a register reaches the HTML report unescaped.

The example register is made hostile: every free text (metadata name and description, party
names, notes, condition texts, waiver reasons) and every id and reference gets a ``<script>``
element, a double and a single quote and an ampersand, and the file itself is named like one.
The same rules still fire, so every field a finding shows carries the payload; the report must
contain no raw markup from it and, parsed back, must read exactly the hostile texts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser
from typing import Any

import pytest
import yaml

import governance
from governance.findings.models import Report
from governance.findings.words import field_text, term
from governance.render.html import render_html
from governance.render.markdown import (
    citation_text,
    display_name,
    group_by_supporter,
    text_in,
    waiver_text,
)
from tests.conftest import EXAMPLE

SCRIPT = "<script>alert(1)</script>"
TEXT_SUFFIX = f' {SCRIPT} "quoted" & Co\'s'
ID_SUFFIX = f"{SCRIPT}\"&'"  # ids may hold anything but white space
TEXT_FIELDS = frozenset({"name", "description", "note", "text", "reason"})
ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"
AS_OF = date(2027, 3, 31)


def _ids(data: Any) -> set[str]:
    """Every ``id`` in the register's data."""
    if isinstance(data, dict):
        own = {data["id"]} if isinstance(data.get("id"), str) else set()
        return own.union(*(_ids(v) for v in data.values()))
    if isinstance(data, list):
        return set().union(*(_ids(v) for v in data))
    return set()


def _hostile(data: Any, ids: set[str], key: str = "") -> Any:
    """`data` with the payload in every free text and every id, wherever an id is used."""
    if isinstance(data, dict):
        return {k: _hostile(v, ids, k) for k, v in data.items()}
    if isinstance(data, list):
        return [_hostile(v, ids, key) for v in data]
    if isinstance(data, str) and data in ids:
        return data + ID_SUFFIX
    if isinstance(data, str) and key in TEXT_FIELDS:
        return data + TEXT_SUFFIX
    return data


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Report:
    """The example register, every text and id made hostile, checked against both packs."""
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    folder = tmp_path_factory.mktemp("hostile")
    path = folder / "<script>alert(1)<" / "script>&'\".yaml"  # the source is hostile too
    path.parent.mkdir()
    path.write_text(
        yaml.safe_dump(_hostile(data, _ids(data)), allow_unicode=True), encoding="utf-8"
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        register = governance.load_register(path.relative_to(folder))
    packs = governance.load_packs(["banso-shien", "companies-act-jp"])
    return governance.evaluate(register, packs, as_of=AS_OF, engine="oracle")


class _Parsed(HTMLParser):
    """The page as a browser reads it: element names, attribute values and text."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str]] = []
        self.text: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [(k, v or "") for k, v in attrs]
        if tag != "wbr":  # a line-break opportunity inside a path, not a break in the text
            self.text.append("\n")

    def handle_endtag(self, tag: str) -> None:
        self.text.append("\n")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _shown(report: Report, lang: str) -> Iterator[str]:
    """Every text taken from the register that the report shows, as a reader should see it."""
    yield report.register_.name
    for supporter, findings in group_by_supporter(report):
        if supporter is not None:
            yield supporter
            yield display_name(report, supporter)
        for finding in findings:
            yield text_in(finding.title, lang)
            yield text_in(finding.message, lang)
            yield f"{term('fact_type', finding.subject.type, lang)} {finding.subject.id}"
            yield ("、" if lang == "ja" else ", ").join(
                report.names.get(p, p) for p in finding.parties
            )
            yield from finding.explanation.conditions
            if finding.waiver is not None:
                yield waiver_text(finding, lang, report.names)
            if citation_text(finding):
                yield citation_text(finding)
            for item in finding.evidence:
                yield item.id
                yield item.source or "—"
                yield from (field_text(item.type, k, v, lang) for k, v in item.fields.items())


def test_the_hostile_register_fires_the_same_rules(hostile: Report, report: Report) -> None:
    assert [(f.rule, f.state) for f in hostile.findings] == [
        (f.rule, f.state) for f in report.findings
    ]
    assert hostile.register_.name == f"kesennuma-2027{TEXT_SUFFIX}"
    assert all(f.subject.id.endswith(ID_SUFFIX) for f in hostile.findings)
    sources = {item.source for f in hostile.findings for item in f.evidence}
    assert all(s and s.startswith("<script>alert(1)</script>&'\".yaml:") for s in sources)
    waived = [f for f in hostile.findings if f.waiver is not None]
    assert waived and all(f.waiver.reason.endswith(TEXT_SUFFIX) for f in waived)  # type: ignore[union-attr]
    assert hostile.names and all(name.endswith(TEXT_SUFFIX) for name in hostile.names.values())


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_no_register_text_reaches_the_html_report_unescaped(hostile: Report, lang: str) -> None:
    text = render_html(hostile, lang)
    assert not re.search(r"<\s*/?\s*script", text, re.IGNORECASE)
    assert "alert(1)" in text  # the payload is there, as text
    assert ESCAPED_SCRIPT + "&#34;&amp;&#39;" in text  # an id: quotes and ampersand escaped
    assert f"{ESCAPED_SCRIPT} &#34;quoted&#34; &amp; Co&#39;s" in text  # a free text
    page = _Parsed(text)
    assert "script" not in page.tags
    # No attribute was broken open: every attribute is one the report writes.
    assert {name for name, _ in page.attributes} <= {
        "lang", "charset", "http-equiv", "content", "name", "class", "id", "href",
        "viewbox", "width", "height", "role", "aria-label", "x", "y", "x1", "y1", "x2", "y2",
        "text-anchor", "rx", "d", "cx", "cy", "r", "points",
    }  # fmt: skip
    ids = {value for name, value in page.attributes if name == "id"}
    assert {f"f-{f.id}" for f in hostile.findings} <= ids
    # Parsed back, the page reads exactly the hostile texts (escaped, not dropped or mangled).
    read = "".join(page.text) + "\n" + "\n".join(v for _, v in page.attributes)
    shown = [s for s in _shown(hostile, lang) if SCRIPT in s]
    assert len(shown) > 100
    missing = [s for s in shown if s not in read]
    assert missing == []
