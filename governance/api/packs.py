"""Loading policy packs for a check: built-in packs by name, or an organisation's own folders."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from governance.compile.compiler import compile_pack
from governance.documents.locations import split_inside
from governance.errors import PolicyError, Problem, did_you_mean
from governance.language.case_checks import case_problems
from governance.language.ir import CompiledPack
from governance.language.models import PackDoc, RuleDoc
from governance.language.reading import (
    Loaded,
    add_rule,
    builtin_dir,
    read_model,
    read_pack,
    read_packs,
    read_rules,
)
from governance.language.rule_tests import RuleTest


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


def default_packs(policies: str | Path | None) -> list[str]:
    """The packs a check uses when none is named: those in `policies` (sorted), else the
    built-in ones (also when `policies` holds rules only).

    Raises:
        PolicyError: a pack in `policies` cannot be read (it would otherwise go unchecked).
    """
    problems: list[Problem] = []
    found = sorted(read_packs([Path(policies)], problems)) if policies is not None else []
    if problems:
        raise PolicyError(problems)
    return found or list(read_packs([builtin_dir("policies")], []))


@dataclass(frozen=True)
class Validation:
    """What `lint` read (rules other packs can adopt, packs, rule cases) and every problem."""

    rules: int
    packs: int
    cases: int
    problems: tuple[Problem, ...]

    def summary(self) -> str:
        """One line: ``17 rules, 2 packs, 330 rule cases: no problems`` (or how many)."""
        count = len(self.problems)
        verdict = "no problems" if not count else f"{count} problem{'s' * (count != 1)}"
        return (
            f"{self.rules} rule{'s' * (self.rules != 1)}, {self.packs} pack"
            f"{'s' * (self.packs != 1)}, {self.cases} rule case{'s' * (self.cases != 1)}: "
            f"{verdict}"
        )


def validate(paths: Sequence[str | Path]) -> list[Problem]:
    """Every problem in the rules, packs and rule cases below `paths` (see `lint`)."""
    return list(lint(paths).problems)


def lint(paths: Sequence[str | Path]) -> Validation:
    """Every problem in the rules, packs and rule cases below `paths` (built-in ones if none).

    Each YAML file is read by its ``kind``; packs are compiled against the rules found plus the
    built-in rules (unless the built-in folder is among `paths`); rule cases must name a rule and
    a pack that exist, and their facts must make a valid register in which each expected subject
    exists. Nothing is evaluated. Internal rules (read by others, never adopted) are not counted.
    """
    folders = [Path(p) for p in paths] or [builtin_dir("rules"), builtin_dir("policies")]
    problems: list[Problem] = []
    rules: dict[str, Loaded[RuleDoc]] = {}
    packs: list[Loaded[PackDoc]] = []
    tests: list[Loaded[RuleTest]] = []
    files = sorted({f.resolve(): f for d in folders for f in _yaml_files(d, problems)}.values())
    for path in files:
        kind = _kind(path)
        if kind == "Rule":
            loaded = read_model(path, RuleDoc, problems)
            if loaded is not None:
                add_rule(rules, loaded, problems)
        elif kind == "PolicyPack":
            pack = read_pack(path, problems)
            packs += [pack] if pack is not None else []
        elif kind == "RuleTest":
            test = read_model(path, RuleTest, problems)
            tests += [test] if test is not None else []
        else:
            problems.append(
                Problem(
                    str(path),
                    1,
                    1,
                    "kind",
                    f"expected kind Rule, PolicyPack or RuleTest, got {kind!r}",
                )
            )
    builtin = builtin_dir("rules").resolve()
    if not any(builtin == f.resolve() or builtin.is_relative_to(f.resolve()) for f in folders):
        for rule_id, loaded in read_rules([builtin_dir("rules")], []).items():
            rules.setdefault(rule_id, loaded)
    builtin_packs = read_packs([builtin_dir("policies")], [])
    known_packs = {p.model.id for p in packs} | set(builtin_packs)
    # a case names the rule as its pack reports it: its own id, or the id the pack adopts it as
    reported = {
        a.reported_id for pack in [*packs, *builtin_packs.values()] for a in pack.model.adopts
    }
    for pack in packs:
        try:
            compile_pack(pack, rules)
        except PolicyError as error:
            problems.extend(error.problems)
    for test in tests:
        problems.extend(case_problems(test))
        for field, known in (("rule", set(rules) | reported), ("pack", known_packs)):
            value = getattr(test.model, field)
            if value not in known:
                at = test.doc.locate((field,))
                problems.append(
                    Problem.at(
                        at,
                        field,
                        f"unknown {field} '{value}'{did_you_mean(value, known)}",
                    )
                )
    own = [r for r in rules.values() if any(_below(r.doc.file, f) for f in folders)]
    return Validation(
        rules=sum(not r.model.internal for r in own),
        packs=len(packs),
        cases=sum(len(t.model.cases) for t in tests),
        problems=tuple(sorted(set(problems))),
    )


def _below(file: str, folder: Path) -> bool:
    path, root = Path(file).resolve(), folder.resolve()
    return path == root or path.is_relative_to(root)


def _yaml_files(folder: Path, problems: list[Problem]) -> list[Path]:
    if folder.is_file():
        return [folder]
    if not folder.is_dir():
        problems.append(Problem(str(folder), message="no such folder"))
        return []
    found = [p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()]
    inside, outside = split_inside(folder, found)
    problems.extend(
        Problem(str(p), message=f"links outside the folder {folder}; not read") for p in outside
    )
    return sorted(inside)


def _kind(path: Path) -> str | None:
    try:
        head = path.read_text(encoding="utf-8", errors="replace")[:4096]
    except OSError:
        return None
    match = re.search(r"^kind:\s*(\w+)", head, re.M)
    return match.group(1) if match else None
