"""Running a compiled pack over normalised facts with one evaluator, stratum by stratum.

The matches of a stratum's internal rules become `finding` facts the next stratum can match.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Protocol

from governance.errors import EngineError
from governance.language.facts import Fact
from governance.language.ir import CompiledPack, CompiledRule
from governance.normalise.facts import Facts
from governance.run.matches import Raw, finding_facts, raw_findings
from governance.run.oracle import interpreter as oracle

Frame = tuple[str, ...]


class Evaluator(Protocol):
    """Finds the matches of rules over facts; the engine adapter and the oracle both are one."""

    name: str
    progress: Callable[[int, int], None] | None
    """Told (done, total) as partitions finish, when the evaluator works in partitions."""

    def run(
        self, rules: Sequence[CompiledRule], facts: Facts, derived: Sequence[Fact] = ()
    ) -> dict[str, list[Frame]]:
        """For each rule key, every frame that matched over `facts` and the ``finding`` facts
        `derived` from earlier strata, as of ``facts.as_of`` (any order; duplicates allowed)."""
        ...

    def reset(self) -> None:
        """Forget what was kept between the strata of one check."""
        ...


class OracleEvaluator:
    """The pure-Python reference evaluator (`governance.run.oracle.interpreter`)."""

    name = "oracle"
    progress: Callable[[int, int], None] | None = None

    def run(
        self, rules: Sequence[CompiledRule], facts: Facts, derived: Sequence[Fact] = ()
    ) -> dict[str, list[Frame]]:
        """Match every rule over all facts at once, with hash indexes (of the types matched)."""
        indexes = oracle.Indexes.of(facts.of_type, list(derived))
        context: dict[str, object] = {"as_of": facts.as_of}
        return {rule.key: oracle.matches(rule, indexes, context) for rule in rules}

    def reset(self) -> None:
        """Nothing is kept between strata."""


def match_pack(pack: CompiledPack, facts: Facts, evaluator: Evaluator) -> list[Raw]:
    """Every rule's matches of `pack`, grouped by subject; later strata see earlier findings.

    Only the facts some frame names are looked up as dicts (`Facts.lookup`).
    """
    context: dict[str, object] = {"as_of": facts.as_of}
    derived: list[Fact] = []
    by_key: dict[str, Fact] = {}  # the findings derived so far
    raws: list[Raw] = []
    for stratum in pack.strata:
        try:
            frames = evaluator.run(stratum, facts, derived)
        except EngineError as error:  # the evaluator names the rules; the pack is known here
            raise error.in_pack(pack.id) from None
        found = raw_findings(
            stratum, frames, by_key | facts.lookup(_named(stratum, frames)), context
        )
        new_facts = finding_facts(found)
        by_key.update((f["k"], f) for f in new_facts)
        derived.extend(new_facts)
        raws.extend(found)
    return raws


def _named(rules: Sequence[CompiledRule], frames: dict[str, list[Frame]]) -> dict[str, set[str]]:
    """The keys of the register's facts that `frames` bind, by fact type."""
    named: dict[str, set[str]] = defaultdict(set)
    for rule in rules:
        found = frames.get(rule.key)
        if found:
            for pattern, keys in zip(rule.positive, zip(*found, strict=True), strict=True):
                if pattern.fact_type != "finding":
                    named[pattern.fact_type].update(keys)
    return named


def invalid_waivers(raws: Sequence[Raw]) -> set[str]:
    """The waivers some finding is about: an invalid waiver waives nothing, under any pack.

    An internal rule's conclusion about a waiver (``waiver.payer-approved``) is no finding.
    """
    return {
        raw.subject["id"] for raw in raws if raw.subject["t"] == "waiver" and not raw.rule.internal
    }
