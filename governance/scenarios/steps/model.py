"""A step of the library as data: its sentences in English and Japanese, its action, its doc.

`StepDef` is the one shape every step has; the library is a tuple of them
(`governance.scenarios.steps.STEPS`). A step's action gets the scenario's `World` and the
step's `Args` (the values its slots captured, its data table and doc string).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from governance.scenarios.failures import StepFailure
from governance.scenarios.kinds import KINDS
from governance.scenarios.patterns import Compiled, compile_pattern
from governance.scenarios.values import split_list
from governance.scenarios.world import World

StepKind = Literal["given", "when", "then"]
Table = tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Args:
    """What one step was given: the raw slot values, their kinds, a data table, a doc string."""

    raw: Mapping[str, str]
    kinds: Mapping[str, str]
    table: Table | None = None
    docstring: str | None = None

    def has(self, name: str) -> bool:
        """Whether the optional slot `name` was written."""
        return name in self.raw

    def get(self, world: World, name: str) -> Any:
        """The value of slot `name`, read by its kind.

        Raises:
            StepFailure: when the value cannot be read.
        """
        return read(world, self.kinds[name], self.raw[name], name)

    def values(self, world: World) -> dict[str, Any]:
        """Every written slot's value by slot name."""
        return {name: self.get(world, name) for name in self.raw}


def read(world: World, kind: str, text: str, name: str, *, cell: bool = False) -> Any:
    """Read `text` as a value of `kind` (a table `cell` holds lists as ``A, B``)."""
    spec = KINDS[kind]
    try:
        if cell and spec.item is not None:
            return [KINDS[spec.item].read(world, item) for item in split_list(text)]
        return spec.read(world, text)
    except ValueError as error:
        raise StepFailure(f"{name}: {error}") from None


Action = Callable[[World, Args], None]


@dataclass(frozen=True)
class StepDef:
    """One step of the library.

    Attributes:
        key: a stable name (``given.investment``), used in the reference.
        kind: the keyword it is documented under; matching ignores the keyword, as Cucumber does.
        topic: the section of the reference it appears in.
        doc: what the step means, for the reference (first line a summary).
        en: the English patterns (the first is the canonical one).
        ja: the Japanese patterns.
        examples: sentences that must match this step (checked by the tests).
        action: what the step does.
        table: whether the step takes a data table.
    """

    key: str
    kind: StepKind
    topic: str
    doc: str
    en: tuple[str, ...]
    ja: tuple[str, ...]
    examples: tuple[str, ...]
    action: Action
    table: bool = False
    compiled: tuple[Compiled, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        patterns = tuple(compile_pattern(p, _kind_regex) for p in (*self.en, *self.ja))
        object.__setattr__(self, "compiled", patterns)

    def match(self, text: str) -> Args | None:
        """The slot values and kinds if one of the step's patterns matches `text`, else None."""
        for pattern in self.compiled:
            found = pattern.match(text)
            if found is not None:
                return Args(found, {slot.name: slot.kind for slot in pattern.slots})
        return None


def _kind_regex(kind: str) -> str:
    if kind not in KINDS:
        raise ValueError(f"unknown slot kind {kind!r}")
    return KINDS[kind].regex
