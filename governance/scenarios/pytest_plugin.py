"""pytest-bdd glue: the step library as one pytest-bdd step, and `@rule:` tags as marks.

pytest-bdd parses the feature files and runs the scenarios; every step of them goes to one
step definition that matches any text and hands it to the library
(`governance.scenarios.execution.run_step`). So a step means exactly what it means to
``governance test``, and an unknown step fails with the closest known steps rather than
pytest-bdd's "step definition is not found". A test module uses it like this::

    from pytest_bdd import scenarios
    from governance.scenarios import pytest_plugin

    pytest_plugin.install()
    scenarios("features")

`install` registers this module as a pytest plugin of the running session (it must run before
`scenarios`, which applies the tags as marks while the test module is imported). A tag
``@rule:disclosure.missing`` becomes the mark ``rule("disclosure.missing")`` (select with
``-m rule``), which ``--strict-markers`` accepts. Loading the module with ``-p
governance.scenarios.pytest_plugin`` works as well.

Fixtures a project may override: ``governance_packs`` (default packs of scenarios that name
none), ``governance_policies`` (a policies folder) and ``governance_engine`` (``"oracle"``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd import step
from pytest_bdd.parser import Feature, Scenario, Step
from pytest_bdd.parsers import StepParser
from pytest_bdd.utils import CONFIG_STACK

from governance.api import EngineName
from governance.scenarios.execution import run_step
from governance.scenarios.failures import StepFailure
from governance.scenarios.session import Session
from governance.scenarios.world import World

RULE_TAG = "rule:"
PLUGIN_NAME = "governance-scenarios"


class AnyStep(StepParser):
    """A pytest-bdd parser matching every step: the library decides what the text means."""

    def __init__(self) -> None:
        super().__init__("governance step library")

    def parse_arguments(self, name: str) -> dict[str, Any]:
        """The whole text, for the library to match."""
        return {"text": name}

    def is_matching(self, name: str) -> bool:
        """Every text: an unknown one fails in the library, with suggestions."""
        return True


@pytest.fixture(scope="session")
def governance_packs() -> tuple[str, ...]:
    """The packs of scenarios that name none (empty: every built-in pack)."""
    return ()


@pytest.fixture(scope="session")
def governance_policies() -> Path | None:
    """An organisation's policies folder, or None for the built-in packs only."""
    return None


@pytest.fixture(scope="session")
def governance_engine() -> EngineName:
    """The engine scenarios check with (``"oracle"`` starts fastest)."""
    return "oracle"


@pytest.fixture(scope="session")
def governance_session(
    governance_packs: tuple[str, ...],
    governance_policies: Path | None,
    governance_engine: EngineName,
) -> Iterator[Session]:
    """The defaults and caches every scenario of the test session shares."""
    with Session(governance_packs, governance_policies, governance_engine) as session:
        yield session


@pytest.fixture
def governance_world(governance_session: Session) -> World:
    """One scenario's facts, settings and findings."""
    return World(governance_session, Path.cwd())


@step(AnyStep())
def governance_step(
    text: str,
    governance_world: World,
    datatable: list[list[str]] | None = None,
    docstring: str | None = None,
) -> None:
    """Every step of every scenario: done by the step library.

    A failing step fails the test with the library's message alone (expected and actual
    findings), without a traceback through the library.
    """
    world = governance_world
    try:
        run_step(world, text, line=world.line, table=datatable, docstring=docstring)
    except StepFailure as failure:
        message = f"step on line {world.line}: {text}\n{failure}"
    else:
        return
    pytest.fail(message, pytrace=False)


def pytest_configure(config: pytest.Config) -> None:
    """Declare the ``rule`` mark that ``@rule:<id>`` tags become."""
    config.addinivalue_line("markers", "rule(id): the scenario exercises this governance rule")


@pytest.hookimpl(tryfirst=True)
def pytest_bdd_apply_tag(tag: str, function: Callable[..., object]) -> bool | None:
    """Turn ``@rule:<id>`` into the mark ``rule("<id>")``; leave other tags to pytest-bdd."""
    if not tag.startswith(RULE_TAG):
        return None
    pytest.mark.rule(tag[len(RULE_TAG) :])(function)
    return True


def pytest_bdd_before_step(
    request: pytest.FixtureRequest,
    feature: Feature,
    scenario: Scenario,
    step: Step,
    step_func: Callable[..., object],
) -> None:
    """Tell the scenario's world where its feature file is and which line is running."""
    if step_func is not governance_step:
        return
    world: World = request.getfixturevalue("governance_world")
    world.base_dir = Path(feature.filename).parent
    world.name = scenario.name
    world.line = step.line_number


def install() -> None:
    """Register this module as a plugin of the running pytest session, once."""
    if not CONFIG_STACK:
        raise RuntimeError("install() registers a pytest plugin: call it while pytest runs")
    manager = CONFIG_STACK[-1].pluginmanager
    module = sys.modules[__name__]
    if not manager.is_registered(module):
        manager.register(module, PLUGIN_NAME)
