"""Candidate mentions, and how overlapping ones become the chosen names.

Every rule proposes ``Candidate`` spans with a priority; ``select`` keeps the longest, then
the higher priority, then the earlier (a longer name is more specific: "Qingdao Port Group"
over "Qingdao"). Kept apart from the rules so each rule module reads only what it needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from scoda_desktop.core.extract import names as nm
from scoda_desktop.core.extract.text import Taken


@dataclass(slots=True)
class Candidate:
    start: int
    end: int
    type: str
    canonical: str
    prio: int
    source: str = ""
    tail_start: int | None = None  # where an "of ..." tail begins (nested names count there)
    nested: list[Candidate] = field(default_factory=list)


# The last word of a capitalised phrase decides its type ("Hisense Group" -> ORG).
HEAD_TYPE = dict(
    [(h, "ORG") for h in nm.ORG_HEADS] + [(h, "FACILITY") for h in nm.FACILITY_HEADS]
    + [(h, "EVENT") for h in nm.EVENT_HEADS]
)


def clean_name(text: str) -> str:
    name = " ".join(text.replace("’", "'").split())
    return name[4:] if name.startswith(("the ", "The ")) else name


def split_and_pairs(text: str, cands: list[Candidate]) -> None:
    """"Sinotrans and China Railway Express", "F.W. de Klerk and African National
    Congress": a headed name that swallowed "X and" is cut after the "and" when X is a
    name of its own (another rule found a name ending right there)."""
    ends: dict[int, int] = {}
    for c in cands:
        if c.source != "head":
            ends[c.end] = min(c.start, ends.get(c.end, c.start))
    for c in cands:
        if c.source != "head" or " and " not in text[c.start:c.end] and " & " not in \
                text[c.start:c.end]:
            continue
        m = re.search(r" (?:and|&) ", text[c.start:c.end])
        cut = c.start + m.start()  # type: ignore[union-attr]
        if cut in ends and ends[cut] <= c.start:
            c.start = cut + len(m.group())  # type: ignore[union-attr]
            c.canonical = clean_name(text[c.start:c.end])


def select(cands: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: longest first, then higher priority, then earlier."""
    chosen: list[Candidate] = []
    taken = Taken()
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), -c.prio, c.start)):
        if c.end <= c.start:
            continue
        if not taken.overlaps(c.start, c.end):
            chosen.append(c)
            taken.add(c.start, c.end)
    chosen.sort(key=lambda c: c.start)
    return chosen
