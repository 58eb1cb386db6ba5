"""JSON Schemas the library publishes for editors and platforms (`governance schema ...`)."""

from __future__ import annotations

import json
from typing import Any

from governance.register.models import Register

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def register_schema() -> dict[str, Any]:
    """The JSON Schema of a register document (input contract v1)."""
    schema = Register.model_json_schema(by_alias=True)
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": "https://governance.invalid/schemas/register.schema.json",
        "title": "governance register (governance/v1)",
        **{k: v for k, v in schema.items() if k != "title"},
    }


SCHEMAS = {"register": register_schema}
"""Every published schema, by the name `governance schema NAME` takes."""


def schema_text(name: str) -> str:
    """The schema called `name` as stable, indented JSON text ending in a newline."""
    return json.dumps(SCHEMAS[name](), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
