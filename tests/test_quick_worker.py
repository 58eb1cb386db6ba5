"""The quick worker (a re-check's warm process) is sent each stratum's rulesets once."""

from __future__ import annotations

import pickle
from typing import Any

from governance.run.workers import _CONTEXTS_KEPT, Chunk, Results, Workers, WorkerStats


def _echo(context: Any, chunk: Chunk) -> Results:
    return [(label, context) for label, _ in chunk]


def test_a_context_is_sent_once_then_named_and_forgotten_past_the_limit() -> None:
    workers = Workers(1)
    contexts = [{"rulesets": "x" * 10_000, "n": n} for n in range(_CONTEXTS_KEPT + 3)]
    sizes: list[int] = []
    stats = WorkerStats()

    def run(context: Any, label: str) -> Results:
        return workers.run(
            _echo, context, [[(label, None)]], size=len, split=lambda c: [c], stats=stats
        )

    try:
        for rounds in range(2):
            for n, context in enumerate(contexts):
                assert run(context, f"S{n}") == [(f"S{n}", context)]
                if rounds == 0 and n == 0:  # the pipe exists now: measure what goes through it
                    assert workers._quick is not None
                    conn = workers._quick[1]
                    send = conn.send

                    def measured(message: Any, send: Any = send) -> None:
                        sizes.append(len(pickle.dumps(message)))
                        send(message)

                    conn.send = measured  # type: ignore[method-assign]
                assert run(context, "again") == [("again", context)]
    finally:
        workers.close()
    assert (stats.lost_workers, stats.retried_chunks) == (0, 0)  # the worker always had it
    named = [size for size in sizes if size < 5_000]
    # Every second run names its context (70 of 139 measured); every first run sends it: the
    # first round fills the worker's 32 and starts over at the 33rd; the second round sends all
    # again, the worker starting over at its 30th (3 + 29 held).
    assert (len(named), len(sizes) - len(named)) == (70, 69)
