"""Compile: rules and a pack become a `CompiledPack` (pure and deterministic), or every problem.

For each adopted rule the compiler binds the pack's parameter values (checking each against the
declared kind), parses every expression in the rule (`governance.language.expr`), checks that each
pattern only refers to facts matched before it, orders the rules in strata (a rule matching
``finding`` facts runs after the rules it reads), and checks the limits durable-rules imposes, so an
author never meets a bare engine error code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from governance.compile._because import Author, bound_anywhere, compile_reasons, unplaced
from governance.compile._strata import digest_of, reads, strata
from governance.compile.durable_json import Untranslatable, durable_template
from governance.compile.sql import rule_sql
from governance.documents import DataPath, Document, format_path
from governance.errors import PolicyError, Problem, did_you_mean
from governance.language._params import (
    EXPECTED,
    PLACEHOLDER,
    expression_kind,
    fit,
    item_problems,
)
from governance.language.expr import CONTEXT, UNKNOWN, ExprError, ParamType, Scope, describe, parse
from governance.language.facts import FACT_TYPES
from governance.language.fold import FALSE, TRUE, fold
from governance.language.ir import (
    Aggregate,
    Citation,
    CompiledPack,
    CompiledRule,
    Const,
    Expr,
    Message,
    Pattern,
    Ref,
    Scalar,
    refs,
)
from governance.language.models import Adoption, Cite, PackDoc, RuleDoc
from governance.language.reading import Loaded
from governance.register.types import show

MAX_PATTERNS = 16
"""durable-rules evaluates at most this many patterns in one rule."""

_MATCH_VALUE = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:\bwhere\b\s*(.*))?$", re.S)
_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")
IMPLICIT_PARAMS = ("attribution_relations", "non_waivable_rules", "relative_relations")


@dataclass
class _Unit:
    """What the compiler needs while it works on one adopted rule."""

    rule: Loaded[RuleDoc]
    adoption: Adoption
    pack: Loaded[PackDoc]
    index: int
    problems: list[Problem] = field(default_factory=list)
    failed: set[str] = field(default_factory=set)
    """Names whose pattern already failed: nothing derived from them is reported again."""

    def at(
        self, doc: Document, path: DataPath, message: str, column: int = 0, key: bool = False
    ) -> None:
        where = doc.locate_inside(path, column) if column else doc.locate(path, key=key)
        shown = format_path(path)
        self.problems.append(Problem.at(where, shown, message))

    def in_rule(self, path: DataPath, message: str, column: int = 0) -> None:
        self.at(self.rule.doc, path, message, column)

    def in_pack(self, path: DataPath, message: str, key: bool = False) -> None:
        self.at(self.pack.doc, ("adopts", self.index, *path), message, key=key)


def _bind_params(unit: _Unit) -> dict[str, tuple[ParamType, Scalar | tuple[Scalar, ...]]]:
    declared = unit.rule.model.params
    given = unit.adoption.params
    bound: dict[str, tuple[ParamType, Scalar | tuple[Scalar, ...]]] = {}
    for name, value in given.items():
        if name not in declared:
            hint = did_you_mean(name, list(declared))
            unit.in_pack(
                ("params", name),
                f"unknown parameter '{name}' of rule '{unit.rule.model.id}'{hint}",
                key=True,
            )
            continue
        kind = declared[name]
        fitted = fit(kind, value)
        if fitted is None:
            items = item_problems(kind, value)
            for i, message in items:
                unit.in_pack(("params", name, i), message)
            if not items:
                unit.in_pack(("params", name), f"expected {EXPECTED[kind]}, got {show(value)}")
            fitted = PLACEHOLDER[kind]  # keeps the rule's own checks quiet
        bound[name] = (expression_kind(kind), fitted)
    for name in declared:
        if name not in given:
            bound[name] = (expression_kind(declared[name]), PLACEHOLDER[declared[name]])
            unit.in_pack(
                ("params",) if given else (),
                f"parameter '{name}' of rule "
                f"'{unit.rule.model.id}' is not bound (add params: {{{name}: ...}})",
            )
    return bound


def _parse(
    unit: _Unit, scope: Scope, text: str, path: DataPath, offset: int = 0
) -> tuple[Expr, str] | None:
    try:
        return parse(text, scope)
    except ExprError as exc:
        unit.in_rule(path, exc.message, offset + exc.column)
        return None


def _compile_patterns(
    unit: _Unit, scope: Scope, where: DataPath, match: dict[str, str]
) -> list[Pattern]:
    entries: list[tuple[str, str, str, bool, str]] = []
    for key, value in match.items():
        words = key.split()
        negated = len(words) == 2 and words[0] == "absent"
        if len(words) != (2 if negated else 1) or not words[-1].isidentifier():
            unit.in_rule((*where, key), f"expected a name or 'absent NAME', got {show(key)}")
            continue
        found = _MATCH_VALUE.match(value)
        if not found:
            unit.in_rule((*where, key), f"expected 'FACT_TYPE where CONDITION', got '{value}'")
            continue
        fact_type, condition = found.group(1), found.group(2)
        if fact_type not in FACT_TYPES:
            hint = did_you_mean(fact_type, list(FACT_TYPES))
            unit.in_rule((*where, key), f"unknown fact type '{fact_type}'{hint}")
            fact_type = UNKNOWN  # still bound, so what refers to it raises nothing more
        entries.append((words[-1], fact_type, condition or "", negated, key))
    positive = {name: fact_type for name, fact_type, _, negated, _ in entries if not negated}
    scope.bindings = dict(positive)
    _compile_lets(unit, scope)
    patterns: list[Pattern] = []
    seen: list[str] = []
    unit.failed = set()
    for name, fact_type, condition, negated, key in entries:
        scope.bindings = {**positive, name: fact_type}  # later names too: "matched later" below
        scope.current = name
        expr: Expr | None = None
        if condition.strip():
            offset = len(match[key]) - len(condition)
            parsed = _parse(unit, scope, condition, (*where, key), offset)
            if parsed is None:
                unit.failed.add(name)
                continue
            expr, kind = parsed
            if kind not in ("bool", UNKNOWN):
                unit.in_rule((*where, key), f"expected a condition, got {describe(kind)}")
                unit.failed.add(name)
                continue
            failed = {*unit.failed, name, CONTEXT}
            late = sorted({r.binding for r in refs(expr)} - {*seen, *failed})
            if late:
                mention = condition.find(f"{late[0]}.")
                unit.in_rule(
                    (*where, key),
                    column=offset + max(mention, 0),
                    message=f"refers to '{late[0]}', which is matched later; "
                    "move it below or reorder the patterns",
                )
                unit.failed.add(name)
                continue
            expr = _folded(unit, (*where, key), expr, negated)
            if expr == FALSE and negated:
                continue  # requires the absence of nothing: always holds
        patterns.append(Pattern(name, fact_type, expr, negated, condition.strip()))
        if not negated:
            seen.append(name)
    scope.bindings, scope.current = dict(positive), None
    return patterns


def _folded(unit: _Unit, path: DataPath, expr: Expr, negated: bool) -> Expr | None:
    """`expr` with its tests on parameters alone decided (None when nothing is left to test).

    A positive pattern that can never match is reported; it stays bound, so nothing cascades.
    """
    expr = fold(expr)
    if expr == FALSE and not negated:
        unit.in_rule(path, "this condition is always false with the pack's values")
    return None if expr == TRUE else expr


def _compile_lets(unit: _Unit, scope: Scope) -> None:
    scope.current = None
    for name, text in unit.rule.model.let.items():
        parsed = _parse(unit, scope, text, ("let", name))
        # a broken let is reported once: what uses it is typed unknown, not reported again
        scope.lets[name] = parsed if parsed is not None else (Const(0), UNKNOWN)


def _compile_message(unit: _Unit, scope: Scope, path: DataPath, en: str, ja: str) -> Message:
    values: dict[str, tuple[Expr, str]] = {}
    for lang, text in (("en", en), ("ja", ja)):
        for placeholder in _PLACEHOLDER.findall(text):
            if placeholder in values:
                continue
            at = text.index("{" + placeholder + "}") + 1  # not a like text earlier on
            parsed = _parse(unit, scope, placeholder, (*path, lang), at)
            if parsed is not None:
                values[placeholder] = parsed
    return Message(en, ja, tuple((k, e, t) for k, (e, t) in values.items()))


_PHRASE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def _phrased(text: str, lang: int, scope: Scope) -> str:
    """`text` with each ``{name}`` of a phrase parameter written in language `lang` (0 en, 1 ja)."""

    def fill(found: re.Match[str]) -> str:
        name = found.group(1)
        kind, value = scope.params.get(name, ("", None))
        if kind != "phrase" or not isinstance(value, tuple):
            return found.group(0)
        scope.used_params.add(name)
        return str(value[lang])

    return _PHRASE.sub(fill, text)


def _bilingual(en: str, ja: str, scope: Scope) -> tuple[str, str]:
    """A text in both languages with the phrase parameters written in."""
    return _phrased(en, 0, scope), _phrased(ja, 1, scope)


def _compile_message_due(unit: _Unit, scope: Scope) -> Message | None:
    """The rule's message while a finding is due, when it has one (it needs a deadline)."""
    rule = unit.rule.model
    if rule.message_due is None:
        return None
    if rule.deadline is None:
        unit.in_rule(("message_due",), "a message while due needs a deadline")
    due_en, due_ja = _bilingual(rule.message_due.en, rule.message_due.ja, scope)
    return _compile_message(unit, scope, ("message_due",), due_en, due_ja)


