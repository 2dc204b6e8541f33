"""Incremental sync: bring one index in line with the files of the sources.

A file is read again only when its (size, mtime) changed *and* its sha256 did too; identical
files are one document with several paths; a document whose last path is gone leaves the
index. New and changed files are prepared (clean, extract, analyse) in a process pool on big
imports and in process on small ones (< ``POOL_MIN`` files, where starting workers costs more
than it saves); the one writer files them and commits: once, or every ``COMMIT_EVERY``
documents in a big first phase (below). Cancelled: nothing more is committed.
A web archive is one file of many documents: ``containers`` reads it record by record, from
where it changed, after the other files.

Searchable first (``run_sync``), enriched after (``enrich.run_enrich``): a sync of
``ENRICH_LATER_MIN`` files or more prepares them without extraction (text, title, date,
source, author, language), commits, and marks them in the catalog as waiting for the second
phase, which adds entities, metrics, the ledger and near-duplicate groups in a second commit.
A smaller sync does both in its one commit (a second commit's fixed costs would outweigh
what it saves).

A big first phase commits in batches of ``COMMIT_EVERY`` documents: another process finds
each batch as it lands, the workers go on reading during each batch commit (they are handed
more files first), and the last commit, which nothing overlaps, stays small. A batch's
catalog records exactly the files filed so far, so a kill or cancel after it keeps it and the
next sync reads the rest. The second phase replaces every document of those segments, so
they are all dropped at its commits: the final index has the segments one commit gives.
"""

from __future__ import annotations

import functools
import hashlib
import os
import sys
import threading
from collections import Counter, deque
from collections.abc import Callable, Generator, Iterator
from itertools import islice
from typing import Any

from scoda_desktop.core.documents import Progress, Skipped, SyncReport
from scoda_desktop.core.ingest.files import scan
from scoda_desktop.core.ingest.formats import is_container
from scoda_desktop.core.ingest.reader import size_limit, too_large
from scoda_desktop.core.pipeline.catalog import Catalog, FileRecord
from scoda_desktop.core.pipeline.prepare import Prepared, prepare_file, prepare_searchable
from scoda_desktop.core.pipeline.spool import SPOOL
from scoda_desktop.core.pipeline.store import IndexStore

POOL_MIN = 50
ENRICH_LATER_MIN = 200  # files to read from which enrichment waits for a second phase
WORKERS = 2
# Documents per commit of a big first phase (see ``run_sync``), and the share of a batch
# handed to the workers before each such commit; measured in docs/PERFORMANCE.md.
COMMIT_EVERY = 1000
PREFETCH_SHARE = 5


def _sha256(path: str) -> str | None:
    h = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
    except OSError:
        return None
    return h.hexdigest()


class _Files:
    """Prepared files in order (``Prepared`` or ``Skipped``); a pool of worker processes
    for big batches (``spool``: the folder where a first phase keeps its analysed text for
    the second, ``spool.py``). ``prefetch`` hands the workers more files before a batch
    commit, so they go on while the main process commits (``Feed``)."""

    def __init__(self, paths: list[str], cancel: Callable[[], bool], enrich: bool = True,
                 spool: str | None = None, meanwhile: Callable[[], None] | None = None
                 ) -> None:
        self.paths, self.cancel, self.meanwhile = paths, cancel, meanwhile
        self.fn = prepare_file if enrich else functools.partial(prepare_searchable,
                                                                 spool=spool)
        self.feed: Any = None

    def prefetch(self, items: int) -> None:
        if self.feed is not None:
            self.feed.prefetch(items)

    def __iter__(self) -> Iterator[Prepared | Skipped]:
        if len(self.paths) < POOL_MIN:
            for p in self.paths:
                if self.cancel():
                    return
                yield self.fn(p)
            return
        pool = make_pool()
        try:
            self.feed = Feed(pool, self.fn, iter(self.paths))
            if self.meanwhile is not None:  # the workers start, then this process's share
                self.feed.prefetch(self.feed.ahead * self.feed.chunksize)
                self.meanwhile()
            for item in self.feed:
                yield item
                if self.cancel():
                    return
        finally:
            self.feed = None
            pool.shutdown(wait=True, cancel_futures=True)


# In a worker: the vocabulary words it has already handed to the main process this sync
# (a pool lives for one sync; a forked worker starts with this empty, as the main process
# never adds to it).
_REPORTED: set[str] = set()


def _run_chunk(fn: Callable[[Any], Any], chunk: list[Any]) -> list[Any]:
    out = [fn(x) for x in chunk]
    for item in out:
        if isinstance(item, Prepared) and item.words:
            _only_new_words(item)
    return out


