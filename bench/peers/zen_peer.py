"""zen-engine (GoRules) on the peer workload, driven four ways.

The rules are one decision graph, ``peers.zen.json`` beside this file: input node → one
expression node (``inv``, ``col``, ``rev``: the subject ids each rule finds in the case) →
output node. The expressions use zen's closures with aliases (``filter(interests as i, ...
none(disclosures as d, i.id in d.interests ...))``), so the joins happen inside zen. Each case
document goes in as a Python dict (zen converts it); the ids come back as lists.

Variants (all give the same findings; the runner times each):
- ``compiled expression, per case``: the three expressions as one object expression compiled
  once with `zen.compile_expression`, evaluated per case (the fastest per-case use found);
- ``one expression over all cases``: the same expressions wrapped in ``flatMap(cases as c, ...)``
  and evaluated once over ``{"cases": [...]}``;
- ``decision graph, per case``: `ZenDecision.evaluate` per case, the documented way to run a
  decision. Slow here for a reason outside the rules: each call costs about 0.25 ms even for a
  trivial graph and an empty context (measured with zen-engine 2.1.3), the per-call overhead
  reported in gorules/zen issue #441 (about 30x slower since 0.38.4);
- ``decision graph, evaluate_batch``: `ZenEngine.evaluate_batch` over all cases, one call
  (it may use more than one thread: CPU time up to 1.3x wall time was seen at 2,000 cases).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

from evaluator import Prepared, Unavailable, Variant
from workload import RULE_COLLABORATION, RULE_INVESTMENT, RULE_REVIEWER, Finding, Workload

GRAPH = Path(__file__).resolve().parent / "peers.zen.json"
KEYS = {"inv": RULE_INVESTMENT, "col": RULE_COLLABORATION, "rev": RULE_REVIEWER}
_ROOT_NAMES = re.compile(r"(?<![\w.])(supporter|client|interests|disclosures|reviews|relations)\b")


def _zen() -> Any:
    try:
        import zen
    except ImportError as error:  # the `bench` extra is not installed
        raise Unavailable(
            f"zen-engine is not installed ({error}); pip install -e .[bench]"
        ) from error
    return zen


def version() -> str:
    """The installed zen-engine version, or ``-``."""
    try:
        return metadata.version("zen-engine")
    except metadata.PackageNotFoundError:
        return "-"


def graph() -> dict[str, Any]:
    """The decision graph (JSON Decision Model) of the three rules."""
    loaded: dict[str, Any] = json.loads(GRAPH.read_text(encoding="utf-8"))
    return loaded


def expressions() -> dict[str, str]:
    """The expression node's expressions by output key (``inv``, ``col``, ``rev``)."""
    node = next(n for n in graph()["nodes"] if n["type"] == "expressionNode")
    return {e["key"]: e["value"] for e in node["content"]["expressions"]}


def _object(exprs: Mapping[str, str]) -> str:
    return "{" + ", ".join(f"{key}: {value}" for key, value in exprs.items()) + "}"


def _collect(results: Iterable[Mapping[str, list[str]]]) -> set[Finding]:
    found: set[Finding] = set()
    for result in results:
        for key, rule in KEYS.items():
            found.update((rule, subject) for subject in result[key])
    return found


def _compiled_per_case(workload: Workload) -> Prepared:
    expression = _zen().compile_expression(_object(expressions()))
    documents = workload.documents
    return Prepared(lambda: _collect(expression.evaluate(d) for d in documents))


def _one_expression(workload: Workload) -> Prepared:
    batch = {
        key: "flatMap(cases as c, " + _ROOT_NAMES.sub(r"c.\1", value) + ")"
        for key, value in expressions().items()
    }
    expression = _zen().compile_expression(_object(batch))
    documents = workload.documents
    return Prepared(lambda: _collect([expression.evaluate({"cases": documents})]))


def _graph_per_case(workload: Workload) -> Prepared:
    decision = _zen().ZenEngine().create_decision(json.dumps(graph()))
    documents = workload.documents
    return Prepared(lambda: _collect(decision.evaluate(d)["result"] for d in documents))


def _graph_batch(workload: Workload) -> Prepared:
    zen = _zen()
    engine = zen.ZenEngine({"loader": {"type": "static", "content": {"peers": graph()}}})
    documents = workload.documents

    def run() -> set[Finding]:
        answers = engine.evaluate_batch([{"key": "peers", "context": d} for d in documents])
        failed = [a for a in answers if not a.get("success")]
        if failed:
            raise RuntimeError(f"zen evaluate_batch: {len(failed)} failed, first: {failed[0]}")
        return _collect(a["data"]["result"] for a in answers)

    return Prepared(run)


def _variant(how: str, prepare: Callable[[Workload], Prepared]) -> Variant:
    return Variant("zen-engine", how, prepare)


VARIANTS = [
    _variant("compiled expression (zen.compile_expression), per case", _compiled_per_case),
    _variant("compiled expression, one call over all cases (flatMap)", _one_expression),
    _variant("decision graph, ZenDecision.evaluate per case", _graph_per_case),
    _variant("decision graph, ZenEngine.evaluate_batch over all cases", _graph_batch),
]
