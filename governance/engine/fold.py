"""Constant folding: the parts of a condition that read only constants are decided when compiling.

A pack's parameters are constants once bound, so a test on a parameter alone
(``'payer' in waiver_approvers``) is true or false for the whole pack. Folding it away keeps such
tests out of both evaluators (durable-rules cannot place a test that reads no fact), and lets a
rule say "only when the pack allows it": an ``absent`` pattern whose condition folds to false
requires nothing and is dropped.
"""

from __future__ import annotations

from governance.engine.evalexpr import closure
from governance.engine.ir import Const, Expr, Op

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
        value = closure(folded)({})
        return Const(value)
    return folded


def _is(expr: Expr, const: Const) -> bool:
    return isinstance(expr, Const) and type(expr.value) is bool and expr.value is const.value
