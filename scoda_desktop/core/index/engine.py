"""Query evaluation over numpy arrays: the exact hit set and BM25 ranking in one pass.

Why not Whoosh's matchers: they step through postings one document at a time in Python, so
a common word or a phrase costs tens to hundreds of milliseconds at 10,000 articles, and
getting the exact total *and* the top hits means running the query twice. Here each term's
postings are read block by block into numpy arrays (cached for the searcher's lifetime, so
typing a query reuses them), boolean operators are sorted-array set operations, phrases
are checked on positions only for documents that contain every word, and BM25 scores are
one vectorised expression per term. Anything unusual falls back to Whoosh's own matcher,
so the hit set is always Whoosh's semantics. The block reads use Whoosh internals, kept in
``whoosh_private.py``.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from typing import Any

import numpy as np
from whoosh import query as wq

from scoda_desktop.core.index import whoosh_private as wp
from scoda_desktop.core.index.lite import (  # one BM25 and one term walk for both engines
    K1,
    B,
    LiteEngine,
    _bytes,
    _matcher,
)
from scoda_desktop.core.index.positions import position_gaps_flat

CACHE_TERMS = 2048
# Phrase results (their sorted doc numbers) kept for the searcher's lifetime, as the
# postings are: a phrase asked again (another sort, a facet clicked, the next page, a saved
# search run again, the same query in a batch) skips decoding the positions of every
# candidate document, most of a phrase of common words (25-35 ms at 10,000 articles). As
# Lucene's query cache does for filters. A sync builds a new engine: never stale.
CACHE_PHRASES = 256
_EMPTY = np.zeros(0, dtype=np.int64)


class _Recent(OrderedDict):  # type: ignore[type-arg]
    """At most ``size`` entries, the least recently used dropped first: the engine's
    caches of term postings and phrase results."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def hit(self, key: Any) -> Any:
        value = self.get(key)
        if value is not None:
            self.move_to_end(key)
        return value

    def keep(self, key: Any, value: Any) -> Any:
        self[key] = value
        if len(self) > self.size:
            self.popitem(last=False)
        return value


def _unique(a: np.ndarray) -> np.ndarray:
    """``np.unique`` of a 1-D integer array (sorted, each value once), without numpy's own:
    numpy 2's ``unique`` asks ``np.ma.is_masked``, which imports ``numpy.ma`` (~50 ms of a
    search process's start-up) at the first OR or prefix query."""
    a = np.sort(a)
    return a[np.concatenate(([True], a[1:] != a[:-1]))] if len(a) > 1 else a


