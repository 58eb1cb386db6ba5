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


def closest_patterns(text: str, count: int = 3) -> list[str]:
    """The patterns most like `text`, in its language (see `is_japanese`)."""
    japanese = is_japanese(text)
    shape = _shape(normalise(text))
    scored: list[tuple[float, str]] = []
    for step in STEPS:
        patterns = step.ja if japanese else step.en
        best = max(
            (
                difflib.SequenceMatcher(None, shape, _shape(skeleton(p, SAMPLES))).ratio(),
                p,
            )
            for p in patterns
        )
        scored.append(best)
    scored.sort(key=lambda pair: -pair[0])
    return [pattern for _, pattern in scored[:count]]
