"""From matches to findings: subjects, aggregates, deadlines and states, waivers, evidence.

Both evaluators hand over the same thing — for each rule, the frames that matched — and this
module alone decides what a finding says, so the engine and the oracle can only differ in which
frames they found, never in how findings are written.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from itertools import compress
from typing import Any

from governance.findings.because import Given, given
from governance.findings.models import (
    SEVERITY_ORDER,
    CitationRecord,
    Evidence,
    Explanation,
    Finding,
    Reason,
    Severity,
    State,
    Subject,
    Text,
    WaiverRecord,
)
from governance.findings.words import FIELD_TERMS, RULE_FIELDS, SEAT_ROLE, Wording
from governance.language.facts import FACT_TYPES, Fact, from_day
from governance.language.ir import CompiledPack, CompiledRule, Expr, Message, Ref
from governance.normalise.facts import Facts
from governance.register.records import Register
from governance.run.matches import Raw
from governance.run.oracle.evalexpr import Compiled, Env, compiled
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


def _message(message: Message, env: Env, ctx: Context) -> Text:
    """The message in both languages, each placeholder formatted by its type for its language.

    Per batch, not per finding: each template is split into its literal parts once, and each
    placeholder value is formatted once per check (most repeat: a funder, a date, a rule).
    """
    memo = ctx._memo
    shown = memo.shown
    _, en, ja, plan = _templates(message, memo)
    values: list[tuple[str, str, str]] = []
    braces = False
    for key, value_of, kind, binding, name in plan:
        value = value_of(env)
        source = None
        within = None
        if binding is not None:
            fact = env.get(binding)
            if isinstance(fact, dict) and "t" in fact:
                source = (fact["t"], name)
                if source == SEAT_ROLE:  # a seat's role reads as its organisation names it
                    within = fact.get("entity")
        telling = source if source in _SOURCE_TELLS else None  # else shown alike from anywhere
        cache_key: tuple[object, ...] | None = (kind, telling, type(value), value, within)
        try:
            both = shown.get(cache_key)  # type: ignore[arg-type]
        except TypeError:  # an unhashable value: formatted every time
            cache_key, both = None, None
        if both is None:
            wording = ctx.wording()
            day_value = from_day(value) if kind == "date" else value
            shown_en = wording.show(day_value, kind, "en", source, within)
            shown_ja = wording.show(day_value, kind, "ja", source, within)
            both = (shown_en, shown_ja, any(c in t for c in "{}" for t in (shown_en, shown_ja)))
            if cache_key is not None:
                shown[cache_key] = both
        values.append((key, both[0], both[1]))
        braces = braces or both[2]
    return Text.model_construct(  # two strings: nothing to validate
        _TEXT_SET,
        en=_filled(message.en, None if braces else en, values, 1),
        ja=_filled(message.ja, None if braces else ja, values, 2),
    )


_SOURCE_TELLS = (
    RULE_FIELDS
    | FIELD_TERMS.keys()
    | {(t, "end") for t, fields in FACT_TYPES.items() if "end" in fields}  # open: "present"
)
"""The (fact type, field) sources `Wording.show` reads: a value from any other is shown alike."""


_Parts = tuple[tuple[str, ...], tuple[int, ...]] | None
"""A template split at its placeholders: (literal parts, the value index between each two), or
None when a plain replace must be used (a brace outside a placeholder)."""


def _split(template: str, keys: list[str]) -> _Parts:
    literals: list[str] = []
    order: list[int] = []
    pos = 0
    wanted = {"{" + key + "}": n for n, key in reversed(list(enumerate(keys)))}
    while True:
        found = [(template.find(token, pos), token) for token in wanted]
        hits = [(at, token) for at, token in found if at >= 0]
        if not hits:
            break
        at, token = min(hits)
        literals.append(template[pos:at])
        order.append(wanted[token])
        pos = at + len(token)
    literals.append(template[pos:])
    if any("{" in part or "}" in part for part in literals):
        return None
    return tuple(literals), tuple(order)


_Plan = tuple[tuple[str, Compiled, str, str | None, str], ...]
"""Each placeholder's name, value, type and, when it is a plain field, its binding and field."""


