"""The words and formats of every human-readable text: one table, one place.

Findings fill their messages here (`Wording.show`), and every renderer takes its labels, states,
severities, dates and amounts from here, so a value reads the same in a message, a table, the
workbook and the printed report:

- persons carry 氏 in Japanese (``阿部 聡氏``, spelled exactly as the register spells the name,
  no space added), organisations their registered name;
- dates read ``2026年11月1日`` / ``1 November 2026`` (ISO stays in JSON, SARIF and machine fields);
- amounts read ``960,000円`` / ``¥960,000``;
- every enum value of the register (interest types, collaboration kinds, seat roles, relation
  types, schemes, decisions, bodies, legal forms, states, severities) has one translation in
  `TERMS`; a rule id in a sentence reads as the rule's title.

The official-Japanese standard these follow is the issue's (公用文): 審査 / 第三者審査, 例外承認,
states 違反・期限内・期限超過・例外承認済み.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

Lang = Literal["en", "ja"]
LANGS: tuple[Lang, ...] = ("en", "ja")

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

TERMS: dict[str, dict[str, tuple[str, str]]] = {
    "severity": {
        "critical": ("critical", "重大"),
        "high": ("high", "高"),
        "medium": ("medium", "中"),
        "low": ("low", "低"),
        "info": ("info", "情報"),
    },
    "state": {
        "violation": ("violation", "違反"),
        "due": ("within deadline", "期限内"),
        "overdue": ("overdue", "期限超過"),
        "waived": ("waived", "例外承認済み"),
    },
    "mark": {
        "new": ("new", "新規"),
        "updated": ("updated", "更新"),
        "unchanged": ("unchanged", "変更なし"),
        "absent": ("absent", "解消"),
    },
    "triage": {
        "acknowledged": ("acknowledged", "確認済み"),
        "accepted_risk": ("accepted risk", "リスク受容"),
        "false_positive": ("false positive", "誤検知"),
        "remediated": ("remediated", "是正済み"),
    },
    "party_type": {
        "person": ("person", "個人"),
        "organization": ("organisation", "団体"),
    },
    "role": {
        "supporter": ("supporter", "伴走支援者"),
        "reviewer": ("reviewer", "審査者"),
        "evaluator": ("evaluator", "評価者"),
        "funder": ("funder", "資金提供者"),
        "official": ("official", "職員"),
        "committee": ("committee member", "委員"),
    },
    "approver": {
        "payer": ("the payer of the engagement", "支援契約の費用負担者"),
        "committee": ("the committee", "委員会"),
        "funder": ("the funder", "資金提供者"),
    },
    "procurement_method": {
        "open": ("open tender", "一般競争入札"),
        "designated": ("designated tender", "指名競争入札"),
        "negotiated": ("negotiated contract", "随意契約"),
    },
    "gift_kind": {
        "gift": ("gift", "贈答"),
        "hospitality": ("hospitality", "接待"),
    },
    "legal_form": {
        "kabushiki_kaisha": ("kabushiki kaisha (stock company)", "株式会社"),
        "godo_kaisha": ("godo kaisha (limited liability company)", "合同会社"),
        "goshi_kaisha": ("goshi kaisha (limited partnership company)", "合資会社"),
        "gomei_kaisha": ("gomei kaisha (general partnership company)", "合名会社"),
        "tokurei_yugen_kaisha": ("special limited company", "特例有限会社"),
        "cooperative": ("cooperative", "協同組合"),
        "npo": ("specified non-profit corporation", "特定非営利活動法人"),
        "general_association": ("general incorporated association", "一般社団法人"),
        "general_foundation": ("general incorporated foundation", "一般財団法人"),
        "municipality": ("municipality", "市町村"),
        "prefecture": ("prefecture", "都道府県"),
        "national_agency": ("national agency", "国の機関"),
        "sole_proprietorship": ("sole proprietorship", "個人事業"),
        "other": ("other", "その他"),
    },
    "relation_type": {
        "self": ("own holding", "本人保有"),
        "controls": ("control", "支配関係"),
        "officer_of": ("officer", "役員関係"),
        "employed_by": ("employment", "雇用関係"),
        "spouse": ("marriage", "婚姻関係"),
        "household": ("shared household", "同一世帯の関係"),
        "parent": ("parent and child", "親子関係"),
        "child": ("parent and child", "親子関係"),
        "sibling": ("siblings", "兄弟姉妹の関係"),
        "partner": ("partnership", "パートナー関係"),
    },
    "scheme": {
        "commission": ("commissioned work", "業務委託"),
        "subsidy": ("subsidy", "補助事業"),
        "pfs": ("pay-for-success", "成果連動型"),
        "joint_venture": ("joint venture", "共同事業"),
        "private": ("private contract", "民間契約"),
    },
    "interest_type": {
        "investment": ("investment", "出資"),
        "board_seat": ("board seat", "役員就任"),
        "collaboration": ("business", "取引"),
        "remuneration": ("remuneration", "報酬"),
        "competition": ("competing business", "競業"),
    },
    "collaboration_kind": {
        "service": ("services", "業務委託"),
        "sale": ("sale", "売買"),
        "purchase": ("purchase", "購入"),
        "license": ("licence", "使用許諾"),
        "loan": ("loan", "金銭消費貸借"),
        "lease": ("lease", "賃貸借"),
        "joint_venture": ("joint venture", "共同事業"),
        "guarantee": ("guarantee", "債務保証"),
    },
    "seat_role": {
        "director": ("director", "取締役"),
        "representative_director": ("representative director", "代表取締役"),
        "auditor": ("auditor", "監査役"),
        "executive_officer": ("executive officer", "執行役員"),
        "advisor": ("advisor", "顧問"),
        "statutory_executive_officer": ("statutory executive officer", "執行役"),
        "executive_member": ("executive member", "業務執行社員"),
    },
    "decision": {
        "approved": ("approved", "承認"),
        "approved_with_conditions": ("approved with conditions", "条件付き承認"),
        "rejected": ("rejected", "却下"),
        "pending": ("pending", "審査中"),
    },
    "body": {
        "board": ("board of directors", "取締役会"),
        "shareholders": ("shareholders' meeting", "株主総会"),
        "all_shareholders": ("consent of all shareholders", "総株主の同意"),
        "members": ("members", "社員"),
    },
    "resolution_kind": {
        "approval": ("approval", "承認"),
        "report": ("report", "報告"),
    },
    "fact_type": {
        "party": ("party", "関係者"),
        "relation": ("relation", "関係"),
        "tie": ("relation", "関係"),
        "engagement": ("engagement", "支援契約"),
        "interest": ("interest", "利害関係"),
        "attribution": ("attribution", "帰属"),
        "disclosure": ("disclosure", "開示"),
        "review": ("review", "審査"),
        "condition": ("condition", "条件"),
        "resolution": ("resolution", "決議"),
        "vote": ("vote", "議決"),
        "waiver": ("waiver", "例外承認"),
        "finding": ("finding", "指摘"),
        "bid": ("bid", "入札"),
        "gift": ("gift", "贈答・接待"),
        "pledge": ("pledge", "誓約"),
        "permission": ("permission", "兼業許可"),
        "party_role": ("role", "役割"),
        "relative": ("relative", "親族"),
    },
    "bool": {
        "true": ("yes", "あり"),
        "false": ("no", "なし"),
    },
}
"""Every enum value of the register and the report, in English and Japanese: the one table."""

_RIJI = {
    "director": ("director", "理事"),
    "representative_director": ("representative director", "代表理事"),
    "auditor": ("auditor", "監事"),
}

SEAT_ROLE_IN: dict[str, dict[str, tuple[str, str]]] = {
    "general_association": _RIJI,
    "general_foundation": _RIJI,
    "npo": _RIJI,
    "cooperative": _RIJI,
}
"""A seat's role where the organisation's statute names it otherwise than `TERMS["seat_role"]`
(the words of a kabushiki kaisha): a director of a 一般社団法人・一般財団法人, an NPO or a
cooperative is 理事, its representative director 代表理事, its auditor 監事."""

SEAT_ROLE = ("interest", "role")
"""The field holding a board seat's role: it reads in the words of the seat's organisation."""

FIELD_TERMS: dict[tuple[str, str], str] = {
    ("party", "kind"): "party_type",
    ("party", "legal_form"): "legal_form",
    ("relation", "type"): "relation_type",
    ("tie", "type"): "relation_type",
    ("attribution", "via"): "relation_type",
    ("engagement", "scheme"): "scheme",
    ("interest", "type"): "interest_type",
    ("interest", "kind"): "collaboration_kind",
    ("interest", "role"): "seat_role",
    ("review", "decision"): "decision",
    ("condition", "decision"): "decision",
    ("resolution", "body"): "body",
    ("vote", "body"): "body",
    ("resolution", "kind"): "resolution_kind",
    ("vote", "kind"): "resolution_kind",
    ("bid", "method"): "procurement_method",
    ("gift", "kind"): "gift_kind",
    ("party_role", "role"): "role",
    ("relative", "type"): "relation_type",
}
"""Which table of `TERMS` a text field of a fact type takes its words from."""

RULE_FIELDS = frozenset({("waiver", "rule"), ("finding", "rule")})
"""Text fields holding a rule id: they read as the rule's title."""


