"""The README stays true: its scenarios pass, its library example runs, its commands exist."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from governance.cli import cli
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_opens_with_the_two_commands() -> None:
    assert README.split("```")[1].split() == ["make", "demo", "make", "test"]


def test_the_readme_scenarios_pass(tmp_path: Path) -> None:
    blocks = re.findall(r"```gherkin\n(.*?)```", README, re.S)
    assert len(blocks) >= 2
    assert any(block.startswith("# language: ja") for block in blocks)
    for n, block in enumerate(blocks):
        if block.startswith("# my-policies/"):
            continue  # the walkthrough's own feature runs with its pack (below)
        (tmp_path / f"readme-{n}.feature").write_text(block, encoding="utf-8")
    result = CliRunner().invoke(cli, ["test", str(tmp_path)])
    assert result.exit_code == 0, result.output


def test_the_readme_library_example_runs(tmp_path: Path) -> None:
    code = re.search(r"## Library API\n\n```python\n(.*?)```", README, re.S)
    assert code is not None
    example = repr(str(ROOT / "examples" / "register.yaml"))
    script = code.group(1).replace('"examples/register.yaml"', example)  # it writes report.json
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "critical violation collaboration.public-funds COL-WATANABE-1" in done.stdout
    written = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert written["counts"]["total"] == len(written["findings"]) > 0


def test_the_readme_audit_store_example_runs(tmp_path: Path) -> None:
    code = re.search(r"From Python, the same store:\n\n```python\n(.*?)```", README, re.S)
    assert code is not None
    (tmp_path / "examples").mkdir()
    (tmp_path / "examples" / "register.yaml").write_bytes(
        (ROOT / "examples" / "register.yaml").read_bytes()
    )
    done = subprocess.run(
        [sys.executable, "-c", code.group(1)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "1 sha256:7b849848b0828e8a34442cc92d9ea594e0f3ace076d1821f50b44bbc5c1cb434 []",
        "() True",
    ]
    assert (tmp_path / "audit.db").exists()


def test_the_walkthrough_shows_the_fixture_files_and_their_real_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    author = ROOT / "tests" / "fixtures" / "author"
    files = re.findall(r"```(?:yaml|gherkin)\n# my-policies/(\S+)\n(.*?)```", README, re.S)
    assert sorted(name for name, _ in files) == sorted(
        str(p.relative_to(author)) for p in author.rglob("*") if p.is_file()
    )
    for name, text in files:
        assert (author / name).read_text(encoding="utf-8") == text, name
    monkeypatch.chdir(tmp_path)
    shutil.copytree(author, "my-policies")
    for command in ("validate my-policies", "test my-policies"):
        shown = re.search(rf"```\n\$ governance {command}\n(.*?)```", README, re.S)
        assert shown is not None, command
        result = CliRunner().invoke(cli, command.split())
        assert result.exit_code == 0, result.output
        assert result.stdout == shown.group(1), command
