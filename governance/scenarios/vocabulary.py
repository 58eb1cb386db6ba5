"""The words of the domain that steps accept, in English and Japanese, and what each one means.

Each vocabulary is one closed dict literal: the phrase an author writes (matched without regard to
letter case) and the register value it stands for. A step slot of that kind accepts any phrase of
the vocabulary bare, or any quoted text, which is then looked up here so that a misspelt word
gets "did you mean" instead of an unknown step. The step reference prints these tables.
"""

from __future__ import annotations

import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from governance.register.models import LegalForm, RelationType
from governance.scenarios.patterns import tight


@dataclass(frozen=True)
class TableKind:
    """What the rows of a data table are: a register collection and fields every row shares."""

    collection: str
    fixed: Mapping[str, Any] = field(default_factory=dict)


PERSON = "person"
ORG = "organization"


def _person(*roles: str) -> dict[str, Any]:
    return {"type": PERSON, "roles": list(roles)} if roles else {"type": PERSON}


def _org(legal_form: str | None = None, **more: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {"type": ORG}
    if legal_form:
        fields["legal_form"] = legal_form
    return fields | more


STATE: dict[str, Any] = {
    "violation": "violation",
    "a violation": "violation",
    "due": "due",
    "overdue": "overdue",
    "waived": "waived",
    "違反": "violation",
    "期限内": "due",
    "期限前": "due",
    "対応期限内": "due",
    "期限超過": "overdue",
    "期限切れ": "overdue",
    "例外承認": "waived",
    "例外承認済み": "waived",
    "免除": "waived",
}

SEVERITY: dict[str, Any] = {
    "critical": "critical",
    "high": "high",
    "medium": "medium",
    "low": "low",
    "info": "info",
    "重大": "critical",
    "致命的": "critical",
    "高": "high",
    "高い": "high",
    "中": "medium",
    "中程度": "medium",
    "低": "low",
    "低い": "low",
    "情報": "info",
}

DECISION: dict[str, Any] = {
    "approved": "approved",
    "approved with conditions": "approved_with_conditions",
    "approved_with_conditions": "approved_with_conditions",
    "conditionally approved": "approved_with_conditions",
    "rejected": "rejected",
    "pending": "pending",
    "承認": "approved",
    "承認した": "approved",
    "条件付き承認": "approved_with_conditions",
    "条件付きで承認した": "approved_with_conditions",
    "条件付き承認とした": "approved_with_conditions",
    "却下": "rejected",
    "却下した": "rejected",
    "審査中": "pending",
    "保留": "pending",
}

ROLE: dict[str, Any] = {
    "director": "director",
    "representative director": "representative_director",
    "representative_director": "representative_director",
    "auditor": "auditor",
    "executive officer": "executive_officer",
    "executive_officer": "executive_officer",
    "advisor": "advisor",
    "adviser": "advisor",
    "取締役": "director",
    "代表取締役": "representative_director",
    "監査役": "auditor",
    "執行役員": "executive_officer",
    "顧問": "advisor",
    # 会社法・一般法人法 (issue #12). 執行役員 above is a business title outside the statute;
    # 執行役 is the statutory executive officer of a 指名委員会等設置会社 (会社法 419条).
    "statutory executive officer": "statutory_executive_officer",
    "statutory_executive_officer": "statutory_executive_officer",
    "executive member": "executive_member",
    "executive_member": "executive_member",
    "執行役": "statutory_executive_officer",
    "業務執行社員": "executive_member",
    "理事": "director",
    "代表理事": "representative_director",
    "監事": "auditor",
}

SCHEME: dict[str, Any] = {
    "commission": "commission",
    "subsidy": "subsidy",
    "pfs": "pfs",
    "pay-for-success": "pfs",
    "pay for success": "pfs",
    "joint venture": "joint_venture",
    "joint_venture": "joint_venture",
    "private": "private",
    "委託": "commission",
    "業務委託": "commission",
    "補助": "subsidy",
    "補助金": "subsidy",
    "成果連動": "pfs",
    "成果連動型": "pfs",
    "共同事業": "joint_venture",
    "民間": "private",
    "自主事業": "private",
}

DEAL_KIND: dict[str, Any] = {
    "service": "service",
    "services": "service",
    "sale": "sale",
    "sales": "sale",
    "purchase": "purchase",
    "license": "license",
    "licence": "license",
    "loan": "loan",
    "lease": "lease",
    "joint venture": "joint_venture",
    "joint_venture": "joint_venture",
    "業務委託": "service",
    "役務": "service",
    "サービス": "service",
    "販売": "sale",
    "購入": "purchase",
    "仕入": "purchase",
    "ライセンス": "license",
    "使用許諾": "license",
    "貸付": "loan",
    "融資": "loan",
    "賃貸": "lease",
    "リース": "lease",
    "共同事業": "joint_venture",
    # 会社法 356条1項3号 (issue #12)
    "guarantee": "guarantee",
    "保証": "guarantee",
    "債務保証": "guarantee",
}

DEAL_VERB: dict[str, Any] = {
    "sells to": "sale",
    "buys from": "purchase",
    "provides services to": "service",
    "works for": "service",
    "licenses to": "license",
    "lends to": "loan",
    "leases to": "lease",
}

RELATION: dict[str, Any] = {
    "controls": "controls",
    "is an officer of": "officer_of",
    "is employed by": "employed_by",
    "is married to": "spouse",
    "is the spouse of": "spouse",
    "lives with": "household",
    "shares a household with": "household",
    "is a parent of": "parent",
    "is the parent of": "parent",
    "is a child of": "child",
    "is the child of": "child",
    "is a sibling of": "sibling",
    "is a partner of": "partner",
    "を支配している": "controls",
    "を支配する": "controls",
    "の役員である": "officer_of",
    "の役員": "officer_of",
    "に雇用されている": "employed_by",
    "の従業員である": "employed_by",
    "の従業員": "employed_by",
    "の配偶者である": "spouse",
    "の配偶者": "spouse",
    "と同居している": "household",
    "と同一世帯である": "household",
    "と同一世帯": "household",
    "の親である": "parent",
    "の親": "parent",
    "の子である": "child",
    "の子": "child",
    "の兄弟姉妹である": "sibling",
    "の兄弟姉妹": "sibling",
    "のきょうだい": "sibling",
    "のパートナーである": "partner",
    "のパートナー": "partner",
    # family in plain words (A は B の妻: A is B's spouse; A は B の父: A is B's parent)
    **{
        f"の{word}{end}": relation
        for words, relation in (
            (("妻", "夫", "配偶者"), "spouse"),
            (("父", "母", "父親", "母親"), "parent"),
            (("子", "子ども", "息子", "娘"), "child"),
            (("兄", "姉", "弟", "妹"), "sibling"),
        )
        for word in words
        for end in ("", "である", "です")
    },
}

RELATION_PAIR: dict[str, Any] = {
    "are married": "spouse",
    "are spouses": "spouse",
    "share a household": "household",
    "live together": "household",
    "are siblings": "sibling",
    "are partners": "partner",
    "夫婦": "spouse",
    "配偶者": "spouse",
    "同一世帯": "household",
    "兄弟姉妹": "sibling",
    "きょうだい": "sibling",
    "パートナー": "partner",
}

RELATION_TYPE: dict[str, Any] = {
    name: name
    for name in typing.get_args(RelationType)  # the register's own list, never a copy
} | {
    "支配": "controls",
    "役員": "officer_of",
    "雇用": "employed_by",
    "配偶者": "spouse",
    "同一世帯": "household",
    "親": "parent",
    "子": "child",
    "兄弟姉妹": "sibling",
    "パートナー": "partner",
}

LEGAL_FORM: dict[str, Any] = {
    name: name
    for name in typing.get_args(LegalForm)  # the register's own list, never a copy
} | {
    "株式会社": "kabushiki_kaisha",
    "合同会社": "godo_kaisha",
    "合資会社": "goshi_kaisha",
    "合名会社": "gomei_kaisha",
    "有限会社": "tokurei_yugen_kaisha",
    "組合": "cooperative",
    "協同組合": "cooperative",
    "NPO法人": "npo",
    "一般社団法人": "general_association",
    "一般財団法人": "general_foundation",
    "市町村": "municipality",
    "自治体": "municipality",
    "都道府県": "prefecture",
    "国": "national_agency",
    "個人事業": "sole_proprietorship",
    "その他": "other",
    "特例有限会社": "tokurei_yugen_kaisha",
}

PARTY_KIND: dict[str, Any] = {
    "supporter": _person("supporter"),
    "reviewer": _person("reviewer"),
    "evaluator": _person("evaluator"),
    "official": _person("official"),
    "person": _person(),
    "company": _org("kabushiki_kaisha"),
    "company with a board": _org("kabushiki_kaisha", has_board=True),
    "listed company": _org("kabushiki_kaisha", has_board=True, listed=True),
    "godo kaisha": _org("godo_kaisha"),
    "cooperative": _org("cooperative"),
    "municipality": _org("municipality", roles=["funder"]),
    "prefecture": _org("prefecture", roles=["funder"]),
    "association": _org("general_association"),
    "foundation": _org("general_foundation"),
    "npo": _org("npo"),
    "organisation": _org(),
    "organization": _org(),
    "evaluation body": _org(roles=["evaluator"]),
    "committee": _org(roles=["committee"]),
    "third-party committee": _org(roles=["committee"]),
    "committee member": _person("committee"),
    "支援者": _person("supporter"),
    "伴走支援者": _person("supporter"),
    "審査者": _person("reviewer"),
    "評価者": _person("evaluator"),
    "職員": _person("official"),
    "人物": _person(),
    "個人": _person(),
    "会社": _org("kabushiki_kaisha"),
    "株式会社": _org("kabushiki_kaisha"),
    "取締役会設置会社": _org("kabushiki_kaisha", has_board=True),
    "上場会社": _org("kabushiki_kaisha", has_board=True, listed=True),
    "合同会社": _org("godo_kaisha"),
    "組合": _org("cooperative"),
    "自治体": _org("municipality", roles=["funder"]),
    "市": _org("municipality", roles=["funder"]),
    "県": _org("prefecture", roles=["funder"]),
    "一般社団法人": _org("general_association"),
    "一般財団法人": _org("general_foundation"),
    "NPO法人": _org("npo"),
    "法人": _org(),
    "団体": _org(),
    "評価機関": _org(roles=["evaluator"]),
    # 会社法・一般法人法 (issue #12)
    "tokurei yugen kaisha": _org("tokurei_yugen_kaisha"),
    "goshi kaisha": _org("goshi_kaisha"),
    "gomei kaisha": _org("gomei_kaisha"),
    "association with a board": _org("general_association", has_board=True),
    "特例有限会社": _org("tokurei_yugen_kaisha"),
    "有限会社": _org("tokurei_yugen_kaisha"),
    "合資会社": _org("goshi_kaisha"),
    "合名会社": _org("gomei_kaisha"),
    "理事会設置一般社団法人": _org("general_association", has_board=True),
    "第三者委員会": _org(roles=["committee"]),
    "委員会": _org(roles=["committee"]),
    "委員": _person("committee"),
}

PARTY_TYPE: dict[str, Any] = {
    "person": PERSON,
    "organization": ORG,
    "organisation": ORG,
    "個人": PERSON,
    "人": PERSON,
    "法人": ORG,
    "団体": ORG,
}

PARTY_ROLE: dict[str, Any] = {
    name: name for name in ("supporter", "reviewer", "evaluator", "funder", "official", "committee")
} | {
    "支援者": "supporter",
    "審査者": "reviewer",
    "評価者": "evaluator",
    "資金提供者": "funder",
    "職員": "official",
    "第三者委員会": "committee",
    "委員会": "committee",
}

INTEREST_TYPE: dict[str, Any] = {
    "investment": "investment",
    "board seat": "board_seat",
    "board_seat": "board_seat",
    "collaboration": "collaboration",
    "remuneration": "remuneration",
    "出資": "investment",
    "役員": "board_seat",
    "役員就任": "board_seat",
    "取引": "collaboration",
    "報酬": "remuneration",
    "competition": "competition",
    "競業": "competition",
    "gift": "gift",
    "贈答": "gift",
    "接待": "gift",
}

BODY: dict[str, Any] = {
    "board": "board",
    "board of directors": "board",
    "shareholders": "shareholders",
    "shareholders' meeting": "shareholders",
    "general meeting": "shareholders",
    "取締役会": "board",
    "株主総会": "shareholders",
    # 会社法・一般法人法 (issue #12)
    "all shareholders": "all_shareholders",
    "all_shareholders": "all_shareholders",
    "members": "members",
    "members' meeting": "members",
    "総株主": "all_shareholders",
    "社員総会": "members",
    "社員": "members",
    "理事会": "board",
}

RESOLUTION_KIND: dict[str, Any] = {
    "approval": "approval",
    "report": "report",
    "承認": "approval",
    "報告": "report",
}

PUBLIC_FUNDS: dict[str, Any] = {
    "with public funds": True,
    "publicly funded": True,
    "paid with public funds": True,
    "without public funds": False,
    "not publicly funded": False,
    "privately funded": False,
    "公的資金": True,
    "公費": True,
    "民間資金": False,
    "自己資金": False,
}

BOARD: dict[str, Any] = {
    "with a board": True,
    "with a board of directors": True,
    "without a board": False,
}

LANGUAGE: dict[str, Any] = {
    "english": "en",
    "en": "en",
    "japanese": "ja",
    "ja": "ja",
    "英語": "en",
    "日本語": "ja",
}

ENGINE: dict[str, Any] = {
    "oracle": "oracle",
    "durable": "durable",
    "durable-rules": "durable",
}

BOOLEAN: dict[str, Any] = {
    "yes": True,
    "true": True,
    "y": True,
    "no": False,
    "false": False,
    "n": False,
    "はい": True,
    "あり": True,
    "有": True,
    "○": True,
    "いいえ": False,
    "なし": False,
    "無": False,
    "×": False,
}

TABLE: dict[str, Any] = {
    "parties": TableKind("parties"),
    "people": TableKind("parties", {"type": PERSON}),
    "persons": TableKind("parties", {"type": PERSON}),
    "supporters": TableKind("parties", {"type": PERSON, "roles": ["supporter"]}),
    "reviewers": TableKind("parties", {"type": PERSON, "roles": ["reviewer"]}),
    "organisations": TableKind("parties", {"type": ORG}),
    "organizations": TableKind("parties", {"type": ORG}),
    "companies": TableKind("parties", {"type": ORG, "legal_form": "kabushiki_kaisha"}),
    "relations": TableKind("relations"),
    "relationships": TableKind("relations"),
    "engagements": TableKind("engagements"),
    "interests": TableKind("interests"),
    "investments": TableKind("interests", {"type": "investment"}),
    "board seats": TableKind("interests", {"type": "board_seat"}),
    "collaborations": TableKind("interests", {"type": "collaboration"}),
    "transactions": TableKind("interests", {"type": "collaboration"}),
    "deals": TableKind("interests", {"type": "collaboration"}),
    "remunerations": TableKind("interests", {"type": "remuneration"}),
    "disclosures": TableKind("disclosures"),
    "reviews": TableKind("reviews"),
    "conditions": TableKind("conditions"),
    "approval conditions": TableKind("conditions"),
    "resolutions": TableKind("resolutions"),
    "waivers": TableKind("waivers"),
    "関係者": TableKind("parties"),
    "当事者": TableKind("parties"),
    "人物": TableKind("parties", {"type": PERSON}),
    "支援者": TableKind("parties", {"type": PERSON, "roles": ["supporter"]}),
    "審査者": TableKind("parties", {"type": PERSON, "roles": ["reviewer"]}),
    "法人": TableKind("parties", {"type": ORG}),
    "団体": TableKind("parties", {"type": ORG}),
    "会社": TableKind("parties", {"type": ORG, "legal_form": "kabushiki_kaisha"}),
    "関係": TableKind("relations"),
    "伴走支援契約": TableKind("engagements"),
    "契約": TableKind("engagements"),
    "利害関係": TableKind("interests"),
    "出資": TableKind("interests", {"type": "investment"}),
    "役員就任": TableKind("interests", {"type": "board_seat"}),
    "取引": TableKind("interests", {"type": "collaboration"}),
    "報酬": TableKind("interests", {"type": "remuneration"}),
    "gifts": TableKind("interests", {"type": "gift"}),
    "bids": TableKind("bids"),
    "pledges": TableKind("pledges"),
    "permissions": TableKind("permissions"),
    "贈答": TableKind("interests", {"type": "gift"}),
    "贈答・接待": TableKind("interests", {"type": "gift"}),
    "入札": TableKind("bids"),
    "誓約": TableKind("pledges"),
    "兼業許可": TableKind("permissions"),
    "開示": TableKind("disclosures"),
    "審査": TableKind("reviews"),
    "第三者チェック": TableKind("reviews"),
    "承認条件": TableKind("conditions"),
    "決議": TableKind("resolutions"),
    "例外承認": TableKind("waivers"),
    # 会社法・一般法人法 (issue #12)
    "competitions": TableKind("interests", {"type": "competition"}),
    "guarantees": TableKind("interests", {"type": "collaboration", "kind": "guarantee"}),
    "競業": TableKind("interests", {"type": "competition"}),
    "債務保証": TableKind("interests", {"type": "collaboration", "kind": "guarantee"}),
}

# banso-shien v2

GIFT_KIND: dict[str, Any] = {
    "gift": "gift",
    "present": "gift",
    "hospitality": "hospitality",
    "entertainment": "hospitality",
    "贈答": "gift",
    "贈答品": "gift",
    "贈り物": "gift",
    "接待": "hospitality",
    "会食": "hospitality",
}

BID_METHOD: dict[str, Any] = {
    "open": "open",
    "open tender": "open",
    "an open tender": "open",
    "designated": "designated",
    "designated tender": "designated",
    "a designated tender": "designated",
    "negotiated": "negotiated",
    "negotiated contract": "negotiated",
    "a negotiated contract": "negotiated",
    "一般競争入札": "open",
    "一般競争": "open",
    "指名競争入札": "designated",
    "指名競争": "designated",
    "随意契約": "negotiated",
    "随契": "negotiated",
}

VOCABULARIES: dict[str, Mapping[str, Any]] = {
    "state": STATE,
    "severity": SEVERITY,
    "decision": DECISION,
    "role": ROLE,
    "scheme": SCHEME,
    "deal_kind": DEAL_KIND,
    "deal_verb": DEAL_VERB,
    "relation": RELATION,
    "relation_pair": RELATION_PAIR,
    "relation_type": RELATION_TYPE,
    "legal_form": LEGAL_FORM,
    "party_kind": PARTY_KIND,
    "party_type": PARTY_TYPE,
    "party_role": PARTY_ROLE,
    "interest_type": INTEREST_TYPE,
    "body": BODY,
    "resolution_kind": RESOLUTION_KIND,
    "public_funds": PUBLIC_FUNDS,
    "board": BOARD,
    "language": LANGUAGE,
    "engine": ENGINE,
    "boolean": BOOLEAN,
    "table": TABLE,
    "gift_kind": GIFT_KIND,
    "bid_method": BID_METHOD,
}
"""Every vocabulary by the slot kind that uses it."""

DESCRIPTIONS: dict[str, str] = {
    "state": "the state of a finding",
    "severity": "the severity of a finding",
    "decision": "a reviewer's decision",
    "role": "a board seat's role (執行役員 is executive_officer, a title outside the statute)",
    "scheme": "an engagement's funding scheme",
    "deal_kind": "the kind of a collaboration (default service)",
    "deal_verb": "a verb saying what kind of business a collaboration is",
    "relation": "a relation, read from the first party to the second",
    "relation_pair": "a relation that holds both ways",
    "relation_type": "a relation type in a table",
    "legal_form": "an organisation's legal form",
    "party_kind": "what a party is (sets its type, legal form and roles)",
    "party_type": "a party's type in a table",
    "party_role": "a party's roles in a table",
    "interest_type": "an interest's type in a table",
    "body": "the corporate body of a resolution",
    "resolution_kind": "what a resolution does, in a table",
    "public_funds": "whether an engagement is paid from public funds",
    "board": "whether a company has a board of directors",
    "language": "the language of a finding's message",
    "engine": "the evaluator that runs the check (default oracle)",
    "boolean": "yes or no in a table",
    "table": "what the rows of a data table are",
    "gift_kind": "a gift or hospitality (贈答・接待)",
    "bid_method": "how a public contract is procured (随意契約 is negotiated)",
}
"""One line per vocabulary, for the step reference."""


def lookup(vocabulary: Mapping[str, Any], phrase: str) -> tuple[bool, Any]:
    """``(True, value)`` for a phrase of `vocabulary` (any letter case), else ``(False, None)``."""
    key = tight(phrase).casefold()
    for word, value in vocabulary.items():
        if tight(word).casefold() == key:
            return True, value
    return False, None
