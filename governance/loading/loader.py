"""Loading a register from files, folders, text or Python data, with every problem in one error."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import msgspec
from pydantic import ValidationError

from governance.documents import Document, Limits, read_document, read_text
from governance.documents.json_reader import duplicates_in, gc_paused, parsed
from governance.documents.locations import Unreadable
from governance.documents.reading import SUFFIXES
from governance.errors import Problem, RegisterError
from governance.loading import _checks as checks
from governance.loading import _fast, arguments
from governance.loading._python_data import plain_data
from governance.loading._sources import Sources
from governance.loading.problems import problems_from
from governance.register import models
from governance.register.models import API_VERSION, COLLECTIONS, Metadata
from governance.register.records import Lists, Register
from governance.register.types import show

_EXPECTED_TOP = f"expected a mapping with apiVersion: {API_VERSION} and kind: Register"


def load_register(*paths: str | os.PathLike[str], limits: Limits | None = None) -> Register:
    """Load a register from YAML/JSON files and folders (merged in the order given).

    A folder contributes every ``.yaml``, ``.yml`` and ``.json`` file below it, in name order.

    Raises:
        RegisterError: with every problem found, sorted by file, line and column.
    """
    paths = tuple(arguments.path(f"paths[{i}]", p) for i, p in enumerate(paths))
    arguments.instance("limits", limits, Limits, "a governance.Limits or None", optional=True)
    limits = limits or Limits()
    problems: list[Problem] = []
    files: list[tuple[Path, str]] = []
    seen: dict[Path, str] = {}
    for given in paths:
        resolved = Path(given).resolve()
        if resolved in seen:
            problems.append(
                Problem(
                    str(given),
                    message=f"given twice (the same file or folder as {seen[resolved]}); "
                    "give each once",
                )
            )
            continue
        seen[resolved] = str(given)
        files.extend(_expand(Path(given), limits, problems))
    if not paths:
        problems.append(Problem("<arguments>", message="no register file or folder was given"))
    docs: list[Document] = []
    for path, shown in files:
        try:
            docs.append(read_document(path, shown, limits, lazy=True))
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
    if not isinstance(text, str | bytes):
        raise arguments.refuse("text", "the register's text (str or bytes)", text)
    arguments.text("name", name)
    arguments.instance("limits", limits, Limits, "a governance.Limits or None", optional=True)
    also = arguments.paths("also", also)
    limits = limits or Limits()
    problems: list[Problem] = []
    docs: list[Document] = []
    try:
        docs.append(read_text(text, name, None, limits, lazy=True))
    except Unreadable as exc:
        problems.extend(exc.problems)
    for path in also:
        try:
            docs.append(read_document(Path(path), str(path), limits, lazy=True))
        except Unreadable as exc:
            problems.extend(exc.problems)
    return _build(docs, problems, "register")


def load_register_data(data: Mapping[str, Any], name: str = "<data>") -> Register:
    """Validate a register given as Python data (as parsed from JSON); positions are list indices.

    Raises:
        RegisterError: with every problem found; lines and columns are 0 (unknown).
    """
    arguments.mapping("data", data)
    arguments.text("name", name)
    plain, problems = plain_data(data, name, Limits().max_depth)
    if problems:
        raise RegisterError(problems)
    doc = Document(name, plain, lambda _path, _key: (0, 0))
    return _build([doc], [], "register")


def load_register_document(doc: Document) -> Register:
    """Validate a register already read into `doc`; problems are placed by `doc`'s locator.

    Raises:
        RegisterError: with every problem found.
    """
    return _build([doc], [], "register")


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
    if len(docs) == 1 and not problems:
        # one document (the large-register case): one strict decode into records when it is
        # valid beyond doubt; otherwise the exact path below finds and places every problem
        lists = _fast.decode(docs[0], default_name)
        if lists is not None:
            return Register(lists, Sources.of([docs[0]], [_fast.counts(lists)]))
    return _exact(docs, problems, default_name)


def _exact(docs: list[Document], problems: list[Problem], default_name: str) -> Register:
    """Parse, check and validate with pydantic: every problem, placed (the path of record)."""
    docs = _parsed(docs, problems)
    valid_docs: list[Document] = []
    for doc in docs:
        if doc.key_tokens is not None and doc.key_tokens != _key_count(doc.data):
            problems.extend(duplicates_in(doc))
        if not isinstance(doc.data, dict):
            got = show(doc.data)
            if isinstance(doc.data, str) and len(doc.data) > 40:  # some other file: not echoed
                got = f"text of {len(doc.data):,} characters (is it a register?)"
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
    registers: list[models.Register] = []
    for doc in slim:
        try:
            registers.append(models.Register.model_validate_json(doc.json_text(), strict=True))
        except ValidationError as exc:
            again = replace(doc, data=json.loads(doc.raw)) if doc.raw is not None else doc
            problems.extend(problems_from(exc, again, models.Register))
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


def _parsed(docs: list[Document], problems: list[Problem]) -> list[Document]:
    """The documents parsed (those read lazily are parsed now), their problems added."""
    done: list[Document] = []
    for doc in docs:
        try:
            done.append(parsed(doc))
        except Unreadable as exc:
            problems.extend(exc.problems)
    return done


def _merge(registers: list[models.Register], docs: list[Document], metadata: Metadata) -> Register:
    counts = [{c: len(getattr(r, c)) for c in COLLECTIONS} for r in registers]
    data: dict[str, Any] = {
        "apiVersion": API_VERSION,
        "kind": "Register",
        "metadata": metadata.model_dump(),
    }
    for c in COLLECTIONS:
        data[c] = [x.model_dump(by_alias=True) for r in registers for x in getattr(r, c)]
    # the models validated every value; the records take them as they are
    lists = msgspec.convert(data, Lists)
    # positions come from each document's locator (and its bytes), not from its parsed data
    return Register(lists, Sources.of([replace(doc, data=None) for doc in docs], counts))
