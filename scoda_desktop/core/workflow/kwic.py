"""Concordance (key word in context) lines, as AntConc shows them: left, match, right.

``match`` is the document's text between ``start`` and ``end``; ``left``/``right`` are the
``width`` characters just before and after it, cut exactly (the document's own characters,
newlines included, so ``text[start - len(left):start] == left`` always holds). Views flatten
whitespace and add an ellipsis where the context was cut (``shown_left``/``shown_right``).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

DEFAULT_WIDTH = 40
SORTS = ("left", "right", "doc")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_SPACE = re.compile(r"\s+")


@dataclass(slots=True)
class KwicLine:
    id: str
    path: str
    title: str | None
    date: str | None
    left: str
    match: str
    right: str
    start: int
    end: int
    cut_left: bool = False  # the left context stops before the document's start
    cut_right: bool = False

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        del out["cut_left"], out["cut_right"]
        return out

    def shown_left(self) -> str:
        return ("\u2026" if self.cut_left else "") + _SPACE.sub(" ", self.left)

    def shown_right(self) -> str:
        return _SPACE.sub(" ", self.right) + ("\u2026" if self.cut_right else "")


@dataclass
class Concordance:
    """Every occurrence of a query (``total``) and the lines kept (sorted, then limited)."""

    query: str
    total: int = 0
    lines: list[KwicLine] = field(default_factory=list)
    documents: int = 0  # documents with at least one occurrence
    error: str | None = None  # the search's repair note, or why there are no lines
    cancelled: bool = False

    def to_json(self) -> dict[str, Any]:
        """The ``kwic --json`` object."""
        return {"query": self.query, "total": self.total,
                "lines": [line.to_json() for line in self.lines]}


def make_lines(doc: dict[str, Any], text: str, spans: list[tuple[int, int]],
               width: int = DEFAULT_WIDTH) -> list[KwicLine]:
    """One line per (start, end) occurrence in ``text``; ``doc`` gives id, path, title, date."""
    lines = []
    for start, end in spans:
        lo, hi = max(0, start - width), min(len(text), end + width)
        lines.append(KwicLine(
            id=doc["id"], path=doc.get("path") or "", title=doc.get("title"),
            date=doc.get("date"), left=text[lo:start], match=text[start:end],
            right=text[end:hi], start=start, end=end, cut_left=lo > 0, cut_right=hi < len(text)))
    return lines


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def sort_key(how: str):  # noqa: ANN201 - a key function for list.sort
    """``left``: by the words before the match, nearest first (AntConc's 1L, 2L, ...);
    ``right``: by the words after it; ``doc``: by document (path) and position. Ties fall
    back to the match, then document and position, so the order is always the same."""
    if how not in SORTS:
        raise ValueError(f"unknown concordance sort {how!r} (one of {', '.join(SORTS)})")

    def place(line: KwicLine) -> tuple:
        return (line.path, line.id, line.start)

    if how == "left":
        return lambda line: (_words(line.left)[::-1], line.match.casefold(), place(line))
    if how == "right":
        return lambda line: (_words(line.right), line.match.casefold(), place(line))
    return place


def sort_lines(lines: list[KwicLine], how: str) -> list[KwicLine]:
    return sorted(lines, key=sort_key(how))
