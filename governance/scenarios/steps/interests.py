"""Given steps for interests and what follows them: disclosures, reviews, resolutions, waivers.

One fact per sentence; slots are named after the register's fields (see
`governance.scenarios.steps.actions`).
"""

from __future__ import annotations

from governance.scenarios.steps.actions import add, change
from governance.scenarios.steps.model import StepDef

_UNTIL = "[ (to|until) {end:date}]"
_SINCE_JA = "{start:date} から[ {end:date} まで]"
_ON_JA = "{start:date} (に|から)[ {end:date} まで]"
"""A start written as a day something happened (に) or as a beginning (から)."""
_ID_JA = "[（{id:id}）]"

INTERESTS = (
    StepDef(
        key="given.investment",
        kind="given",
        topic="Interests",
        doc="""An investment: the holder owns a stake in the entity from a day on.

The id is `INV-1`, `INV-2`, ... unless given.""",
        en=(
            "(an|the) investment[ {id:id}] (by|of) {holder:party} in {entity:party}"
            "[ of {equity_pct:pct}][ worth {amount:money}] from {start:date}" + _UNTIL,
            "{holder:party} (holds|owns|has) {equity_pct:pct} of {entity:party}"
            "[ worth {amount:money}] from {start:date}" + _UNTIL + "[ as {id:id}]",
            "{holder:party} invests[ {amount:money}] in {entity:party}[ for {equity_pct:pct}]"
            " on {start:date}[ as {id:id}]",
        ),
        ja=(
            f"{{holder:party}} (は|が) {_SINCE_JA} {{entity:party}} に[ {{equity_pct:pct}}]"
            "[ {amount:money}] 出資(している|した|する)[（{id:id}）]",
            f"{{holder:party}} (は|が) {_SINCE_JA} {{entity:party}} の株式を {{equity_pct:pct}}"
            " (保有している|持っている)[（{id:id}）]",
            f"{{holder:party}} (は|が) {_ON_JA} {{entity:party}} (に|へ)[ {{equity_pct:pct}}]"
            "[ {amount:money}] 出資(している|した|する)" + _ID_JA,
            f"{{holder:party}} (は|が) {{entity:party}} (に|へ) {_ON_JA}[ {{equity_pct:pct}}]"
            "[ {amount:money}] 出資(している|した|する)" + _ID_JA,
        ),
        examples=(
            'an investment "INV-1" by "田中" in "気仙沼水産" of 12.5% from 2026-06-01',
            '"田中プランニング" holds 20% of "気仙沼水産" from 2026-06-01 as "INV-2"',
            '"田中" invests 5,000,000 in "気仙沼水産" for 5% on 2026-06-01',
            '"田中" は 2026-06-01 から "気仙沼水産" に 12.5% 出資している（"INV-1"）',
            '"田中" が 2026-06-01 から 2026-12-31 まで "気仙沼水産" の株式を 40% 保有している',
            '"佐藤" は 2026-06-01 に "唐桑かき" へ 10% 出資した',
            '"佐藤" は "唐桑かき" に 2026-06-01 に 3,000,000円 出資した（"INV-2"）',
        ),
        action=add("interests", type="investment"),
    ),
    StepDef(
        key="given.board-seat",
        kind="given",
        topic="Interests",
        doc="""A board seat: the holder sits on the entity's board in a role (see `role`).

The id is `SEAT-1`, `SEAT-2`, ... unless given.""",
        en=(
            "(a|the) board seat[ {id:id}] (for|of) {holder:party} (at|in|on) {entity:party} "
            "as {role:role} from {start:date}" + _UNTIL,
            "{holder:party} (is|becomes|became|serves as)[ (a|an|the)] {role:role} of "
            "{entity:party} from {start:date}" + _UNTIL + "[ as {id:id}]",
        ),
        ja=(
            f"{{holder:party}} (は|が) {_SINCE_JA} {{entity:party}} の{{role:role}}"
            "(である|です|を務める|を務めている|に就任している|に就任した)[（{id:id}）]",
            f"{{holder:party}} (は|が) {_ON_JA} {{entity:party}} の{{role:role}}"
            "(である|です|を務める|を務めている|に就任している|に就任した|になった)" + _ID_JA,
            f"{{holder:party}} (は|が) {{entity:party}} の{{role:role}}(に|を) {_ON_JA}"
            " (就任した|就任している|務めている)" + _ID_JA,
        ),
        examples=(
            'a board seat "SEAT-1" for "田中" at "気仙沼水産" as director from 2026-07-01',
            '"田中" is a director of "気仙沼水産" from 2026-01-01 as "SEAT-1"',
            '"田中" は 2026-01-01 から "気仙沼水産" の取締役である（"SEAT-1"）',
            '"佐藤" は 2026-07-01 に "唐桑かき" の監査役に就任した',
            '"佐藤" は "唐桑かき" の取締役に 2026-07-01 に就任した（"SEAT-2"）',
        ),
        action=add("interests", type="board_seat"),
    ),
    StepDef(
        key="given.board-seat-compensated",
        kind="given",
        topic="Interests",
        doc="The board seat is paid.",
        en=("(the board seat|{target:fact}) is (compensated|paid)",),
        ja=("(この役職|{target:fact}) は(有償|有報酬)[ (です|である)]",),
        examples=('"SEAT-1" is compensated', "この役職は有償"),
        action=change("interests", compensated=True),
    ),
    StepDef(
        key="given.collaboration",
        kind="given",
        topic="Interests",
        doc="""A collaboration: business between the holder and the entity, worth an amount.

The kind is `service` unless given (see `deal_kind` and `deal_verb`). The id is `COL-1`,
`COL-2`, ... unless given.""",
        en=(
            "(a|the)[ {kind:deal_kind}] collaboration[ {id:id}] between {holder:party} and "
            "{entity:party} worth {value:money} from {start:date}" + _UNTIL,
            "{holder:party} {kind:deal_verb} {entity:party} (worth|for) {value:money} from "
            "{start:date}" + _UNTIL + "[ as {id:id}]",
            "{holder:party} does[ {kind:deal_kind}] business with {entity:party} worth "
            "{value:money} from {start:date}" + _UNTIL + "[ as {id:id}]",
        ),
        ja=(
            f"{{holder:party}} (は|が) {_SINCE_JA} {{entity:party}} と {{value:money}} の"
            "[{kind:deal_kind}]取引(をしている|がある|をした|を行っている)[（{id:id}）]",
            f"{{holder:party}} (は|が) {_ON_JA} {{entity:party}} と {{value:money}} の"
            "[{kind:deal_kind}]取引(をしている|がある|をした|を行っている|を始めた)" + _ID_JA,
            f"{{holder:party}} (は|が) {{entity:party}} と {_ON_JA} {{value:money}} の"
            "[{kind:deal_kind}]取引(をしている|がある|をした|を行っている|を始めた)" + _ID_JA,
        ),
        examples=(
            'a collaboration "COL-1" between "田中プランニング" and "気仙沼水産" worth 3,000,000 '
            "from 2026-09-01",
            '"田中" sells to "気仙沼水産" for 2,000,000円 from 2025-10-01 as "COL-1"',
            '"田中" does business with "気仙沼水産" worth 1 from 2026-09-01',
            '"田中プランニング" は 2026-09-01 から "気仙沼水産" と 3,000,000円 の業務委託取引を'
            'している（"COL-1"）',
            '"佐藤" は 2026-09-01 に "唐桑かき" と 800,000円 の販売取引をした',
            '"佐藤" は "唐桑かき" と 2026-09-01 から 800,000円 の取引をしている（"COL-2"）',
        ),
        action=add("interests", type="collaboration"),
    ),
    StepDef(
        key="given.collaboration-public-funds",
        kind="given",
        topic="Interests",
        doc="The collaboration is paid from public funds.",
        en=("(the collaboration|{target:fact}) is paid from public funds",),
        ja=("(この取引|{target:fact}) (は|の代金は)公的資金(から|で)支払われ(ている|る)",),
        examples=(
            '"COL-1" is paid from public funds',
            "この取引の代金は公的資金から支払われている",
        ),
        action=change("interests", paid_from_public_funds=True),
    ),
    StepDef(
        key="given.remuneration",
        kind="given",
        topic="Interests",
        doc="""Remuneration the holder receives from the entity for the period.

The id is `REM-1`, `REM-2`, ... unless given.""",
        en=(
            "(a|the) remuneration[ {id:id}] of {amount:money} (to|for) {holder:party} "
            "(from|by) {entity:party} from {start:date}" + _UNTIL,
            "{entity:party} pays {holder:party} {amount:money} from {start:date}"
            + _UNTIL
            + "[ as {id:id}]",
        ),
        ja=(
            f"{{holder:party}} (は|が) {_SINCE_JA} {{entity:party}} から {{amount:money}} の"
            "報酬を(受けている|受け取っている|受けた)[（{id:id}）]",
            f"{{holder:party}} (は|が) {_ON_JA} {{entity:party}} から {{amount:money}} の"
            "報酬を(受けている|受け取っている|受けた|受け取った)" + _ID_JA,
            f"{{holder:party}} (は|が) {{entity:party}} から {_ON_JA} {{amount:money}} の"
            "報酬を(受けている|受け取っている|受けた|受け取った)" + _ID_JA,
            f"{{entity:party}} (は|が) {_ON_JA} {{holder:party}} (に|へ) {{amount:money}} の"
            "報酬を(支払っている|支払った|払っている|払った)" + _ID_JA,
        ),
        examples=(
            'a remuneration "REM-1" of 1,200,000 to "田中" from "気仙沼水産" from 2026-04-01',
            '"気仙沼水産" pays "田中" 600,000 from 2026-04-01 to 2027-03-31',
            '"田中" は 2026-04-01 から "気仙沼水産" から 120万円 の報酬を受けている',
            '"佐藤" は 2026-04-01 に "唐桑かき" から 300,000円 の報酬を受け取った',
            '"唐桑かき" は 2026-04-01 から "佐藤" に 600,000円 の報酬を支払っている（"REM-2"）',
        ),
        action=add("interests", type="remuneration"),
    ),
    StepDef(
        key="given.ended",
        kind="given",
        topic="Interests",
        doc="An interest (or any fact with an end, such as a relation with an id) ended.",
        en=(
            "(the interest|{target:fact}) (ended|ends|was sold|was given up|was divested) "
            "on {end:date}",
        ),
        ja=(
            "(この利害関係|{target:fact}) は {end:date} に"
            "(終了した|終了する|解消した|手放した|売却した|退任した)",
            "(この利害関係|{target:fact}) の終了日は {end:date}[ (です|である)]",
        ),
        examples=('"INV-1" was sold on 2026-09-28', '"SEAT-1" は 2026-09-30 に退任した'),
        action=change("interests"),
    ),
)

