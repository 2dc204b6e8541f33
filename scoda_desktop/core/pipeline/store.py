"""IndexStore: one index folder — the Whoosh segments and the pipeline's catalog beside them.

It checks that the two belong together (``problem()``), saves the catalog after each commit,
holds the one writer, and hands searches to the index's ``Finder`` with the catalog's facts.
A long-lived Finder is kept until ``reopen()`` after a sync.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scoda_desktop.core.documents import SearchResult
from scoda_desktop.core.fileio import atomic_write
from scoda_desktop.core.index.finder import DocFacts, Finder
from scoda_desktop.core.index.schema import SCHEMA_VERSION, make_schema
from scoda_desktop.core.pipeline.catalog import META, Catalog, read_meta
from scoda_desktop.core.pipeline.sidefiles import CATALOG

if TYPE_CHECKING:
    from whoosh.index import FileIndex
    from whoosh.searching import Searcher

    from scoda_desktop.core.documents import Document
    from scoda_desktop.core.index.vocab import Vocab
    from scoda_desktop.core.index.writer import FastWriter

WRITER_LIMIT_MB = 256
# zlib level of the postings blocks (Whoosh's default: 3). Level 0 writes them as plain
# pickles, which stock Whoosh reads (each block says whether it is compressed): see
# docs/PERFORMANCE.md for what it saved at the commit and what it costs on disk.
POSTINGS_ZLIB = 0
TABLE = "table.npz"
FILES = "files.json"  # the Whoosh files of the committed generation and their sizes
_UNCHECKED = object()


def _merge_small_dropping_dead(writer: Any, segments: list[Any]) -> list[Any]:
    """Whoosh's MERGE_SMALL, after leaving out segments whose every document was deleted.

    The enrichment phase replaces each document of the first phase's segment (delete +
    add): that segment is then all deleted documents, which MERGE_SMALL would keep (it merges
    by size, not by what is alive), so every search would still walk its postings."""
    from whoosh.writing import MERGE_SMALL

    live = [seg for seg in segments if seg.deleted_count() < seg.doc_count_all()]
    return MERGE_SMALL(writer, live)


def catalog_key(folder: Path) -> str | None:
    """The catalog file as the file system knows it (size, modification and change times
    in ns, inode): what the table's copy of its facts is checked against (``_table_facts``).
    Every save of the catalog is a new file renamed into place (a new inode while the old
    one still exists, new times), so a key that matches is the file the copy was made
    from; a copied or touched folder only costs a parse of the catalog. It replaces the
    SHA-1 of the file's bytes, which a one-query process paid (3-10 ms, 3.6 MB at 10,000
    articles) to read a few hits' facts. None when the file cannot be read."""
    try:
        st = (folder / CATALOG).stat()
    except OSError:
        return None
    return f"stat {st.st_size} {st.st_mtime_ns} {st.st_ctime_ns} {st.st_ino}"


