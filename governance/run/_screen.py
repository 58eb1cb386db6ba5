"""Screening partitions before the engine sees them: which facts a stratum's rules could use.

A rule can only match in a partition where every one of its positive patterns has a fact passing
that pattern's *own* tests (the conjuncts that read nothing but the fact itself and ``as_of``),
and a fact that passes no pattern's own tests can be neither bound nor block an absent pattern.
That is the alpha network of a Rete engine, run here once per fact and stratum, so that a clean
supporter costs no engine session and a relevant one sends the engine only the facts that count.
It only ever removes what cannot change a match: the differential test holds the screened engine
to the oracle, which sees every fact.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from governance.language.expr import CONTEXT, with_as_of
from governance.language.facts import Fact
from governance.language.fold import BINARY
from governance.language.ir import (
    COMPARISONS,
    FLIPPED,
    CompiledRule,
    Const,
    Expr,
    Op,
    Pattern,
    Ref,
    conjuncts,
    refs,
)
from governance.run.oracle.evalexpr import closure

Test = Callable[[Fact], Any]
"""A test of one fact, called with the fact itself."""


def _fact_test(expr: Expr, binding: str, as_of: int) -> Test:
    """`expr`, which reads only the fact bound to `binding` and ``as_of``, as a test of the fact.

    A field compared with a constant (the common case) is one call; anything else goes through
    the general closure with an environment built per call.
    """
    options = _options(expr, binding)
    if options is not None:
        field, allowed = options
        return lambda fact: fact[field] in allowed
    if isinstance(expr, Op) and expr.op in ("and", "or"):
        parts = [_fact_test(arg, binding, as_of) for arg in expr.args]
        if expr.op == "and":
            return lambda fact: all(part(fact) for part in parts)
        return lambda fact: any(part(fact) for part in parts)
    if isinstance(expr, Op) and expr.op in COMPARISONS:
        left, right = (with_as_of(arg, as_of) for arg in expr.args)
        op = expr.op
        if isinstance(left, Const) and isinstance(right, Ref):
            left, right, op = right, left, FLIPPED[op]
        if isinstance(left, Ref) and isinstance(right, Const):
            compare, name, value = BINARY[op], left.name, right.value
            return lambda fact: compare(fact[name], value)
    if isinstance(expr, Ref) and expr.binding == binding:
        field = expr.name
        return lambda fact: fact[field]
    general = closure(expr)
    context = {"as_of": as_of}
    return lambda fact: general({binding: fact, CONTEXT: context})


def _options(expr: Expr, binding: str) -> tuple[str, frozenset[object]] | None:
    """(field, values) when `expr` says the fact's field is one of some constants: ``==``,
    ``in``, or an ``or`` of those on one field; None otherwise."""
    if isinstance(expr, Op) and expr.op == "or":
        found = [_options(arg, binding) for arg in expr.args]
        fields = {f[0] for f in found if f is not None}
        if None in found or len(fields) != 1:
            return None
        return fields.pop(), frozenset(v for f in found if f is not None for v in f[1])
    if isinstance(expr, Op) and expr.op in ("==", "in"):
        own, other = expr.args
        if isinstance(other, Ref) and expr.op == "==":
            own, other = other, own
        if isinstance(own, Ref) and own.binding == binding and isinstance(other, Const):
            value = other.value
            return own.name, frozenset(value if isinstance(value, tuple) else (value,))
    return None


def _own_condition(pattern: Pattern) -> Expr | None:
    """The conjuncts of `pattern` that read only its own fact (and ``as_of``), as one condition
    (written over the binding ``_``, so that equal tests of differently named patterns are equal);
    None when there are none."""
    own = [
        _renamed(part, pattern.binding)
        for part in conjuncts(pattern.condition)
        if all(ref.binding in (pattern.binding, CONTEXT) for ref in refs(part))
    ]
    if not own:
        return None
    return own[0] if len(own) == 1 else Op("and", tuple(own))


_OWN = "_"


def _renamed(expr: Expr, binding: str) -> Expr:
    if isinstance(expr, Ref) and expr.binding == binding:
        return Ref(_OWN, expr.name)
    if isinstance(expr, Op):
        return Op(expr.op, tuple(_renamed(arg, binding) for arg in expr.args))
    return expr


@dataclass(frozen=True)
class Screen:
    """The own tests of every pattern of a stratum's rules, each pattern one bit of a mask."""

    tests: dict[str, tuple[tuple[int, Test | None], ...]]
    """For each fact type, each distinct own test of its patterns (None: no own test) with the
    bits of the patterns that share it."""
    rules: tuple[tuple[int, int], ...]
    """For each rule, in order: (bits of its positive patterns, bits of all its patterns)."""
    bits: tuple[tuple[int, ...], ...] = ()
    """For each rule, in order: the bit of each of its positive patterns, in pattern order."""
    _wanted: dict[int, tuple[int, int]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    """`wanted` by the masks present: most partitions present one of a few combinations."""

    @classmethod
    def of(cls, rules: Sequence[CompiledRule], as_of: int) -> Screen:
        """The screen of a stratum as of a day."""
        by_type: dict[str, dict[Expr | None, int]] = {}
        masks: list[tuple[int, int]] = []
        bits: list[tuple[int, ...]] = []
        bit = 1
        for rule in rules:
            positive = every = 0
            own_bits: list[int] = []
            for pattern in rule.patterns:
                own = _own_condition(pattern)  # patterns with the same test share one call
                same = by_type.setdefault(pattern.fact_type, {})
                same[own] = same.get(own, 0) | bit
                every |= bit
                if not pattern.negated:
                    positive |= bit
                    own_bits.append(bit)
                bit <<= 1
            masks.append((positive, every))
            bits.append(tuple(own_bits))
        tests = {
            fact_type: tuple(
                (bits, None if own is None else _fact_test(own, _OWN, as_of))
                for own, bits in same.items()
            )
            for fact_type, same in by_type.items()
        }
        return cls(tests, tuple(masks), tuple(bits))

    def masks(self, facts: Iterable[Fact]) -> dict[str, int]:
        """Each fact's key → the bits of the patterns whose own tests it passes (0: none)."""
        always, tested = self._split
        out: dict[str, int] = {}
        for fact in facts:
            kind = fact["t"]
            mask = always.get(kind, 0)
            for bit, test in tested.get(kind, ()):
                if test(fact):
                    mask |= bit
            out[fact["k"]] = mask
        return out

    @cached_property
    def _split(self) -> tuple[dict[str, int], dict[str, tuple[tuple[int, Test], ...]]]:
        """By fact type: the bits of patterns with no own test, and the own tests to run."""
        always = {t: sum(bit for bit, test in v if test is None) for t, v in self.tests.items()}
        tested = {t: tuple((bit, test) for bit, test in v if test) for t, v in self.tests.items()}
        return always, tested

    def joined(
        self, masks: dict[str, int], joinable: Sequence[Sequence[frozenset[str]] | None]
    ) -> dict[str, int]:
        """`masks` narrowed to the joins of each rule's positive patterns: a positive pattern's
        bit stays only on the facts `joinable` names for it (for each rule, in order, the keys
        that bind each positive pattern in some join; None keeps the rule's own tests). The
        bits of ``absent`` patterns stay: a fact that could block a match still goes in.
        A fact named by the joins passed that pattern's own tests, so nothing is added."""
        kept = ~0
        extra: dict[str, int] = {}
        for (positive, _), bits, keys in zip(self.rules, self.bits, joinable, strict=True):
            if keys is None:
                continue
            kept &= ~positive
            for bit, named in zip(bits, keys, strict=True):
                for key in named:
                    extra[key] = extra.get(key, 0) | bit
        get = extra.get
        return {key: (mask & kept) | get(key, 0) for key, mask in masks.items()}

    def wanted(self, present: int) -> tuple[int, int]:
        """For the union `present` of a partition's masks: (the rules that could match, as bits
        by rule index; the pattern bits those rules read). (0, 0) when no rule could match."""
        known = self._wanted.get(present)
        if known is not None:
            return known
        rules = wanted = 0
        for index, (positive, every) in enumerate(self.rules):
            if present & positive == positive:
                rules |= 1 << index
                wanted |= every
        if len(self._wanted) < _WANTED_KEPT:
            self._wanted[present] = (rules, wanted)
        return rules, wanted


_WANTED_KEPT = 65_536
"""How many combinations of masks a screen remembers (a few hundred occur in practice)."""
