"""Translate compiled rules into SQL (pure: no database import here).

Each rule alternative becomes one ``SELECT DISTINCT`` over per-type tables of the normalised facts
(``facts_<type>``, one column per field of `FACT_TYPES` plus the key ``k``), returning the key of
the fact bound to each positive pattern, in pattern order — the same frames the oracle and
durable-rules return. The semantics are the oracle's:

- every positive pattern is a table in the ``FROM`` clause and its condition a conjunct of the
  ``WHERE`` clause (conditions may read earlier patterns; the planner picks the join order);
- one fact binds one pattern of a match: patterns of one type are joined on different keys;
- an ``absent`` pattern is a ``NOT EXISTS`` over its type (it may read the patterns before it);
- the check's day is the parameter ``$as_of``, so the text is compiled once per rule.

Constants are written as SQL literals (strings quoted with ``''`` doubled, floats cast to
``DOUBLE``); every identifier comes from `FACT_TYPES` or is generated, never from a rule's text.
"""

from __future__ import annotations

from governance.compile.durable_json import Untranslatable
from governance.language.expr import CONTEXT
from governance.language.facts import FACT_TYPES
from governance.language.ir import CompiledRule, Const, Expr, Ref, Scalar

_COMPARE = {"==": "=", "!=": "<>", "<": "<", "<=": "<=", ">": ">", ">=": ">="}
_ARITH = {"+": "+", "-": "-", "*": "*"}
AS_OF = "$as_of"
"""The SQL parameter standing for the check's day number."""


def table(fact_type: str) -> str:
    """The table holding the facts of `fact_type`."""
    return f"facts_{fact_type}"


def _literal(value: Scalar) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return f"CAST('{value!r}' AS DOUBLE)"
    return "'" + value.replace("'", "''") + "'"


def _column(name: str, fact_type: str) -> str:
    if name not in FACT_TYPES[fact_type] and name != "k":
        raise Untranslatable(f"unknown field '{name}' of {fact_type}")
    return f'"{name}"'


class _Scope:
    """Each binding's alias and fact type."""

    def __init__(self, rule: CompiledRule) -> None:
        self.alias = {p.binding: f"p{n}" for n, p in enumerate(rule.patterns)}
        self.types = {p.binding: p.fact_type for p in rule.patterns}

    def ref(self, ref: Ref) -> str:
        if ref.binding == CONTEXT:
            if ref.name != "as_of":
                raise Untranslatable(f"unknown context value '{ref.name}'")
            return AS_OF
        if ref.binding not in self.alias:
            raise Untranslatable(f"unknown binding '{ref.binding}'")
        alias = self.alias[ref.binding]
        return f"{alias}.{_column(ref.name, self.types[ref.binding])}"


def expression(expr: Expr, scope: _Scope) -> str:
    """`expr` as an SQL expression."""
    if isinstance(expr, Const):
        if isinstance(expr.value, tuple):
            raise Untranslatable("a list stands only on the right of 'in'")
        return _literal(expr.value)
    if isinstance(expr, Ref):
        return scope.ref(expr)
    args = expr.args
    op = expr.op
    if op in ("and", "or"):
        return "(" + f" {op.upper()} ".join(expression(a, scope) for a in args) + ")"
    if op == "not":
        return f"(NOT {expression(args[0], scope)})"
    if op == "neg":
        return f"(-{expression(args[0], scope)})"
    if op in ("max", "min"):
        name = "GREATEST" if op == "max" else "LEAST"
        return f"{name}(" + ", ".join(expression(a, scope) for a in args) + ")"
    if op in ("in", "not in"):
        item, options = args
        if not isinstance(options, Const) or not isinstance(options.value, tuple):
            raise Untranslatable(f"'{op}' needs a list of constants")
        if not options.value:
            return "FALSE" if op == "in" else "TRUE"
        values = ", ".join(_literal(v) for v in options.value)
        keyword = "IN" if op == "in" else "NOT IN"
        return f"({expression(item, scope)} {keyword} ({values}))"
    if op in _COMPARE:
        left, right = (expression(a, scope) for a in args)
        return f"({left} {_COMPARE[op]} {right})"
    if op in _ARITH:
        left, right = (expression(a, scope) for a in args)
        return f"({left} {_ARITH[op]} {right})"
    raise Untranslatable(f"unknown operator '{op}'")


def rule_sql(rule: CompiledRule) -> str:
    """The query finding every frame of `rule` (one row per frame, keys in pattern order)."""
    return _query(rule, absent=True)


def joinable_sql(rule: CompiledRule) -> str:
    """The query of `rule` without its ``absent`` patterns: every way its positive patterns
    join, each with its own tests — a superset of its frames (the durable-rules screen's)."""
    return _query(rule, absent=False)


def _query(rule: CompiledRule, *, absent: bool) -> str:
    scope = _Scope(rule)
    positive = [p for p in rule.patterns if not p.negated]
    if not positive:
        raise Untranslatable("a rule needs a pattern that binds a fact")
    where: list[str] = []
    seen: list[tuple[str, str]] = []
    for pattern in rule.patterns:
        alias = scope.alias[pattern.binding]
        condition = (
            expression(pattern.condition, scope) if pattern.condition is not None else "TRUE"
        )
        if pattern.negated:
            if not absent:
                continue
            where.append(
                f"NOT EXISTS (SELECT 1 FROM {table(pattern.fact_type)} AS {alias} "
                f"WHERE {condition})"
            )
            continue
        where.append(condition)
        # one fact binds one pattern of a match: a pattern of a type already bound takes another
        where += [f"{alias}.k <> {other}.k" for other, t in seen if t == pattern.fact_type]
        seen.append((alias, pattern.fact_type))
    columns = ", ".join(f"{scope.alias[p.binding]}.k" for p in positive)
    tables = ", ".join(f"{table(p.fact_type)} AS {scope.alias[p.binding]}" for p in positive)
    return f"SELECT DISTINCT {columns} FROM {tables} WHERE " + " AND ".join(where)