def _only_new_words(item: Prepared) -> None:
    """Keep only the words this worker has not sent with an earlier document. The main
    process adds a document's words with ``setdefault`` in filing order, and the chunks of a
    worker are filed in the order it prepared them, so a word's first document is still
    the one that gives it to the vocabulary; a later copy of it changes nothing. Why: ~320
    words a document, nearly all known after a few hundred documents, were pickled both
    ways and looked up again (~0.25 ms a document, most of it in the main process). (A
    document the main process turns away is one it already has, whose words it holds.)"""
    words = item.words
    fresh = _unknown(words, _REPORTED)
    if len(fresh) < len(words):
        item.words = {w: words[w] for w in fresh}
    _REPORTED.update(fresh)


def _unknown(words: dict[str, str], known: set[str] | dict[str, str]) -> list[str]:
    """The words not in ``known``, in ``words``' order, each looked up once in C:
    ``set.difference`` with a set or dict looks each of the document's words up in it with
    the hashes the new set holds (``keys() - keys()`` would walk all of ``known`` instead,
    a cost that grew with the corpus: 1.0 s of the main process's CPU over 5,000
    articles)."""
    new = set(words).difference(known)
    return list(filter(new.__contains__, words)) if new else []


class Feed:
    """``pool.map(fn, items, chunksize=...)`` in order, with at most ``ahead`` chunks
    submitted and not yet consumed, ``items`` drawn only as chunks are submitted.
    ``Executor.map`` submits every chunk at once, so when the main process falls behind (a
    busy machine) every finished result waits in memory (part of the peak RSS of a big
    import); ``ahead`` chunks keep both workers busy. ``prefetch`` submits more now, before
    a long pause of the caller (a batch commit), so the workers go on instead of waiting
    idle for it (their results wait in memory: a few MB)."""

    def __init__(self, pool: Any, fn: Callable[[Any], Any], items: Iterator[Any],
                 chunksize: int = 8, ahead: int = 8) -> None:
        self.pool, self.fn, self.source = pool, fn, items
        self.chunksize, self.ahead = chunksize, ahead
        self.pending: deque[Any] = deque()

    def _submit(self) -> bool:
        chunk = list(islice(self.source, self.chunksize))
        if chunk:
            self.pending.append(self.pool.submit(_run_chunk, self.fn, chunk))
        return bool(chunk)

    def prefetch(self, items: int) -> None:
        for _ in range(-(-items // self.chunksize)):
            if not self._submit():
                return

    def __iter__(self) -> Iterator[Any]:
        while True:
            while len(self.pending) < self.ahead and self._submit():
                pass
            if not self.pending:
                return
            yield from self.pending.popleft().result()


def pool_forks() -> bool:
    """True when ``make_pool`` forks this process: its workers then start with what this
    process has loaded (so loading it once here spares each worker the loading)."""
    import multiprocessing as mp

    return ("fork" in mp.get_all_start_methods() and threading.active_count() == 1
            and sys.platform != "darwin")


def make_pool() -> Any:
    """A pool of ``WORKERS`` processes, started the safest fast way for this process."""
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    # fork when this process has a single thread (fast: workers inherit the imports);
    # forkserver when it has more (forking a threaded process, like the window, is unsafe);
    # spawn where neither exists (Windows, macOS default).
    methods = mp.get_all_start_methods()
    method = "fork" if pool_forks() else "forkserver" if "forkserver" in methods else "spawn"
    ctx = mp.get_context(method)
    if method == "forkserver":
        ctx.set_forkserver_preload(["scoda_desktop.core.pipeline.prepare"])
    return ProcessPoolExecutor(max_workers=WORKERS, mp_context=ctx)


def run_sync(service: IndexStore, catalog: Catalog, sources: list[str],
             cancel: Callable[[], bool], report: SyncReport, *,
             scanned: tuple[dict[str, os.stat_result], list[Skipped]] | None = None
             ) -> Generator[Progress, None, bool]:
    """Sync ``catalog`` (mutated) and ``service``'s index; returns False when cancelled.
    ``scanned``: the caller's ``scan(sources)`` of a moment ago, not done again."""
    yield Progress(0, 0, "", "scanning")
    found, skipped = scanned or scan(sources)
    report.skipped.extend(skipped)
    known_sha = {rec[2]: rec[3] for rec in catalog.files.values()}
    todo: list[str] = []
    updates: set[str] = set()
    dirty = False
    unlinked: set[str] = set()  # doc ids that lost a path in this sync
    copies: list[str] = []  # doc ids that new paths link to by content
    new_docs: dict[str, Prepared] = {}
    archives: list[tuple[str, int]] = []  # (archive, offset to read from)
    for path, st in found.items():
        rec = catalog.files.get(path)
        if rec and rec[0] == st.st_size and rec[1] == st.st_mtime:
            report.unchanged += 1
            continue
        if is_container(path):  # an archive: read from where it changed, never hashed whole
            from scoda_desktop.core.pipeline import containers  # only when there is one

            start = containers.resume_offset(catalog, path, st)
            if rec and not start:
                unlinked.update(containers.unlink_archive(catalog, path))
            report.updated += 1 if rec else 0
            report.added += 0 if rec else 1
            archives.append((path, start))
            continue
        limit = size_limit(path)
        if limit is not None and st.st_size > limit:  # refused from the stat: never read
            report.skipped.append(Skipped(path, too_large(st.st_size, limit)))
            if rec:
                report.removed += 1
                unlinked.add(_unlink(catalog, path))
            continue
        sha = _sha256(path) if (rec or known_sha) else None
        if rec and sha == rec[2]:
            catalog.files[path] = FileRecord(st.st_size, st.st_mtime, rec.sha256, rec.doc_id)
            report.unchanged += 1
            dirty = True
            continue
        if rec:
            report.updated += 1
            updates.add(path)
            unlinked.add(_unlink(catalog, path))
        else:
            report.added += 1
        if sha and sha in known_sha and known_sha[sha] in catalog.docs:  # identical copy
            _link(catalog, path, st, sha, known_sha[sha])
            dirty = True  # a new path for a known document: the catalog must be saved
            if not rec:
                copies.append(known_sha[sha])
        else:
            todo.append(path)
    moved_from: Counter[str] = Counter()
    for path in [p for p in catalog.files if p not in found]:
        report.removed += 1
        if is_container(path):
            from scoda_desktop.core.pipeline import containers

            unlinked.update(containers.unlink_archive(catalog, path))
            continue
        doc_id = _unlink(catalog, path)
        unlinked.add(doc_id)
        moved_from[doc_id] += 1
    for doc_id in copies:  # a file that moved (or a seed installed elsewhere): same document
        if moved_from[doc_id] > 0:
            moved_from[doc_id] -= 1
            report.added -= 1
            report.removed -= 1
            report.unchanged += 1
    if cancel():
        return False
    writer = None
    vocab = None

    def add(item: Prepared) -> None:
        """File a prepared document (unless one with its id is there); the caller links it."""
        nonlocal writer, vocab
        if item.id in catalog.docs or item.id in new_docs:
            return
        if writer is None:
            writer = service.writer()
        writer.add_document(**item.fields)
        item.fields = {}  # filed: keep only what the catalog needs, not the postings
        if vocab is None:
            vocab = catalog.side("vocab")
        _add_words(vocab, item.words)
        item.words = {}
        new_docs[item.id] = item
        catalog.add_doc(item.id, item.info)

    def file_gone() -> dict[str, Any]:
        """Delete the documents whose last path went (in this sync) from the index and the
        catalog: (id -> signature) of those, for ``regroup``. Done at every commit, so a
        committed catalog never keeps a document that no file holds any more."""
        gone = [d for d in unlinked if d and d in catalog.docs and not catalog.docs[d]["paths"]]
        unlinked.difference_update(gone)
        sigs = catalog.side("signatures")
        removed = {doc_id: sigs.get(doc_id, ()) for doc_id in gone}
        for doc_id in gone:
            writer.delete_by_term("id", doc_id)
            catalog.drop_doc(doc_id)
        return removed

    done = 0
    batch = 0  # documents filed since the last commit
    enrich = len(todo) < ENRICH_LATER_MIN

    def load_sides() -> None:
        """While the workers start (~1 s for a small sync: extraction's tables, the first
        chunk): the side files this sync's filing and commit will read anyway (entities
        for a new document, signatures and metrics for one dropped or enriched now)."""
        catalog.side("entities")
        if enrich or unlinked:
            catalog.side("signatures")
            catalog.side("metrics")

    files = _Files(todo, cancel, enrich, str(service.folder / SPOOL), meanwhile=load_sides)
    for item in files:
        done += 1
        if isinstance(item, Skipped):
            report.skipped.append(item)
            if item.path in updates:  # it was indexed, and now cannot be read: it leaves
                report.updated -= 1
                report.removed += 1
            else:
                report.added -= 1
            yield Progress(done, len(todo), item.path, "reading")
            continue
        if item.warning:  # indexed (by its title) but worth telling: "no article text found"
            report.messages.append(f"{item.path}: {item.warning}")
        add(item)
        batch += 1
        _link(catalog, item.path, found[item.path], item.sha256, item.id)
        yield Progress(done, len(todo), item.path, "reading")
        if not enrich and batch >= COMMIT_EVERY and len(todo) - done >= COMMIT_EVERY // 2 \
                and writer is not None and not cancel():
            # a batch commit: these documents become searchable (a second process sees
            # them) while the rest is read, and the last commit stays small. The catalog
            # saved with it records exactly the files filed so far (the rest are not in
            # ``catalog.files`` yet), their documents marked for the second phase: a kill
            # from here on keeps them, and the next sync reads only the others.
            yield Progress(done, len(todo), "", "committing")
            files.prefetch(COMMIT_EVERY // PREFETCH_SHARE)  # the workers go on meanwhile
            catalog.regroup(file_gone(), [])
            service.commit(writer, catalog)
            writer, batch = None, 0
            new_docs.clear()  # in the catalog now: ``add`` finds them there
            yield Progress(done, len(todo), "", "reading")
    for path, start in archives:
        if cancel():
            break
        yield from _read_archive(catalog, path, found[path], start, add, new_docs, cancel,
                                 report)
    if cancel():
        if writer is not None:
            writer.cancel()
        return False
    gone = [d for d in unlinked if d and d in catalog.docs and not catalog.docs[d]["paths"]]
    if not writer and not gone and not new_docs:
        if dirty or report.updated or report.added or report.removed or catalog.generation < 0:
            service.save_catalog_and_table(catalog)
        return True
    if writer is None:
        writer = service.writer()
    yield Progress(done, len(todo), "", "committing")
    removed = file_gone()
    sigs, metrics = catalog.side("signatures"), catalog.side("metrics")
    enriched = [d for d, item in new_docs.items() if not item.info.get("enrich")]
    for doc_id in enriched:
        sigs[doc_id] = new_docs[doc_id].signature
        metrics[doc_id] = new_docs[doc_id].metrics
    if cancel():
        writer.cancel()
        return False
    catalog.regroup(removed, enriched)
    service.commit(writer, catalog)
    return True


def _read_archive(catalog: Catalog, path: str, st: os.stat_result, start: int,
                  add: Callable[[Prepared], None], new_docs: dict[str, Prepared],
                  cancel: Callable[[], bool], report: SyncReport) -> Iterator[Progress]:
    """File the article records of one archive from byte ``start``; count the others."""
    from scoda_desktop.core.ingest.formats.warc import Skip
    from scoda_desktop.core.pipeline import containers

    containers.begin(catalog, path, start)
    reader = containers.open_archive(path, start, catalog)
    pool = make_pool() if st.st_size - start >= containers.POOL_MIN_BYTES else None
    try:
        for item in containers.archive_items(
                reader, st.st_mtime, lambda i: i in catalog.docs or i in new_docs, cancel, pool):
            if isinstance(item, Skip | Skipped):
                report.skip_records(path, item.reason)
            else:
                if isinstance(item, Prepared):
                    add(item)
                containers.link_record(catalog, path, item.id)
            yield Progress(reader.records, 0, path, "reading records")
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
    if reader.damaged:
        report.skipped.append(Skipped(path, reader.damaged))
    containers.finish(catalog, path, st, reader)


def _add_words(vocab: dict[str, str], words: dict[str, str]) -> None:
    """``vocab.setdefault(w, t)`` for each of a document's words, in order, in C: most of
    them are known (a setdefault a word was ~0.3 ms a document of the main process)."""
    fresh = _unknown(words, vocab)
    vocab.update(zip(fresh, map(words.__getitem__, fresh), strict=True))


def _link(catalog: Catalog, path: str, st: os.stat_result, sha: str, doc_id: str) -> None:
    catalog.files[path] = FileRecord(st.st_size, st.st_mtime, sha, doc_id)
    paths = catalog.docs[doc_id].setdefault("paths", [])
    if path not in paths:
        paths.append(path)
        paths.sort()


def _unlink(catalog: Catalog, path: str) -> str:
    rec = catalog.files.pop(path, None)
    if rec is None:
        return ""
    info = catalog.docs.get(rec[3])
    if info and path in info.get("paths", []):
        info["paths"].remove(path)
    return rec[3]
