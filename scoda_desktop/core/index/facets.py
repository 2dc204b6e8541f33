"""Per-document arrays for facets and date order, built once per opened searcher.

Counting facets by reading each hit's stored fields would cost milliseconds per thousand hits;
with the catalog's facts laid out as numpy arrays indexed by Whoosh document number, the
counts for any hit set are a few ``bincount`` calls, and "newest first" is one ``lexsort``.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

from scoda_desktop.core.fileio import atomic_write
from scoda_desktop.core.index.lite import TOP_ENTITIES  # the same top for both tables
from scoda_desktop.core.index.schema import ENTITY_FIELDS

DENSE_SHARE = 16  # an entity in 1/16 of the documents is counted as a bit mask (_masks)


def _codes(values: list[Any]) -> tuple[np.ndarray, list[Any]]:
    names = sorted({v for v in values if v is not None})
    index = {v: i for i, v in enumerate(names)}
    return np.array([index.get(v, -1) for v in values], dtype=np.int64), names


def _dumps(obj: Any) -> bytes:
    # paths that are not valid UTF-8 arrive as lone surrogates: kept (as the catalog does)
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8", "surrogatepass")


def _facts_arrays(ids: list[str | None], facts: dict[str, Any]) -> dict[str, np.ndarray]:
    """Each document number's catalog facts as JSON in one byte run (``fact_ends``:
    where each ends; empty for a number with no document), and the groups, pending count
    and catalog digest beside them (read back by ``lite.LiteTable``)."""
    docs = facts["docs"]
    entries = [_dumps(docs[i]) if i is not None and i in docs else b"" for i in ids]
    lens = np.fromiter(map(len, entries), dtype=np.int64, count=len(entries))
    return {"fact_ends": np.cumsum(lens),
            "fact_blob": np.frombuffer(b"".join(entries), dtype=np.uint8),
            "fact_groups": np.frombuffer(_dumps(facts["groups"]), dtype=np.uint8),
            "fact_pending": np.array(int(facts["pending"]), dtype=np.int64),
            "fact_digest": np.array(str(facts["catalog_digest"]), dtype=str)}


class DocTable:
    """Facts of every document number of one searcher (deleted numbers are not live)."""

    def __init__(self, ids: list[str | None], docs: dict[str, dict] | None = None,
                 entities: dict[str, tuple] | None = None) -> None:
        self.ids = ids
        if docs is None or entities is None:
            return  # filled by load()
        n = len(ids)
        infos = [docs.get(i) if i is not None else None for i in ids]
        self.live = np.array([info is not None for info in infos], dtype=bool)
        self.words = np.array([(info or {}).get("words") or 0 for info in infos],
                              dtype=np.int64)
        dates = [(info or {}).get("date") or "" for info in infos]
        order = {d: r for r, d in enumerate(sorted(set(dates)))}
        self.date_rank = np.array([order[d] for d in dates], dtype=np.int64)
        self.source, self.sources = _codes([(info or {}).get("source") for info in infos])
        self.year, self.years = _codes([(d[:4] or None) for d in dates])
        # months drive "documents over time": counted over every match, not a page of hits
        self.month, self.months = _codes([d[:7] if len(d) >= 7 else None for d in dates])
        ent_doc: list[int] = []
        ent_code: list[int] = []
        codes: dict[tuple[str, str], int] = {}
        for docnum, doc_id in enumerate(ids):
            if doc_id is None or not self.live[docnum]:
                continue
            for key in entities.get(doc_id, ((), ()))[0]:
                code = codes.get(key)
                if code is None:
                    code = codes[key] = len(codes)
                ent_doc.append(docnum)
                ent_code.append(code)
        self.ent_doc = np.array(ent_doc, dtype=np.int64)
        self.ent_code = np.array(ent_code, dtype=np.int64)
        self.ent_names = list(codes)
        self.size = n

    _ARRAYS = ("live", "words", "date_rank", "source", "year", "month", "ent_doc", "ent_code")

    def save(self, path: Path, generation: int, facts: dict[str, Any] | None = None) -> None:
        """Written by the sync after its commit, so a new process's first query loads
        arrays instead of rebuilding them from every document's entities.

        ``facts`` (from the store): ``docs`` (doc id -> its catalog facts), ``groups``,
        ``pending`` and ``catalog_digest`` (of the catalog file those come from). Saved
        with the table so that a one-query process reads the 20 hits' facts here instead
        of parsing the whole catalog (``lite.LiteTable.facts``), while the digest says the
        catalog is still the one they were copied from."""
        arrays = {name: getattr(self, name) for name in self._ARRAYS}
        # 4 bytes a code are plenty (half the file's bytes were these two, as int64)
        arrays["ent_doc"] = self.ent_doc.astype(np.int32)
        arrays["ent_code"] = self.ent_code.astype(np.int32)
        arrays.update(self._masks())
        if facts is not None:
            arrays.update(_facts_arrays(self.ids, facts))
        buf = io.BytesIO()
        np.savez(buf, generation=np.array(generation),
                 ids=np.array([i or "" for i in self.ids], dtype=str),
                 sources=np.array(self.sources, dtype=str),
                 years=np.array(self.years, dtype=str),
                 months=np.array(self.months, dtype=str),
                 ent_types=np.array([t for t, _ in self.ent_names], dtype=str),
                 ent_names=np.array([n for _, n in self.ent_names], dtype=str), **arrays)
        atomic_write(path, buf.getvalue())

    def _masks(self, share: int | None = None) -> dict[str, np.ndarray]:
        """The entities as a one-query process counts them (``lite._Masks``): each entity
        in at least 1/``share`` of the document numbers (and once in each) as a bit mask
        over them, little-endian bit order, one after the other (``ent_bits``, codes in
        ``ent_dense``); the other entities' codes document by document (``sp_code``,
        ``sp_starts``: where each document number's start). The masks take at most
        ``share / 8`` bytes an occurrence, so never more than the codes they replace."""
        share = share or DENSE_SHARE
        ent_doc, ent_code, n = self.ent_doc, self.ent_code, len(self.ent_names)
        pair = np.unique(ent_doc * max(n, 1) + ent_code, return_counts=True)
        docs_of = np.bincount(pair[0] % max(n, 1), minlength=n)  # distinct documents
        repeated = np.zeros(n, dtype=bool)
        repeated[pair[0][pair[1] > 1] % max(n, 1)] = True  # counted by occurrence
        dense = np.flatnonzero((docs_of * share >= self.size) & (docs_of > 0) & ~repeated)
        row = np.full(n, -1, dtype=np.int64)
        row[dense] = np.arange(len(dense))
        is_dense = row[ent_code] >= 0 if len(ent_code) else np.zeros(0, dtype=bool)
        grid = np.zeros((len(dense), self.size), dtype=bool)
        grid[row[ent_code[is_dense]], ent_doc[is_dense]] = True
        sparse_doc = ent_doc[~is_dense]
        return {"ent_dense": dense.astype(np.int32),
                "ent_bits": np.packbits(grid, axis=1, bitorder="little").reshape(-1),
                "sp_starts": np.searchsorted(sparse_doc, np.arange(self.size + 1)
                                             ).astype(np.int32),
                "sp_code": ent_code[~is_dense].astype(np.int32)}

    @classmethod
    def load(cls, path: Path, generation: int) -> DocTable | None:
        try:
            with np.load(path, allow_pickle=False) as data:
                if int(data["generation"]) != generation:
                    return None
                table = cls([i or None for i in data["ids"].tolist()])
                for name in cls._ARRAYS:
                    setattr(table, name, data[name])
                table.sources = data["sources"].tolist()
                table.years = data["years"].tolist()
                table.months = data["months"].tolist()
                table.ent_names = list(zip(data["ent_types"].tolist(),
                                           data["ent_names"].tolist(), strict=True))
        except (OSError, KeyError, ValueError, zipfile.BadZipFile):  # a damaged file: rebuild
            return None
        table.size = len(table.ids)
        return table

    def live_docnums(self) -> np.ndarray:
        return np.flatnonzero(self.live)

    def newest_first(self, docnums: np.ndarray) -> np.ndarray:
        """``docnums`` ordered by date, newest first (undated last), stable by doc number."""
        return docnums[np.lexsort((docnums, -self.date_rank[docnums]))]

    def facets(self, docnums: np.ndarray) -> dict[str, dict[str, int]]:
        """Counts by source, year, month ("2024-07") and entity (per type field name, top
        names only)."""
        out: dict[str, dict[str, int]] = {}
        for name, codes, labels in (("source", self.source, self.sources),
                                    ("year", self.year, self.years),
                                    ("month", self.month, self.months)):
            sel = codes[docnums]
            counts = np.bincount(sel[sel >= 0], minlength=len(labels))
            pairs = sorted(((int(c), labels[i]) for i, c in enumerate(counts) if c),
                           key=lambda p: (-p[0], p[1]))
            out[name] = {label: c for c, label in pairs}
        for fname in ENTITY_FIELDS.values():
            out[fname] = {}
        if len(self.ent_doc):
            mask = np.zeros(self.size, dtype=bool)
            mask[docnums] = True
            sel = self.ent_code[mask[self.ent_doc]]
            counts = np.bincount(sel, minlength=len(self.ent_names))
            top = np.argsort(-counts, kind="stable")
            taken: dict[str, int] = {}
            for code in top:
                c = int(counts[code])
                if not c:
                    break
                etype, canonical = self.ent_names[code]
                fname = ENTITY_FIELDS.get(etype)
                if fname and taken.get(fname, 0) < TOP_ENTITIES:
                    out[fname][canonical] = c
                    taken[fname] = taken.get(fname, 0) + 1
        return out
