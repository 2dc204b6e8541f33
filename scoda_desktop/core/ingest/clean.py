"""Choose the article body among the labelled lines of a page.

The body is the largest run of prose lines: good lines joined across short gaps (a subheading,
an image credit, an ad slot), never across a hard marker ("Recent Stories", the copyright
footer). Neutral lines inside the run are kept (subheadings, one-line transitions); everything
before it is the header (title, standfirst, byline, date, navigation) and everything after it is
the trailer (sign-off, related lists, footer). Every dropped line is kept as a ``Removed`` with
its position, so the reading view can show it greyed out where it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scoda_desktop.core.documents import Removed
from scoda_desktop.core.ingest.lines import BAD, GOOD, NEUTRAL, Line, label_lines

MAX_GAP = 4  # non-prose lines tolerated inside the body between two prose lines
HEADER_META = {"byline", "date"}


@dataclass(slots=True)
class Cleaned:
    """What the cleaner found; ``meta.py`` reads the header to name title, date and author."""

    body: list[Line]
    header: list[Line]
    trailer: list[Line]
    removed_inside: list[Line]  # furniture found between body lines
    lang: str
    paragraphs: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Run:
    first: int
    last: int
    good: int = 0
    chars: int = 0


def _runs(lines: list[Line], indices: list[int]) -> list[_Run]:
    runs: list[_Run] = []
    gap = 0
    for i in indices:
        if lines[i].kind != GOOD:
            gap += 1
            continue
        if runs and gap <= MAX_GAP:
            runs[-1].last = i
        else:
            runs.append(_Run(i, i))
        runs[-1].good += 1
        runs[-1].chars += len(lines[i].text)
        gap = 0
    return runs


def _segments(lines: list[Line]) -> list[list[int]]:
    """Line indices split at hard markers: the body never crosses one."""
    segments: list[list[int]] = [[]]
    for i, line in enumerate(lines):
        if line.hard:
            segments.append([])
        else:
            segments[-1].append(i)
    return [s for s in segments if s]


def select_span(lines: list[Line]) -> tuple[int, int] | None:
    """First and last index of the body, or None when the page has no prose at all."""
    best: tuple[int, int, int] | None = None  # (chars, first, last)
    for segment in _segments(lines):
        runs = _runs(lines, segment)
        if not runs:
            continue
        k = max(range(len(runs)), key=lambda j: runs[j].chars)
        lo = hi = k
        while lo > 0 and (runs[lo - 1].good >= 2 or runs[lo - 1].chars >= 250):
            lo -= 1
        while hi + 1 < len(runs) and (runs[hi + 1].good >= 2 or runs[hi + 1].chars >= 250):
            hi += 1
        chars = sum(r.chars for r in runs[lo : hi + 1])
        if best is None or chars > best[0]:
            best = (chars, runs[lo].first, runs[hi].last)
    return (best[1], best[2]) if best else None


def _skip_leading_header(lines: list[Line], first: int, last: int) -> int:
    """Move the body start past a byline/date line that follows one or two standfirst lines."""
    window = range(first, min(last, first + 8) + 1)
    marks = [i for i in window if lines[i].reason in HEADER_META]
    if not marks:
        return first
    mark = marks[-1]
    before = sum(1 for i in range(first, mark) if lines[i].kind == GOOD)
    after = any(lines[i].kind == GOOD for i in range(mark + 1, last + 1))
    if before <= 2 and after:
        for i in range(first, mark):
            if lines[i].kind == GOOD:
                lines[i].kind, lines[i].reason = BAD, "standfirst"
        return mark + 1
    return first


def split_page(raw: str) -> Cleaned:
    """Label ``raw``'s lines and cut them into header, body and trailer."""
    lines, lang = label_lines(raw)
    span = select_span(lines)
    if span is None:
        # No prose anywhere (notes, a list, a tiny file): keep what is not furniture.
        body = [ln for ln in lines if ln.kind == NEUTRAL]
        return Cleaned(body, [], [], [ln for ln in lines if ln.kind == BAD], lang)
    first, last = span
    first = _skip_leading_header(lines, first, last)
    inside = lines[first : last + 1]
    return Cleaned(
        body=[ln for ln in inside if ln.kind != BAD],
        header=lines[:first],
        trailer=lines[last + 1 :],
        removed_inside=[ln for ln in inside if ln.kind == BAD],
        lang=lang,
    )


def removed_lines(cleaned: Cleaned, header_reasons: dict[int, str]) -> list[Removed]:
    """Every line that is not body, in page order, with its reason and body position.

    ``header_reasons`` maps a header line's ``n`` to what metadata made of it ("title",
    "standfirst"); other header lines without a reason of their own are navigation, and
    trailer prose takes the reason of the last hard marker above it (a related list).
    """
    body_ns = {ln.n for ln in cleaned.body}
    out: list[Removed] = []
    at = 0
    trailer_ns = {ln.n for ln in cleaned.trailer}
    current = "footer"
    everything = sorted(
        [*cleaned.header, *cleaned.body, *cleaned.removed_inside, *cleaned.trailer],
        key=lambda ln: ln.n,
    )
    for ln in everything:
        if ln.n in body_ns:
            at += 1
            continue
        reason = header_reasons.get(ln.n) or ln.reason
        if ln.n in trailer_ns:
            if ln.hard:
                current = ln.reason
            reason = reason or current
        out.append(Removed(ln.text, reason or "navigation", at))
    return out
