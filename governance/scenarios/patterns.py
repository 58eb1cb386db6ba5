"""The step pattern language: sentences with placeholders, compiled to regular expressions.

A pattern is written the way an author writes the step::

    {holder:party} (holds|owns) {equity_pct:pct} of {entity:party} from {start:date}[ as {id:id}]

- ``{name:kind}`` is a value; the kind says what it looks like (a quoted name, a date, an
  amount, a word from a vocabulary, ...). ``{name}`` alone is ``{name:name}``.
- ``[ ... ]`` is an optional part (parts nest); ``(a|b)`` is one of several words.
- A space matches any white space or none, and so does the gap before any kana or kanji (a
  space before a particle is optional: ``が 指摘される`` = ``が指摘される``); ASCII and
  full-width punctuation match alike (``,`` ``、`` ``，``; ``:`` ``：``; ``（`` ``(``), so
  ``"田中" が`` and ``"田中"が`` are one sentence; commas are optional.
- Matching ignores letter case and a final ``.``, ``。``, ``:`` or ``：`` of the step.

Only the structure is handled here; what each kind matches comes from the caller.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

PLACEHOLDER = re.compile(r"\{(?P<name>[a-z_]+)(?::(?P<kind>[a-z_]+))?\}")
_PUNCTUATION = {
    " ": r"\s*",
    ",": r"\s*[,、，]?\s*",
    "、": r"\s*[,、，]?\s*",
    ":": r"\s*[:：]\s*",
    "：": r"\s*[:：]\s*",
    "（": r"\s*[(（]\s*",
    "）": r"\s*[)）]\s*",
}
_TRAILING = ".。:："
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]")


def is_cjk(char: str) -> bool:
    """Whether `char` is kana or a kanji (Japanese runs together without spaces)."""
    return bool(_CJK.match(char))


def loose(phrase: str) -> str:
    """A regular expression for `phrase` where a space next to Japanese is optional, either way
    (``の妻`` matches ``の 妻``) and a space between other words is one or more."""
    out: list[str] = []
    words = phrase.split()
    for n, word in enumerate(words):
        if n:
            between = is_cjk(words[n - 1][-1]) or is_cjk(word[0])
            out.append(r"\s*" if between else r"\s+")
        for k, char in enumerate(word):
            if k and (is_cjk(char) or is_cjk(word[k - 1])):
                out.append(r"\s*")
            out.append(re.escape(char))
    return "".join(out)


def tight(phrase: str) -> str:
    """`phrase` with the spaces next to Japanese removed and other runs of spaces made one."""
    text = " ".join(phrase.split())
    return re.sub(r"(?<=[\u3040-\u30ff\u3400-\u9fff]) | (?=[\u3040-\u30ff\u3400-\u9fff])", "", text)


@dataclass(frozen=True)
class Slot:
    """One placeholder of a pattern: the value's name and its kind."""

    name: str
    kind: str


@dataclass(frozen=True)
class Compiled:
    """A pattern as written, its placeholders and the regular expression it compiles to."""

    text: str
    slots: tuple[Slot, ...]
    regex: re.Pattern[str]

    def match(self, text: str) -> dict[str, str] | None:
        """The captured values by placeholder name (absent optional ones left out), or None."""
        found = self.regex.fullmatch(normalise(text))
        if found is None:
            return None
        return {k: v for k, v in found.groupdict().items() if v is not None}


def normalise(text: str) -> str:
    """A step's text as patterns see it: trimmed, without a final full stop or colon."""
    return text.strip().rstrip(_TRAILING).strip()


def slots(pattern: str) -> tuple[Slot, ...]:
    """The placeholders of `pattern`, in order."""
    return tuple(Slot(m["name"], m["kind"] or m["name"]) for m in PLACEHOLDER.finditer(pattern))


def compile_pattern(pattern: str, kind_regex: Callable[[str], str]) -> Compiled:
    """Compile `pattern`; `kind_regex` gives the regular expression of each placeholder kind.

    Raises:
        ValueError: on unbalanced brackets, a repeated placeholder or an unknown kind (a
            programming error in the step library, caught by its tests).
    """
    out: list[str] = []
    depth = 0
    seen: set[str] = set()
    i = 0
    while i < len(pattern):
        char = pattern[i]
        placeholder = PLACEHOLDER.match(pattern, i)
        if placeholder:
            name, kind = placeholder["name"], placeholder["kind"] or placeholder["name"]
            if name in seen:
                raise ValueError(f"{pattern!r}: placeholder {name!r} appears twice")
            seen.add(name)
            before = pattern[:i].rstrip("[(|")
            if before and is_cjk(before[-1]):
                out.append(r"\s*")  # "の 取締役" as well as "の取締役"
            out.append(f"(?P<{name}>{kind_regex(kind)})")
            i = placeholder.end()
            continue
        if char in "[(":
            depth += 1
            out.append("(?:")
        elif char in "])":
            depth -= 1
            out.append(")?" if char == "]" else ")")
        elif char == "|":
            out.append("|")
        elif is_cjk(char):
            out.append(r"\s*" + re.escape(char))  # a space before a particle is optional
        else:
            out.append(_PUNCTUATION.get(char, re.escape(char)))
        if depth < 0:
            raise ValueError(f"{pattern!r}: unbalanced brackets")
        i += 1
    if depth:
        raise ValueError(f"{pattern!r}: unbalanced brackets")
    return Compiled(pattern, slots(pattern), re.compile("".join(out), re.IGNORECASE))


def skeleton(pattern: str, samples: Mapping[str, str]) -> str:
    """`pattern` as one plain sentence, for likeness: optional parts kept, first alternatives.

    Placeholders become the sample text of their kind (``samples``, default ``"…"``).
    """

    def sample(m: re.Match[str]) -> str:
        return samples.get(m["kind"] or m["name"], '"…"')

    text = PLACEHOLDER.sub(sample, pattern)
    while True:
        simpler = re.sub(r"\(([^()|]*)(\|[^()]*)?\)", r"\1", text)
        if simpler == text:
            break
        text = simpler
    return re.sub(r"\s+", " ", text.replace("[", "").replace("]", "")).strip()


QUOTED = r'(?:"[^"]*"|「[^」]*」|“[^”]*”)'
"""A quoted value: ``"…"``, ``「…」`` or ``“…”``."""

QUOTE_PAIRS = (('"', '"'), ("「", "」"), ("“", "”"))


def unquote(text: str) -> str:
    """`text` without one pair of surrounding quotes (any of the accepted kinds)."""
    text = text.strip()
    for left, right in QUOTE_PAIRS:
        if len(text) >= 2 and text.startswith(left) and text.endswith(right):
            return text[1:-1].strip()
    return text


def quoted_items(text: str) -> list[str]:
    """Every quoted value in `text`, unquoted, in order."""
    return [unquote(m) for m in re.findall(QUOTED, text)]
