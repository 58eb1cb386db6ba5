"""A pack that does not validate still has its rules compiled, so every problem shows at once.

A pack missing one adoption's ``cite`` used to stop there: the rule it adopts was never compiled,
and that rule's ``__import__`` or unknown field surfaced only after the author fixed the pack. Here
the pack is read again with the judgement it lacks filled in (a placeholder severity and citation,
a placeholder id, version or title): what the placeholders stand for is already reported, and
compiling the repaired pack reports what is wrong in the rules it adopts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from governance.compile.compiler import compile_pack
from governance.documents import Limits, read_document
from governance.documents.locations import Unreadable
from governance.errors import PolicyError, Problem
from governance.language.models import PackDoc, RuleDoc
from governance.language.reading import Loaded, pack_files, shown_path

_PLACEHOLDERS: dict[str, Any] = {
    "apiVersion": "governance/v1",
    "kind": "PolicyPack",
    "id": "unnamed-pack",
    "version": "0",
    "title": {"en": "?", "ja": "?"},
}
_ADOPTION: dict[str, Any] = {"severity": "info", "cite": {"title": "?"}}


def rule_problems_of_broken_packs(
    folders: list[Path], rules: dict[str, Loaded[RuleDoc]], files: list[Path] | None = None
) -> list[Problem]:
    """The compile problems of the rules adopted by packs that do not validate."""
    paths = files if files is not None else [p for f in folders for p in pack_files(f, [])]
    problems: list[Problem] = []
    for path in paths:
        repaired = _repaired(path)
        if repaired is None:
            continue
        try:
            compile_pack(repaired, rules)
        except PolicyError as error:
            problems.extend(error.problems)
    return problems


def _repaired(path: Path) -> Loaded[PackDoc] | None:
    """The pack at `path` with placeholders where it is incomplete; None when it validates (it
    is compiled anyway) or cannot be repaired."""
    try:
        doc = read_document(path, shown_path(path), Limits())
    except Unreadable:
        return None
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("adopts"), list):
        return None
    try:
        PackDoc.model_validate(data, strict=False)
        return None
    except ValidationError:
        pass
    adopts = [
        {**_ADOPTION, **a}
        for a in data["adopts"]
        if isinstance(a, dict) and isinstance(a.get("rule"), str)
    ]
    known = {f.alias or name for name, f in PackDoc.model_fields.items()}
    for candidate in (
        {**data, "adopts": adopts},
        {**data, **_PLACEHOLDERS, "adopts": adopts},
        {**{k: v for k, v in data.items() if k in known}, **_PLACEHOLDERS, "adopts": adopts},
    ):
        try:
            model = PackDoc.model_validate(candidate)
            break
        except ValidationError:
            continue
    else:
        return None
    return Loaded(model, doc)
