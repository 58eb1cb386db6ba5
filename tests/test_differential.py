"""durable-rules and DuckDB are held to the oracle on 2,000 generated registers.

See bench/differential.py for the longer run.
"""

from __future__ import annotations

import pytest

from tests.conftest import bench_module


@pytest.mark.slow  # `make test` and CI run it; `make quick` skips it
def test_the_three_engines_agree_on_2000_generated_registers() -> None:
    outcome = bench_module("differential").run(2000, batch=250)  # type: ignore[attr-defined]
    assert outcome.registers == 2000
    assert outcome.findings > 1000  # the generated registers do fire rules
    assert outcome.mismatches == []
    # every rule of the corporate-law packs fires somewhere (bench/corporate.py plants them)
    corporate = [r for r in outcome.rules if r.startswith(("ca.", "ippan."))]  # type: ignore[attr-defined]
    assert sorted(corporate) == [
        "ca.competing-transaction-unapproved",
        "ca.conflict-transaction-not-reported",
        "ca.conflict-transaction-unapproved",
        "ca.interested-director-voted",
        "ca.member-transaction-unapproved",
        "ippan.competing-transaction-unapproved",
        "ippan.conflict-transaction-not-reported",
        "ippan.conflict-transaction-unapproved",
        "ippan.interested-director-voted",
    ]
