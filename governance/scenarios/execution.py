"""Doing one step: find it in the library, read its values, act on the scenario's world.

Both runners use this: the pytest-bdd plugin (`governance.scenarios.pytest_plugin`) and
`governance test` (`governance.scenarios.runner`), so a step means the same in both.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from governance.scenarios.matching import find_step
from governance.scenarios.steps import StepDef
from governance.scenarios.world import World


def run_step(
    world: World,
    text: str,
    *,
    line: int = 0,
    table: Sequence[Sequence[object]] | None = None,
    docstring: str | None = None,
) -> StepDef:
    """Do the step `text` (on `line`, with its data `table` and `docstring`) in `world`.

    Raises:
        StepFailure: when the step does not hold or cannot be done (`UndefinedStep` when no
            step of the library matches).
    """
    step, args = find_step(text)
    world.line = line
    rows = tuple(tuple(str(cell) for cell in row) for row in table) if table else None
    step.action(world, dataclasses.replace(args, table=rows, docstring=docstring))
    return step
