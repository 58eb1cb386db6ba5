"""Loading a register from files, folders, text or Python data, with every problem in one error."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from governance.documents import Document, Limits, read_document, read_text
from governance.documents.json_reader import duplicates_in, gc_paused
from governance.documents.locations import Unreadable
from governance.documents.reading import SUFFIXES
from governance.errors import Problem, RegisterError
from governance.loading import _checks as checks
from governance.loading._sources import Sources
from governance.loading.problems import problems_from
from governance.register.models import API_VERSION, COLLECTIONS, Metadata, Register

_EXPECTED_TOP = f"expected a mapping with apiVersion: {API_VERSION} and kind: Register"


def load_register(*paths: str | os.PathLike[str], limits: Limits | None = None) -> Register:
    """Load a register from YAML/JSON files and folders (merged in the order given).

    A folder contributes every ``.yaml``, ``.yml`` and ``.json`` file below it, in name order.

    Raises:
        RegisterError: with every problem found, sorted by file, line and column.
    """
    limits = limits or Limits()
    problems: list[Problem] = []
    files: list[tuple[Path, str]] = []
    for given in paths:
        files.extend(_expand(Path(given), limits, problems))
    if not paths:
        problems.append(Problem("<arguments>", message="no register file or folder was given"))
    docs: list[Document] = []
    for path, shown in files:
        try:
            docs.append(read_document(path, shown, limits))
        except Unreadable as exc:
            problems.extend(exc.problems)
    default_name = Path(os.fspath(paths[0])).stem if len(paths) == 1 else "register"
    return _build(docs, problems, default_name)


def load_register_text(
    text: str | bytes,
    name: str = "<stdin>",
    limits: Limits | None = None,
    also: Sequence[str | os.PathLike[str]] = (),
) -> Register:
    """Load a register from YAML or JSON text (JSON when it starts with ``{``).

    `also` names files merged with it (kept-apart waivers, for instance).

    Raises:
        RegisterError: with every problem found.
    """
    limits = limits or Limits()
    problems: list[Problem] = []
    docs: list[Document] = []
    try:
        docs.append(read_text(text, name, None, limits))
    except Unreadable as exc:
        problems.extend(exc.problems)
    for path in also:
        try:
            docs.append(read_document(Path(path), str(path), limits))
        except Unreadable as exc:
            problems.extend(exc.problems)
    return _build(docs, problems, "register")


def load_register_data(data: Mapping[str, Any], name: str = "<data>") -> Register:
    """Validate a register given as Python data (as parsed from JSON); positions are list indices.

    Raises:
        RegisterError: with every problem found; lines and columns are 0 (unknown).
    """
    doc = Document(name, _plain(data), lambda _path, _key: (0, 0))
    return _build([doc], [], "register")


def load_register_document(doc: Document) -> Register:
    """Validate a register already read into `doc`; problems are placed by `doc`'s locator.

    Raises:
        RegisterError: with every problem found.
    """
    return _build([doc], [], "register")


def _plain(data: Mapping[str, Any]) -> dict[str, Any]:
    """Python data as JSON would give it (dates as ISO text), so one validator serves all inputs."""
    return dict(json.loads(json.dumps(dict(data), default=_iso)))


def _iso(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot put {type(value).__name__} in a register")


def _expand(path: Path, limits: Limits, problems: list[Problem]) -> list[tuple[Path, str]]:
    shown = str(path)
    if not path.is_dir():
        return [(path, shown)]
    root = path.resolve()
    found: list[tuple[Path, str]] = []
    for dirpath, dirnames, filenames in os.walk(path, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for filename in sorted(filenames):
            candidate = Path(dirpath) / filename
            if filename.startswith(".") or candidate.suffix.lower() not in SUFFIXES:
                continue
            if not candidate.resolve().is_relative_to(root):
                problems.append(
                    Problem(str(candidate), message=f"links outside the folder {shown}; not read")
                )
                continue
            found.append((candidate, str(candidate)))
    if len(found) > limits.max_files:
        problems.append(
            Problem(
                shown, message=f"holds {len(found)} files, over the limit of {limits.max_files}"
            )
        )
        return []
    if not found and not problems:
        problems.append(Problem(shown, message="the folder holds no .yaml, .yml or .json file"))
    return found


def _build(docs: list[Document], problems: list[Problem], default_name: str) -> Register:
    # A million facts are a million acyclic objects: the cyclic collector would walk the growing
    # heap again and again while they are built (measured several times slower), so it waits.
    with gc_paused():
        return _build_all(docs, problems, default_name)


def _build_all(docs: list[Document], problems: list[Problem], default_name: str) -> Register:
    valid_docs: list[Document] = []
    for doc in docs:
        if doc.key_tokens is not None and doc.key_tokens != _key_count(doc.data):
            problems.extend(duplicates_in(doc))
        if not isinstance(doc.data, dict):
            got = "a list" if isinstance(doc.data, list) else repr(doc.data)
            problems.append(Problem(doc.file, 1, 1, "", f"{_EXPECTED_TOP}, got {got}"))
            continue
        valid_docs.append(doc)
    index, duplicates = checks.defined_ids(valid_docs)
    problems.extend(duplicates)
    problems.extend(checks.reference_problems(valid_docs, index))
    problems.extend(checks.shape_problems(valid_docs))
    metadata = _merge_metadata(valid_docs, problems, default_name)
    del index
    # The checks are done with the parsed data; JSON documents are validated from their bytes,
    # so their data goes now and a large register never holds both at once.
    slim = [replace(doc, data=None) if doc.raw is not None else doc for doc in valid_docs]
    valid_docs.clear()
    docs.clear()  # the caller's list: the last reference to the parsed data
    registers: list[Register] = []
    for doc in slim:
        try:
            registers.append(Register.model_validate_json(doc.json_text(), strict=True))
        except ValidationError as exc:
            parsed = replace(doc, data=json.loads(doc.raw)) if doc.raw is not None else doc
            problems.extend(problems_from(exc, parsed, Register))
    if problems:
        raise RegisterError(problems)
    return _merge(registers, slim, metadata)


def _key_count(data: Any) -> int:
    """The keys of the mappings a register holds where it should (what the text's count must be).

    Mappings anywhere else are type errors the validation reports; if one hid a repeated key, the
    counts differ and the exact (slow) search runs: a mismatch can only make it look, not miss.
    """
    if not isinstance(data, dict):
        return -1
    total = len(data)
    metadata = data.get("metadata")
    if isinstance(metadata, dict):
        total += len(metadata)
    for collection in COLLECTIONS:
        values = data.get(collection)
        if not isinstance(values, list):
            continue
        total += sum(len(v) for v in values if v.__class__ is dict)
        if collection == "reviews":
            for review in values:
                conditions = review.get("conditions") if review.__class__ is dict else None
                if isinstance(conditions, list):
                    total += sum(len(c) for c in conditions if c.__class__ is dict)
    return total


def _merge_metadata(docs: list[Document], problems: list[Problem], default_name: str) -> Metadata:
    merged: dict[str, Any] = {}
    first_seen: dict[str, Document] = {}
    for doc in docs:
        given = doc.data.get("metadata")
        if not isinstance(given, dict):
            continue
        for key, value in given.items():
            if key in merged and merged[key] != value:
                where = doc.locate(("metadata", key))
                other = first_seen[key].locate(("metadata", key))
                problems.append(
                    Problem.at(
                        where,
                        f"metadata.{key}",
                        f"expected the same value as in {other}, got {value!r} "
                        f"(there: {merged[key]!r})",
                    )
                )
            else:
                merged[key] = value
                first_seen.setdefault(key, doc)
    merged.setdefault("name", default_name)
    try:
        return Metadata.model_validate(merged)
    except ValidationError:
        return Metadata(name=default_name)  # the per-document validation reported the problem


def _merge(registers: list[Register], docs: list[Document], metadata: Metadata) -> Register:
    counts = [{c: len(getattr(r, c)) for c in COLLECTIONS} for r in registers]
    if len(registers) == 1:
        merged = registers[0].model_copy(update={"metadata": metadata})
    else:
        lists = {c: tuple(x for r in registers for x in getattr(r, c)) for c in COLLECTIONS}
        merged = Register.model_validate(
            {"apiVersion": API_VERSION, "kind": "Register", "metadata": metadata, **lists}
        )
    # positions come from each document's locator (and its bytes), not from its parsed data
    merged._sources = Sources.of([replace(doc, data=None) for doc in docs], counts)
    return merged
