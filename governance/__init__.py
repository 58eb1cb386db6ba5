"""governance: a compliance rules engine for long-term supporters (伴走支援者).

The public API is curated here and pinned by a test; everything else is internal.
"""

from __future__ import annotations

from governance.errors import GovernanceError, PolicyError, Problem, RegisterError
from governance.register import Limits, Register, load_register, load_register_data

__version__ = "0.1.0"

__all__ = [
    "GovernanceError",
    "Limits",
    "PolicyError",
    "Problem",
    "Register",
    "RegisterError",
    "__version__",
    "load_register",
    "load_register_data",
]