def lang_of(lang: str) -> Lang:
    """``"ja"`` for Japanese, ``"en"`` for anything else."""
    return "ja" if lang == "ja" else "en"


def term(table: str, value: str, lang: str) -> str:
    """`value` of the enum `table` in `lang`; a value the table does not know stays as it is."""
    words = TERMS[table].get(value)
    if words is None:
        return value
    return words[1] if lang_of(lang) == "ja" else words[0]


def seat_role(role: str, legal_form: str | None, lang: str) -> str:
    """A seat's `role` as the statute of an organisation of `legal_form` names it: ``director``
    is 取締役 in a kabushiki kaisha and 理事 in a 一般社団法人."""
    words = SEAT_ROLE_IN.get(legal_form or "", {}).get(role)
    if words is None:
        return term("seat_role", role, lang)
    return words[1] if lang_of(lang) == "ja" else words[0]


def any_term(value: str, lang: str) -> str:
    """`value` translated by the first table that knows it (a text of unknown origin)."""
    for table in TERMS.values():
        if value in table:
            return table[value][1] if lang_of(lang) == "ja" else table[value][0]
    return value


def severity(value: str, lang: str) -> str:
    """A severity: ``high`` / ``高``."""
    return term("severity", value, lang)


def state(value: str, lang: str) -> str:
    """A finding state: ``overdue`` / ``期限超過``, ``due`` / ``期限内``."""
    return term("state", value, lang)


