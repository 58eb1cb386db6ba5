"""No rule that validates can hang durable-rules: the limits sit below where its cost explodes.

durable 2.0.28 runs a pattern whose condition is an ``or`` of 511 alternatives on the example in
about a second and spins in its C core for good from 512 on (measured; see MAX_ALTERNATIVES). A
rule at the limit (256) must run on durable and agree with the oracle; one past it is refused when
the pack is compiled, naming the rule.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from governance.cli import cli
from governance.compile.durable_json import MAX_ALTERNATIVES
from tests.conftest import SMALL

RULE = """\
apiVersion: governance/v1
kind: Rule
id: test.many
version: 1
title: {{en: Many, ja: 多い}}
description: {{en: Many alternatives., ja: 多くの選択肢。}}
match:
  interest: interest where {condition}
subject: interest
message: {{en: "{{interest.id}}", ja: "{{interest.id}}"}}
"""
PACK = """\
apiVersion: governance/v1
kind: PolicyPack
id: t-pack
version: "1"
title: {en: T, ja: T}
adopts:
  - rule: test.many
    severity: high
    cite: {title: T, clause: "1"}
"""


def _check(tmp_path: Path, alternatives: int, engine: str) -> tuple[int, str, str]:
    ids = [f"I{n}" for n in range(alternatives - 1)] + ["SEAT-1"]
    condition = " or ".join(f"id == '{i}'" for i in ids)
    (tmp_path / "policies" / "rules").mkdir(parents=True, exist_ok=True)
    (tmp_path / "policies" / "t-pack").mkdir(exist_ok=True)
    (tmp_path / "policies" / "rules" / "many.yaml").write_text(RULE.format(condition=condition))
    (tmp_path / "policies" / "t-pack" / "pack.yaml").write_text(PACK)
    (tmp_path / "register.yaml").write_text(SMALL, encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        [
            "check",
            "register.yaml",
            "--policies",
            "policies",
            "--pack",
            "t-pack",
            "--engine",
            engine,
            "--format",
            "json",
        ],
    )
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("engine", ["durable", "oracle"])
def test_a_rule_at_the_limit_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, engine: str
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = _check(tmp_path, MAX_ALTERNATIVES, engine)
    assert (code, err) == (1, "")
    findings = json.loads(out)["findings"]
    assert [(f["rule"], f["subject"]["id"]) for f in findings] == [("test.many", "SEAT-1")]


def test_a_rule_past_the_limit_is_refused_naming_the_rule(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = _check(tmp_path, MAX_ALTERNATIVES + 1, "durable")
    assert (code, out) == (3, "")
    assert err == (
        "policies/rules/many.yaml:8:13 match.interest: 257 alternatives in one condition; the "
        "engine takes at most 256: use 'in' with a list parameter of fewer values, or split the "
        "rule\n1 problem; nothing was checked.\n"
    )
