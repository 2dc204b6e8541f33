"""Tokens and sentences with character offsets, shared by the entity and metric rules.

Why not a tokenizer library: the rules only need words with their offsets, a flag for
capitalised words and sentence spans; a few regular expressions do that in microseconds
and keep ``text[start:end]`` exact, which every mention must satisfy.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from itertools import chain, compress, repeat
from operator import attrgetter, itemgetter, or_
from typing import NamedTuple

# "U.S.", "People's", "China-SCO", "R&D", "SCODA's", plain words and numbers.
# The same words as ``(?:[A-Z]\.){2,}|\w(?:[\w&-]|['’](?=\w))*\w|\w`` (the rules were
# written against that form), written so the regex engine neither tries an alternation at every
# character nor keeps backtracking points it can never use (possessive quantifiers): 40% less
# time (tests/core/test_extract_tokens.py holds the two equal).
_TOKEN = re.compile(r"[A-Z]\.(?:[A-Z]\.)+|\w++(?:(?:[&-]|['’](?=\w))++\w++)*+")
_POSSESSIVE_MARKS = ("'s", "’s")
_HYPHEN_PARTICLES = frozenset({"i", "e", "ul", "ur", "us", "al", "el", "ed", "ad", "ud", "de",
                               "di", "da", "du", "le", "la", "les", "sur", "en", "on", "upon",
                               "am", "an", "der", "von", "van", "y"})
_NOT_LOWER = re.compile(r"[^a-z]")
# A sentence ends at . ! ? (plus closing quotes) before a space and a capital, digit or quote.
_SENTENCE_END = re.compile(r"""(?<=[.!?])["”’)]?\s+(?=["“‘(]?[A-Z0-9])|\n\s*\n""")
_BOUNDARY_MARK = re.compile(r"[.!?\n]")
_ABBREVIATIONS = {"Mr", "Mrs", "Ms", "Dr", "Prof", "St", "No", "Jan", "Feb", "Mar", "Apr",
                  "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Co", "Inc",
                  "Ltd", "Corp", "vs", "e.g", "i.e", "approx", "Gen", "Rep", "Sen", "Gov"}


class Token(NamedTuple):
    """One word with its offsets. ``core`` (the word without a possessive "'s"),
    ``possessive``, ``cap`` (a capitalised name word) and ``upper`` (all capitals) are
    computed once, in bulk, by ``tokenize``: the rules read them many times per token.

    A named tuple, not a class with ``__init__``: ``tokenize`` builds the fields column by
    column and makes every token with one C-level ``tuple.__new__`` (a Python ``__init__``
    per word was a third of entity extraction)."""

    text: str
    start: int
    end: int
    core_end: int
    first: bool  # opens a sentence
    core: str
    possessive: bool
    cap: bool
    upper: bool


_last_sentences: tuple[str | None, list[tuple[int, int]]] = (None, [])


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of sentences; paragraph breaks always end one.

    The entity and the metric rules both ask for the same text's sentences: the last
    answer is kept (a copy is handed out)."""
    global _last_sentences
    last = _last_sentences  # one read: another thread may replace it meanwhile
    if last[0] is text:
        return list(last[1])
    spans = _sentences(text)
    _last_sentences = (text, spans)
    return list(spans)


# No real sentence is this long; a longer run (a page without full stops, a 1 MB line) is cut
# at spaces, so the per-figure work that reads a figure's sentence stays bounded.
MAX_SENTENCE = 1500


def _sentences(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _sentence_ends(text):
        # the word before the boundary (a short look back: abbreviations are short)
        before = text[max(start, m.start() - 40) : m.start()].rstrip(".!?\"”’)")
        words = before.split()
        last_word = words[-1] if words else ""
        if "\n" not in m.group() and (last_word in _ABBREVIATIONS or len(last_word) == 1):
            continue
        spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(s, e) for s, e in _capped(text, spans) if text[s:e].strip()]


