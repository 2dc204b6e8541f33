"""The research workflow's docks (Concordance, Saved searches, Collections), their models
and controllers, built and wired in one place so the main window only places them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt

from scoda_desktop.ui.controllers.collections import CollectionController
from scoda_desktop.ui.controllers.concordance import ConcordanceController
from scoda_desktop.ui.controllers.saved import SavedSearchController
from scoda_desktop.ui.models.collections import CollectionModel
from scoda_desktop.ui.models.concordance import ConcordanceModel
from scoda_desktop.ui.models.saved import SavedSearchModel
from scoda_desktop.ui.widgets.collections_panel import CollectionsPanel
from scoda_desktop.ui.widgets.concordance_view import ConcordancePanel
from scoda_desktop.ui.widgets.saved_panel import SavedSearchPanel


class WorkflowDocks(QObject):
    """Owned by the main window; ``window`` gives corpus, runner, search, reading, docks."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.concordance_model = ConcordanceModel(self)
        self.saved_model = SavedSearchModel(self)
        self.collection_model = CollectionModel(self)
        self.concordance_panel = ConcordancePanel(window)
        self.saved_panel = SavedSearchPanel(window)
        self.collections_panel = CollectionsPanel(window)
        corpus, runner = window.corpus, window.runner
        self.concordance = ConcordanceController(corpus, runner, self.concordance_panel,
                                                 self.concordance_model, self)
        self.saved = SavedSearchController(corpus, runner, self.saved_panel, self.saved_model,
                                           window.search_bar, window.result_model, self)
        self.collections = CollectionController(corpus, runner, self.collections_panel,
                                                self.collection_model, self)
        self.collections.open_doc = self.open_document_id
        self.collections.attach_results(window.results_view)

    def place(self) -> dict[str, Any]:
        """Docks: Concordance as a tab beside the charts (it needs the width), Saved
        searches and Collections as tabs beside the entity panel."""
        w, area = self.window, Qt.DockWidgetArea
        docks = {
            "concordance": w._dock("Concordance", self.concordance_panel,
                                   area.BottomDockWidgetArea),
            "saved": w._dock("Saved searches", self.saved_panel, area.RightDockWidgetArea),
            "collections": w._dock("Collections", self.collections_panel,
                                   area.RightDockWidgetArea),
        }
        w.tabifyDockWidget(w.docks["charts"], docks["concordance"])
        w.tabifyDockWidget(w.docks["inspector"], docks["saved"])
        w.tabifyDockWidget(docks["saved"], docks["collections"])
        w.docks["charts"].raise_()
        w.docks["inspector"].raise_()
        docks["concordance"].visibilityChanged.connect(self.concordance.set_active)
        return docks

    def connect(self) -> None:
        w = self.window
        w.search.results_changed.connect(self._on_search_results_changed)
        w.search_bar.query_edited.connect(lambda _t: self.concordance.cancel())
        w.search_bar.query_submitted.connect(lambda _t: self.concordance.cancel())
        w.indexing.sync_finished.connect(self._on_indexing_sync_finished)
        self.concordance.open_requested.connect(self._on_concordance_open_requested)
        self.concordance.message.connect(lambda t: w.statusBar().showMessage(t, 6000))
        self.collections.open_requested.connect(w.open_document)
        self.collections.message.connect(lambda t: w.statusBar().showMessage(t, 6000))
        self.saved.search_requested.connect(lambda: w.search.search(force=True,
                                                                    select_first=True))

    def open_document_id(self) -> str | None:
        """The document being read, else the result selected."""
        doc = self.window.reading.doc
        return doc.id if doc is not None else self.window.search.current_id()

    def collect_current(self) -> None:
        doc_id = self.open_document_id()
        self.collections.ask_and_add([doc_id] if doc_id else [])

    # -- slots -----------------------------------------------------------------------------
    def _on_search_results_changed(self, result: Any) -> None:
        self.concordance.set_query(result.query, self.window.search_bar.filters())
        self.saved.results_changed(result)

    def _on_indexing_sync_finished(self, _report: Any) -> None:
        self.saved.refresh()
        self.collections.refresh()

    def _on_concordance_open_requested(self, doc_id: str, start: int, end: int) -> None:
        w = self.window
        w.search.select(doc_id)
        w.reading.open(doc_id, at=(start, end))
