"""The step library: one registry, `STEPS`, of every step in English and Japanese.

Each topic module holds a tuple literal of `StepDef`s; this module joins them, in the order
the reference shows them. Nothing registers itself by being imported.
"""

from __future__ import annotations

from governance.scenarios.steps import (
    corporate,
    expect,
    interests,
    parties,
    procurement,
    setup,
    tables,
)
from governance.scenarios.steps.model import Args, StepDef

STEPS: tuple[StepDef, ...] = (
    *parties.STEPS,
    *interests.STEPS,
    *corporate.STEPS,
    *procurement.STEPS,
    *tables.STEPS,
    *setup.STEPS,
    *expect.STEPS,
)
"""Every step of the library."""

__all__ = ["STEPS", "Args", "StepDef"]
