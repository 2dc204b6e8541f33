"""The second phase of a sync: entities, metrics, the ledger and near-duplicate groups.

The first phase (``sync.run_sync``) made documents searchable and marked them in the
catalog (``Catalog.unenriched``). This phase reads each one back from the index (its clean
text and metadata are stored there, so no file is read or cleaned again), extracts in the
worker pool, and replaces the document in the index with its full fields: entities are
searchable fields too (``entity:``, ``org:``, ...), and Whoosh cannot add fields to a
document, so the writer deletes it and adds it again, then commits (every
``COMMIT_EVERY`` documents, and at the end). The catalog gets the entities, metric ledger
entries, MinHash signatures and the regrouped near-duplicates in the same commit, and their
marks are cleared.

A kill or a cancel before a commit loses nothing: the marks are still in the catalog of
the last commit, and the next sync (or ``Corpus.enrich``) does this phase again for them.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator
from typing import Any

from scoda_desktop.core.documents import Document, Progress
from scoda_desktop.core.pipeline.catalog import Catalog
from scoda_desktop.core.pipeline.prepare import (
    Prepared,
    enrich_document,
    text_field_names,
    text_fields,
)
from scoda_desktop.core.pipeline.spool import SPOOL, Spool, remove
from scoda_desktop.core.pipeline.store import IndexStore


def _enrich_pair(pair: tuple[str, Any, bool]) -> tuple[str, Prepared | None]:
    """Worker entry point: (doc id, its enriched Prepared, or None when not in the index);
    without its analysed text fields when the main process has them from the spool."""
    doc_id, doc, carried = pair
    return doc_id, (enrich_document(doc, analyse=not carried) if doc is not None else None)


def _load_extraction() -> None:
    """Import extraction and let it load its tables (word lists, gazetteers, patterns) in
    this process, before the pool forks: each worker would otherwise load them itself,
    ~0.4 s of CPU each (0.25 import, 0.16 first call), at the start of every second phase.
    Loaded once here, the workers share the pages (copy-on-write); ~16 MB more in this
    process. Only a head start: a failure shows again in the workers, where it is reported
    as it always was."""
    import contextlib

    from scoda_desktop.core.extract import extract

    with contextlib.suppress(Exception):
        extract(_SAMPLE, doc_date="2024-07-04")


# One sentence with a name, an organisation, a place, a date and a quantity, so that the
# first call loads every table extraction reads lazily.
_SAMPLE = ("Mr Li Wei of the Shanghai Cooperation Organisation said in Qingdao on 3 July "
           "2024 that trade with Kazakhstan rose 12% to $4.5 billion.")


class _Enriched:
    """(doc id, its enriched Prepared with every field) in order; None for a document the
    index lacks. Documents are read back as the pool asks for them (``sync.Feed``: a few chunks
    ahead of the results, so the workers never wait for the main process and no more than
    those chunks' documents and results are held). A document whose first-phase postings
    are in the spool goes to the workers for extraction only; its analysed fields join the
    result here."""

    def __init__(self, service: IndexStore, ids: list[str], cancel: Callable[[], bool]
                 ) -> None:
        self.service, self.ids, self.cancel = service, ids, cancel
        self.spooled = Spool(service.folder / SPOOL)
        self.waiting: dict[str, Document] = {}  # in the pool, its analysed fields spooled
        self.feed: Any = None  # sync.Feed while the pool runs

    def prefetch(self, items: int) -> None:
        """Give the workers ``items`` more documents now (before a commit)."""
        if self.feed is not None:
            self.feed.prefetch(items)

    def _pairs(self) -> Iterator[tuple[str, Any, bool]]:
        for doc_id in self.ids:
            doc = self.service.document(doc_id)
            carried = doc is not None and self.spooled.has(doc_id, doc.text)
            if carried:
                self.waiting[doc_id] = doc
            yield doc_id, doc, carried

    def _joined(self, pair: tuple[str, Prepared | None]) -> tuple[str, Prepared | None]:
        doc_id, item = pair
        doc = self.waiting.pop(doc_id, None)
        if doc is not None and item is not None:
            # the worker's fields hold these as empty postings (``prepare.carried_texts``);
            # their stored values are in its finished record already
            names = text_field_names(doc)
            analysed = self.spooled.take(doc_id)
            if analysed is None or set(analysed) != set(names):
                analysed, _ = text_fields(doc)  # its record cannot be read back: analyse
            item.fields.update({name: analysed[name] for name in names})
        return doc_id, item

    def __iter__(self) -> Iterator[tuple[str, Prepared | None]]:
        from scoda_desktop.core.pipeline import sync

        try:
            if len(self.ids) < sync.POOL_MIN:
                for pair in self._pairs():
                    if self.cancel():
                        return
                    yield self._joined(_enrich_pair(pair))
                return
            if sync.pool_forks():
                _load_extraction()
            pool = sync.make_pool()
            try:
                self.feed = sync.Feed(pool, _enrich_pair, self._pairs())
                for pair in self.feed:
                    yield self._joined(pair)
                    if self.cancel():
                        return
            finally:
                self.feed = None
                pool.shutdown(wait=True, cancel_futures=True)
        finally:
            self.spooled.close()


# Documents per commit of this phase. The writer holds every replaced document's postings
# until it commits, and that commit was the peak of a 10k import (424 MB); committing every
# few thousand bounds it, at the cost of a commit's fixed work per batch.
COMMIT_EVERY = 3000
# Documents handed to the workers before such a commit, as a share of a batch: about what
# two workers on the core the commit leaves them do while it runs (~1.3 ms of commit CPU
# a document of the batch, ~6 ms of worker CPU a document), their results then waiting
# in memory (~40 KB a document: ~24 MB for 600).
PREFETCH_SHARE = 5


def run_enrich(service: IndexStore, catalog: Catalog, cancel: Callable[[], bool]
               ) -> Generator[Progress, None, bool]:
    """Enrich every document ``catalog`` marks, committing every ``COMMIT_EVERY``; returns
    False when cancelled (what this run had not committed yet is dropped, and its marks
    stay for the next run)."""
    ids = catalog.unenriched()
    if not ids:
        remove(service.folder / SPOOL)  # a one-phase sync after a killed second phase
        return True
    total = len(ids)
    yield Progress(0, total, "", "enriching")
    writer = service.writer()
    done = 0
    enriched: list[str] = []
    results = _Enriched(service, ids, cancel)
    try:
        for doc_id, item in results:
            done += 1
            paths = catalog.docs.get(doc_id, {}).get("paths") or [""]
            if item is not None:
                writer.delete_unique("id", doc_id)
                writer.add_document(**item.fields)
                item.fields = {}
                catalog.set_enriched(doc_id, item.info, item.signature, item.metrics)
                enriched.append(doc_id)
            else:  # not in the index (cannot happen in a consistent folder): unmark it
                catalog.set_enriched(doc_id, None, None, None)
            if cancel():
                writer.cancel()
                return False
            yield Progress(done, total, paths[0], "enriching")
            if len(enriched) >= COMMIT_EVERY and done < total:
                results.prefetch(COMMIT_EVERY // PREFETCH_SHARE)  # work on while committing
                catalog.regroup({}, enriched)  # the pairs of these against all before
                service.commit(writer, catalog)
                writer = service.writer()
                enriched = []
        if cancel():
            writer.cancel()
            return False
        yield Progress(done, total, "", "committing")
        catalog.regroup({}, enriched)
        service.commit(writer, catalog)
        remove(service.folder / SPOOL)  # every record is used
    except BaseException:
        if not writer.is_closed:
            writer.cancel()
        raise
    return True
