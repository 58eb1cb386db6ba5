"""Why a rule did, or did not, fire on one subject: the oracle, stepped through and watched."""

from __future__ import annotations

from dataclasses import dataclass, field

from governance.language.expr import CONTEXT
from governance.language.ir import CompiledRule
from governance.run.oracle.evalexpr import Env
from governance.run.oracle.interpreter import Indexes, _candidates, _plan


@dataclass
class Trace:
    """How far one alternative of a rule got for a subject.

    `fired` when some match binds the subject; else `stopped_at` is the pattern no fact satisfied
    (given the facts matched before it), or `blocked_by` lists, for an absent pattern, the facts
    that were present.
    """

    rule: CompiledRule
    fired: bool = False
    stopped_at: int = -1
    blocked_by: dict[int, list[str]] = field(default_factory=dict)

    def reason(self) -> str:
        """One sentence a reviewer can act on."""
        if self.fired:
            return "it fires"
        if self.blocked_by:
            at, keys = max(self.blocked_by.items())
            pattern = self.rule.patterns[at]
            return (
                f"'absent {pattern.binding}: {pattern.fact_type} where {pattern.text}' "
                f"found {', '.join(sorted(keys)[:5])}"
            )
        pattern = self.rule.patterns[max(self.stopped_at, 0)]
        where = f" where {pattern.text}" if pattern.text else ""
        return f"no {pattern.fact_type} satisfied '{pattern.binding}: {pattern.fact_type}{where}'"


def trace(rule: CompiledRule, indexes: Indexes, as_of: int, subject: str) -> Trace:
    """Step through `rule` looking for a match whose subject fact has id `subject`."""
    steps = [_plan(p) for p in rule.patterns]
    result = Trace(rule)
    env: Env = {CONTEXT: {"as_of": as_of}}

    def walk(at: int) -> bool:
        result.stopped_at = max(result.stopped_at, at)
        if at == len(steps):
            return True
        step = steps[at]
        binding = step.pattern.binding
        if step.pattern.negated:
            present = [f["k"] for f in _candidates(step, env, indexes)]
            env.pop(binding, None)
            if present:
                result.blocked_by.setdefault(at, []).extend(present)
                return False
            return walk(at + 1)
        bound = {id(f) for name, f in env.items() if name != CONTEXT}
        for fact in list(_candidates(step, env, indexes)):
            if id(fact) in bound or (binding == rule.subject and fact.get("id") != subject):
                continue
            env[binding] = fact
            if walk(at + 1):
                return True
        env.pop(binding, None)
        return False

    result.fired = walk(0)
    return result
