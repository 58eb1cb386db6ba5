"""The register: the facts a check runs on (input contract v1), as a model; `loading` reads it."""

from __future__ import annotations

from governance.register.records import Register

__all__ = ["Register"]