def _alternatives(rule: RuleDoc) -> list[tuple[DataPath, dict[str, str]]]:
    if rule.match_any:
        return [(("match_any", i), m) for i, m in enumerate(rule.match_any)]
    return [(("match",), rule.match or {})]


def _compile_rule(unit: _Unit, implicit: dict[str, tuple[ParamType, Any]]) -> list[CompiledRule]:
    """One compiled rule per alternative of `unit`'s rule (a plain rule has one)."""
    params = _bind_params(unit)
    used: set[str] = set()
    compiled: list[CompiledRule] = []
    placed: set[int] = set()
    for number, (where, match) in enumerate(_alternatives(unit.rule.model)):
        scope = Scope(params={**params, **implicit})
        alternative = _compile_alternative(unit, scope, where, match, number)
        used |= scope.used_params
        if alternative is not None:
            compiled.append(alternative)
            placed |= {reason.index for reason in alternative.because}
    # a reason is checked in every alternative: each of its problems is reported once
    unit.problems = list(dict.fromkeys(unit.problems))
    if not unit.problems:
        for path, message in unplaced(unit.rule.model, placed):
            unit.in_rule(path, message)
    rule_file = unit.rule.doc.file
    parsed_cleanly = not any(p.file == rule_file for p in unit.problems)
    for name in unit.rule.model.params if parsed_cleanly else ():
        if name not in used:
            unit.in_rule(("params", name), f"parameter '{name}' is never used")
    if unit.problems:
        return []
    # a phrase is written into the texts; the explanation lists the values conditions use
    bound = tuple(sorted((k, v) for k, (kind, v) in params.items() if kind != "phrase"))
    return [_with_fields(replace(rule, params=bound)) for rule in compiled]


