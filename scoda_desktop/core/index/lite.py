"""The engine and the facet table in plain Python, for a process that runs one query.

Why two: ``engine.py`` and ``facets.py`` keep postings and per-document facts as numpy
arrays, which pays in a long-lived process (the window, ``search --batch``: a query of
common words at 10,000 articles is a few vectorised operations). A ``search`` process
that answers one query and exits would spend ~90 ms importing numpy (a third of the whole
process on these machines) to save a few milliseconds on that one query. ``LiteEngine``
and ``LiteTable`` give the same answers with lists and sets: the same hit sets, the same
BM25 arithmetic in the same order (so the same scores), the same orderings and facet
counts; ``tests/core/test_lite_engine.py`` holds them equal to the numpy classes.
Both read the table ``DocTable.save`` wrote (``npyfile.load_npz``: no numpy).
"""

from __future__ import annotations

import heapq
import json
import math
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from itertools import accumulate, compress, repeat
from pathlib import Path
from typing import Any, NamedTuple

from whoosh import query as wq

from scoda_desktop.core.index import whoosh_private as wp
from scoda_desktop.core.index.positions import position_gaps_in
from scoda_desktop.core.index.schema import ENTITY_FIELDS

K1, B = 1.2, 0.75  # BM25's parameters, of both engines (engine.py imports them)
TOP_ENTITIES = 20  # entity names per facet field, of both tables (facets.py imports it)
_ARRAYS = ("live", "words", "date_rank", "source", "year", "month", "ent_doc", "ent_code")
_MEMBERS = ("generation", "ids", "sources", "years", "months", "ent_types", "ent_names",
            *_ARRAYS[:6], "ent_dense", "ent_bits", "sp_starts", "sp_code", "fact_ends",
            "fact_blob", "fact_groups", "fact_pending", "fact_digest")


class _Masks:
    """A table's entities for counting (``DocTable.save``): each common entity ("dense":
    in at least 1/16 of the documents, once each) as a bit mask over doc numbers, counted
    in a hit set by one AND and ``bit_count``; the others' codes, document by document
    (``sp_code[sp_starts[d]:sp_starts[d + 1]]``), counted one by one. At 10,000 articles
    6,000 hits hold 150,000 entity codes: ~15 ms to count in Python, <1 ms as masks."""

    def __init__(self, dense: Sequence[int], bits: bytes, sp_starts: Sequence[int],
                 sp_code: Sequence[int], size: int) -> None:
        self.dense, self.bits, self.size = dense, bits, size
        self.sp_starts, self.sp_code = sp_starts, sp_code
        self.width = (size + 7) // 8

    def valid(self, names: int) -> bool:
        return len(self.bits) == len(self.dense) * self.width \
            and len(self.sp_starts) == self.size + 1 \
            and self.sp_starts[-1] == len(self.sp_code) \
            and all(0 <= c < names for c in self.dense)

    def counts(self, docnums: list[int]) -> dict[int, int]:
        """entity code -> its occurrences in the documents ``docnums`` (codes found only)."""
        starts, sp_code = self.sp_starts, self.sp_code
        codes: list[int] = []
        if len(sp_code):
            for d in docnums:
                codes += sp_code[starts[d]:starts[d + 1]]
        out: dict[int, int] = dict(Counter(codes))
        if self.dense and docnums:
            # the hit set as one integer, bit d for doc number d: '1's set at C speed in
            # a string of '0's, read in base 2 (its first character is the highest bit)
            flags = bytearray(b"0") * self.size
            any(map(flags.__setitem__, docnums, repeat(49)))  # 49: "1"
            hits, w, bits = int(flags[::-1], 2), self.width, self.bits
            for i, code in enumerate(self.dense):
                n = (int.from_bytes(bits[i * w:(i + 1) * w], "little") & hits).bit_count()
                if n:
                    out[code] = n
        return out


