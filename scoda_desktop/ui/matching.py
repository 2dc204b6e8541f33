"""Where a query matches inside a document's clean text (for the reading view).

Uses the index's own analysis (stems, CJK bigrams) so the reading view marks the same words
the search matched; falls back to plain word prefixes if that part of the core is missing.
"""

from __future__ import annotations

from typing import Any

from scoda_desktop.ui.render import simple_match_spans


def query_match_spans(corpus: Any, text: str, query: str) -> list[tuple[int, int]]:
    """(start, end) of every match of ``query`` in ``text``; [] for an empty query."""
    if not query.strip():
        return []
    own = getattr(corpus, "match_spans", None)
    if callable(own):
        return [(s, e) for s, e, *_ in own(text, query)]
    try:
        from scoda_desktop.core.index.query import parse_query
        from scoda_desktop.core.index.snippets import match_spans
    except ImportError:  # pragma: no cover - the index package is part of the app
        return simple_match_spans(text, query)
    terms = parse_query(query).highlight
    return [(s, e) for s, e, _t in match_spans(text, terms)]