class Engine:
    """Evaluates Whoosh query trees for one searcher (built again after each sync)."""

    def __init__(self, searcher: Any, live: np.ndarray, doc_len: np.ndarray) -> None:
        self.searcher = searcher
        self.live = live
        self.n = int(live.sum())
        self.doc_len = np.maximum(doc_len.astype(np.float64), 1.0)
        self.avg_len = float(self.doc_len[live].mean()) if self.n else 1.0
        self.subs = searcher.subsearchers if searcher.subsearchers else [(searcher, 0)]
        self._cache = _Recent(CACHE_TERMS)  # (field, term) -> (doc numbers, weights)
        self._phrases = _Recent(CACHE_PHRASES)  # (field, words, slop) -> doc numbers

    # -- postings ------------------------------------------------------------------------
    def postings(self, field: str, btext: bytes) -> tuple[np.ndarray, np.ndarray]:
        """Live doc numbers (sorted) and weights of one term."""
        key = (field, btext)
        hit = self._cache.hit(key)
        if hit is not None:
            return hit
        ids_parts, w_parts = [], []
        for sub, offset in self.subs:
            m = _matcher(sub.reader(), field, btext)
            if m is None:
                continue
            ids, weights = _leaf_arrays(m)
            ids_parts.append(ids + offset)
            w_parts.append(weights)
        if ids_parts:
            ids = np.concatenate(ids_parts)
            weights = np.concatenate(w_parts)
            keep = self.live[ids]
            ids, weights = ids[keep], weights[keep]
        else:
            ids, weights = _EMPTY, np.zeros(0)
        return self._cache.keep(key, (ids, weights))

    def positions(self, field: str, btext: bytes, docnums: np.ndarray
                  ) -> tuple[np.ndarray, np.ndarray]:
        """Positions of a term in the given (global) documents, decoded only for those:
        two parallel arrays (doc number, position), by document then position."""
        # the gaps between a document's positions, all documents' one after the other
        docs, counts, gaps = position_gaps_flat(self.subs, field, btext,
                                                set(docnums.tolist()))
        lens = np.array(counts, dtype=np.int64)
        flat = np.array(gaps, dtype=np.int64)
        ends = np.cumsum(flat)  # running sum over all documents ...
        first = np.cumsum(lens) - lens
        before = np.zeros(len(lens), dtype=np.int64)
        has = (first > 0) & (lens > 0)
        before[has] = ends[first[has] - 1]
        positions = ends - np.repeat(before, lens)  # ... minus what came before each document
        return np.repeat(np.array(docs, dtype=np.int64), lens), positions

    # -- evaluation ----------------------------------------------------------------------
    def docs(self, q: wq.Query) -> np.ndarray:
        """Sorted live doc numbers matching ``q`` (Whoosh semantics)."""
        if isinstance(q, wq.Term):
            return self.postings(q.fieldname, _bytes(self.searcher, q.fieldname, q.text))[0]
        if isinstance(q, wq.Every):
            return np.flatnonzero(self.live)
        if q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
            return _EMPTY
        if isinstance(q, wq.AndNot):
            return np.setdiff1d(self.docs(q.a), self.docs(q.b), assume_unique=True)
        if isinstance(q, wq.And):
            parts = sorted((self.docs(s) for s in q.subqueries), key=len)
            out = parts[0] if parts else _EMPTY
            for p in parts[1:]:
                if not len(out):
                    break
                out = np.intersect1d(out, p, assume_unique=True)
            return out
        if isinstance(q, wq.Or):
            parts = [self.docs(s) for s in q.subqueries]
            return _unique(np.concatenate(parts)) if parts else _EMPTY
        if isinstance(q, wq.Phrase):
            key = (q.fieldname, tuple(q.words), q.slop)
            found = self._phrases.hit(key)
            if found is None:
                found = self._phrase(q)
                found.flags.writeable = False  # shared by every later answer
                self._phrases.keep(key, found)
            return found
        if isinstance(q, wq.MultiTerm):  # prefix, wildcard, range on keyword fields
            reader = self.searcher.reader()
            parts = [self.postings(q.fieldname, bt)[0]
                     for bt in wp.multiterm_terms(q, reader)]
            return _unique(np.concatenate(parts)) if parts else _EMPTY
        found = np.fromiter(self.searcher.docs_for_query(q), dtype=np.int64)
        found.sort()
        return found[self.live[found]] if len(found) else found

    def _phrase(self, q: wq.Phrase) -> np.ndarray:
        btexts = [_bytes(self.searcher, q.fieldname, w) for w in q.words]
        cands = None
        for bt in btexts:
            ids = self.postings(q.fieldname, bt)[0]
            cands = ids if cands is None else np.intersect1d(cands, ids, assume_unique=True)
            if not len(cands):
                return _EMPTY
        if cands is None or len(btexts) == 1:
            return cands if cands is not None else _EMPTY
        # phrase starts as keys doc << 32 | position: word i must be at start + i
        keys = None
        for i, bt in enumerate(btexts):
            docs, pos = self.positions(q.fieldname, bt, cands)
            ok = pos >= i
            k = (docs[ok] << 32) | (pos[ok] - i)  # sorted and unique as decoded, unless ...
            if len(k) > 1 and not (k[1:] > k[:-1]).all():
                k = _unique(k)  # ... a reader hands blocks out of order
            keys = k if keys is None else np.intersect1d(keys, k, assume_unique=True)
            if not len(keys):
                return _EMPTY
        found = keys >> 32  # sorted: one entry per matching start
        return found[np.concatenate(([True], found[1:] != found[:-1]))]

    # -- ranking -------------------------------------------------------------------------
    # (field, term) pairs that add to the score: the same walk of the query in both engines
    scored_terms = LiteEngine.scored_terms

    def rank(self, q: wq.Query, docnums: np.ndarray, limit: int | None
             ) -> tuple[np.ndarray, np.ndarray]:
        """The best ``limit`` of ``docnums`` by BM25 (ties: lower doc number), and scores."""
        scores = np.zeros(len(self.live))
        for field, bt in self.scored_terms(q):
            ids, w = self.postings(field, bt)
            if not len(ids):
                continue
            idf = math.log(1.0 + (self.n - len(ids) + 0.5) / (len(ids) + 0.5))
            # short fields (title, source) get no length normalisation
            norm = K1 * (1 - B + B * self.doc_len[ids] / self.avg_len) if field == "body" \
                else K1
            scores[ids] += idf * w * (K1 + 1) / (w + norm)
        sel = scores[docnums]
        order = np.lexsort((docnums, -sel))
        if limit is not None:
            order = order[:limit]
        return docnums[order], sel[order]


def _leaf_arrays(m: Any) -> tuple[np.ndarray, np.ndarray]:
    """All (doc number, weight) of a term's postings, a block at a time when possible."""
    blocks = wp.weight_blocks(m)
    ids: list[Any] = []
    weights: list[Any] = []
    if blocks is not None:
        for block_ids, block_weights in blocks:
            ids.extend(block_ids)
            weights.extend(block_weights)
    else:
        leaf = getattr(m, "child", m)  # unwrap the deleted-documents filter (live mask)
        while leaf.is_active():
            ids.append(leaf.id())
            weights.append(leaf.weight())
            leaf.next()
    return np.array(ids, dtype=np.int64), np.array(weights, dtype=np.float64)
