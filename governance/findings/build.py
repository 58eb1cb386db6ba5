"""From matches to findings: subjects, aggregates, deadlines and states, waivers, evidence.

Both evaluators hand over the same thing — for each rule, the frames that matched — and this
module alone decides what a finding says, so the engine and the oracle can only differ in which
frames they found, never in how findings are written.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from governance.findings.because import Given, given
from governance.findings.models import (
    SEVERITY_ORDER,
    CitationRecord,
    Evidence,
    Explanation,
    Finding,
    Reason,
    Subject,
    Text,
    WaiverRecord,
)
from governance.findings.words import Wording
from governance.language.facts import FACT_TYPES, Fact, from_day
from governance.language.ir import CompiledPack, CompiledRule, Expr, Message, Ref
from governance.normalise.facts import Facts
from governance.register.records import Register
from governance.run.matches import Raw
from governance.run.oracle.evalexpr import Env, compiled
from governance.run.oracle.interpreter import Indexes


def fingerprint(pack: str, rule: str, subject_type: str, subject_id: str) -> str:
    """A stable id for the finding of `rule` on a subject under `pack`."""
    text = "\x00".join((pack, rule, subject_type, subject_id))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def _source(expr: Expr, env: Env) -> tuple[str, str] | None:
    """The (fact type, field) a placeholder reads, when it is a plain field of a bound fact."""
    if isinstance(expr, Ref):
        fact = env.get(expr.binding)
        if isinstance(fact, dict) and "t" in fact:
            return (fact["t"], expr.name)
    return None


def _message(message: Message, env: Env, wording: Wording) -> Text:
    """The message in both languages, each placeholder formatted by its type for its language."""
    values = []
    for key, expr, kind in message.values:
        value = compiled(expr)(env)
        if kind == "date":
            value = from_day(value)
        values.append((key, value, kind, _source(expr, env)))
    texts = []
    for lang, template in (("en", message.en), ("ja", message.ja)):
        text = template
        for key, value, kind, source in values:
            text = text.replace("{" + key + "}", wording.show(value, kind, lang, source))
        texts.append(text)
    return Text(en=texts[0], ja=texts[1])


_DATES = {
    (t, f) for t, fields in FACT_TYPES.items() for f, kind in fields.items() if kind == "date"
}


def _field_value(fact_type: str, name: str, value: Any) -> str | int | float | bool | None:
    if (fact_type, name) in _DATES:
        day = from_day(value)
        return day.isoformat() if day else None
    return value  # type: ignore[no-any-return]


def _evidence(raw: Raw, ctx: Context, reasons: list[Given]) -> list[Evidence]:
    out: dict[str, Evidence] = {}
    for g in reasons:  # a fact a reason found is evidence, with the fields the reason read
        if g.fact is not None and g.fact["k"] not in out:
            out[g.fact["k"]] = Evidence(
                id=g.fact.get("id") or g.fact["k"],
                type=g.fact["t"],
                fields={n: _field_value(g.fact["t"], n, g.fact[n]) for n in g.reason.fields},
                source=ctx.source(g.fact["k"]),
            )
    for rule, env in raw.matches:
        fields = dict(rule.fields)
        for pattern in rule.patterns:
            if pattern.negated:
                continue
            fact = env[pattern.binding]
            if fact["k"] in out or fact["t"] == "finding":
                continue  # a finding read from an earlier stratum is a conclusion, not a fact
            out[fact["k"]] = Evidence(
                id=fact.get("id") or fact["k"],
                type=fact["t"],
                fields={
                    name: _field_value(fact["t"], name, fact[name])
                    for name in fields.get(pattern.binding, ())
                },
                source=ctx.source(fact["k"]),
            )
    return [out[k] for k in sorted(out)]


def _reasons(reasons: list[Given], wording: Wording) -> list[Reason]:
    """The notes of the reasons given, each once, in the order given."""
    out: dict[tuple[str, str, str | None], Reason] = {}
    for g in reasons:
        text = _message(g.reason.say, g.env, wording)
        fact = (g.fact.get("id") or g.fact["k"]) if g.fact is not None else None
        out.setdefault((text.en, text.ja, fact), Reason(en=text.en, ja=text.ja, fact=fact))
    return list(out.values())


def _explanation(
    raw: Raw, deadline: date | None, because: list[Reason] | None = None
) -> Explanation:
    rule = raw.rule
    conditions: list[str] = []
    for alternative in sorted({r.alternative: r for r, _ in raw.matches}.items()):
        for p in alternative[1].patterns:
            head = f"absent {p.binding}" if p.negated else p.binding
            tail = f" where {p.text}" if p.text else ""
            line = f"{head}: {p.fact_type}{tail}"
            if line not in conditions:
                conditions.append(line)
        aggregate = alternative[1].aggregate
        if aggregate is not None and f"aggregate: {aggregate.text}" not in conditions:
            conditions.append(f"aggregate: {aggregate.text}")
    params: dict[str, Any] = {k: list(v) if isinstance(v, tuple) else v for k, v in rule.params}
    note = rule.note
    return Explanation(
        conditions=conditions,
        params=params,
        deadline=deadline.isoformat() if deadline else None,
        note=Text(en=note.en, ja=note.ja) if note is not None else None,
        because=because or [],
    )


@dataclass
class _Memo:
    """What a check works out once for all its packs (`dataclasses.replace` shares it)."""

    waivers: dict[tuple[str, str], list[Fact]] | None = None
    sources: dict[str, str | None] = field(default_factory=dict)
    persons: frozenset[str] | None = None
    indexes: Indexes | None = None


@dataclass
class Context:
    """What assembling findings needs besides the matches."""

    pack: CompiledPack
    facts: Facts
    register: Register
    as_of: date
    invalid_waivers: set[str]
    _memo: _Memo = field(default_factory=_Memo)
    _wording: Wording | None = field(default=None, init=False)

    def source(self, key: str) -> str | None:
        """Where the fact `key` is written, as ``file:line``; None when the register does not say.

        A fact is evidence for many findings: each is located once.
        """
        sources = self._memo.sources
        if key not in sources:
            collection, index = self.facts.origin.get(key, ("", -1))
            located = self.register.locate(collection, index) if collection else None
            sources[key] = f"{located.file}:{located.line}" if located else None
        return sources[key]

    def wording(self) -> Wording:
        """How this check's messages name parties (persons with 氏) and rules (by title)."""
        if self._wording is not None:
            return self._wording
        if self._memo.persons is None:
            self._memo.persons = frozenset(
                f["id"] for f in self.facts.items if f["t"] == "party" and f["kind"] == "person"
            )
        titles = {r.id: (r.title.en, r.title.ja) for r in self.pack.rules}
        self._wording = Wording(
            names=self.facts.names,
            persons=self._memo.persons,
            titles=titles,
            currency=self.register.metadata.currency,
        )
        return self._wording

    def indexes(self) -> Indexes:
        """The facts indexed for the reasons findings give (built on first use)."""
        if self._memo.indexes is None:
            self._memo.indexes = Indexes(self.facts.items)
        return self._memo.indexes

    def waivers_for(self, rule: str, subject: str) -> list[Fact]:
        """The waiver facts naming `rule` and `subject` (indexed on first use)."""
        if self._memo.waivers is None:
            self._memo.waivers = defaultdict(list)
            for fact in self.facts.items:
                if fact["t"] == "waiver":
                    self._memo.waivers[(fact["rule"], fact["subject"])].append(fact)
        return self._memo.waivers.get((rule, subject), [])


