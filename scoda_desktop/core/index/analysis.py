"""Text analysis shared by indexing, querying and snippets: one lean tokenizer.

Why not Whoosh's analyzer chain: it builds a Token object per word and runs each filter as a
generator, which made analysis the bulk of indexing time. Here one regex finds the words, a
dict caches ``surface -> term`` (lower-case, accent-folded, porter2-stemmed), and the same
function serves the index (in worker processes), the query parser and the snippet maker, so
a word is always turned into the same term.

CJK text has no spaces: each run of Han, Kana or Hangul characters is indexed as its single
characters and its overlapping bigrams, bigram ``i`` and character ``i`` sharing position
``base + i``. A query of two or more CJK characters becomes a phrase of bigrams (so ``青岛`` and
``上合示范区`` are found inside running Chinese text); a one-character query uses the unigram.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator

from whoosh.lang.porter2 import stem as _porter2

# Words: letters/digits, with inner apostrophes ("China's" is one word, stemmed to "china").
WORD_RE = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
_CJK_CLASS = (
    "\u1100-\u11ff\u3040-\u309f\u30a0-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
)
CJK_RUN_RE = re.compile(f"[{_CJK_CLASS}]+")
# "is there a CJK character" (search) or "does it start with one" (match): the run pattern
# answers both; a second pattern of the same class cost every process ~2.5 ms to compile
_CJK_ANY_RE = CJK_RUN_RE
_CACHE_LIMIT = 300_000
_term_cache: dict[str, str] = {}
_info_cache: dict[str, tuple[str, str, str | None]] = {}  # analyze's, per surface word


def fold(word: str) -> str:
    """Lower-case and strip accents ("Mérida" -> "merida"); never touches CJK."""
    word = word.lower()
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def term_of(word: str) -> str:
    """The index term of one non-CJK surface word (cached: news repeats its words)."""
    term = _term_cache.get(word)
    if term is None:
        folded = fold(word).replace("\u2019", "'")
        term = folded if folded.isdigit() else _porter2(folded)
        if len(_term_cache) >= _CACHE_LIMIT:
            _term_cache.clear()
        _term_cache[word] = term
    return term


def is_cjk(text: str) -> bool:
    return bool(_CJK_ANY_RE.search(text))


def cjk_terms(run: str) -> list[str]:
    """Query-side terms of a CJK run: its bigrams (a phrase), or the one character."""
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def iter_tokens(text: str) -> Iterator[tuple[str, int, int, int]]:
    """``(term, position, start, end)`` for every token of ``text``, in order.

    Offsets are character offsets into ``text`` (used by snippets to mark original words).
    """
    pos = 0
    for m in WORD_RE.finditer(text):
        word = m.group()
        if word.isascii() or not _CJK_ANY_RE.search(word):
            yield term_of(word), pos, m.start(), m.end()
            pos += 1
            continue
        base = m.start()
        last = 0
        for run in CJK_RUN_RE.finditer(word):
            if run.start() > last:  # Latin part glued before the CJK run ("SCO上合")
                for sub in WORD_RE.finditer(word, last, run.start()):
                    yield term_of(sub.group()), pos, base + sub.start(), base + sub.end()
                    pos += 1
            chars = run.group()
            start = base + run.start()
            for i, ch in enumerate(chars):
                yield ch, pos + i, start + i, start + i + 1
                if i + 1 < len(chars):
                    yield chars[i : i + 2], pos + i, start + i, start + i + 2
            pos += len(chars)
            last = run.end()
        if last < len(word):
            for sub in WORD_RE.finditer(word, last):
                yield term_of(sub.group()), pos, base + sub.start(), base + sub.end()
                pos += 1


def _word_info(word: str) -> tuple[str, str, str | None]:
    """A surface word's term, its vocabulary key (folded) and, when it has accents, its
    lower-case accented form (a second key, for snippet marks); cached like terms."""
    low = word.lower()
    info = (term_of(word), fold(low).replace("\u2019", "'"), None if low.isascii() else low)
    if len(_info_cache) >= _CACHE_LIMIT:
        _info_cache.clear()
    _info_cache[word] = info
    return info


def analyze(text: str) -> tuple[dict[str, list[int]], dict[str, str]]:
    """Postings of one field value: ``term -> positions``, and ``folded word -> term``.

    The words feed prefix, wildcard and fuzzy expansion and "did you mean": those match what
    the user sees ("runn*", "logistcs~"), not stems like "cooper".
    """
    postings: dict[str, list[int]] = {}
    words: dict[str, str] = {}
    if not _CJK_ANY_RE.search(text):
        # No CJK: every word is one token. Positions per surface word first (one append
        # per word), then one cached look-up per distinct word for its term and keys,
        # merging the words of one term ("Trade", "trade"): the same postings and words,
        # in the same order (a term's first word comes first), as iter_tokens would give.
        by_word: defaultdict[str, list[int]] = defaultdict(list)
        for pos, word in enumerate(WORD_RE.findall(text)):
            by_word[word].append(pos)
        cached = _info_cache.get
        add = postings.setdefault
        merged: set[str] = set()
        for word, plist in by_word.items():
            info = cached(word)
            if info is None:
                info = _word_info(word)
            term = info[0]
            words[info[1]] = term
            if info[2] is not None:
                words[info[2]] = term
            prev = add(term, plist)
            if prev is not plist:
                prev.extend(plist)
                merged.add(term)
        for term in merged:
            postings[term].sort()
        return postings, words
    seen: dict[str, str] = {}
    for term, pos, start, end in iter_tokens(text):
        plist = postings.get(term)
        if plist is None:
            postings[term] = [pos]
        else:
            plist.append(pos)
        seen[text[start:end]] = term
    for w, t in seen.items():
        if not _CJK_ANY_RE.match(t):
            low = w.lower()
            words[fold(low).replace("\u2019", "'")] = t
            if not low.isascii():  # keep the accented form too, for snippet marks
                words[low] = t
    return postings, words


def keyword(value: str) -> str:
    """Normalised keyword for exact-value fields (entities, units, sources): folded, one space."""
    return " ".join(fold(value).replace("\u2019", "'").split())
