"""Rule coverage: does some scenario make each adopted rule fire, and some keep it quiet?

A rule *fires* in a scenario whose findings include it (in any state, waived included). It is
*quiet* in a scenario tagged ``@rule:<id>`` whose findings do not include it. Only passing
scenarios that ran a check count. Coverage is the share of the two checks per rule that some
scenario meets: 100% means every rule has both a firing and a quiet scenario.
"""

from __future__ import annotations

from dataclasses import dataclass

from governance.scenarios.runner import RunResult


@dataclass(frozen=True)
class RuleCoverage:
    """One rule: the first scenario making it fire and the first keeping it quiet (file:line)."""

    rule: str
    fires: str | None
    quiet: str | None

    @property
    def covered(self) -> bool:
        """Whether the rule has both."""
        return self.fires is not None and self.quiet is not None


@dataclass(frozen=True)
class Coverage:
    """The coverage of every adopted rule."""

    rules: tuple[RuleCoverage, ...]

    @property
    def met(self) -> int:
        """How many of the two checks per rule some scenario meets."""
        return sum((r.fires is not None) + (r.quiet is not None) for r in self.rules)

    @property
    def percent(self) -> float:
        """The share of checks met, in percent (100 when no rule is adopted)."""
        return 100.0 * self.met / (2 * len(self.rules)) if self.rules else 100.0


def rule_coverage(result: RunResult) -> Coverage:
    """The coverage of the rules `result`'s packs adopt by its passing scenarios."""
    counted = [s for s in result.scenarios if s.passed and s.checked]
    rows = []
    for rule in result.rules:
        fires = next((s.where for s in counted if rule in s.fired), None)
        quiet = next((s.where for s in counted if rule in s.rules and rule not in s.fired), None)
        rows.append(RuleCoverage(rule, fires, quiet))
    return Coverage(tuple(rows))
