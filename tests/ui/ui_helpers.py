"""Helpers shared by the UI tests (waiting for real answers, a corpus with a gated sync)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Generator
from pathlib import Path
from typing import Any

from scoda_desktop.core.documents import Progress, SearchResult, SyncReport
from scoda_desktop.ui.main_window import MainWindow

WAIT = 30000  # ms; generous for a loaded CI machine, never slept


def search(qtbot: Any, window: MainWindow, text: str) -> SearchResult:
    """Type ``text`` and press Enter; return the answer the window shows."""
    with qtbot.waitSignal(window.search.results_changed, timeout=WAIT) as blocker:
        window.search_bar.set_text(text)
        window.search_bar.edit.returnPressed.emit()
    return blocker.args[0]


def open_first(qtbot: Any, window: MainWindow, text: str) -> Any:
    """Search for ``text`` and wait until its first hit is open in the reading view."""
    result = search(qtbot, window, text)
    first = result.hits[0].id
    if window.reading.doc is not None and window.reading.doc.id == first \
            and window.search.current_id() == first:
        return window.reading.doc
    with qtbot.waitSignal(window.reading.document_shown, timeout=WAIT,
                          check_params_cb=lambda doc: doc.id == first) as blocker:
        window.search.select(first)
    return blocker.args[0]


class GatedCorpus:
    """A corpus whose sync yields one Progress per gate opening (to test Cancel exactly)."""

    read_only = False  # the attributes and methods of Corpus the window uses
    read_only_reason = ""

    def __init__(self, data_dir: Path, files: int = 50) -> None:
        self.data_dir = data_dir
        self.files = files
        self.gate = threading.Semaphore(0)
        self.synced = 0

    def sync(self, *, rebuild: bool = False, cancel: Callable[[], bool] | None = None,
             enrich: bool = True) -> Generator[Progress, None, SyncReport]:
        report = SyncReport()
        for i in range(self.files):
            if cancel is not None and cancel():
                report.cancelled = True
                return report
            yield Progress(i, self.files, f"/articles/file_{i:03d}.txt", "reading")
            self.gate.acquire(timeout=30)
        self.synced += 1
        report.added = report.documents = self.files
        return report

    def search(self, query: str, **_kw: Any) -> SearchResult:
        return SearchResult(query=query, parsed=query, total=0, took_ms=0.0)

    def document(self, _ref: str) -> None:
        return None

    def count(self) -> int:
        return 0

    def entity_counts(self) -> dict:
        return {}

    def series(self) -> list:
        return []

    def add_sources(self, _paths: list) -> None:
        pass

    def stats(self) -> dict:
        return {"documents": 0}

    def saved_new_counts(self) -> list:
        return []

    def collections(self) -> list:
        return []
