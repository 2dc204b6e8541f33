"""The corpus service: the one object the CLI and the window call.

It owns the data directory (the list of sources the user added, the Whoosh index) and
joins ingest, extraction and the index. CONTRACT STUB: the signatures and docstrings below
are the API the UI and CLI are written against; the index work fills in the bodies.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scoda_desktop.core.documents import Document, Progress, SearchResult, Skipped


@dataclass
class SyncReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    duplicates: list[list[str]] = field(default_factory=list)  # groups of paths
    documents: int = 0  # documents in the index after the sync
    cancelled: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "skipped": [s.to_json() for s in self.skipped],
            "duplicates": self.duplicates,
            "documents": self.documents,
            "cancelled": self.cancelled,
        }


class Corpus:
    """Sources + index in one data directory.

    ``Corpus(data_dir=None)`` uses ``SCODA_DATA_DIR`` or platformdirs'
    ``user_data_dir("scoda-desktop")``; the bundled seeds are always a source.
    Reading methods are safe to call from a worker thread while no sync runs.
    """

    def __init__(self, data_dir: Path | None = None, *, seeds_dir: Path | None = None) -> None:
        raise NotImplementedError

    data_dir: Path

    # -- sources -----------------------------------------------------------------------
    def sources(self) -> list[str]:
        """The seeds folder and every file/folder the user added (absolute paths)."""
        raise NotImplementedError

    def add_sources(self, paths: list[str | Path]) -> None:
        """Remember these files/folders in the manifest (the next sync indexes them)."""
        raise NotImplementedError

    def remove_source(self, path: str | Path) -> None:
        raise NotImplementedError

    # -- indexing ----------------------------------------------------------------------
    def needs_sync(self) -> bool:
        """True when there is no usable index yet (first start, schema change)."""
        raise NotImplementedError

    def sync(
        self, *, rebuild: bool = False, cancel: Callable[[], bool] | None = None
    ) -> Generator[Progress, None, SyncReport]:
        """Bring the index up to date; yields Progress, returns a SyncReport.

        Only new/changed files are read again; a cancelled sync commits nothing.
        """
        raise NotImplementedError

    # -- reading -----------------------------------------------------------------------
    def search(
        self,
        query: str,
        *,
        limit: int | None = 20,
        sort: str = "relevance",
        filters: dict[str, str] | None = None,
    ) -> SearchResult:
        """Run a query; never raises for bad query text (see SearchResult.error).

        ``filters`` maps a field (source, year, entity, person, org, place, facility,
        event, unit) to a value and narrows the hits, like ``field:"value"`` would.
        """
        raise NotImplementedError

    def document(self, ref: str) -> Document | None:
        """A whole Document (text, removed lines, entities, metrics) by id or path."""
        raise NotImplementedError

    def count(self) -> int:
        raise NotImplementedError

    def entity_counts(self) -> dict[tuple[str, str], int]:
        """(type, canonical) -> number of documents in the corpus that mention it."""
        raise NotImplementedError

    def series(self) -> list[Any]:
        """The metric ledger: ``extract.Series`` objects over the whole corpus."""
        raise NotImplementedError

    def stats(self) -> dict[str, Any]:
        """documents, words, sources, date range, top entities, series (as JSON data)."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError
