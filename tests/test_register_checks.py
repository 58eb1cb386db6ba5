"""Ids and references checked across facts: odd shapes, repeated ids and kinds, exact messages.

The checks test whole lists at once and walk a list item by item only when it holds a problem;
these cases pin that the result is what the item-by-item walk alone reports.
"""

from __future__ import annotations

from governance.documents import Limits, read_text
from governance.loading import _checks as checks

HEAD = "apiVersion: governance/v1\nkind: Register\n"


def _problems(name: str, text: str) -> list[str]:
    doc = read_text(text, name, None, Limits())
    ids, duplicates = checks.defined_ids([doc])
    return [str(p) for p in duplicates + checks.reference_problems([doc], ids)]


def test_references_of_every_shape_are_checked_where_they_stand() -> None:
    text = HEAD + (
        "parties:\n"
        "  - {id: P-1, type: person, name: a}\n"
        "  - not a mapping\n"
        "  - {id: 7, type: person, name: b}\n"
        "  - {id: P-2, type: person, name: c}\n"
        "interests:\n"
        "  - {id: I-1, type: investment, holder: [P-1, P-9, 3, [P-1]], entity: P-2,"
        " start: 2026-01-01}\n"
        '  - {id: I-2, type: investment, holder: "", entity: {id: P-1}, start: 2026-01-01}\n'
        "disclosures:\n"
        "  - {id: D-1, interests: I-1, filed_by: P-1, filed_to: P-2, filed_on: 2026-02-01}\n"
        "  - {id: D-2, interests: [I-1, null, P-1, I-3], filed_by: I-1, filed_to: P-2,"
        " filed_on: 2026-02-01}\n"
    )
    # holder "" is no id at all: the validation says so (expected an id), not this check
    assert _problems("shapes.yaml", text) == [
        "shapes.yaml:9:47 interests[0].holder[1]: unknown party 'P-9' (did you mean 'P-2'?)",
        "shapes.yaml:13:38 disclosures[1].interests[2]: 'P-1' is a party, expected an interest",
        "shapes.yaml:13:43 disclosures[1].interests[3]: unknown interest 'I-3'"
        " (did you mean 'I-2'?)",
        "shapes.yaml:13:59 disclosures[1].filed_by: 'I-1' is an interest, expected a party",
    ]


def test_a_repeated_id_keeps_the_kind_of_its_first_definition() -> None:
    text = HEAD + (
        "parties:\n"
        "  - {id: X-1, type: person, name: a}\n"
        "  - {id: P-1, type: person, name: b}\n"
        "interests:\n"
        "  - {id: X-1, type: investment, holder: P-1, entity: P-1, start: 2026-01-01}\n"
        "  - {id: I-1, type: investment, holder: P-1, entity: X-1, start: 2026-01-01}\n"
        "reviews:\n"
        "  - id: R-1\n"
        "    interests: [X-1, I-1]\n"
        "    reviewer: P-1\n"
        "    conditions: [{id: I-1, text: t, due: 2026-12-31},"
        " {id: C-1, text: u, due: 2026-12-31}]\n"
        "waivers:\n"
        "  - {id: W-1, rule: r, subject: C-1, requested_by: P-1, approved_by: P-1}\n"
        "  - {id: W-2, rule: r, subject: X-1, requested_by: P-1, approved_by: P-1}\n"
    )
    assert _problems("kinds.yaml", text) == [
        "kinds.yaml:7:10 interests[0].id: duplicate id 'X-1' (first defined at line 4)",
        "kinds.yaml:13:23 reviews[0].conditions[0].id: duplicate id 'I-1'"
        " (first defined at line 8)",
        "kinds.yaml:11:17 reviews[0].interests[0]: 'X-1' is a party, expected an interest or bid",
        "kinds.yaml:16:33 waivers[1].subject: 'X-1' is a party,"
        " expected an interest, engagement, review, condition, waiver or bid",
    ]


def test_a_text_reference_is_one_name_not_its_letters() -> None:
    text = HEAD + (
        "parties:\n"
        "  - {id: a, type: person, name: a}\n"
        "  - {id: b, type: person, name: b}\n"
        "interests:\n"
        "  - {id: i, type: investment, holder: a, entity: b, start: 2026-01-01}\n"
        "disclosures:\n"
        "  - {id: d, interests: [i], filed_by: [a, b], filed_to: b, filed_on: 2026-02-01}\n"
        "  - {id: e, interests: [i], filed_by: ab, filed_to: b, filed_on: 2026-02-01}\n"
    )
    assert _problems("letters.yaml", text) == [
        "letters.yaml:10:39 disclosures[1].filed_by: unknown party 'ab' (did you mean 'b'?)",
    ]


def test_a_register_without_problems_gives_none() -> None:
    text = HEAD + (
        "parties:\n"
        "  - {id: P-1, type: person, name: a}\n"
        "interests:\n"
        "  - {id: I-1, type: investment, holder: P-1, entity: P-1, start: 2026-01-01}\n"
        "reviews:\n"
        "  - {id: R-1, interests: [I-1], reviewer: P-1, conditions: [{id: C-1, text: t}]}\n"
        "waivers:\n"
        "  - {id: W-1, rule: r, subject: C-1, requested_by: P-1}\n"
    )
    assert _problems("fine.yaml", text) == []
