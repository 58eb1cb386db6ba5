"""Loading a register: its documents read into the model, facts cross-checked, problems worded."""

from __future__ import annotations

from governance.loading.loader import load_register, load_register_data, load_register_text

__all__ = ["load_register", "load_register_data", "load_register_text"]