def _spelled_out(text: str | None, lets: dict[str, str]) -> str:
    """`text` with whole-word `let` names replaced by what they stand for."""
    if not text:
        return ""
    return re.sub(r"\b[A-Za-z_]\w*\b", lambda m: lets.get(m.group(0), m.group(0)), text.strip())


def _compile_escalations(unit: _Unit, scope: Scope) -> list[tuple[Expr, str]]:
    escalations: list[tuple[Expr, str]] = []
    for i, escalation in enumerate(unit.adoption.escalate):
        try:
            expr, kind = parse(escalation.when, scope)
        except ExprError as exc:
            unit.in_pack(("escalate", i, "when"), exc.message)
            continue
        if kind != "bool":
            unit.in_pack(("escalate", i, "when"), f"expected a condition, got {describe(kind)}")
            continue
        escalations.append((expr, escalation.severity))
    return escalations


def _author(unit: _Unit) -> Author:
    """The compiler's parsing, messages and problems, for the rule's `because:` reasons."""

    def message(scope: Scope, path: DataPath, en: str, ja: str) -> Message:
        return _compile_message(unit, scope, path, *_bilingual(en, ja, scope))

    def parse_in(scope: Scope, text: str, path: DataPath, offset: int) -> tuple[Expr, str] | None:
        return _parse(unit, scope, text, path, offset)

    def problem(path: DataPath, text: str, column: int) -> None:
        unit.in_rule(path, text, column)

    return Author(parse_in, message, problem)