class TableDocs(Mapping[str, dict[str, Any]]):
    """doc id -> its catalog facts, from the table's copy (``DocTable.save``): each entry
    decoded when asked for (a search asks for its 20 hits', not the corpus's)."""

    def __init__(self, ids: Sequence[str | None], ends: Sequence[int], blob: bytes) -> None:
        if len(ids) != len(ends) or (len(ends) and ends[-1] != len(blob)):
            raise ValueError("the table's facts do not match its documents")
        self._ids, self._ends, self._blob = ids, ends, blob
        self._at: dict[str, int] | None = None  # doc id -> doc number, made when needed
        self._scans = 0

    def _docnum(self, doc_id: object) -> int | None:
        # a search asks for its hits' facts only: a scan of the ids (C speed) for each
        # costs less than the dict of every document, made for iteration or many look-ups
        self._scans += 1
        if self._at is None and self._scans > 64:
            self._index()
        if self._at is None:
            try:
                n = self._ids.index(doc_id)  # type: ignore[arg-type]
            except ValueError:
                return None
        else:
            n = self._at.get(doc_id)  # type: ignore[arg-type]
            if n is None:
                return None
        start = self._ends[n - 1] if n else 0
        return n if self._ends[n] > start else None  # no facts: not a live document

    def __getitem__(self, doc_id: str) -> dict[str, Any]:
        n = self._docnum(doc_id)
        if n is None:
            raise KeyError(doc_id)
        start = self._ends[n - 1] if n else 0
        return json.loads(self._blob[start:self._ends[n]].decode("utf-8", "surrogatepass"))

    def _index(self) -> dict[str, int]:
        if self._at is None:
            self._at = {}
            start = 0
            for n, (doc_id, end) in enumerate(zip(self._ids, self._ends, strict=True)):
                if doc_id is not None and end > start:
                    self._at[doc_id] = n
                start = end
        return self._at

    def __iter__(self) -> Iterator[str]:
        return iter(self._index())

    def __len__(self) -> int:
        return len(self._index())

    def __contains__(self, doc_id: object) -> bool:
        return self._docnum(doc_id) is not None


class TableFacts(NamedTuple):
    """What the table keeps of the catalog for a one-query process (``DocTable.save``)."""

    docs: TableDocs
    groups: list[list[str]]
    pending: int  # documents waiting for enrichment
    digest: str  # of the catalog file these were copied from


class LiteTable:
    """``facets.DocTable`` as lists: loaded from its file only (``None`` otherwise: the
    finder then builds a ``DocTable``, which needs the catalog's entities anyway).
    ``facts``: the catalog's facts saved with it, or None (a table saved without them)."""

    ids: Sequence[str | None]
    live: Sequence[bool]
    facts: TableFacts | None = None
    ent_starts: Sequence[int] | None = None
    masks: _Masks | None = None

    @classmethod
    def load(cls, path: Path, generation: int) -> LiteTable | None:
        from scoda_desktop.core.index.npyfile import read_npz

        try:
            # only what a query reads: the entity facets from their per-entity masks and
            # the rarer entities' codes (``DocTable.save``), not every document's codes
            data = read_npz(path, _MEMBERS)
            if int(data["generation"]) != generation:
                return None
            if "ent_bits" not in data:  # a table saved before the masks
                data.update(read_npz(path, ("ent_doc", "ent_code", "ent_starts")))
            table = cls()
            table.ids = data["ids"]  # npyfile.Strings: "" for a number with no document
            for name in _ARRAYS[:6]:
                setattr(table, name, data[name])
            table.sources, table.years = list(data["sources"]), list(data["years"])
            table.months = list(data["months"])
            table.ent_names = list(zip(data["ent_types"], data["ent_names"], strict=True))
            table.ent_doc, table.ent_code = data.get("ent_doc", ()), data.get("ent_code", ())
            table.ent_starts = data.get("ent_starts")  # None in tables saved before it
            table.masks = None
            if "ent_bits" in data:
                table.masks = _Masks(data["ent_dense"], data["ent_bits"], data["sp_starts"],
                                     data["sp_code"], len(table.ids))
            if "fact_blob" in data:
                table.facts = TableFacts(
                    TableDocs(table.ids, data["fact_ends"], data["fact_blob"]),
                    json.loads(data["fact_groups"].decode("utf-8", "surrogatepass")),
                    int(data["fact_pending"]), str(data["fact_digest"]))
        except (OSError, KeyError, ValueError, TypeError):
            return None
        table.size = len(table.ids)
        starts = table.ent_starts
        if any(len(getattr(table, n)) != table.size for n in _ARRAYS[:6]) \
                or len(table.ent_doc) != len(table.ent_code) or (starts is not None and (
                    len(starts) != table.size + 1 or starts[-1] != len(table.ent_doc))) \
                or (table.masks is not None and not table.masks.valid(len(table.ent_names))):
            return None
        return table

    def live_docnums(self) -> list[int]:
        return list(compress(range(self.size), self.live))

    def newest_first(self, docnums: list[int]) -> list[int]:
        """``docnums`` ordered by date, newest first (undated last), stable by doc number."""
        rank = self.date_rank
        return sorted(docnums, key=lambda d: (-rank[d], d))

    def facets(self, docnums: list[int]) -> dict[str, dict[str, int]]:
        """What ``DocTable.facets`` counts, in the same order."""
        out: dict[str, dict[str, int]] = {}
        for name, codes, labels in (("source", self.source, self.sources),
                                    ("year", self.year, self.years),
                                    ("month", self.month, self.months)):
            counts = Counter(map(codes.__getitem__, docnums))
            counts.pop(-1, None)  # no source / no date
            pairs = sorted(((n, labels[c]) for c, n in counts.items()),
                           key=lambda p: (-p[0], p[1]))
            out[name] = {label: n for n, label in pairs}
        for fname in ENTITY_FIELDS.values():
            out[fname] = {}
        if self.masks is not None:
            counts: dict[int, int] = self.masks.counts(docnums)
        elif len(self.ent_doc):
            # ent_doc is in doc number order (DocTable builds it so): each document's entity
            # codes are one slice, from the saved starts (or found by bisection)
            ent_doc, ent_code, starts, codes = self.ent_doc, self.ent_code, self.ent_starts, []
            if starts is not None:
                for d in docnums:
                    codes += ent_code[starts[d]:starts[d + 1]]
            else:
                lo = 0
                for d in docnums:
                    a = bisect_left(ent_doc, d, lo)
                    lo = bisect_left(ent_doc, d + 1, a)
                    codes += ent_code[a:lo]
            counts = Counter(codes)
        else:
            counts = {}
        taken: dict[str, int] = {}
        for code in sorted(counts, key=lambda c: (-counts[c], c)):
            etype, canonical = self.ent_names[code]
            fname = ENTITY_FIELDS.get(etype)
            if fname and taken.get(fname, 0) < TOP_ENTITIES:
                out[fname][canonical] = counts[code]
                taken[fname] = taken.get(fname, 0) + 1
        return out


