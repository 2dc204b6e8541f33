"""The corpus service: the one object the CLI and the window call.

It owns the data directory (``sources.json``: the files/folders the user added; ``index/``:
the Whoosh index and its catalog) and joins ingest, extraction and the index. The bundled
seeds are always a source. Reading methods are safe from a worker thread while no sync runs;
only ``sync`` writes, with one writer and one commit.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import threading
import time
from collections.abc import Callable, Generator, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from scoda_desktop.core.documents import Marks, SearchResult
from scoda_desktop.core.fileio import atomic_write
from scoda_desktop.core.lock import DataDirLock
from scoda_desktop.core.paths import data_dir as resolve_data_dir
from scoda_desktop.core.pipeline.catalog import Catalog
from scoda_desktop.core.pipeline.store import IndexStore

if TYPE_CHECKING:  # imported where they are built: a search builds none of them
    from scoda_desktop.core.documents import (
        Document,
        Entity,
        Ledger,
        LedgerSeries,
        Metric,
        Progress,
        Skipped,
        SyncReport,
    )

MANIFEST = "sources.json"
INDEX = "index"


class NotesOnDemand(Mapping[str, str]):
    """The notes a ``note:`` query searches (doc id -> note), read from the collections
    file when the query first looks: a search without ``note:`` never reads it (~2-5 ms
    of a one-query process with the workflow modules' import; issue 17)."""

    def __init__(self, load: Callable[[], dict[str, str]]) -> None:
        self._load = load
        self._notes: dict[str, str] | None = None

    def _get(self) -> dict[str, str]:
        if self._notes is None:
            self._notes = self._load()
        return self._notes

    def __getitem__(self, doc_id: str) -> str:
        return self._get()[doc_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())


class DataDirError(OSError):
    """The data folder cannot be used (missing parent, a file in the way, no permission,
    disk full); the message says which folder and why."""


class ReadOnlyError(DataDirError):
    """Another instance is this data folder's writer: this one may only read."""


BUILDING = ("the index is being built by another SCODA Desktop: nothing can be found yet; "
            "search again in a moment")

# Lone surrogates (a broken clipboard, a non-UTF-8 file name) cannot be encoded for the index.
_SURROGATES = re.compile("[\ud800-\udfff]")


class Corpus:
    """Sources + index in one data directory.

    ``Corpus(data_dir=None)`` uses ``SCODA_DATA_DIR`` or platformdirs'
    ``user_data_dir("scoda-desktop")``; the bundled seeds are always a source.
    Reading methods are safe to call from a worker thread while no sync runs.
    ``lean=True``: for a process that answers one search and exits (the same answers,
    without numpy or a parse of the whole catalog); a sync or enrichment ends it.
    """

    def __init__(self, data_dir: Path | None = None, *, seeds_dir: Path | None = None,
                 lean: bool = False) -> None:
        self.data_dir = resolve_data_dir(data_dir)
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            self._lock = DataDirLock(self.data_dir)
        except OSError as exc:
            raise DataDirError(f"cannot use the data folder {self.data_dir}: "
                               f"{exc.strerror or exc}") from exc
        self.read_only = not self._lock.held
        self.read_only_reason = self._lock.message
        if seeds_dir is None:
            from scoda_desktop.core.pipeline.seed_index import stable_seeds
            from scoda_desktop.resources import seeds_dir as bundled

            seeds_dir = stable_seeds(bundled(), self.data_dir / "seeds", write=not self.read_only)
        self.seeds_dir = Path(seeds_dir).absolute()
        self.index_dir = self.data_dir / INDEX
        # lean: a process that runs one query (``search`` on the command line) answers it
        # without importing numpy (``Finder``'s lite engine): ~90 ms of its start-up
        self._lean = lean
        self._store = self._new_store()
        # One sync or enrichment at a time: the window runs enrichment on its own lane
        # while its searches go on (``enrich``); stores it replaced, closed at the next sync.
        self._writing = threading.Lock()
        self._retired: list[IndexStore] = []
        self._ledger: Any = None  # pipeline.ledger.LedgerSource, made at the first ledger

    data_dir: Path

    def _new_store(self) -> IndexStore:
        return IndexStore(self.index_dir, lean=self._lean)

    def try_become_writer(self) -> bool:
        """A read-only corpus takes over writing once the other instance has exited.
        Call it where no other corpus call runs (the window's worker lane)."""
        if not self.read_only:
            return True
        if not self._lock.try_acquire():
            self.read_only_reason = self._lock.message
            return False
        self.read_only, self.read_only_reason = False, ""
        self._store.reopen()  # the other instance may have changed the index
        return True

    # -- sources -----------------------------------------------------------------------
    def _manifest(self) -> list[str]:
        try:
            data = json.loads((self.data_dir / MANIFEST).read_text(encoding="utf-8"))
            return [str(p) for p in data.get("sources", [])]
        except (OSError, ValueError, AttributeError):
            return []

    def _write_manifest(self, sources: list[str]) -> None:
        # a full disk: the old list stays, no half-written file
        atomic_write(self.data_dir / MANIFEST, json.dumps({"sources": sources}, indent=1))

    def sources(self) -> list[str]:
        """The seeds folder and every file/folder the user added (absolute paths)."""
        seeds = str(self.seeds_dir)
        return [seeds, *(p for p in self._manifest() if p != seeds)]

    def _check_writable(self) -> None:
        if self.read_only:
            raise ReadOnlyError(self.read_only_reason)

    def add_sources(self, paths: list[str | Path]) -> None:
        """Remember these files/folders in the manifest (the next sync indexes them)."""
        self._check_writable()
        current = self._manifest()
        for p in paths:
            value = str(Path(p).expanduser().absolute())
            if value not in current and value != str(self.seeds_dir):
                current.append(value)
        self._write_manifest(current)

    def remove_source(self, path: str | Path) -> None:
        self._check_writable()
        value = str(Path(path).expanduser().absolute())
        self._write_manifest([p for p in self._manifest() if p != value])

    # -- indexing ----------------------------------------------------------------------
    def needs_sync(self) -> bool:
        """True when there is no usable index yet (first start, schema change)."""
        return not self._store.usable()

    def ensure_index(self) -> SyncReport | None:
        """Sync first if there is no usable index (a first start); None if it was there."""
        if not self.needs_sync():
            return None
        gen = self.sync()
        try:
            while True:
                next(gen)
        except StopIteration as stop:
            return stop.value

    def sync(
        self, *, rebuild: bool = False, cancel: Callable[[], bool] | None = None,
        enrich: bool = True,
    ) -> Generator[Progress, None, SyncReport]:
        """Bring the index up to date; yields Progress, returns a SyncReport.

        Searchable first, enriched after: new and changed documents are committed with
        their text first (a ``Progress`` with stage "searchable" says that commit landed),
        then entities, metrics and near-duplicate groups follow ("enriching", a second
        commit); ``enrich=False`` stops after the first (``enrich()`` does the rest).
        Only new/changed files are read again; a cancelled first phase keeps the batches it
        committed (``sync.COMMIT_EVERY``), a cancelled second phase keeps the first. A
        first build goes in place; a rebuild (asked for, or because the schema changed) goes
        into a temporary folder that is swapped in when its first phase is complete.
        """
        from scoda_desktop.core.documents import SyncReport

        cancel = cancel or (lambda: False)
        report = SyncReport()
        if self.read_only:  # another instance writes: show its index, change nothing
            service = self._fresh()
            report.messages.append(self.read_only_reason if service.usable() else BUILDING)
            report.documents = self.count()
            return report
        with self._writing:
            self._close_retired()
            self._unlean()
            report = yield from self._sync(rebuild, cancel, enrich, report)
        return report

    def _unlean(self) -> None:
        """A sync (a first start of ``search``) reads and checks the whole catalog, and
        builds tables with numpy: a lean store answers one query only."""
        if self._lean:
            self._lean = False
            self._store.close()
            self._store = self._new_store()

    def _sync(self, rebuild: bool, cancel: Callable[[], bool], enrich: bool,
              report: SyncReport) -> Generator[Progress, None, SyncReport]:
        from scoda_desktop.core.documents import Progress
        from scoda_desktop.core.pipeline.seed_index import install_seed_index

        if not rebuild and install_seed_index(self.index_dir, self.seeds_dir):
            self._store.close()  # a standalone build's first start: its prebuilt seed index
            self._store = self._new_store()
        scanned = None
        if not rebuild:
            settled, scanned = yield from self._settled_sync(report)
            if settled:
                return report  # nothing changed since the last complete sync
        from scoda_desktop.core.pipeline.sync import run_sync  # reading, cleaning: ~0.1 s

        problem = self._store.problem()
        if problem is not None and problem != "no index yet":
            report.messages.append(f"the index was rebuilt from the sources: {problem}")
        if problem == "no index yet" and not rebuild:
            # a first build goes in place: there is no index to keep showing meanwhile,
            # and its batch commits (``sync.COMMIT_EVERY``) are searchable from another
            # process as they land; a kill keeps them (the next sync reads the rest)
            self._store.close()
            shutil.rmtree(self.index_dir, ignore_errors=True)
            self._store = IndexStore.create(self.index_dir)
            problem = None
        rebuild = rebuild or problem is not None
        if rebuild:
            target = self.data_dir / (INDEX + ".new")
            shutil.rmtree(target, ignore_errors=True)
            service = IndexStore.create(target)
            catalog = Catalog()
        else:
            service = self._store
            catalog = service.catalog or Catalog()
        ok = False
        try:
            ok = yield from run_sync(service, catalog, self.sources(), cancel, report,
                                     scanned=scanned)
        finally:
            if not ok:
                report.cancelled = True
                service.close()
                if rebuild:
                    shutil.rmtree(service.folder, ignore_errors=True)
                self._store.reopen()  # drop the half-updated catalog
        if not ok:
            self._fill_report(report)
            return report
        if rebuild:
            self._swap_in(service)
        yield Progress(self.count(), self.count(), "", "searchable")
        if enrich:
            yield from self._enrich(cancel, report, alongside_searches=False)
        self._fill_report(report)
        self._remember_settled(report)
        yield Progress(report.documents, report.documents, "", "done")
        return report

    def _settled_sync(self, report: SyncReport) -> Generator[
            Progress, None, tuple[bool, tuple[dict[str, os.stat_result], list] | None]]:
        """An unchanged re-sync at the cost of a scan (``pipeline/synced.py``): (True, None)
        when every file is as the last complete sync left it (``report`` filled); otherwise
        (False, the scan for the full sync to go on with, or None when there was no record
        to compare it with)."""
        from scoda_desktop.core.documents import Progress
        from scoda_desktop.core.index.schema import SCHEMA_VERSION
        from scoda_desktop.core.ingest.files import scan
        from scoda_desktop.core.pipeline import synced

        record = synced.settled(self.index_dir, SCHEMA_VERSION)
        if record is None:
            return False, None
        yield Progress(0, 0, "", "scanning")
        found, skipped = scan(self.sources())
        if skipped or synced.stat_digest((p, st.st_size, st.st_mtime)
                                         for p, st in found.items()) != record["files"]:
            return False, (found, skipped)
        report.unchanged = len(found)
        report.documents = int(record["documents"])
        report.duplicates = record["duplicates"]
        yield Progress(report.documents, report.documents, "", "searchable")
        yield Progress(report.documents, report.documents, "", "done")
        return True, None

    def _remember_settled(self, report: SyncReport) -> None:
        """After a sync or second phase that left nothing to do: what it saw, so the next
        unchanged re-sync is a scan."""
        from scoda_desktop.core.index.schema import SCHEMA_VERSION
        from scoda_desktop.core.pipeline import synced

        catalog = self._store.catalog
        if report.cancelled or report.enrichment_pending or catalog is None \
                or catalog.generation < 0:
            return
        synced.remember(self.index_dir, generation=catalog.generation,
                        schema_version=SCHEMA_VERSION,
                        files=((p, r[0], r[1]) for p, r in catalog.files.items()),
                        documents=report.documents, duplicates=report.duplicates)

    def enrich(self, *, cancel: Callable[[], bool] | None = None
               ) -> Generator[Progress, None, SyncReport]:
        """The second phase of a sync on its own: entities, metrics, the ledger and
        near-duplicate groups for every document still waiting for them; yields Progress
        ("enriching" n of N), returns a SyncReport (``enrichment_pending`` > 0: cancelled).

        Safe to run on another thread while this Corpus answers searches: it writes through
        its own store and catalog, and the searches see its commit once it is complete.
        """
        from scoda_desktop.core.documents import SyncReport

        report = SyncReport()
        if not self.read_only and self._store.usable():
            with self._writing:
                self._unlean()
                ok = yield from self._enrich(cancel or (lambda: False), report,
                                             alongside_searches=True)
                self._fill_report(report)
                if ok:
                    self._remember_settled(report)
                return report
        self._fill_report(report)
        return report

    def _enrich(self, cancel: Callable[[], bool], report: SyncReport, *,
                alongside_searches: bool) -> Generator[Progress, None, bool]:
        """The second phase; ``alongside_searches``: other threads search meanwhile (the
        window), so it writes through a store of its own and swaps it in when complete;
        otherwise (a sync's own second phase) through the one store, one catalog in memory."""
        from scoda_desktop.core.pipeline.enrich import run_enrich

        if not self._store.enrichment_pending():
            return True
        if alongside_searches:
            self._store.preload()  # it keeps answering searches during the next commit
            service = IndexStore(self.index_dir)
        else:
            service = self._store
        catalog = service.catalog
        ok = False
        try:
            ok = yield from run_enrich(service, catalog, cancel) if catalog else True
        finally:
            if not ok:  # the marks of the last commit stay: the next run goes on
                service.close() if alongside_searches else service.reopen()
        if not ok:
            report.messages.append("enrichment cancelled: the documents are searchable; "
                                   "their entities and metrics follow at the next sync")
            return False
        if alongside_searches:
            service.preload()
            self._retired.append(self._store)  # a search on another thread may use it
            self._store = service
        return True

    def enrichment_pending(self) -> int:
        """Documents searchable but still waiting for entities, metrics and near-duplicate
        groups (0 when the index is complete): panels that need them say they are being
        filled while this is above 0."""
        return self._fresh().enrichment_pending()

    def _fresh(self) -> IndexStore:
        """The store, reopened when another instance committed since it was opened (a
        read-only corpus sees each commit of the writer as it lands). A reader that
        opens the folder in the middle of a commit (the index written, its catalog not yet)
        waits for the commit to complete rather than report a broken index."""
        service = self._store
        if not self.read_only:
            return service
        if service.stale():
            service.reopen()
        deadline = time.monotonic() + 5.0
        while not service.usable() and service.problem() != "no index yet" \
                and time.monotonic() < deadline:
            time.sleep(0.05)
            service.reopen()
        return service

    def _close_retired(self) -> None:
        while self._retired:
            self._retired.pop().close()

    def _swap_in(self, service: IndexStore) -> None:
        service.close()
        self._store.close()
        old = self.data_dir / (INDEX + ".old")
        shutil.rmtree(old, ignore_errors=True)
        moved = False
        try:
            if self.index_dir.exists():
                os.replace(self.index_dir, old)
                moved = True
            os.replace(service.folder, self.index_dir)
        except BaseException:  # never left without an index: put the old one back
            if moved and not self.index_dir.exists():
                with contextlib.suppress(OSError):
                    os.rename(old, self.index_dir)  # a rename needs no new space
            shutil.rmtree(service.folder, ignore_errors=True)
            self._store = self._new_store()
            raise
        shutil.rmtree(old, ignore_errors=True)
        self._store = self._new_store()

    def _fill_report(self, report: SyncReport) -> None:
        docs = self._store.documents()
        report.documents = len(docs)
        report.enrichment_pending = self._store.enrichment_pending()
        groups = []
        grouped: set[str] = set()
        for group in self._store.duplicate_groups():
            grouped.update(group)
            groups.append(sorted(p for d in group for p in self._store.places_of(d)))
        for doc_id, info in docs.items():
            if doc_id not in grouped and len(info.get("paths", [])) > 1:
                groups.append(sorted(info["paths"]))
        report.duplicates = sorted(groups)

    # -- reading -----------------------------------------------------------------------
    def search(
        self,
        query: str,
        *,
        limit: int | None = 20,
        sort: str = "relevance",
        filters: dict[str, str] | None = None,
        plain: bool = False,
    ) -> SearchResult:
        """Run a query; never raises for bad query text (see SearchResult.error).

        ``filters`` maps a field (source, year, entity, person, org, place, facility,
        event, unit) to a value and narrows the hits, like ``field:"value"`` would.
        ``plain=True`` gives plain-text snippets (exports) instead of HTML.
        """
        service = self._fresh()
        if not service.usable():
            building = self.read_only and service.problem() == "no index yet"
            return SearchResult(query=query, parsed="", total=0, took_ms=0.0,
                                error=BUILDING if building else
                                "the index is not built yet: run a sync first")
        # Lone surrogates (from a broken clipboard or a file name) cannot be encoded for the
        # index: they become U+FFFD, which matches nothing, instead of an exception.
        query = _SURROGATES.sub("\ufffd", query or "")
        if filters:
            filters = {k: _SURROGATES.sub("\ufffd", str(v)) for k, v in filters.items()}
        result = service.search(query, limit=limit, sort=sort, filters=filters, plain=plain,
                                notes=NotesOnDemand(self.notes))
        result.enrichment_pending = service.enrichment_pending()
        return result

    def resolve(self, ref: str) -> str | None:
        """The document id for an id, an id prefix, or a path of any copy."""
        docs = self._store.documents()
        if ref in docs:
            return ref
        for candidate in {ref, str(Path(ref).expanduser().absolute())}:
            doc_id = self._store.doc_of_path(candidate)
            if doc_id is None:
                try:
                    doc_id = self._store.doc_of_path(str(Path(candidate).resolve()))
                except OSError:
                    doc_id = None
            if doc_id:  # (a web archive's own entry names no one document: "")
                return doc_id
        archive, _, offset = ref.rpartition("#")
        if archive and offset.isdigit():  # a web archive's record: "crawl.warc.gz#1411"
            archive = str(Path(archive).expanduser().absolute())
            for doc_id, info in docs.items():
                if info.get("record") == int(offset) and archive in info.get("paths", []):
                    return doc_id
        matches = [d for d in docs if len(ref) >= 4 and d.startswith(ref)]
        return matches[0] if len(matches) == 1 else None

    def document(self, ref: str) -> Document | None:
        """A whole Document (text, removed lines, entities, metrics) by id or path.

        Given the path of one of several identical copies, that path is the Document's
        ``path`` and the others are its ``duplicates``.
        """
        doc_id = self.resolve(ref)
        if doc_id is None or not self._store.usable():
            return None
        doc = self._store.document(doc_id)
        if doc is not None:
            own: str | None = ref if self._store.doc_of_path(ref) is not None else None
            if own is None:
                try:
                    own = str(Path(ref).resolve())
                except OSError:
                    own = None
            if own in self._store.documents().get(doc_id, {}).get("paths", []):
                doc.path = own
                doc.duplicates = self._store.other_paths(doc_id, own)
        return doc

    def info(self, doc_id: str) -> dict[str, Any]:
        """Light facts of one document from the catalog (no index read): title, date,
        source, language, words, entities [(type, canonical)], metrics (a count), paths."""
        return self._store.doc_facts(doc_id) or {}

    @staticmethod
    def match_spans(text: str, marks: Marks) -> list[tuple[int, int]]:
        """(start, end) of every word of ``text`` a search matched: ``marks`` is that
        search's ``SearchResult.marks`` (prefixes and fuzzy words already expanded by the
        index), marked by the index's own analysis (stems, CJK runs), so the reading view
        marks what the snippet marked and never parses the query again."""
        from scoda_desktop.core.index.snippets import mark_spans

        return [(s, e) for s, e, _t in mark_spans(text, marks)]

    def count(self) -> int:
        service = self._fresh()
        return service.count() if service.usable() else 0

    # -- export ------------------------------------------------------------------------
    def export_rows(self, query: str, *, sort: str = "relevance",
                    filters: dict[str, str] | None = None) -> list[dict[str, Any]]:
        """Every hit of a query (not only a page of them) as export rows, plain snippets."""
        from scoda_desktop.core.export import hit_row

        result = self.search(query, limit=None, sort=sort, filters=filters, plain=True)
        return [hit_row(hit, self.info(hit.id)) for hit in result.hits]

    def export(self, query: str, fmt: str | None, out: TextIO | str | Path, *,
               sort: str = "relevance", filters: dict[str, str] | None = None,
               collection: str | None = None) -> int:
        """Write every hit of a query (or, with ``collection``, that collection's documents)
        to ``out`` (a stream, or a file written atomically) in ``fmt`` (``export.FORMATS``;
        None: from the file name); returns the number of records written."""
        from scoda_desktop.core.export import (
            CITATION_FORMATS,
            COLLECTION_FIELDS,
            FIELDS,
            format_for,
            write_citations,
            write_rows,
        )

        if fmt is None:
            fmt = format_for(str(out))
        buf = io.StringIO(newline="")
        target = buf if isinstance(out, str | Path) else out
        if fmt in CITATION_FORMATS:
            records = (self.collection_citations(collection) if collection is not None
                       else self.citation_records(query, sort=sort, filters=filters))
            written = write_citations(records, fmt, target)
        elif collection is not None:
            written = write_rows(self.collection_rows(collection), fmt, target,
                                 COLLECTION_FIELDS)
        else:
            written = write_rows(self.export_rows(query, sort=sort, filters=filters), fmt,
                                 target, FIELDS)
        if target is buf:
            atomic_write(out, buf.getvalue())  # type: ignore[arg-type]
        return written

    # -- files outside the index -------------------------------------------------------
    @staticmethod
    def clean_files(paths: list[str]) -> Iterator[Document | Skipped]:
        """Clean files without indexing them: a Document (with its entities and metrics)
        for each readable article file under ``paths``, a Skipped (with why) for the rest."""
        from scoda_desktop.core.documents import Skipped
        from scoda_desktop.core.extract import extract
        from scoda_desktop.core.ingest import IngestError, iter_input_files, load_document
        from scoda_desktop.core.ingest.formats import is_container

        for given in paths:
            for item in iter_input_files([given]):
                if not isinstance(item, Path):
                    yield Skipped(str(Path(item.path).absolute()), item.reason)
                    continue
                if is_container(item.name):
                    yield from Corpus._clean_archive(item)
                    continue
                try:
                    doc = load_document(item)
                except IngestError as exc:
                    yield Skipped(str(item.absolute()), exc.reason)
                    continue
                doc.entities, doc.metrics = extract(doc.text, doc_date=doc.date)
                yield doc

    @staticmethod
    def _clean_archive(path: Path) -> Iterator[Document | Skipped]:
        """Every article record of a web archive; the other records are not listed (a crawl
        holds thousands), damage is one Skipped."""
        from scoda_desktop.core.documents import Document, Skipped
        from scoda_desktop.core.extract import extract
        from scoda_desktop.core.ingest import DEFAULT_MAX_BYTES
        from scoda_desktop.core.ingest.formats.warc import archive_documents

        for item in archive_documents(path, max_bytes=DEFAULT_MAX_BYTES):
            if isinstance(item, Document):
                item.entities, item.metrics = extract(item.text, doc_date=item.date)
                yield item
            elif isinstance(item, str):
                yield Skipped(str(path.absolute()), item)

    @staticmethod
    def extract_text(text: str) -> tuple[list[Entity], list[Metric]]:
        """Entities and metrics of any text, with no cleaning."""
        from scoda_desktop.core.extract import extract

        return extract(text)

    def entity_counts(self) -> dict[tuple[str, str], int]:
        """(type, canonical) -> number of documents in the corpus that mention it."""
        counts: dict[tuple[str, str], int] = {}
        for _doc_id, pairs in self._store.entity_pairs():
            for pair in pairs:
                counts[pair] = counts.get(pair, 0) + 1
        return counts

    def series(self) -> list[LedgerSeries]:
        """The metric ledger of the whole corpus, most points first."""
        return self.ledger().series

    def ledger(self, query: str = "", filters: dict[str, str] | None = None) -> Ledger:
        """The metric ledger of what a search finds: the series of every document ``query``
        and ``filters`` match (not only a page of hits); an empty query and no filters give
        the whole corpus. Bad query text gives its explanation in ``error``, never raises."""
        from scoda_desktop.core.documents import Ledger

        ledger = Ledger(query=query or "", filters=dict(filters or {}))
        if self._ledger is None:  # imported here: extraction is not loaded to search
            from scoda_desktop.core.pipeline.ledger import LedgerSource

            self._ledger = LedgerSource()  # chartable figures, read once per catalog
        if not self._store.usable():
            ledger.error = "the index is not built yet: run a sync first"
            return ledger
        if not (query or "").strip() and not filters:
            ledger.documents = self.count()
            ledger.series = self._ledger.series(self._store)
            return ledger
        query = _SURROGATES.sub("\ufffd", query or "")
        filters = {k: _SURROGATES.sub("\ufffd", str(v)) for k, v in (filters or {}).items()}
        ids, ledger.error = self._store.doc_ids(query, filters=filters or None,
                                                notes=NotesOnDemand(self.notes))
        ledger.documents = len(ids)
        ledger.series = self._ledger.series(self._store, ids)
        return ledger

    def stats(self) -> dict[str, Any]:
        """documents, words, sources, date range, top entities, series (as JSON data)."""
        docs = self._store.documents()
        dates = sorted(d["date"][:10] for d in docs.values() if d.get("date"))
        sources: dict[str, int] = {}
        for info in docs.values():
            name = info.get("source") or "(unknown)"
            sources[name] = sources.get(name, 0) + 1
        top = sorted(self.entity_counts().items(), key=lambda kv: (-kv[1], kv[0]))[:20]
        return {
            "documents": len(docs),
            "files": self._store.file_count(),
            "words": sum(int(d.get("words") or 0) for d in docs.values()),
            "sources": dict(sorted(sources.items(), key=lambda kv: (-kv[1], kv[0]))),
            "date_range": [dates[0], dates[-1]] if dates else None,
            "top_entities": [{"type": t, "name": n, "documents": c} for (t, n), c in top],
            "series": [s.to_json() for s in self.series()],
            "data_dir": str(self.data_dir),
        }

    # -- research workflow: concordance, saved searches, collections, citations -------------
    # The logic lives in core/workflow (plain data and JSON files in the data folder); these
    # methods join it to the index so the CLI and the window share every rule.
    def concordance(self, query: str, *, width: int = 40, sort: str = "doc",
                    limit: int | None = None, filters: dict[str, str] | None = None,
                    cancel: Callable[[], bool] | None = None) -> Generator[Progress, None, Any]:
        """Every occurrence of ``query`` in the matching documents as KWIC lines
        (``workflow.kwic.Concordance``), matched like the highlights (``occurrences``: the
        index's analysis, expanded wildcards, whole phrases). Yields Progress per document;
        a cancel stops it and returns what was found so far, marked ``cancelled``."""
        from scoda_desktop.core.documents import Progress
        from scoda_desktop.core.index.occurrences import occurrences
        from scoda_desktop.core.workflow.kwic import Concordance, make_lines, sort_lines

        cancel = cancel or (lambda: False)
        sort_lines([], sort)  # an unknown sort fails before any work
        conc = Concordance(query=query)
        if not query.strip():
            conc.error = "type a word or phrase to see it in context"
            return conc
        result = self.search(query, limit=None, sort="date", filters=filters, plain=True)
        conc.error = result.error
        if not self._store.usable() or not result.hits:
            return conc
        marks = result.marks  # expanded by the index once: the query is not parsed again
        lines = []
        total = len(result.hits)
        for i, hit in enumerate(result.hits):
            if cancel():
                conc.cancelled = True
                break
            if i % 25 == 0:
                yield Progress(i, total, hit.path, "concordance")
            doc = self._store.document(hit.id)
            if doc is None:
                continue
            spans = occurrences(doc.text, marks.all_terms(), marks.phrases, set(marks.terms))
            if spans:
                conc.documents += 1
                info = {"id": hit.id, "path": hit.path, "title": hit.title, "date": hit.date}
                lines.extend(make_lines(info, doc.text, spans, max(0, width)))
        conc.total = len(lines)
        conc.lines = sort_lines(lines, sort)[:limit] if limit is not None else \
            sort_lines(lines, sort)
        yield Progress(total, total, "", "done")
        return conc

    def kwic(self, query: str, **kwargs: Any) -> Any:
        """``concordance`` run to its end (the command line)."""
        gen = self.concordance(query, **kwargs)
        try:
            while True:
                next(gen)
        except StopIteration as stop:
            return stop.value

    def export_concordance(self, lines: list[Any], out: str | Path) -> int:
        """Concordance lines as CSV, written atomically (the window's Export lines)."""
        from scoda_desktop.core.export import write_concordance

        buf = io.StringIO(newline="")
        written = write_concordance(lines, buf)
        atomic_write(out, buf.getvalue())
        return written

    def _saved(self) -> Any:
        from scoda_desktop.core.workflow.saved import SavedSearches

        return SavedSearches(self.data_dir)

    def saved_searches(self) -> list[dict[str, Any]]:
        """The saved searches: name, query, filters, sort, created, last_run, and
        ``last_count`` (hits of the last run). Raises BrokenFileError for a broken file."""
        return [{"name": e["name"], "query": e["query"], "filters": e.get("filters") or {},
                 "sort": e.get("sort", "relevance"), "created": e.get("created"),
                 "last_run": e.get("last_run"), "last_count": len(e.get("last_hits") or [])}
                for e in self._saved().list()]

    def save_search(self, name: str, query: str, *, filters: dict[str, str] | None = None,
                    sort: str = "relevance") -> str | None:
        """Keep ``query`` as ``name``; what it finds now is the baseline of "new". Returns a
        message when a broken file had to be kept aside (else None)."""
        self._check_writable()
        store = self._saved()
        hits = self.search(query, limit=None, sort=sort, filters=filters, plain=True).hits
        store.add(name, query, filters=filters, sort=sort, hits=[h.id for h in hits])
        kept = store.store.kept_aside
        return f"the broken saved-searches file was kept as {kept}" if kept else None

    def remove_saved_search(self, name: str) -> None:
        self._check_writable()
        self._saved().remove(name)

    def run_saved_search(self, name: str, *, limit: int | None = None,
                         record: bool = True) -> tuple[SearchResult, set[str]]:
        """Run a saved search: its result and the ids of its new hits (not among the hits
        of its previous run). ``record`` makes this run the next one's baseline (never in
        a read-only window, nor when the search failed)."""
        store = self._saved()
        entry = store.get(name)
        result = self.search(entry["query"], limit=None, sort=entry.get("sort", "relevance"),
                             filters=entry.get("filters") or None)
        from scoda_desktop.core.workflow.saved import new_ids

        ids = [h.id for h in result.hits]
        new = new_ids(entry, ids)
        if record and not self.read_only and self._store.usable():
            store.record_run(name, ids)
        if limit is not None:
            result.hits = result.hits[:limit]
        return result, new

    def saved_new_counts(self) -> list[dict[str, Any]]:
        """Each saved search with ``new`` (hits its last run did not have) and ``total``,
        without recording a run: what the window shows after a sync."""
        out = []
        for entry in self.saved_searches():
            result, new = self.run_saved_search(entry["name"], record=False)
            out.append(dict(entry, new=len(new), total=result.total, error=result.error))
        return out

    def _collections(self) -> Any:
        from scoda_desktop.core.workflow.collections import Collections

        return Collections(self.data_dir)

    def notes(self) -> dict[str, str]:
        """doc id -> the user's notes on it (every collection): what ``note:`` searches."""
        return self._collections().notes()

    def collect(self, name: str, ref: str, note: str | None = None) -> dict[str, Any]:
        """Put a document (id, id prefix or path) in collection ``name`` with ``note``
        (None keeps an existing note). Returns the entry; raises CollectionError."""
        from scoda_desktop.core.workflow.collections import CollectionError

        self._check_writable()
        doc_id = self.resolve(ref)
        if doc_id is None:
            raise CollectionError(f"no indexed document with id or path {ref!r}")
        info = self.info(doc_id)
        paths = info.get("paths") or [""]
        store = self._collections()
        entry = store.add(name, {"id": doc_id, "title": info.get("title"), "path": paths[0]},
                          note)
        kept = store.store.kept_aside
        if kept:
            entry["message"] = f"the broken collections file was kept as {kept}"
        return entry

    def uncollect(self, name: str, ref: str | None = None) -> None:
        """Take a document out of a collection (no ``ref``: delete the collection)."""
        self._check_writable()
        doc_id = self.resolve(ref) if ref else None
        self._collections().remove(name, doc_id or ref)

    def collections(self) -> list[dict[str, Any]]:
        """``[{"name", "count", "documents": [{"id", "title", "note"}]}]``; titles from the
        index when the document is still there, else as they were when added."""
        out = []
        for coll in self._collections().list():
            docs = [{"id": d["id"], "title": self.info(d["id"]).get("title") or d.get("title"),
                     "note": d.get("note", "")} for d in coll.get("documents", [])]
            out.append({"name": coll["name"], "count": len(docs), "documents": docs})
        return out

    def _cite_info(self, doc_id: str, fallback: dict[str, Any] | None = None
                   ) -> dict[str, Any]:
        doc = self.document(doc_id)
        if doc is None:
            return dict(fallback or {}, id=doc_id)
        info = doc.to_json()
        for bulky in ("text", "removed", "entities", "metrics"):
            info.pop(bulky, None)
        return info

    def citation_records(self, query: str, *, sort: str = "relevance",
                         filters: dict[str, str] | None = None) -> list[dict[str, Any]]:
        """Every hit of a query as a citation record, with the user's note if it has one."""
        from scoda_desktop.core.workflow.citations import citation_record

        notes = self.notes()
        hits = self.search(query, limit=None, sort=sort, filters=filters, plain=True).hits
        return [citation_record(self._cite_info(h.id), notes.get(h.id, "")) for h in hits]

    def collection_citations(self, name: str) -> list[dict[str, Any]]:
        from scoda_desktop.core.workflow.citations import citation_record

        coll = self._collections().get(name)
        return [citation_record(self._cite_info(d["id"], d), d.get("note", ""))
                for d in coll.get("documents", [])]

    def collection_rows(self, name: str) -> list[dict[str, Any]]:
        """A collection's documents as export rows (``export.COLLECTION_FIELDS``)."""
        from scoda_desktop.core.export import COLLECTION_FIELDS

        return [{k: rec.get(k) for k in COLLECTION_FIELDS}
                for rec in self.collection_citations(name)]

    def close(self) -> None:
        self._close_retired()
        self._store.close()
        self._lock.release()
