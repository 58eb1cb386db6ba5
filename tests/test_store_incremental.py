"""The incremental re-check: partitions an earlier check saw reuse its matches, and the report is
byte-identical to a full check."""

from __future__ import annotations

import copy
from datetime import date

import pytest

import governance
from bench.generate import generate
from governance import AuditStore

AS_OF = date(2027, 3, 31)
PACKS = governance.load_packs(["banso-shien", "companies-act-jp"])
REGISTER = generate(120, 1, AS_OF)


def one_supporter_changed() -> dict[str, object]:
    """The register with one supporter's disclosures withdrawn."""
    changed = copy.deepcopy(REGISTER)
    disclosures = changed["disclosures"]
    assert isinstance(disclosures, list)
    changed["disclosures"] = [d for d in disclosures if not str(d["id"]).startswith("S7-")]
    assert len(changed["disclosures"]) < len(disclosures)
    return changed


@pytest.mark.parametrize("engine", ["oracle", "durable"])
def test_a_recheck_with_one_supporter_changed_is_byte_identical_to_a_full_check(
    tmp_path: object, engine: str
) -> None:
    before = governance.load_register_data(REGISTER)
    after = governance.load_register_data(one_supporter_changed())
    assert before != after
    with (
        governance.Engine(PACKS, engine=engine, workers=0) as warm,  # type: ignore[arg-type]
        AuditStore(f"{tmp_path}/audit.db") as store,
    ):
        first = store.matches()
        assert warm.check(before, as_of=AS_OF, reuse=first).to_json() == (
            warm.check(before, as_of=AS_OF).to_json()
        )
        assert first.stats.reused == 0
        full = warm.check(after, as_of=AS_OF)
        again = store.matches()
        incremental = warm.check(after, as_of=AS_OF, reuse=again)
    assert incremental.to_json() == full.to_json()
    assert full.findings != warm.check(before, as_of=AS_OF).findings  # the change shows
    assert again.stats.evaluated > 0
    assert again.stats.reused / again.stats.total > 0.95


def test_matches_are_kept_on_both_backends(store_url: str) -> None:
    register = governance.load_register_data(REGISTER)
    with AuditStore(store_url) as store, governance.Engine(PACKS, engine="oracle") as warm:
        first = store.matches()
        report = warm.check(register, as_of=AS_OF, reuse=first)
        second = store.matches()
        assert warm.check(register, as_of=AS_OF, reuse=second).to_json() == report.to_json()
        later = store.matches()
        assert warm.check(register, as_of=date(2027, 4, 1), reuse=later).as_of == date(2027, 4, 1)
    assert (first.stats.reused, second.stats.evaluated) == (0, 0)
    assert second.stats.reused == first.stats.evaluated > 100
    assert later.stats.reused == 0  # another as_of is another check