def day(value: date | None, lang: str) -> str:
    """A date in prose: ``1 November 2026`` / ``2026年11月1日`` (``—`` when there is none)."""
    if value is None:
        return "—"
    if lang_of(lang) == "ja":
        return f"{value.year}年{value.month}月{value.day}日"
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def money(value: int | float, lang: str, currency: str = "JPY") -> str:
    """An amount: ``960,000円`` / ``¥960,000`` (other currencies: ``960,000 USD``)."""
    number = f"{int(value):,}" if float(value).is_integer() else f"{value:,}"
    if currency == "JPY":
        return f"{number}円" if lang_of(lang) == "ja" else f"¥{number}"
    return f"{number} {currency}"


def number(value: int | float) -> str:
    """A plain number: whole numbers without ``.0``, thousands separated."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) else f"{value:g}"


def days(value: int | float, lang: str) -> str:
    """A number of days: ``30日`` / ``30 days``."""
    n = number(value)
    if lang_of(lang) == "ja":
        return f"{n}日"
    return "1 day" if n == "1" else f"{n} days"


def count(value: int, lang: str) -> str:
    """A number of findings: ``3件`` / ``3 findings``."""
    if lang_of(lang) == "ja":
        return f"{value:,}件"
    return "1 finding" if value == 1 else f"{value:,} findings"


@dataclass
class Wording:
    """How a check's texts name its parties and rules: names, who is a person, each
    organisation's legal form (the words of its seats), rule titles."""

    names: Mapping[str, str] = field(default_factory=dict)
    persons: frozenset[str] = frozenset()
    forms: Mapping[str, str] = field(default_factory=dict)
    titles: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    currency: str = "JPY"

    def party(self, party_id: str, lang: str) -> str:
        """A party by name: ``阿部 聡氏`` for a person in Japanese, else the registered name."""
        name = self.names.get(party_id)
        if name is None:
            return party_id
        return f"{name}氏" if lang_of(lang) == "ja" and party_id in self.persons else name

    def rule(self, rule_id: str, lang: str) -> str:
        """A rule by its title (``利害関係の未開示``); an unknown id stays as written."""
        title = self.titles.get(rule_id)
        if title is None:
            return rule_id
        return title[1] if lang_of(lang) == "ja" else title[0]

    def _item(self, value: str, lang: str) -> str:
        """One value of a list parameter: a party by name, a role or enum value in words."""
        if value in self.names:
            return self.party(value, lang)
        if value in TERMS["approver"]:
            return term("approver", value, lang)
        return any_term(value, lang)

    def show(
        self,
        value: Any,
        kind: str,
        lang: str,
        source: tuple[str, str] | None,
        within: str | None = None,
    ) -> str:
        """A placeholder's value in `lang`, formatted by its type `kind`.

        `source` is the (fact type, field) the value was read from, when it is a plain field:
        enum fields are translated, rule ids read as titles; a seat's role reads as the statute
        of the organisation it is `within` (its id) names it. A date comes as a `date`.
        """
        if kind == "date" and value is None and source is not None and source[1] == "end":
            return "現在" if lang_of(lang) == "ja" else "present"  # an open end: still running
        if value is None or value == "":
            return "—"
        if source == SEAT_ROLE and isinstance(value, str):
            return seat_role(value, self.forms.get(within or ""), lang)
        if kind == "date":
            return day(value, lang)
        if source in RULE_FIELDS:
            return self.rule(str(value), lang)
        if kind == "id":
            return self.party(str(value), lang)
        if kind == "money":
            return money(value, lang, self.currency)
        if kind == "percent":
            return f"{number(value)}%"
        if kind == "days":
            return days(value, lang)
        if kind == "count":
            return str(int(value))  # a count or a year: 2026, not 2,026
        if kind == "number":
            return number(value)
        if isinstance(value, list | tuple | set | frozenset):  # a list parameter
            shown = [self._item(str(v), lang) for v in sorted(value, key=str)]
            return ("、" if lang_of(lang) == "ja" else ", ").join(shown)
        if kind == "bool" or isinstance(value, bool):
            return term("bool", "true" if value else "false", lang)
        if kind == "text" and source is not None and source in FIELD_TERMS:
            return term(FIELD_TERMS[source], str(value), lang)
        if kind == "text":
            return any_term(str(value), lang)
        return str(value)