DISCLOSURES = (
    StepDef(
        key="given.disclosure",
        kind="given",
        topic="Disclosures",
        doc="""A disclosure of one or more interests, filed by someone to someone on a day.

The id is `D-1`, `D-2`, ... unless given.""",
        en=(
            "{filed_by:party} disclosed {interests:facts} to {filed_to:party} on "
            "{filed_on:date}[ as {id:id}]",
            "(a|the) disclosure[ {id:id}] of {interests:facts} (by|from) {filed_by:party} to "
            "{filed_to:party} (on|filed on) {filed_on:date}",
        ),
        ja=(
            "{filed_by:party} (は|が) {filed_on:date} に {interests:facts} を {filed_to:party} "
            "(に|へ)開示した[（{id:id}）]",
            "{filed_by:party} (は|が) {interests:facts} を {filed_on:date} に {filed_to:party} "
            "(に|へ)開示した[（{id:id}）]",
        ),
        examples=(
            '"田中" disclosed "INV-1" and "SEAT-1" to "気仙沼市" on 2026-06-20',
            'a disclosure "D-1" of "INV-1" by "田中" to "気仙沼市" on 2026-07-01',
            '"田中" は 2026-07-01 に "INV-1" を "気仙沼市" に開示した（"D-1"）',
        ),
        action=add("disclosures"),
    ),
)

