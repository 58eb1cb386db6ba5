"""Given steps for who is who: parties, their relations and engagements, one per sentence.

Slots are named after the register's fields; see `governance.scenarios.steps.actions`.
"""

from __future__ import annotations

from governance.scenarios.steps.actions import add, change
from governance.scenarios.steps.model import StepDef

_PERIOD_EN = "[ (since|from) {start:date}][ (until|to) {end:date}]"
_PERIOD_JA = "[（{start:date} から[ {end:date} まで]）]"
_UNTIL = "[ (to|until) {end:date}]"
_SINCE_JA = "{start:date} から[ {end:date} まで]"

PARTIES = (
    StepDef(
        key="given.party",
        kind="given",
        topic="Parties",
        doc="""A person or an organisation.

The word before the name says what it is (see the `party_kind` vocabulary): a supporter,
reviewer or evaluator is a person with that role; a company is a kabushiki kaisha; a
municipality is a funder. The id is the name without spaces unless one is given. Later steps
name the party by id, by its whole name, by one word of it (`"田中"` for 田中 一郎) or by the
start of it (`"田中プランニング"` for 田中プランニング合同会社).""",
        en=(
            "(a|an) {_kind:party_kind} {name:name}[ {has_board:board}]",
            "(a|an) {_kind:party_kind} {id:id} named {name:name}[ {has_board:board}]",
        ),
        ja=(
            "{_kind:party_kind} {name:name}[（{id:id}）][ (がいる|がある|です|である)]",
            "{name:name}[（{id:id}）] は{_kind:party_kind}[ (です|である)]",
        ),
        examples=(
            'a supporter "田中 一郎"',
            'a company "気仙沼水産株式会社" with a board',
            'a reviewer "P-SATO" named "佐藤 花子"',
            '支援者 "田中 一郎" がいる',
            '取締役会設置会社 "気仙沼水産株式会社" がある',
            '"佐藤 花子" は審査者',
        ),
        action=add("parties"),
    ),
    StepDef(
        key="given.party-board",
        kind="given",
        topic="Parties",
        doc="The company has a board of directors (取締役会設置会社).",
        en=("{target:party} has a board[ of directors]",),
        ja=("{target:party} (は|には)取締役会(がある|を設置している)",),
        examples=('"気仙沼水産" has a board', '"気仙沼水産" は取締役会を設置している'),
        action=change("parties", has_board=True),
    ),
    StepDef(
        key="given.party-listed",
        kind="given",
        topic="Parties",
        doc="The company is listed on a stock exchange.",
        en=("{target:party} is listed",),
        ja=("{target:party} は上場している",),
        examples=('"気仙沼水産" is listed', '"気仙沼水産" は上場している'),
        action=change("parties", listed=True),
    ),
    StepDef(
        key="given.party-legal-form",
        kind="given",
        topic="Parties",
        doc="Sets an organisation's legal form (see the `legal_form` vocabulary).",
        en=(
            "the legal form of {target:party} is {legal_form:legal_form}",
            "{target:party} is (a|an) {legal_form:legal_form}",
        ),
        ja=("{target:party} の法人形態は {legal_form:legal_form}[ (です|である)]",),
        examples=(
            'the legal form of "田中プランニング" is "godo_kaisha"',
            '"田中プランニング" の法人形態は 合同会社',
        ),
        action=change("parties"),
    ),
)

RELATIONS = (
    StepDef(
        key="given.relation",
        kind="given",
        topic="Relations",
        doc="""A relation from one party to another, optionally with the days it held.

`"A" controls "B"` means A controls B, so B's interests count as A's; `officer_of` and
`employed_by` read the same way. Spouses and households count both ways (see
`relation_pair`). Independence checks look at relations of any type, either way.""",
        en=(f"{{from:party}} {{type:relation}} {{to:party}}{_PERIOD_EN}",),
        ja=(
            "{from:party} (は|が)[ {start:date} から][ {end:date} まで] {to:party} {type:relation}",
            f"{{from:party}} (は|が) {{to:party}} {{type:relation}}{_PERIOD_JA}",
        ),
        examples=(
            '"田中" controls "田中プランニング" since 2020-01-01',
            '"佐藤" is employed by "気仙沼水産" from 2018-04-01 until 2025-03-31',
            '"田中" は 2020-01-01 から "田中プランニング" を支配している',
            '"佐藤" は "気仙沼水産" の従業員（2018-04-01 から 2025-03-31 まで）',
        ),
        action=add("relations"),
    ),
    StepDef(
        key="given.relation-pair",
        kind="given",
        topic="Relations",
        doc="A relation that holds both ways: spouses, a household, siblings, partners.",
        en=(f"{{from:party}} and {{to:party}} {{type:relation_pair}}{_PERIOD_EN}",),
        ja=("{from:party} と {to:party} は{type:relation_pair}[ (です|である)]" + _PERIOD_JA,),
        examples=(
            '"田中 一郎" and "田中 花子" are married since 2010-05-05',
            '"田中 一郎" と "田中 花子" は夫婦（2010-05-05 から）',
        ),
        action=add("relations"),
    ),
)

