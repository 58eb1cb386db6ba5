"""Constant folding: the parts of a condition that read only constants are decided when compiling.

A pack's parameters are constants once bound, so a test on a parameter alone
(``'payer' in waiver_approvers``) is true or false for the whole pack. Folding it away keeps such
tests out of both evaluators (durable-rules cannot place a test that reads no fact), and lets a
rule say "only when the pack allows it": an ``absent`` pattern whose condition folds to false
requires nothing and is dropped.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

from governance.language.ir import Const, Expr, Op, Scalar

TRUE, FALSE = Const(True), Const(False)


def fold(expr: Expr) -> Expr:
    """`expr` with every operation on constants alone computed, and/or/not simplified."""
    if not isinstance(expr, Op):
        return expr
    args = tuple(fold(a) for a in expr.args)
    if expr.op in ("and", "or"):
        decisive, neutral = (FALSE, TRUE) if expr.op == "and" else (TRUE, FALSE)
        if any(_is(a, decisive) for a in args):
            return decisive
        kept = tuple(a for a in args if not _is(a, neutral))
        if not kept:
            return neutral
        return kept[0] if len(kept) == 1 else Op(expr.op, kept)
    folded = Op(expr.op, args)
    if all(isinstance(a, Const) for a in args):
        return Const(_compute(expr.op, [a.value for a in args if isinstance(a, Const)]))
    return folded


BINARY: dict[str, Callable[[Any, Any], Any]] = {  # the oracle evaluates with it too
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


def _compute(op: str, values: list[Scalar | tuple[Scalar, ...]]) -> Scalar:
    """`op` applied to constant `values` (the and/or cases are handled by `fold`)."""
    if op == "not":
        return not values[0]
    if op == "neg":
        return -values[0]  # type: ignore[operator]
    if op in ("max", "min"):
        return (max if op == "max" else min)(values)  # type: ignore[return-value]
    if op in ("in", "not in"):
        item, options = values
        assert isinstance(options, tuple)
        return (item in options) == (op == "in")
    result: Scalar = BINARY[op](values[0], values[1])
    return result


def _is(expr: Expr, const: Const) -> bool:
    return isinstance(expr, Const) and type(expr.value) is bool and expr.value is const.value
