"""Every finding of a check: each pack's matches written as findings, waivers judged once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from governance.findings.build import Context, assemble
from governance.findings.models import SEVERITY_ORDER, Finding
from governance.language.ir import CompiledPack
from governance.normalise.facts import Facts
from governance.register.records import Register
from governance.run.evaluate import Evaluator, invalid_waivers, match_pack
from governance.run.matches import Raw

SEVERITY_RANK = {severity: rank for rank, severity in enumerate(SEVERITY_ORDER)}


def run_packs(
    packs: Sequence[CompiledPack],
    facts: Facts,
    register: Register,
    as_of: date,
    evaluator: Evaluator,
) -> list[Finding]:
    """Every finding of every pack, waivers judged once for all of them, in `sort_key` order.

    Assembled in bulk: the evidence of all of them located at once, sort keys made as they are.
    """
    matched = [(pack, match_pack(pack, facts, evaluator)) for pack in packs]
    evaluator.reset()  # what it kept between strata is not needed to write the findings
    invalid = invalid_waivers([raw for _, raws in matched for raw in raws])
    findings: list[Finding] = []
    shared = Context(packs[0], facts, register, as_of, invalid) if packs else None
    if shared is not None:
        shared.locate_evidence(raw for _, raws in matched for raw in raws if not raw.rule.internal)
    keys: list[tuple[Any, ...]] = []
    for pack, raws in matched:
        ctx = (
            replace(shared, pack=pack) if shared else Context(pack, facts, register, as_of, invalid)
        )
        for raw in raws:
            if not raw.rule.internal:
                finding = assemble(ctx, raw)
                findings.append(finding)
                keys.append(_sort_key(finding, pack, raw))
    return [findings[n] for n in sorted(range(len(findings)), key=keys.__getitem__)]


def _sort_key(finding: Finding, pack: CompiledPack, raw: Raw) -> tuple[Any, ...]:
    """`sort_key(finding)`, from what assembling it had at hand (no attribute reads)."""
    subject = raw.subject
    return (SEVERITY_RANK[finding.severity], pack.id, raw.rule.id, subject["t"], subject["id"])
