"""Finding the library step a sentence means, or the closest ones when none matches.

Matching ignores the Given/When/Then keyword (as Cucumber does): the sentence alone says what
the step is. A sentence two steps could mean is an error of the library, caught by its tests.
"""

from __future__ import annotations

import difflib
import re

from governance.scenarios.failures import StepFailure, UndefinedStep
from governance.scenarios.kinds import SAMPLES
from governance.scenarios.patterns import QUOTED, normalise, skeleton
from governance.scenarios.steps import STEPS, Args, StepDef
from governance.scenarios.values import DATE_RE, PERCENT_RE

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def find_step(text: str) -> tuple[StepDef, Args]:
    """The step `text` means and the values of its slots (without a table or doc string).

    Raises:
        UndefinedStep: when no step matches; the message lists the closest steps.
        StepFailure: when several steps match (a fault of the step library).
    """
    found = [(step, args) for step in STEPS if (args := step.match(text)) is not None]
    if len(found) == 1:
        return found[0]
    if found:
        keys = ", ".join(step.key for step, _ in found)
        raise StepFailure(f'"{text}" could be any of the steps {keys}')
    closest = "\n".join(f"    {pattern}" for pattern in closest_patterns(text))
    raise UndefinedStep(
        f'undefined step: "{normalise(text)}"\n  the closest steps are:\n{closest}\n'
        "  (`governance test --steps` lists every step)"
    )


def _shape(text: str) -> str:
    text = re.sub(QUOTED, '"…"', text)
    text = re.sub(DATE_RE, SAMPLES["date"], text)
    text = re.sub(PERCENT_RE, SAMPLES["pct"], text)
    return " ".join(text.split()).casefold()


def is_japanese(text: str) -> bool:
    """Whether `text` is Japanese: outside quotes, more kana and kanji than Latin letters."""
    bare = re.sub(QUOTED, "", text)
    return len(_CJK.findall(bare)) > len(re.findall(r"[A-Za-z]", bare))


_STOP = frozenset(
    [
        "the",
        "and",
        "for",
        "with",
        "from",
        "until",
        "into",
        "onto",
        "that",
        "this",
        "there",
        "are",
        "was",
        "has",
        "have",
        "not",
        "any",
        "its",
        "their",
        "them",
        "then",
        "when",
    ]
)
_WORDS_JA = re.compile(r"[\u3400-\u9fff\u30a0-\u30ff]{2,}")
_WORDS_EN = re.compile(r"[a-z][a-z-]{2,}")


def _words(text: str, japanese: bool) -> set[str]:
    """The content words of `text` outside quotes and slots: kanji/katakana runs in Japanese
    (出資, 役員, 取引), stems of longer words in English (invest, board, disclos)."""
    bare = re.sub(QUOTED, " ", re.sub(r"\{[^{}]*\}", " ", text)).casefold()
    if japanese:
        return set(_WORDS_JA.findall(bare))
    return {w[:6] for w in _WORDS_EN.findall(bare) if w not in _STOP}


def _values(text: str) -> set[str]:
    """Which kinds of value a sentence holds: a date, a percentage, an amount."""
    found = set()
    if re.search(DATE_RE, text):
        found.add("date")
    if re.search(PERCENT_RE, text):
        found.add("pct")
    if re.search(r"\d[\d,]*\s*(円|万円|yen|JPY)|\d{1,3}(,\d{3})+", text):
        found.add("money")
    return found


def _step_words(step: StepDef, japanese: bool) -> set[str]:
    patterns = step.ja if japanese else step.en
    examples = [e for e in step.examples if is_japanese(e) == japanese]
    words: set[str] = set()
    for text in [*patterns, *examples, step.key.replace(".", " ").replace("-", " ")]:
        words |= _words(text, japanese)
    if not japanese:
        words |= _words(step.doc, japanese=False)
    return words


def _step_values(step: StepDef, pattern: str) -> set[str]:
    kinds = set(re.findall(r"\{[a-z_]+:([a-z_]+)\}", pattern))
    return {k for k in ("date", "pct", "money") if k in kinds}


def closest_patterns(text: str, count: int = 3) -> list[str]:
    """The patterns most like `text`, in its language (see `is_japanese`).

    Ranked by the sentence's wording (how alike the two read, and the content words they share:
    an investment sentence suggests the investment steps first) and by the kinds of value it
    holds (a date, a percentage, an amount).
    """
    japanese = is_japanese(text)
    shape = _shape(normalise(text))
    words = _words(text, japanese)
    values = _values(text)
    scored: list[tuple[float, str]] = []
    for step in STEPS:
        shared = len(words & _step_words(step, japanese)) / len(words) if words else 0.0
        for pattern in step.ja if japanese else step.en:
            alike = difflib.SequenceMatcher(None, shape, _shape(skeleton(pattern, SAMPLES))).ratio()
            same_values = len(values & _step_values(step, pattern)) / len(values) if values else 0
            scored.append((0.4 * alike + 0.45 * shared + 0.15 * same_values, pattern))
    scored.sort(key=lambda pair: -pair[0])
    out: list[str] = []
    for _, pattern in scored:
        if pattern not in out:
            out.append(pattern)
    return out[:count]