REVIEWS = (
    StepDef(
        key="given.review",
        kind="given",
        topic="Reviews",
        doc="""A third-party review (第三者チェック) of interests, decided on a day.

The decision is a word of the `decision` vocabulary. The id is `RV-1`, `RV-2`, ... unless
given.""",
        en=(
            "{reviewer:party} {decision:decision} {interests:facts} on {decided_on:date}"
            "[ as {id:id}]",
            "(a|the) review[ {id:id}] (by|from) {reviewer:party} {decision:decision} "
            "{interests:facts} on {decided_on:date}",
        ),
        ja=(
            "{reviewer:party} (は|が) {decided_on:date} に {interests:facts} を"
            "{decision:decision}[（{id:id}）]",
        ),
        examples=(
            '"佐藤" approved "INV-1" on 2026-05-20',
            'a review "RV-1" by "佐藤" rejected "INV-1" on 2026-07-01',
            '"佐藤" は 2026-05-20 に "INV-1" を承認した（"RV-1"）',
            '"佐藤" が 2026-07-01 に "INV-1" を却下した',
        ),
        action=add("reviews"),
    ),
    StepDef(
        key="given.review-conditional",
        kind="given",
        topic="Reviews",
        doc="A review approving interests with conditions (add them with the condition step).",
        en=(
            "{reviewer:party} approved {interests:facts} with conditions on {decided_on:date}"
            "[ as {id:id}]",
        ),
        ja=(
            "{reviewer:party} (は|が) {decided_on:date} に条件付きで {interests:facts} を"
            "承認した[（{id:id}）]",
        ),
        examples=(
            '"佐藤" approved "INV-1" with conditions on 2026-05-20 as "RV-1"',
            '"佐藤" は 2026-05-20 に条件付きで "INV-1" を承認した（"RV-1"）',
        ),
        action=add("reviews", decision="approved_with_conditions"),
    ),
    StepDef(
        key="given.review-pending",
        kind="given",
        topic="Reviews",
        doc="A review not yet decided.",
        en=(
            "{reviewer:party} is[ still] reviewing {interests:facts}[ as {id:id}]",
            "(a|the) pending review[ {id:id}] of {interests:facts} by {reviewer:party}",
        ),
        ja=("{reviewer:party} (は|が) {interests:facts} を審査中[ (です|である)][（{id:id}）]",),
        examples=('"佐藤" is still reviewing "INV-1"', '"佐藤" は "INV-1" を審査中'),
        action=add("reviews", decision="pending"),
    ),
    StepDef(
        key="given.condition",
        kind="given",
        topic="Reviews",
        doc="""A condition of a review (the last review unless one is named), with a due day.

A condition needs an id (findings of `review.condition-overdue` are about it) and a text.""",
        en=(
            "(the review|{review:fact}) (has|sets|imposes)[ (a|the)] condition {id:id}[:] "
            "{text:text}[,][ due {due:date}]",
        ),
        ja=(
            "(この審査|{review:fact}) (の|には)[承認]条件 {id:id}[:] {text:text}[、]"
            "[ 期限 {due:date}][ (がある|が付いている)]",
        ),
        examples=(
            'the review has condition "C-1": "議決権行使の回避", due 2026-12-31',
            '"RV-1" の承認条件 "C-1" 「議決権行使の回避」、期限 2026-12-31',
        ),
        action=add("conditions"),
    ),
    StepDef(
        key="given.condition-met",
        kind="given",
        topic="Reviews",
        doc="A condition was met on a day (met after its due day counts as late).",
        en=("(the condition|[condition ]{target:fact}) (was|is) (met|fulfilled) on {met_on:date}",),
        ja=(
            "(この条件|[承認条件 ]{target:fact}) は {met_on:date} に"
            "(充足された|達成された|履行された|満たされた)",
        ),
        examples=('condition "C-1" was met on 2026-12-31', '"C-1" は 2027-01-01 に充足された'),
        action=change("conditions"),
    ),
)

