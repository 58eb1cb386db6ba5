"""The hostile suite: registers written by the people being checked, policies written by anyone,
command lines and library calls used wrongly. Every case gives its exact message and exit code.

The cases are data (tests/fixtures/hostile/*.yaml, and `API_CASES` below); with the 45 broken
registers of tests/fixtures/invalid/ they make the suite. None may end in a traceback, a hang or
exit 70 (an internal error).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

import governance
from governance.cli import cli
from governance.errors import UsageError
from tests.conftest import FIXTURES, ROOT, SMALL
from tests.test_compiler import LATE
from tests.test_compiler import PACK as COMPILER_PACK

HOSTILE = FIXTURES / "hostile"
REGISTERS: list[dict[str, Any]] = yaml.safe_load((HOSTILE / "registers.yaml").read_text("utf-8"))
POLICIES: list[dict[str, Any]] = yaml.safe_load((HOSTILE / "policies.yaml").read_text("utf-8"))
COMMANDS: list[dict[str, Any]] = yaml.safe_load((HOSTILE / "cli.yaml").read_text("utf-8"))

# The rule and pack the policy cases edit are the compiler tests' (line 9 matches the interest,
# line 11 is the deadline).
RULE, PACK = LATE, COMPILER_PACK


def _edited(text: str, edits: list[list[str]], case: dict[str, Any]) -> str:
    for old, new in edits:
        assert text.count(old) == 1, f"{case['name']}: {old!r} occurs {text.count(old)} times"
        text = text.replace(old, _generated(new, case))
    return text


def _generated(text: str, case: dict[str, Any]) -> str:
    size = int(case.get("size", 0))
    parts: dict[str, Callable[[], str]] = {
        "digits": lambda: "9" * int(case.get("digits", 0)),
        "long_id": lambda: "C-" + "x" * (int(case.get("long_id", 0)) - 2),
        "ors": lambda: " or ".join(f"id == 'I{i}'" for i in range(size)),
        "ins": lambda: "id in (" + ", ".join(f"'I{i}'" for i in range(size)) + ")",
        "nots": lambda: "not " * size + "compensated",
        "parens": lambda: "(" * size + "compensated" + ")" * size,
        "long": lambda: "id == '" + "x" * size + "'",
        "plus": lambda: "interest.start" + " + grace" * size,
        "patterns": lambda: "".join(f"  i{n}: interest\n" for n in range(size)),
        "lets": lambda: "".join(
            f"  x{n}: {'interest.start' if n == 0 else f'x{n - 1} + 1'}\n" for n in range(size)
        ),
    }
    for name, make in parts.items():
        if "{" + name + "}" in text:
            text = text.replace("{" + name + "}", make())
    return text


def _run(args: list[str]) -> Any:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code != 70, result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    return result


def test_the_suite_has_more_than_150_cases() -> None:
    invalid = [p for p in (FIXTURES / "invalid").iterdir() if p.suffix in {".yaml", ".json"}]
    total = len(invalid) + len(REGISTERS) + len(POLICIES) + len(COMMANDS) + len(API_CASES)
    assert total > 150, total
    names = [c["name"] for c in [*REGISTERS, *POLICIES, *COMMANDS]] + [c[0] for c in API_CASES]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("case", REGISTERS, ids=lambda c: c["name"])
def test_a_hostile_register(
    case: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    name = case.get("file", "register.yaml")
    text = _generated(case["text"], case) if "text" in case else _edited(SMALL, case["edit"], case)
    Path(name).write_bytes(text.encode("utf-8", "surrogatepass"))
    result = _run(["check", name])
    assert (result.exit_code, result.stderr) == (case["exit"], case["stderr"])


@pytest.mark.parametrize("case", POLICIES, ids=lambda c: c["name"])
def test_a_hostile_policy(
    case: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("register.yaml").write_text(SMALL, encoding="utf-8")
    rule = case["rule_text"] if "rule_text" in case else _edited(RULE, case.get("rule", []), case)
    pack = case["pack_text"] if "pack_text" in case else _edited(PACK, case.get("pack", []), case)
    Path("policies/rules").mkdir(parents=True)
    Path("policies/t-pack").mkdir()
    Path("policies/rules/late.yaml").write_text(rule, encoding="utf-8")
    Path("policies/t-pack/pack.yaml").write_text(pack, encoding="utf-8")
    result = _run(["check", "register.yaml", "--policies", "policies", "--pack", "t-pack"])
    assert (result.exit_code, result.stderr) == (case["exit"], case["stderr"])


@pytest.mark.parametrize("case", COMMANDS, ids=lambda c: c["name"])
def test_a_hostile_command_line(
    case: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("register.yaml").write_text(SMALL, encoding="utf-8")
    result = _run(case["args"])
    assert (result.exit_code, result.stderr) == (case["exit"], case["stderr"])
    assert not Path("x").exists() and not Path("foo:x").exists()


# --- the library, called with what it cannot use ----------------------------------------------

_SELF: dict[str, Any] = {}
_SELF["self"] = _SELF


def _deep(levels: int) -> list[Any]:
    root: list[Any] = []
    current = root
    for _ in range(levels):
        current.append([])
        current = current[0]
    return root


def _register() -> governance.Register:
    return governance.load_register_text(SMALL)


def _packs() -> list[governance.CompiledPack]:
    return governance.load_packs(["banso-shien"])


def _data(**facts: Any) -> dict[str, Any]:
    return {"apiVersion": "governance/v1", "kind": "Register", **facts}


API_CASES: list[tuple[str, Callable[[], Any], type[governance.GovernanceError], str]] = [
    (
        "data-none",
        lambda: governance.load_register_data(None),  # type: ignore[arg-type]
        UsageError,
        "<arguments> data: expected a mapping (a register as parsed from JSON), got None",
    ),
    (
        "data-text",
        lambda: governance.load_register_data("x"),  # type: ignore[arg-type]
        UsageError,
        "<arguments> data: expected a mapping (a register as parsed from JSON), got str 'x'",
    ),
    (
        "data-number",
        lambda: governance.load_register_data(5),  # type: ignore[arg-type]
        UsageError,
        "<arguments> data: expected a mapping (a register as parsed from JSON), got int 5",
    ),
    (
        "data-set",
        lambda: governance.load_register_data({1, 2}),  # type: ignore[arg-type]
        UsageError,
        "<arguments> data: expected a mapping (a register as parsed from JSON), got a set",
    ),
    (
        "data-object",
        lambda: governance.load_register_data(object()),  # type: ignore[arg-type]
        UsageError,
        "<arguments> data: expected a mapping (a register as parsed from JSON), got an object",
    ),
    (
        "data-bytes-key",
        lambda: governance.load_register_data({b"k": 1}),  # type: ignore[dict-item]
        governance.RegisterError,
        "<data>: expected text keys, got bytes b'k'",
    ),
    (
        "data-tuple-key",
        lambda: governance.load_register_data({(1, 2): 1}),  # type: ignore[dict-item]
        governance.RegisterError,
        "<data>: expected text keys, got a tuple",
    ),
    (
        "data-set-value",
        lambda: governance.load_register_data(_data(parties={1, 2})),
        governance.RegisterError,
        "<data> parties: expected text, a number, true/false, a date, a list or a mapping, "
        "got a set",
    ),
    (
        "data-object-value",
        lambda: governance.load_register_data(_data(parties=[object()])),
        governance.RegisterError,
        "<data> parties[0]: expected text, a number, true/false, a date, a list or a mapping, "
        "got an object",
    ),
    (
        "data-containing-itself",
        lambda: governance.load_register_data(_SELF),
        governance.RegisterError,
        "<data> self: contains itself",
    ),
    (
        "data-nested-100000-deep",
        lambda: governance.load_register_data(_data(parties=_deep(100_000))),
        governance.RegisterError,
        "<data> parties: nested more than 64 levels deep",
    ),
    (
        "data-datetime-value",
        lambda: governance.load_register_data(_data(metadata={"as_of": datetime(2027, 1, 1)})),
        governance.RegisterError,
        "<data> metadata.as_of: expected a date, got datetime 2027-01-01 00:00:00",
    ),
    (
        "data-name-not-text",
        lambda: governance.load_register_data(_data(), name=5),  # type: ignore[arg-type]
        UsageError,
        "<arguments> name: expected text (str), got int 5",
    ),
    (
        "data-names-with-tabs-and-newlines",
        lambda: governance.load_register_data(
            _data(
                metadata={"name": "kesennuma\n2027"},
                parties=[
                    {"id": "P-1", "type": "person", "name": "田中\t一郎"},
                    {"id": "P-\t2", "type": "person", "name": "Sato"},
                ],
            )
        ),
        governance.RegisterError,
        "<data> metadata.name: expected a non-empty name on one line, found U+000A (LINE FEED) "
        "at character 10\n"
        "<data> parties[0].name: expected a non-empty name on one line, found U+0009 (TAB) at "
        "character 3\n"
        "<data> parties[1].id: expected an id (1 to 200 characters, no spaces), found U+0009 "
        "(TAB) at character 3",
    ),
    (
        "data-escape-and-override",
        lambda: governance.load_register_data(
            _data(
                parties=[
                    {"id": "P-1", "type": "person", "name": "\x1b[2JALL CLEAR"},
                    {"id": "P-2", "type": "person", "name": "Sato", "n\u202ete": "x"},
                ]
            )
        ),
        governance.RegisterError,
        "<data> parties[0].name: expected text without control characters or bidirectional "
        "overrides, found U+001B (ESCAPE) at character 1\n"
        "<data> parties[1]: expected text without control characters or bidirectional "
        "overrides, found U+202E (RIGHT-TO-LEFT OVERRIDE) at character 2",
    ),
    (
        "register-none",
        lambda: governance.load_register(None),  # type: ignore[arg-type]
        UsageError,
        "<arguments> paths[0]: expected a file or folder path (str or os.PathLike), got None",
    ),
    (
        "register-number",
        lambda: governance.load_register(5),  # type: ignore[arg-type]
        UsageError,
        "<arguments> paths[0]: expected a file or folder path (str or os.PathLike), got int 5",
    ),
    (
        "register-bytes-path",
        lambda: governance.load_register(b"r.yaml"),  # type: ignore[arg-type]
        UsageError,
        "<arguments> paths[0]: expected a file or folder path (str or os.PathLike), "
        "got bytes b'r.yaml'",
    ),
    (
        "register-limits-wrong",
        lambda: governance.load_register("r.yaml", limits=5),  # type: ignore[arg-type]
        UsageError,
        "<arguments> limits: expected a governance.Limits or None, got int 5",
    ),
    (
        "register-no-path",
        governance.load_register,
        governance.RegisterError,
        "<arguments>: no register file or folder was given",
    ),
    (
        "text-none",
        lambda: governance.load_register_text(None),  # type: ignore[arg-type]
        UsageError,
        "<arguments> text: expected the register's text (str or bytes), got None",
    ),
    (
        "text-also-number",
        lambda: governance.load_register_text(SMALL, also=5),  # type: ignore[arg-type]
        UsageError,
        "<arguments> also: expected a list of file or folder paths, got int 5",
    ),
    (
        "packs-number",
        lambda: governance.load_packs(5),  # type: ignore[arg-type]
        UsageError,
        "<arguments> names: expected a list of names (str), got int 5",
    ),
    (
        "packs-none-in-list",
        lambda: governance.load_packs(["banso-shien", None]),  # type: ignore[list-item]
        UsageError,
        "<arguments> names[1]: expected text (str), got None",
    ),
    (
        "packs-policies-number",
        lambda: governance.load_packs(["banso-shien"], policies=5),  # type: ignore[arg-type]
        UsageError,
        "<arguments> policies: expected a file or folder path (str or os.PathLike), got int 5",
    ),
    (
        "pack-none",
        lambda: governance.load_pack(None),  # type: ignore[arg-type]
        UsageError,
        "<arguments> name: expected text (str), got None",
    ),
    (
        "pack-unknown",
        lambda: governance.load_pack("banso"),
        governance.PolicyError,
        "<packs>: unknown pack 'banso' (did you mean 'banso-shien'?)",
    ),
    (
        "evaluate-as-of-text",
        lambda: governance.evaluate(_register(), _packs(), as_of="2027-01-01"),  # type: ignore[arg-type]
        UsageError,
        "<arguments> as_of: expected a datetime.date, e.g. date.fromisoformat('2027-03-31'), "
        "got str '2027-01-01'",
    ),
    (
        "evaluate-as-of-datetime",
        lambda: governance.evaluate(_register(), _packs(), as_of=datetime(2027, 1, 1)),
        UsageError,
        "<arguments> as_of: expected a datetime.date (use .date() of a datetime), "
        "got datetime 2027-01-01 00:00:00",
    ),
    (
        "evaluate-register-none",
        lambda: governance.evaluate(None, _packs()),  # type: ignore[arg-type]
        UsageError,
        "<arguments> register: expected a governance.Register (from load_register), got None",
    ),
    (
        "evaluate-register-dict",
        lambda: governance.evaluate(_data(), _packs()),  # type: ignore[arg-type]
        UsageError,
        "<arguments> register: expected a governance.Register (from load_register), got a dict",
    ),
    (
        "evaluate-packs-names",
        lambda: governance.evaluate(_register(), "banso-shien"),  # type: ignore[arg-type]
        UsageError,
        "<arguments> packs: expected a list of compiled packs (from load_packs), "
        "got str 'banso-shien'",
    ),
    (
        "evaluate-packs-of-names",
        lambda: governance.evaluate(_register(), ["banso-shien"]),  # type: ignore[list-item]
        UsageError,
        "<arguments> packs[0]: expected compiled packs (from load_packs), got str 'banso-shien'",
    ),
    (
        "evaluate-engine-unknown",
        lambda: governance.evaluate(_register(), _packs(), engine="fast"),  # type: ignore[arg-type]
        UsageError,
        "<arguments> engine: expected one of 'durable', 'oracle', 'duckdb', got str 'fast'",
    ),
    (
        "evaluate-only-one-misspelt-name",
        lambda: governance.evaluate(
            _register(), _packs(), only="disclosure.mising", engine="oracle"
        ),
        UsageError,
        "only: unknown rule 'disclosure.mising' (did you mean 'disclosure.missing'?)",
    ),
    (
        "evaluate-only-number",
        lambda: governance.evaluate(_register(), _packs(), only=5),  # type: ignore[arg-type]
        UsageError,
        "<arguments> only: expected a list of names (str), got int 5",
    ),
    (
        "engine-workers-negative",
        lambda: governance.Engine(_packs(), workers=-1),
        UsageError,
        "<arguments> workers: expected a whole number from 0, got int -1",
    ),
    (
        "engine-executor-wrong",
        lambda: governance.Engine(_packs(), executor="pool"),  # type: ignore[arg-type]
        UsageError,
        "<arguments> executor: expected a concurrent.futures.Executor or None, got str 'pool'",
    ),
    (
        "engine-check-as-of-text",
        lambda: governance.Engine(_packs(), engine="oracle").check(_register(), as_of="2027-01-01"),  # type: ignore[arg-type]
        UsageError,
        "<arguments> as_of: expected a datetime.date, e.g. date.fromisoformat('2027-03-31'), "
        "got str '2027-01-01'",
    ),
    (
        "engine-check-progress-wrong",
        lambda: governance.Engine(_packs(), engine="oracle").check(_register(), progress=5),  # type: ignore[arg-type]
        UsageError,
        "<arguments> progress: expected a function or None, got int 5",
    ),
]


@pytest.mark.parametrize(
    ("name", "call", "error", "message"), API_CASES, ids=[c[0] for c in API_CASES]
)
def test_a_hostile_library_call(
    name: str, call: Callable[[], Any], error: type[governance.GovernanceError], message: str
) -> None:
    with pytest.raises(governance.GovernanceError) as caught:
        call()
    assert type(caught.value) is error
    assert str(caught.value) == message


def test_a_single_pack_name_is_a_list_of_one() -> None:
    assert [p.id for p in governance.load_packs("banso-shien")] == ["banso-shien"]
    report = governance.evaluate(
        _register(),
        _packs()[0],
        as_of=date(2027, 3, 31),
        engine="oracle",
        only="disclosure.missing",
    )
    assert {f.rule for f in report.findings} <= {"disclosure.missing"}


def test_every_public_function_refuses_wrong_types() -> None:
    public = {n for n in governance.__all__ if callable(getattr(governance, n))}
    functions = {n for n in public if n[0].islower()} | {"Engine"}
    called = {c[0].split("-")[0] for c in API_CASES}
    named = {
        "data": "load_register_data",
        "register": "load_register",
        "text": "load_register_text",
        "packs": "load_packs",
        "pack": "load_pack",
        "evaluate": "evaluate",
        "engine": "Engine",
    }
    assert functions == {named[c] for c in called}


def test_summary_says_that_it_checks_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("register.yaml").write_text(SMALL, encoding="utf-8")
    help_text = " ".join(CliRunner().invoke(cli, ["check", "--help"]).output.split())
    assert (
        "summary only counts the register's facts: it checks nothing and always exits 0 "
        "(--fail-on applies only to the other formats)" in help_text
    )
    result = CliRunner().invoke(cli, ["check", "register.yaml", "--format", "summary"])
    assert result.exit_code == 0


@pytest.mark.parametrize(
    ("json_text", "found"),
    [
        ('"a\\u001bb"', "\\u001b"),
        ('"a\\\\u001bb"', None),  # an escaped backslash, then the letters u001b
        ('"a\\\\\\u001bb"', "\\u001b"),
        ('"C:\\\\bin"', None),
        ('"x\\b"', "\\b"),
        ('"\\u202E"', "\\u202E"),
        ('"\\u3042\\n\\t"', None),
    ],
)
def test_json_escapes_of_control_characters_are_told_from_escaped_backslashes(
    json_text: str, found: str | None
) -> None:
    from governance.documents.text_safety import first_json_escape

    match = first_json_escape(json_text)
    assert (match.group() if match else None) == found


# --- an engine that fails on a rule: the one place exit 70 is right (the input is fine) --------


def _engine_fails_in(rule: str, monkeypatch: pytest.MonkeyPatch, act: Callable[[], None]) -> None:
    """Make the worker `act` (die, or hang) whenever a ruleset holding `rule` is evaluated."""
    from governance.run.durable import _session as session

    real = session._evaluate_session

    def patched(job: Any, part: Any) -> Any:
        if any(key.startswith(rule + "#") for key, _ in job.positive):
            act()
        return real(job, part)

    monkeypatch.setattr(session, "_evaluate_session", patched)


def _crash() -> None:
    import faulthandler
    import os
    import signal

    faulthandler.disable()  # quietly: no stack dump in the test log
    os.kill(os.getpid(), signal.SIGSEGV)


def _hang() -> None:
    import time

    time.sleep(600)


@pytest.mark.parametrize(
    ("rule", "act", "what"),
    [
        ("disclosure.missing", _crash, "crashed durable-rules"),
        ("review.missing", _hang, "did not finish in durable-rules within 1.5 s"),
    ],
    ids=["crash", "hang"],
)
def test_a_rule_that_crashes_or_hangs_the_engine_is_named_in_one_message(
    rule: str,
    act: Callable[[], None],
    what: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from governance.run.workers import WorkerPolicy

    monkeypatch.chdir(tmp_path)
    Path("register.yaml").write_text(SMALL, encoding="utf-8")
    # each attempt gets 1.5 s: ample for the other rules even on a loaded machine
    monkeypatch.setattr(WorkerPolicy, "timeout", lambda _self, _facts: 1.5)
    _engine_fails_in(rule, monkeypatch, act)
    result = CliRunner().invoke(cli, ["check", "register.yaml", "--pack", "banso-shien"])
    source = f"{ROOT}/rules/banso/{rule.replace('.', '-')}.yaml:1:1"
    assert (result.exit_code, result.stderr) == (
        70,
        f"{source}: rule '{rule}' of pack 'banso-shien' {what} on the facts of P-TANAKA (again "
        "when run alone in a fresh worker); --engine oracle or --engine duckdb evaluates it\n"
        "the check did not complete\n",
    )
