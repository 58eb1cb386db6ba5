"""The import contracts hold, each can fail, and no package imports back up the pipeline.

A contract that cannot fail guards nothing: for each one, an import it forbids is planted in a
temporary copy of the package and `lint-imports` must report that contract broken.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
STAGES = "Stages: each package imports only the stages before it"
DURABLE = "Only run.durable imports durable-rules"
DUCKDB = "Only run.sql imports DuckDB"
CLICK = "Only the CLI imports click"
OPENPYXL = "Only render.xlsx imports openpyxl"
CLI = "Nothing imports the CLI"
RENDER = "Rendering works from findings alone: it imports neither compile nor run"
STORE = "Only the audit store imports SQLAlchemy and psycopg"

# (module to plant in, line planted, the contract it must break)
PLANTS = [
    ("run/_screen.py", "import durable_rules_engine", DURABLE),
    ("compile/compiler.py", "import durable_rules_engine", DURABLE),
    ("run/evaluate.py", "import duckdb", DUCKDB),
    ("findings/build.py", "import duckdb", DUCKDB),
    ("render/table.py", "import click", CLICK),
    ("render/pdf.py", "import openpyxl", OPENPYXL),
    ("api/engine.py", "import click", CLICK),
    ("api/engine.py", "import governance.cli", CLI),
    ("scenarios/world.py", "from governance.cli import common", CLI),
    ("render/html.py", "from governance.compile import compiler", RENDER),
    ("render/sarif.py", "from governance.run import evaluate", RENDER),
    ("compile/compiler.py", "from governance.run.durable import evaluator", STAGES),
    ("register/models.py", "from governance.loading import loader", STAGES),
    ("run/evaluate.py", "from governance.findings import build", STAGES),
    ("documents/reading.py", "from governance.register import models", STAGES),
    ("render/table.py", "import sqlalchemy", STORE),
    ("run/evaluate.py", "import psycopg", STORE),
    ("api/engine.py", "from governance.store import audit", STAGES),
    ("findings/models.py", "from governance.store import chain", STAGES),
]


def _lint(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(root)}  # the copy shadows the installed package
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(root / "pyproject.toml")],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def _status(output: str) -> dict[str, str]:
    status = {}
    for line in output.splitlines():
        for word in ("KEPT", "BROKEN"):
            if f" {word}" in line:
                status[line.split(f" {word}")[0]] = word
    return status


@pytest.fixture()
def copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "governance", tmp_path / "governance")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_every_contract_is_kept_by_the_package_as_it_is(copy: Path) -> None:
    result = _lint(copy)
    assert result.returncode == 0, result.stdout
    contracts = (STAGES, DURABLE, DUCKDB, OPENPYXL, CLICK, CLI, RENDER, STORE)
    assert _status(result.stdout) == dict.fromkeys(contracts, "KEPT")


@pytest.mark.parametrize(("module", "line", "contract"), PLANTS, ids=[p[1] for p in PLANTS])
def test_a_planted_forbidden_import_breaks_its_contract(
    copy: Path, module: str, line: str, contract: str
) -> None:
    target = copy / "governance" / module
    target.write_text(target.read_text() + f"\n{line}  # planted\n")
    result = _lint(copy)
    assert result.returncode == 1
    assert _status(result.stdout)[contract] == "BROKEN"


def test_a_stage_missing_from_the_layers_breaks_the_contract(copy: Path) -> None:
    (copy / "governance" / "unlisted.py").write_text('"""A module no layer names."""\n')
    result = _lint(copy)
    assert result.returncode != 0
    assert "unlisted" in result.stdout + result.stderr


def _package_imports() -> dict[str, set[str]]:
    """For each top-level package (or module) of governance, the others it imports."""
    package = ROOT / "governance"
    graph: dict[str, set[str]] = {}
    for path in package.rglob("*.py"):
        parts = path.relative_to(package).with_suffix("").parts
        own = parts[0] if parts[0] != "__init__" else ""
        targets = graph.setdefault(own, set())
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            for name in names:
                if name == "governance" or name.startswith("governance."):
                    top = name.split(".")[1] if "." in name else ""
                    if top != own:
                        targets.add(top)
    return graph


def test_no_package_level_import_cycle() -> None:
    graph = _package_imports()
    assert "" in graph and "run" in graph and "findings" in graph  # the walk saw the tree
    # the package root re-exports the API; nothing below it may import the root back
    assert not [own for own, targets in graph.items() if own and "" in targets]
    cycles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        for nxt in sorted(graph.get(node, ())):
            if nxt in path:
                cycles.append([*path[path.index(nxt) :], nxt])
            elif nxt:
                visit(nxt, [*path, nxt])

    for start in sorted(p for p in graph if p):
        visit(start, [start])
    assert cycles == []
