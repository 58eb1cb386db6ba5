"""The public API is curated: this list changes only on purpose."""

from __future__ import annotations

import governance


def test_the_public_api_is_pinned() -> None:
    assert governance.__all__ == [
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
    for name in governance.__all__:
        assert getattr(governance, name) is not None


def test_errors_share_one_root_and_sort_their_problems() -> None:
    late = governance.Problem("b.yaml", 3, 1, "x", "late")
    early = governance.Problem("a.yaml", 9, 9, "", "early")
    error = governance.RegisterError([late, early, late])
    assert isinstance(error, governance.GovernanceError)
    assert error.problems == (early, late)
    assert str(error) == "a.yaml:9:9: early\nb.yaml:3:1 x: late"
