"""Indexing: sync in the worker lane with progress and Cancel; imports; corpus facts.

Searchable first: the sync task stops after its first commit (the documents can be found),
then the enrichment (entities, metrics, near-duplicates: ``Corpus.enrich``) runs on a lane
of its own, so searches and reading go on meanwhile; its progress and Cancel use the same
status widgets, and ``filling_changed`` tells the panels that need it that it is not done.
After each phase the corpus facts the other panels need (document count, entity counts)
are read once in the worker and handed out with ``info_ready``; the metric ledger is not
among them: it follows the search (``ChartController``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from scoda_desktop.core.documents import Progress, Skipped, SyncReport
from scoda_desktop.ui.widgets.status import StatusPanel, filling_text
from scoda_desktop.ui.workers import Task, TaskRunner

if TYPE_CHECKING:
    from scoda_desktop.core.corpus import Corpus


def corpus_info(corpus: Corpus) -> dict[str, Any]:
    """Facts for the panels, read in one go on the worker thread."""
    pending = getattr(corpus, "enrichment_pending", None)
    return {"count": corpus.count(), "entity_counts": corpus.entity_counts(),
            "enrichment_pending": pending() if pending else 0}


class IndexController(QObject):
    sync_started = Signal()
    sync_finished = Signal(object)  # SyncReport (cancelled or not)
    sync_failed = Signal(str)
    import_reported = Signal(object)  # SyncReport of an import that skipped files
    info_ready = Signal(dict)
    enrichment_finished = Signal(object)  # SyncReport of the second phase
    filling_changed = Signal(str)  # "" once entities and metrics are complete

    def __init__(self, corpus: Corpus, runner: TaskRunner, status: StatusPanel,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.corpus = corpus
        self.runner = runner
        self.status = status
        self.info: dict[str, Any] = {"count": 0, "entity_counts": {}}
        self.last_report: SyncReport | None = None
        self._task: Task | None = None
        self._enricher = TaskRunner(self)  # the second phase's own lane
        self._enrich_task: Task | None = None
        self._report_skips = False
        self._import_error = ""  # why the last import could not add its sources
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.status.cancel.clicked.connect(self._on_cancel_clicked)

    # -- actions ---------------------------------------------------------------------------
    def sync(self, *, rebuild: bool = False, report_skips: bool = False) -> Task:
        self._report_skips = self._report_skips or report_skips
        if self._enrich_task is not None:  # the sync goes first; it enriches after
            self._enrich_task.cancel()
        self.status.set_progress(Progress(0, 0, "", "starting"))
        self._task = self.runner.submit(
            self.corpus.sync, rebuild=rebuild, enrich=False, wants_cancel=True, slot="sync",
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
        task = self._task or self._enrich_task
        if task is not None:
            task.cancel()
            self.status.cancel.setEnabled(False)
            self.status.file.setText("cancelling…")

    def enrich(self) -> Task:
        """The second phase on its own lane (searches meanwhile use the first commit)."""
        if self._enrich_task is not None:
            self._enrich_task.cancel()
        self._enrich_task = self._enricher.submit(
            self.corpus.enrich, wants_cancel=True, slot="enrich",
            on_progress=self._on_enrich_progress, on_result=self._on_enrich_result,
            on_failed=self._on_enrich_failed)
        return self._enrich_task

    def is_enriching(self) -> bool:
        return self._enrich_task is not None

    def wait(self, msecs: int = 30000) -> bool:
        """Block until both lanes are idle (shutdown, tests)."""
        return self.runner.wait(msecs) and self._enricher.wait(msecs)

    def cancel_all(self) -> None:
        self.runner.cancel_all()
        self._enricher.cancel_all()

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
        else:
            if report.messages:
                self.status.hits.setText("; ".join(report.messages))
            if self._report_skips and (report.skipped or report.skipped_records
                                       or report.messages):
                self.import_reported.emit(report)
        self._report_skips = False
        self.status.set_documents(report.documents)
        pending = getattr(report, "enrichment_pending", 0)
        self.filling_changed.emit(filling_text(pending))
        self.sync_finished.emit(report)
        self.refresh_info()
        if pending and not report.cancelled and not getattr(self.corpus, "read_only", False):
            self.enrich()

    def _on_task_failed(self, task: Task, message: str) -> None:
        if task is self._task:
            self._task = None
            self.status.set_idle()
            self.status.hits.setText(f"Indexing failed: {message}")
            self.sync_failed.emit(message)

    def _on_enrich_progress(self, task: Task, progress: Progress) -> None:
        if task is self._enrich_task and self._task is None:  # a sync's own bar goes first
            self.status.set_progress(progress)
            if progress.total and (progress.done % 50 == 0 or progress.done == progress.total):
                self.filling_changed.emit(filling_text(progress.total - progress.done or 1,
                                                       progress.done, progress.total))

    def _on_enrich_result(self, task: Task, report: Any) -> None:
        if task is not self._enrich_task:
            return
        self._enrich_task = None
        if self._task is None:
            self.status.set_idle()
            if report.enrichment_pending:
                self.status.hits.setText("Enrichment cancelled: every document can be found; "
                                         "entities and metrics follow at the next sync.")
        self.filling_changed.emit(filling_text(report.enrichment_pending))
        self.enrichment_finished.emit(report)
        self.refresh_info()

    def _on_enrich_failed(self, task: Task, message: str) -> None:
        if task is self._enrich_task:
            self._enrich_task = None
            if self._task is None:
                self.status.set_idle()
                self.status.hits.setText(f"Enrichment failed: {message}")

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
