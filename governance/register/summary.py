"""A short, human summary of a loaded register: how many facts of each kind, who supports whom."""

from __future__ import annotations

from collections import Counter, defaultdict

from governance.register.models import COLLECTIONS
from governance.register.records import Register

_TYPED = {"parties", "interests", "relations"}
"""The lists whose facts have a `type` worth counting."""


def summarize(register: Register) -> list[str]:
    """Lines describing `register`: counts by list and by kind, and engagements per supporter."""
    names = {party.id: party.name for party in register.parties}
    title = register.metadata.name or "register"
    as_of = f" (as of {register.metadata.as_of.isoformat()})" if register.metadata.as_of else ""
    lines = [f"{title}{as_of}"]
    for collection in COLLECTIONS:
        facts = getattr(register, collection)
        kinds = Counter(getattr(f, "type", "") for f in facts if collection in _TYPED)
        detail = ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))
        lines.append(f"  {collection:<12} {len(facts):>7}" + (f"  ({detail})" if detail else ""))
    per_supporter: dict[str, list[str]] = defaultdict(list)
    for engagement in register.engagements:
        per_supporter[engagement.supporter].append(engagement.id)
    if per_supporter:
        count = len(per_supporter)
        lines.append(f"engagements per supporter ({count} supporter{'' if count == 1 else 's'}):")
        for supporter in sorted(per_supporter):
            shown = f"{names.get(supporter, supporter)} [{supporter}]"
            lines.append(f"  {shown}: {', '.join(per_supporter[supporter])}")
    return lines
