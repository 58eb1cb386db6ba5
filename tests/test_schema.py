"""The published register schema: in sync with the models, and it accepts the example."""

from __future__ import annotations

import json

import jsonschema
from click.testing import CliRunner

from governance.api.schemas import schema_text
from governance.cli import cli
from governance.documents import Limits, read_document
from tests.conftest import EXAMPLE, ROOT

CHECKED_IN = ROOT / "schemas" / "register.schema.json"


def test_the_checked_in_schema_is_what_the_command_prints() -> None:
    result = CliRunner().invoke(cli, ["schema", "register"])
    assert result.exit_code == 0
    assert result.output == CHECKED_IN.read_text(encoding="utf-8"), (
        "schemas/register.schema.json is stale: run "
        "`.venv/bin/governance schema register > schemas/register.schema.json`"
    )
    assert result.output == schema_text("register")


def test_the_example_points_editors_at_the_schema_and_validates() -> None:
    first_line = EXAMPLE.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=../schemas/register.schema.json"
    schema = json.loads(CHECKED_IN.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    # Read as an editor's YAML language server does: dates stay text, the rest is typed.
    document = read_document(EXAMPLE, "register.yaml", Limits()).data
    errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(document)]
    assert errors == []


def test_the_schema_rejects_what_the_loader_rejects() -> None:
    schema = json.loads(CHECKED_IN.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    bad = {"apiVersion": "governance/v1", "kind": "Register", "partys": []}
    assert [e.message for e in validator.iter_errors(bad)] == [
        "Additional properties are not allowed ('partys' was unexpected)"
    ]
