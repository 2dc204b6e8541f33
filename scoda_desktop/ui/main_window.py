"""The main window: docks, menus and wiring. Work happens in the controllers."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QDockWidget, QFileDialog, QMainWindow, QToolBar, QWidget

from scoda_desktop import __version__
from scoda_desktop.core.documents import SearchResult, SyncReport
from scoda_desktop.resources import resource_path
from scoda_desktop.ui.controllers.charts import ChartController
from scoda_desktop.ui.controllers.indexing import IndexController
from scoda_desktop.ui.controllers.reader import ReaderController
from scoda_desktop.ui.controllers.search import SearchController
from scoda_desktop.ui.models import EntityModel, MetricModel, ResultModel
from scoda_desktop.ui.preferences import Preferences
from scoda_desktop.ui.widgets.charts import ChartPanel
from scoda_desktop.ui.widgets.dialogs import (
    QUERY_SYNTAX,
    SHORTCUTS,
    TextDialog,
    about_html,
    highlight_help,
    import_report_html,
)
from scoda_desktop.ui.widgets.document_view import ReaderPanel
from scoda_desktop.ui.widgets.inspector import InspectorPanel
from scoda_desktop.ui.widgets.results_view import ResultsView
from scoda_desktop.ui.widgets.search_bar import SearchBar
from scoda_desktop.ui.widgets.status import StatusPanel
from scoda_desktop.ui.workers import TaskRunner
from scoda_desktop.ui.workflow import WorkflowDocks

if TYPE_CHECKING:
    from scoda_desktop.core.corpus import Corpus

STATE_VERSION = 1


class MainWindow(QMainWindow):
    def __init__(self, corpus: Corpus, settings: QSettings, prefs: Preferences,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.corpus = corpus
        self.settings = settings
        self.prefs = prefs
        self.setWindowTitle("SCODA Desktop")
        self.setAcceptDrops(True)
        self.resize(1400, 900)
        self.runner = TaskRunner(self)
        self.dialogs: dict[str, TextDialog] = {}
        self.persist = True  # False for --screenshot: a render must not change the user's state
        self.writer_retry = QTimer(self)
        self.writer_retry.setInterval(5000)

        self.result_model = ResultModel(self)
        self.entity_model = EntityModel(self)
        self.metric_model = MetricModel(self)
        self.search_bar = SearchBar(self)
        self.results_view = ResultsView(self)
        self.results_view.setModel(self.result_model)
        self.reader = ReaderPanel(self)
        self.inspector = InspectorPanel(self.entity_model, self.metric_model, self)
        self.charts = ChartPanel(self)
        self.status = StatusPanel(self.statusBar(), self)
        self._build_layout()

        self.search = SearchController(corpus, self.runner, self.search_bar, self.result_model,
                                       self.results_view, self.status, prefs, self)
        self.reading = ReaderController(corpus, self.runner, self.reader, self.inspector,
                                        self.entity_model, self.metric_model, prefs, self)
        self.indexing = IndexController(corpus, self.runner, self.status, self)
        self.chart_control = ChartController(corpus, self.runner, self.charts, self)
        self.workflow = WorkflowDocks(self)  # concordance, saved searches, collections
        self.docks.update(self.workflow.place())
        self._build_menus()
        self._connect_signals()
        self._restore_settings()

    # -- layout ----------------------------------------------------------------------------
    def _build_layout(self) -> None:
        bar = QToolBar("Search", self)
        bar.setObjectName("search_toolbar")
        bar.setMovable(False)
        bar.addWidget(self.search_bar)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        self.setCentralWidget(self.reader)
        area = Qt.DockWidgetArea
        self.docks = {
            "results": self._dock("Results", self.results_view, area.LeftDockWidgetArea),
            "inspector": self._dock("Entities && metrics", self.inspector,
                                    Qt.DockWidgetArea.RightDockWidgetArea),
            "charts": self._dock("Charts", self.charts, Qt.DockWidgetArea.BottomDockWidgetArea),
        }
        self.resizeDocks([self.docks["results"], self.docks["inspector"]], [430, 400],
                         Qt.Orientation.Horizontal)
        self.resizeDocks([self.docks["charts"]], [300], Qt.Orientation.Vertical)

    def _dock(self, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{title.split()[0].lower()}")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _action(self, menu: Any, text: str, slot: Any, shortcut: Any = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            keys = shortcut if isinstance(shortcut, list) else [shortcut]
            action.setShortcuts([QKeySequence(k) for k in keys])
        action.triggered.connect(slot)
        if menu is not None:
            menu.addAction(action)
        else:
            self.addAction(action)
        return action

    def _build_menus(self) -> None:
        m = self.menuBar().addMenu("&File")
        self.writing_actions = [
            self._action(m, "Add files…", self._on_add_files, "Ctrl+O"),
            self._action(m, "Add folder…", self._on_add_folder, "Ctrl+Shift+O"),
            self._action(m, "Re-index", self._on_reindex, "F5"),
            self._action(m, "Rebuild index from scratch", self._on_rebuild),
        ]
        m.addSeparator()
        self._action(m, "Export results…", self._on_export_results, "Ctrl+E")
        self._action(m, "Export chart as PNG…", self._on_export_chart)
        m.addSeparator()
        # The platform's Quit keys may be empty (e.g. a bare X11 session): Ctrl+Q always works.
        quit_keys = [k.toString() for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Quit)]
        self._action(m, "Quit", self.close, list(dict.fromkeys([*quit_keys, "Ctrl+Q"])))
        v = self.menuBar().addMenu("&View")
        for dock in self.docks.values():
            v.addAction(dock.toggleViewAction())
        v.addSeparator()
        v.addAction("(Light/dark follows the system palette)").setEnabled(False)
        h = self.menuBar().addMenu("&Help")
        self._action(h, "Query syntax", lambda: self.show_text("syntax", "Query syntax",
                                                              QUERY_SYNTAX), "F1")
        self._action(h, "Keyboard shortcuts", lambda: self.show_text(
            "keys", "Keyboard shortcuts", SHORTCUTS + highlight_help()))
        self._action(h, "About SCODA Desktop", self._on_about)
        self._action(None, "Focus search", self._on_focus_search, ["Ctrl+F", "Ctrl+L"])
        self._action(None, "Next match", self.reading.next_match, "F3")
        self._action(None, "Previous match", self.reading.previous_match, "Shift+F3")
        self._action(None, "Copy citation", self.reading.copy_citation, "Ctrl+Shift+C")
        r = self.menuBar().addMenu("&Research")
        self._action(r, "Add to collection…", self.workflow.collect_current, "Ctrl+D")
        self._action(r, "Save current search…", self.workflow.saved._on_save_clicked)
        self._action(r, "Show concordance", lambda: self.show_dock("concordance"), "Ctrl+K")

    def _connect_signals(self) -> None:
        self.search.hit_chosen.connect(self._on_search_hit_chosen)
        self.search.results_changed.connect(self._on_search_results_changed)
        self.search.exported.connect(self._on_search_exported)
        self.search.failed.connect(self.statusBar().showMessage)
        self.search_bar.help_requested.connect(
            lambda: self.show_text("syntax", "Query syntax", QUERY_SYNTAX))
        self.reading.entity_filter_requested.connect(self.search.filter_by)
        self.reading.message.connect(lambda text: self.statusBar().showMessage(text, 4000))
        self.indexing.sync_finished.connect(self._on_indexing_sync_finished)
        self.indexing.info_ready.connect(self._on_indexing_info_ready)
        self.indexing.enrichment_finished.connect(self._on_indexing_sync_finished)
        self.indexing.filling_changed.connect(self._on_indexing_filling_changed)
        self.indexing.import_reported.connect(self._on_indexing_import_reported)
        self.chart_control.open_requested.connect(self._on_chart_control_open_requested)
        self.chart_control.filter_requested.connect(self.search.filter_by)
        self.charts.export_requested.connect(self._on_export_chart)
        self.workflow.connect()

    # -- public ----------------------------------------------------------------------------
    def start(self) -> None:
        """After show(): bring the index up to date in the worker, then search."""
        if self.corpus.read_only:
            # Another instance writes this data folder: search and read only, and once the
            # other instance exits, this window becomes the writer.
            self._show_read_only(self.corpus.read_only_reason)
            self.writer_retry.timeout.connect(self._try_become_writer)
            self.writer_retry.start()
        self.indexing.sync()

    def _show_read_only(self, reason: str) -> None:
        """Title and the adding/indexing actions say whether this window may write
        (``reason`` empty: it may)."""
        self.setWindowTitle("SCODA Desktop (read-only)" if reason else "SCODA Desktop")
        for action in self.writing_actions:
            action.setEnabled(not reason)
            action.setToolTip(reason)
        self.setAcceptDrops(not reason)

    def open_document(self, ref: str, at: tuple[int, int] | None = None) -> None:
        """Open ``ref`` in the reading view; ``at`` (start, end) shows that passage."""
        self.search.select(ref)
        self.reading.open(ref, at=at)

    def show_dock(self, name: str) -> None:
        """Show and raise a dock by its key (results, inspector, charts, concordance,
        saved, collections; entities and metrics: the inspector at that tab)."""
        tabs = {"entities": 0, "metrics": 1}
        if name in tabs:
            self.inspector.setCurrentIndex(tabs[name])
            name = "inspector"
        dock = self.docks[name]
        dock.show()
        dock.raise_()

    def show_text(self, key: str, title: str, body: str) -> TextDialog:
        dialog = self.dialogs.get(key)
        if dialog is None:
            dialog = self.dialogs[key] = TextDialog(title, body, self)
        else:
            dialog.text.setHtml(body)
        dialog.show()
        dialog.raise_()
        return dialog

    # -- slots -----------------------------------------------------------------------------
    def _on_search_hit_chosen(self, doc_id: str) -> None:
        self.reading.open(doc_id)

    def _on_search_results_changed(self, result: SearchResult) -> None:
        self.reading.set_marks(result.marks)
        self.chart_control.set_results(result, self.search_bar.filters())

    def _on_chart_control_open_requested(self, doc_id: str, start: int, end: int) -> None:
        self.open_document(doc_id, (start, end) if end > start else None)

    def _on_search_exported(self, count: int, path: str) -> None:
        self.statusBar().showMessage(f"Exported {count} hits to {path}", 6000)

    def _on_indexing_sync_finished(self, _report: SyncReport) -> None:
        self.chart_control.forget()  # the figures may have changed: the ledger is asked again
        self.search.search(force=True)

    def _on_indexing_info_ready(self, info: dict) -> None:
        self.reading.set_entity_counts(info.get("entity_counts", {}))

    def _on_indexing_filling_changed(self, text: str) -> None:
        self.charts.set_filling(f"Metric ledger and entities {text}" if text else "")
        self.inspector.set_filling(f"Corpus counts {text}" if text else "")

    def _on_indexing_import_reported(self, report: SyncReport) -> None:
        self.show_text("import", "Import report",
                       import_report_html(report))

    def _on_focus_search(self) -> None:
        self.search_bar.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_bar.edit.selectAll()

    def _on_add_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, "Add article files", "",
                                                "Articles (*.txt *.html *.htm);;All files (*)")
        if files:
            self.indexing.import_paths(files)

    def _on_add_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Add a folder of articles")
        if folder:
            self.indexing.import_paths([folder])

    def _try_become_writer(self) -> None:
        if self.runner.is_busy():
            return  # the lane is in use; ask again at the next tick
        self.runner.submit(self.corpus.try_become_writer, on_result=self._on_writer_result)

    def _on_writer_result(self, _task: Any, became_writer: bool) -> None:
        if not became_writer or not self.writer_retry.isActive():
            return
        self.writer_retry.stop()
        self._show_read_only("")
        self.statusBar().showMessage("The other SCODA Desktop closed: this window can now "
                                     "add files and index.", 8000)
        self.indexing.sync()  # pick up what the other instance changed, and any new files

    def _on_reindex(self) -> None:
        """Read new and changed files again; deleted files leave the index."""
        self.indexing.sync(report_skips=True)

    def _on_rebuild(self) -> None:
        self.indexing.sync(rebuild=True, report_skips=True)

    def _on_export_results(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export results", "results.csv",
                                              "CSV (*.csv);;JSON (*.json)")
        if path:
            self.search.export(path)

    def _on_export_chart(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export chart", "chart.png", "PNG (*.png)")
        if path:
            ok = self.charts.export_png(path)
            self.statusBar().showMessage(f"Saved {path}" if ok else f"Could not save {path}",
                                         6000)

    def _on_about(self) -> None:
        try:
            attributions = resource_path("ATTRIBUTIONS.md").read_text(encoding="utf-8")
        except OSError:
            attributions = "(resources/ATTRIBUTIONS.md is missing)"
        info = self.indexing.info
        stats = {"documents": info.get("count", 0)}
        if not self.indexing.is_syncing():
            try:
                stats = self.corpus.stats()
            except Exception as exc:  # a help page must open even on a broken index
                stats["error"] = str(exc)
        self.show_text("about", "About SCODA Desktop",
                       about_html(__version__, stats, str(self.corpus.data_dir), attributions))

    # -- drag and drop ---------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.indexing.import_paths(paths)

    # -- settings --------------------------------------------------------------------------
    def _restore_settings(self) -> None:
        s = self.settings
        geometry = s.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = s.value("window/state")
        if state is not None:
            self.restoreState(state, STATE_VERSION)
        self.search_bar.set_sort(str(s.value("search/sort", "relevance")))
        self.search_bar.set_text(str(s.value("search/query", "") or ""))

    def save_settings(self) -> None:
        s = self.settings
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState(STATE_VERSION))
        s.setValue("search/query", self.search_bar.text())
        s.setValue("search/sort", self.search_bar.sort_key())
        s.sync()
        self.prefs.save()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.persist:
            self.save_settings()
        self.runner.cancel_all()
        self.indexing.cancel_all()
        self.runner.wait(10000)
        self.indexing.wait(10000)
        super().closeEvent(event)

    def data_dir(self) -> Path:
        return Path(self.corpus.data_dir)
