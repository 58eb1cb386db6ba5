"""What a failing step raises: a sentence, and the expected and actual findings side by side.

Both are `AssertionError`s, so pytest shows them as test failures (not errors); the runner of
``governance test`` prints the same text. They are failures of a scenario, not errors of the
library: a register or pack that cannot be loaded inside a scenario becomes a `StepFailure`
naming the step that wrote the bad fact.
"""

from __future__ import annotations

from collections.abc import Sequence


class StepFailure(AssertionError):
    """Raised when a step does not hold, or cannot be done with the values it was given."""

    status = "failed"

    def __init__(
        self, message: str, *, expected: Sequence[str] = (), actual: Sequence[str] = ()
    ) -> None:
        self.message = message
        self.expected = tuple(expected)
        self.actual = tuple(actual)
        super().__init__(self.text())

    def text(self) -> str:
        """The message, then the expected and actual findings when the step compared them."""
        lines = [self.message]
        if self.expected or self.actual:
            lines.append("  expected:")
            lines.extend(f"    {line}" for line in self.expected or ["(no findings)"])
            lines.append("  actual:")
            lines.extend(f"    {line}" for line in self.actual or ["(no findings)"])
        return "\n".join(lines)


class UndefinedStep(StepFailure):
    """Raised when no step of the library matches a step's text (the closest ones are listed)."""

    status = "undefined"
