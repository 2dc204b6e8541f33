"""Occurrences: where a parsed query matches in a text, one range per occurrence.

The concordance needs what the highlights mark, but counted the way a reader counts: a
phrase ("freight train routes") is one occurrence spanning its words, not three marks. The
words come from ``snippets.match_spans`` (the index's own analysis: stems, expanded
prefixes and wildcards, CJK runs) and the phrase rule is ``keep_phrases``' rule (words of
a phrase stand next to each other with only spaces or punctuation between them), so every
occurrence here is exactly a run of marks the reading view draws.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from scoda_desktop.core.index.snippets import match_spans

_WORDISH = re.compile(r"[^\W_]")


def occurrences(text: str, terms: set[str], phrases: Sequence[tuple[str, ...]] | None,
                loose: set[str] | None) -> list[tuple[int, int]]:
    """(start, end) of each occurrence in ``text``, in text order, never overlapping.

    Longer phrases are taken first, left to right; a word that is also wanted on its own
    (``loose``) and stands inside a phrase occurrence belongs to that occurrence only.
    """
    spans = match_spans(text, terms)
    if not spans:
        return []
    loose = loose or set()
    words = [t for _s, _e, t in spans]
    used = [False] * len(spans)
    found: list[tuple[int, int]] = []
    for phrase in sorted(set(phrases or ()), key=len, reverse=True):
        n, i = len(phrase), 0
        while i <= len(spans) - n:
            if (not any(used[i:i + n]) and tuple(words[i:i + n]) == phrase
                    and not any(_WORDISH.search(text, spans[k][1], spans[k + 1][0])
                                for k in range(i, i + n - 1))):
                found.append((spans[i][0], spans[i + n - 1][1]))
                used[i:i + n] = [True] * n
                i += n
            else:
                i += 1
    found.extend((s, e) for k, (s, e, t) in enumerate(spans) if not used[k] and t in loose)
    return sorted(found)