def _compile_alternative(
    unit: _Unit, scope: Scope, where: DataPath, match: dict[str, str], number: int
) -> CompiledRule | None:
    rule, adoption = unit.rule.model, unit.adoption
    patterns = _compile_patterns(unit, scope, where, match)
    if len(patterns) > MAX_PATTERNS:
        unit.in_rule(
            where,
            f"has {len(patterns)} patterns; the engine evaluates at most "
            f"{MAX_PATTERNS} in one rule: split the rule",
        )
    positive = [p for p in patterns if not p.negated]
    names = [p.binding for p in positive]
    subject = rule.subject.strip()
    if subject in unit.failed:
        pass  # its pattern's own problem is the one to fix
    elif subject not in names:
        unit.in_rule(
            ("subject",),
            f"expected the name of a matched fact ({', '.join(names)}), "
            f"got '{subject}'{did_you_mean(subject, names)}",
        )
    elif scope.bindings[subject] != UNKNOWN and "id" not in FACT_TYPES[scope.bindings[subject]]:
        unit.in_rule(("subject",), f"a {scope.bindings[subject]} has no id to be a subject")
    aggregate = _compile_aggregate(unit, scope, names)
    deadline: Expr | None = None
    if rule.deadline is not None:
        parsed = _parse(unit, scope, rule.deadline, ("deadline",))
        if parsed is not None and parsed[1] not in ("date", UNKNOWN):
            unit.in_rule(("deadline",), f"expected a date, got {describe(parsed[1])}")
        elif parsed is not None:
            deadline = parsed[0]
    parties: list[Expr] = []
    for i, text in enumerate(rule.parties):
        parsed = _parse(unit, scope, text, ("parties", i))
        if parsed is not None and parsed[1] not in ("id", UNKNOWN):
            unit.in_rule(("parties", i), f"expected an id, got {describe(parsed[1])}")
        elif parsed is not None:
            parties.append(parsed[0])
    chosen, at = (
        (rule.messages[number], ("messages", number))
        if rule.messages
        else (
            rule.message,
            ("message",),
        )
    )
    message_en, message_ja = _bilingual(chosen.en, chosen.ja, scope)
    message = _compile_message(unit, scope, at, message_en, message_ja)
    message_due = _compile_message_due(unit, scope)
    escalations = _compile_escalations(unit, scope)
    because = compile_reasons(rule, scope, bound_anywhere(rule), _author(unit))
    # before giving up on other problems: a phrase written only into these is still used
    title = Message(*_bilingual(rule.title.en, rule.title.ja, scope))
    description = Message(*_bilingual(rule.description.en, rule.description.ja, scope))
    if unit.problems:
        return None
    note = adoption.note
    compiled = CompiledRule(
        id=adoption.reported_id,
        version=rule.version,
        title=title,
        description=description,
        patterns=tuple(patterns),
        subject=subject,
        parties=tuple(parties),
        deadline=deadline,
        deadline_text=_spelled_out(rule.deadline, rule.let),
        message=message,
        message_due=message_due,
        severity=adoption.severity,
        citation=Citation(adoption.cite.title, adoption.cite.clause, adoption.cite.url),
        waivable=adoption.waivable,
        params=(),
        aggregate=aggregate,
        escalations=tuple(escalations),
        source=str(unit.rule.doc.locate(())),
        alternative=number,
        internal=rule.internal,
        note=Message(note.en, note.ja) if note is not None else None,
        because=because,
    )
    try:
        compiled = replace(compiled, durable=durable_template(compiled), sql=rule_sql(compiled))
    except Untranslatable as exc:
        negated = any(p.negated and p.binding == exc.binding for p in patterns)
        key = f"absent {exc.binding}" if negated else exc.binding
        unit.in_rule((*where, key) if exc.binding else where, str(exc))
        return None
    return compiled


