"""Finding and reading rule files and policy packs, built-in or an organisation's own."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel, ValidationError

from governance.documents import Document, Limits, read_document
from governance.documents.locations import Unreadable, split_inside
from governance.errors import Problem
from governance.language._repair import repaired_pack
from governance.language.models import PackDoc, RuleDoc
from governance.loading.problems import problems_from

_PACKAGE = Path(__file__).resolve().parent.parent
Model = TypeVar("Model", bound=BaseModel)


def builtin_dir(name: str) -> Path:
    """The built-in ``rules`` or ``policies`` folder: inside the wheel, or in the checkout."""
    packaged = _PACKAGE / "_data" / name
    return packaged if packaged.is_dir() else _PACKAGE.parent / name


@dataclass(frozen=True)
class Loaded(Generic[Model]):
    """A validated document and the parsed file it came from (for positions)."""

    model: Model
    doc: Document


def shown_path(path: Path) -> str:
    """A path as a user should read it: relative to the working folder when below it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def read_model(path: Path, model: type[Model], problems: list[Problem]) -> Loaded[Model] | None:
    """Read and validate one file as `model`; add any problems to `problems`."""
    try:
        doc = read_document(path, shown_path(path), Limits())
    except Unreadable as exc:
        problems.extend(exc.problems)
        return None
    if not isinstance(doc.data, dict):
        problems.append(Problem(doc.file, 1, 1, "", f"expected a {model.__name__} mapping"))
        return None
    try:
        return Loaded(model.model_validate_json(doc.json_text(), strict=True), doc)
    except ValidationError as exc:
        problems.extend(problems_from(exc, doc, model))
        return None


def read_pack(path: Path, problems: list[Problem]) -> Loaded[PackDoc] | None:
    """Read one pack; when only its entries' judgement fields are bad, return it with stand-ins
    for them (their problems are in `problems`), so the compiler reports the rest of each entry."""
    before = len(problems)
    loaded = read_model(path, PackDoc, problems)
    if loaded is not None or len(problems) == before:
        return loaded
    try:
        doc = read_document(path, shown_path(path), Limits())
    except Unreadable:
        return None
    model = repaired_pack(doc) if isinstance(doc.data, dict) else None
    return Loaded(model, doc) if model is not None else None


def _kept(folder: Path, paths: list[Path], problems: list[Problem]) -> list[Path]:
    inside, outside = split_inside(folder, paths)
    problems.extend(
        Problem(str(p), message=f"links outside the folder {folder}; not read") for p in outside
    )
    return sorted(inside)


def rule_files(folder: Path, problems: list[Problem] | None = None) -> list[Path]:
    """The rule files of a folder (``*.yaml`` below it, except ``*_test.yaml`` cases)."""
    found = [
        p
        for p in folder.rglob("*.y*ml")
        if p.suffix in (".yaml", ".yml") and not p.stem.endswith("_test")
    ]
    return _kept(folder, found, problems if problems is not None else [])


def pack_files(folder: Path, problems: list[Problem] | None = None) -> list[Path]:
    """The pack files of a policies folder: ``<pack>/pack.yaml`` for each pack."""
    found = [p for p in folder.glob("*/pack.y*ml") if p.suffix in (".yaml", ".yml")]
    return _kept(folder, found, problems if problems is not None else [])


def add_rule(
    rules: dict[str, Loaded[RuleDoc]], loaded: Loaded[RuleDoc], problems: list[Problem]
) -> None:
    """Add `loaded` to `rules` by id; a duplicate id is a problem naming both files."""
    first = rules.get(loaded.model.id)
    if first is None:
        rules[loaded.model.id] = loaded
        return
    where = loaded.doc.locate(("id",))
    problems.append(
        Problem.at(
            where,
            "id",
            f"duplicate rule id '{loaded.model.id}' (also defined in {first.doc.locate(('id',))})",
        )
    )


def read_rules(folders: list[Path], problems: list[Problem]) -> dict[str, Loaded[RuleDoc]]:
    """Every rule in `folders` by id; a duplicate id is a problem naming both files."""
    rules: dict[str, Loaded[RuleDoc]] = {}
    for folder in folders:
        for path in rule_files(folder, problems):
            loaded = read_model(path, RuleDoc, problems)
            if loaded is not None:
                add_rule(rules, loaded, problems)
    return rules


def read_packs(folders: list[Path], problems: list[Problem]) -> dict[str, Loaded[PackDoc]]:
    """Every pack in the policies `folders` by id; a duplicate id is a problem."""
    packs: dict[str, Loaded[PackDoc]] = {}
    for folder in folders:
        for path in pack_files(folder, problems):
            loaded = read_pack(path, problems)
            if loaded is None:
                continue
            if loaded.model.id in packs:
                where = loaded.doc.locate(("id",))
                problems.append(
                    Problem.at(
                        where,
                        "id",
                        f"duplicate pack id '{loaded.model.id}'",
                    )
                )
                continue
            packs[loaded.model.id] = loaded
    return packs
