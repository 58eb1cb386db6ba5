"""The runner's own messages in Japanese (``governance test`` under ``LANG=ja``).

Steps raise their failures in English (pytest shows those); the runner's report translates each
known sentence here, so a Japanese author reads 「指摘が1件のはずが2件でした」. A sentence not
listed stays English rather than being guessed at.
"""

from __future__ import annotations

import re

_SENTENCES: tuple[tuple[str, str], ...] = (
    (r"expected no findings, got (\d+)", r"指摘はないはずが\1件ありました"),
    (r"expected no finding (.+), got (\d+)", r"\1 の指摘はないはずが\2件ありました"),
    (r"expected (\d+) findings?, got (\d+)", r"指摘が\1件のはずが\2件でした"),
    (r"(\d+) expected findings not found", r"期待した指摘のうち\1件がありませんでした"),
    (r"expected severity (\S+)", r"重大度は \1 のはずでした"),
    (r"expected deadline (\S+)", r"期限は \1 のはずでした"),
    (r"expected a waiver by (\S+), got (.+)", r"\1 による例外承認のはずが \2 でした"),
    (
        r"expected the (\w+) message of (\S+) for (\S+) to contain (.+)",
        r"\3 の \2 の \1 メッセージに \4 が含まれるはずでした",
    ),
    (r"expected (.+)", r"\1 の指摘があるはずでした"),
    (r'undefined step: "(.*)"', r"未定義のステップ:「\1」"),
    (r"the closest steps are:", r"近いステップ:"),
    (
        r"\(`governance test --steps` lists every step\)",
        r"（全ステップは `governance test --steps`）",
    ),
)
_DIFFER = re.compile(r"the findings differ: (.*)")
_PARTS = (
    (re.compile(r"(\d+) expected not found"), r"期待した\1件がない"),
    (re.compile(r"(\d+) not expected"), r"期待しない\1件がある"),
)
LABELS = {
    "expected:": "期待した指摘:",
    "actual:": "実際の指摘:",
    "(no findings)": "（指摘なし）",
}


def sentence(text: str) -> str:
    """One line of a step's message in Japanese, when it is a known sentence."""
    stripped = text.strip()
    lead = text[: len(text) - len(text.lstrip())]
    if stripped in LABELS:
        return lead + LABELS[stripped]
    differ = _DIFFER.fullmatch(stripped)
    if differ:
        parts = differ.group(1)
        for pattern, replacement in _PARTS:
            parts = pattern.sub(replacement, parts)
        return f"{lead}指摘が期待と異なります（{parts.replace(', ', '、')}）"
    for regex, replacement in _SENTENCES:
        found = re.fullmatch(regex, stripped)
        if found:
            return lead + found.expand(replacement)
    return text


def message(text: str) -> str:
    """A step's (multi-line) message in Japanese, line by line."""
    return "\n".join(sentence(line) for line in text.splitlines())


def summary(total: int, failed: int, problems: int) -> str:
    """``シナリオ 52件: 成功 51件、失敗 1件``."""
    text = f"シナリオ {total}件: 成功 {total - failed}件"
    text += f"、失敗 {failed}件" if failed else ""
    text += f"；読めないフィーチャーファイル {problems}件" if problems else ""
    return text
