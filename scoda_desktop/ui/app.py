"""Composition root: builds the corpus service, the QApplication and the main window.

``run_gui`` is what ``scoda-desktop gui`` calls. With ``--screenshot FILE`` the window is
rendered (offscreen works) once the start-up sync, the ``--query`` search and the ``--open``
document have all arrived, saved as a PNG and the app exits.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import QApplication

from scoda_desktop.ui.main_window import MainWindow
from scoda_desktop.ui.preferences import Preferences

SCREENSHOT_SIZE = (1440, 900)


class Startup(QObject):
    """Sync -> search -> open, each step waiting for the previous answer; then ``done``."""

    done = Signal()

    def __init__(self, window: MainWindow, query: str | None, open_ref: str | None) -> None:
        super().__init__(window)
        self.window = window
        self.query = query
        self.open_ref = open_ref
        window.indexing.sync_finished.connect(self._on_sync_finished)
        window.indexing.sync_failed.connect(self._on_failed)

    def start(self) -> None:
        if self.query is not None:
            self.window.search_bar.set_text(self.query)
        self.window.start()

    def _on_sync_finished(self, _report: Any) -> None:
        self.window.indexing.sync_finished.disconnect(self._on_sync_finished)
        task = self.window.search.search(self.window.search_bar.text(), force=True,
                                         select_first=self.open_ref is None)
        # The info (ledger, entity counts) is queued before this search: both have arrived
        # when the search answers.
        task.done.connect(self._on_search_done)

    def _on_search_done(self, _task: Any) -> None:
        w = self.window
        if self.open_ref:
            task = w.reading.open(self.open_ref, w.search_bar.text())
            w.search.select(self.open_ref)
        else:
            task = w.reading._task
        if task is None or task.finished_ok:
            QTimer.singleShot(0, self.done.emit)
        else:
            task.done.connect(self._on_open_done)

    def _on_open_done(self, _task: Any) -> None:
        QTimer.singleShot(0, self.done.emit)

    def _on_failed(self, _message: str) -> None:
        self.done.emit()


def settings_for(data_dir: Path | None) -> QSettings:
    """Window state per user; a test or a portable run may point it at a file."""
    path = os.environ.get("SCODA_SETTINGS_FILE")
    if path:
        return QSettings(path, QSettings.Format.IniFormat)
    return QSettings("scoda-desktop", "scoda-desktop")


def build_window(corpus: Any, settings: QSettings, prefs: Preferences) -> MainWindow:
    return MainWindow(corpus, settings, prefs)


def run_gui(args: Any, data_dir: Path | None) -> int:
    """Open the window (or render a screenshot) and run the event loop."""
    from scoda_desktop.core.corpus import Corpus

    screenshot = getattr(args, "screenshot", None)
    query = getattr(args, "query", None)
    open_ref = getattr(args, "open", None)
    if screenshot and not os.environ.get("QT_QPA_PLATFORM") and not os.environ.get("DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("scoda-desktop")
    app.setOrganizationName("scoda-desktop")
    corpus = Corpus(data_dir)
    prefs = Preferences.load()
    window = build_window(corpus, settings_for(data_dir), prefs)
    if screenshot:
        window.persist = False
        window.resize(*SCREENSHOT_SIZE)
    window.show()
    startup = Startup(window, query, open_ref)
    code = {"value": 0}
    if screenshot:
        def save() -> None:
            window.repaint()
            ok = window.grab().save(str(screenshot), "PNG")
            if not ok:
                print(f"scoda-desktop: error: could not write {screenshot}", file=sys.stderr)
                code["value"] = 1
            window.close()
            app.quit()

        startup.done.connect(lambda: QTimer.singleShot(300, save))
    QTimer.singleShot(0, startup.start)
    app.exec()
    corpus.close()
    return code["value"]
