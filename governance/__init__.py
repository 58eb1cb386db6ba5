"""governance: a compliance rules engine for long-term supporters (伴走支援者).

The public API is curated here and pinned by a test; everything else is internal::

    from datetime import date
    import governance

    register = governance.load_register("examples/register.yaml")
    packs = governance.load_packs(["banso-shien", "companies-act-jp"])
    report = governance.evaluate(register, packs, as_of=date(2027, 3, 31))
    for finding in report.findings:
        print(finding.severity, finding.state, finding.rule, finding.message.ja)
    report.to_json()  # the canonical, byte-stable JSON

    with governance.AuditStore("governance-audit.db") as store:   # SQLite, or postgresql://
        store.record(report, packs=packs)                          # a run, hash-chained
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from governance._version import __version__
from governance.api import Engine, evaluate, load_pack, load_packs
from governance.documents import Limits
from governance.errors import (
    EngineError,
    GovernanceError,
    PolicyError,
    Problem,
    RegisterError,
    StoreError,
)
from governance.findings.models import Finding, Report
from governance.language.ir import CompiledPack
from governance.loading import load_register, load_register_data, load_register_text
from governance.register import Register

if TYPE_CHECKING:
    from governance.store import AuditStore

__all__ = [
    "AuditStore",
    "CompiledPack",
    "Engine",
    "EngineError",
    "Finding",
    "GovernanceError",
    "Limits",
    "PolicyError",
    "Problem",
    "Register",
    "RegisterError",
    "Report",
    "StoreError",
    "__version__",
    "evaluate",
    "load_pack",
    "load_packs",
    "load_register",
    "load_register_data",
    "load_register_text",
]


def __getattr__(name: str) -> Any:
    """`AuditStore` is imported on first use: it brings SQLAlchemy, which a check without a
    store never needs."""
    if name == "AuditStore":
        from governance.store import AuditStore

        return AuditStore
    raise AttributeError(f"module 'governance' has no attribute '{name}'")
