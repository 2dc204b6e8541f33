"""The one writer, tuned for pre-analysed documents.

Where stock Whoosh spends a bulk import (profiled on 1,000 synthetic articles): a per-posting
``PostingPool.add`` with size bookkeeping, a global sort of every posting tuple at commit,
and a per-posting read of the field length from the new segment's column. ``FastWriter``
keeps postings grouped by term as documents arrive (so they are already in doc order and
only the distinct terms are sorted), and reads each field's lengths once into a list.
The segment format is Whoosh's own, so reading and merging are unchanged. The Whoosh
internals this needs are in ``whoosh_private.py``.
"""

from __future__ import annotations

from array import array
from typing import Any

from scoda_desktop.core.index import whoosh_private as wp
from scoda_desktop.core.index.schema import Preanalyzed


class GroupingPool:
    """Postings per field as flat arrays, grouped by term only when the segment is written.

    A document's postings are appended in bulk (its term ids, doc number, weights, and its
    encoded positions as one bytes run): no Python object per posting is kept, about 20
    bytes a posting, so a 10,000-article import holds ~100 MB here instead of most of a
    gigabyte of tuples. At flush a stable sort on the term's rank gives (term, doc) order,
    since documents arrive in doc-number order (merged segments too: ``add_reader`` adds
    their documents after this writer's own).
    """

    def __init__(self) -> None:
        self.fields: dict[str, _FieldPostings] = {}

    @property
    def fieldnames(self) -> set[str]:
        return set(self.fields)

    def _field(self, name: str) -> _FieldPostings:
        fp = self.fields.get(name)
        if fp is None:
            fp = self.fields[name] = _FieldPostings()
        return fp

    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        """One posting (Whoosh's ``add_reader``, when a commit merges segments, and text
        given unanalysed). Postings read back from a segment carry ``None`` for a field
        without values (keyword fields): the empty value, as our own keyword postings."""
        self._field(item[0]).extend(item[2], [item[1]], [item[3]], [item[4] or b""])

    def add_field(self, fieldname: str, docnum: int, items: Preanalyzed) -> int:
        """Add one field's pre-analysed postings; returns the field length (sum of freqs)."""
        if not items:
            return 0
        self._field(fieldname).extend_packed(docnum, items)
        return items.length()

    def iter_postings(self):
        """Every posting in (field, term, doc) order; each field freed once written."""
        for fieldname in sorted(self.fields):
            yield from self.fields.pop(fieldname).iter_sorted(fieldname)

    def cleanup(self) -> None:
        self.fields = {}


