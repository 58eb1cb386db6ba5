"""The register: the facts a check runs on (input contract v1), and how it is loaded."""

from __future__ import annotations

from governance.documents import Limits
from governance.register.loader import load_register, load_register_data, load_register_text
from governance.register.models import Register

__all__ = ["Limits", "Register", "load_register", "load_register_data", "load_register_text"]
