"""Where a query matches inside a document's clean text (for the reading view)."""

from __future__ import annotations

from typing import Any


def query_match_spans(corpus: Any, text: str, query: str) -> list[tuple[int, int]]:
    """(start, end) of every match of ``query`` in ``text``; [] for an empty query.

    The corpus service answers with the index's own analysis, so the reading view marks the
    same words the search matched.
    """
    if not query.strip():
        return []
    return list(corpus.match_spans(text, query))