RESOLUTIONS = (
    StepDef(
        key="given.approval",
        kind="given",
        topic="Resolutions",
        doc="""A corporate approval of transactions (会社法 356条・365条).

By the board or by the shareholders, optionally naming who voted. The id is `RES-1`, ...
unless given.""",
        en=(
            "the {body:body} of {entity:party} approved {interests:facts} on {date:date}"
            "[ with {voters:parties} voting][ as {id:id}]",
            "{interests:facts} (was|were) approved by the {body:body} of {entity:party} on "
            "{date:date}[ with {voters:parties} voting][ as {id:id}]",
        ),
        ja=(
            "{entity:party} の{body:body}(が|は) {date:date} に {interests:facts} を承認した"
            "[（{id:id}）]",
        ),
        examples=(
            'the board of "気仙沼水産" approved "COL-1" on 2026-08-20 with "田中" and "木村" '
            "voting",
            '"気仙沼水産" の取締役会が 2026-09-01 に "COL-1" を承認した（"RES-1"）',
        ),
        action=add("resolutions", kind="approval"),
    ),
    StepDef(
        key="given.report",
        kind="given",
        topic="Resolutions",
        doc="A report of transactions to the board after the fact (会社法 365条2項).",
        en=(
            "{interests:facts} (was|were) reported to the {body:body} of {entity:party} on "
            "{date:date}[ as {id:id}]",
        ),
        ja=(
            "{interests:facts} (は|が) {date:date} に {entity:party} の{body:body}に"
            "報告された[（{id:id}）]",
            "{date:date} に {entity:party} の{body:body}(に|へ) {interests:facts} を報告した"
            "[（{id:id}）]",
        ),
        examples=(
            '"COL-1" was reported to the board of "気仙沼水産" on 2026-10-01',
            '"COL-1" は 2026-10-01 に "気仙沼水産" の取締役会に報告された',
        ),
        action=add("resolutions", kind="report"),
    ),
    StepDef(
        key="given.voters",
        kind="given",
        topic="Resolutions",
        doc="Who voted on a resolution (the last one unless named).",
        en=("{voters:parties} voted[ on (the resolution|{target:fact})]",),
        ja=("{voters:parties} (が|は)[ (この決議|{target:fact}) の]議決に(加わった|参加した)",),
        examples=('"田中" and "木村" voted', '"田中" が議決に加わった'),
        action=change("resolutions"),
    ),
)

