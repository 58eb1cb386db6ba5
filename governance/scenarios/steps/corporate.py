"""Given steps for the facts corporate law turns on: guarantees, competition, standard terms,
disclosure of the material facts and the consent of all shareholders (会社法, 一般法人法).

One fact per sentence; slots are named after the register's fields (see
`governance.scenarios.steps.actions`). Seats of 執行役, 業務執行社員 and 理事, and approvals by a
社員総会, use the ordinary board-seat and approval steps with the `role` and `body` words.
"""

from __future__ import annotations

from governance.scenarios.steps.actions import add, change
from governance.scenarios.steps.model import StepDef

_UNTIL = "[ (to|until) {end:date}]"
_SINCE_JA = "{start:date} から[ {end:date} まで]"

STEPS = (
    StepDef(
        key="given.guarantee",
        kind="given",
        topic="Corporate law",
        doc="""A guarantee: the entity guarantees the beneficiary's debt to a creditor (the holder).

A transaction of the entity with a third party for the beneficiary's benefit (間接取引,
会社法 356条1項3号). The id is `COL-1`, `COL-2`, ... unless given.""",
        en=(
            "{entity:party} guarantees {beneficiary:party}'s debt to {holder:party} "
            "(of|for|worth) {value:money} from {start:date}" + _UNTIL + "[ as {id:id}]",
        ),
        ja=(
            f"{{entity:party}} (は|が) {_SINCE_JA} {{beneficiary:party}} の {{holder:party}} に"
            "対する債務を {value:money} 保証(している|した|する)[（{id:id}）]",
        ),
        examples=(
            '"三陸オーシャンフーズ" guarantees "及川"\'s debt to "気仙沼信用金庫" of 30,000,000 '
            'from 2026-12-01 as "GUA-1"',
            '"三陸オーシャンフーズ" は 2026-12-01 から "及川" の "気仙沼信用金庫" に対する債務を '
            '30,000,000円 保証している（"GUA-1"）',
        ),
        action=add("interests", type="collaboration", kind="guarantee"),
    ),
    StepDef(
        key="given.collaboration-beneficiary",
        kind="given",
        topic="Corporate law",
        doc="The collaboration is made for the benefit of a party (not its holder).",
        en=("(the collaboration|{target:fact}) is for the benefit of {beneficiary:party}",),
        ja=("(この取引|{target:fact}) は {beneficiary:party} の(利益|ため)の取引(である|です)",),
        examples=(
            '"COL-1" is for the benefit of "田中"',
            '"COL-1" は "田中" の利益の取引である',
        ),
        action=change("interests"),
    ),
    StepDef(
        key="given.collaboration-standard-terms",
        kind="given",
        topic="Corporate law",
        doc="""The collaboration is on standard terms (普通取引約款による定型的取引).

Such a transaction is not a conflict-of-interest transaction: no corporate-law rule judges it.""",
        en=("(the collaboration|{target:fact}) is on standard terms",),
        ja=("(この取引|{target:fact}) は(普通取引約款|約款)による定型的[な]取引(である|です)",),
        examples=('"COL-2" is on standard terms', '"COL-2" は普通取引約款による定型的取引である'),
        action=change("interests", standard_terms=True),
    ),
    StepDef(
        key="given.competition",
        kind="given",
        topic="Corporate law",
        doc="""Competition (競業): the holder carries on business in the entity's line.

For itself or a third party (会社法 356条1項1号, 一般法人法 84条1項1号). The id is `CMP-1`,
`CMP-2`, ... unless given.""",
        en=(
            "{holder:party} competes with {entity:party} in {line:text} from {start:date}"
            + _UNTIL
            + "[ as {id:id}]",
        ),
        ja=(
            f"{{holder:party}} (は|が) {_SINCE_JA} {{entity:party}} の事業の部類に属する "
            "{line:text} の取引(をしている|をした|を始めた)[（{id:id}）]",
        ),
        examples=(
            '"及川" competes with "三陸オーシャンフーズ" in "冷凍水産加工品の販売" from '
            '2026-11-01 as "CMP-1"',
            '"小川" は 2027-01-10 から "三陸DMO" の事業の部類に属する "旅行商品の企画・販売" の'
            '取引をしている（"CMP-1"）',
        ),
        action=add("interests", type="competition"),
    ),
    StepDef(
        key="given.material-facts-undisclosed",
        kind="given",
        topic="Corporate law",
        doc="""The approval was given without disclosure of the material facts (重要な事実の開示).

Such an approval is not an approval under 会社法 356条1項 and 一般法人法 84条1項.""",
        en=(
            "(the resolution|{target:fact}) was (passed|given) without disclosure of the "
            "material facts",
        ),
        ja=("(この決議|{target:fact}) (は|では)重要な事実が開示されなかった",),
        examples=(
            '"RES-1" was passed without disclosure of the material facts',
            "この決議では重要な事実が開示されなかった",
        ),
        action=change("resolutions", material_facts_disclosed=False),
    ),
    StepDef(
        key="given.unanimous-consent",
        kind="given",
        topic="Corporate law",
        doc="""The consent of all shareholders (総株主の同意) to transactions.

It counts as an approval at any company. The id is `RES-1`, ... unless given.""",
        en=(
            "all[ the] shareholders of {entity:party} consented to {interests:facts} on "
            "{date:date}[ as {id:id}]",
        ),
        ja=("{entity:party} の総株主が {date:date} に {interests:facts} に同意した[（{id:id}）]",),
        examples=(
            'all shareholders of "唐桑かき" consented to "COL-2" on 2026-08-25',
            '"唐桑かき" の総株主が 2026-08-25 に "COL-2" に同意した（"RES-2"）',
        ),
        action=add("resolutions", kind="approval", body="all_shareholders"),
    ),
)
"""Every Given step about the facts corporate law turns on."""
