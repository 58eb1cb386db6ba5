"""The kinds of value a step slot holds: what each looks like in a sentence and how it is read.

One closed dict, `KINDS`: reference kinds resolve names against the scenario's facts, plain
kinds read dates and amounts (`governance.scenarios.values`), and every vocabulary
(`governance.scenarios.vocabulary`) is a kind of its own. An unknown word or a bad value fails
the step with what was expected.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from governance.errors import did_you_mean
from governance.scenarios.patterns import QUOTED, loose, quoted_items, unquote
from governance.scenarios.values import (
    COUNT_RE,
    DATE_RE,
    MONEY_RE,
    PERCENT_RE,
    read_count,
    read_date,
    read_money,
    read_percent,
    read_text,
)
from governance.scenarios.vocabulary import DESCRIPTIONS, VOCABULARIES, lookup
from governance.scenarios.world import World

Reader = Callable[[World, str], Any]
QUOTED_LIST = rf"{QUOTED}(?:\s*(?:,|、|，|and|or|と|及び|および|&)\s*{QUOTED})*"


@dataclass(frozen=True)
class Kind:
    """A kind of slot: its regular expression, its reader, a sample and a line of help.

    `item` names the kind of each element when the slot holds a list.
    """

    regex: str
    read: Reader
    sample: str
    help: str
    item: str | None = None


def _listed(kind: str) -> Reader:
    def read(world: World, text: str) -> list[Any]:
        return [KINDS[kind].read(world, f'"{item}"') for item in quoted_items(text)]

    return read


def _new_id(_: World, text: str) -> str:
    value = unquote(text)
    if not value or re.search(r"\s", value):
        raise ValueError(f"an id has no spaces and is not empty, got {text!r}")
    return value


def _vocabulary(name: str, words: Mapping[str, Any]) -> Kind:
    phrases = sorted(words, key=len, reverse=True)
    alternatives = "|".join(loose(p) for p in phrases)

    def read(_: World, text: str) -> Any:
        found, value = lookup(words, unquote(text))
        if not found:
            hint = did_you_mean(unquote(text), list(words))
            raise ValueError(
                f"expected {DESCRIPTIONS[name]} ({', '.join(list(words)[:12])}"
                f"{', ...' if len(words) > 12 else ''}), got {text!r}{hint}"
            )
        return value

    return Kind(rf"(?:{QUOTED}|{alternatives})", read, next(iter(words)), DESCRIPTIONS[name])


KINDS: dict[str, Kind] = {
    "party": Kind(
        QUOTED,
        lambda w, t: w.party(unquote(t)),
        '"…"',
        'a person or organisation, by id or name ("田中 一郎", "田中", "P-TANAKA")',
    ),
    "parties": Kind(
        QUOTED_LIST, _listed("party"), '"…"', 'several parties: "A", "B" and "C"', "party"
    ),
    "fact": Kind(
        QUOTED,
        lambda w, t: w.fact(unquote(t)),
        '"…"',
        'a fact by id ("INV-1", "ENG-1", "RV-1", "C-1", "W-1") or a party',
    ),
    "facts": Kind(
        QUOTED_LIST, _listed("fact"), '"…"', 'several facts: "INV-1" and "SEAT-1"', "fact"
    ),
    "id": Kind(QUOTED, _new_id, '"…"', 'the id of a new fact ("INV-1"); made up when left out'),
    "name": Kind(QUOTED, lambda _, t: read_text(t), '"…"', "a party's name, quoted"),
    "text": Kind(QUOTED, lambda _, t: read_text(t), '"…"', "free text, quoted"),
    "rule": Kind(
        QUOTED,
        lambda w, t: w.rule(unquote(t)),
        '"…"',
        'a rule the scenario\'s packs adopt ("disclosure.missing")',
    ),
    "rules": Kind(QUOTED_LIST, _listed("rule"), '"…"', "several rules", "rule"),
    "party_roles": Kind(
        QUOTED_LIST, _listed("party_role"), '"…"', "a party's roles, in a table", "party_role"
    ),
    "packs": Kind(
        QUOTED_LIST,
        lambda _, t: quoted_items(t),
        '"…"',
        'policy packs by id ("banso-shien", "companies-act-jp")',
        "text",
    ),
    "folder": Kind(
        QUOTED,
        lambda w, t: w.base_dir / unquote(t),
        '"…"',
        "a folder, relative to the feature file",
    ),
    "date": Kind(
        DATE_RE,
        lambda _, t: read_date(t),
        "2026-06-01",
        "a day: 2026-06-01, 2026/6/1 or 2026年6月1日",
    ),
    "money": Kind(
        MONEY_RE,
        lambda _, t: read_money(t),
        "3,000,000",
        "an amount in yen: 3000000, 3,000,000, ¥3,000,000, 3,000,000円 or 300万円",
    ),
    "pct": Kind(PERCENT_RE, lambda _, t: read_percent(t), "12.5%", "a percentage: 12.5%"),
    "count": Kind(COUNT_RE, lambda _, t: read_count(t), "2", "a whole number"),
} | {name: _vocabulary(name, words) for name, words in VOCABULARIES.items()}
"""Every slot kind by name."""

SAMPLES = {name: kind.sample for name, kind in KINDS.items()}
"""A sample value of each kind, for likeness between a step and the patterns."""
