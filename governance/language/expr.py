"""The condition language: a small, typed expression syntax parsed with `ast`, never evaluated.

Authors write Python-like expressions: ``filed_on <= max(interest.start, engagement.start) +
disclosure_days``, ``decision in ('approved', 'approved_with_conditions')``, ``not compensated``.
`ast.parse` gives the tree; only the node types below are accepted; names are resolved against a
`Scope` (the current fact's fields, earlier bindings, `let` names, parameters, ``as_of``) and every
operation is type-checked, so a date compared with money is a compile error, not a wrong answer.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from governance.errors import did_you_mean
from governance.language.closed import allowed
from governance.language.facts import FACT_TYPES
from governance.language.ir import Const, Expr, Op, Ref, Scalar

CONTEXT = "$"
"""The binding of evaluation-time values (``as_of``)."""


def with_as_of(expr: Expr, as_of: int) -> Expr:
    """`expr` with the check's ``as_of`` written in as a constant."""
    if isinstance(expr, Ref) and expr.binding == CONTEXT:
        return Const(as_of)
    if isinstance(expr, Op):
        return Op(expr.op, tuple(with_as_of(a, as_of) for a in expr.args))
    return expr


NUMERIC: frozenset[str] = frozenset({"days", "money", "percent", "count", "number"})
TEXTUAL: frozenset[str] = frozenset({"id", "text"})
ParamType = str  # a FieldType, or "ids" for a list of strings

_COMPARE = {ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">="}
_ARITH = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*"}