def _exprs_of(rule: CompiledRule) -> list[Expr]:
    """Every expression of a compiled rule."""
    out: list[Expr] = [p.condition for p in rule.patterns if p.condition is not None]
    out += [rule.deadline] if rule.deadline is not None else []
    out += list(rule.parties) + [e for _, e, _ in rule.message.values]
    if rule.message_due is not None:
        out += [e for _, e, _ in rule.message_due.values]
    out += [e for e, _ in rule.escalations]
    if rule.aggregate is not None:
        out += [rule.aggregate.total, rule.aggregate.having]
    for reason in rule.because:  # what a reason reads of the match's facts is evidence too
        out += [e for _, e, _ in reason.say.values]
        out += [reason.when] if reason.when is not None else []
        if reason.find is not None and reason.find.condition is not None:
            out.append(reason.find.condition)
    return out


def _with_fields(rule: CompiledRule) -> CompiledRule:
    """`rule` with, for each binding, the fields it reads (what evidence shows)."""
    used: dict[str, set[str]] = {}
    for expr in _exprs_of(rule):
        for ref in refs(expr):
            used.setdefault(ref.binding, set()).add(ref.name)
    fields = tuple((p.binding, tuple(sorted(used.get(p.binding, ())))) for p in rule.positive)
    return replace(rule, fields=fields)


def _compile_aggregate(unit: _Unit, scope: Scope, names: list[str]) -> Aggregate | None:
    spec = unit.rule.model.aggregate
    if spec is None:
        return None
    group = spec.group.strip()
    if group in unit.failed:
        return None
    if group not in names:
        unit.in_rule(
            ("aggregate", "group"),
            f"expected the name of a matched fact, got '{group}'{did_you_mean(group, names)}",
        )
        return None
    total = _parse(unit, scope, spec.total, ("aggregate", "total"))
    if total is None:
        return None
    if total[1] not in ("percent", "money", "number", "count", "days"):
        unit.in_rule(("aggregate", "total"), f"expected a number to sum, got {describe(total[1])}")
        return None
    # `total` stays in scope: the having test, the message and escalations may all name it
    scope.extra["total"] = (Ref("", "total"), total[1])
    having = _parse(unit, scope, spec.having, ("aggregate", "having"))
    if having is None:
        return None
    if having[1] != "bool":
        unit.in_rule(("aggregate", "having"), f"expected a condition, got {describe(having[1])}")
        return None
    per = (spec.per or "").strip()
    if per and per not in names and per not in unit.failed:
        unit.in_rule(
            ("aggregate", "per"),
            f"expected the name of a matched fact, got '{per}'{did_you_mean(per, names)}",
        )
        return None
    once = f", once per {per}" if per else ""
    text = f"sum of {spec.total.strip()} per {group}{once}, kept where {spec.having.strip()}"
    return Aggregate(group, total[0], having[0], per, text)


