"""Snippets: 1-3 fragments of a hit's body with the matched words marked.

Made only for the hits shown. The body is scanned once with the same tokenizer the index
used (terms come from a cache, so this costs a fraction of a millisecond per article), and the
marks are placed on the *original* characters: "Running" stays "Running", not the stem "run".
Everything outside the marks is HTML-escaped, so a page that contained markup cannot inject
any into the result list.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterable, Sequence

from scoda_desktop.core.documents import Marks
from scoda_desktop.core.index.analysis import (
    WORD_RE,
    _term_cache,
    is_cjk,
    iter_tokens,
    term_of,
)

FRAGMENTS = 3
BEFORE, AFTER = 70, 130  # characters of context around the first match of a fragment
SEP = " "
MAX_CANDIDATES = 60  # fragments considered: the first 60 matches are plenty to choose from


def marker(terms: set[str]) -> re.Pattern[str] | None:
    """One regex for the words that may carry ``terms``, so a snippet is a C-speed scan
    instead of tokenising the body. A porter2 stem starts its words ("cooper" ->
    "cooperation"), except a final y turned i ("citi" <- "city"); ``match_spans`` then keeps
    only the words whose term really is wanted. None when there are no terms."""
    alts = []
    for term in sorted(terms, key=len, reverse=True):
        if is_cjk(term):
            alts.append(re.escape(term))
            continue
        alts.append(rf"\b{re.escape(term)}[\w'\u2019]*")
        if term.endswith("i"):
            alts.append(rf"\b{re.escape(term[:-1])}y\b")
    return re.compile("|".join(alts), re.IGNORECASE) if alts else None


def match_spans(text: str, terms: Iterable[str],
                pattern: re.Pattern[str] | None = None) -> list[tuple[int, int, str]]:
    """(start, end, term) of every token of ``text`` whose term is in ``terms``, merged."""
    wanted = terms if isinstance(terms, set | frozenset) else set(terms)
    if not wanted:
        return []
    if pattern is not None:
        out: list[tuple[int, int, str]] = []
        for m in pattern.finditer(text):
            word = m.group()
            if is_cjk(word):
                if out and m.start() <= out[-1][1]:
                    s, e, t = out[-1]  # touching CJK marks become one
                    out[-1] = (s, max(e, m.end()), t)
                else:
                    out.append((m.start(), m.end(), word))
                continue
            term = term_of(word)
            if term in wanted:
                out.append((m.start(), m.end(), term))
        return out
    spans: list[tuple[int, int, str]] = []
    cache = _term_cache
    for m in WORD_RE.finditer(text):
        word = m.group()
        if word.isascii():  # the fast path: no CJK, term from the cache
            term = cache.get(word) or term_of(word)
            if term in wanted:
                spans.append((m.start(), m.end(), term))
            continue
        base = m.start()
        for term, _pos, start, end in iter_tokens(word):
            if term in wanted:
                start, end = base + start, base + end
                if spans and start < spans[-1][1]:  # CJK bigram overlapping the last mark
                    s, e, t = spans[-1]
                    spans[-1] = (s, max(e, end), t)
                else:
                    spans.append((start, end, term))
    return spans


_WORDISH = re.compile(r"[^\W_]")


def keep_phrases(text: str, spans: list[tuple[int, int, str]],
                 phrases: Sequence[tuple[str, ...]] | None,
                 loose: set[str] | None) -> list[tuple[int, int, str]]:
    """Drop the marks of phrase-only terms that do not stand inside their phrase: for
    ``"freight train routes"`` a lone "train" is not what matched. Words of a phrase are
    adjacent when nothing but spaces and punctuation ("China-Europe") lies between them."""
    if not phrases or not spans:
        return spans
    loose = loose or set()
    keep = [t in loose for _s, _e, t in spans]
    terms = [t for _s, _e, t in spans]
    for phrase in phrases:
        n = len(phrase)
        for i in range(len(spans) - n + 1):
            if tuple(terms[i:i + n]) == phrase and not any(
                    _WORDISH.search(text, spans[k][1], spans[k + 1][0])
                    for k in range(i, i + n - 1)):
                keep[i:i + n] = [True] * n
    return [span for span, kept in zip(spans, keep, strict=True) if kept]


def mark_spans(text: str, marks: Marks) -> list[tuple[int, int, str]]:
    """(start, end, term) of what a search's ``marks`` mark in ``text`` (the reading view)."""
    return keep_phrases(text, match_spans(text, marks.all_terms()), marks.phrases,
                        set(marks.terms))


def _boundary_left(text: str, i: int) -> int:
    if i <= 0:
        return 0
    space = text.rfind(" ", max(0, i - 20), i)
    return space + 1 if space >= 0 else (0 if i <= 20 else i)


def _boundary_right(text: str, i: int) -> int:
    if i >= len(text):
        return len(text)
    space = text.find(" ", i, i + 20)
    return space if space >= 0 else (len(text) if len(text) - i <= 20 else i)


def _windows(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, list]]:
    """Candidate fragments, best first: most distinct terms, then earliest."""
    cands = []
    ends = [s[1] for s in spans]
    for i, (start, _end, _t) in enumerate(spans[:MAX_CANDIDATES]):
        lo = _boundary_left(text, start - BEFORE)
        hi = _boundary_right(text, start + AFTER)
        inside = spans[i : bisect.bisect_right(ends, hi, i)]
        cands.append((lo, hi, inside))
    cands.sort(key=lambda c: (-len({s[2] for s in c[2]}), -len(c[2]), c[0]))
    chosen: list[tuple[int, int, list]] = []
    for lo, hi, inside in cands:
        if all(hi <= c_lo or lo >= c_hi for c_lo, c_hi, _ in chosen):
            chosen.append((lo, hi, inside))
            if len(chosen) == FRAGMENTS:
                break
    return sorted(chosen)


def make_snippet(text: str, terms: Iterable[str], *, plain: bool = False,
                 pattern: re.Pattern[str] | None = None,
                 phrases: Sequence[tuple[str, ...]] | None = None,
                 loose: set[str] | None = None) -> str:
    """HTML (``<b>`` marks, the rest escaped) or plain text; the opening lines if no match.
    With ``phrases``, words wanted only inside a phrase are marked only there."""
    if not text:
        return ""
    spans = keep_phrases(text, match_spans(text, terms, pattern), phrases, loose)
    if not spans:
        end = _boundary_right(text, BEFORE + AFTER)
        head = text[:end].replace("\n", " ")
        suffix = "\u2026" if end < len(text) else ""
        return head + suffix if plain else html.escape(head) + suffix
    parts = []
    for lo, hi, inside in _windows(text, spans):
        out, at = [], lo
        for s, e, _t in inside:
            if s < at:
                continue
            seg, word = text[at:s], text[s:e]
            out.append(seg if plain else html.escape(seg))
            out.append(word if plain else f"<b>{html.escape(word)}</b>")
            at = e
        out.append(text[at:hi] if plain else html.escape(text[at:hi]))
        frag = "".join(out).replace("\n", " ")
        parts.append(("\u2026" if lo > 0 else "") + frag + ("\u2026" if hi < len(text) else ""))
    return SEP.join(parts)
