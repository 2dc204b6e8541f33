"""Tokens and sentences with character offsets, shared by the entity and metric rules.

Why not a tokenizer library: the rules only need words with their offsets, a flag for
capitalised words and sentence spans; a few regular expressions do that in microseconds
and keep ``text[start:end]`` exact, which every mention must satisfy.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

# "U.S.", "People's", "China-SCO", "R&D", "SCODA's", plain words and numbers.
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|\w(?:[\w&-]|['’](?=\w))*\w|\w")
_POSSESSIVE_ENDS = ("'s", "’s")
# A sentence ends at . ! ? (plus closing quotes) before a space and a capital, digit or quote.
_SENTENCE_END = re.compile(r"""(?<=[.!?])["”’)]?\s+(?=["“‘(]?[A-Z0-9])|\n\s*\n""")
_ABBREVIATIONS = {"Mr", "Mrs", "Ms", "Dr", "Prof", "St", "No", "Jan", "Feb", "Mar", "Apr",
                  "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Co", "Inc",
                  "Ltd", "Corp", "vs", "e.g", "i.e", "approx", "Gen", "Rep", "Sen", "Gov"}


class Token:
    """One word with its offsets. ``core``, ``possessive``, ``cap`` and ``upper`` are
    computed once here: the rules read them many times per token (they were properties,
    recomputed at each read, ~12% of extraction time)."""

    __slots__ = ("text", "start", "end", "core_end", "first", "core", "possessive", "cap",
                 "upper")

    def __init__(self, text: str, start: int, end: int, core_end: int, first: bool) -> None:
        self.text, self.start, self.end, self.core_end, self.first = \
            text, start, end, core_end, first
        core = self.core = text[: core_end - start]
        self.possessive = core_end != end
        if "a" <= core[0] <= "z":  # most words: neither a name word nor all capitals
            self.cap = self.upper = False
            return
        # Capitalised name word: "China", "SCO", "China-SCO", not "State-owned".
        if not core[0].isupper():
            self.cap = False
        elif "-" not in core:
            self.cap = True
        else:
            parts = [p for p in core.split("-") if p]
            self.cap = bool(parts) and all(p[0].isupper() or p[0].isdigit() for p in parts)
        # All capitals, two letters or more: "SCO", "U.S."
        if core.isascii():
            self.upper = core.isupper() and sum(c.isalpha() for c in core) >= 2
        else:
            letters = [c for c in core if c.isalpha()]
            self.upper = len(letters) >= 2 and all(c.isupper() for c in letters)

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}, {self.end}, {self.core_end}, {self.first})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Token) and (self.text, self.start, self.end, self.core_end,
                                             self.first) == (other.text, other.start,
                                                             other.end, other.core_end,
                                                             other.first)

    def __hash__(self) -> int:
        return hash((self.text, self.start, self.end, self.core_end, self.first))


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
    for m in _SENTENCE_END.finditer(text):
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
    """Word tokens with offsets, each marked if it opens a sentence."""
    sentence_starts = sorted({s for s, _ in sentences(text)})
    n_starts = len(sentence_starts)
    tokens: list[Token] = []
    append = tokens.append
    idx = 0
    current = -1
    last_start = None  # start of the previous token
    for m in _TOKEN.finditer(text):
        start, end = m.span()
        while idx < n_starts and sentence_starts[idx] <= start:
            current = sentence_starts[idx]
            idx += 1
        word = m.group()
        # a possessive "'s" ends a word longer than two characters
        core_end = end - 2 if len(word) > 2 and word[-2:] in _POSSESSIVE_ENDS else end
        append(Token(word, start, end, core_end, last_start is None or last_start < current))
        last_start = start
    return tokens


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

