"""Indexing: sync in the worker lane with progress and Cancel; imports; corpus facts.

After each sync the corpus facts the other panels need (document count, entity counts)
are read once in the worker and handed out with ``info_ready``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from scoda_desktop.core.documents import Progress, Skipped, SyncReport
from scoda_desktop.ui.widgets.status import StatusPanel
from scoda_desktop.ui.workers import Task, TaskRunner

if TYPE_CHECKING:
    from scoda_desktop.core.corpus import Corpus


def corpus_info(corpus: Corpus) -> dict[str, Any]:
    """Facts for the panels, read in one go on the worker thread."""
    # The ledger is not read here: it follows the search (``ChartController``).
    return {"count": corpus.count(), "entity_counts": corpus.entity_counts()}


class IndexController(QObject):
    sync_started = Signal()
    sync_finished = Signal(object)  # SyncReport (cancelled or not)
    sync_failed = Signal(str)
    import_reported = Signal(object)  # SyncReport of an import that skipped files
    info_ready = Signal(dict)

    def __init__(self, corpus: Corpus, runner: TaskRunner, status: StatusPanel,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.corpus = corpus
        self.runner = runner
        self.status = status
        self.info: dict[str, Any] = {"count": 0, "entity_counts": {}}
        self.last_report: SyncReport | None = None
        self._task: Task | None = None
        self._report_skips = False
        self._import_error = ""  # why the last import could not add its sources
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.status.cancel.clicked.connect(self._on_cancel_clicked)

    # -- actions ---------------------------------------------------------------------------
    def sync(self, *, rebuild: bool = False, report_skips: bool = False) -> Task:
        self._report_skips = self._report_skips or report_skips
        self.status.set_progress(Progress(0, 0, "", "starting"))
        self._task = self.runner.submit(
            self.corpus.sync, rebuild=rebuild, wants_cancel=True, slot="sync",
            on_progress=self._on_task_progress, on_result=self._on_task_result,
            on_failed=self._on_task_failed)
        self.sync_started.emit()
        return self._task

    def import_paths(self, paths: list[str]) -> Task:
        """Remember the files/folders as sources, then sync and report what was skipped."""
        paths = list(paths)
        self.runner.submit(self.corpus.add_sources, paths,
                           on_failed=lambda task, message: self._on_import_failed(paths, message))
        return self.sync(report_skips=True)

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self.status.cancel.setEnabled(False)
            self.status.file.setText("cancelling…")

    def refresh_info(self) -> Task:
        return self.runner.submit(corpus_info, self.corpus, slot="info",
                                  on_result=self._on_info_result)

    def is_syncing(self) -> bool:
        return self._task is not None

    # -- slots -----------------------------------------------------------------------------
    def _on_cancel_clicked(self) -> None:
        self.cancel()

    def _on_task_progress(self, task: Task, progress: Progress) -> None:
        if task is self._task:
            self.status.set_progress(progress)

    def _on_task_result(self, task: Task, report: SyncReport) -> None:
        if task is not self._task:
            return
        self._task = None
        self.last_report = report
        self.status.set_idle()
        if self._import_error:
            self.status.hits.setText(self._import_error)
            self._import_error = ""
        elif report.cancelled:
            self.status.hits.setText("Indexing cancelled: the index is as it was.")
        elif report.messages:
            self.status.hits.setText("; ".join(report.messages))
        elif self._report_skips and report.skipped:
            self.import_reported.emit(report)
        self._report_skips = False
        self.status.set_documents(report.documents)
        self.sync_finished.emit(report)
        self.refresh_info()

    def _on_task_failed(self, task: Task, message: str) -> None:
        if task is self._task:
            self._task = None
            self.status.set_idle()
            self.status.hits.setText(f"Indexing failed: {message}")
            self.sync_failed.emit(message)

    def _on_import_failed(self, paths: list[str], message: str) -> None:
        # e.g. another instance is the writer, or the data folder is full: the import report
        # lists each file with the reason, and the status line says it too.
        reason = message.split(": ", 1)[-1]
        self._import_error = f"Not imported: {reason}"
        self.status.hits.setText(self._import_error)
        self.import_reported.emit(SyncReport(skipped=[Skipped(p, f"not imported: {reason}")
                                                      for p in paths]))
        self.sync_failed.emit(message)

    def _on_info_result(self, _task: Task, info: dict) -> None:
        self.info = info
        self.status.set_documents(int(info.get("count", 0)))
        self.info_ready.emit(info)
