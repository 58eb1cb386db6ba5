"""The oracle: a plain-Python interpreter of compiled rules, the reference the engine is held to.

It reads the same `CompiledRule` as the durable-rules adapter and returns the same matches: for
each way of binding a different fact to every positive pattern such that each condition holds
and no fact satisfies a negated pattern. Equality conditions on earlier bindings are served from
hash indexes, so a join costs a lookup, not a scan; everything else is tested fact by fact.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from governance.language.expr import CONTEXT
from governance.language.facts import Fact
from governance.language.ir import CompiledRule, Expr, Op, Pattern, Ref, conjuncts, mentions
from governance.run.oracle.evalexpr import Compiled, Env, closure

Frame = tuple[str, ...]
"""One match: the key of the fact bound to each positive pattern, in pattern order."""


@dataclass
class _Step:
    pattern: Pattern
    key_fields: tuple[str, ...]
    key_values: tuple[Compiled, ...]
    test: Compiled | None


def _plan(pattern: Pattern) -> _Step:
    """Split a pattern's condition into index lookups (own field == outer value) and a test."""
    fields: list[str] = []
    values: list[Compiled] = []
    rest: list[Expr] = []
    for part in conjuncts(pattern.condition):
        if isinstance(part, Op) and part.op == "==":
            left, right = part.args
            for own, other in ((left, right), (right, left)):
                if (
                    isinstance(own, Ref)
                    and own.binding == pattern.binding
                    and not mentions(other, pattern.binding)
                    and own.name not in fields
                ):
                    fields.append(own.name)
                    values.append(closure(other))
                    break
            else:
                rest.append(part)
        else:
            rest.append(part)
    test = closure(Op("and", tuple(rest))) if rest else None
    return _Step(pattern, tuple(fields), tuple(values), test)


class Indexes:
    """Facts by type, and lazily built hash indexes of them by tuples of fields."""

    def __init__(self, facts: list[Fact]) -> None:
        self.by_type: dict[str, list[Fact]] = defaultdict(list)
        for fact in facts:
            self.by_type[fact["t"]].append(fact)
        self._of_type: Callable[[str], list[Fact]] | None = None
        self._indexes: dict[tuple[str, tuple[str, ...]], dict[tuple[object, ...], list[Fact]]] = {}

    @classmethod
    def of(cls, of_type: Callable[[str], list[Fact]], findings: list[Fact]) -> Indexes:
        """Indexes over the facts `of_type` gives, asked for one type when a pattern first
        needs it (`governance.normalise.facts.Facts.of_type`), and the ``finding`` facts."""
        indexes = cls(findings)
        indexes._of_type = of_type
        return indexes

    def _facts(self, fact_type: str) -> list[Fact]:
        if self._of_type is not None and fact_type != "finding" and fact_type not in self.by_type:
            self.by_type[fact_type] = self._of_type(fact_type)
        return self.by_type.get(fact_type, [])

    def lookup(
        self, fact_type: str, fields: tuple[str, ...], values: tuple[object, ...]
    ) -> list[Fact]:
        """The facts of `fact_type` whose `fields` equal `values`."""
        if not fields:
            return self._facts(fact_type)
        index = self._indexes.get((fact_type, fields))
        if index is None:
            index = defaultdict(list)
            for fact in self._facts(fact_type):
                index[tuple(fact[f] for f in fields)].append(fact)
            self._indexes[(fact_type, fields)] = index
        return index.get(values, [])


def matches(rule: CompiledRule, indexes: Indexes, context: dict[str, object]) -> list[Frame]:
    """Every match of `rule`'s patterns over the indexed facts, sorted."""
    steps = [_plan(p) for p in rule.patterns]
    found = sorted(set(_search(steps, 0, {CONTEXT: context}, indexes)))
    return found


def _candidates(step: _Step, env: Env, indexes: Indexes) -> Iterator[Fact]:
    values = tuple(v(env) for v in step.key_values)
    binding = step.pattern.binding
    for fact in indexes.lookup(step.pattern.fact_type, step.key_fields, values):
        env[binding] = fact
        if step.test is None or step.test(env):
            yield fact
    env.pop(binding, None)


def _search(steps: list[_Step], at: int, env: Env, indexes: Indexes) -> Iterator[Frame]:
    if at == len(steps):
        yield tuple(env[s.pattern.binding]["k"] for s in steps if not s.pattern.negated)
        return
    step = steps[at]
    if step.pattern.negated:
        blocked = next(_candidates(step, env, indexes), None) is not None
        env.pop(step.pattern.binding, None)
        if not blocked:
            yield from _search(steps, at + 1, env, indexes)
        return
    bound = {id(f) for name, f in env.items() if name != CONTEXT}
    for fact in list(_candidates(step, env, indexes)):
        if id(fact) in bound:
            continue  # one fact binds one pattern of a match (durable-rules' semantics too)
        env[step.pattern.binding] = fact
        yield from _search(steps, at + 1, env, indexes)
    env.pop(step.pattern.binding, None)


def satisfying(pattern: Pattern, env: Env, indexes: Indexes) -> list[Fact]:
    """The facts satisfying `pattern` given the facts bound in `env`, other than those, by key."""
    step = _plan(pattern)
    bound = {f["k"] for f in env.values() if isinstance(f, dict) and "k" in f}
    found = [f for f in _candidates(step, dict(env), indexes) if f["k"] not in bound]
    return sorted(found, key=lambda f: str(f["k"]))
