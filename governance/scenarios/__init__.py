"""Gherkin scenarios for policy authors: a step library that speaks the domain, and runners.

Policy authors pin down what a policy means with scenarios in English or Japanese
(``# language: ja``): Given facts of a register, When it is checked, Then these findings. The
library is one registry of steps (`governance.scenarios.steps.STEPS`), each with English and
Japanese sentences, synonyms, a doc and examples; ``governance test --steps`` prints the
reference (`governance.scenarios.reference`).

The modules, each owning one thing:

- `patterns` — the pattern language of step sentences; `kinds`, `values`, `vocabulary` — what
  a slot accepts; `steps` — the registry; `matching` — which step a sentence is;
- `world` — one scenario's facts, settings and findings; `session` — what a run shares;
  `execution` — doing one step; `failures` — what a failing step raises;
- `pytest_plugin` — running features under pytest-bdd; `runner` — running them without
  pytest (``governance test``); `coverage`, `report`, `junit` — rule coverage, terminal text
  and JUnit XML of a run.
"""

from __future__ import annotations

from governance.scenarios.coverage import Coverage, RuleCoverage, rule_coverage
from governance.scenarios.failures import StepFailure, UndefinedStep
from governance.scenarios.junit import junit_xml
from governance.scenarios.reference import step_reference
from governance.scenarios.runner import (
    RunResult,
    ScenarioResult,
    StepResult,
    run_features,
    tagged_scenarios,
)

__all__ = [
    "Coverage",
    "RuleCoverage",
    "RunResult",
    "ScenarioResult",
    "StepFailure",
    "StepResult",
    "UndefinedStep",
    "junit_xml",
    "rule_coverage",
    "run_features",
    "step_reference",
    "tagged_scenarios",
]
