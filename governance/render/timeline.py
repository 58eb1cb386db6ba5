"""The per-supporter timeline of the HTML report: where each date goes on one SVG date axis.

Built from the report alone: engagement and interest periods (evidence ``start``/``end``),
disclosures (``filed_on``), reviews (``decided_on``), finding deadlines and waiver expiries, each
on the row of the fact it concerns, with `as_of` marked. This module lays the timeline out
(`timeline` returns rows, bars and marks in SVG units); the template ``templates/timeline.svg.j2``
draws it, escaping every text. The layout is deterministic.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from governance.findings.models import Finding
from governance.findings.words import day
from governance.render.markdown import labels, state_label
from governance.render.text import width

_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "engagement": "engagement",
        "interest": "interest",
        "disclosure": "disclosure filed",
        "review": "review decided",
        "deadline": "deadline",
        "waiver": "waiver expires",
        "open": "no end date",
        "unknown_end": "end not in the evidence",
    },
    "ja": {
        "engagement": "伴走支援契約",
        "interest": "利害関係",
        "disclosure": "開示日",
        "review": "第三者チェック決定日",
        "deadline": "期限",
        "waiver": "例外承認の有効期限",
        "open": "終了日なし",
        "unknown_end": "終了日は根拠に含まれていない",
    },
}
"""The timeline's legend and tooltip texts, by language."""
_INTEREST_TYPES = frozenset({"investment", "board_seat", "collaboration", "remuneration"})

# Timeline geometry, in SVG user units (the SVG scales to the page width).
_W, _LABEL_X, _X0, _X1 = 960, 6, 200, 944
_TOP, _LANE, _BOTTOM = 34, 22, 26
_MONTH_STEPS = (1, 2, 3, 6, 12, 24, 60)


def _words(lang: str) -> Mapping[str, str]:
    """The timeline's fixed texts for `lang`."""
    return _WORDS["ja" if lang == "ja" else "en"]


def _day(value: object) -> date | None:
    """An evidence field as a date, or None when it is not a ``YYYY-MM-DD`` string."""
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


@dataclass(frozen=True, order=True)
class _Mark:
    day: date
    kind: str  # disclosure | review | deadline | waiver
    tone: str  # for deadlines, the finding state; "" otherwise
    label: str


@dataclass
class _Lane:
    fact: str
    kind: str  # engagement | interest | events
    start: date | None = None
    end: date | None = None
    end_known: bool = True  # False when the evidence does not carry the end at all
    detail: str = ""
    marks: set[_Mark] = field(default_factory=set)


def _merged_facts(findings: Iterable[Finding]) -> dict[str, tuple[str, dict[str, object]]]:
    """Every evidence fact of `findings` by id, with the fields all its mentions carry."""
    facts: dict[str, tuple[str, dict[str, object]]] = {}
    for finding in findings:
        for item in finding.evidence:
            _, fields = facts.setdefault(item.id, (item.type, {}))
            for key, value in item.fields.items():
                if fields.get(key) is None:
                    fields[key] = value
    return facts


def _lanes(findings: Sequence[Finding], lang: str) -> list[_Lane]:
    """The timeline rows for one supporter: engagements, interests, then any other dates."""
    facts = _merged_facts(findings)
    lanes: dict[str, _Lane] = {}
    for fact, (kind, fields) in facts.items():
        start = _day(fields.get("start"))
        if kind in {"engagement", "interest"} and start is not None:
            detail = str(fields.get("type", "")) if kind == "interest" else "engagement"
            end = _day(fields.get("end"))
            lanes[fact] = _Lane(fact, kind, start, end, "end" in fields, detail)
    events = _Lane("", "events")

    def add(target: object, mark: _Mark) -> None:
        lane = lanes.get(target) if isinstance(target, str) else None
        (lane or events).marks.add(mark)

    for fact, (kind, fields) in facts.items():
        if kind == "disclosure" and (day := _day(fields.get("filed_on"))) is not None:
            add(fields.get("interest"), _Mark(day, "disclosure", "", f"{fact} · {day}"))
        if kind == "review":
            day = _day(fields.get("decided_on")) or _day(fields.get("checked_on"))
            if day is not None:
                decision = fields.get("decision")
                text = f"{fact} · {decision} · {day}" if decision else f"{fact} · {day}"
                add(fields.get("interest"), _Mark(day, "review", "", text))
    for finding in findings:
        if finding.deadline is not None:
            text = f"{finding.rule} · {finding.subject.id} · {finding.deadline}"
            text += f" ({state_label(finding.state, lang)})"
            add(finding.subject.id, _Mark(finding.deadline, "deadline", finding.state, text))
        if finding.waiver is not None:
            waiver = finding.waiver
            text = f"{waiver.id} · {waiver.approved_on} – {waiver.expires_on}"
            add(finding.subject.id, _Mark(waiver.expires_on, "waiver", "", text))
    ordered = sorted(
        lanes.values(), key=lambda lane: (lane.kind != "engagement", lane.start, lane.fact)
    )
    return [*ordered, events] if events.marks else ordered


