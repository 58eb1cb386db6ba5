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
"""

from __future__ import annotations

from governance._version import __version__
from governance.api import Engine, evaluate, load_pack, load_packs
from governance.documents import Limits
from governance.errors import (
    EngineError,
    GovernanceError,
    PolicyError,
    Problem,
    RegisterError,
)
from governance.findings.models import Finding, Report
from governance.language.ir import CompiledPack
from governance.loading import load_register, load_register_data, load_register_text
from governance.register import Register

__all__ = [
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
    "__version__",
    "evaluate",
    "load_pack",
    "load_packs",
    "load_register",
    "load_register_data",
    "load_register_text",
]
