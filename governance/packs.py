"""Loading policy packs for a check: built-in packs by name, or an organisation's own folders."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from governance.engine.compiler import compile_pack
from governance.engine.ir import CompiledPack
from governance.errors import PolicyError, Problem, did_you_mean
from governance.policy.loading import Loaded, builtin_dir, read_packs, read_rules
from governance.policy.models import PackDoc


def load_pack(
    name: str, *, policies: str | Path | None = None, rules: Sequence[str | Path] = ()
) -> CompiledPack:
    """Compile one pack, found by `name` in `policies` (if given) or among the built-in packs.

    Rules come from the built-in ``rules/`` folder, ``<policies>/rules`` and any `rules` folders.

    Raises:
        PolicyError: every problem in the pack, the rules it adopts, or the lookup.
    """
    return load_packs([name], policies=policies, rules=rules)[0]


def load_packs(
    names: Sequence[str], *, policies: str | Path | None = None, rules: Sequence[str | Path] = ()
) -> list[CompiledPack]:
    """Compile several packs in one pass, reporting every problem of every pack at once.

    Raises:
        PolicyError: every problem found.
    """
    problems: list[Problem] = []
    policy_dirs = [builtin_dir("policies")]
    rule_dirs = [builtin_dir("rules"), *(Path(r) for r in rules)]
    if policies is not None:
        policy_dirs.insert(0, Path(policies))
        own_rules = Path(policies) / "rules"
        if own_rules.is_dir():
            rule_dirs.append(own_rules)
    loaded_rules = read_rules(rule_dirs, problems)
    packs: dict[str, Loaded[PackDoc]] = {}
    before = len(problems)
    for folder in policy_dirs:
        for pack_id, loaded in read_packs([folder], problems).items():
            packs.setdefault(pack_id, loaded)  # an organisation's pack shadows a built-in one
    compiled: list[CompiledPack] = []
    for name in names:
        pack = packs.get(name)
        if pack is None and len(problems) == before:  # else it may be the pack that failed
            problems.append(
                Problem("<packs>", message=f"unknown pack '{name}'{did_you_mean(name, packs)}")
            )
            continue
        if pack is None:
            continue
        try:
            compiled.append(compile_pack(pack, loaded_rules))
        except PolicyError as error:
            problems.extend(error.problems)
    if problems:
        raise PolicyError(problems)
    return compiled