def _months_after(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _ticks(lo: date, hi: date) -> tuple[list[date], int]:
    """Month-start ticks between `lo` and `hi`, at the finest step that leaves room for labels."""
    room = (_X1 - _X0) // 64
    for step in _MONTH_STEPS:
        ticks: list[date] = []
        day = date(lo.year, 1, 1)
        while day <= hi:
            if day >= lo:
                ticks.append(day)
            day = _months_after(day, step)
        if len(ticks) <= room:
            return ticks, step
    return ticks, _MONTH_STEPS[-1]


def _truncate(text: str, columns: int) -> str:
    if width(text) <= columns:
        return text
    while width(text) > columns - 1:
        text = text[:-1]
    return text + "…"


@dataclass(frozen=True)
class _Axis:
    """A date axis mapped onto the plot area of the timeline."""

    lo: date
    hi: date

    def x(self, day: date) -> float:
        """The horizontal position of `day`."""
        return _X0 + (day - self.lo).days / (self.hi - self.lo).days * (_X1 - _X0)


def _axis_for(lanes: list[_Lane], as_of: date) -> _Axis:
    """An axis spanning every date of `lanes` and `as_of`, with a little room on each side."""
    days = [as_of]
    for lane in lanes:
        days += [d for d in (lane.start, lane.end) if d is not None]
        days += [m.day for m in lane.marks]
    lo, hi = min(days), max(days)
    span = max((hi - lo).days, 60)
    margin = max(span // 25, 7)
    return _Axis(lo - timedelta(days=margin), lo + timedelta(days=span + margin))


@dataclass(frozen=True)
class Tick:
    """A month-start grid line of the axis and its label."""

    x: float
    label: str


@dataclass(frozen=True)
class Bar:
    """An engagement or interest period: from `x`, `width` wide; `open_end` when it has no end
    (drawn past the axis with an arrow)."""

    classes: str
    x: float
    width: float
    title: str
    open_end: bool


@dataclass(frozen=True)
class Mark:
    """A dated event on a row: `kind` is disclosure, review, deadline or waiver; `tone` the
    state of a deadline's finding when it is overdue or due, else ``""``."""

    kind: str
    tone: str
    x: float
    title: str


@dataclass(frozen=True)
class Row:
    """One lane of the timeline: its label (full and truncated), centre line, period and marks."""

    label: str
    short: str
    mid: float
    bar: Bar | None
    marks: tuple[Mark, ...]


@dataclass(frozen=True)
class Timeline:
    """Everything the ``timeline.svg.j2`` template draws for one supporter, in SVG user units.

    Only data: the template owns the markup and escapes every text.
    """

    title: str
    height: int
    bottom: int
    stripes: tuple[int, ...]
    ticks: tuple[Tick, ...]
    rows: tuple[Row, ...]
    as_of_x: float
    as_of_anchor: str
    as_of_text_x: float
    as_of_label: str
    width: int = _W
    top: int = _TOP
    lane: int = _LANE
    x0: int = _X0
    x1: int = _X1
    label_x: int = _LABEL_X


def _ticks_on(axis: _Axis) -> tuple[Tick, ...]:
    ticks, step = _ticks(axis.lo, axis.hi)
    return tuple(
        Tick(axis.x(tick), str(tick.year) if step >= 12 else f"{tick:%Y-%m}") for tick in ticks
    )


def _bar(lane: _Lane, axis: _Axis, lang: str) -> Bar | None:
    """A period as a bar; with no end (or none in the evidence) it runs on past the axis."""
    if lane.start is None:
        return None
    words = _words(lang)
    left = axis.x(lane.start)
    right = axis.x(lane.end) if lane.end is not None else _X1 - 8
    detail = lane.detail if lane.detail in _INTEREST_TYPES else ""
    classes = " ".join(c for c in ("bar", lane.kind, detail, "" if lane.end_known else "unknown"))
    until = str(lane.end) if lane.end else words["open" if lane.end_known else "unknown_end"]
    text = f"{lane.fact} · {lane.start} – {until}" + (f" · {lane.detail}" if lane.detail else "")
    return Bar(classes, left, max(right - left, 2), text, lane.end is None)


def timeline(name: str, findings: Sequence[Finding], as_of: date, lang: str) -> Timeline:
    """The timeline of a supporter named `name` and their `findings`, ready to draw.

    A date axis spans every date in the findings' evidence and `as_of`; each engagement and
    interest with a start gets a row (engagements first), disclosures and reviews are marked on
    the row of the interest they cover, deadlines and waiver expiries on the row of the finding's
    subject, and whatever has no row of its own on a last "other dates" row.
    """
    lanes = _lanes(findings, lang)
    axis = _axis_for(lanes, as_of)
    bottom = _TOP + _LANE * len(lanes)
    rows = []
    for n, lane in enumerate(lanes):
        label = lane.fact if lane.kind != "events" else f"({labels(lang)['events']})"
        marks = tuple(
            Mark(
                mark.kind,
                mark.tone if mark.kind == "deadline" and mark.tone in {"overdue", "due"} else "",
                axis.x(mark.day),
                mark.label,
            )
            for mark in sorted(lane.marks)
        )
        mid = _TOP + n * _LANE + _LANE / 2
        rows.append(Row(label, _truncate(label, 30), mid, _bar(lane, axis, lang), marks))
    ax = axis.x(as_of)
    anchor, nudge = ("end", -4) if ax > (_X0 + _X1) / 2 else ("start", 4)
    return Timeline(
        title=f"{labels(lang)['timeline']} — {name}",
        height=bottom + _BOTTOM,
        bottom=bottom,
        stripes=tuple(_TOP + row * _LANE for row in range(0, len(lanes), 2)),
        ticks=_ticks_on(axis),
        rows=tuple(rows),
        as_of_x=ax,
        as_of_anchor=anchor,
        as_of_text_x=ax + nudge,
        as_of_label=f"{labels(lang)['as_of']} {day(as_of, lang) if lang == 'ja' else as_of}",
    )


def legend(lang: str) -> list[tuple[str, str]]:
    """The timeline's legend: ``(key class, text)`` for its bars and marks (drawn by CSS)."""
    words = _words(lang)
    return [
        ("bar", words["engagement"]),
        ("bar interest", words["interest"]),
        ("disclosure", words["disclosure"]),
        ("review", words["review"]),
        ("deadline", words["deadline"]),
        ("waiver", words["waiver"]),
        ("as-of", labels(lang)["as_of"]),
    ]
