"""Rule cases (``kind: RuleTest``): the document that pins a rule's behaviour down as data.

`governance.testing` runs them; `governance.api.packs.validate` lints them with the rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

from pydantic import Field

from governance.errors import PolicyError, Problem
from governance.language.models import Doc
from governance.language.reading import read_model
from governance.register.types import Day, Id, Name


class Expected(Doc):
    """One finding a case expects of the rule under test."""

    subject: Id
    state: Literal["violation", "due", "overdue", "waived"]
    severity: Literal["critical", "high", "medium", "low", "info"] | None = None
    deadline: Day | None = None
    because: tuple[Id, ...] | None = None
    """The ids of the facts the finding's reasons found (the rule's `because:`), all of them."""
    says: tuple[Name, ...] | None = None
    """Every reason the finding gives, each written whole, in English or Japanese."""


class Case(Doc):
    """One scenario: facts on top of the base, a day, and the findings expected."""

    name: Name
    as_of: Day
    facts: dict[str, list[dict[str, Any]]] = Field(default_factory=dict)
    without: tuple[Id, ...] = ()
    expect: tuple[Expected, ...]


class RuleTest(Doc):
    """A file of cases for one rule (``kind: RuleTest``)."""

    api_version: Literal["governance/v1"] = Field(alias="apiVersion")
    kind: Literal["RuleTest"]
    rule: Name
    pack: Name
    base: dict[str, list[dict[str, Any]]] = Field(default_factory=dict)
    cases: tuple[Case, ...] = Field(min_length=1)


def case_files(folders: Sequence[str | Path]) -> list[Path]:
    """The ``*_test.yaml`` files below `folders`, sorted."""
    return sorted(p for folder in folders for p in Path(folder).rglob("*_test.yaml"))


def load_cases(path: Path) -> tuple[RuleTest, list[int]]:
    """Read one case file; return it and the line of each case.

    Raises:
        PolicyError: the file is unreadable or not a valid RuleTest.
    """
    problems: list[Problem] = []
    loaded = read_model(path, RuleTest, problems)
    if loaded is None:
        raise PolicyError(problems)
    lines = [loaded.doc.locate(("cases", i)).line for i in range(len(loaded.model.cases))]
    return loaded.model, lines
