"""Size and shape limits that keep hostile or mistaken inputs from hanging or exhausting memory."""

from __future__ import annotations

from dataclasses import dataclass

MIB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Bounds applied while reading a document; exceeding one is an error, never a hang.

    Attributes:
        max_yaml_bytes: largest YAML file read (YAML parses ~50x slower than JSON).
        max_json_bytes: largest JSON file read.
        max_depth: deepest nesting of mappings and lists (a register needs fewer than ten levels).
        max_alias_nodes: values a YAML document may add through aliases (defeats "billion laughs").
        max_files: files read from one folder.
    """

    max_yaml_bytes: int = 16 * MIB
    max_json_bytes: int = 512 * MIB
    max_depth: int = 64
    max_alias_nodes: int = 10_000
    max_files: int = 10_000
