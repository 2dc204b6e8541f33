"""Web archives in a sync: one file, many documents, read again only where it grew.

A WARC's documents all have the archive as their path and their record's byte offset as
``record``. The catalog keeps, per archive, in its ``containers`` side data: the offset its
last full record ended at, the size then, a hash of the 4 KB before that offset and the ids of
its documents. An unchanged archive is never opened (its (size, mtime) in ``catalog.files``
match, as for any file). One that only grew (same bytes up to the old end: records appended,
as a crawler does) is read from the old end; any other change reads it again whole, and
documents whose records are still there keep their ids (the WARC-Record-ID and payload), so
they are linked again without being cleaned again.
"""

from __future__ import annotations

import hashlib
import os
from collections import deque
from collections.abc import Callable, Iterator
from typing import Any

from scoda_desktop.core.documents import Skipped
from scoda_desktop.core.ingest.formats.warc import ArchiveReader, Page, Skip, record_id_hash
from scoda_desktop.core.ingest.reader import DEFAULT_MAX_BYTES, document_id
from scoda_desktop.core.pipeline.catalog import Catalog, FileRecord
from scoda_desktop.core.pipeline.prepare import Prepared, prepare_document

STATE = "containers"
_CHECK = 4096
WINDOW = 16  # records in flight in the worker pool: a 200 MB archive is never all in memory
POOL_MIN_BYTES = 4 << 20  # smaller archives are prepared in process (starting workers costs)


def archive_state(catalog: Catalog) -> dict[str, dict[str, Any]]:
    """path -> {"end", "size", "check", "gzip_whole", "docs"} for every archive indexed."""
    return catalog.side(STATE)


def _tail_hash(path: str, end: int) -> str | None:
    try:
        with open(path, "rb") as fh:
            fh.seek(max(0, end - _CHECK))
            return hashlib.sha256(fh.read(min(end, _CHECK))).hexdigest()
    except OSError:
        return None


def resume_offset(catalog: Catalog, path: str, st: os.stat_result) -> int:
    """Where to read a changed archive from: the old end if it only grew, else 0."""
    state = archive_state(catalog).get(path)
    if (not state or state.get("gzip_whole") or st.st_size <= state["size"]
            or _tail_hash(path, state["end"]) != state["check"]):
        return 0
    return int(state["end"])


def unlink_archive(catalog: Catalog, path: str) -> list[str]:
    """Forget an archive: its file entry, its state, and it as a path of its documents."""
    catalog.files.pop(path, None)
    state = archive_state(catalog).pop(path, None) or {}
    ids = list(state.get("docs", []))
    for doc_id in ids:
        info = catalog.docs.get(doc_id)
        if info and path in info.get("paths", []):
            info["paths"].remove(path)
    return ids


def link_record(catalog: Catalog, path: str, doc_id: str) -> None:
    """A document of archive ``path`` (its state must exist: see ``begin``)."""
    state = archive_state(catalog)[path]
    if doc_id not in state["docs"]:
        state["docs"].append(doc_id)
    paths = catalog.docs[doc_id].setdefault("paths", [])
    if path not in paths:
        paths.append(path)
        paths.sort()


def begin(catalog: Catalog, path: str, start: int) -> None:
    """Start (or continue, from ``start`` > 0) an archive's state before reading it."""
    states = archive_state(catalog)
    if start == 0 or path not in states:
        states[path] = {"end": 0, "size": 0, "check": "", "gzip_whole": False, "docs": []}


def finish(catalog: Catalog, path: str, st: os.stat_result, reader: ArchiveReader) -> None:
    """Record how far the archive was read; its file entry marks it as unchanged from now."""
    state = archive_state(catalog)[path]
    state.update(end=reader.end, size=st.st_size, gzip_whole=reader.gzip_whole,
                 check=_tail_hash(path, reader.end) or "")
    catalog.files[path] = FileRecord(st.st_size, st.st_mtime, "", "")  # no one document


class Known:
    """A record whose document is already indexed: linked, never cleaned again."""

    __slots__ = ("id",)

    def __init__(self, doc_id: str) -> None:
        self.id = doc_id


def prepare_page(path: str, page: Page, mtime: float) -> Prepared | Skipped:
    """Worker entry point: one article record to a Prepared (cleaned, extracted, signed)."""
    from scoda_desktop.core.ingest.formats.warc import page_document

    try:
        return prepare_document(page_document(path, page, mtime))
    except Exception as exc:  # noqa: BLE001 - one odd record must not stop an import
        return Skipped(path, f"record at byte {page.offset}: {type(exc).__name__}")


def archive_items(reader: ArchiveReader, mtime: float, known: Callable[[str], bool],
                  cancel: Callable[[], bool], pool: Any = None
                  ) -> Iterator[Prepared | Skipped | Skip | Known]:
    """The records of ``reader`` prepared, in order, with at most WINDOW in the pool."""
    pending: deque[Any] = deque()
    path = reader.path
    for item in reader:
        if isinstance(item, Page):
            doc_id = document_id(record_id_hash(item))
            if known(doc_id):
                item = Known(doc_id)
            elif pool is None:
                item = prepare_page(path, item, mtime)
            else:
                pending.append(pool.submit(prepare_page, path, item, mtime))
                while len(pending) >= WINDOW or (pending and pending[0].done()):
                    yield pending.popleft().result()
                item = None
        if item is not None:
            yield item
        if cancel():
            break
    while pending:
        future = pending.popleft()
        if cancel():
            future.cancel()
            continue
        yield future.result()


def open_archive(path: str, start: int, catalog: Catalog) -> ArchiveReader:
    state = archive_state(catalog).get(path) or {}
    return ArchiveReader(path, start, max_bytes=DEFAULT_MAX_BYTES,
                         gzip_whole=bool(start and state.get("gzip_whole")))
