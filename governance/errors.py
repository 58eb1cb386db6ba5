"""The one exception hierarchy of the library, and the `Problem` each error carries.

    GovernanceError            base of everything the library raises on purpose
    ├── RegisterError          the register (input facts) is unreadable or invalid   (CLI exit 2)
    ├── PolicyError            a rule or policy pack is unreadable or invalid        (CLI exit 3)
    ├── EngineError            durable-rules failed on a partition even in a fresh worker
    ├── StoreError             the audit store cannot be opened, is newer than this version,
                               or was asked for a run, finding or triage it does not allow
    └── UsageError             the library was called with an argument it cannot use   (CLI exit 2)

Every error carries one or more `Problem`s: a file, a line and a column (1-based, when known), the
path to the bad value (``interests[2].equity_pct``) and a sentence saying what was expected and what
was found. Problems are collected in one pass, sorted by file/line/column, and raised together, so
an author fixes every mistake at once. Violations of policy are never exceptions: they are findings.
A scenario step that does not hold raises `governance.scenarios.failures.StepFailure`, an
`AssertionError` (pytest's own kind of failure), not a `GovernanceError`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol


class Located(Protocol):
    """Anything with a file, a line and a column (a `governance.documents.Location`)."""

    @property
    def file(self) -> str:
        """The file."""

    @property
    def line(self) -> int:
        """The 1-based line."""

    @property
    def column(self) -> int:
        """The 1-based column."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input, located as precisely as the input allows."""

    file: str
    line: int = 0
    column: int = 0
    path: str = ""
    message: str = ""

    @classmethod
    def at(cls, where: Located, path: str, message: str) -> Problem:
        """A problem at `where`, about the value at `path`."""
        return cls(where.file, where.line, where.column, path, message)

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where = f"{where}:{self.line}:{self.column}"
        if self.path:
            return f"{where} {self.path}: {self.message}"
        return f"{where}: {self.message}"


class GovernanceError(Exception):
    """Base of every error the library raises on purpose; carries sorted `problems`."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(sorted(set(problems)))
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[type[GovernanceError], tuple[tuple[Problem, ...]]]:
        # rebuilt from its problems when it crosses a process boundary (worker to parent)
        return (type(self), (self.problems,))


class RegisterError(GovernanceError):
    """Raised when a register cannot be read, parsed or validated (every problem at once)."""


class PolicyError(GovernanceError):
    """Raised when a rule or policy pack cannot be read, parsed, validated or compiled."""


class EngineError(GovernanceError):
    """Raised when the engine crashes on a partition twice (the problem names the partition)."""


class UsageError(GovernanceError):
    """Raised when an argument cannot be used (e.g. `only` names a rule no pack adopts)."""


class StoreError(GovernanceError):
    """Raised by the audit store: an unusable URL or database, a schema newer than this version,
    an unknown run or finding, or a triage the rule does not allow."""


def did_you_mean(word: str, candidates: Sequence[str] | Iterable[str]) -> str:
    """Return `` (did you mean 'x'?)`` for the closest candidate, or an empty string."""
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
