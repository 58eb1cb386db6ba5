"""The step reference: every step, slot kind, vocabulary and table column, as Markdown.

``governance test --steps`` prints it and ``docs/steps.md`` is a copy (a test keeps them
equal). It is generated from the library itself, so it cannot fall out of date.
"""

from __future__ import annotations

from itertools import groupby

from governance.scenarios.kinds import KINDS
from governance.scenarios.matching import is_japanese
from governance.scenarios.names import LEGAL_FORM_MARKS
from governance.scenarios.steps import STEPS, StepDef
from governance.scenarios.steps.assertions import THEN_COLUMNS
from governance.scenarios.steps.tables import COLUMNS
from governance.scenarios.vocabulary import DESCRIPTIONS, VOCABULARIES, TableKind

KEYWORDS = {"given": ("Given", "前提"), "when": ("When", "もし"), "then": ("Then", "ならば")}

INTRO = """\
# Scenario steps

Scenarios pin down what a policy means: facts (Given), a check (When), the findings expected
(Then). Write them in English, or in Japanese with `# language: ja` on the first line of the
file (前提 / もし / ならば / かつ / しかし). Every step below has both forms; the keyword does
not matter for matching (`And`/`かつ` continue the previous one). Run them with
`governance test FEATURES...` or under pytest (pytest-bdd).

How to read a pattern: `{holder:party}` is a value of the kind `party` (see "Slot kinds");
`[ ... ]` is optional; `(a|b)` is one of the words. Spaces may be left out, and ASCII and
full-width punctuation are alike (`,` `、`; `:` `：`; `(` `（`). Names and ids are quoted with
`"…"` or `「…」`. A trailing `.` `。` `:` `：` is ignored. Scenario Outlines fill `<name>` from
their Examples. Tag scenarios with the rules they pin down: `@rule:disclosure.missing`.

A step that matches nothing fails and lists the closest steps; so does a misspelt rule id,
party, fact, table column or vocabulary word.

```gherkin
Feature: Disclosure
  Background:
    Given the pack "banso-shien"
    And a supporter "田中 一郎"
    And a company "気仙沼水産株式会社"
    And a municipality "気仙沼市"
    And "田中" supports "気仙沼水産" under "ENG-1" from 2026-04-01, funded by "気仙沼市"

  @rule:disclosure.missing
  Scenario: An investment not disclosed within 30 days is overdue
    Given "田中" holds 5% of "気仙沼水産" from 2026-06-01 as "INV-1"
    When the register is checked as of 2026-07-02
    Then finding "disclosure.missing" is "overdue" for "INV-1"
```

```gherkin
# language: ja
機能: 開示
  背景:
    前提 ポリシーパック "banso-shien" を使う
    かつ 支援者 "田中 一郎" がいる
    かつ 会社 "気仙沼水産株式会社" がある
    かつ 自治体 "気仙沼市" がある
    かつ "田中" は 2026-04-01 から "気仙沼水産" を伴走支援する（"ENG-1"）
    かつ "ENG-1" の資金提供者は "気仙沼市"

  @rule:disclosure.missing
  シナリオ: 30日以内に開示すれば指摘はない
    前提 "田中" は 2026-06-01 から "気仙沼水産" に 5% 出資している（"INV-1"）
    かつ "田中" は 2026-06-30 に "INV-1" を "気仙沼市" に開示した
    もし 2026-08-01 時点で確認する
    ならば "disclosure.missing" は発火しない
```
"""


