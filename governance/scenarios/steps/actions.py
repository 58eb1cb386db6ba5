"""The generic actions of Given steps: add a fact, or change one, from the step's slots.

A fact step names its slots after the register's fields (``{holder:party}`` fills ``holder``),
so one action serves every kind of fact; a slot whose name starts with ``_`` holds several
fields at once (``{_kind:party_kind}`` sets a party's type, legal form and roles).
"""

from __future__ import annotations

import copy
from typing import Any

from governance.scenarios.steps.model import Action, Args
from governance.scenarios.world import World


def _fields(world: World, args: Args, fixed: dict[str, Any]) -> dict[str, Any]:
    fields = copy.deepcopy(fixed)
    for name, value in args.values(world).items():
        if name.startswith("_"):
            fields.update(copy.deepcopy(value))
        else:
            fields[name] = value
    return fields


def add(collection: str, **fixed: Any) -> Action:
    """An action adding one fact to `collection`: the step's slots, plus the `fixed` fields."""

    def action(world: World, args: Args) -> None:
        world.add(collection, _fields(world, args, fixed))

    return action


def change(collection: str, **fixed: Any) -> Action:
    """An action setting fields of an existing fact: the one the ``target`` slot names, else
    the last fact of `collection` ("the engagement", "この契約")."""

    def action(world: World, args: Args) -> None:
        fields = _fields(world, args, fixed)
        target = fields.pop("target", None)
        fact = world.find(str(target)) if target is not None else world.last(collection)
        fact.update(fields)
        world.changed()

    return action
