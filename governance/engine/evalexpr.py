"""Compiled expressions turned into Python closures, built from the tree (never eval)."""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

from governance.engine.ir import Const, Expr, Op, Ref

Env = dict[str, Any]
"""Binding name → fact dict; ``"$"`` → the evaluation context; ``""`` → aggregate values."""
Compiled = Callable[[Env], Any]

_BINARY: dict[str, Callable[[Any, Any], Any]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
}


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
    function = _BINARY[op]
    left, right = args
    return lambda env: function(left(env), right(env))