def compile_pack(pack: Loaded[PackDoc], rules: dict[str, Loaded[RuleDoc]]) -> CompiledPack:
    """Compile `pack` against the available `rules`.

    Internal rules (concepts other rules read as ``finding`` facts) are compiled in whenever an
    adopted rule reads them; a rule that reads an ordinary rule the pack does not adopt is an error.

    Raises:
        PolicyError: every problem in the pack and the rules it adopts, sorted.
    """
    problems: list[Problem] = []
    doc = pack.model
    non_waivable = tuple(sorted(a.reported_id for a in doc.adopts if not a.waivable))
    implicit: dict[str, tuple[ParamType, Any]] = {
        "attribution_relations": ("ids", tuple(doc.attribution)),
        "non_waivable_rules": ("ids", non_waivable),
        "relative_relations": ("ids", tuple(doc.relatives)),
    }
    compiled: list[CompiledRule] = []
    seen: dict[str, int] = {}
    for index, adoption in enumerate(doc.adopts):
        where = pack.doc.locate(("adopts", index, "rule"))
        path = f"adopts[{index}].rule"
        reported = adoption.reported_id
        if reported in seen:
            problems.append(
                Problem.at(
                    where,
                    path,
                    f"rule '{reported}' is adopted twice (also adopts[{seen[reported]}])",
                )
            )
            continue
        seen[reported] = index
        loaded = rules.get(adoption.rule)
        if loaded is None or loaded.model.internal:
            hint = did_you_mean(
                adoption.rule, [k for k, v in rules.items() if not v.model.internal]
            )
            what = (
                "an internal rule; packs adopt the rules that read it"
                if loaded
                else (f"unknown rule '{adoption.rule}'{hint}")
            )
            problems.append(
                Problem.at(
                    where,
                    path,
                    what if loaded is None else f"'{adoption.rule}' is {what}",
                )
            )
            continue
        if adoption.version is not None and adoption.version != loaded.model.version:
            at = pack.doc.locate(("adopts", index, "version"))
            problems.append(
                Problem.at(
                    at,
                    f"adopts[{index}].version",
                    f"expected version {loaded.model.version} of rule "
                    f"'{adoption.rule}', got {adoption.version}",
                )
            )
            continue
        unit = _Unit(loaded, adoption, pack, index)
        compiled.extend(_compile_rule(unit, implicit))
        problems.extend(unit.problems)
    compiled.extend(_internal_rules(compiled, pack, rules, implicit, problems))
    ordered = strata(compiled, pack, problems)
    if problems:
        raise PolicyError(problems)
    result = CompiledPack(
        id=doc.id,
        version=doc.version,
        title=Message(doc.title.en, doc.title.ja),
        strata=ordered,
        attribution=tuple(doc.attribution),
    )
    return replace(result, digest=digest_of(result))


def _at_finding_pattern(
    rule: CompiledRule, rules: dict[str, Loaded[RuleDoc]], message: str
) -> Problem:
    """A problem placed at the rule's pattern that matches ``finding`` facts."""
    loaded = rules[rule.id]
    where: DataPath = ("match_any", rule.alternative) if loaded.model.match_any else ("match",)
    pattern = next(p for p in rule.patterns if p.fact_type == "finding")
    path = (*where, f"absent {pattern.binding}" if pattern.negated else pattern.binding)
    at = loaded.doc.locate(path)
    return Problem.at(at, format_path(path), message)


def _internal_rules(
    compiled: list[CompiledRule],
    pack: Loaded[PackDoc],
    rules: dict[str, Loaded[RuleDoc]],
    implicit: dict[str, tuple[ParamType, Any]],
    problems: list[Problem],
) -> list[CompiledRule]:
    """Compile the internal rules the adopted ones read, transitively; report unknown reads."""
    have = {r.id for r in compiled}
    added: list[CompiledRule] = []
    queue = list(compiled)
    while queue:
        rule = queue.pop(0)
        for name in sorted(reads(rule) or ()):
            if name in have:
                continue
            loaded = rules.get(name)
            if loaded is None or not loaded.model.internal:
                problem = (
                    f"reads the findings of '{name}', which the pack does not adopt"
                    if loaded
                    else f"reads the findings of unknown rule '{name}'"
                    f"{did_you_mean(name, list(rules))}"
                )
                problems.append(_at_finding_pattern(rule, rules, problem))
                have.add(name)
                continue
            adoption = Adoption(rule=name, severity="info", cite=Cite(title="internal"))
            unit = _Unit(loaded, adoption, pack, -1)
            fresh = _compile_rule(unit, implicit)
            problems.extend(unit.problems)
            have.add(name)
            added.extend(fresh)
            queue.extend(fresh)
    return added
