"""Matches grouped by rule and subject, and the `finding` facts later strata match.

Both evaluators hand over the same thing — for each rule, the frames that matched — and this
module groups them (alternatives merged, aggregates summed) into one `Raw` per rule and subject.
`governance.findings` writes each `Raw` as a finding; internal rules' matches feed later strata.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from governance.language.expr import CONTEXT
from governance.language.facts import Fact
from governance.language.ir import CompiledRule
from governance.run.oracle.evalexpr import Env, compiled

Frame = tuple[str, ...]


@dataclass
class Raw:
    """All matches of one rule (any of its alternatives) that reached one subject."""

    rule: CompiledRule
    subject: Fact
    matches: list[tuple[CompiledRule, Env]] = field(default_factory=list)


def _env(
    bindings: tuple[str, ...], frame: Frame, by_key: dict[str, Fact], context: dict[str, Any]
) -> Env:
    env: Env = {CONTEXT: context}
    for binding, key in zip(bindings, frame, strict=True):
        env[binding] = by_key[key]
    return env


def _aggregated(rule: CompiledRule, envs: list[Env]) -> list[Env]:
    """The matches of the groups whose sum passes the rule's `having` test."""
    assert rule.aggregate is not None
    total, having = compiled(rule.aggregate.total), compiled(rule.aggregate.having)
    groups: dict[str, list[Env]] = defaultdict(list)
    for env in envs:
        groups[env[rule.aggregate.group]["k"]].append(env)
    kept: list[Env] = []
    per = rule.aggregate.per
    for members in groups.values():
        counted = {(e[per]["k"] if per else i): e for i, e in enumerate(members)}
        summed = sum(total(e) for e in counted.values())
        if having({**members[0], "": {"total": summed}}):
            kept.extend({**e, "": {"total": summed}} for e in members)
    return kept


def raw_findings(
    rules: Iterable[CompiledRule],
    frames: dict[str, list[Frame]],
    by_key: dict[str, Fact],
    context: dict[str, Any],
) -> list[Raw]:
    """Group the frames of `rules` (alternatives merged) by rule and subject."""
    out: dict[tuple[str, str], Raw] = {}
    for rule in rules:
        matched = frames.get(rule.key)
        if not matched:  # most rules, in a re-check of one supporter
            continue
        found = sorted(set(matched))
        bindings = tuple(p.binding for p in rule.positive)
        envs = [_env(bindings, frame, by_key, context) for frame in found]
        if rule.aggregate is not None:
            envs = _aggregated(rule, envs)
        for env in envs:
            subject = env[rule.subject]
            raw = out.get((rule.id, subject["id"]))
            if raw is None:
                raw = out[rule.id, subject["id"]] = Raw(rule, subject)
            raw.matches.append((rule, env))
    return [out[k] for k in sorted(out)]


def finding_facts(raws: Iterable[Raw]) -> list[Fact]:
    """The `finding` facts later strata may match."""
    return [
        {
            "t": "finding",
            "k": f"finding/{r.rule.id}/{r.subject['id']}",
            "rule": r.rule.id,
            "subject": r.subject["id"],
        }
        for r in raws
    ]
