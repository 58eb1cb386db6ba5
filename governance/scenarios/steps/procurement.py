"""Given steps of banso-shien v2: gifts, arm's-length deals, bids, pledges and permissions.

One fact per sentence; slots are named after the register's fields (see
`governance.scenarios.steps.actions`).
"""

from __future__ import annotations

from governance.scenarios.steps.actions import add, change
from governance.scenarios.steps.model import StepDef

STEPS = (
    StepDef(
        key="given.gift",
        kind="given",
        topic="Gifts, bids, pledges and permissions",
        doc="""A gift or hospitality (贈答・接待) the holder received from the giver on a day.

The kind is `gift` unless given (see `gift_kind`). The id is `GIFT-1`, `GIFT-2`, ... unless
given.""",
        en=(
            "{holder:party} (received|receives) (a|an)[ {kind:gift_kind}] worth {value:money} "
            "from {entity:party} on {start:date}[ as {id:id}]",
        ),
        ja=(
            "{holder:party} (は|が) {start:date} に {entity:party} から {value:money} の"
            "{kind:gift_kind}を受けた[（{id:id}）]",
        ),
        examples=(
            '"田中" received a hospitality worth 12,000 from "気仙沼水産" on 2026-07-10',
            '"田中" receives a gift worth 8,000 from "小林" on 2026-07-10 as "GIFT-1"',
            '"田中" は 2026-07-10 に "気仙沼水産" から 12,000円 の接待を受けた（"GIFT-1"）',
        ),
        action=add("interests", type="gift"),
    ),
    StepDef(
        key="given.collaboration-arm-s-length",
        kind="given",
        topic="Gifts, bids, pledges and permissions",
        doc="The collaboration is at arm's length: market price, open terms, documented.",
        en=("(the collaboration|{target:fact}) is at arm's length",),
        ja=("(この取引|{target:fact}) は市場価格・公開条件による独立当事者間取引(である|です)",),
        examples=(
            '"COL-1" is at arm\'s length',
            "この取引は市場価格・公開条件による独立当事者間取引である",
        ),
        action=change("interests", arm_s_length=True),
    ),
    StepDef(
        key="given.bid",
        kind="given",
        topic="Gifts, bids, pledges and permissions",
        doc="""A bid for a public contract of the procurer, by a method (see `bid_method`).

The id is `BID-1`, `BID-2`, ... unless given.""",
        en=(
            "{bidder:party} (bid|bids) for {title:text} of {procurer:party} (by|in|as) "
            "{method:bid_method} on {submitted_on:date}[ for {amount:money}][ as {id:id}]",
        ),
        ja=(
            "{bidder:party} (は|が) {submitted_on:date} に {procurer:party} の {title:text} に"
            "{method:bid_method}で[ {amount:money} で]入札した[（{id:id}）]",
        ),
        examples=(
            '"田中" bids for "水産加工施設基本設計" of "気仙沼市" by open tender on 2026-09-01',
            '"田中" bid for "特産品PR業務" of "気仙沼市" as a negotiated contract on '
            '2026-09-01 for 900,000 as "BID-1"',
            '"田中" は 2026-09-01 に "気仙沼市" の "特産品PR業務" に随意契約で 90万円 で'
            '入札した（"BID-1"）',
        ),
        action=add("bids"),
    ),
    StepDef(
        key="given.bid-awarded",
        kind="given",
        topic="Gifts, bids, pledges and permissions",
        doc="The bid won the contract.",
        en=("(the bid|{target:fact}) (was|is) awarded",),
        ja=("(この入札|{target:fact}) は落札(した|された)",),
        examples=('"BID-1" was awarded', "この入札は落札した"),
        action=change("bids", awarded=True),
    ),
    StepDef(
        key="given.pledge",
        kind="given",
        topic="Gifts, bids, pledges and permissions",
        doc="""A confidentiality pledge (守秘義務・目的外利用禁止の誓約) covering engagements.

The id is `PL-1`, `PL-2`, ... unless given.""",
        en=(
            "{party:party} signed a confidentiality pledge (to|for) {filed_to:party} covering "
            "{covers:facts} on {signed_on:date}[ as {id:id}]",
        ),
        ja=(
            "{party:party} (は|が) {signed_on:date} に {covers:facts} の守秘義務の誓約書を "
            "{filed_to:party} (に|へ)提出した[（{id:id}）]",
        ),
        examples=(
            '"田中" signed a confidentiality pledge to "気仙沼市" covering "ENG-1" on 2026-04-01',
            '"田中" は 2026-04-01 に "ENG-1" の守秘義務の誓約書を "気仙沼市" に提出した',
        ),
        action=add("pledges"),
    ),
    StepDef(
        key="given.permission",
        kind="given",
        topic="Gifts, bids, pledges and permissions",
        doc="""A side-job permission (兼業許可, 地方公務員法38条) for an interest of an official.

The id is `PERM-1`, `PERM-2`, ... unless given.""",
        en=(
            "{granted_by:party} permitted {party:party} to hold {interest:fact} on "
            "{granted_on:date}[ as {id:id}]",
        ),
        ja=(
            "{granted_by:party} (は|が) {granted_on:date} に {party:party} の {interest:fact} の"
            "兼業を許可した[（{id:id}）]",
        ),
        examples=(
            '"気仙沼市" permitted "木村" to hold "SEAT-1" on 2026-05-20',
            '"気仙沼市" は 2026-05-20 に "木村" の "SEAT-1" の兼業を許可した（"PERM-1"）',
        ),
        action=add("permissions"),
    ),
)
"""Every Given step of the banso-shien v2 facts."""
