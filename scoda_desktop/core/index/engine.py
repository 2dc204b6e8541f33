"""Query evaluation over numpy arrays: the exact hit set and BM25 ranking in one pass.

Why not Whoosh's matchers: they step through postings one document at a time in Python, so
a common word or a phrase costs tens to hundreds of milliseconds at 10,000 articles, and
getting the exact total *and* the top hits means running the query twice. Here each term's
postings are read block by block into numpy arrays (cached for the searcher's lifetime, so
typing a query reuses them), boolean operators are sorted-array set operations, phrases
are checked on positions only for documents that contain every word, and BM25 scores are
one vectorised expression per term. Anything unusual falls back to Whoosh's own matcher,
so the hit set is always Whoosh's semantics.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from typing import Any

import numpy as np
from whoosh import query as wq
from whoosh.formats import Positions

K1, B = 1.2, 0.75
CACHE_TERMS = 2048
_EMPTY = np.zeros(0, dtype=np.int64)
_POSITIONS = Positions()


class Engine:
    """Evaluates Whoosh query trees for one searcher (built again after each sync)."""

    def __init__(self, searcher: Any, live: np.ndarray, doc_len: np.ndarray) -> None:
        self.searcher = searcher
        self.live = live
        self.n = int(live.sum())
        self.doc_len = np.maximum(doc_len.astype(np.float64), 1.0)
        self.avg_len = float(self.doc_len[live].mean()) if self.n else 1.0
        self.subs = searcher.subsearchers if searcher.subsearchers else [(searcher, 0)]
        self._cache: OrderedDict[tuple[str, bytes], tuple[np.ndarray, np.ndarray]] = \
            OrderedDict()

    # -- postings ------------------------------------------------------------------------
    def postings(self, field: str, btext: bytes) -> tuple[np.ndarray, np.ndarray]:
        """Live doc numbers (sorted) and weights of one term."""
        key = (field, btext)
        hit = self._cache.get(key)
        if hit is not None:
            self._cache.move_to_end(key)
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
        self._cache[key] = (ids, weights)
        if len(self._cache) > CACHE_TERMS:
            self._cache.popitem(last=False)
        return ids, weights

    def positions(self, field: str, btext: bytes, docnums: np.ndarray) -> dict[int, list[int]]:
        """Positions of a term in the given (global) documents, decoded only for those."""
        out: dict[int, list[int]] = {}
        wanted = set(docnums.tolist())
        decode = _POSITIONS.decode_positions
        for sub, offset in self.subs:
            m = _matcher(sub.reader(), field, btext)
            if m is None:
                continue
            leaf = getattr(m, "child", m)
            if hasattr(leaf, "_next_block"):
                while leaf.is_active():
                    leaf._read_ids()
                    leaf._read_values()
                    for d, v in zip(leaf._ids, leaf._values, strict=False):
                        if d + offset in wanted:
                            out[d + offset] = decode(v)
                    leaf._next_block()
                continue
            while m.is_active():
                if m.id() + offset in wanted:
                    out[m.id() + offset] = m.value_as("positions")
                m.next()
        return out

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
            return np.unique(np.concatenate(parts)) if parts else _EMPTY
        if isinstance(q, wq.Phrase):
            return self._phrase(q)
        if isinstance(q, wq.MultiTerm):  # prefix, wildcard, range on keyword fields
            reader = self.searcher.reader()
            parts = [self.postings(q.fieldname, bt)[0] for bt in q._btexts(reader)]
            return np.unique(np.concatenate(parts)) if parts else _EMPTY
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
        plists = [self.positions(q.fieldname, bt, cands) for bt in btexts]
        keep = []
        for d in cands.tolist():
            starts = set(plists[0].get(d, ()))
            for i, pl in enumerate(plists[1:], 1):
                starts &= {p - i for p in pl.get(d, ())}
                if not starts:
                    break
            if starts:
                keep.append(d)
        return np.array(keep, dtype=np.int64)

    # -- ranking -------------------------------------------------------------------------
    def scored_terms(self, q: wq.Query, out: set[tuple[str, bytes]] | None = None) -> set:
        """(field, term) pairs that add to the score: positive leaves only."""
        out = set() if out is None else out
        if isinstance(q, wq.Term):
            out.add((q.fieldname, _bytes(self.searcher, q.fieldname, q.text)))
        elif isinstance(q, wq.Phrase):
            out.update((q.fieldname, _bytes(self.searcher, q.fieldname, w)) for w in q.words)
        elif isinstance(q, wq.AndNot):
            self.scored_terms(q.a, out)
        elif isinstance(q, wq.And | wq.Or):
            for s in q.subqueries:
                self.scored_terms(s, out)
        return out

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


def _bytes(searcher: Any, field: str, text: Any) -> bytes:
    if isinstance(text, bytes):
        return text
    return searcher.schema[field].to_bytes(text)


def _matcher(reader: Any, field: str, btext: bytes) -> Any:
    from whoosh.reading import TermNotFound

    try:
        return reader.postings(field, btext)
    except TermNotFound:
        return None


def _leaf_arrays(m: Any) -> tuple[np.ndarray, np.ndarray]:
    """All (doc number, weight) of a term's postings, a block at a time when possible."""
    leaf = getattr(m, "child", m)  # unwrap the deleted-documents filter; live mask handles it
    ids: list[Any] = []
    weights: list[Any] = []
    try:
        if not hasattr(leaf, "_next_block"):
            raise AttributeError
        while leaf.is_active():
            leaf._read_ids()
            leaf._read_weights()
            ids.extend(leaf._ids)
            weights.extend(leaf._weights)
            leaf._next_block()
    except (AttributeError, TypeError):
        ids, weights = [], []
        while leaf.is_active():
            ids.append(leaf.id())
            weights.append(leaf.weight())
            leaf.next()
    return np.array(ids, dtype=np.int64), np.array(weights, dtype=np.float64)
