"""A register given as Python data, made plain (as JSON would give it) without recursion.

``json.dumps`` of the caller's data recursed once per level (RecursionError at ~1,000), looped on a
dict that contains itself (ValueError) and refused bytes or tuple keys (TypeError). Here the data is
walked with an explicit stack, bounded by the same depth as a file, and everything that is not
JSON-like (text keys; text, whole numbers, numbers, booleans, None, dates, lists and mappings) is
reported where it stands, all at once; so is text a file could not hold either (control characters
and bidirectional overrides, `governance.documents.text_safety`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from governance.documents.locations import DataPath, format_path
from governance.documents.text_safety import first_forbidden, forbidden_message
from governance.errors import Problem
from governance.loading.arguments import kind_of

_SCALARS = (str, int, float, bool, type(None))
_Chain = tuple[int, "_Chain"] | None
"""The ids of the containers above a value, innermost first."""


def _contains(chain: _Chain, identity: int) -> bool:
    while chain is not None:
        if chain[0] == identity:
            return True
        chain = chain[1]
    return False


def plain_data(data: Mapping[Any, Any], name: str, max_depth: int) -> tuple[Any, list[Problem]]:
    """`data` as plain JSON-like values (dates as ISO text), and every problem found in it."""
    problems: list[Problem] = []
    root: dict[str, Any] = {}
    # value, its path, the container it goes in, its key there, the containers above it
    stack: list[tuple[Any, DataPath, Any, Any, _Chain]] = [(data, (), None, None, None)]

    def put(parent: Any, key: Any, value: Any) -> None:
        if parent is None:
            return
        if isinstance(parent, list):
            parent.append(value)
        else:
            parent[key] = value

    while stack:
        value, path, parent, key, above = stack.pop()
        if len(path) > max_depth:
            keys = [i for i, step in enumerate(path) if isinstance(step, str)]
            shown = path[: keys[-1] + 1] if keys else ()  # the key under which it runs deep
            message = f"nested more than {max_depth} levels deep"
            problems.append(Problem(name, 0, 0, format_path(shown), message))
            continue
        if isinstance(value, Mapping | list | tuple) and _contains(above, id(value)):
            problems.append(Problem(name, 0, 0, format_path(path), "contains itself"))
            continue
        chain = (id(value), above)
        if isinstance(value, str) and (bad := first_forbidden(value)) is not None:
            # as in a file: text that could deceive a reviewer is refused where it stands
            problems.append(Problem(name, 0, 0, format_path(path), forbidden_message(value, bad)))
        elif isinstance(value, _SCALARS):
            put(parent, key, value)
        elif isinstance(value, datetime):
            problems.append(
                Problem(name, 0, 0, format_path(path), f"expected a date, got {kind_of(value)}")
            )
        elif isinstance(value, date):
            put(parent, key, value.isoformat())
        elif isinstance(value, Mapping):
            built: dict[str, Any] = root if parent is None else {}
            put(parent, key, built)
            items = []
            for k, v in value.items():
                if not isinstance(k, str):
                    problems.append(
                        Problem(
                            name, 0, 0, format_path(path), f"expected text keys, got {kind_of(k)}"
                        )
                    )
                    continue
                if (bad := first_forbidden(k)) is not None:
                    problems.append(
                        Problem(name, 0, 0, format_path(path), forbidden_message(k, bad))
                    )
                    continue
                items.append((v, (*path, k), built, k, chain))
            stack.extend(reversed(items))
        elif isinstance(value, list | tuple):
            built_list: list[Any] = []
            put(parent, key, built_list)
            # appended in order: push in reverse so the first item is handled first
            stack.extend(
                reversed([(v, (*path, i), built_list, i, chain) for i, v in enumerate(value)])
            )
        else:
            problems.append(
                Problem(
                    name,
                    0,
                    0,
                    format_path(path),
                    f"expected text, a number, true/false, a date, a list or a "
                    f"mapping, got {kind_of(value)}",
                )
            )
    return root, problems