def _waiver(ctx: Context, rule: CompiledRule, subject_id: str) -> Fact | None:
    if not rule.waivable:
        return None
    today = ctx.facts.as_of
    valid = [
        w
        for w in ctx.waivers_for(rule.id, subject_id)
        if w["approved_on"] <= today <= w["expires_on"] and w["id"] not in ctx.invalid_waivers
    ]
    return max(valid, key=lambda w: (w["expires_on"], w["id"])) if valid else None


def assemble(ctx: Context, raw: Raw) -> Finding:
    """Write the finding for one rule and subject."""
    rule = raw.rule
    deadlines = [compiled(r.deadline)(e) for r, e in raw.matches if r.deadline is not None]
    deadline_number = min(deadlines) if deadlines else None
    deadline = from_day(deadline_number) if deadline_number is not None else None
    state = "violation" if deadline is None else "due" if ctx.as_of <= deadline else "overdue"
    severity = rule.severity
    escalated = [
        (n, level)
        for r, e in raw.matches
        for n, (condition, level) in enumerate(r.escalations)
        if compiled(condition)(e)
    ]
    if escalated:
        severity = min(escalated)[1]
    template = _template(raw.matches[0][0], state)
    waiver = _waiver(ctx, rule, raw.subject["id"])
    waiver_record = None
    if waiver is not None:
        state = "waived"
        waiver_record = WaiverRecord(
            id=waiver["id"],
            approved_by=waiver["approved_by"],
            approved_on=from_day(waiver["approved_on"]) or ctx.as_of,
            expires_on=from_day(waiver["expires_on"]) or ctx.as_of,
            reason=waiver["reason"],
        )
    parties = sorted({v for r, e in raw.matches for p in r.parties if (v := compiled(p)(e))})
    subject_type = raw.subject["t"]
    reasons = given(raw, ctx.indexes()) if any(r.because for r, _ in raw.matches) else []
    return Finding(
        id=fingerprint(ctx.pack.id, rule.id, subject_type, raw.subject["id"]),
        rule=rule.id,
        rule_version=rule.version,
        pack=ctx.pack.id,
        pack_version=ctx.pack.version,
        severity=severity,
        state=state,
        subject=Subject(type=subject_type, id=raw.subject["id"]),
        parties=parties,
        title=Text(en=rule.title.en, ja=rule.title.ja),
        message=_message(template, raw.matches[0][1], ctx.wording()),
        deadline=deadline,
        evidence=_evidence(raw, ctx, reasons),
        explanation=_explanation(raw, deadline, _reasons(reasons, ctx.wording())),
        citation=CitationRecord(
            title=rule.citation.title, clause=rule.citation.clause, url=rule.citation.url
        ),
        waiver=waiver_record,
    )


def _template(rule: CompiledRule, state: str) -> Message:
    """The message of `rule` for a finding in `state` (as it stands before any waiver)."""
    return rule.message_due if state == "due" and rule.message_due is not None else rule.message


def sort_key(finding: Finding) -> tuple[Any, ...]:
    """Findings in a stable order: most severe first, then pack, rule and subject."""
    return (
        SEVERITY_ORDER.index(finding.severity),
        finding.pack,
        finding.rule,
        finding.subject.type,
        finding.subject.id,
    )
