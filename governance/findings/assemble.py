"""Every finding of a check: each pack's matches written as findings, waivers judged once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from governance.findings.build import Context, assemble
from governance.findings.models import Finding
from governance.language.ir import CompiledPack
from governance.normalise.facts import Facts
from governance.register.records import Register
from governance.run.evaluate import Evaluator, invalid_waivers, match_pack


def run_packs(
    packs: Sequence[CompiledPack],
    facts: Facts,
    register: Register,
    as_of: date,
    evaluator: Evaluator,
) -> list[Finding]:
    """Every finding of every pack, waivers judged once for all of them."""
    matched = [(pack, match_pack(pack, facts, evaluator)) for pack in packs]
    invalid = invalid_waivers([raw for _, raws in matched for raw in raws])
    findings: list[Finding] = []
    shared = Context(packs[0], facts, register, as_of, invalid) if packs else None
    for pack, raws in matched:
        ctx = (
            replace(shared, pack=pack) if shared else Context(pack, facts, register, as_of, invalid)
        )
        findings.extend(assemble(ctx, raw) for raw in raws if not raw.rule.internal)
    return findings
