"""What the scenarios of one run share: default packs, a policies folder, the engine, caches.

Compiling a pack takes tens of milliseconds and a scenario's check a few, so a run compiles each
set of packs once and, for durable-rules, keeps one warm `Engine` per set. Close the session at
the end of the run to stop the engine's workers.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from governance.api import Engine, EngineName, load_packs
from governance.errors import PolicyError, Problem
from governance.findings.models import Report
from governance.language.ir import CompiledPack
from governance.language.reading import builtin_dir, read_packs
from governance.register.records import Register

PackKey = tuple[tuple[str, ...], str | None]


def pack_ids(folder: Path) -> list[str]:
    """The ids of the packs in a policies `folder`, sorted.

    Raises:
        PolicyError: when a pack cannot be read (it would otherwise go untested).
    """
    problems: list[Problem] = []
    ids = sorted(read_packs([folder], problems))
    if problems:
        raise PolicyError(problems)
    return ids


class Session:
    """Defaults and caches shared by the scenarios of one run.

    Args:
        packs: the packs a scenario checks against unless it names its own (default: the packs
            in `policies` when given, else every built-in pack).
        policies: an organisation's policies folder (``DIR/<pack>/pack.yaml``, ``DIR/rules``).
        engine: ``"oracle"`` (default: fast to start) or ``"durable"``.

    Raises:
        PolicyError: when the default packs are taken from a folder holding an unreadable pack.
    """

    def __init__(
        self,
        packs: Sequence[str] = (),
        policies: str | Path | None = None,
        engine: EngineName = "oracle",
    ) -> None:
        self.policies = Path(policies) if policies is not None else None
        self.engine: EngineName = engine
        self.packs = tuple(packs) or tuple(
            pack_ids(self.policies) if self.policies else pack_ids(builtin_dir("policies"))
        )
        self._compiled: dict[PackKey, tuple[CompiledPack, ...]] = {}
        self._engines: dict[tuple[PackKey, str], Engine] = {}

    def compiled(self, names: Sequence[str], policies: Path | None) -> tuple[CompiledPack, ...]:
        """The packs called `names` (from `policies`, then the built-in ones), compiled once.

        Raises:
            PolicyError: every problem of the packs.
        """
        key = (tuple(names), str(policies) if policies else None)
        if key not in self._compiled:
            self._compiled[key] = tuple(load_packs(list(names), policies=policies))
        return self._compiled[key]

    def check(
        self,
        register: Register,
        names: Sequence[str],
        policies: Path | None,
        as_of: date,
        engine: EngineName,
    ) -> Report:
        """Check `register` against the packs `names` as of `as_of` with a warm engine."""
        packs = self.compiled(names, policies)
        key = ((tuple(names), str(policies) if policies else None), engine)
        warm = self._engines.get(key)
        if warm is None:
            warm = self._engines[key] = Engine(packs, engine=engine)
        return warm.check(register, as_of=as_of)

    def close(self) -> None:
        """Stop every warm engine's workers."""
        for warm in self._engines.values():
            warm.close()
        self._engines.clear()

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
