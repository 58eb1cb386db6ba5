"""Where each fact of a (possibly merged) register came from: file, line and column."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from governance.documents import DataPath, Document, Location
from governance.register.models import COLLECTIONS


@dataclass
class Sources:
    """Maps a fact's position in the merged register back to its document and path.

    Lists of several documents are concatenated in file order, so the fact at index ``i`` of a list
    lives in the document whose segment holds ``i``.
    """

    docs: list[Document]
    starts: dict[str, list[int]] = field(default_factory=dict)
    _ids: dict[str, DataPath] | None = None

    @classmethod
    def of(cls, docs: list[Document], counts: list[dict[str, int]]) -> Sources:
        """Build from the documents and how many items each contributed to each list."""
        starts: dict[str, list[int]] = {}
        for collection in COLLECTIONS:
            total, offsets = 0, []
            for per_doc in counts:
                offsets.append(total)
                total += per_doc.get(collection, 0)
            starts[collection] = offsets
        return cls(docs, starts)

    def locate(self, collection: str, index: int, *rest: str | int) -> Location:
        """The location of item `index` of `collection` (or of a path below it)."""
        offsets = self.starts[collection]
        which = bisect.bisect_right(offsets, index) - 1
        return self.docs[which].locate((collection, index - offsets[which], *rest))

    def files_lines(self, items: list[tuple[str, int]]) -> list[tuple[str, int]]:
        """(file, line) of each (collection, index): `locate` for many items, each document's
        lines counted in one pass."""
        by_doc: dict[int, list[tuple[int, DataPath]]] = {}
        for n, (collection, index) in enumerate(items):
            offsets = self.starts[collection]
            which = bisect.bisect_right(offsets, index) - 1
            by_doc.setdefault(which, []).append((n, (collection, index - offsets[which])))
        out: list[tuple[str, int]] = [("", 0)] * len(items)
        for which, wanted in by_doc.items():
            doc = self.docs[which]
            lines = doc.lines([path for _, path in wanted])
            for (n, _), line in zip(wanted, lines, strict=True):
                out[n] = (doc.file, line)
        return out
