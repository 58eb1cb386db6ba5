"""Then steps: what the check must have found, in English and Japanese.

The checks themselves are in `governance.scenarios.steps.assertions`.
"""

from __future__ import annotations

from governance.scenarios.steps.assertions import (
    expect_count,
    expect_deadline,
    expect_exactly,
    expect_finding,
    expect_including,
    expect_message,
    expect_no_finding,
    expect_nothing,
    expect_reason,
    expect_severity,
    expect_waiver,
)
from governance.scenarios.steps.model import StepDef

_FINDING_EN = "[the ]finding {rule:rule}"
_SUBJECT_JA = "{subject:fact} (について|に対する|に対して|の)"

STEPS = (
    StepDef(
        key="then.finding",
        kind="then",
        topic="Findings",
        doc="A finding of the rule about the subject is in this state "
        "(violation, due, overdue or waived).",
        en=(
            f"{_FINDING_EN} is {{state:state}} for {{subject:fact}}",
            f"{_FINDING_EN} for {{subject:fact}} is {{state:state}}",
            "{rule:rule} is {state:state} for {subject:fact}",
            "there is (a|an) {state:state} finding {rule:rule} for {subject:fact}",
        ),
        ja=(
            f"{_SUBJECT_JA} {{rule:rule}} (が|は) {{state:state}}[ (である|です|になる)]",
            "{rule:rule} (が|は) {subject:fact} について {state:state}[ (である|です|になる)]",
        ),
        examples=(
            'finding "disclosure.missing" is "overdue" for "INV-1"',
            '"disclosure.missing" is due for "INV-1"',
            'there is an overdue finding "disclosure.missing" for "INV-1"',
            '"INV-1" について "disclosure.missing" が "期限超過"',
            '"disclosure.missing" は "INV-1" について 違反',
        ),
        action=expect_finding,
    ),
    StepDef(
        key="then.fires",
        kind="then",
        topic="Findings",
        doc="The rule fires (for the subject, when one is named), in any state.",
        en=(
            "{rule:rule} fires[ for {subject:fact}]",
            "there is a finding {rule:rule}[ for {subject:fact}]",
            f"{_FINDING_EN} is reported[ for {{subject:fact}}]",
        ),
        ja=(
            "[{subject:fact} (について|に対して) ]{rule:rule} (が|は)(発火する|指摘される)",
            "[{subject:fact} (について|に) ]{rule:rule} の指摘がある",
        ),
        examples=(
            '"investment.control" fires for "ENG-1"',
            'there is a finding "review.missing"',
            '"ENG-1" について "investment.control" が発火する',
            '"review.missing" の指摘がある',
        ),
        action=expect_finding,
    ),
    StepDef(
        key="then.quiet",
        kind="then",
        topic="Findings",
        doc="The rule does not fire (for the subject, when one is named).",
        en=(
            "{rule:rule} does not fire[ for {subject:fact}]",
            "there is no finding {rule:rule}[ for {subject:fact}]",
            "{rule:rule} is not reported[ for {subject:fact}]",
        ),
        ja=(
            "[{subject:fact} (について|に対して) ]{rule:rule} (は|が)(発火しない|指摘されない)",
            "[{subject:fact} (について|に) ]{rule:rule} の指摘は(ない|ありません)",
        ),
        examples=(
            '"disclosure.missing" does not fire',
            'there is no finding "review.missing" for "INV-1"',
            '"disclosure.missing" は発火しない',
            '"INV-1" について "review.missing" の指摘はない',
        ),
        action=expect_no_finding,
    ),
    StepDef(
        key="then.nothing",
        kind="then",
        topic="Findings",
        doc="The check found nothing at all (with `only`, nothing of those rules).",
        en=(
            "there are no findings",
            "no findings[ are reported]",
            "nothing is found",
            "the register is clean",
        ),
        ja=("指摘は(ない|ありません|なし)", "何も指摘されない", "問題は見つからない"),
        examples=("there are no findings", "指摘はない"),
        action=expect_nothing,
    ),
    StepDef(
        key="then.count",
        kind="then",
        topic="Findings",
        doc="The check found exactly this many findings.",
        en=("there (is|are) {count:count} finding[s]",),
        ja=("指摘は {count:count} 件[ (ある|です|である)]",),
        examples=("there are 2 findings", "指摘は 2 件"),
        action=expect_count,
    ),
    StepDef(
        key="then.exactly",
        kind="then",
        topic="Findings",
        doc="""The findings are exactly the rows of the table, in any order.

Columns (any of): `rule`, `subject`, `state`, `severity`, `deadline` (ルール, 対象, 状態,
重大度, 期限). An empty cell matches anything; a `deadline` of `-` means no deadline.""",
        en=(
            "the only findings are",
            "the findings are",
            "exactly these findings are reported",
        ),
        ja=("指摘は次のとおり", "指摘は次のものだけ[ (です|である)]", "次の指摘だけがある"),
        examples=("the only findings are:", "指摘は次のとおり:"),
        action=expect_exactly,
        table=True,
    ),
    StepDef(
        key="then.including",
        kind="then",
        topic="Findings",
        doc="Every row of the table is among the findings; there may be others.",
        en=("the findings include", "these findings are reported"),
        ja=("指摘に次が含まれる", "次の指摘がある"),
        examples=("the findings include:", "指摘に次が含まれる:"),
        action=expect_including,
        table=True,
    ),
    StepDef(
        key="then.severity",
        kind="then",
        topic="Findings",
        doc="The finding of the rule about the subject has this severity.",
        en=(
            "the severity of {rule:rule} for {subject:fact} is {severity:severity}",
            f"{_FINDING_EN} for {{subject:fact}} has severity {{severity:severity}}",
        ),
        ja=("{subject:fact} の {rule:rule} の重大度は {severity:severity}[ (です|である)]",),
        examples=(
            'the severity of "disclosure.missing" for "INV-1" is high',
            '"INV-1" の "disclosure.missing" の重大度は 高',
        ),
        action=expect_severity,
    ),
    StepDef(
        key="then.deadline",
        kind="then",
        topic="Findings",
        doc="The finding of the rule about the subject has this deadline.",
        en=(
            "the deadline of {rule:rule} for {subject:fact} is {deadline:date}",
            "{rule:rule} for {subject:fact} is due by {deadline:date}",
        ),
        ja=("{subject:fact} の {rule:rule} の期限は {deadline:date}[ (です|である)]",),
        examples=(
            'the deadline of "disclosure.missing" for "INV-1" is 2026-07-01',
            '"INV-1" の "disclosure.missing" の期限は 2026-07-01',
        ),
        action=expect_deadline,
    ),
    StepDef(
        key="then.no-deadline",
        kind="then",
        topic="Findings",
        doc="The finding of the rule about the subject has no deadline (a violation).",
        en=("{rule:rule} for {subject:fact} has no deadline",),
        ja=("{subject:fact} の {rule:rule} (に|には)期限(は|が)ない",),
        examples=(
            '"review.missing" for "INV-1" has no deadline',
            '"INV-1" の "review.missing" には期限がない',
        ),
        action=expect_deadline,
    ),
    StepDef(
        key="then.message",
        kind="then",
        topic="Findings",
        doc="The finding's message in English or Japanese contains the text.",
        en=(
            "the {lang:language} message of {rule:rule} for {subject:fact} "
            "(says|contains|mentions) {text:text}",
        ),
        ja=(
            "{subject:fact} の {rule:rule} の{lang:language}[の]メッセージ(に|は) {text:text} "
            "(が含まれる|を含む)",
        ),
        examples=(
            'the Japanese message of "disclosure.missing" for "INV-1" contains "開示していません"',
            '"INV-1" の "disclosure.missing" の英語メッセージに "has not disclosed" が含まれる',
        ),
        action=expect_message,
    ),
    StepDef(
        key="then.reason",
        kind="then",
        topic="Findings",
        doc="A reason the finding gives (the rule's `because:`) in English or Japanese contains "
        "the text.",
        en=(
            "a {lang:language} reason of {rule:rule} for {subject:fact} "
            "(says|contains|mentions) {text:text}",
        ),
        ja=(
            "{subject:fact} の {rule:rule} の{lang:language}[の]理由(に|は) {text:text} "
            "(が含まれる|を含む)",
        ),
        examples=(
            'a Japanese reason of "ca.conflict-transaction-unapproved" for "COL-1" says '
            '"重要な事実の開示がない"',
            '"COL-1" の "ca.conflict-transaction-unapproved" の日本語の理由に '
            '"重要な事実の開示がない" が含まれる',
        ),
        action=expect_reason,
    ),
    StepDef(
        key="then.waived-by",
        kind="then",
        topic="Findings",
        doc="The finding of the rule about the subject is waived, by this waiver.",
        en=("{rule:rule} for {subject:fact} is waived by {waiver:fact}",),
        ja=("{subject:fact} の {rule:rule} は {waiver:fact} (により|で)例外承認されている",),
        examples=(
            '"collaboration.during-engagement" for "COL-1" is waived by "W-1"',
            '"COL-1" の "collaboration.during-engagement" は "W-1" により例外承認されている',
        ),
        action=expect_waiver,
    ),
)
"""Every Then step."""
