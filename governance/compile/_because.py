"""A rule's `because:` compiled: the reasons a finding gives, checked like the rest of the rule.

A reason may find one further fact (a `match` pattern: ``name: FACT_TYPE where CONDITION``), test a
condition (`when`) and say a note in both languages that names the facts it reads. Reasons are
worked out after the engines, by the expression evaluator, so they never reach durable-rules or
SQL: the compiler writes them beside each alternative of the rule that binds every fact they read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from governance.documents import DataPath
from governance.errors import did_you_mean
from governance.language.expr import CONTEXT, UNKNOWN, Scope, describe
from governance.language.facts import FACT_TYPES
from governance.language.ir import Expr, Message, Pattern, Reason, refs
from governance.language.models import ReasonDoc, RuleDoc

_PATTERN = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:\bwhere\b\s*(.*))?$", re.S)


@dataclass(frozen=True)
class Author:
    """How the compiler parses, writes messages and reports problems in the rule being compiled."""

    parse: Callable[[Scope, str, DataPath, int], tuple[Expr, str] | None]
    message: Callable[[Scope, DataPath, str, str], Message]
    problem: Callable[[DataPath, str, int], None]


def bound_anywhere(rule: RuleDoc) -> dict[str, str]:
    """Every name a positive pattern of any alternative binds, with its fact type (first wins)."""
    out: dict[str, str] = {}
    for match in rule.match_any or (rule.match or {},):
        for key, value in match.items():
            found = _PATTERN.match(value)
            if key.isidentifier() and found and found.group(1) in FACT_TYPES:
                out.setdefault(key, found.group(1))
    return out


def compile_reasons(
    rule: RuleDoc, scope: Scope, every: dict[str, str], author: Author
) -> tuple[Reason, ...]:
    """The reasons of `rule` that read only facts this alternative binds (``scope.bindings``).

    Names bound by other alternatives are known while parsing, so a reason is checked the same
    way in every alternative; it is kept only where all it reads is bound.
    """
    own = dict(scope.bindings)
    kept: list[Reason] = []
    for index, doc in enumerate(rule.because):
        reason = _reason(doc, index, scope, {**every, **own}, author)
        if reason is None:
            continue
        read = {r.binding for e in _exprs(reason) for r in refs(e)} - {CONTEXT, ""}
        if reason.find is not None:
            read.discard(reason.find.binding)
        if read <= set(own):
            kept.append(reason)
    scope.bindings, scope.current = own, None
    return tuple(kept)


def unplaced(rule: RuleDoc, placed: set[int]) -> list[tuple[DataPath, str]]:
    """A problem for each reason no alternative could give (it reads facts none binds together)."""
    problems: list[tuple[DataPath, str]] = []
    for index in range(len(rule.because)):
        if index not in placed:
            problems.append(
                (
                    ("because", index),
                    "this reason reads facts that no alternative of the rule matches together",
                )
            )
    return problems


def _exprs(reason: Reason) -> list[Expr]:
    out = [e for _, e, _ in reason.say.values]
    if reason.when is not None:
        out.append(reason.when)
    if reason.find is not None and reason.find.condition is not None:
        out.append(reason.find.condition)
    return out


def _reason(
    doc: ReasonDoc, index: int, scope: Scope, bindings: dict[str, str], author: Author
) -> Reason | None:
    path: DataPath = ("because", index)
    find: Pattern | None = None
    failed = False
    scope.bindings, scope.current = dict(bindings), None
    if doc.find is not None:
        ((name, text),) = doc.find.items()
        found = _found(name, text, (*path, "find", name), scope, bindings=bindings, author=author)
        if found is None:
            failed = True
            if name.isidentifier() and name not in bindings:  # still bound: no cascades
                scope.bindings = {**bindings, name: UNKNOWN}
        else:
            find = found
            scope.bindings = {**bindings, name: find.fact_type}
    scope.current = None
    when: Expr | None = None
    if doc.when is not None:
        parsed = author.parse(scope, doc.when, (*path, "when"), 0)
        if parsed is None:
            failed = True
        elif parsed[1] not in ("bool", UNKNOWN):
            author.problem((*path, "when"), f"expected a condition, got {describe(parsed[1])}", 0)
            failed = True
        else:
            when = parsed[0]
    say = author.message(scope, (*path, "say"), doc.say.en, doc.say.ja)
    if failed:
        return None
    fields: tuple[str, ...] = ()
    if find is not None:
        name = find.binding
        exprs = [e for _, e, _ in say.values] + [x for x in (when, find.condition) if x]
        fields = tuple(sorted({r.name for e in exprs for r in refs(e) if r.binding == name}))
    when_text = (doc.when or "").strip()
    return Reason(index=index, say=say, find=find, when=when, fields=fields, when_text=when_text)


def _found(
    name: str, text: str, path: DataPath, scope: Scope, *, bindings: dict[str, str], author: Author
) -> Pattern | None:
    """The `find` pattern of a reason, or None after reporting what is wrong with it."""
    if not name.isidentifier():
        author.problem(path, f"expected a name for the fact to find, got '{name}'", 0)
        return None
    if name in bindings:
        author.problem(
            path, f"'{name}' is already a fact of the rule's match; name the found fact apart", 0
        )
        return None
    found = _PATTERN.match(text)
    if not found:
        author.problem(path, f"expected 'FACT_TYPE where CONDITION', got '{text}'", 0)
        return None
    fact_type, condition = found.group(1), found.group(2) or ""
    if fact_type not in FACT_TYPES:
        hint = did_you_mean(fact_type, list(FACT_TYPES))
        author.problem(path, f"unknown fact type '{fact_type}'{hint}", 0)
        return None
    expr: Expr | None = None
    if condition.strip():
        scope.bindings, scope.current = {**bindings, name: fact_type}, name
        parsed = author.parse(scope, condition, path, len(text) - len(condition))
        if parsed is None:
            return None
        if parsed[1] not in ("bool", UNKNOWN):
            author.problem(path, f"expected a condition, got {describe(parsed[1])}", 0)
            return None
        expr = parsed[0]
    return Pattern(name, fact_type, expr, False, condition.strip())
