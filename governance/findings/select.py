"""Narrowing a report to some rules (``--only``/``--skip``), counts recomputed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from governance.findings.models import SEVERITY_ORDER, STATES, Counts, Report


def select(report: Report, only: Sequence[str] = (), skip: Sequence[str] = ()) -> Report:
    """`report` with the findings of `only` these rules (all when empty), less those of `skip`."""
    if not only and not skip:
        return report
    kept = [f for f in report.findings if (not only or f.rule in only) and f.rule not in skip]
    severities = Counter(f.severity for f in kept)
    states = Counter(f.state for f in kept)
    counts = Counts(
        total=len(kept),
        by_severity={s: severities.get(s, 0) for s in SEVERITY_ORDER},
        by_state={s: states.get(s, 0) for s in STATES},
    )
    update: dict[str, object] = {"findings": kept, "counts": counts}
    if report.audit is not None:  # a finding gone from a rule that was left out is not news
        absent = [
            f for f in report.audit.absent if (not only or f.rule in only) and f.rule not in skip
        ]
        update["audit"] = report.audit.model_copy(update={"absent": absent})
    return report.model_copy(update=update)
