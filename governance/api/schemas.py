"""JSON Schemas the library publishes for editors and platforms (`governance schema ...`)."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from governance.findings.models import Finding, Report
from governance.language.models import PackDoc, RuleDoc
from governance.language.rule_tests import RuleTest
from governance.register.models import COLLECTIONS, Register

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _schema(model: type[BaseModel], name: str, title: str) -> dict[str, Any]:
    schema = model.model_json_schema(by_alias=True)
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": f"https://governance.invalid/schemas/{name}.schema.json",
        "title": title,
        **{k: v for k, v in schema.items() if k != "title"},
    }


def register_schema() -> dict[str, Any]:
    """The JSON Schema of a register document (input contract v1)."""
    return _schema(Register, "register", "governance register (governance/v1)")


def finding_schema() -> dict[str, Any]:
    """The JSON Schema of one finding (output contract)."""
    return _schema(Finding, "finding", "governance finding")


def report_schema() -> dict[str, Any]:
    """The JSON Schema of a report (`governance check --format json`)."""
    return _schema(Report, "report", "governance report")


def rule_schema() -> dict[str, Any]:
    """The JSON Schema of a rule file (``kind: Rule``)."""
    return _schema(RuleDoc, "rule", "governance rule (kind: Rule)")


def pack_schema() -> dict[str, Any]:
    """The JSON Schema of a policy pack (``kind: PolicyPack``)."""
    return _schema(PackDoc, "pack", "governance policy pack (kind: PolicyPack)")


def rule_test_schema() -> dict[str, Any]:
    """The JSON Schema of a rule-case file (``kind: RuleTest``); its facts are the register's."""
    schema = _schema(RuleTest, "rule-test", "governance rule cases (kind: RuleTest)")
    register = Register.model_json_schema(by_alias=True)
    defs = schema.setdefault("$defs", {})
    defs.update(register.get("$defs", {}))
    defs["Facts"] = {
        "type": "object",
        "description": "Register facts by collection, written as in a register.",
        "properties": {c: register["properties"][c] for c in COLLECTIONS},
        "additionalProperties": False,
    }
    schema["properties"]["base"] = {"$ref": "#/$defs/Facts"}
    defs["Case"]["properties"]["facts"] = {"$ref": "#/$defs/Facts"}
    return schema


SCHEMAS = {
    "register": register_schema,
    "finding": finding_schema,
    "report": report_schema,
    "rule": rule_schema,
    "pack": pack_schema,
    "rule-test": rule_test_schema,
}
"""Every published schema, by the name `governance schema NAME` takes."""


def schema_text(name: str) -> str:
    """The schema called `name` as stable, indented JSON text ending in a newline."""
    return json.dumps(SCHEMAS[name](), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
