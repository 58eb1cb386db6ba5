"""What the runner needs from each way of evaluating the workload: a name and a `prepare`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from workload import Finding, Workload

Run = Callable[[], set[Finding]]
"""The timed call: evaluate the whole workload once, give every (rule, subject) finding."""


class Unavailable(Exception):
    """A peer that cannot run here (not installed, or broken): the runner skips it and says why."""


@dataclass
class Prepared:
    """A variant set up for one workload: the timed call, its cleanup and untimed setup costs."""

    run: Run
    close: Callable[[], None] = lambda: None
    setup: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Variant:
    """One way of driving one engine over the workload.

    Attributes:
        engine: the engine's family in the table (``governance``, ``zen-engine``, ``regorus``...).
        how: how it is driven, in a few words.
        prepare: sets it up for a workload (untimed); raises `Unavailable` when it cannot run.
        ours: the row every ratio is taken against.
    """

    engine: str
    how: str
    prepare: Callable[[Workload], Prepared]
    ours: bool = False

    @property
    def name(self) -> str:
        """``engine: how``, the row's label."""
        return f"{self.engine}: {self.how}"