class IndexStore:
    """The index in ``folder`` (Whoosh segments plus the catalog sidecars)."""

    def __init__(self, folder: Path, *, lean: bool = False) -> None:
        self.folder = Path(folder)
        # lean (a one-query process): searches without numpy (see Finder), and with the
        # facts the table copied from the catalog while the catalog is the one they came
        # from (``_table_facts``): the 20 hits' facts without parsing every document's
        self.lean = lean
        self._lean_table: Any = None  # lite.LiteTable with facts
        self._lean_catalog: Catalog | None = None  # its facts, as a Catalog (no files)
        self._ix: FileIndex | None = None
        self._searcher: Searcher | None = None
        self._catalog: Catalog | None = None
        self._finder: Finder | None = None
        self._problem: object = _UNCHECKED
        self._writer: FastWriter | None = None

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
        if self._table_facts(meta.get("generation")) is None and self.catalog is None:
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

    def _table_facts(self, generation: Any) -> Catalog | None:
        """Lean only: the catalog's facts as the table of this generation copied them,
        when the catalog file is the one they were copied from (``catalog_key``):
        then that catalog is intact and in step (it was saved, complete, before the table),
        as ``Catalog.load`` would have found by parsing it all. None otherwise (the caller
        then parses the catalog)."""
        if not self.lean or not isinstance(generation, int):
            return None
        from scoda_desktop.core.index.lite import LiteTable

        table = LiteTable.load(self.folder / TABLE, generation)
        if table is None or table.facts is None \
                or table.facts.digest != catalog_key(self.folder):
            return None
        self._lean_table = table
        self._lean_catalog = Catalog(generation, {}, table.facts.docs,  # type: ignore[arg-type]
                                     table.facts.groups, self.folder)
        return self._lean_catalog

    def save_catalog(self, catalog: Catalog) -> None:
        """Save ``catalog`` for the committed generation, with the list of index files
        (``files.json``) written before the catalog's own ``meta.json``, which goes last."""
        gen = self.generation()
        names = [n for n in self.index().storage.list()
                 if n.startswith(("MAIN_", "_MAIN_")) and n != "MAIN_WRITELOCK"]
        sizes = {n: (self.folder / n).stat().st_size for n in sorted(names)}
        atomic_write(self.folder / FILES, json.dumps({"generation": gen, "files": sizes}))
        catalog.save(self.folder, gen, SCHEMA_VERSION)

    @property
    def catalog(self) -> Catalog | None:
        if self._catalog is None:
            self._catalog = Catalog.load(self.folder)
        return self._catalog

    def preload(self) -> None:
        """Read the catalog and every side file now: a store that keeps answering searches
        while another writes the next generation (enrichment) must never lazily read a
        side file of that newer generation."""
        if self.catalog is not None:
            self.catalog.load_all()

    def stale(self) -> bool:
        """True when the folder holds a newer commit than this store opened (another
        process is the writer): read ``meta.json`` only, a few microseconds."""
        meta = read_meta(self.folder)
        opened = self._catalog or self._lean_catalog
        known = opened.generation if opened is not None else None
        return (meta or {}).get("generation") != known

    def index(self) -> FileIndex:
        if self._ix is None:
            from whoosh import index

            from scoda_desktop.core.index.whoosh_private import zero_copy_segments

            zero_copy_segments()  # readers map the segment's postings, never copy them
            self._ix = index.open_dir(str(self.folder))
        return self._ix

    def searcher(self) -> Searcher:
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
        self._ix = self._searcher = self._catalog = self._finder = None
        self._lean_table = self._lean_catalog = None
        self._problem = _UNCHECKED

    # -- writing -------------------------------------------------------------------------
    @staticmethod
    def create(folder: Path) -> IndexStore:
        """A new, empty index in ``folder`` (for a first start or a rebuild)."""
        from whoosh import index

        folder.mkdir(parents=True, exist_ok=True)
        index.create_in(str(folder), make_schema())
        return IndexStore(folder)

    def writer(self) -> FastWriter:
        """The one writer; the caller adds everything, then ``commit()`` once (or cancel)."""
        from whoosh.codec.whoosh3 import W3Codec

        from scoda_desktop.core.index.writer import FastWriter

        codec = W3Codec(compression=POSTINGS_ZLIB)
        self._writer = FastWriter(self.index(), limitmb=WRITER_LIMIT_MB, codec=codec)
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

    def commit(self, writer: FastWriter, catalog: Catalog) -> None:
        """Commit the writer, then the catalog for the new generation."""
        writer.commit(mergetype=_merge_small_dropping_dead)
        self.reopen()
        self.save_catalog(catalog)
        self.reopen()
        self.save_table(catalog)

    def save_catalog_and_table(self, catalog: Catalog) -> None:
        """Save a catalog that changed without a Whoosh commit (paths, mtimes), and the
        table's copy of its facts, so one-query processes keep reading those."""
        self.save_catalog(catalog)
        self.reopen()
        self.save_table(catalog)

    def save_table(self, catalog: Catalog) -> None:
        """The facet table of the committed generation, with the facts of ``catalog``
        (just saved) a one-query process reads instead of the catalog (``_table_facts``)."""
        # the catalog just saved is what Catalog.load would read back: keep it, rather than
        # decode the file again while the caller still holds this one (two catalogs in
        # memory at the commit's peak, and ~0.1 s of CPU at 5,000 articles)
        self._catalog = catalog
        self.finder().save_table({"docs": catalog.docs, "groups": catalog.groups,
                                  "pending": len(catalog.unenriched()),
                                  "catalog_digest": catalog_key(self.folder) or ""})

    def generation(self) -> int:
        return int(self.index().latest_generation())

    # -- reading -----------------------------------------------------------------------
    def finder(self) -> Finder:
        """The index's Finder over the committed generation, with the catalog's facts."""
        if self._finder is None:
            cat = self._lean_catalog or self.catalog or Catalog()
            facts = DocFacts(cat.docs, cat.side, cat.other_paths, cat.generation)
            self._finder = Finder(self.searcher(), facts, self.folder / TABLE, lean=self.lean,
                                  table=self._lean_table)
        return self._finder

    def search(self, text: str, *, limit: int | None = 20, sort: str = "relevance",
               filters: dict[str, str] | None = None, plain: bool = False,
               notes: Mapping[str, str] | None = None) -> SearchResult:
        return self.finder().search(text, limit=limit, sort=sort, filters=filters,
                                    plain=plain, notes=notes)

    def doc_ids(self, text: str, *, filters: dict[str, str] | None = None,
                notes: Mapping[str, str] | None = None) -> tuple[list[str], str | None]:
        """Every document id a query matches (no ranking, no snippets), and its message."""
        return self.finder().doc_ids(text, filters=filters, notes=notes)

    def document(self, doc_id: str) -> Document | None:
        return self.finder().document(doc_id)

    def vocab(self) -> Vocab:
        return self.finder().vocab()

    def count(self) -> int:
        return len(self.catalog.docs) if self.catalog else 0

    # -- the catalog's facts, for the corpus (empty when there is no catalog) ------------
    def _cat(self) -> Catalog:
        return self.catalog or Catalog()

    def documents(self) -> Mapping[str, dict[str, Any]]:
        """doc id -> its facts (title, date, source, language, words, paths, ...)."""
        return self._cat().docs

    def doc_facts(self, doc_id: str) -> dict[str, Any] | None:
        """One document's facts with its (type, canonical) entity pairs, or None."""
        cat = self._cat()
        if doc_id not in cat.docs:
            return None
        return dict(cat.docs[doc_id], entities=cat.entities(doc_id))

    def doc_of_path(self, path: str) -> str | None:
        """The document a file path was indexed as, or None."""
        return self._cat().doc_of_path(path)

    def enrichment_pending(self) -> int:
        """Documents searchable but still waiting for entities, metrics and MinHash."""
        if self._lean_catalog is not None:
            return self._lean_table.facts.pending
        return len(self._cat().unenriched())

    def file_count(self) -> int:
        return len(self._cat().files)

    def duplicate_groups(self) -> list[list[str]]:
        """Near-duplicate groups of doc ids (each of two or more)."""
        return self._cat().groups

    def other_paths(self, doc_id: str, own: str | None = None) -> list[str]:
        """Paths of the other copies of a document: identical files, then near-duplicates."""
        return self._cat().other_paths(doc_id, own)

    def places_of(self, doc_id: str) -> list[str]:
        """Where a document is: its paths, or ``archive#offset`` for a web archive's record."""
        return self._cat().places_of(doc_id)

    def entity_pairs(self) -> Iterator[tuple[str, list[tuple[str, str]]]]:
        return self._cat().entity_pairs()

    def metric_items(self) -> Iterator[tuple[str, dict[str, Any], list[dict[str, Any]]]]:
        return self._cat().metric_items()
