"""Every scenario under features/ runs under pytest, through pytest-bdd and the step library.

The scenarios use the built-in packs and the oracle engine (see
`governance.scenarios.pytest_plugin` for the fixtures a project may override).
"""

from __future__ import annotations

from pytest_bdd import scenarios

from governance.scenarios import pytest_plugin
from tests.conftest import ROOT

pytest_plugin.install()

scenarios(str(ROOT / "features"))
