"""The reasons a finding gives (its rule's `because:`), worked out on the facts the engines saw.

They are evaluated here, after the engines, by the expression evaluator, the same for every
engine: a reason never makes or unmakes a finding, it only says more about one.
"""

from __future__ import annotations

from dataclasses import dataclass

from governance.language.facts import Fact
from governance.language.ir import CompiledRule, Reason
from governance.run.matches import Raw
from governance.run.oracle.evalexpr import Env, compiled
from governance.run.oracle.interpreter import Indexes, satisfying


@dataclass(frozen=True)
class Given:
    """One reason given for a finding: the reason, the match it holds in, the fact it found."""

    reason: Reason
    env: Env
    fact: Fact | None


def _given(rule: CompiledRule, env: Env, indexes: Indexes) -> list[Given]:
    out: list[Given] = []
    for reason in rule.because:
        when = compiled(reason.when) if reason.when is not None else None
        if reason.find is None:
            if when is None or when(env):
                out.append(Given(reason, env, None))
            continue
        for fact in satisfying(reason.find, env, indexes):
            found = {**env, reason.find.binding: fact}
            if when is None or when(found):
                out.append(Given(reason, found, fact))
    return out


def given(raw: Raw, indexes: Indexes) -> list[Given]:
    """Every reason that holds in a match of `raw`, in the order of the matches and reasons."""
    return [g for rule, env in raw.matches for g in _given(rule, env, indexes)]
