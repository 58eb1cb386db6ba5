"""Which rules read which rules' findings, the strata that follow, and the pack's digest."""

from __future__ import annotations

import hashlib
import json
from dataclasses import fields, is_dataclass, replace
from typing import Any

from governance.errors import Problem
from governance.language.ir import CompiledPack, CompiledRule, Const, Expr, Op, Ref
from governance.language.models import PackDoc
from governance.language.reading import Loaded


def reads(rule: CompiledRule) -> set[str] | None:
    """The rule ids whose findings `rule` matches, or None when it does not say which."""
    needed: set[str] = set()
    for pattern in rule.patterns:
        if pattern.fact_type != "finding":
            continue
        named: set[str] = set()
        for op in ops(pattern.condition):
            if op.op in ("==", "in") and Ref(pattern.binding, "rule") in op.args:
                for arg in op.args:
                    if isinstance(arg, Const):
                        values = arg.value if isinstance(arg.value, tuple) else (arg.value,)
                        named |= {str(v) for v in values}
        if not named:
            return None
        needed |= named
    return needed


def ops(expr: Expr | None) -> list[Op]:
    if not isinstance(expr, Op):
        return []
    return [expr] + [o for arg in expr.args for o in ops(arg)]


def strata(
    rules: list[CompiledRule], pack: Loaded[PackDoc], problems: list[Problem]
) -> tuple[tuple[CompiledRule, ...], ...]:
    ids = {r.id for r in rules}
    needs: dict[str, set[str]] = {}
    for r in rules:
        read = reads(r)
        needs[r.id] = needs.get(r.id, set()) | ((ids - {r.id}) if read is None else read & ids)
    level: dict[str, int] = {}
    remaining = sorted(ids)
    while remaining:
        ready = [name for name in remaining if needs[name] <= set(level)]
        if not ready:
            where = pack.doc.locate(("adopts",))
            problems.append(
                Problem.at(
                    where,
                    "adopts",
                    "rules read each other's findings in a cycle: " + ", ".join(remaining),
                )
            )
            return ()
        for name in ready:
            level[name] = 1 + max((level[d] for d in needs[name]), default=-1)
        remaining = [name for name in remaining if name not in level]
    depth = max(level.values(), default=-1) + 1
    return tuple(tuple(r for r in rules if level[r.id] == n) for n in range(depth))


_DERIVED = frozenset({"durable", "sql"})
"""A compiled rule's fields written from the rest by the compiler: not part of the digest."""


def _jsonable(value: Any) -> Any:
    """`value` as `dataclasses.asdict` and then JSON would see it (tuples as lists), without
    asdict's deep copy of every leaf (a third of the time to compile the shipped packs)."""
    if is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _jsonable(getattr(value, f.name))
            for f in fields(value)
            if f.name not in _DERIVED or not isinstance(value, CompiledRule)
        }
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def digest_of(pack: CompiledPack) -> str:
    """A stable digest of everything that decides what the pack finds."""
    sourceless = tuple(tuple(replace(r, source="") for r in s) for s in pack.strata)
    body = _jsonable(replace(pack, digest="", strata=sourceless))
    body.pop("extra", None)
    for stratum in body["strata"]:
        for rule in stratum:
            if rule["note"] is None:  # packs without notes keep the digest they had before
                del rule["note"]
            if not rule["because"]:  # nor do rules without reasons
                del rule["because"]
    text = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()
