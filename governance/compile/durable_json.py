"""Translate compiled rules into durable-rules ruleset JSON (pure: no engine import here).

durable-rules tests one fact per pattern, with its own fields on the left of each comparison and
constants, fields of earlier patterns (``{"binding": "field"}``) or arithmetic over them
(``{"$add": {"$l": ..., "$r": ...}}``) on the right. So, before translating, each condition is
rearranged: a conjunct that does not mention the pattern's own fact moves to the latest earlier
pattern it mentions; ``field + n >= x`` becomes ``field >= x - n``; ``max``/``min`` against a field
become an ``or``/``and`` of comparisons; ``not`` is pushed down to the comparisons; membership in a
constant list becomes an ``or`` of equalities. Fact keys travel as durable's ``id`` (its identity),
and our own ``id`` field as ``_id``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from governance.language.expr import with_as_of
from governance.language.ir import (
    FLIPPED,
    CompiledRule,
    Const,
    Expr,
    Op,
    Pattern,
    Ref,
    conjuncts,
    mentions,
    refs,
)

_OPS = {"==": "$eq", "!=": "$neq", "<": "$lt", "<=": "$lte", ">": "$gt", ">=": "$gte"}
_NEGATE = {"==": "!=", "!=": "==", "<": ">=", "<=": ">", ">": "<=", ">=": "<"}
_ARITH = {"+": "$add", "-": "$sub", "*": "$mul"}


class Untranslatable(Exception):
    """A condition durable-rules cannot express; the message says which and why.

    `binding` names the pattern it is about (empty when it is about the whole rule).
    """

    def __init__(self, message: str, binding: str = "") -> None:
        super().__init__(message)
        self.binding = binding


@dataclass(frozen=True)
class AsOf:
    """``scale * as_of + offset``: a value the check's day decides, left open in a template.

    Behaves as a number under the arithmetic conditions fold (``+``, ``-``, ``*`` by a number).
    """

    scale: int | float = 1
    offset: int | float = 0

    def __add__(self, other: object) -> AsOf:
        if isinstance(other, AsOf):
            return AsOf(self.scale + other.scale, self.offset + other.offset)
        if isinstance(other, int | float):
            return AsOf(self.scale, self.offset + other)
        return NotImplemented

    __radd__ = __add__

    def __neg__(self) -> AsOf:
        return AsOf(-self.scale, -self.offset)

    def __sub__(self, other: object) -> AsOf:
        if isinstance(other, AsOf | int | float):
            return self + -other
        return NotImplemented

    def __rsub__(self, other: object) -> AsOf:
        return -self + other

    def __mul__(self, other: object) -> AsOf:
        if isinstance(other, int | float) and not isinstance(other, bool):
            return AsOf(self.scale * other, self.offset * other)
        raise Untranslatable("as_of can only be multiplied by a number")

    __rmul__ = __mul__


def field_name(name: str) -> str:
    """The durable field carrying one of our fields (our ``id`` is not durable's identity)."""
    return "_id" if name == "id" else name


def placed_conditions(rule: CompiledRule, as_of: int | AsOf) -> list[list[Expr]]:
    """Each pattern's conjuncts, after moving those that do not mention their own fact.

    Raises:
        Untranslatable: an absent pattern's condition has a part that does not mention it.
    """
    patterns = rule.patterns
    placed: list[list[Expr]] = [[] for _ in patterns]
    order = [p.binding for p in patterns]
    for i, pattern in enumerate(patterns):
        for written in conjuncts(pattern.condition):
            part = with_as_of(written, as_of)  # type: ignore[arg-type]
            if mentions(part, pattern.binding):
                placed[i].append(part)
                continue
            if pattern.negated:
                raise Untranslatable(
                    f"a condition of 'absent {pattern.binding}' must mention it: "
                    f"move the other parts to the patterns they are about"
                )
            earlier = [j for j, b in enumerate(order[:i]) if b in {r.binding for r in refs(part)}]
            placed[max(earlier) if earlier else 0].append(part)
    return placed


def _value(expr: Expr, own: str) -> Any:
    """The right-hand side of a durable comparison."""
    if isinstance(expr, Const):
        if isinstance(expr.value, tuple):
            raise Untranslatable("a list cannot be compared")
        return expr.value
    if isinstance(expr, Ref):
        return {"$m" if expr.binding == own else expr.binding: field_name(expr.name)}
    if expr.op in _ARITH:
        left, right = (_value(a, own) for a in expr.args)
        if not isinstance(left, dict) and not isinstance(right, dict):
            return _fold(expr.op, left, right)
        return {_ARITH[expr.op]: {"$l": left, "$r": right}}
    raise Untranslatable(f"'{expr.op}' cannot stand on the right of a comparison")


def _fold(op: str, left: Any, right: Any) -> Any:
    if op == "+":
        return left + right
    if op == "-":
        return left - right
    return left * right


def _isolate(op: str, left: Expr, right: Expr, own: str) -> tuple[str, str, Expr]:
    """Rewrite ``left op right`` as ``own_field op' expr`` with expr free of other own fields."""
    for _ in range(8):
        if isinstance(left, Ref) and left.binding == own and not mentions(right, own):
            return op, left.name, right
        if isinstance(right, Ref) and right.binding == own and not mentions(left, own):
            op, left, right = FLIPPED[op], right, left
            continue
        if not mentions(left, own):
            op, left, right = FLIPPED[op], right, left
        if isinstance(left, Op) and left.op in ("+", "-") and not mentions(right, own):
            a, b = left.args
            if mentions(a, own) and not mentions(b, own):
                right = Op("-" if left.op == "+" else "+", (right, b))
                left = a
                continue
            if left.op == "+" and mentions(b, own) and not mentions(a, own):
                right, left = Op("-", (right, a)), b
                continue
        break
    if isinstance(left, Ref) and left.binding == own and isinstance(right, Ref):
        return op, left.name, right  # a comparison of two fields of the same fact
    raise Untranslatable("a comparison must have one field of the fact on one side")


def _expand_extremes(op: str, left: Expr, right: Expr) -> Expr | None:
    """``x <= max(a, b) + n`` → ``x <= a + n or x <= b + n`` (and the other cases)."""

    def spread(expr: Expr) -> tuple[str, list[Expr]] | None:
        if isinstance(expr, Op) and expr.op in ("max", "min"):
            return expr.op, list(expr.args)
        if isinstance(expr, Op) and expr.op in ("+", "-"):
            inner = spread(expr.args[0])
            if inner is not None:
                return inner[0], [Op(expr.op, (a, expr.args[1])) for a in inner[1]]
        return None

    for side, other, flipped in ((right, left, False), (left, right, True)):
        found = spread(side)
        if found is None:
            continue
        kind, options = found
        compare = FLIPPED[op] if flipped else op
        if compare in ("==", "!="):
            raise Untranslatable("max()/min() can only be ordered (<, <=, >, >=) against")
        wants_all = (kind == "max") == (compare in (">", ">="))
        parts = tuple(Op(compare, (other, o)) for o in options)
        return Op("and" if wants_all else "or", parts)
    return None


MAX_JOINS = 29
"""The most comparisons with other facts one pattern may hold (30 fails at creation, error 113)."""
MAX_TERMS = 64
"""The most ``and`` terms one pattern may expand to (see `pattern_json`)."""


def _normal(expr: Expr, negate: bool = False) -> Expr:
    """An and/or tree whose leaves are single comparisons: ``not``, ``in`` and extremes removed."""
    if isinstance(expr, Ref):
        return Op("==", (expr, Const(not negate)))
    if isinstance(expr, Const):
        raise Untranslatable("a constant condition")
    op = expr.op
    if op == "not":
        return _normal(expr.args[0], not negate)
    if op in ("and", "or"):
        joined = op if not negate else ("or" if op == "and" else "and")
        return Op(joined, tuple(_normal(a, negate) for a in expr.args))
    if op in ("in", "not in"):
        item, options = expr.args
        assert isinstance(options, Const) and isinstance(options.value, tuple)
        if not options.value:
            raise Untranslatable("membership in an empty list")
        positive = (op == "in") != negate
        parts = tuple(Op("==" if positive else "!=", (item, Const(v))) for v in options.value)
        return Op("or" if positive else "and", parts)
    if op in _OPS:
        left, right = expr.args
        compare = _NEGATE[op] if negate else op
        expanded = _expand_extremes(compare, left, right)
        return _normal(expanded) if expanded is not None else Op(compare, (left, right))
    raise Untranslatable(f"'{op}' is not a condition")


def _settled(expr: Expr) -> Expr:
    """`expr` with membership in an empty list decided and the and/or/not around it folded.

    A pack may bind a list parameter to ``[]`` (no legal form always has a board); durable has
    no test for "in nothing", so such a test becomes a constant before translation.
    """
    if not isinstance(expr, Op):
        return expr
    if expr.op in ("in", "not in"):
        options = expr.args[1]
        if isinstance(options, Const) and options.value == ():
            return Const(expr.op == "not in")
        return expr
    if expr.op == "not":
        inner = _settled(expr.args[0])
        return Const(not inner.value) if isinstance(inner, Const) else Op("not", (inner,))
    if expr.op in ("and", "or"):
        decisive = expr.op == "or"  # the value one argument settles the whole with
        kept: list[Expr] = []
        for arg in (_settled(a) for a in expr.args):
            if isinstance(arg, Const):
                if bool(arg.value) == decisive:
                    return Const(decisive)
                continue
            kept.append(arg)
        if not kept:
            return Const(not decisive)
        return kept[0] if len(kept) == 1 else Op(expr.op, tuple(kept))
    return expr


def _dnf(expr: Expr) -> list[list[Expr]]:
    """`expr` (from `_normal`) as an ``or`` of ``and`` terms of comparisons."""
    if isinstance(expr, Op) and expr.op == "or":
        return [term for a in expr.args for term in _dnf(a)]
    if isinstance(expr, Op) and expr.op == "and":
        terms: list[list[Expr]] = [[]]
        for a in expr.args:
            terms = [t + u for t in terms for u in _dnf(a)]
            if len(terms) > MAX_TERMS:
                raise Untranslatable(
                    f"the condition expands to more than {MAX_TERMS} alternatives; split the rule"
                )
        return terms
    return [[expr]]


def _literal(expr: Expr, own: str) -> Any:
    """One comparison about the fact bound to `own`, in durable's form."""
    assert isinstance(expr, Op) and expr.op in _OPS
    left, right = expr.args
    op, name, value = _isolate(expr.op, left, right, own)
    target = _value(value, own)
    if op == "==":
        return {field_name(name): target}
    return {_OPS[op]: {field_name(name): target}}


def _terms(pattern: Pattern, parts: Sequence[Expr]) -> list[list[Any]]:
    """The pattern's condition as alternatives, each a list of durable tests (type test first);
    none when no fact can satisfy it."""
    kind = {"t": pattern.fact_type}
    settled = [_settled(p) for p in parts]
    if any(isinstance(p, Const) and not p.value for p in settled):
        return []  # no fact can satisfy it: no alternative (an absence that always holds)
    parts = [p for p in settled if not isinstance(p, Const)]
    if not parts:
        return [[kind]]
    normal = [_normal(p) for p in parts]
    tail: list[Any] = []
    if not pattern.negated:
        # A disjunction of tests on the fact's own fields alone stays one flat `$or`, placed
        # after every other test: durable evaluates that form correctly (measured), and it
        # keeps `via in (4 values)` from multiplying the rules by four. Only one such `$or` can
        # be last, so the widest stays flat and any other is expanded like the rest.
        flat = [n for n in normal if _flat_own_or(n, pattern.binding)]
        local = sorted(flat, key=lambda n: -len(_disjuncts(n)))[:1]
        normal = [n for n in normal if n not in local]
        tail = [{"$or": [_literal(e, pattern.binding) for e in _disjuncts(n)]} for n in local]
    if not normal:
        return [[kind, *tail]]
    terms = _dnf(Op("and", tuple(normal)))
    for term in terms:
        joins = [e for e in term if {r.binding for r in refs(e)} - {pattern.binding}]
        if len(joins) > MAX_JOINS:
            raise Untranslatable(
                f"{len(joins)} comparisons with other facts in one pattern; the engine takes "
                f"at most {MAX_JOINS}"
            )
    return [[kind, *(_literal(e, pattern.binding) for e in term), *tail] for term in terms]


def _disjuncts(expr: Expr) -> list[Expr]:
    """The parts of an ``or`` (nested ones flattened), or the expression itself."""
    if isinstance(expr, Op) and expr.op == "or":
        return [d for a in expr.args for d in _disjuncts(a)]
    return [expr]


def _flat_own_or(expr: Expr, own: str) -> bool:
    """An ``or`` of single comparisons of the fact's own fields with constants."""
    parts = _disjuncts(expr)
    return len(parts) > 1 and all(
        isinstance(a, Op)
        and a.op in _OPS
        and {r.binding for r in refs(a)} == {own}
        and any(isinstance(x, Const) for x in a.args)
        for a in parts
    )


def _body(tests: list[Any]) -> Any:
    return tests[0] if len(tests) == 1 else {"$and": tests}


def rule_json(rule: CompiledRule, as_of: int | AsOf) -> dict[str, Any]:
    """The durable rules for one compiled rule alternative, named ``KEY/N``.

    durable 2.0.28 mishandles ``$or``: a test that refers to an earlier pattern is ignored when
    it follows an ``$or`` inside an ``$and``, and only the first branch of an ``$or`` of such
    tests can match (both measured). So no ``$or`` is ever sent: each condition is put in
    disjunctive normal form; the branches of a positive pattern become separate durable rules
    (one per combination, their matches united), and the branches of an absent pattern become
    separate absent patterns (absent A-or-B is absent A and absent B).

    Raises:
        Untranslatable: the combinations exceed `MAX_TERMS`.
    """
    placed = placed_conditions(rule, as_of)
    combos: list[list[dict[str, Any]]] = [[]]
    for pattern, parts in zip(rule.patterns, placed, strict=True):
        try:
            terms = _terms(pattern, parts)
        except Untranslatable as exc:
            raise Untranslatable(str(exc), pattern.binding) from None
        if pattern.negated:
            names = (
                [f"{pattern.binding}$not"]
                if len(terms) == 1
                else [f"{pattern.binding}_{n}$not" for n in range(len(terms))]
            )
            absent = [{name: _body(t)} for name, t in zip(names, terms, strict=True)]
            combos = [c + absent for c in combos]
        else:
            combos = [[*c, {pattern.binding: _body(t)}] for c in combos for t in terms]
        if len(combos) > MAX_TERMS:
            raise Untranslatable(
                f"the conditions expand to more than {MAX_TERMS} alternatives; split the rule"
            )
    return {f"{rule.key}/{n}": {"all": combo} for n, combo in enumerate(combos)}


def durable_template(rule: CompiledRule) -> str:
    """The rule's durable JSON with the check's day left open, as compiled once per rule.

    ``as_of`` enters the conditions only through sums and differences with constants, so each
    value it decides is ``scale * as_of + offset``, written ``{"$as_of":[scale,offset]}``;
    `fill` writes the day in. The result equals `rule_json` of the same day.

    Raises:
        Untranslatable: the rule cannot be run by durable-rules (see `rule_json`).
    """
    body = rule_json(rule, AsOf())
    return json.dumps(
        body, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=_open
    )


def _open(value: object) -> Any:
    if isinstance(value, AsOf):
        return {AS_OF_KEY: [value.scale, value.offset]}
    raise TypeError(f"{type(value).__name__} in durable JSON")


AS_OF_KEY = "$as_of"
_HOLE = re.compile(r'\{"\$as_of":\[(-?[0-9.e+-]+),(-?[0-9.e+-]+)\]\}')


def fill(template: str, as_of: int) -> str:
    """`template` (from `durable_template`) with the check's day written in."""

    def value(match: re.Match[str]) -> str:
        scale, offset = json.loads(match.group(1)), json.loads(match.group(2))
        return json.dumps(scale * as_of + offset)

    return _HOLE.sub(value, template)


def handled_types(rules: Sequence[CompiledRule]) -> set[str]:
    """Fact types some pattern of `rules` matches (only these may be asserted)."""
    return {p.fact_type for rule in rules for p in rule.patterns}


def assertion_order(rules: Sequence[CompiledRule]) -> list[str]:
    """Fact types in an order that lets every ``$not`` see the facts it must see.

    durable's ``$not`` only sees facts asserted before the positive facts that complete a match,
    so for each rule, each type it tests for absence goes before every other type it matches.

    Raises:
        Untranslatable: two rules need opposite orders (they must run in separate sessions).
    """
    types = sorted(handled_types(rules))
    before: dict[str, set[str]] = {t: set() for t in types}
    for rule in rules:
        negated = {p.fact_type for p in rule.patterns if p.negated}
        positive = {p.fact_type for p in rule.patterns if not p.negated}
        for late in positive:
            before[late] |= negated - {late}
    order: list[str] = []
    while len(order) < len(types):
        ready = [t for t in types if t not in order and before[t] <= set(order)]
        if not ready:
            left = ", ".join(t for t in types if t not in order)
            raise Untranslatable(f"no assertion order satisfies every absence test among {left}")
        order.extend(ready)
    return order