def _templates(message: Message, memo: _Memo) -> tuple[Message, _Parts, _Parts, _Plan]:
    """`message` prepared once per check: its templates split, its values compiled."""
    hit = memo.templates.get(id(message))
    if hit is None or hit[0] is not message:
        keys = [key for key, _, _ in message.values]
        plan = tuple(
            (
                key,
                compiled(expr),
                kind,
                expr.binding if isinstance(expr, Ref) else None,
                expr.name if isinstance(expr, Ref) else "",
            )
            for key, expr, kind in message.values
        )
        hit = memo.templates[id(message)] = (
            message,
            _split(message.en, keys),
            _split(message.ja, keys),
            plan,
        )
    return hit


def _filled(template: str, parts: _Parts, values: list[tuple[str, str, str]], lang: int) -> str:
    """`template` with each placeholder replaced by its value, as replacing them one after the
    other would; `parts` None (a brace in the template, or in a value) does exactly that."""
    if parts is not None:
        literals, order = parts
        out = [literals[0]]
        for n, literal in zip(order, literals[1:], strict=True):
            out.append(values[n][lang])
            out.append(literal)
        return "".join(out)
    text = template
    for value in values:
        text = text.replace("{" + value[0] + "}", value[lang])
    return text


_DATES = {
    (t, f) for t, fields in FACT_TYPES.items() for f, kind in fields.items() if kind == "date"
}


def _iso(value: int) -> str | None:
    """A day number as an ISO date; None for an open end (`NEVER`)."""
    day = from_day(value)
    return day.isoformat() if day else None


_DATED: dict[tuple[str, tuple[str, ...]], tuple[bool, ...]] = {}
"""For a fact type and the fields read of it, which of them are dates."""


def _bound(rule: CompiledRule, memo: _Memo) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each positive pattern's binding with the fields the rule reads of it (once per rule)."""
    hit = memo.bound.get(id(rule))
    if hit is None or hit[0] is not rule:
        fields = dict(rule.fields)
        pairs = tuple((p.binding, fields.get(p.binding, ())) for p in rule.positive)
        hit = memo.bound[id(rule)] = (rule, pairs)
    return hit[1]


# The records written once per finding are made with `model_construct`, from values this module
# computed to their types (mypy checks each keyword through the pydantic plugin), each sharing
# one set of the field names it was given: validating copied every dict and list and kept a set
# per record (the memory of writing 10k findings went from +137 to +78 MB; bench/NOTES.md).
_SEVERITY: dict[str, Severity] = {severity: severity for severity in SEVERITY_ORDER}
_FINDING_SET = set(Finding.model_fields)
_SUBJECT_SET = set(Subject.model_fields)
_EVIDENCE_SET = set(Evidence.model_fields)
_TEXT_SET = set(Text.model_fields)


def _evidence(raw: Raw, ctx: Context, reasons: list[Given]) -> list[Evidence]:
    """The facts of a finding's matches (and of its reasons), each with the fields read."""
    out: dict[str, Evidence] = {}
    for g in reasons:  # a fact a reason found is evidence, with the fields the reason read
        if g.fact is not None and g.fact["k"] not in out:
            out[g.fact["k"]] = _written(g.fact, g.reason.fields, ctx)
    for rule, env in raw.matches:
        for binding, names in _bound(rule, ctx._memo):
            fact = env[binding]
            if fact["k"] in out or fact["t"] == "finding":
                continue  # a finding read from an earlier stratum is a conclusion, not a fact
            out[fact["k"]] = _written(fact, names, ctx)
    return [out[k] for k in sorted(out)]


def _written(fact: Fact, names: tuple[str, ...], ctx: Context) -> Evidence:
    """`fact` as evidence with the fields `names`, written once per check (findings share it)."""
    key, kind = fact["k"], fact["t"]
    written = ctx._memo.evidence
    evidence = written.get((key, names))
    if evidence is None:
        dated = _DATED.get((kind, names))
        if dated is None:
            dated = _DATED[(kind, names)] = tuple((kind, n) in _DATES for n in names)
        evidence = written[(key, names)] = Evidence.model_construct(
            _EVIDENCE_SET,
            id=fact.get("id") or key,
            type=kind,
            fields={
                name: _iso(fact[name]) if date_field else fact[name]
                for name, date_field in zip(names, dated, strict=True)
            },
            source=ctx.source(key),
        )
    return evidence


def _reasons(reasons: list[Given], ctx: Context) -> list[Reason]:
    """The notes of the reasons given, each once, in the order given."""
    out: dict[tuple[str, str, str | None], Reason] = {}
    for g in reasons:
        text = _message(g.reason.say, g.env, ctx)
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
    forms: dict[str, str] | None = None
    """Each organisation's legal form, by id (the words of its seats)."""
    shown: dict[tuple[object, ...], tuple[str, str, bool]] = field(default_factory=dict)
    """A placeholder value (kind, source, type, value, organisation of a seat) as shown in English
    and Japanese, and whether either holds a brace."""
    templates: dict[int, tuple[Message, _Parts, _Parts, _Plan]] = field(default_factory=dict)
    bound: dict[int, tuple[CompiledRule, tuple[tuple[str, tuple[str, ...]], ...]]] = field(
        default_factory=dict
    )
    evidence: dict[tuple[str, tuple[str, ...]], Evidence] = field(default_factory=dict)
    """Each fact as evidence for the fields a rule reads (records are frozen: shared)."""
    explanations: dict[tuple[object, ...], tuple[CompiledRule, Explanation]] = field(
        default_factory=dict
    )
    constant: dict[int, tuple[CompiledRule, Text, CitationRecord]] = field(default_factory=dict)
    """Each rule's title and citation records."""
    indexes: Indexes | None = None
    reasons: dict[int, tuple[Raw, list[Given]]] = field(default_factory=dict)
    """The reasons of each finding whose rule gives some, worked out while its evidence is
    located (by the id of its `Raw`), until the finding is written."""


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

    def locate_evidence(self, raws: Iterable[Raw]) -> None:
        """Locate every fact the findings of `raws` cite, those their reasons find included, in
        one pass over each source file (`source` then only looks them up; a fact located alone
        decodes the file's text again)."""
        sources = self._memo.sources
        origin = self.facts.origin
        wanted: dict[str, tuple[str, int]] = {}

        def want(key: str) -> None:
            if key not in sources and key not in wanted:
                collection, index = origin.get(key, ("", -1))
                if collection:
                    wanted[key] = (collection, index)
                else:
                    sources[key] = None

        for raw in raws:
            for rule, env in raw.matches:
                for binding, _ in _bound(rule, self._memo):
                    want(env[binding]["k"])
            if any(r.because for r, _ in raw.matches):  # the facts its reasons find, too
                reasons = given(raw, self.indexes())
                self._memo.reasons[id(raw)] = (raw, reasons)
                for g in reasons:
                    if g.fact is not None:
                        want(g.fact["k"])
        if not wanted:
            return
        located = self.register.files_lines(list(wanted.values()))
        if located is None:
            sources.update(dict.fromkeys(wanted))
            return
        for key, (file, line) in zip(wanted, located, strict=True):
            sources[key] = f"{file}:{line}"

    def wording(self) -> Wording:
        """How this check's messages name parties (persons with 氏) and rules (by title)."""
        if self._wording is not None:
            return self._wording
        if self._memo.persons is None or self._memo.forms is None:
            parties = self.facts.columns("party")
            ids, kinds, forms = parties["id"], parties["kind"], parties["legal_form"]
            self._memo.persons = frozenset(compress(ids, [kind == "person" for kind in kinds]))
            self._memo.forms = {i: form for i, form in zip(ids, forms, strict=True) if form}
        titles = {r.id: (r.title.en, r.title.ja) for r in self.pack.rules}
        self._wording = Wording(
            names=self.facts.names,
            persons=self._memo.persons,
            forms=self._memo.forms,
            titles=titles,
            currency=self.register.metadata.currency,
        )
        return self._wording

    def reasons(self, raw: Raw) -> list[Given]:
        """The reasons that hold in the matches of `raw` (worked out once)."""
        kept = self._memo.reasons.pop(id(raw), None)
        if kept is not None and kept[0] is raw:
            return kept[1]
        return given(raw, self.indexes()) if any(r.because for r, _ in raw.matches) else []

    def indexes(self) -> Indexes:
        """The facts indexed for the reasons findings give (built on first use)."""
        if self._memo.indexes is None:
            self._memo.indexes = Indexes.of(self.facts.of_type, [])
        return self._memo.indexes

    def waivers_for(self, rule: str, subject: str) -> list[Fact]:
        """The waiver facts naming `rule` and `subject` (indexed on first use)."""
        if self._memo.waivers is None:
            self._memo.waivers = defaultdict(list)
            for fact in self.facts.of_type("waiver"):
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
    state: State = (
        "violation" if deadline is None else "due" if ctx.as_of <= deadline else "overdue"
    )
    severity = _SEVERITY[rule.severity]  # a KeyError, not a bad record, if the IR ever erred
    escalated = [
        (n, level)
        for r, e in raw.matches
        for n, (condition, level) in enumerate(r.escalations)
        if compiled(condition)(e)
    ]
    if escalated:
        severity = _SEVERITY[min(escalated)[1]]
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
    title, citation = _constant(rule, ctx._memo)
    reasons = ctx.reasons(raw)
    return Finding.model_construct(
        _FINDING_SET,
        id=fingerprint(ctx.pack.id, rule.id, subject_type, raw.subject["id"]),
        rule=rule.id,
        rule_version=rule.version,
        pack=ctx.pack.id,
        pack_version=ctx.pack.version,
        severity=severity,
        state=state,
        subject=Subject.model_construct(_SUBJECT_SET, type=subject_type, id=raw.subject["id"]),
        parties=parties,
        title=title,
        message=_message(template, raw.matches[0][1], ctx),
        deadline=deadline,
        evidence=_evidence(raw, ctx, reasons),
        explanation=(
            _explanation(raw, deadline, _reasons(reasons, ctx))
            if reasons
            else _explained(raw, deadline, ctx._memo)
        ),
        citation=citation,
        waiver=waiver_record,
    )


def _constant(rule: CompiledRule, memo: _Memo) -> tuple[Text, CitationRecord]:
    """The title and citation records of `rule`, written once per check."""
    hit = memo.constant.get(id(rule))
    if hit is None or hit[0] is not rule:
        cited = rule.citation
        hit = memo.constant[id(rule)] = (
            rule,
            Text(en=rule.title.en, ja=rule.title.ja),
            CitationRecord(title=cited.title, clause=cited.clause, url=cited.url),
        )
    return hit[1], hit[2]


def _explained(raw: Raw, deadline: date | None, memo: _Memo) -> Explanation:
    """`_explanation`, written once per rule, set of alternatives and deadline."""
    alternatives = tuple(sorted({r.alternative for r, _ in raw.matches}))
    key = (id(raw.rule), alternatives, deadline)
    hit = memo.explanations.get(key)
    if hit is None or hit[0] is not raw.rule:
        hit = memo.explanations[key] = (raw.rule, _explanation(raw, deadline))
    return hit[1]


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
