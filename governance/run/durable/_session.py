"""The C-session driver: the only module that imports durable-rules.

durable-rules 2.0.28 is unmaintained and was measured here to misbehave when driven naively.
Each trap, and what is done about it (here and in the modules beside this one):

- ``$not`` only sees facts asserted before the positive facts that complete a match: facts are
  asserted in `assertion_order` (every absent type before the types it guards), in one batch.
- the stock ``Host`` starts timer threads that crash after ``delete_state``: it is not used; the
  C functions (``create_ruleset``, ``assert_facts``, ``start_action_for_state``,
  ``complete_and_start_action``, ``delete_state``) are called directly.
- a batch holding a fact no rule handles makes the Python wrapper raise before actions run: only
  fact types some pattern matches are asserted, and the C return code 1 (not handled) is ignored
  because the handled facts of the batch are still matched.
- ``delete_state`` frees uninitialised memory when no action ever started in the session: every
  session gets a sentinel fact matched by a sentinel rule, so one action always starts first.
- at most 1,024 live sessions, and one session of ~100k facts fails with a hash collision: one
  small session per partition (`governance.run._partition`), deleted in ``finally``.
- exceptions raised inside actions are swallowed: there are no Python actions; matches are read
  from the action messages.
- ``create_ruleset`` registers by name and a name can be registered once: rulesets are named by
  the digest of their JSON and cached per process; the JSON is built fresh (never mutated).
- rulesets of many rules crash the C core: at most `rulesets.RULESET_BUDGET` durable rules each.
- the C core can read out of bounds and die with SIGSEGV, or loop forever: sessions run in worker
  processes (`governance.run.workers`), retried, and a partition that fails twice is an
  `EngineError` naming it — never a silent gap.
"""

from __future__ import annotations

from collections.abc import Sequence

import durable_rules_engine as engine
import orjson

from governance.errors import EngineError, Problem
from governance.run.durable._encode import ENCODE, SID, Batch
from governance.run.durable._rulesets import SENTINEL_RULE, Job

Frame = tuple[str, ...]
Found = dict[str, list[Frame]]

_HANDLES: dict[str, int] = {}
_SENTINEL = ENCODE({"id": "$sentinel", "sid": SID, "t": SENTINEL_RULE})


def _handle(job: Job) -> int:
    handle = _HANDLES.get(job.name)
    if handle is None:
        handle = engine.create_ruleset(job.name, job.ruleset)
        _HANDLES[job.name] = handle
    return handle


def _payload(facts: Batch, order: Sequence[str]) -> str:
    """The batch one job asserts: its sentinel, then its handled types in its order."""
    parts = [_SENTINEL] + [text for t in order for text in facts.get(t, ())]
    return "[" + ",".join(parts) + "]"


def evaluate_partition(jobs: Sequence[Job], facts: Batch) -> Found:
    """Run one session's facts through every job's ruleset; return each rule's frames."""
    found: Found = {}
    for job in jobs:
        for key, frames in _evaluate_session(job, facts).items():
            found.setdefault(key, []).extend(frames)
    return found


def _evaluate_session(job: Job, facts: Batch) -> Found:
    """Assert one partition in a fresh session; return each rule's frames; delete the session."""
    handle = _handle(job)
    positive = dict(job.positive)
    found: Found = {}
    try:
        try:
            _, state = engine.assert_facts(handle, _payload(facts, job.order))
        except engine.error as exc:  # e.g. error 303: too many tests passed at once
            raise EngineError(
                [Problem("<engine>", message=f"durable-rules refused a partition: {exc}")]
            ) from None
        result = engine.start_action_for_state(handle, state)
        while result is not None:
            messages = orjson.loads(result[1] if isinstance(result, tuple) else result)
            for name, frame in messages.items():
                if name != SENTINEL_RULE:
                    key = name.rsplit("/", 1)[0]
                    found.setdefault(key, []).append(tuple(frame[b]["id"] for b in positive[key]))
            result = engine.complete_and_start_action(handle, state)
    finally:
        engine.delete_state(handle, SID)
    return found


def run_chunk(jobs: Sequence[Job], chunk: list[tuple[str, Batch]]) -> list[tuple[str, Found]]:
    """A worker task: every session of `chunk`, each labelled with its partitions."""
    return [(label, evaluate_partition(jobs, facts)) for label, facts in chunk]