class _FieldPostings:
    __slots__ = ("tid", "tids", "docs", "weights", "lens", "values")

    def __init__(self) -> None:
        self.tid: dict[bytes, int] = {}  # term -> id, in order of first appearance
        self.tids = array("i")
        self.docs = array("i")
        # float32, as Whoosh's posting blocks store weights: lossless for what reaches here
        # (frequencies times a field boost, or weights read back from a segment), and half
        # the memory of float64 (~14 MB at the second commit of 10,000 articles)
        self.weights = array("f")
        self.lens = array("I")
        self.values = bytearray()

    def extend(self, docnum: int, terms, weights, values) -> None:
        tid = self.tid
        setdefault = tid.setdefault
        self.tids.extend([setdefault(t, len(tid)) for t in terms])
        self.docs.extend(array("i", (docnum,)) * len(terms))
        self.weights.extend(weights)
        self.lens.extend(map(len, values))
        self.values += b"".join(values)

    def extend_packed(self, docnum: int, items: Preanalyzed) -> None:
        """``extend`` for a packed field: the arrays appended as they are, and only the
        terms this field has not seen get an id (a set difference, not a loop)."""
        tid, terms = self.tid, items.terms
        new = set(terms).difference(tid)
        if new:  # ids are only keys: iter_terms ranks terms by their sorted order
            tid.update(zip(new, range(len(tid), len(tid) + len(new)), strict=True))
        self.tids.extend(map(tid.__getitem__, terms))
        self.docs.extend(array("i", (docnum,)) * len(terms))
        self.weights.extend(items.weights)
        self.lens.extend(items.lens)
        self.values += items.values

    def iter_terms(self, field_lengths: Any = None):
        """``(term, docs, weights, values, lengths)`` per term, in term order, as lists (docs
        in doc order; ``values`` the encoded values; ``lengths`` each document's field length
        from ``field_lengths``, an array indexed by doc number whose last entry is the
        length of any later document, or None without it). Temporaries kept narrow (int32
        keys, no array of starts): at 10,000 articles the body field has ~4 million
        postings. The postings are gathered and made lists ``_CHUNK`` at a time, not a term
        at a time: a few numpy calls per term were most of the commit's per-term cost."""
        import numpy as np

        terms = sorted(self.tid)
        rank = np.empty(len(terms), dtype=np.int32)
        rank[[self.tid[t] for t in terms]] = np.arange(len(terms), dtype=np.int32)
        self.tid = {}
        keys = rank[np.frombuffer(self.tids, dtype=np.int32)]
        self.tids = array("i")
        counts = np.bincount(keys, minlength=len(terms)).tolist()
        order = np.argsort(keys, kind="stable")
        del keys
        if len(order) < 2**31:  # int32 positions: half the memory of argsort's int64
            order = order.astype(np.int32)
        docs = np.frombuffer(self.docs, dtype=np.int32)
        weights = np.frombuffer(self.weights, dtype=np.float32)
        lens = np.frombuffer(self.lens, dtype=np.uint32)
        ends = np.cumsum(lens, dtype=np.uint32 if len(self.values) < 2**32 else np.int64)
        # one bytes copy of the run, the bytearray dropped at once (so the run is held twice
        # only for the copy): a slice of bytes is the value itself, where a memoryview's
        # slice had to be copied again (per posting, the commit's biggest Python cost)
        values, self.values = bytes(self.values), bytearray()
        pos, first = 0, 0
        while first < len(terms):
            last, size = first, 0  # terms [first, last) hold the next chunk's postings
            while last < len(terms) and (size == 0 or size + counts[last] <= _CHUNK):
                size += counts[last]
                last += 1
            idx = order[pos : pos + size]
            pos += size
            chunk_docs = docs[idx]
            e = ends[idx]
            d, w = chunk_docs.tolist(), weights[idx].tolist()
            v = [values[i:j] for i, j in zip((e - lens[idx]).tolist(), e.tolist(), strict=True)]
            n = None
            if field_lengths is not None:
                n = field_lengths[np.minimum(chunk_docs, len(field_lengths) - 1)].tolist()
            at = 0
            for k in range(first, last):
                c = counts[k]
                yield (terms[k], d[at : at + c], w[at : at + c], v[at : at + c],
                       None if n is None else n[at : at + c])
                at += c
            first = last

    def iter_sorted(self, fieldname: str):
        """This field's postings by (term, doc), as Whoosh's ``add_postings`` takes them."""
        for term, docs, weights, values, _ in self.iter_terms():
            for d, w, v in zip(docs, weights, values, strict=True):
                yield fieldname, term, d, w, v


_CHUNK = 1 << 14  # postings gathered at once by iter_terms (~2 MB of lists)


class _Lengths:
    """``doc_field_length`` from lists read once per field, not once per posting."""

    def __init__(self, reader: Any, doccount: int) -> None:
        self.reader = reader
        self.doccount = doccount
        self.cache: dict[str, list[int]] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        values = self.cache.get(fieldname)
        if values is None:
            values = self.cache[fieldname] = self._read(fieldname, default)
        return values[docnum] if docnum < len(values) else default

    def _read(self, fieldname: str, default: int) -> list[int]:
        """The field's lengths, its length column read once when the reader allows it."""
        values = wp.read_length_column(self.reader, fieldname, self.doccount, default)
        if values is not None:
            return values
        dfl = self.reader.doc_field_length
        return [dfl(d, fieldname, default) for d in range(self.doccount)]


STORED = "_stored"  # add_document's key for a document's finished stored record


def pack_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """``add_document`` arguments made ready in a worker process, so the main process only
    files them: the stored values become one finished record (``whoosh_private.
    stored_record``: the values ``FastWriter`` would store, a field's ``_stored_<name>``
    value, else its value, in its order); a plain value of an indexed field without a
    column (``date``, ``year``, ``language``) becomes its ``Preanalyzed`` postings, the
    field's own ``index()`` run here; fields that are only stored (``doc``) leave."""
    schema = _schema()
    out: dict[str, Any] = {}
    stored: dict[str, Any] = {}
    for name in sorted(n for n in fields if not n.startswith("_")):
        value = fields[name]
        if value is None:
            continue
        field = schema[name]
        custom = fields.get(f"_stored_{name}", value)
        if field.stored and custom is not None:
            stored[name] = custom
        if field.indexed and not field.column_type and isinstance(value, str):
            out[name] = Preanalyzed((t, f, w, v or b"") for t, f, w, v in field.index(value))
        elif field.indexed or field.column_type:
            out[name] = value
    if stored:
        out[STORED] = wp.stored_record(stored)
    return out