def _variants() -> list[str]:
    marks = ", ".join(f"`{mark}`" for mark, _ in LEGAL_FORM_MARKS)
    return [
        "## Variants every step accepts",
        "",
        "- **Spacing**: a space before a particle or any kana or kanji is optional, and so is one "
        "after it (`が 指摘される` = `が指摘される`, `の 妻` = `の妻`).",
        "- **Dates in Japanese**: an interest (出資, 役員就任, 取引, 報酬) starts on a day "
        "written either as a beginning (`2026-06-01 から`) or as the day it happened "
        "(`2026-06-01 に`); the day may come before or after the other party, and `に`/`へ` "
        'are alike (`"佐藤" は 2026-06-01 に "唐桑かき" へ 10% 出資した`).',
        "- **Family in plain words**: `の妻`, `の夫`, `の配偶者` (spouse), `の父`, `の母` "
        "(parent), `の子`, `の息子`, `の娘` (child), `の兄`, `の姉`, `の弟`, `の妹` (sibling), "
        'each also with `である`/`です` (`"佐藤 由美" は "佐藤 一郎" の妻`); see the '
        "`relation` vocabulary.",
        f"- **Company names with a legal form** ({marks}, at the start or the end): the party "
        "can be referred to by the name without it (`有限会社大島ベリー` as `大島ベリー`), and "
        "its legal form is read from the name.",
        "- **Names** in general: by id, whole name, name without spaces, one word of it "
        "(`田中` for `田中 一郎`) or its start.",
        "",
    ]


def _step(step: StepDef) -> list[str]:
    title, _, rest = step.doc.partition("\n")
    en_keyword, ja_keyword = KEYWORDS[step.kind]
    lines = [f"### {title.strip()}", ""]
    if rest.strip():
        lines += [rest.strip(), ""]
    lines.append(f"`{step.key}`{' (takes a data table)' if step.table else ''}")
    lines.append("")
    lines += [f"- {en_keyword} `{p}`" for p in step.en]
    lines += [f"- {ja_keyword} `{p}`" for p in step.ja]
    lines += ["", "Examples:", ""]
    for example in step.examples:
        keyword = ja_keyword if is_japanese(example) else en_keyword
        lines.append(f"    {keyword} {example}")
    return [*lines, ""]


def _kinds() -> list[str]:
    lines = ["## Slot kinds", "", "| kind | what it is | e.g. |", "|---|---|---|"]
    for name, kind in KINDS.items():
        if name not in VOCABULARIES:
            lines.append(f"| `{name}` | {kind.help} | `{kind.sample}` |")
    lines += ["", "Every vocabulary below is a slot kind too: a phrase of it, bare or quoted.", ""]
    return lines


def _show(value: object) -> str:
    """A vocabulary value as the register spells it."""
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, TableKind):
        fixed = ", ".join(f"{k}: {_show(v)}" for k, v in value.fixed.items())
        return f"{value.collection}" + (f" ({fixed})" if fixed else "")
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_show(v)}" for k, v in value.items())
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return f"`{value}`"


def _vocabularies() -> list[str]:
    lines = ["## Vocabularies", ""]
    for name, words in VOCABULARIES.items():
        lines += [f"### `{name}`: {DESCRIPTIONS[name]}", ""]
        for shown, group in groupby(words.items(), key=lambda item: _show(item[1])):
            phrases = ", ".join(f"`{phrase}`" for phrase, _ in group)
            lines.append(f"- {phrases} → {shown}")
        lines.append("")
    return lines


def _columns() -> list[str]:
    lines = ["## Table columns", "", "Headers are matched in any case; `_` and `-` are spaces.", ""]
    for collection, columns in COLUMNS.items():
        lines += [f"### {collection}", "", "| field | kind | headers |", "|---|---|---|"]
        for field, kind, headers in columns:
            lines.append(f"| `{field}` | `{kind}` | {', '.join(headers)} |")
        lines.append("")
    lines += ["### findings (Then tables)", "", "| field | kind | headers |", "|---|---|---|"]
    for field, (kind, headers) in THEN_COLUMNS.items():
        lines.append(f"| `{field}` | `{kind}` | {', '.join(headers)} |")
    return [*lines, ""]


def step_reference() -> str:
    """The whole reference, as Markdown."""
    lines = [INTRO, *_variants()]
    for kind in ("given", "when", "then"):
        steps = [s for s in STEPS if s.kind == kind]
        for topic, group in groupby(steps, key=lambda s: s.topic):
            lines += [f"## {KEYWORDS[kind][0]} — {topic}", ""]
            for step in group:
                lines += _step(step)
    lines += _kinds() + _vocabularies() + _columns()
    return "\n".join(lines).rstrip() + "\n"
