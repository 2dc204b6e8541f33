"""IndexService: the Whoosh index of one folder, for reading (search) and for the one writer.

A long-lived searcher, its ``DocTable`` (facets, date order) and ``Vocab`` are built on first
use and kept until ``reopen()`` after a sync. ``search`` never raises for bad query text.
The total is exact: it counts every matching document number (``docs_for_query``), not the
collector's estimate, and the hits come from a top-N BM25F search that may skip blocks.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from pathlib import Path
from typing import Any

import numpy as np

from scoda_desktop.core.documents import Document, Entity, Hit, Metric, Removed, SearchResult
from scoda_desktop.core.index.catalog import META, Catalog, read_meta
from scoda_desktop.core.index.schema import SCHEMA_VERSION, make_schema

WRITER_LIMIT_MB = 256
TABLE = "table.npz"
FILES = "files.json"  # the Whoosh files of the committed generation and their sizes
_UNCHECKED = object()


class IndexService:
    """The index in ``folder`` (Whoosh segments plus the catalog sidecars)."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._ix: Any = None
        self._searcher: Any = None
        self._catalog: Catalog | None = None
        self._table: Any = None
        self._vocab: Any = None
        self._engine: Any = None
        self._problem: object = _UNCHECKED
        self._writer: Any = None

    # -- state ---------------------------------------------------------------------------
    def usable(self) -> bool:
        """An index of this schema version, intact, with a catalog that matches it."""
        return self.problem() is None

    def problem(self) -> str | None:
        """Why the index cannot be used (None when it can); checked once per open.

        Beyond the schema version and the catalog, the Whoosh files must be those the
        catalog was saved with (``files.json``: their sizes at that commit, so truncated or
        grown files show) and must open: a crash between the Whoosh commit and the catalog
        save, or a damaged folder, then reads as "rebuild", never as a half-right index.
        """
        if self._problem is _UNCHECKED:
            self._problem = self._check()
        return self._problem  # type: ignore[return-value]

    def _check(self) -> str | None:
        meta = read_meta(self.folder)
        if meta is None:
            if (self.folder / META).exists():
                return "the index description (meta.json) is damaged"
            return "no index yet"
        if meta.get("schema_version") != SCHEMA_VERSION:
            return "the index was built by another version"
        if self.catalog is None:
            return "the catalog is missing, damaged or out of step with the index"
        try:
            files = json.loads((self.folder / FILES).read_text(encoding="utf-8"))
            listed = dict(files["files"])
            same = files["generation"] == meta.get("generation")
        except (OSError, ValueError, KeyError, TypeError):
            return "the list of index files is missing or damaged"
        if not same:
            return "the index files are out of step with the catalog"
        for name, size in listed.items():
            try:
                if (self.folder / name).stat().st_size != size:
                    return f"index file {name} was truncated or changed"
            except OSError:
                return f"index file {name} is missing"
        try:
            if self.generation() != meta.get("generation"):
                return "the index is out of step with the catalog"
            self.searcher()
        except Exception as exc:  # noqa: BLE001 - any failure to open means rebuild
            self._ix = self._searcher = None
            return f"the index cannot be opened ({type(exc).__name__})"
        return None

    def save_catalog(self, catalog: Catalog) -> None:
        """Save ``catalog`` for the committed generation, with the list of index files
        (``files.json``) written before the catalog's own ``meta.json``, which goes last."""
        gen = self.generation()
        names = [n for n in self.index().storage.list()
                 if n.startswith(("MAIN_", "_MAIN_")) and n != "MAIN_WRITELOCK"]
        sizes = {n: (self.folder / n).stat().st_size for n in sorted(names)}
        tmp = self.folder / (FILES + ".tmp")
        tmp.write_text(json.dumps({"generation": gen, "files": sizes}), encoding="utf-8")
        os.replace(tmp, self.folder / FILES)
        catalog.save(self.folder, gen, SCHEMA_VERSION)

    @property
    def catalog(self) -> Catalog | None:
        if self._catalog is None:
            self._catalog = Catalog.load(self.folder)
        return self._catalog

    def index(self) -> Any:
        if self._ix is None:
            from whoosh import index

            self._ix = index.open_dir(str(self.folder))
        return self._ix

    def searcher(self) -> Any:
        if self._searcher is None:
            self._searcher = self.index().searcher()
        return self._searcher

    def reopen(self) -> None:
        """Forget the searcher and every cache built on it (after a sync or a swap)."""
        self.close()

    def close(self) -> None:
        self._drop_writer()
        if self._searcher is not None:
            self._searcher.close()
        if self._ix is not None:
            self._ix.close()
        self._ix = self._searcher = self._catalog = self._table = self._vocab = None
        self._engine = None
        self._problem = _UNCHECKED

    # -- writing -------------------------------------------------------------------------
    @staticmethod
    def create(folder: Path) -> IndexService:
        """A new, empty index in ``folder`` (for a first start or a rebuild)."""
        from whoosh import index

        folder.mkdir(parents=True, exist_ok=True)
        index.create_in(str(folder), make_schema())
        return IndexService(folder)

    def writer(self) -> Any:
        """The one writer; the caller adds everything, then ``commit()`` once (or cancel)."""
        from scoda_desktop.core.index.writer import FastWriter

        self._writer = FastWriter(self.index(), limitmb=WRITER_LIMIT_MB)
        return self._writer

    def _drop_writer(self) -> None:
        """Cancel a writer a failed sync left open (a full disk mid-commit): its lock would
        otherwise stay taken and every later sync of this process fail with LockError."""
        writer, self._writer = self._writer, None
        if writer is None or writer.is_closed:
            return
        try:
            writer.cancel()
        except Exception:  # noqa: BLE001 - half-closed files: at least free the lock
            with contextlib.suppress(Exception):
                writer.writelock.release()

    def commit(self, writer: Any, catalog: Catalog) -> None:
        """Commit the writer, then the catalog for the new generation."""
        writer.commit(merge=True)
        self.reopen()
        self.save_catalog(catalog)
        gen = self.generation()
        self.reopen()
        self.table().save(self.folder / TABLE, gen)

    def generation(self) -> int:
        return int(self.index().latest_generation())

    # -- reading helpers -----------------------------------------------------------------
    def table(self) -> Any:
        if self._table is None:
            from scoda_desktop.core.index.facets import DocTable

            cat = self.catalog or Catalog()
            self._table = DocTable.load(self.folder / TABLE, cat.generation)
            if self._table is not None:
                return self._table
            s = self.searcher()
            reader = s.reader()
            n = reader.doc_count_all()
            ids: list[str | None] = [None] * n
            try:
                col = reader.column_reader("id")
                for docnum in reader.all_doc_ids():  # skips deleted documents
                    ids[docnum] = col[docnum]
            except Exception:  # noqa: BLE001 - fall back to stored fields
                for docnum, fields in reader.iter_docs():
                    ids[docnum] = fields.get("id")
            self._table = DocTable(ids, cat.docs, cat.side("entities"))
        return self._table

    def engine(self) -> Any:
        if self._engine is None:
            from scoda_desktop.core.index.engine import Engine

            table = self.table()
            self._engine = Engine(self.searcher(), table.live, table.words)
        return self._engine

    def vocab(self) -> Any:
        if self._vocab is None:
            from scoda_desktop.core.index.vocab import Vocab

            s = self.searcher()
            cat = self.catalog or Catalog()

            def df(term: str) -> int:
                return s.doc_frequency("body", term) + s.doc_frequency("title", term)

            self._vocab = Vocab(lambda: cat.side("vocab"), lambda: cat.side("entities"), df)
        return self._vocab

    def count(self) -> int:
        return len(self.catalog.docs) if self.catalog else 0

    # -- search --------------------------------------------------------------------------
    def search(self, text: str, *, limit: int | None = 20, sort: str = "relevance",
               filters: dict[str, str] | None = None, plain: bool = False) -> SearchResult:
        from scoda_desktop.core.index.query import parse_query

        t0 = time.perf_counter()
        parsed = parse_query(text, self.vocab())
        q = parsed.query
        for fname, value in (filters or {}).items():
            extra = parse_query(f'{fname}:"{str(value).replace(chr(34), " ")}"', self.vocab())
            if not extra.empty:
                from whoosh import query as wq

                q = wq.And([q, extra.query]) if not parsed.empty else extra.query
                parsed.empty = False
                parsed.shown = " AND ".join(p for p in (parsed.shown, extra.shown) if p)
        table, engine = self.table(), self.engine()
        docnums = table.live_docnums() if parsed.empty else engine.docs(q)
        total = int(len(docnums))
        scores: dict[int, float] = {}
        if parsed.empty or sort == "date":
            top = table.newest_first(docnums)
            top = top if limit is None else top[:limit]
            if not parsed.empty and len(top):
                ranked, sc = engine.rank(q, top, None)
                scores = dict(zip(ranked.tolist(), sc.tolist(), strict=True))
        else:
            top, sc = engine.rank(q, docnums, limit)
            scores = dict(zip(top.tolist(), sc.tolist(), strict=True))
        hits = self._hits(top, scores, parsed, plain)
        result = SearchResult(query=text, parsed=parsed.shown, total=total, took_ms=0.0,
                              hits=hits, error="; ".join(parsed.messages) or None,
                              facets=table.facets(docnums))
        if total == 0 and not parsed.empty:
            result.suggestion = self._suggest(text)
        result.took_ms = (time.perf_counter() - t0) * 1000
        return result

    def _hits(self, docnums: np.ndarray, scores: dict[int, float], parsed: Any,
              plain: bool) -> list[Hit]:
        from scoda_desktop.core.index.snippets import make_snippet, marker

        terms = parsed.highlight
        s, table, cat = self.searcher(), self.table(), self.catalog or Catalog()
        pattern = marker(terms) if len(docnums) else None
        hits = []
        for docnum in docnums.tolist():
            fields = s.stored_fields(docnum)
            doc_id = table.ids[docnum] or fields.get("id")
            info = cat.docs.get(doc_id, {})
            paths = info.get("paths") or [""]
            hits.append(Hit(
                id=doc_id, path=paths[0], title=fields.get("title"), date=info.get("date"),
                source=fields.get("source"), score=round(scores.get(docnum, 0.0), 4),
                snippet=make_snippet(fields.get("body", ""), terms, plain=plain, pattern=pattern,
                                     phrases=parsed.phrases, loose=parsed.loose),
                duplicates=cat.other_paths(doc_id, paths[0]),
            ))
        return hits

    def _suggest(self, text: str) -> str | None:
        import re

        vocab = self.vocab()
        changed = False

        def repl(m: re.Match[str]) -> str:
            nonlocal changed
            word = m.group()
            if word in ("AND", "OR", "NOT") or not word.isalpha():
                return word
            better = vocab.suggest_word(word)
            if better:
                changed = True
                return better
            return word

        out = re.sub(r"(?<![\w:*?~])[^\W\d_]{3,}(?![\w:*?])", repl, text)
        return out if changed else None

    # -- documents -----------------------------------------------------------------------
    def document(self, doc_id: str) -> Document | None:
        s = self.searcher()
        fields = s.document(id=doc_id)
        if fields is None:
            return None
        cat = self.catalog or Catalog()
        info = cat.docs.get(doc_id, {})
        stored = json.loads(fields.get("doc") or "{}")
        paths = info.get("paths") or [""]
        return Document(
            id=doc_id, path=paths[0], sha256=stored.get("sha256", ""), raw="",
            text=fields.get("body", ""),
            removed=[Removed(**r) for r in stored.get("removed", [])],
            title=stored.get("title"), date=stored.get("date"),
            date_text=stored.get("date_text"), source=stored.get("source"),
            author=stored.get("author"), language=stored.get("language", "other"),
            words=stored.get("words", 0), size=stored.get("size", 0),
            mtime=stored.get("mtime", 0.0),
            entities=[Entity(**e) for e in stored.get("entities", [])],
            metrics=[Metric(**m) for m in stored.get("metrics", [])],
            duplicates=cat.other_paths(doc_id, paths[0]),
        )