def unpack_stored(fields: dict[str, Any]) -> dict[str, Any]:
    """``pack_fields``'s stored record back as Whoosh's ``add_document`` takes it."""
    if STORED not in fields:
        return fields
    out = {k: v for k, v in fields.items() if k != STORED}
    for name, value in wp.stored_values(fields[STORED]).items():
        out[f"_stored_{name}" if name in out else name] = value
    return out


_SCHEMA: list[Any] = []


def _schema() -> Any:
    if not _SCHEMA:
        from scoda_desktop.core.index.schema import make_schema

        _SCHEMA.append(make_schema())
    return _SCHEMA[0]


class FastWriter(wp.HookedSegmentWriter):
    """A SegmentWriter whose ``add_document`` files ``Preanalyzed`` values in bulk (and a
    ``pack_fields`` stored record as it is)."""

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        self.pool = GroupingPool()
        self._leaves: list[tuple[Any, int]] | None = None

    def delete_unique(self, fieldname: str, text: str) -> None:
        """``delete_by_term`` for a field that names one document (``id``): the term's
        postings read from each committed segment's reader (found once per writer), not
        a ``Term`` query run through a searcher per call (the second phase deletes every
        document it enriches: 0.13 -> 0.07 ms a document)."""
        from whoosh.reading import TermNotFound

        if self._leaves is None:
            self._leaves = list(self.searcher().reader().leaf_readers())
        for leaf, offset in self._leaves:
            try:
                docnums = leaf.postings(fieldname, text).all_ids()
            except TermNotFound:
                continue
            for docnum in docnums:
                self.delete_document(docnum + offset)

    def add_document(self, **fields: Any) -> None:
        if not any(isinstance(v, Preanalyzed) for v in fields.values()):
            return super().add_document(**unpack_stored(fields))
        self.check_open()
        schema, pdw, docnum, pool = self.schema, self.perdocwriter, self.docnum, self.pool
        record = fields.get(STORED)
        names = sorted(n for n in fields if not n.startswith("_"))
        self.check_fields(schema, names)
        pdw.start_doc(docnum)
        try:
            for name in names:
                value = fields[name]
                if value is None:
                    continue
                field = schema[name]
                length = 0
                if field.indexed:
                    if isinstance(value, Preanalyzed):
                        length = pool.add_field(name, docnum, value)
                    else:
                        for tbytes, freq, weight, vbytes in field.index(value):
                            length += freq
                            pool.add((name, tbytes, docnum, weight, vbytes))
                    if not field.scorable:
                        length = 0
                custom = fields.get(f"_stored_{name}", value)
                store = field.stored and record is None
                pdw.add_field(name, field, custom if store else None, length)
                if field.column_type and custom is not None:
                    pdw.add_column_value(name, field.column_type, field.to_column_value(custom))
            if record is not None and not wp.add_stored_record(pdw, record):
                for name, value in wp.stored_values(record).items():
                    pdw.add_field(name, schema[name], value, 0)
        except Exception:
            pdw.cancel_doc()
            raise
        pdw.finish_doc()
        self.mark_added()
        self.docnum += 1

    def flush_segment(self) -> None:
        self.perdocwriter.close()
        pdr = self.per_document_reader() if self.codec.length_stats else None
        lengths = _Lengths(pdr, self.docnum) if pdr is not None else None
        if wp.bulk_writable(self.fieldwriter):
            _write_postings_bulk(self.fieldwriter, self.schema, lengths, self.pool)
        else:
            self.fieldwriter.add_postings(self.schema, lengths, self.pool.iter_postings())
        self.fieldwriter.close()
        if pdr is not None:
            pdr.close()


def _write_postings_bulk(fw: Any, schema: Any, lengths: _Lengths | None,
                         pool: GroupingPool) -> None:
    """What ``FieldWriter.add_postings`` does with the pool's postings, a block at a time
    (``whoosh_private.PostingBlocks`` says why and how the segment stays the same)."""
    import numpy as np

    for fieldname in sorted(pool.fields):
        fp = pool.fields.pop(fieldname)
        fw.start_field(fieldname, schema[fieldname])
        field_lengths = None
        if lengths is not None:
            lengths.doc_field_length(0, fieldname)  # fills the cache for this field
            field_lengths = np.array([n or 0 for n in lengths.cache[fieldname]] + [0],
                                     dtype=np.int64)  # None (no length) counts as 0
        for term, ids, ws, vals, lens in fp.iter_terms(field_lengths):
            fw.start_term(term)
            blocks = wp.PostingBlocks(fw)
            limit = blocks.limit
            for s in range(0, len(ids), limit):
                if s:
                    blocks.write_full_block()  # a full block, and more postings follow
                blocks.append(ids[s : s + limit], ws[s : s + limit], vals[s : s + limit],
                              None if lens is None else lens[s : s + limit])
            fw.finish_term()
        fw.finish_field()