class ExprError(Exception):
    """A problem in one expression, with the column (0-based, in the text) where it starts."""

    def __init__(self, message: str, column: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.column = column


@dataclass
class Scope:
    """What names mean where an expression is written."""

    bindings: dict[str, str] = field(default_factory=dict)
    current: str | None = None
    lets: dict[str, tuple[Expr, str]] = field(default_factory=dict)
    params: dict[str, tuple[ParamType, Scalar | tuple[Scalar, ...]]] = field(default_factory=dict)
    used_params: set[str] = field(default_factory=set)
    extra: dict[str, tuple[Expr, str]] = field(default_factory=dict)

    def names(self) -> list[str]:
        """Every bare name that means something here (for "did you mean")."""
        out = list(self.lets) + list(self.params) + list(self.extra) + ["as_of"]
        if self.current:
            out += list(fields_of(self.bindings[self.current]) or ())
        return out + list(self.bindings)


def parse(text: str, scope: Scope) -> tuple[Expr, str]:
    """Parse and type-check `text`; return its expression and type.

    Raises:
        ExprError: the first problem, with its column.
    """
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        single = _SINGLE_EQUALS.search(_without_strings(text.strip()))
        if single is not None:
            raise ExprError(
                "'=' assigns; use == to compare", single.start() + _lead(text)
            ) from None
        raise ExprError(f"cannot parse the expression: {exc.msg}", (exc.offset or 1) - 1) from None
    return _Checker(scope).visit(tree.body)


_SINGLE_EQUALS = re.compile(r"(?<![=!<>])=(?!=)")


def _without_strings(text: str) -> str:
    """`text` with the inside of quoted strings blanked (same length), so '=' in them is ignored."""
    return re.sub(
        r"'[^']*'|\"[^\"]*\"", lambda m: m.group(0)[0] + " " * (len(m.group(0)) - 1), text
    )


def _lead(text: str) -> int:
    return len(text) - len(text.lstrip())


def describe(kind: str) -> str:
    """A type's name as an author reads it."""
    return {"ids": "a list", "id": "an id", "text": "text", "bool": "true/false"}.get(kind, kind)


UNKNOWN = "?"
"""The type of anything about a fact whose type is already reported unknown (no cascades)."""


def fields_of(fact_type: str) -> dict[str, str] | None:
    """The fields of a fact type, or None when the type is unknown."""
    found = FACT_TYPES.get(fact_type)
    return dict(found) if found is not None else None


def _compatible(left: str, right: str) -> bool:
    if UNKNOWN in (left, right) or left == right:
        return True
    if {left, right} <= TEXTUAL:
        return True
    return "number" in (left, right) and left in NUMERIC and right in NUMERIC


class _Checker:
    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self.visitors: dict[type[ast.AST], Callable[[ast.expr], tuple[Expr, str]]] = {
            ast.BoolOp: self.boolop,  # type: ignore[dict-item]
            ast.UnaryOp: self.unary,  # type: ignore[dict-item]
            ast.Compare: self.compare,  # type: ignore[dict-item]
            ast.BinOp: self.binop,  # type: ignore[dict-item]
            ast.Call: self.call,  # type: ignore[dict-item]
            ast.Name: self.name,  # type: ignore[dict-item]
            ast.Attribute: self.attribute,  # type: ignore[dict-item]
            ast.Constant: self.constant,  # type: ignore[dict-item]
        }

    def visit(self, node: ast.expr) -> tuple[Expr, str]:
        visitor = self.visitors.get(type(node))
        if visitor is None:
            raise ExprError(
                f"'{ast.unparse(node)}' is not allowed here (use comparisons, and/or/not, "
                "+ - *, max(), min(), 'in' with a list, fields and parameters)",
                node.col_offset,
            )
        return visitor(node)

    def boolop(self, node: ast.BoolOp) -> tuple[Expr, str]:
        args = tuple(self.expect(v, "bool") for v in node.values)
        return Op("and" if isinstance(node.op, ast.And) else "or", args), "bool"

    def unary(self, node: ast.UnaryOp) -> tuple[Expr, str]:
        if isinstance(node.op, ast.Not):
            return Op("not", (self.expect(node.operand, "bool"),)), "bool"
        if isinstance(node.op, ast.USub):
            inner, kind = self.visit(node.operand)
            if kind not in NUMERIC:
                raise ExprError(f"cannot negate {describe(kind)}", node.col_offset)
            if isinstance(inner, Const) and isinstance(inner.value, int | float):
                return Const(-inner.value), kind
            return Op("neg", (inner,)), kind
        raise ExprError(f"'{ast.unparse(node)}' is not allowed here", node.col_offset)

    def expect(self, node: ast.expr, kind: str) -> Expr:
        expr, found = self.visit(node)
        if found not in (kind, UNKNOWN):
            raise ExprError(
                f"expected {describe(kind)}, got {describe(found)} '{ast.unparse(node)}'",
                node.col_offset,
            )
        return expr

    def compare(self, node: ast.Compare) -> tuple[Expr, str]:
        parts: list[Expr] = []
        left_node = node.left
        left, left_kind = self.visit(left_node)
        for op, right_node in zip(node.ops, node.comparators, strict=True):
            if isinstance(op, ast.In | ast.NotIn):
                parts.append(self.membership(op, left, left_kind, right_node))
                right, right_kind = left, left_kind
            else:
                symbol = _COMPARE.get(type(op))
                if symbol is None:
                    raise ExprError("use ==, !=, <, <=, >, >= or in", node.col_offset)
                right, right_kind = self.visit(right_node)
                if not _compatible(left_kind, right_kind):
                    raise ExprError(
                        f"cannot compare {describe(left_kind)} '{ast.unparse(left_node)}' with "
                        f"{describe(right_kind)} '{ast.unparse(right_node)}'",
                        node.col_offset,
                    )
                if symbol not in ("==", "!=") and left_kind in ("bool", *TEXTUAL):
                    raise ExprError(
                        f"cannot order {describe(left_kind)} values with {symbol}",
                        node.col_offset,
                    )
                if symbol in ("==", "!="):
                    self.closed(left, right, right_node)
                    self.closed(right, left, left_node)
                parts.append(Op(symbol, (left, right)))
            left, left_kind, left_node = right, right_kind, right_node
        return (parts[0] if len(parts) == 1 else Op("and", tuple(parts))), "bool"

    def membership(self, op: ast.cmpop, item: Expr, kind: str, node: ast.expr) -> Expr:
        symbol = "in" if isinstance(op, ast.In) else "not in"
        if isinstance(node, ast.List | ast.Tuple | ast.Set):
            values: list[Scalar] = []
            for element in node.elts:
                const, element_kind = self.visit(element)
                if not isinstance(const, Const) or not _compatible(kind, element_kind):
                    raise ExprError(
                        f"expected a list of {describe(kind)} constants", element.col_offset
                    )
                assert not isinstance(const.value, tuple)
                self.closed(item, const, element)
                values.append(const.value)
            return Op(symbol, (item, Const(tuple(values))))
        collection, collection_kind = self.visit(node)
        if collection_kind != "ids" or not isinstance(collection, Const):
            raise ExprError(
                f"'in' needs a list or a list parameter, got {describe(collection_kind)}",
                node.col_offset,
            )
        if kind not in TEXTUAL:
            raise ExprError(f"cannot look for {describe(kind)} in a list of ids", node.col_offset)
        return Op(symbol, (item, collection))

    def closed(self, field: Expr, literal: Expr, node: ast.expr) -> None:
        """Refuse a string `literal` that the closed-set `field` can never hold."""
        if not isinstance(field, Ref) or not isinstance(literal, Const):
            return
        value = literal.value
        fact_type = self.scope.bindings.get(field.binding)
        if not isinstance(value, str) or not value or fact_type is None:
            return
        values = allowed(fact_type, field.name)
        if values is None or value in values:
            return
        raise ExprError(
            f"{fact_type}.{field.name} is never '{value}'{did_you_mean(value, values)}; "
            f"it is one of {', '.join(values)}",
            node.col_offset,
        )

    def binop(self, node: ast.BinOp) -> tuple[Expr, str]:
        symbol = _ARITH.get(type(node.op))
        if symbol is None:
            raise ExprError("use +, - or *", node.col_offset)
        left, lk = self.visit(node.left)
        right, rk = self.visit(node.right)
        kind = self.arith_type(symbol, lk, rk)
        if kind is None:
            raise ExprError(
                f"cannot compute {describe(lk)} {symbol} {describe(rk)} in '{ast.unparse(node)}'",
                node.col_offset,
            )
        return Op(symbol, (left, right)), kind

    @staticmethod
    def arith_type(symbol: str, left: str, right: str) -> str | None:
        if UNKNOWN in (left, right):
            return UNKNOWN
        day_like = {"days", "number"}
        if left == "date" and right in day_like and symbol in "+-":
            return "date"
        if right == "date" and left in day_like and symbol == "+":
            return "date"
        if left == right == "date" and symbol == "-":
            return "days"
        if left in NUMERIC and right in NUMERIC:
            if symbol == "*" or left == right:
                return left if left == right else ("number" if "number" in (left, right) else None)
            if "number" in (left, right):
                return right if left == "number" else left
        return None

    def call(self, node: ast.Call) -> tuple[Expr, str]:
        name = node.func.id if isinstance(node.func, ast.Name) else ""
        if name not in ("max", "min") or node.keywords or len(node.args) < 2:
            raise ExprError(
                f"unknown function '{ast.unparse(node.func)}' (use max(a, b, ...) or min(...))",
                node.col_offset,
            )
        args = [self.visit(a) for a in node.args]
        kinds = {k for _, k in args} - {UNKNOWN} or {UNKNOWN}
        if len(kinds) != 1 or kinds <= {"bool", "id", "text"}:
            raise ExprError(
                f"{name}() needs values of one type, got {', '.join(sorted(kinds))}",
                node.col_offset,
            )
        return Op(name, tuple(e for e, _ in args)), kinds.pop()

    def name(self, node: ast.Name) -> tuple[Expr, str]:
        ident, scope = node.id, self.scope
        if ident in ("true", "false", "True", "False"):
            return Const(ident.lower() == "true"), "bool"
        own = fields_of(scope.bindings[scope.current]) if scope.current else {}
        if scope.current and own is None:
            return Ref(scope.current, ident), UNKNOWN
        if scope.current and own and ident in own:
            return Ref(scope.current, ident), own[ident]
        if ident in scope.lets:
            return scope.lets[ident]
        if ident in scope.extra:
            return scope.extra[ident]
        if ident in scope.params:
            scope.used_params.add(ident)
            kind, value = scope.params[ident]
            return Const(value), kind
        if ident == "as_of":
            return Ref(CONTEXT, "as_of"), "date"
        if ident in scope.bindings:
            raise ExprError(
                f"'{ident}' is a whole fact; name one of its fields, like '{ident}.id'",
                node.col_offset,
            )
        raise ExprError(
            f"unknown name '{ident}'{did_you_mean(ident, scope.names())}", node.col_offset
        )

    def attribute(self, node: ast.Attribute) -> tuple[Expr, str]:
        if not isinstance(node.value, ast.Name):
            raise ExprError(f"'{ast.unparse(node)}' is not a field", node.col_offset)
        binding = node.value.id
        fact_type = self.scope.bindings.get(binding)
        if fact_type is None:
            known = did_you_mean(binding, list(self.scope.bindings))
            raise ExprError(f"unknown fact '{binding}'{known}", node.col_offset)
        fields = fields_of(fact_type)
        if fields is None:
            return Ref(binding, node.attr), UNKNOWN
        if node.attr not in fields:
            hint = did_you_mean(node.attr, list(fields))
            raise ExprError(
                f"unknown field '{node.attr}' of {fact_type} '{binding}'{hint}", node.col_offset
            )
        return Ref(binding, node.attr), fields[node.attr]

    def constant(self, node: ast.Constant) -> tuple[Expr, str]:
        value = node.value
        if isinstance(value, bool):
            return Const(value), "bool"
        if isinstance(value, int | float):
            return Const(value), "number"
        if isinstance(value, str):
            return Const(value), "text"
        raise ExprError(f"unsupported constant {value!r}", node.col_offset)