def _and(a: list[int], b: list[int]) -> list[int]:
    if len(a) > len(b):
        a, b = b, a
    return sorted(set(a).intersection(b))


def _union(parts: list[list[int]]) -> list[int]:
    return sorted(set().union(*parts)) if parts else []


class LiteEngine:
    """``engine.Engine`` over lists: ``docs`` gives sorted doc numbers, ``rank`` the best
    ``limit`` by BM25 (ties: lower doc number) with their scores."""

    def __init__(self, searcher: Any, live: Sequence[bool], doc_len: Sequence[int]) -> None:
        self.searcher = searcher
        self.live = live
        self.all_live = all(live)
        self.n = sum(live)
        self.words = doc_len  # a document's length is max(words, 1), as a float
        # whole numbers, so the sum is exact, as numpy's mean's is; a length 0 counts as 1
        lens = list(compress(doc_len, live))
        self.avg_len = (sum(lens) + lens.count(0)) / self.n if self.n else 1.0
        self.subs = searcher.subsearchers if searcher.subsearchers else [(searcher, 0)]
        self._cache: dict[tuple[str, bytes], tuple[list[int], list[float]]] = {}

    def postings(self, field: str, btext: bytes) -> tuple[list[int], list[float]]:
        """Live doc numbers (sorted) and weights of one term."""
        key = (field, btext)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        ids: list[int] = []
        weights: list[float] = []
        for sub, offset in self.subs:
            m = _matcher(sub.reader(), field, btext)
            if m is None:
                continue
            blocks = wp.weight_blocks(m)
            if blocks is not None:
                for block_ids, block_weights in blocks:
                    ids.extend([d + offset for d in block_ids] if offset else block_ids)
                    weights.extend(block_weights)
            else:
                leaf = getattr(m, "child", m)  # unwrap the deleted-documents filter
                while leaf.is_active():
                    ids.append(leaf.id() + offset)
                    weights.append(leaf.weight())
                    leaf.next()
        if not self.all_live and ids:
            keep = list(map(self.live.__getitem__, ids))
            ids, weights = list(compress(ids, keep)), list(compress(weights, keep))
        self._cache[key] = (ids, weights)
        return ids, weights

    def positions(self, field: str, btext: bytes, docnums: list[int]
                  ) -> list[tuple[int, list[int]]]:
        """(doc number, its positions) of a term in the given documents, in doc order."""
        docs, gaps = position_gaps_in(self.subs, field, btext, set(docnums))
        return list(zip(docs, map(list, map(accumulate, gaps)), strict=True))

    def docs(self, q: wq.Query) -> list[int]:
        """Sorted live doc numbers matching ``q`` (Whoosh semantics, as ``Engine.docs``)."""
        if isinstance(q, wq.Term):
            return self.postings(q.fieldname, _bytes(self.searcher, q.fieldname, q.text))[0]
        if isinstance(q, wq.Every):
            return list(compress(range(len(self.live)), self.live))
        if q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
            return []
        if isinstance(q, wq.AndNot):
            drop = set(self.docs(q.b))
            return [d for d in self.docs(q.a) if d not in drop]
        if isinstance(q, wq.And):
            parts = sorted((self.docs(s) for s in q.subqueries), key=len)
            out = parts[0] if parts else []
            for p in parts[1:]:
                if not out:
                    break
                out = _and(out, p)
            return out
        if isinstance(q, wq.Or):
            return _union([self.docs(s) for s in q.subqueries])
        if isinstance(q, wq.Phrase):
            return self._phrase(q)
        if isinstance(q, wq.MultiTerm):  # prefix, wildcard, range on keyword fields
            reader = self.searcher.reader()
            return _union([self.postings(q.fieldname, bt)[0]
                           for bt in wp.multiterm_terms(q, reader)])
        found = sorted(self.searcher.docs_for_query(q))
        return [d for d in found if self.live[d]]

    def _phrase(self, q: wq.Phrase) -> list[int]:
        btexts = [_bytes(self.searcher, q.fieldname, w) for w in q.words]
        cands: list[int] | None = None
        for bt in btexts:
            ids = self.postings(q.fieldname, bt)[0]
            cands = ids if cands is None else _and(cands, ids)
            if not cands:
                return []
        if cands is None or len(btexts) == 1:
            return cands or []
        # each candidate holds every word: word i's positions, less i, meet the first's
        # (a phrase start) in a set per document; the shifts run at C speed (map)
        words = [self.positions(q.fieldname, bt, cands) for bt in btexts]
        if any([d for d, _ in w] != cands for w in words):  # a reader that skipped one
            return self._phrase_pairs(words)
        found = []
        for n, d in enumerate(cands):
            starts = set(words[0][n][1])
            for i in range(1, len(words)):
                starts.intersection_update(map((-i).__add__, words[i][n][1]))
                if not starts:
                    break
            if starts:
                found.append(d)
        return found

    @staticmethod
    def _phrase_pairs(words: list[list[tuple[int, list[int]]]]) -> list[int]:
        """The same, for position lists that do not line up document by document."""
        starts: set[tuple[int, int]] | None = None  # (doc, start): word i at start + i
        for i, positions in enumerate(words):
            here = {(d, p - i) for d, pos in positions for p in pos if p >= i}
            starts = here if starts is None else starts & here
            if not starts:
                return []
        return sorted({d for d, _ in starts or ()})

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

    def rank(self, q: wq.Query, docnums: list[int], limit: int | None
             ) -> tuple[list[int], list[float]]:
        """The best ``limit`` of ``docnums`` by BM25 (ties: lower doc number), and scores:
        ``Engine.rank``'s arithmetic, term by term in the same order, per document."""
        scores: dict[int, float] = {}
        get = scores.get
        k1p1, avg, words, omb = K1 + 1, self.avg_len, self.words, 1 - B
        for field, bt in self.scored_terms(q):
            ids, weights = self.postings(field, bt)
            if not ids:
                continue
            idf = math.log(1.0 + (self.n - len(ids) + 0.5) / (len(ids) + 0.5))
            if field == "body":  # the same expression as before, grouped as Python does
                lens = [float(x or 1) for x in map(words.__getitem__, ids)]
                adds = [idf * w * k1p1 / (w + K1 * (omb + B * n / avg))
                        for w, n in zip(weights, lens, strict=True)]
            else:  # short fields (title, source) get no length normalisation
                adds = [idf * w * k1p1 / (w + K1) for w in weights]
            if not scores:  # 0.0 + x is x: the first term's scores as they come
                scores.update(zip(ids, adds, strict=True))
            else:
                for d, a in zip(ids, adds, strict=True):
                    scores[d] = get(d, 0.0) + a
        # best first, ties by lower doc number: (-score, doc) pairs compare in C
        keyed = zip(map(float.__neg__, map(get, docnums, repeat(0.0))), docnums, strict=False)
        top = [d for _, d in (sorted(keyed) if limit is None else
                              heapq.nsmallest(limit, keyed))]
        return top, [get(d, 0.0) for d in top]


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
