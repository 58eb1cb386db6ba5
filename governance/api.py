"""The library's front door for platforms: evaluate a register against packs, get a `Report`."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import Literal

from governance import __version__
from governance.engine.facts import normalise
from governance.engine.ir import CompiledPack
from governance.engine.run import Evaluator, OracleEvaluator, run_packs
from governance.findings.build import sort_key
from governance.findings.models import (
    SEVERITY_ORDER,
    STATES,
    Counts,
    PackRef,
    RegisterRef,
    Report,
    Tool,
)
from governance.register.models import Register

EngineName = Literal["durable", "oracle"]


def register_digest(register: Register) -> str:
    """A digest of the register's facts (not of its file layout or comments)."""
    text = register.model_dump_json(by_alias=True)
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def evaluator_for(engine: EngineName) -> Evaluator:
    """The evaluator called `engine`."""
    if engine == "oracle":
        return OracleEvaluator()
    from governance.engine.durable_adapter import DurableEvaluator

    return DurableEvaluator()


def evaluate(
    register: Register,
    packs: Sequence[CompiledPack],
    *,
    as_of: date,
    engine: EngineName = "durable",
) -> Report:
    """Check `register` against `packs` as things stand on `as_of`.

    Facts dated after `as_of` do not exist for the check; deadlines are due or overdue relative
    to it. The same inputs give a byte-identical `Report.to_json()`.
    """
    facts = normalise(register, as_of)
    evaluator = evaluator_for(engine)
    findings = sorted(run_packs(packs, facts, register, as_of, evaluator), key=sort_key)
    severities = Counter(f.severity for f in findings)
    states = Counter(f.state for f in findings)
    return Report(
        as_of=as_of,
        tool=Tool(name="governance", version=__version__, engine=engine),
        packs=[PackRef(id=p.id, version=p.version, digest=p.digest) for p in packs],
        register_=RegisterRef(
            name=register.metadata.name or "register", digest=register_digest(register)
        ),
        counts=Counts(
            total=len(findings),
            by_severity={s: severities.get(s, 0) for s in SEVERITY_ORDER},
            by_state={s: states.get(s, 0) for s in STATES},
        ),
        findings=findings,
    )
