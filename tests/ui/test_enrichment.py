"""The window during a sync's second phase: searching works at once, the status bar shows
"enriching n/N" with Cancel, the panels that need entities and metrics say they are being
filled (no partial counts), and everything updates when the phase ends."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from scoda_desktop.core.corpus import Corpus
from scoda_desktop.core.pipeline import sync as sync_module
from tests.ui.ui_helpers import WAIT, search


@pytest.fixture
def gated(monkeypatch, tmp_path: Path):
    """A corpus over the seeds whose enrichment stops after its first document until the
    test opens the gate (every sync in two phases, however few its files)."""
    monkeypatch.setattr(sync_module, "ENRICH_LATER_MIN", 1)
    corpus = Corpus(tmp_path / "data")
    gate = threading.Semaphore(0)
    real = corpus.enrich

    def enrich(*, cancel=None):
        gen = real(cancel=cancel)
        try:
            while True:
                p = next(gen)
                yield p
                if p.stage == "enriching" and p.done == 1:
                    gate.acquire(timeout=30)
        except StopIteration as stop:
            return stop.value

    corpus.enrich = enrich
    yield corpus, gate
    gate.release(100)
    corpus.close()


def test_search_works_while_entities_are_being_filled(qtbot, make_window, gated):
    corpus, gate = gated
    window = make_window(corpus, start=False)
    with qtbot.waitSignal(window.indexing.sync_finished, timeout=WAIT) as done:
        window.start()
    assert done.args[0].enrichment_pending == 5
    qtbot.waitUntil(lambda: "enriching" in window.status.progress.format(), timeout=WAIT)
    assert window.status.progress.maximum() == 5 and window.status.cancel.isVisible()
    result = search(qtbot, window, "Qingdao")  # answered while the second phase runs
    assert result.total > 0 and window.result_model.rowCount() > 0
    assert result.enrichment_pending == 5
    assert window.charts.filling.isVisibleTo(window) and \
        "being filled" in window.charts.filling.text()
    assert window.inspector.filling.isVisibleTo(window)
    assert "being filled" in window.search_bar.entity.itemText(0)
    assert window.search_bar.entity.count() == 1  # no partial entity counts offered
    with qtbot.waitSignal(window.indexing.enrichment_finished, timeout=WAIT) as finished:
        gate.release(100)
    assert finished.args[0].enrichment_pending == 0
    qtbot.waitUntil(lambda: not window.charts.filling.isVisibleTo(window), timeout=WAIT)
    qtbot.waitUntil(lambda: window.search_bar.entity.count() > 1, timeout=WAIT)
    assert window.search_bar.entity.itemText(0) == "Any entity"
    assert not window.inspector.filling.isVisibleTo(window)
    qtbot.waitUntil(lambda: bool(window.indexing.info.get("entity_counts")), timeout=WAIT)
    # the metric ledger of the current search arrives once the figures are there (it follows
    # the search, asked again after the second phase's commit)
    qtbot.waitUntil(lambda: bool(window.chart_control.series), timeout=WAIT)
    assert not window.status.progress.isVisible()


def test_cancel_while_enriching_keeps_every_document_searchable(qtbot, make_window, gated):
    corpus, gate = gated
    window = make_window(corpus, start=False)
    window.start()
    qtbot.waitUntil(lambda: "enriching" in window.status.progress.format(), timeout=WAIT)
    # the search the first phase's commit started has answered (its "N hits" line would
    # otherwise race the cancel's message for the same status line)
    qtbot.waitUntil(lambda: " hits in " in window.status.hits.text(), timeout=WAIT)
    with qtbot.waitSignal(window.indexing.enrichment_finished, timeout=WAIT) as finished:
        qtbot.mouseClick(window.status.cancel, Qt.MouseButton.LeftButton)
        gate.release(100)
    assert finished.args[0].enrichment_pending == 5
    assert "Enrichment cancelled" in window.status.hits.text()
    assert window.charts.filling.isVisibleTo(window)  # still incomplete, and says so
    assert search(qtbot, window, "Qingdao").total > 0
    assert corpus.enrichment_pending() == 5
