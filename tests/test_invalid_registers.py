"""Every kind of broken register gets one clear error naming file, line, column, path and value.

Each file in tests/fixtures/invalid/ is a register with one kind of mistake (a few with several);
its sibling ``.expected`` holds the whole error text the loader must give, word for word.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from governance import Limits, RegisterError, load_register
from governance.cli import cli

INVALID = Path(__file__).parent / "fixtures" / "invalid"
CASES = sorted(p for p in INVALID.iterdir() if p.suffix in {".yaml", ".json"})


def test_there_are_at_least_thirty_kinds_of_mistake() -> None:
    assert len(CASES) >= 30
    assert all(p.with_suffix(p.suffix + ".expected").exists() for p in CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_loader_reports_the_whole_expected_error(
    case: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(INVALID)
    expected = case.with_suffix(case.suffix + ".expected").read_text(encoding="utf-8")
    with pytest.raises(RegisterError) as caught:
        load_register(case.name)
    assert str(caught.value) + "\n" == expected


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_cli_prints_the_error_without_a_traceback(
    case: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(INVALID)
    expected = case.with_suffix(case.suffix + ".expected").read_text(encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", case.name])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.stderr.startswith(expected)
    assert result.stderr.endswith("; nothing was checked.\n")


def test_a_50_mb_yaml_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as out:
        out.truncate(50 * 1024 * 1024)
    with pytest.raises(RegisterError) as caught:
        load_register(big)
    assert str(caught.value) == (
        f"{big}: the file is 50 MiB, over the 16 MiB limit for YAML files; "
        "write large registers as JSON"
    )


def test_limits_are_the_callers_to_set(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_text('{"apiVersion": "governance/v1", "kind": "Register"}', encoding="utf-8")
    with pytest.raises(RegisterError) as caught:
        load_register(path, limits=Limits(max_json_bytes=10))
    assert str(caught.value) == (
        f"{path}: the file is 51 bytes, over the 10 bytes limit for JSON files"
    )
