"""The session budget: a stratum's rules grouped into durable rulesets the C core runs safely."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from governance.compile.durable_json import assertion_order, durable_template, fill
from governance.language.ir import CompiledRule

SENTINEL_RULE = "$sentinel"

RULESET_BUDGET = 32
"""The most durable rules put in one ruleset. A ruleset of 56 durable rules (from 7 of our rules,
before flat `$or`s were kept) was measured to crash the C core; 32 ran 20 fresh processes and a
2,000-register differential without a crash. A crash would cost a retry, then an EngineError."""


@dataclass(frozen=True)
class Job:
    """Everything a worker needs to evaluate partitions: plain, picklable data."""

    ruleset: str
    order: tuple[str, ...]
    positive: tuple[tuple[str, tuple[str, ...]], ...]
    name: str = ""
    """The ruleset's name in the engine: a digest of its JSON."""


def _rules(rule: CompiledRule, as_of: int) -> dict[str, Any]:
    """The durable rules of one compiled rule as of a day, from the template compiled once."""
    parsed: dict[str, Any] = json.loads(fill(rule.durable or durable_template(rule), as_of))
    return parsed


def jobs_for(rules: Sequence[CompiledRule], as_of: int) -> list[Job]:
    """The worker jobs for a stratum: rules grouped into rulesets of at most `RULESET_BUDGET`."""
    groups: list[list[tuple[CompiledRule, dict[str, Any]]]] = [[]]
    size = 0
    for rule in rules:
        body = _rules(rule, as_of)
        if groups[-1] and size + len(body) > RULESET_BUDGET:
            groups.append([])
            size = 0
        groups[-1].append((rule, body))
        size += len(body)
    return [_job(group) for group in groups if group]


def job_for(rules: Sequence[CompiledRule], as_of: int) -> Job:
    """The worker job for a group of rules as of a day."""
    return _job([(rule, _rules(rule, as_of)) for rule in rules])


def _job(group: Sequence[tuple[CompiledRule, dict[str, Any]]]) -> Job:
    body: dict[str, Any] = {}
    for _, rules in group:
        body.update(rules)
    body[SENTINEL_RULE] = {"all": [{"m": {"t": SENTINEL_RULE}}]}
    text = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    compiled = [rule for rule, _ in group]
    order = assertion_order(compiled)
    positive = tuple((r.key, tuple(p.binding for p in r.positive)) for r in compiled)
    name = "governance-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]
    return Job(text, tuple(order), positive, name)
