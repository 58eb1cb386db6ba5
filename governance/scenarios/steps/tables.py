"""Given steps with a data table: many facts of one kind, one row each.

The header names the fields, in English or Japanese (`COLUMNS`); an empty cell leaves the field
out. Cells are read like step values, without quotes: parties by id or name, lists as
``INV-1, SEAT-1``, yes/no as ``yes``/``no``/``はい``/``いいえ``, amounts as ``3,000,000``.
A column ``worth`` (金額) is a collaboration's value or any other interest's amount.
"""

from __future__ import annotations

import copy
from typing import Any

from governance.errors import did_you_mean
from governance.scenarios.failures import StepFailure
from governance.scenarios.steps.model import Args, StepDef, read
from governance.scenarios.vocabulary import TableKind
from governance.scenarios.world import World

Column = tuple[str, str, tuple[str, ...]]
"""A field, the kind its cells hold, and the headers that name it."""

_ID: Column = ("id", "id", ("id", "番号", "識別子"))
_START: Column = ("start", "date", ("start", "since", "start date", "開始", "開始日", "始期"))
_END: Column = ("end", "date", ("end", "until", "end date", "終了", "終了日", "終期"))

COLUMNS: dict[str, tuple[Column, ...]] = {
    "parties": (
        _ID,
        ("type", "party_type", ("type", "種類", "種別")),
        ("name", "name", ("name", "名前", "氏名", "名称")),
        ("legal_form", "legal_form", ("legal form", "form", "法人形態")),
        ("has_board", "boolean", ("board", "has board", "取締役会")),
        ("listed", "boolean", ("listed", "上場")),
        ("roles", "party_roles", ("roles", "role", "役割")),
    ),
    "relations": (
        _ID,
        ("from", "party", ("from", "who", "主体", "誰が")),
        ("to", "party", ("to", "whom", "相手", "誰と")),
        ("type", "relation_type", ("type", "relation", "種類", "関係")),
        _START,
        _END,
    ),
    "engagements": (
        _ID,
        ("supporter", "party", ("supporter", "支援者")),
        ("client", "party", ("client", "supported entity", "支援先")),
        ("funder", "party", ("funder", "資金提供者", "発注者")),
        ("scheme", "scheme", ("scheme", "方式", "スキーム")),
        ("public_funds", "boolean", ("public funds", "公的資金", "公費")),
        ("evaluator", "party", ("evaluator", "評価者")),
        _START,
        _END,
    ),
    "interests": (
        _ID,
        ("type", "interest_type", ("type", "種類", "種別")),
        ("holder", "party", ("holder", "保有者", "名義人")),
        ("entity", "party", ("entity", "in", "with", "相手先", "先")),
        _START,
        _END,
        ("equity_pct", "pct", ("equity", "equity %", "equity pct", "stake", "持分", "出資比率")),
        ("amount", "money", ("amount", "出資額", "報酬額")),
        ("value", "money", ("value", "取引額")),
        ("worth", "money", ("worth", "金額")),
        ("role", "role", ("role", "役職")),
        ("compensated", "boolean", ("compensated", "有償")),
        ("kind", "deal_kind", ("kind", "取引種別", "内容")),
        (
            "paid_from_public_funds",
            "boolean",
            ("paid from public funds", "public funds", "公的資金", "公費"),
        ),
        ("beneficiary", "party", ("beneficiary", "for the benefit of", "受益者")),
        ("standard_terms", "boolean", ("standard terms", "約款取引", "定型取引")),
        ("line", "text", ("line", "line of business", "事業の部類")),
    ),
    "disclosures": (
        _ID,
        ("interests", "facts", ("interests", "interest", "対象", "利害関係")),
        ("filed_by", "party", ("filed by", "by", "提出者", "開示者")),
        ("filed_to", "party", ("filed to", "to", "提出先", "開示先")),
        ("filed_on", "date", ("filed on", "on", "date", "提出日", "開示日", "日付")),
    ),
    "reviews": (
        _ID,
        ("interests", "facts", ("interests", "interest", "対象", "利害関係")),
        ("reviewer", "party", ("reviewer", "審査者")),
        ("decision", "decision", ("decision", "判断", "結果", "決定")),
        ("decided_on", "date", ("decided on", "on", "date", "審査日", "決定日", "日付")),
    ),
    "conditions": (
        _ID,
        ("review", "fact", ("review", "審査")),
        ("text", "text", ("text", "condition", "内容", "条件")),
        ("due", "date", ("due", "期限")),
        ("met_on", "date", ("met on", "met", "充足日", "達成日")),
    ),
    "resolutions": (
        _ID,
        ("entity", "party", ("entity", "company", "会社", "法人")),
        ("body", "body", ("body", "機関")),
        ("kind", "resolution_kind", ("kind", "種類", "種別", "区分")),
        ("interests", "facts", ("interests", "transactions", "対象", "取引")),
        ("date", "date", ("date", "on", "日付", "決議日")),
        ("voters", "parties", ("voters", "議決参加者")),
        (
            "material_facts_disclosed",
            "boolean",
            ("material facts disclosed", "disclosed", "重要事実の開示", "重要な事実の開示"),
        ),
    ),
    "waivers": (
        _ID,
        ("rule", "text", ("rule", "ルール", "規則")),
        ("subject", "fact", ("subject", "対象")),
        ("requested_by", "party", ("requested by", "申請者")),
        ("approved_by", "party", ("approved by", "承認者")),
        ("approved_on", "date", ("approved on", "承認日")),
        ("expires_on", "date", ("expires on", "until", "expiry", "期限", "有効期限")),
        ("reason", "text", ("reason", "理由")),
    ),
}
"""The columns a table of each collection may have."""

