"""Composition root: builds the corpus service, the QApplication and the main window.

``run_gui`` is what ``scoda-desktop gui`` calls. With ``--screenshot FILE`` the window is
rendered (offscreen works) once the start-up sync, the ``--query`` search and the ``--open``
document have all arrived (and, with ``--show VIEW``, that view is raised and filled), saved as
a PNG and the app exits.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import QApplication

from scoda_desktop.ui.main_window import MainWindow
from scoda_desktop.ui.preferences import Preferences

if TYPE_CHECKING:
    from scoda_desktop.core.corpus import Corpus

SCREENSHOT_SIZE = (1440, 900)
_T0 = time.perf_counter()


def process_age() -> float:
    """Seconds since this process started (Linux: /proc, 10 ms ticks; else since import)."""
    try:
        with open("/proc/self/stat") as f:
            start_ticks = int(f.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime") as f:
            uptime = float(f.read().split()[0])
        return uptime - start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return time.perf_counter() - _T0


class Startup(QObject):
    """Sync -> search -> open, each step waiting for the previous answer; then ``done``.

    ``done`` comes once the corpus facts (ledger, entity counts), the search and the
    document (if any) have all been shown.
    """

    done = Signal()

    def __init__(self, window: MainWindow, query: str | None, open_ref: str | None) -> None:
        super().__init__(window)
        self.window = window
        self.query = query
        self.open_ref = open_ref
        self._waiting = {"info", "results"}
        self._finished = False
        window.indexing.sync_finished.connect(self._on_sync_finished)
        window.indexing.sync_failed.connect(self._on_failed)
        window.indexing.info_ready.connect(self._on_info_ready)

    def start(self) -> None:
        if self.query is not None:
            self.window.search_bar.set_text(self.query)
        self.window.start()

    def _step_done(self, name: str) -> None:
        self._waiting.discard(name)
        if not self._waiting and not self._finished:
            self._finished = True
            QTimer.singleShot(0, self.done.emit)

    def _on_sync_finished(self, _report: Any) -> None:
        w = self.window
        w.indexing.sync_finished.disconnect(self._on_sync_finished)
        w.search.results_changed.connect(self._on_results_changed)
        w.search.search(w.search_bar.text(), force=True, select_first=self.open_ref is None)

    def _on_results_changed(self, result: Any) -> None:
        w = self.window
        w.search.results_changed.disconnect(self._on_results_changed)
        if self.open_ref or result.hits:
            self._waiting.add("document")
            w.reading.document_shown.connect(self._on_document_shown)
            w.reading.message.connect(self._on_document_shown)  # not found: go on
        if self.open_ref:
            w.open_document(self.open_ref)
        self._step_done("results")

    def _on_document_shown(self, _doc: Any) -> None:
        self._step_done("document")

    def _on_info_ready(self, _info: Any) -> None:
        self._step_done("info")

    def _on_failed(self, _message: str) -> None:
        self._finished = True
        self.done.emit()


class FirstPaint(QObject):
    """Benchmark hook (``SCODA_EXIT_AFTER_FIRST_PAINT=1``): on the window's first paint,
    print ``first-paint <seconds since the process started>`` and quit."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._seen = False
        window.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._seen:
            self._seen = True
            elapsed = process_age()
            print(f"first-paint {elapsed:.3f}", flush=True)
            QTimer.singleShot(0, self._window.close)
        return False


def has_display() -> bool:
    """False only where a window surely cannot open: Linux/BSD with no X11 or Wayland
    display and no platform chosen (``QT_QPA_PLATFORM=offscreen`` counts as chosen)."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return True
    return any(os.environ.get(v) for v in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"))


def settings_for(data_dir: Path | None) -> QSettings:
    """Window state per user; a test or a portable run may point it at a file."""
    path = os.environ.get("SCODA_SETTINGS_FILE")
    if path:
        return QSettings(path, QSettings.Format.IniFormat)
    return QSettings("scoda-desktop", "scoda-desktop")


def build_window(corpus: Corpus, settings: QSettings, prefs: Preferences) -> MainWindow:
    return MainWindow(corpus, settings, prefs)


def run_gui(args: Any, data_dir: Path | None) -> int:
    """Open the window (or render a screenshot) and run the event loop."""
    from scoda_desktop.core.corpus import Corpus, DataDirError

    screenshot = getattr(args, "screenshot", None)
    query = getattr(args, "query", None)
    open_ref = getattr(args, "open", None)
    show_view = getattr(args, "show", None)
    if screenshot and not os.environ.get("QT_QPA_PLATFORM") and not os.environ.get("DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    if not QApplication.instance() and not has_display():
        # Qt would abort the process with a message about plugins; say what is wrong instead.
        print("scoda-desktop: error: no display to open a window on (neither DISPLAY nor "
              "WAYLAND_DISPLAY is set). Start it from a desktop session, or use the "
              "command line (scoda-desktop search ...) or gui --screenshot FILE.",
              file=sys.stderr)
        return 1
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("scoda-desktop")
    app.setOrganizationName("scoda-desktop")
    try:
        corpus = Corpus(data_dir)
    except DataDirError as exc:  # e.g. the folder is a file, or not writable
        if not screenshot:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.critical(None, "SCODA Desktop", str(exc))
        print(f"scoda-desktop: error: {exc}", file=sys.stderr)
        return 1
    prefs = Preferences.load()
    window = build_window(corpus, settings_for(data_dir), prefs)
    if screenshot:
        window.persist = False
        window.resize(*SCREENSHOT_SIZE)
    if os.environ.get("SCODA_EXIT_AFTER_FIRST_PAINT") == "1":
        window.persist = False
        FirstPaint(window)
    window.show()
    startup = Startup(window, query, open_ref)
    code = {"value": 0}
    if screenshot:
        saved = {"done": False}

        def save() -> None:
            if saved["done"]:
                return
            saved["done"] = True
            window.repaint()
            ok = window.grab().save(str(screenshot), "PNG")
            if not ok:
                print(f"scoda-desktop: error: could not write {screenshot}", file=sys.stderr)
                code["value"] = 1
            window.close()
            app.quit()

        def shoot() -> None:
            if show_view == "concordance":  # it runs once visible: wait for its lines
                window.workflow.concordance.shown.connect(lambda _c: QTimer.singleShot(
                    300, save))
                QTimer.singleShot(20000, save)  # never hang a screenshot
            if show_view:
                window.show_dock(show_view)
            if show_view != "concordance":
                QTimer.singleShot(300, save)

        startup.done.connect(shoot)
    QTimer.singleShot(0, startup.start)
    app.exec()
    # However the loop ended, stop the workers before the corpus closes under them.
    window.runner.cancel_all()
    window.indexing.cancel_all()
    window.runner.wait(30000)
    window.indexing.wait(30000)
    # Closing the last window posts a second Quit that outlives the loop; left queued it
    # would end the next event loop this process runs (a test's, an embedding app's).
    QApplication.removePostedEvents(app, QEvent.Type.Quit)
    corpus.close()
    return code["value"]
