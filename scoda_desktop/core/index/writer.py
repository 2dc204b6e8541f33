"""The one writer, tuned for pre-analysed documents.

Where stock Whoosh spends a bulk import (profiled on 1,000 synthetic articles): a per-posting
``PostingPool.add`` with size bookkeeping, a global sort of every posting tuple at commit,
and a per-posting read of the field length from the new segment's column. ``FastWriter``
keeps postings grouped by term as documents arrive (so they are already in doc order and
only the distinct terms are sorted), and reads each field's lengths once into a list.
The segment format is Whoosh's own, so reading and merging are unchanged.
"""

from __future__ import annotations

from array import array
from typing import Any

from whoosh.writing import SegmentWriter

from scoda_desktop.core.index.schema import Preanalyzed


class GroupingPool:
    """Postings by (field, term), each in document order; no external sort.

    Compact: a term's postings are four flat arrays (doc numbers, weights, the encoded
    positions concatenated, and where each one ends), about 20 bytes a posting instead of
    ~140 for a tuple of Python objects, so a 10,000-article import holds ~100 MB here, not
    most of a gigabyte.
    """

    def __init__(self) -> None:
        self.postings: dict[tuple[str, bytes], _Plist] = {}
        self.fieldnames: set[str] = set()

    def add(self, item: tuple[str, bytes, int, float, bytes]) -> None:
        key = (item[0], item[1])
        plist = self.postings.get(key)
        if plist is None:
            self.postings[key] = plist = _Plist()
            self.fieldnames.add(item[0])
        plist.add(item[2], item[3], item[4])

    def add_field(self, fieldname: str, docnum: int, items: Preanalyzed) -> int:
        """Add one field's pre-analysed postings; returns the field length (sum of freqs)."""
        postings = self.postings
        length = 0
        for tbytes, freq, weight, vbytes in items:
            key = (fieldname, tbytes)
            plist = postings.get(key)
            if plist is None:
                postings[key] = plist = _Plist()
            plist.docs.append(docnum)
            plist.weights.append(weight)
            values = plist.values
            values += vbytes
            plist.ends.append(len(values))
            length += freq
        self.fieldnames.add(fieldname)
        return length

    def iter_postings(self):
        """Every posting in (field, term, doc) order; each term is freed once written."""
        postings = self.postings
        for key in sorted(postings):
            fieldname, tbytes = key
            plist = postings.pop(key)
            values = bytes(plist.values)
            start = 0
            for docnum, weight, end in zip(plist.docs, plist.weights, plist.ends, strict=True):
                yield fieldname, tbytes, docnum, weight, values[start:end]
                start = end

    def cleanup(self) -> None:
        self.postings = {}


class _Plist:
    __slots__ = ("docs", "weights", "values", "ends")

    def __init__(self) -> None:
        self.docs = array("i")
        self.weights = array("d")
        self.values = bytearray()
        self.ends = array("I")

    def add(self, docnum: int, weight: float, vbytes: bytes) -> None:
        self.docs.append(docnum)
        self.weights.append(weight)
        self.values += vbytes
        self.ends.append(len(self.values))


class _Lengths:
    """``doc_field_length`` from lists read once per field, not once per posting."""

    def __init__(self, reader: Any, doccount: int) -> None:
        self.reader = reader
        self.doccount = doccount
        self.cache: dict[str, list[int]] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        values = self.cache.get(fieldname)
        if values is None:
            dfl = self.reader.doc_field_length
            values = [dfl(d, fieldname, default) for d in range(self.doccount)]
            self.cache[fieldname] = values
        return values[docnum] if docnum < len(values) else default


class FastWriter(SegmentWriter):
    """A SegmentWriter whose ``add_document`` files ``Preanalyzed`` values in bulk."""

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        self.pool = GroupingPool()

    def add_document(self, **fields: Any) -> None:
        if not any(isinstance(v, Preanalyzed) for v in fields.values()):
            return super().add_document(**fields)
        self._check_state()
        schema, pdw, docnum, pool = self.schema, self.perdocwriter, self.docnum, self.pool
        names = sorted(n for n in fields if not n.startswith("_"))
        self._check_fields(schema, names)
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
                pdw.add_field(name, field, custom if field.stored else None, length)
                if field.column_type and custom is not None:
                    pdw.add_column_value(name, field.column_type, field.to_column_value(custom))
        except Exception:
            pdw.cancel_doc()
            raise
        pdw.finish_doc()
        self._added = True
        self.docnum += 1

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        pdr = self.per_document_reader() if self.codec.length_stats else None
        lengths = _Lengths(pdr, self.docnum) if pdr is not None else None
        self.fieldwriter.add_postings(self.schema, lengths, self.pool.iter_postings())
        self.fieldwriter.close()
        if pdr is not None:
            pdr.close()
