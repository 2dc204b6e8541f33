"""Search: the bar's requests go to the worker lane; answers fill the result model.

A newer request replaces the older one in the ``search`` slot, so a stale answer is dropped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, QObject, Signal

from scoda_desktop.core.documents import SearchResult
from scoda_desktop.ui.models.results import ResultModel
from scoda_desktop.ui.preferences import Preferences
from scoda_desktop.ui.widgets.results_view import ResultsView
from scoda_desktop.ui.widgets.search_bar import SearchBar
from scoda_desktop.ui.widgets.status import StatusPanel, filling_text
from scoda_desktop.ui.workers import Task, TaskRunner

if TYPE_CHECKING:
    from scoda_desktop.core.corpus import Corpus

RESULT_LIMIT = 500


class SearchController(QObject):
    results_changed = Signal(object)  # SearchResult
    hit_chosen = Signal(str)  # document id
    exported = Signal(int, str)  # hits written, path
    failed = Signal(str)

    def __init__(self, corpus: Corpus, runner: TaskRunner, bar: SearchBar, model: ResultModel,
                 view: ResultsView, status: StatusPanel, prefs: Preferences,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.corpus = corpus
        self.runner = runner
        self.bar = bar
        self.model = model
        self.view = view
        self.status = status
        self.prefs = prefs
        self.result: SearchResult | None = None
        self._task: Task | None = None
        self._select_first = False
        self._last: tuple | None = None
        self._export_path = ""
        self.bar.set_recent(prefs.recent_queries)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.bar.query_edited.connect(self._on_bar_query_edited)
        self.bar.query_submitted.connect(self._on_bar_query_submitted)
        self.bar.options_changed.connect(self._on_bar_options_changed)
        self.view.selectionModel().currentChanged.connect(self._on_view_current_changed)
        self.view.activated.connect(self._on_view_activated)

    # -- actions ---------------------------------------------------------------------------
    def search(self, text: str | None = None, *, select_first: bool = False,
               force: bool = False) -> Task | None:
        """Run the bar's query (or ``text``) with the chosen sort and filters."""
        if text is not None and text != self.bar.text():
            self.bar.set_text(text)
        request = (self.bar.text(), self.bar.sort_key(), tuple(sorted(self.bar.filters().items())))
        if not force and request == self._last and self._task is not None:
            return self._task  # the same search is already running or shown
        self._last = request
        self._select_first = select_first or self._select_first
        query, sort, filters = request
        self._task = self.runner.submit(
            self.corpus.search, query, limit=RESULT_LIMIT, sort=sort,
            filters=dict(filters) or None, slot="search",
            on_result=self._on_task_result, on_failed=self._on_task_failed)
        return self._task

    def filter_by(self, field: str, value: str) -> None:
        """Narrow the current search to documents with ``field`` = ``value``."""
        self.bar.set_filter(field, value)  # emits options_changed -> search

    def export(self, path: str) -> Task:
        query, sort = self.bar.text(), self.bar.sort_key()
        self._export_path = path
        # every hit (not only the page shown), the format from the file name
        return self.runner.submit(self.corpus.export, query, None, path, sort=sort,
                                  filters=self.bar.filters(), on_result=self._on_export_result,
                                  on_failed=self._on_export_failed)

    def current_id(self) -> str | None:
        index = self.view.currentIndex()
        return index.data(ResultModel.IdRole) if index.isValid() else None

    def select(self, doc_id: str) -> bool:
        row = self.model.row_of(doc_id)
        if row < 0:
            return False
        self.view.selectionModel().setCurrentIndex(
            self.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect)
        return True

    # -- slots -----------------------------------------------------------------------------
    def _on_bar_query_edited(self, _text: str) -> None:
        self.search()

    def _on_bar_query_submitted(self, text: str) -> None:
        self.prefs.remember_query(text)
        self.bar.set_recent(self.prefs.recent_queries)
        self.search(select_first=True, force=True)

    def _on_bar_options_changed(self) -> None:
        self.search()

    def _on_task_result(self, task: Task, result: SearchResult) -> None:
        if task is not self._task:
            return  # a stale answer
        self.result = result
        keep = self.current_id()
        self.model.set_hits(result.hits)
        self.status.set_hits(result.total, len(result.hits), result.took_ms)
        summary = f"{result.total} hits in {result.took_ms:.0f} ms"
        self.bar.set_parsed(result.parsed, result.error, result.suggestion, summary)
        self.bar.set_facets(result.facets, filling_text(result.enrichment_pending))
        if keep and self.select(keep):
            pass
        elif self._select_first and result.hits:
            self.select(result.hits[0].id)
        self._select_first = False
        self.results_changed.emit(result)

    def _on_task_failed(self, task: Task, message: str) -> None:
        if task is self._task:
            self.bar.set_parsed("", f"search failed: {message}", None)
            self.failed.emit(message)

    def _on_export_result(self, _task: Task, written: int) -> None:
        self.exported.emit(int(written), self._export_path)

    def _on_export_failed(self, _task: Task, message: str) -> None:
        self.failed.emit(f"export failed: {message}")

    def _on_view_current_changed(self, current: Any, _previous: Any) -> None:
        doc_id = current.data(ResultModel.IdRole) if current.isValid() else None
        if doc_id:
            self.hit_chosen.emit(doc_id)

    def _on_view_activated(self, index: Any) -> None:
        doc_id = index.data(ResultModel.IdRole)
        if doc_id:
            self.hit_chosen.emit(doc_id)