_MONEY_FIELDS = frozenset({"amount", "value", "worth"})


def field_text(
    fact_type: str,
    name: str,
    value: str | int | float | bool | None,
    lang: str,
    form: str | None = None,
) -> str:
    """An evidence field's value as a reader reads it: enum values translated, ISO dates in
    prose, amounts with their unit, ``—`` for an empty value; a board seat's role as the statute
    of its organisation names it, when its legal `form` is known (`seat_form`). (JSON and SARIF
    keep the raw value.)
    """
    if value is None or value == "":
        return "—"
    if form is not None and (fact_type, name) == SEAT_ROLE and isinstance(value, str):
        return seat_role(value, form, lang)
    if isinstance(value, bool):
        return term("bool", "true" if value else "false", lang)
    if isinstance(value, int | float):
        if name in _MONEY_FIELDS:
            return money(value, lang)
        return f"{number(value)}%" if name == "equity_pct" else number(value)
    table = FIELD_TERMS.get((fact_type, name))
    if table is not None:
        return term(table, value, lang)
    if len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return day(date.fromisoformat(value), lang)
        except ValueError:
            return value
    return value


def seat_form(evidence: Iterable[Any], item: Any) -> str | None:
    """The legal form of the organisation the board seat `item` sits in, when the finding's
    `evidence` holds that organisation with its form (the corporate-law rules read it); None
    otherwise. Its role then reads in the evidence as in the message: 理事 in a 一般社団法人."""
    entity = item.fields.get("entity") if item.type == "interest" else None
    if not isinstance(entity, str):
        return None
    for other in evidence:
        if other.type == "party" and other.id == entity:
            form = other.fields.get("legal_form")
            return form if isinstance(form, str) else None
    return None
