"""Compiled expressions turned into Python closures, built from the tree (never eval)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from governance.language.fold import BINARY
from governance.language.ir import Const, Expr, Op, Ref

Env = dict[str, Any]
"""Binding name → fact dict; ``"$"`` → the evaluation context; ``""`` → aggregate values."""
Compiled = Callable[[Env], Any]


_COMPILED: dict[int, tuple[Expr, Compiled]] = {}
_COMPILED_MAX = 4096


def compiled(expr: Expr) -> Compiled:
    """`closure(expr)`, built once per expression object and kept.

    Findings apply the same few expressions of a compiled pack (deadlines, escalations, parties,
    message values) to thousands of matches. The cache is keyed by identity, not equality:
    ``Const(1) == Const(True)``, yet they must not share a closure. Each entry holds its expression,
    so no other object can take its id while the entry lives; the cache is emptied when full, to
    stay bounded when expressions are built per call (as the oracle does).
    """
    hit = _COMPILED.get(id(expr))
    if hit is None or hit[0] is not expr:
        if len(_COMPILED) >= _COMPILED_MAX:
            _COMPILED.clear()
        hit = _COMPILED[id(expr)] = (expr, closure(expr))
    return hit[1]


def closure(expr: Expr) -> Compiled:
    """A function computing `expr` in an environment of bound facts."""
    if isinstance(expr, Const):
        value = frozenset(expr.value) if isinstance(expr.value, tuple) else expr.value
        return lambda _env: value
    if isinstance(expr, Ref):
        binding, name = expr.binding, expr.name
        return lambda env: env[binding][name]
    return _op(expr)


def _op(expr: Op) -> Compiled:
    args = [closure(a) for a in expr.args]
    op = expr.op
    if op == "and":
        return lambda env: all(a(env) for a in args)
    if op == "or":
        return lambda env: any(a(env) for a in args)
    if op == "not":
        (inner,) = args
        return lambda env: not inner(env)
    if op == "neg":
        (inner,) = args
        return lambda env: -inner(env)
    if op in ("max", "min"):
        pick = max if op == "max" else min
        return lambda env: pick(a(env) for a in args)
    if op in ("in", "not in"):
        item, options = args
        if op == "in":
            return lambda env: item(env) in options(env)
        return lambda env: item(env) not in options(env)
    function = BINARY[op]
    left, right = args
    return lambda env: function(left(env), right(env))
