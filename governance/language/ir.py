"""The compiled form of a policy pack: plain, frozen, JSON-able data both evaluators read.

A `CompiledPack` is what `compile` produces from rules and a pack, and the only thing the two
evaluators see: the durable-rules adapter translates it into durable's ruleset JSON, the oracle
interprets it directly, and the findings stage turns their matches into findings.

Expressions (`Expr`) are trees of `Const`, `Ref` and `Op`. A `Ref` names a binding (a pattern of
the rule) and a field of the fact bound to it; inside a pattern's condition, the pattern's own
binding is the current fact. Every value is a number, a string or a boolean: dates are day numbers
(days since 1970-01-01), empty dates are `NEVER` and empty references the empty string.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

Scalar = int | float | str | bool

NEVER = 2_932_896
"""The day number given to an empty `end`/`met_on`: 9999-12-31, later than any real date."""

FieldType = Literal["id", "text", "date", "days", "money", "percent", "count", "number", "bool"]

COMPARISONS = ("==", "!=", "<", "<=", ">", ">=")
FLIPPED = {"==": "==", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<="}
"""Each comparison with its sides swapped (``a < b`` is ``b > a``)."""
ARITHMETIC = ("+", "-", "*")
LOGIC = ("and", "or", "not")
FUNCTIONS = ("max", "min")
MEMBERSHIP = ("in", "not in")
OPERATORS = (*COMPARISONS, *ARITHMETIC, *LOGIC, *FUNCTIONS, *MEMBERSHIP, "neg")
"""Every `Op.op`. `in`/`not in` take an item and a `Const` holding a tuple of scalars."""


@dataclass(frozen=True)
class Const:
    """A literal value (or, for `in`, a tuple of them)."""

    value: Scalar | tuple[Scalar, ...]


@dataclass(frozen=True)
class Ref:
    """The field `name` of the fact bound to `binding`."""

    binding: str
    name: str


@dataclass(frozen=True)
class Op:
    """An operator applied to arguments (see `OPERATORS`)."""

    op: str
    args: tuple[Expr, ...]


Expr = Const | Ref | Op


@dataclass(frozen=True)
class Pattern:
    """One fact the rule binds (or, when `negated`, requires to be absent).

    `condition` may refer to this pattern's own binding and to bindings of earlier patterns.
    A negated pattern binds nothing: it is true when no fact of `fact_type` satisfies it.
    """

    binding: str
    fact_type: str
    condition: Expr | None
    negated: bool = False
    text: str = ""
    """The condition as the author wrote it (for explanations)."""


@dataclass(frozen=True)
class Aggregate:
    """Group the matches by `group` binding, sum `total` over them, keep groups where `having`.

    `having` refers to the sum as ``Ref("", "total")`` and may use the group's own fields.
    """

    group: str
    total: Expr
    having: Expr
    per: str = ""
    """Sum once per distinct fact bound to this name (every match when empty)."""
    text: str = ""
    """The aggregate as the author wrote it (for explanations)."""


@dataclass(frozen=True)
class Message:
    """A bilingual message template: ``{name}`` placeholders, each filled from `values[name]`."""

    en: str
    ja: str
    values: tuple[tuple[str, Expr, str], ...] = ()
    """Each placeholder's name, expression and type (dates print as YYYY-MM-DD)."""


@dataclass(frozen=True)
class Reason:
    """A note a finding gives when it holds, worked out after the engines (never by them).

    When `find` is set, the note is given once for each fact satisfying that pattern besides the
    match's own facts (its condition reads the match's bindings); `when` must hold too. The
    message may name the found fact. `index` is the reason's place in the rule's `because`.
    """

    index: int
    say: Message
    find: Pattern | None = None
    when: Expr | None = None
    fields: tuple[str, ...] = ()
    """The fields of the found fact the reason reads (shown as evidence)."""
    when_text: str = ""
    """`when` as the author wrote it (for explanations)."""


@dataclass(frozen=True)
class Citation:
    """Where a pack's judgement comes from."""

    title: str
    clause: str = ""
    url: str = ""


@dataclass(frozen=True)
class CompiledRule:
    """A rule as adopted by a pack: parameters bound, severity and citation fixed."""

    id: str
    version: int
    title: Message
    description: Message
    patterns: tuple[Pattern, ...]
    subject: str
    parties: tuple[Expr, ...]
    deadline: Expr | None
    message: Message
    severity: str
    citation: Citation
    waivable: bool
    params: tuple[tuple[str, Scalar | tuple[Scalar, ...]], ...]
    aggregate: Aggregate | None = None
    escalations: tuple[tuple[Expr, str], ...] = ()
    alternative: int = 0
    """Which of the rule's `match_any` alternatives this is (0 for a plain `match`)."""
    internal: bool = False
    """An internal rule defines a concept other rules read (as ``finding`` facts); not reported."""
    fields: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """For each binding, the fields the rule reads (shown as evidence)."""
    source: str = ""
    """Where the rule was written (``rules/x.yaml:1:1``)."""
    deadline_text: str = ""
    """The deadline as the author wrote it, `let` names spelled out (for listings)."""
    durable: str = ""
    """The rule's durable-rules JSON, compiled once, with the check's day left open
    (`governance.compile.durable_json.fill` writes it in); derived, so not part of the digest."""
    sql: str = ""
    """The rule's SQL query (`governance.compile.sql`), with the check's day the parameter
    ``$as_of``; derived, so not part of the digest."""
    note: Message | None = None
    """What the pack adds to every finding's explanation (a consequence the statute attaches)."""
    message_due: Message | None = None
    """The message while the finding is due (before its deadline), when it differs."""
    because: tuple[Reason, ...] = ()
    """The reasons this alternative can give (those reading only the facts it binds)."""

    @cached_property  # read per match and per check: worked out once (not a field)
    def key(self) -> str:
        """Unique within a pack: the rule id, and the alternative when there are several."""
        return f"{self.id}#{self.alternative}"

    @cached_property
    def positive(self) -> tuple[Pattern, ...]:
        """The patterns that bind facts, in order (a match is one fact for each)."""
        return tuple(p for p in self.patterns if not p.negated)


@dataclass(frozen=True)
class CompiledPack:
    """A policy pack ready to run: rules grouped in strata.

    A rule may test the findings of rules in earlier strata (fact type ``finding``), so each
    stratum is evaluated after the previous one's findings are known.
    """

    id: str
    version: str
    title: Message
    strata: tuple[tuple[CompiledRule, ...], ...]
    attribution: tuple[str, ...]
    digest: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def rules(self) -> tuple[CompiledRule, ...]:
        """Every rule of the pack, stratum by stratum."""
        return tuple(rule for stratum in self.strata for rule in stratum)


def conjuncts(expr: Expr | None) -> list[Expr]:
    """The parts of an ``and`` (flattened), or the expression itself."""
    if expr is None:
        return []
    if isinstance(expr, Op) and expr.op == "and":
        return [c for arg in expr.args for c in conjuncts(arg)]
    return [expr]


def refs(expr: Expr | None) -> list[Ref]:
    """Every field reference in `expr`."""
    if isinstance(expr, Ref):
        return [expr]
    if isinstance(expr, Op):
        return [r for arg in expr.args for r in refs(arg)]
    return []


def mentions(expr: Expr, binding: str) -> bool:
    """Whether `expr` reads a field of the fact bound to `binding`."""
    return any(r.binding == binding for r in refs(expr))
