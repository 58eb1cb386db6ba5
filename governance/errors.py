"""The one exception hierarchy of the library, and the `Problem` each error carries.

    GovernanceError            base of everything the library raises on purpose
    ├── RegisterError          the register (input facts) is unreadable or invalid   (CLI exit 2)
    ├── PolicyError            a rule or policy pack is unreadable or invalid        (CLI exit 3)
    ├── EngineError            durable-rules failed on a partition even in a fresh worker;
                               its `failures` name the rule to blame       (CLI exit 70)
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
from dataclasses import dataclass, replace
from typing import Any, Protocol


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


@dataclass(frozen=True)
class EngineFailure:
    """What durable-rules could not evaluate: a rule (or rules together) on one partition's facts,
    found by running that partition again one ruleset, then one rule, at a time."""

    rules: tuple[str, ...]
    """The ids of the rules that fail: one when a rule fails alone, the rules of a ruleset that
    fails only whole, none when nothing failed again once isolated."""
    partition: str
    """The supporter whose facts it failed on (``""``: the facts no supporter reaches)."""
    outcome: str
    """``crashed`` (the worker died), ``hung`` (it did not finish within `seconds`),
    ``refused`` (durable-rules returned an error) or ``failed`` (one of those, twice, but not
    again once the rules ran alone)."""
    seconds: float
    """The time each attempt was given."""
    pack: str = ""
    source: str = ""
    """Where the rule was written (``rules/x.yaml:1:1``), when one rule fails alone."""
    others: int = 0
    """How many more partitions failed (not isolated: one is enough to name the rule)."""

    def problem(self) -> Problem:
        """The failure as a located problem: at the rule, when one rule is to blame."""
        file, line, column = _split_source(self.source)
        return Problem(file, line, column, "", self.message())

    def message(self) -> str:
        """What a reviewer reads: which rule, what happened, on whose facts, what to do."""
        of_pack = f" of pack '{self.pack}'" if self.pack else ""
        facts = f"the facts of {self.partition}" if self.partition else "facts no supporter reaches"
        if self.others:
            facts += f" (and of {self.others} more)"
        what = {
            "crashed": "crashed durable-rules",
            "hung": f"did not finish in durable-rules within {self.seconds:g} s",
            "refused": "was refused by durable-rules",
        }.get(self.outcome, "crashed or hung durable-rules")
        if len(self.rules) == 1:
            return (
                f"rule '{self.rules[0]}'{of_pack} {what} on {facts} (again when run alone in "
                "a fresh worker); --engine oracle or --engine duckdb evaluates it"
            )
        if self.rules:
            names = ", ".join(f"'{rule}'" for rule in self.rules)
            return (
                f"rules {names}{of_pack} together {what} on {facts} (none does alone); "
                "--engine oracle or --engine duckdb evaluates them"
            )
        return (
            f"the rules{of_pack} {what} on {facts}, but none did again once run alone; "
            "--engine oracle or --engine duckdb evaluates them"
        )


def _split_source(source: str) -> tuple[str, int, int]:
    file, _, rest = source.partition(":") if source else ("<engine>", "", "")
    line, _, column = rest.partition(":")
    if line.isdigit() and column.isdigit():
        return file, int(line), int(column)
    return source or "<engine>", 0, 0


class EngineError(GovernanceError):
    """Raised when durable-rules fails on a partition even in a fresh worker; `failures` names
    the rules to blame (and the partition), found by running them one at a time."""

    def __init__(self, problems: Iterable[Problem], failures: Sequence[EngineFailure] = ()) -> None:
        self.failures: tuple[EngineFailure, ...] = tuple(failures)
        super().__init__([*problems, *(f.problem() for f in self.failures)])

    @classmethod
    def of(cls, failures: Sequence[EngineFailure]) -> EngineError:
        """The error for `failures`, each its own problem."""
        return cls((), failures)

    def in_pack(self, pack: str) -> EngineError:
        """The same failures, told as failures of rules of `pack`."""
        if not self.failures:
            return self
        return EngineError.of([replace(f, pack=f.pack or pack) for f in self.failures])

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        if self.failures:  # the problems are rebuilt from the failures
            return (EngineError.of, (self.failures,))
        return super().__reduce__()


class UsageError(GovernanceError):
    """Raised when an argument cannot be used (e.g. `only` names a rule no pack adopts)."""


class StoreError(GovernanceError):
    """Raised by the audit store: an unusable URL or database, a schema newer than this version,
    an unknown run or finding, or a triage the rule does not allow."""


def did_you_mean(word: str, candidates: Sequence[str] | Iterable[str]) -> str:
    """Return `` (did you mean 'x'?)`` for the closest candidate, or an empty string."""
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
