"""regorus (a Rego engine in Rust; PyPI ``gordon-to-regorus``, ``import regorus``), three ways.

The rules are ``peers.rego`` beside this file (rego.v1): each rule is a function of one case
document; ``data.peers.case`` applies them to ``input`` (one case), ``data.peers.batch`` to every
case in ``input.cases``. Both give ``{"inv": {ids}, "col": {ids}, "rev": {ids}}``.

Variants (all give the same findings; the runner times each):
- ``Engine, per case``: `Engine.set_input(dict)` + `Engine.eval_rule("data.peers.case")` per
  case (the Python values convert both ways without JSON);
- ``Engine, one batch query``: `Engine.set_input({"cases": [...]})` once, then one
  `eval_rule("data.peers.batch")`;
- ``RVM program, per case``: the policy compiled to regorus' bytecode VM
  (`Program.compile_from_modules`), per case `Rvm.set_input_json(json.dumps(doc))` +
  `Rvm.execute()` (a JSON string back). The RVM cannot run the batch query: it stops at its
  default limit of 25,000 instructions, which the Python binding does not let us raise.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

from evaluator import Prepared, Unavailable, Variant
from workload import RULE_COLLABORATION, RULE_INVESTMENT, RULE_REVIEWER, Finding, Workload

POLICY = Path(__file__).resolve().parent / "peers.rego"
KEYS = {"inv": RULE_INVESTMENT, "col": RULE_COLLABORATION, "rev": RULE_REVIEWER}


def _regorus() -> Any:
    try:
        import regorus  # type: ignore[import-untyped]
    except ImportError as error:  # the `bench` extra is not installed
        raise Unavailable(
            f"regorus is not installed ({error}); pip install -e .[bench] (gordon-to-regorus)"
        ) from error
    return regorus


def version() -> str:
    """The installed gordon-to-regorus version, or ``-``."""
    try:
        return metadata.version("gordon-to-regorus")
    except metadata.PackageNotFoundError:
        return "-"


def _collect(results: Iterable[Mapping[str, Iterable[str]]]) -> set[Finding]:
    found: set[Finding] = set()
    for result in results:
        for key, rule in KEYS.items():
            found.update((rule, subject) for subject in result[key])
    return found


def _engine() -> Any:
    engine = _regorus().Engine()
    engine.add_policy(POLICY.name, POLICY.read_text(encoding="utf-8"))
    return engine


def _engine_per_case(workload: Workload) -> Prepared:
    engine = _engine()
    documents = workload.documents

    def one(document: dict[str, Any]) -> Mapping[str, Iterable[str]]:
        engine.set_input(document)
        result: Mapping[str, Iterable[str]] = engine.eval_rule("data.peers.case")
        return result

    return Prepared(lambda: _collect(one(d) for d in documents))


def _engine_batch(workload: Workload) -> Prepared:
    engine = _engine()
    documents = workload.documents

    def run() -> set[Finding]:
        engine.set_input({"cases": documents})
        return _collect([engine.eval_rule("data.peers.batch")])

    return Prepared(run)


def _rvm_per_case(workload: Workload) -> Prepared:
    regorus = _regorus()
    program = regorus.Program.compile_from_modules(
        "{}", [(POLICY.name, POLICY.read_text(encoding="utf-8"))], ["data.peers.case"]
    )
    vm = regorus.Rvm()
    vm.load_program(program)
    documents = workload.documents

    def one(document: dict[str, Any]) -> Mapping[str, Iterable[str]]:
        vm.set_input_json(json.dumps(document))
        result: Mapping[str, Iterable[str]] = json.loads(vm.execute())
        return result

    return Prepared(lambda: _collect(one(d) for d in documents))


def _variant(how: str, prepare: Callable[[Workload], Prepared]) -> Variant:
    return Variant("regorus", how, prepare)


VARIANTS = [
    _variant("Engine.set_input + eval_rule, per case", _engine_per_case),
    _variant("Engine, one batch query over all cases", _engine_batch),
    _variant("RVM bytecode program, per case (JSON in and out)", _rvm_per_case),
]
