"""Finder: search over one committed Whoosh index — the index only stores and finds.

It is handed the document facts it needs as plain data (``DocFacts``: the catalog's
per-document dicts, side data and copy lists), so it never knows how the pipeline keeps them.
A long-lived searcher, its ``DocTable`` (facets, date order), ``Engine`` and ``Vocab`` are
built on first use and kept until the owner drops the Finder after a commit. ``search``
never raises for bad query text. The total is exact: it counts every matching document
number (``docs_for_query``), not the collector's estimate, and the hits come from a top-N
BM25F search that may skip blocks.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scoda_desktop.core.documents import Hit, Marks, SearchResult

if TYPE_CHECKING:
    import numpy as np
    from whoosh.searching import Searcher

    from scoda_desktop.core.documents import Document
    from scoda_desktop.core.index.engine import Engine
    from scoda_desktop.core.index.facets import DocTable
    from scoda_desktop.core.index.vocab import Vocab


class DocFacts:
    """What the finder needs to know of the documents besides the Whoosh index: ``docs``
    (doc id -> facts: date, words, source, paths, ...), ``side`` ("vocab", "entities" side
    data, loaded lazily), ``other_paths`` (copies and near-duplicates of a document).

    A plain class, not a dataclass: generating a dataclass's methods costs every ``search``
    process ~1 ms (issue 17)."""

    __slots__ = ("docs", "side", "other_paths", "generation")

    def __init__(self, docs: Mapping[str, dict[str, Any]], side: Callable[[str], dict[str, Any]],
                 other_paths: Callable[[str, str | None], list[str]],
                 generation: int = -1) -> None:
        self.docs, self.side, self.other_paths = docs, side, other_paths
        self.generation = generation


def _list(docnums: Any) -> list[int]:
    """Doc numbers as a list, from the numpy engine's arrays or the lite engine's lists."""
    return docnums.tolist() if hasattr(docnums, "tolist") else list(docnums)


class Finder:
    """Reads one opened Whoosh index; ``table_file`` caches the DocTable between runs.

    ``lean=True`` (a process that runs one query: ``search`` on the command line) answers
    with ``lite.LiteEngine`` and ``LiteTable``, the same results without importing numpy;
    without a saved table it falls back to the numpy classes (which build one)."""

    def __init__(self, searcher: Searcher, facts: DocFacts, table_file: Path, *,
                 lean: bool = False, table: Any = None) -> None:
        self._searcher = searcher
        self.facts = facts
        self._table_file = table_file
        self._table: Any = table  # DocTable, or LiteTable when lean (the store may have it)
        self._engine: Any = None  # Engine, or LiteEngine when lean
        self._vocab: Vocab | None = None
        self.lean = lean

    def table(self) -> DocTable:
        if self._table is None and self.lean:
            from scoda_desktop.core.index.lite import LiteTable

            self._table = LiteTable.load(self._table_file, self.facts.generation)
            self.lean = self._table is not None
        if self._table is None:
            from scoda_desktop.core.index.facets import DocTable

            self._table = DocTable.load(self._table_file, self.facts.generation)
            if self._table is not None:
                return self._table
            reader = self._searcher.reader()
            ids: list[str | None] = [None] * reader.doc_count_all()
            try:
                col = reader.column_reader("id")
                for docnum in reader.all_doc_ids():  # skips deleted documents
                    ids[docnum] = col[docnum]
            except Exception:  # noqa: BLE001 - fall back to stored fields
                for docnum, fields in reader.iter_docs():
                    ids[docnum] = fields.get("id")
            self._table = DocTable(ids, self.facts.docs, self.facts.side("entities"))
        return self._table

    def save_table(self, facts: dict[str, Any] | None = None) -> None:
        """Save the (numpy) DocTable for the next process, with the catalog's ``facts``
        (see ``DocTable.save``); after a commit, so a lean finder builds one (it is no
        longer a one-query process)."""
        if self.lean:
            self.lean, self._table, self._engine = False, None, None
        self.table().save(self._table_file, self.facts.generation, facts)

    def engine(self) -> Engine:
        if self._engine is None:
            table = self.table()
            if self.lean:
                from scoda_desktop.core.index.lite import LiteEngine as Engine
            else:
                from scoda_desktop.core.index.engine import Engine
            self._engine = Engine(self._searcher, table.live, table.words)
        return self._engine

    def vocab(self) -> Vocab:
        if self._vocab is None:
            from scoda_desktop.core.index.vocab import Vocab

            s, side = self._searcher, self.facts.side

            def df(term: str) -> int:
                return s.doc_frequency("body", term) + s.doc_frequency("title", term)

            self._vocab = Vocab(lambda: side("vocab"), lambda: side("entities"), df)
        return self._vocab

    # -- search --------------------------------------------------------------------------
    def search(self, text: str, *, limit: int | None = 20, sort: str = "relevance",
               filters: dict[str, str] | None = None, plain: bool = False,
               notes: Mapping[str, str] | None = None) -> SearchResult:
        """``notes`` (doc id -> the user's note) is what a ``note:`` query searches."""
        t0 = time.perf_counter()
        parsed, q, docnums = self._match(text, filters, notes)
        marks = parsed.marks()
        table, engine = self.table(), self.engine()
        total = int(len(docnums))
        scores: dict[int, float] = {}
        if parsed.empty or sort == "date":
            top = table.newest_first(docnums)
            top = top if limit is None else top[:limit]
            if not parsed.empty and len(top):
                ranked, sc = engine.rank(q, top, None)
                scores = dict(zip(_list(ranked), _list(sc), strict=True))
        else:
            top, sc = engine.rank(q, docnums, limit)
            scores = dict(zip(_list(top), _list(sc), strict=True))
        hits = self._hits(top, scores, marks, plain)
        result = SearchResult(query=text, parsed=parsed.shown, total=total, took_ms=0.0,
                              hits=hits, error="; ".join(parsed.messages) or None,
                              facets=table.facets(docnums), marks=marks)
        if total == 0 and not parsed.empty:
            result.suggestion = self._suggest(text)
        result.took_ms = (time.perf_counter() - t0) * 1000
        return result

    def _match(self, text: str, filters: dict[str, str] | None,
               notes: Mapping[str, str] | None) -> tuple[Any, Any, Any]:
        """(parsed query, Whoosh query with the filters, matching docnums)."""
        from whoosh import query as wq

        from scoda_desktop.core.index.query import filter_query, parse_query

        parsed = parse_query(text, self.vocab(), notes)
        q = parsed.query
        for fname, value in (filters or {}).items():
            node = filter_query(fname, str(value), self.vocab(), parsed.messages, notes)
            if node is not None:
                q = wq.And([q, node[0]]) if not parsed.empty else node[0]
                parsed.empty = False
                parsed.shown = " AND ".join(p for p in (parsed.shown, node[1]) if p)
        docnums = self.table().live_docnums() if parsed.empty else self.engine().docs(q)
        return parsed, q, docnums

    def doc_ids(self, text: str, *, filters: dict[str, str] | None = None,
                notes: Mapping[str, str] | None = None) -> tuple[list[str], str | None]:
        """The ids of every document a query and filters match, with the query's message:
        what a search finds, without ranking or snippets (the ledger of a result needs all
        its documents, and building 10,000 hits would cost seconds)."""
        parsed, _q, docnums = self._match(text, filters, notes)
        table, stored = self.table(), self._searcher
        ids = [table.ids[n] or stored.stored_fields(n).get("id") for n in _list(docnums)]
        return [i for i in ids if i], "; ".join(parsed.messages) or None

    def _hits(self, docnums: np.ndarray | list[int], scores: dict[int, float], marks: Marks,
              plain: bool) -> list[Hit]:
        from scoda_desktop.core.index.snippets import make_snippet, marker

        terms, loose = marks.all_terms(), set(marks.terms)
        s, table, docs = self._searcher, self.table(), self.facts.docs
        pattern = marker(terms) if len(docnums) else None
        hits = []
        for docnum in _list(docnums):
            fields = s.stored_fields(docnum)
            doc_id = table.ids[docnum] or fields.get("id")
            info = docs.get(doc_id, {})
            paths = info.get("paths") or [""]
            hits.append(Hit(
                id=doc_id, path=paths[0], title=fields.get("title"), date=info.get("date"),
                source=fields.get("source"), score=round(scores.get(docnum, 0.0), 4),
                snippet=make_snippet(fields.get("body", ""), terms, plain=plain, pattern=pattern,
                                     phrases=marks.phrases, loose=loose),
                duplicates=self.facts.other_paths(doc_id, paths[0]),
                url=info.get("url"), captured=info.get("captured"), record=info.get("record"),
            ))
        return hits

    def _suggest(self, text: str) -> str | None:
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
        from scoda_desktop.core.documents import Document, Entity, Metric, Removed

        fields = self._searcher.document(id=doc_id)
        if fields is None:
            return None
        info = self.facts.docs.get(doc_id, {})
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
            duplicates=self.facts.other_paths(doc_id, paths[0]),
            url=stored.get("url"), captured=stored.get("captured"), record=stored.get("record"),
            pages=list(stored.get("pages") or []),
        )
