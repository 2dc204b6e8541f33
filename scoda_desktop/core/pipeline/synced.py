"""What the last complete sync saw (``synced.json``), so an unchanged re-sync is a scan.

Why: a re-sync of a folder nobody touched must cost what a stat of every file costs, as
Recoll's does. The slow way reads and checks the whole catalog (3.5 MB of JSON at 10,000
articles: about half of the re-sync) only to find that every file's size and mtime are what
it recorded. After a sync (or a second phase) that left nothing to do, the corpus writes
here a digest of every (path, size, mtime) the catalog holds, with the generation and the
catalog digest it belongs to and the report's totals. The next sync scans the sources; when
the scan's digest is that one and the index is still exactly the one written then (the same
generation, schema and extraction rules, the catalog's bytes, the size and mtime of every
Whoosh file and of their list, no newer commit), nothing can have changed: it reports
"unchanged" without opening the catalog.
Anything else (a file touched, added or gone, a broken file that is read again at every
sync, a commit since, enrichment pending, a damaged or missing record) takes the full path.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from scoda_desktop.core.fileio import atomic_write
from scoda_desktop.core.pipeline import catalog as catalog_rules
from scoda_desktop.core.pipeline.catalog import catalog_digest, read_meta
from scoda_desktop.core.pipeline.store import FILES

SYNCED = "synced.json"


def stat_digest(entries: Iterable[tuple[str, int, float]]) -> str:
    """SHA-1 of (path, size, mtime) entries, in path order (``repr`` keeps each mtime
    exact: the catalog compares them with ``==``)."""
    text = "".join([f"{path}\0{size}\0{mtime!r}\n" for path, size, mtime in sorted(entries)])
    return hashlib.sha1(text.encode("utf-8", "surrogatepass"),
                        usedforsecurity=False).hexdigest()


def remember(folder: Path, *, generation: int, schema_version: int,
             files: Iterable[tuple[str, int, float]], documents: int,
             duplicates: list[list[str]]) -> None:
    """Record a complete, settled index in ``folder`` (after its catalog was saved)."""
    try:
        listed = json.loads((folder / FILES).read_text(encoding="utf-8"))["files"]
        index_files = {name: _stamp(folder / name) for name in [*listed, FILES]}
    except (OSError, ValueError, KeyError, TypeError):
        return
    record = {"generation": generation, "schema_version": schema_version,
              "extractor": catalog_rules.EXTRACTION_VERSION,
              "catalog": catalog_digest(folder), "index_files": index_files,
              "files": stat_digest(files), "documents": documents, "duplicates": duplicates}
    if record["catalog"] is not None:
        atomic_write(folder / SYNCED, json.dumps(record))


def _stamp(path: Path) -> list[int]:
    """Size and mtime (ns) of an index file: any write to it since changes one of them."""
    st = path.stat()
    return [st.st_size, st.st_mtime_ns]


def settled(folder: Path, schema_version: int) -> dict[str, Any] | None:
    """The record, when the index in ``folder`` is still exactly the one it describes."""
    try:
        record = json.loads((folder / SYNCED).read_text(encoding="utf-8"))
        generation = record["generation"]
        index_files = dict(record["index_files"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    meta = read_meta(folder) or {}
    if not isinstance(generation, int) or record.get("schema_version") != schema_version \
            or record.get("extractor") != catalog_rules.EXTRACTION_VERSION \
            or meta.get("schema_version") != schema_version \
            or meta.get("generation") != generation:
        return None
    try:
        tocs = [n[6:-4] for n in os.listdir(folder) if n.startswith("_MAIN_")
                and n.endswith(".toc")]
        if max((int(t) for t in tocs if t.isdigit()), default=-1) != generation or any(
                _stamp(folder / name) != stamp for name, stamp in index_files.items()):
            return None  # a newer commit (a crash before its catalog), or files written
    except OSError:
        return None
    if record.get("catalog") != catalog_digest(folder):
        return None
    return record
