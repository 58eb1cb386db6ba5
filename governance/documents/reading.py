"""Reading one file (or text) into a `Document`: size limits, encoding, and the choice of parser."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Literal

from governance.documents import text_safety
from governance.documents._yaml_reader import read_yaml
from governance.documents.json_reader import read_json, unparsed_json
from governance.documents.limits import MIB, Limits
from governance.documents.locations import (
    Document,
    Unreadable,
    format_path,
)
from governance.errors import Problem

Format = Literal["yaml", "json"]
SUFFIXES: dict[str, Format] = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}
_BOM = b"\xef\xbb\xbf"
_BLANK = re.compile(r"\s*")


def format_of(path: Path) -> Format | None:
    """Return the document format a file name implies, or None for an unsupported suffix."""
    return SUFFIXES.get(path.suffix.lower())


def read_document(path: Path, shown: str, limits: Limits, *, lazy: bool = False) -> Document:
    """Read and parse the file at `path`, naming it `shown` in every problem.

    With `lazy`, a JSON file is checked (size, encoding, text safety) but not parsed: the caller
    decodes its bytes itself, or calls `json_reader.parsed` for the parsed document.

    Raises:
        Unreadable: the file is missing, too large, not UTF-8, empty or not valid YAML/JSON.
    """
    fmt = format_of(path)
    if fmt is None:
        raise Unreadable(
            Problem(shown, 0, 0, "", f"expected a .yaml, .yml or .json file, got '{path.suffix}'")
        )
    try:
        size = path.stat().st_size
        _check_size(shown, fmt, size, limits)
        data = path.read_bytes()
    except FileNotFoundError:
        raise Unreadable(Problem(shown, 0, 0, "", "no such file")) from None
    except IsADirectoryError:
        raise Unreadable(Problem(shown, 0, 0, "", "expected a file, got a folder")) from None
    except OSError as exc:
        raise Unreadable(
            Problem(shown, 0, 0, "", f"cannot read the file: {exc.strerror}")
        ) from None
    return read_text(data, shown, fmt, limits, lazy=lazy)


def _check_size(shown: str, fmt: Format, size: int, limits: Limits) -> None:
    limit = limits.max_yaml_bytes if fmt == "yaml" else limits.max_json_bytes
    if size > limit:
        hint = "; write large registers as JSON" if fmt == "yaml" else ""
        raise Unreadable(
            Problem(
                shown,
                0,
                0,
                "",
                f"the file is {_size(size)}, over the {_size(limit)} limit for "
                f"{fmt.upper()} files{hint}",
            )
        )


def _size(count: int) -> str:
    if count < MIB:
        return f"{count:,} bytes"
    mib = count / MIB
    return f"{mib:.0f} MiB" if mib.is_integer() else f"{mib:.1f} MiB"


def read_text(
    data: bytes | str, shown: str, fmt: Format | None, limits: Limits, *, lazy: bool = False
) -> Document:
    """Parse a document held in memory (stdin, an upload); `fmt=None` guesses from the first byte.

    `lazy` leaves JSON unparsed, as for `read_document`.

    Raises:
        Unreadable: the text is too large, not UTF-8, empty or not valid YAML/JSON.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if fmt is None:
        fmt = "json" if raw.lstrip(_BOM + b" \t\r\n")[:1] in (b"{", b"[") else "yaml"
    _check_size(shown, fmt, len(raw), limits)
    if raw.startswith(_BOM):
        if fmt == "json":
            raise Unreadable(
                Problem(
                    shown,
                    1,
                    1,
                    "",
                    "the file starts with a UTF-8 byte-order mark, which JSON does not allow; "
                    "save it as UTF-8 without a BOM",
                )
            )
        raw = raw[len(_BOM) :]
    text = _decode(raw, shown)
    if _BLANK.fullmatch(text):
        raise Unreadable(Problem(shown, 0, 0, "", "the file is empty"))
    _refuse_deceptive_text(text, raw, shown, fmt)
    if fmt == "json":
        del text  # the reader keeps the bytes and decodes them again only to locate a value
        return unparsed_json(raw, shown) if lazy else read_json(raw, shown)
    return read_yaml(text, shown, limits)


def _refuse_deceptive_text(text: str, raw: bytes, shown: str, fmt: Format) -> None:
    """Refuse a control character or bidi override written raw, or escaped in JSON (YAML's
    escapes are checked value by value by its reader).

    In JSON every such value is reported with its path, as YAML's reader does; the document is
    parsed and indexed for that only once something was found.
    """
    offset = text_safety.first_raw(text)
    escape = text_safety.first_json_escape(text) if fmt == "json" else None
    if fmt == "json" and (offset is not None or escape is not None):
        located = _located_in_json(raw, shown)
        if located:
            raise Unreadable(*located)
    if offset is not None and (escape is None or offset < escape.start()):
        line, column = text_safety.line_and_column(text, offset)
        message = text_safety.forbidden_message(text, offset).rsplit(" at character", 1)[0]
        raise Unreadable(Problem(shown, line, column, "", message))
    if escape is not None:
        start = escape.start()
        decoded = json.loads(f'"{text[start : escape.end()]}"')
        line, column = text_safety.line_and_column(text, start)
        message = text_safety.forbidden_message(decoded, 0).rsplit(" at character", 1)[0]
        written = text[start : escape.end()]
        raise Unreadable(Problem(shown, line, column, "", f"{message}, written {written}"))


def _located_in_json(raw: bytes, shown: str) -> list[Problem]:
    """Every key and value of a JSON document holding a forbidden character, located with its
    path; none when the document does not parse (the caller then gives the character's line)."""
    try:
        doc = read_json(raw, shown)
    except Unreadable:
        return []
    problems = []
    for path, is_key, value, offset in text_safety.deceptive_texts(doc.data):
        where = doc.locate((*path, value) if is_key else path, key=is_key)
        message = text_safety.forbidden_message(value, offset)
        problems.append(Problem.at(where, format_path(path), message))
    return problems


def _decode(raw: bytes, shown: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise Unreadable(
            Problem(
                shown,
                line,
                column,
                "",
                f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x}); save it as UTF-8",
            )
        ) from None
