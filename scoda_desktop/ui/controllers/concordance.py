"""Concordance: KWIC lines for the current query, computed in the worker lane.

Runs only while the Concordance view is visible (a large corpus makes it real work); a newer
query, sort or width replaces the running one (slot ``concordance``, cancelled through its
cancel flag), and a new search cancels it at once so the lane is free for the search.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Signal
from PySide6.QtWidgets import QFileDialog

from scoda_desktop.ui.models.concordance import ConcordanceModel
from scoda_desktop.ui.widgets.concordance_view import ConcordancePanel
from scoda_desktop.ui.workers import Task, TaskRunner

LINE_LIMIT = 5000  # lines shown (the total is always exact); export writes the lines shown


class ConcordanceController(QObject):
    open_requested = Signal(str, int, int)  # document id, start, end of the match
    shown = Signal(object)  # the Concordance now in the view
    message = Signal(str)

    def __init__(self, corpus: Any, runner: TaskRunner, panel: ConcordancePanel,
                 model: ConcordanceModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.corpus = corpus
        self.runner = runner
        self.panel = panel
        self.model = model
        self.panel.table.setModel(model)
        self.panel.fit_columns()
        self.query = ""
        self.filters: dict[str, str] = {}
        self.active = False
        self.concordance: Any = None
        self._task: Task | None = None
        self._shown_for: tuple | None = None
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.panel.sort.currentIndexChanged.connect(self._on_options_changed)
        self.panel.width.valueChanged.connect(self._on_options_changed)
        self.panel.export.clicked.connect(self._on_export_clicked)
        self.panel.table.clicked.connect(self._on_table_clicked)
        self.panel.table.activated.connect(self._on_table_clicked)

    def _request(self) -> tuple:
        return (self.query, tuple(sorted(self.filters.items())), self.panel.sort_key(),
                self.panel.width.value())

    # -- actions ---------------------------------------------------------------------------
    def set_query(self, query: str, filters: dict[str, str] | None = None) -> None:
        self.query, self.filters = query, dict(filters or {})
        if self.active:
            self.run()

    def set_active(self, visible: bool) -> None:
        self.active = visible
        if visible and self._shown_for != self._request():
            self.run()

    def run(self) -> Task:
        request = self._request()
        query, filters, sort, width = request
        self._shown_for = request
        self.panel.summary.setText(f"Finding every occurrence of {query}…" if query.strip()
                                   else "Search to see every occurrence in context.")
        self._task = self.runner.submit(
            self.corpus.concordance, query, width=width, sort=sort, limit=LINE_LIMIT,
            filters=dict(filters) or None, slot="concordance", wants_cancel=True,
            on_result=self._on_task_result, on_failed=self._on_task_failed,
            on_progress=self._on_task_progress)
        return self._task

    def cancel(self) -> None:
        """A new search is coming: stop, so the lane is free for it."""
        if self._task is not None:
            self._task.cancel()
            self._shown_for = None

    def export(self, path: str) -> Task:
        lines = self.model.lines()
        return self.runner.submit(self.corpus.export_concordance, lines, path,
                                  on_result=lambda _t, n: self.message.emit(
                                      f"Exported {n} concordance lines to {path}"),
                                  on_failed=lambda _t, m: self.message.emit(
                                      f"Export failed: {m}"))

    # -- slots -----------------------------------------------------------------------------
    def _on_options_changed(self, _value: Any) -> None:
        if self.active:
            self.run()

    def _on_task_progress(self, task: Task, progress: Any) -> None:
        if task is self._task and progress.total:
            self.panel.summary.setText(f"Reading {progress.done}/{progress.total} documents…")

    def _on_task_result(self, task: Task, conc: Any) -> None:
        if task is not self._task:
            return
        self._task = None
        if conc.cancelled:
            return
        self.concordance = conc
        self.model.set_lines(conc.lines)
        shown = "" if len(conc.lines) == conc.total else f" (first {len(conc.lines)} shown)"
        if conc.total:
            text = (f"{conc.total} occurrence{'s' if conc.total != 1 else ''} in "
                    f"{conc.documents} document{'s' if conc.documents != 1 else ''}{shown}")
        else:
            text = conc.error or "No occurrences in the text of the matching documents."
        self.panel.summary.setText(text)
        self.panel.export.setEnabled(bool(conc.lines))
        self.shown.emit(conc)

    def _on_task_failed(self, task: Task, message: str) -> None:
        if task is self._task:
            self._task = None
            self.panel.summary.setText(f"Concordance failed: {message}")

    def _on_table_clicked(self, index: QModelIndex) -> None:
        line = index.data(ConcordanceModel.LineRole)
        if line is not None:
            self.open_requested.emit(line.id, line.start, line.end)

    def _on_export_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self.panel, "Export concordance lines",
                                              "concordance.csv", "CSV (*.csv)")
        if path:
            self.export(path)
