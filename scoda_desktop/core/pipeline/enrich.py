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
    stored_texts,
    text_fields,
)
from scoda_desktop.core.pipeline.spool import SPOOL, Spool, remove
from scoda_desktop.core.pipeline.store import IndexStore


def _enrich_pair(pair: tuple[str, Any, bool]) -> tuple[str, Prepared | None]:
    """Worker entry point: (doc id, its enriched Prepared, or None when not in the index);
    without its analysed text fields when the main process has them from the spool."""
    doc_id, doc, carried = pair
    return doc_id, (enrich_document(doc, analyse=not carried) if doc is not None else None)


def _enriched(service: IndexStore, ids: list[str], cancel: Callable[[], bool]
              ) -> Iterator[tuple[str, Prepared | None]]:
    """(doc id, its enriched Prepared with every field) in order; None for a document the
    index lacks. Documents are read back as the pool asks for them (``sync.bounded_map``: a
    few chunks ahead of the results, so the workers never wait for the main process and no
    more than those chunks' documents and results are held). A document whose first-phase
    postings are in the spool goes to the workers for extraction only; its analysed fields
    join the result here."""
    from scoda_desktop.core.pipeline import sync

    spooled = Spool(service.folder / SPOOL)
    waiting: dict[str, Document] = {}  # in the pool, its analysed fields in the spool

    def pairs() -> Iterator[tuple[str, Any, bool]]:
        for doc_id in ids:
            doc = service.document(doc_id)
            carried = doc is not None and spooled.has(doc_id, doc.text)
            if carried:
                waiting[doc_id] = doc
            yield doc_id, doc, carried

    def joined(pair: tuple[str, Prepared | None]) -> tuple[str, Prepared | None]:
        doc_id, item = pair
        doc = waiting.pop(doc_id, None)
        if doc is not None and item is not None:
            analysed = spooled.take(doc_id)
            if analysed is None:  # its record cannot be read back: analyse it here
                analysed, _ = text_fields(doc)
            else:
                analysed.update(stored_texts(doc))
            item.fields.update(analysed)
        return doc_id, item

    try:
        if len(ids) < sync.POOL_MIN:
            for pair in pairs():
                if cancel():
                    return
                yield joined(_enrich_pair(pair))
            return
        pool = sync.make_pool()
        try:
            for pair in sync.bounded_map(pool, _enrich_pair, pairs()):
                yield joined(pair)
                if cancel():
                    return
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    finally:
        spooled.close()


# Documents per commit of this phase. The writer holds every replaced document's postings
# until it commits, and that commit was the peak of a 10k import (424 MB); committing every
# few thousand bounds it, at the cost of a commit's fixed work per batch.
COMMIT_EVERY = 3000


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
    try:
        for doc_id, item in _enriched(service, ids, cancel):
            done += 1
            paths = catalog.docs.get(doc_id, {}).get("paths") or [""]
            if item is not None:
                writer.delete_by_term("id", doc_id)
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