ENGAGEMENTS = (
    StepDef(
        key="given.engagement",
        kind="given",
        topic="Engagements",
        doc="""A supporter's engagement with a supported entity, for a period.

The scheme is `commission` and the engagement is not publicly funded unless a step says
otherwise; without a funder, disclosures are due to the client. The id is `ENG-1`, `ENG-2`,
... unless given.""",
        en=(
            "{supporter:party} supports {client:party}[ under {id:id}] from {start:date}"
            + _UNTIL
            + "[, funded by {funder:party}][,][ {public_funds:public_funds}]",
            "(an|the) engagement[ {id:id}] (of|by) {supporter:party} (with|for) "
            "{client:party} from {start:date}"
            + _UNTIL
            + "[, funded by {funder:party}][,][ {public_funds:public_funds}]",
        ),
        ja=(
            f"{{supporter:party}} (は|が) {_SINCE_JA} {{client:party}} を[伴走]支援"
            "(する|している)[（{id:id}）]",
            "伴走支援契約 {id:id}: {supporter:party} が {client:party} を支援する"
            f"（{_SINCE_JA}）",
        ),
        examples=(
            '"田中" supports "気仙沼水産" under "ENG-1" from 2026-04-01 to 2029-03-31, '
            'funded by "気仙沼市" with public funds',
            'an engagement "ENG-2" of "田中" with "気仙沼水産" from 2026-04-01',
            '"田中" は 2026-04-01 から 2029-03-31 まで "気仙沼水産" を伴走支援する（"ENG-1"）',
            '伴走支援契約 "ENG-1": "田中" が "気仙沼水産" を支援する（2026-04-01 から）',
        ),
        action=add("engagements"),
    ),
    StepDef(
        key="given.engagement-funder",
        kind="given",
        topic="Engagements",
        doc="Who funds the engagement (disclosures are due to the funder), and with what money.",
        en=(
            "(the engagement|{target:fact}) is funded by {funder:party}"
            "[ {public_funds:public_funds}]",
        ),
        ja=(
            "(この契約|{target:fact}) は {funder:party} の{public_funds:public_funds}による",
            "(この契約|{target:fact}) の資金提供者は {funder:party}[ (です|である)]",
        ),
        examples=(
            'the engagement is funded by "気仙沼市" with public funds',
            '"ENG-1" is funded by "気仙沼市"',
            '"ENG-1" は "気仙沼市" の公的資金による',
            'この契約の資金提供者は "気仙沼市"',
        ),
        action=change("engagements"),
    ),
    StepDef(
        key="given.engagement-public-funds",
        kind="given",
        topic="Engagements",
        doc="Whether the engagement is paid from public funds.",
        en=("(the engagement|{target:fact}) is {public_funds:public_funds}",),
        ja=("(この契約|{target:fact}) は{public_funds:public_funds}(による|で実施される)",),
        examples=(
            "the engagement is publicly funded",
            '"ENG-1" is not publicly funded',
            "この契約は公的資金による",
        ),
        action=change("engagements"),
    ),
    StepDef(
        key="given.engagement-scheme",
        kind="given",
        topic="Engagements",
        doc="The engagement's funding scheme (see the `scheme` vocabulary).",
        en=(
            "(the engagement|{target:fact}) is (a|an) {scheme:scheme} engagement",
            "the scheme of (the engagement|{target:fact}) is {scheme:scheme}",
        ),
        ja=(
            "(この契約|{target:fact}) の方式は {scheme:scheme}[ (です|である)]",
            "(この契約|{target:fact}) は{scheme:scheme}[(方式|型)][の契約][ (です|である)]",
        ),
        examples=(
            '"ENG-1" is a pay-for-success engagement',
            'the scheme of the engagement is "subsidy"',
            "この契約の方式は 成果連動型",
            '"ENG-1" は成果連動型の契約',
        ),
        action=change("engagements"),
    ),
    StepDef(
        key="given.engagement-evaluator",
        kind="given",
        topic="Engagements",
        doc="The evaluator of a pay-for-success (pfs) engagement.",
        en=(
            "the evaluator of (the engagement|{target:fact}) is {evaluator:party}",
            "{evaluator:party} evaluates (the engagement|{target:fact})",
        ),
        ja=(
            "(この契約|{target:fact}) の評価者は {evaluator:party}[ (です|である)]",
            "{evaluator:party} が (この契約|{target:fact}) を評価する",
        ),
        examples=(
            '"評価センター" evaluates "ENG-1"',
            '"ENG-1" の評価者は "評価センター"',
        ),
        action=change("engagements"),
    ),
)

STEPS = (*PARTIES, *RELATIONS, *ENGAGEMENTS)
"""Every Given step about parties, relations and engagements."""
