"""Saved searches: list them with their new-hit counts (refreshed after every sync), save the
current search, run one (its new hits are marked in the result list), remove one."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Signal
from PySide6.QtWidgets import QInputDialog

from scoda_desktop.ui.models.results import ResultModel
from scoda_desktop.ui.models.saved import SavedSearchModel
from scoda_desktop.ui.widgets.saved_panel import SavedSearchPanel
from scoda_desktop.ui.widgets.search_bar import SearchBar
from scoda_desktop.ui.workers import Task, TaskRunner


class SavedSearchController(QObject):
    run_finished = Signal(str, object)  # name, set of new ids
    refreshed = Signal(list)  # the entries shown
    search_requested = Signal()  # the bar now holds the saved query: search it

    def __init__(self, corpus: Any, runner: TaskRunner, panel: SavedSearchPanel,
                 model: SavedSearchModel, bar: SearchBar, results: ResultModel,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.corpus = corpus
        self.runner = runner
        self.panel = panel
        self.model = model
        self.bar = bar
        self.results = results
        self.panel.view.setModel(model)
        self.marked_query: str | None = None  # the query whose new hits are marked
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.panel.save.clicked.connect(self._on_save_clicked)
        self.panel.remove.clicked.connect(self._on_remove_clicked)
        self.panel.view.activated.connect(self._on_view_activated)
        self.panel.view.doubleClicked.connect(self._on_view_activated)

    # -- actions ---------------------------------------------------------------------------
    def refresh(self) -> Task:
        """New-hit counts of every saved search (no run recorded): after each sync."""
        return self.runner.submit(self.corpus.saved_new_counts, slot="saved",
                                  on_result=self._on_counts_result,
                                  on_failed=self._on_task_failed)

    def save_current(self, name: str) -> Task:
        query, filters, sort = self.bar.text(), self.bar.filters(), self.bar.sort_key()
        return self.runner.submit(self.corpus.save_search, name, query, filters=filters,
                                  sort=sort, on_result=self._on_changed,
                                  on_failed=self._on_task_failed)

    def remove(self, name: str) -> Task:
        return self.runner.submit(self.corpus.remove_saved_search, name,
                                  on_result=self._on_changed, on_failed=self._on_task_failed)

    def run(self, entry: dict[str, Any]) -> Task:
        """Run a saved search (recording it) and show it in the bar and the results, its
        new hits marked."""
        name = entry["name"]
        self.bar.set_text(entry["query"])
        self.bar.clear_filters()
        self.bar.set_sort(entry.get("sort", "relevance"))
        for field, value in (entry.get("filters") or {}).items():
            self.bar.set_filter(field, value)
        self.marked_query = entry["query"]
        task = self.runner.submit(self.corpus.run_saved_search, name, limit=0,
                                  on_result=lambda _t, value: self._on_run_result(name, value),
                                  on_failed=self._on_task_failed)
        self.search_requested.emit()
        return task

    def results_changed(self, result: Any) -> None:
        """Another query took the result list: the new marks belonged to the saved one."""
        if self.marked_query is not None and result.query != self.marked_query:
            self.marked_query = None
            self.results.set_new(set())

    # -- slots -----------------------------------------------------------------------------
    def _on_counts_result(self, _task: Task, entries: list) -> None:
        self.model.set_entries(entries)
        new = sum(int(e.get("new") or 0) for e in entries)
        self.panel.message.setText(f"{new} new hit{'s' if new != 1 else ''} since the last "
                                   "runs" if new else "")
        self.refreshed.emit(entries)

    def _on_run_result(self, name: str, value: tuple) -> None:
        _result, new = value
        self.results.set_new(set(new))
        self.model.set_new(name, 0)
        self.panel.message.setText(f"{name}: {len(new)} new since the previous run")
        self.run_finished.emit(name, set(new))

    def _on_changed(self, _task: Task, message: Any) -> None:
        if isinstance(message, str) and message:
            self.panel.message.setText(message)
        self.refresh()

    def _on_task_failed(self, _task: Task, message: str) -> None:
        # e.g. a hand-edited file that no longer reads: say which file and why
        self.panel.message.setText(message.split(": ", 1)[-1])

    def _on_save_clicked(self) -> None:
        default = self.bar.text().strip()[:40] or "All documents"
        name, ok = QInputDialog.getText(self.panel, "Save search",
                                        "Name for this search (with its filters):",
                                        text=default)
        if ok and name.strip():
            self.save_current(name.strip())

    def _on_remove_clicked(self) -> None:
        index = self.panel.view.currentIndex()
        if index.isValid():
            self.remove(index.data(SavedSearchModel.NameRole))

    def _on_view_activated(self, index: QModelIndex) -> None:
        entry = index.data(SavedSearchModel.EntryRole)
        if entry:
            self.run(entry)