EMPTY = ("", "-", "—", "－")
"""Cells that leave a field out."""


def header_key(text: str) -> str:
    """A header as looked up: any case, ``_`` and ``-`` as spaces, spaces collapsed."""
    return " ".join(text.replace("_", " ").replace("-", " ").split()).casefold()


def column(collection: str, header: str) -> Column:
    """The column of `collection` that `header` names.

    Raises:
        StepFailure: for a header no column has, listing the ones that exist.
    """
    key = header_key(header)
    for candidate in COLUMNS[collection]:
        if key == header_key(candidate[0]) or key in (header_key(h) for h in candidate[2]):
            return candidate
    names = [h for c in COLUMNS[collection] for h in c[2]]
    raise StepFailure(
        f"unknown column '{header}'{did_you_mean(header, names)} in a table of "
        f"{collection}; the columns are: {', '.join(c[2][0] for c in COLUMNS[collection])}"
    )


def add_rows(world: World, args: Args) -> None:
    """Add one fact per row of the step's data table."""
    kind: TableKind = args.get(world, "_table")
    if not args.table or len(args.table) < 2:
        raise StepFailure("this step needs a data table: a header row and one row per fact")
    header, *rows = args.table
    columns = [column(kind.collection, h) for h in header]
    for row in rows:
        fact: dict[str, Any] = copy.deepcopy(dict(kind.fixed))
        for (name, cell_kind, _), cell in zip(columns, row, strict=True):
            if cell.strip() not in EMPTY:
                fact[name] = read(world, cell_kind, cell, name, cell=True)
        if "worth" in fact:
            fact["value" if fact.get("type") == "collaboration" else "amount"] = fact.pop("worth")
        world.add(kind.collection, fact)


STEPS = (
    StepDef(
        key="given.table",
        kind="given",
        topic="Tables",
        doc="""Many facts of one kind from a data table, one row each.

The words after "these" say what the rows are (see the `table` vocabulary: `investments`
rows are interests of type investment, and so on); the header names the columns (see
"Table columns" below).""",
        en=("(these|the following) {_table:table}", "the {_table:table} are"),
        ja=("(次の|以下の){_table:table}", "{_table:table}は次のとおり"),
        examples=(
            "these interests",
            "the following board seats",
            "次の出資",
            "利害関係は次のとおり",
        ),
        action=add_rows,
        table=True,
    ),
)
"""The table step."""