WAIVERS = (
    StepDef(
        key="given.waiver",
        kind="given",
        topic="Waivers",
        doc="""An exception (例外承認) to one rule for one subject, approved until a day.

A waiver without a reason has an empty reason, which `waiver.invalid` reports. The id is
`W-1`, ... unless given.""",
        en=(
            "(a|the) waiver[ {id:id}] of {rule:text} for {subject:fact}[,] requested by "
            "{requested_by:party}[,][ and] approved by {approved_by:party} on "
            "{approved_on:date}[,] (until|expiring on|expires on|valid until) "
            "{expires_on:date}[,][ (because|reason:) {reason:text}]",
            "{approved_by:party} waived {rule:text} for {subject:fact} on {approved_on:date} "
            "until {expires_on:date}[,] at the request of {requested_by:party}[,]"
            "[ because {reason:text}][ as {id:id}]",
        ),
        ja=(
            "{approved_by:party} (は|が) {approved_on:date} に {subject:fact} の {rule:text} を"
            "例外承認した（[{id:id}、]申請者 {requested_by:party}、期限 {expires_on:date}"
            "[、理由 {reason:text}]）",
        ),
        examples=(
            'a waiver "W-1" of "collaboration.during-engagement" for "COL-1" requested by '
            '"田中" and approved by "気仙沼市" on 2026-10-01 until 2027-03-31 because '
            '"地域唯一の加工業者"',
            '"気仙沼市" waived "pfs.evaluator-missing" for "ENG-1" on 2026-04-01 until '
            '2026-09-30 at the request of "田中" because "評価者を公募中"',
            '"気仙沼市" が 2026-10-01 に "COL-1" の "collaboration.during-engagement" を'
            '例外承認した（"W-1"、申請者 "田中"、期限 2027-03-31、理由 "地域唯一の加工業者"）',
        ),
        action=add("waivers"),
    ),
)

STEPS = (*INTERESTS, *DISCLOSURES, *REVIEWS, *RESOLUTIONS, *WAIVERS)
"""Every Given step about interests, disclosures, reviews, resolutions and waivers."""