def _sentence_ends(text: str) -> Iterator[re.Match[str]]:
    """What ``_SENTENCE_END.finditer(text)`` yields, tried only where a match can start
    (right after . ! ? or at a line break): a regex that opens on a look-behind is tried at
    every character, which cost twice as much."""
    pos = 0
    for c in _BOUNDARY_MARK.finditer(text):
        i = c.start()
        p = i if text[i] == "\n" else i + 1
        if p < pos:
            continue
        m = _SENTENCE_END.match(text, p)
        if m is not None:
            yield m
            pos = m.end()


def _capped(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in spans:
        while e - s > MAX_SENTENCE:
            cut = text.rfind(" ", s + MAX_SENTENCE // 2, s + MAX_SENTENCE)
            if cut < 0:
                cut = s + MAX_SENTENCE
                out.append((s, cut))
                s = cut
            else:
                out.append((s, cut))
                s = cut + 1
        out.append((s, e))
    return out


def tokenize(text: str) -> list[Token]:
    """Word tokens with offsets, each marked if it opens a sentence.

    Column by column with C-level ``map`` and slices, so the per-word Python work is only
    for the few words that need it: possessives ("China's") and words that do not start
    with a lower-case letter (the only ones that can be ``cap`` or ``upper``)."""
    matches = list(_TOKEN.finditer(text))
    n = len(matches)
    if not n:
        return []
    words = list(map(_group, matches))
    starts = list(map(_start, matches))
    ends = list(map(_end, matches))
    core_ends = ends[:]
    cores = words[:]
    possessive = [False] * n
    end_at: dict[int, int] | None = None
    for mark in _POSSESSIVE_MARKS:
        at = text.find(mark)
        while at >= 0:
            if end_at is None:
                end_at = dict(zip(ends, range(n), strict=True))
            k = end_at.get(at + 2)
            if k is not None and len(words[k]) > 2:  # a possessive "'s" ends a longer word
                core_ends[k] -= 2
                cores[k] = words[k][:-2]
                possessive[k] = True
            at = text.find(mark, at + 1)
    first = [False] * n
    first[0] = True
    for s, _ in sentences(text):
        k = bisect.bisect_left(starts, s)  # the first word at or after a sentence start
        if k < n:
            first[k] = True
    cap = [False] * n
    upper = [False] * n
    for m in _NOT_LOWER.finditer("".join(map(_first_char, words))):
        k = m.start()
        core = cores[k]
        # Capitalised name word: "China", "SCO", "China-SCO", not "State-owned".
        if not core[0].isupper():
            pass
        elif "-" not in core:
            cap[k] = True
        else:
            # "Mazar-i-Sharif", "Inzamam-ul-Haq", "Chester-le-Street": a particle inside
            parts = [p for p in core.split("-") if p]
            # between capitals; a number may end it as before ("COVID-19", "MiG-29")
            cap[k] = bool(parts) and (parts[-1][0].isupper() or parts[-1][0].isdigit()) \
                and all(p[0].isupper() or p[0].isdigit() or p in _HYPHEN_PARTICLES
                        for p in parts)
        # All capitals, two letters or more: "SCO", "U.S."
        if core.isascii():
            upper[k] = core.isupper() and sum(c.isalpha() for c in core) >= 2
        else:
            letters = [c for c in core if c.isalpha()]
            upper[k] = len(letters) >= 2 and all(c.isupper() for c in letters)
    toks = list(map(tuple.__new__, repeat(Token, n),
                    zip(words, starts, ends, core_ends, first, cores, possessive, cap, upper,
                        strict=True)))
    _views(toks, cores, cap, upper, first)  # what the rules will ask, from the columns
    return toks


_group, _start, _end = re.Match.group, re.Match.start, re.Match.end
_first_char = itemgetter(0)




class _Views(NamedTuple):
    """What the rules ask of one token list, computed once from ``tokenize``'s columns."""

    toks: list[Token]
    caps: list[int]  # indices of the capitalised tokens
    caps_or_upper: list[int]  # ... capitalised or all capitals
    firsts: list[int]  # ... opening a sentence
    index: dict[str, list[int]]  # trigger word (lower-cased core) -> indices
    n_triggers: int  # how many trigger words were registered when ``index`` was built


# The views of the last token list (as ``sentences`` keeps its last answer): every rule of
# one document asks, and a token list made elsewhere gets its views on first use.
_last_views: _Views | None = None
# Every trigger word a rule looks up (``lowered`` registers them): the index keeps only these.
_TRIGGERS: set[str] = set()


def lowered(words: Iterable[str]) -> frozenset[str]:
    """The lower-case forms of ``words``, registered as trigger words: the key set for
    ``indices_of`` (call it at import time, as the rule modules do)."""
    keys = frozenset(w.lower() for w in words)
    _TRIGGERS.update(keys)
    return keys


def _views(toks: list[Token], cores: list[str] | None = None, cap: list[bool] | None = None,
           upper: list[bool] | None = None, first: list[bool] | None = None) -> _Views:
    global _last_views
    last = _last_views  # one read: another thread may replace it meanwhile
    if last is not None and last.toks is toks and last.n_triggers == len(_TRIGGERS):
        return last
    n = len(toks)
    if cores is None or cap is None or upper is None or first is None:
        cores = list(map(attrgetter("core"), toks))
        cap = list(map(attrgetter("cap"), toks))
        upper = list(map(attrgetter("upper"), toks))
        first = list(map(attrgetter("first"), toks))
    lowers = list(map(str.lower, cores))
    index: dict[str, list[int]] = {}
    for i in compress(range(n), map(_TRIGGERS.__contains__, lowers)):
        word = lowers[i]
        got = index.get(word)
        if got is None:
            index[word] = [i]
        else:
            got.append(i)
    views = _Views(toks, list(compress(range(n), cap)),
                   list(compress(range(n), map(or_, cap, upper))),
                   list(compress(range(n), first)), index, len(_TRIGGERS))
    _last_views = views
    return views


def cap_indices(toks: list[Token]) -> list[int]:
    """Indices of the capitalised tokens, in order: most rules start only at a capitalised
    word, and walk these (read-only: the list is shared)."""
    return _views(toks).caps


def cap_or_upper_indices(toks: list[Token]) -> list[int]:
    """Indices of the tokens that are capitalised or all capitals ("SCO", "4G"), in order."""
    return _views(toks).caps_or_upper


def sentence_first_indices(toks: list[Token]) -> list[int]:
    """Indices of the tokens that open a sentence, in order (the first token always does)."""
    return _views(toks).firsts


def word_index(toks: list[Token]) -> dict[str, list[int]]:
    """Trigger word (lower-cased ``core``) -> the indices of its tokens, in order: rules
    that start at a few words ("said", "region", "beat") look them up instead of each
    walking every token."""
    return _views(toks).index


def occurrences(text: str, words: Iterable[str]) -> list[int]:
    """Every offset where one of ``words`` starts (``str.find``: C speed), in order, each
    once: where a rule anchored on those words can match (a regex opening on a look-behind
    would be tried at every character)."""
    found: set[int] = set()
    for word in words:
        at = text.find(word)
        while at >= 0:
            found.add(at)
            at = text.find(word, at + 1)
    return sorted(found)


def indices_of(toks: list[Token], words: frozenset[str]) -> list[int]:
    """Indices, in order, of the tokens whose lower-cased ``core`` is in ``words`` (made by
    ``lowered``). A superset of what a rule wants when it compares ``text`` or exact case:
    the rule still checks each index."""
    if not _TRIGGERS.issuperset(words):
        raise ValueError("trigger words must come from lowered()")
    index = word_index(toks)
    found = [index[w] for w in words if w in index]
    if len(found) == 1:
        return list(found[0])
    return sorted(chain.from_iterable(found))


class Taken:
    """Disjoint (start, end) spans already claimed, kept sorted: an overlap test is a
    binary search, not a scan of every span (a long document has thousands of mentions)."""

    __slots__ = ("starts", "ends")

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for s, e in sorted(spans):
            self.add(s, e)

    def overlaps(self, start: int, end: int) -> bool:
        # Disjoint and sorted by start, so ends are sorted too: only the last span that
        # starts before ``end`` can reach past ``start``.
        i = bisect.bisect_left(self.starts, end)
        return i > 0 and self.ends[i - 1] > start

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)

