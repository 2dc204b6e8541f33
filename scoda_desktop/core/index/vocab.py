"""The index's own vocabulary: prefix*, wild?card, fuzzy~, entity aliases, "did you mean".

Expansion works on the words as written (folded), kept sorted so a prefix is a binary search,
then maps them to index terms: ``runn*`` finds "running" although the index holds "run".
Suggestions pick the closest known word whose term is in the most documents.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from scoda_desktop.core.index.analysis import keyword
from scoda_desktop.core.index.schema import ENTITY_FIELDS


def distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, giving up (returning limit + 1) once it must exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]


class Vocab:
    """Implements ``query.Vocabulary`` over the catalog's word list and alias facts."""

    def __init__(self, words: Callable[[], dict[str, str]],
                 entities: Callable[[], dict[str, tuple]],
                 doc_frequency: Callable[[str], int]) -> None:
        # Loaders, called on first use: most queries (plain words, phrases) never need the
        # word list, and loading it would cost a first query a tenth of a second.
        self._load_words = words
        self._load_entities = entities  # doc id -> (entities, aliases), see Catalog.add_doc
        self._words: dict[str, str] | None = None
        self._sorted: list[str] | None = None
        self._aliases: dict[str, dict[str, set[str]]] | None = None
        self._surfaces: dict[str, list[str]] | None = None
        self.doc_frequency = doc_frequency  # term -> documents in the body/title fields

    @property
    def words(self) -> dict[str, str]:
        if self._words is None:
            self._words = self._load_words()
        return self._words

    @property
    def sorted(self) -> list[str]:
        if self._sorted is None:
            self._sorted = sorted(self.words)
        return self._sorted

    def surfaces(self) -> dict[str, list[str]]:
        """term -> the written forms that make it (for snippet marks); built once."""
        if self._surfaces is None:
            inverse: dict[str, list[str]] = {}
            for word, term in self.words.items():
                inverse.setdefault(term, []).append(word)
            self._surfaces = inverse
        return self._surfaces

    def _range(self, prefix: str) -> list[str]:
        lo = bisect.bisect_left(self.sorted, prefix)
        hi = bisect.bisect_left(self.sorted, prefix + "\U0010ffff")
        return self.sorted[lo:hi]

    def match_words(self, glob: str) -> list[str]:
        literal = re.split(r"[*?]", glob, maxsplit=1)[0]
        candidates = self._range(literal)
        if glob == literal + "*":
            return candidates
        rx = re.compile("".join(".*" if c == "*" else "." if c == "?" else re.escape(c)
                                for c in glob) + r"\Z")
        return [w for w in candidates if rx.match(w)]

    def fuzzy_words(self, word: str, maxdist: int) -> list[str]:
        if not word:
            return []
        return [w for w in self._range(word[0]) if distance(word, w, maxdist) <= maxdist]

    def keyword_values(self, fieldname: str, value: str) -> list[str]:
        """``value`` plus the canonical names it stands for in this corpus ("sco" -> the
        Shanghai Cooperation Organization), so aliases find every mention."""
        if self._aliases is None:
            by_field: dict[str, dict[str, set[str]]] = {}
            types = {t: f for t, f in ENTITY_FIELDS.items()}
            for _ents, aliases in self._load_entities().values():
                for etype, alias, canonical in aliases:
                    for f in ("entity", types.get(etype)):
                        if f:
                            by_field.setdefault(f, {}).setdefault(alias, set()).add(
                                keyword(canonical))
            self._aliases = by_field
        return [value, *sorted(self._aliases.get(fieldname, {}).get(value, ()))]

    def suggest_word(self, word: str) -> str | None:
        """The known word closest to ``word`` (ties: the more frequent), or None."""
        folded = keyword(word)
        if not folded or folded in self.words:
            return None
        best: tuple[int, int, str] | None = None
        for maxdist in (1, 2):
            for w in self.fuzzy_words(folded, maxdist):
                df = self.doc_frequency(self.words[w])
                if df and (best is None or (distance(folded, w, 2), -df, w) < best):
                    best = (distance(folded, w, 2), -df, w)
            if best:
                return best[2]
        return None
