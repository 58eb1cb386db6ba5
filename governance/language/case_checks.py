"""Checking rule cases before they run: their facts against the register contract, their
expectations against those facts, every problem placed inside the ``*_test.yaml``.

A case's register is its file's `base` facts, less those it removes by id (`without`), plus its own
`facts`. That register is validated exactly as a register file would be (unknown fields, bad
values, dangling references, with "did you mean"), but each problem points at the line and column
of the case file where the fact was written: ``rules/x_test.yaml:23:56
cases[1].facts.interests[0].amout: unknown field 'amout' (did you mean 'amount'?)``.
"""

from __future__ import annotations

import copy
from typing import Any

from governance.documents import DataPath, Document, format_path
from governance.errors import Problem, RegisterError, did_you_mean
from governance.language.reading import Loaded
from governance.language.rule_tests import RuleTest
from governance.loading.loader import load_register_document
from governance.register.models import COLLECTIONS
from governance.register.records import Register

Origins = dict[str, list[DataPath]]


def case_register(test: RuleTest, index: int) -> tuple[dict[str, Any], Origins]:
    """Case `index`'s register as data, and where in the file each of its facts was written."""
    case = test.cases[index]
    data: dict[str, Any] = {"apiVersion": "governance/v1", "kind": "Register"}
    origins: Origins = {}
    for collection in COLLECTIONS:
        items: list[Any] = []
        where: list[DataPath] = []
        for i, item in enumerate(test.base.get(collection, [])):
            if not (isinstance(item, dict) and item.get("id") in case.without):
                items.append(copy.deepcopy(item))
                where.append(("base", collection, i))
        for i, item in enumerate(case.facts.get(collection, [])):
            items.append(copy.deepcopy(item))
            where.append(("cases", index, "facts", collection, i))
        if items:
            data[collection] = items
            origins[collection] = where
    return data, origins


def _ids(data: dict[str, Any]) -> list[str]:
    out: list[str] = []
    for collection in COLLECTIONS:
        for item in data.get(collection, []):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                out.append(item["id"])
                out += [c["id"] for c in item.get("conditions", []) if isinstance(c, dict)]
    return out


def _check_case(loaded: Loaded[RuleTest], index: int) -> tuple[Register | None, list[Problem]]:
    test, doc = loaded.model, loaded.doc
    data, origins = case_register(test, index)
    shown: dict[str, str] = {}

    def inside(path: DataPath) -> DataPath:
        if path and isinstance(path[0], str) and path[0] in origins and len(path) > 1:
            at = path[1]
            if isinstance(at, int) and at < len(origins[path[0]]):
                return (*origins[path[0]][at], *path[2:])
        return ("cases", index)

    def locator(path: DataPath, key: bool) -> tuple[int, int]:
        mapped = inside(path)
        shown[format_path(path)] = format_path(mapped)
        where = doc.locate(mapped, key=key)
        return where.line, where.column

    problems: list[Problem] = []
    register: Register | None = None
    try:
        register = load_register_document(Document(doc.file, data, locator))
    except RegisterError as error:
        for p in error.problems:
            path = shown.get(p.path, format_path(inside(())) if p.path else "")
            problems.append(Problem(doc.file, p.line, p.column, path, p.message))
    ids = _ids(data)
    case = test.cases[index]
    for j, expected in enumerate(case.expect):
        if expected.subject not in ids:
            at: DataPath = ("cases", index, "expect", j, "subject")
            problems.append(
                Problem.at(
                    doc.locate(at),
                    format_path(at),
                    f"unknown subject '{expected.subject}'{did_you_mean(expected.subject, ids)}:"
                    " no fact of this case has that id",
                )
            )
    base_ids = _ids({c: test.base.get(c, []) for c in COLLECTIONS})
    for j, removed in enumerate(case.without):
        if removed not in base_ids:
            at = ("cases", index, "without", j)
            problems.append(
                Problem.at(
                    doc.locate(at),
                    format_path(at),
                    f"no base fact has the id '{removed}'{did_you_mean(removed, base_ids)}",
                )
            )
    return register, problems


def case_problems(loaded: Loaded[RuleTest]) -> list[Problem]:
    """Every problem of every case in `loaded`: invalid facts, unknown subjects, bad removals."""
    problems: set[Problem] = set()
    for index in range(len(loaded.model.cases)):
        problems.update(_check_case(loaded, index)[1])
    return sorted(problems)


def case_registers(loaded: Loaded[RuleTest]) -> list[Register | None]:
    """Each case's register, validated (None for a case whose facts are invalid)."""
    return [_check_case(loaded, i)[0] for i in range(len(loaded.model.cases))]
