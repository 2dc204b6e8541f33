"""Window-level behaviour: first start, indexing progress and Cancel, imports, drops,
settings across launches, help pages, and the --screenshot mode."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QImage

from scoda_desktop.core.corpus import Corpus
from scoda_desktop.ui.app import run_gui
from tests.ui.ui_helpers import WAIT, GatedCorpus, search

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"


def test_first_start_shows_the_window_at_once_then_indexes_the_seeds(qtbot, make_window,
                                                                     tmp_path):
    corpus = Corpus(tmp_path / "fresh")
    assert corpus.needs_sync()
    window = make_window(corpus, start=False)
    with qtbot.waitSignal(window.indexing.info_ready, timeout=WAIT):
        window.start()
        assert window.isVisible()
        assert window.status.progress.isVisible()  # progress shows while the worker runs
    qtbot.waitUntil(lambda: window.result_model.rowCount() == 5, timeout=WAIT)
    assert "5 documents" in window.status.docs.text()
    assert not window.status.progress.isVisible()
    corpus.close()


def test_indexing_shows_progress_and_cancel_stops_it(qtbot, make_window, tmp_path):
    corpus = GatedCorpus(tmp_path)
    window = make_window(corpus, start=False)
    status = window.status
    window.start()
    qtbot.waitUntil(lambda: "file_000" in status.file.text(), timeout=WAIT)
    corpus.gate.release()
    qtbot.waitUntil(lambda: "file_001" in status.file.text(), timeout=WAIT)
    assert status.progress.value() == 1 and status.progress.maximum() == corpus.files
    assert status.cancel.isVisible()
    with qtbot.waitSignal(window.indexing.sync_finished, timeout=WAIT) as blocker:
        qtbot.mouseClick(status.cancel, Qt.MouseButton.LeftButton)
        corpus.gate.release()
    assert blocker.args[0].cancelled
    assert corpus.synced == 0
    assert not status.progress.isVisible()
    assert "cancelled" in status.hits.text().lower()


def _private_corpus(tmp_path: Path) -> Corpus:
    corpus = Corpus(tmp_path / "data")
    corpus.ensure_index()
    return corpus


def test_importing_a_bad_file_shows_the_report(qtbot, make_window, tmp_path):
    corpus = _private_corpus(tmp_path)
    window = make_window(corpus)
    drop = tmp_path / "incoming"
    drop.mkdir()
    for name in ("binary.txt", "empty.txt", "silk_road_observer.txt"):
        shutil.copy(FIXTURES / name, drop / name)
    with qtbot.waitSignal(window.indexing.import_reported, timeout=WAIT) as blocker:
        window.indexing.import_paths([str(drop)])
    report = blocker.args[0]
    skipped = {Path(s.path).name for s in report.skipped}
    assert {"binary.txt", "empty.txt"} <= skipped
    dialog = window.dialogs["import"]
    assert dialog.isVisible()
    text = dialog.text.toPlainText()
    for s in report.skipped:
        assert Path(s.path).name in text and s.reason in text
    qtbot.waitUntil(lambda: "6 documents" in window.status.docs.text(), timeout=WAIT)
    corpus.close()


def test_import_report_counts_the_archive_records_that_were_not_articles(
        qtbot, make_window, tmp_path):
    from tests.core.format_files import ARTICLE, article_html, write_warc

    corpus = _private_corpus(tmp_path)
    window = make_window(corpus)
    page = article_html("Freight train links Qingdao and Almaty", ARTICLE).encode()
    html = [("Content-Type", "text/html; charset=utf-8")]
    crawl = write_warc(tmp_path / "crawl.warc.gz", [
        {"type": "warcinfo"},
        {"url": "https://news.example.com/train", "body": page, "headers": html},
        *({"url": f"https://news.example.com/img{i}.png", "body": b"\x89PNG\r\n\x1a\n",
           "headers": [("Content-Type", "image/png")]} for i in range(3)),
    ])
    with qtbot.waitSignal(window.indexing.import_reported, timeout=WAIT) as blocker:
        window.indexing.import_paths([str(crawl)])
    report = blocker.args[0]
    assert report.added == 1 and not report.skipped
    text = window.dialogs["import"].text.toPlainText()
    counted = {r.reason: r.count for r in report.skipped_records}
    assert counted and "were not articles" in text
    for reason, count in counted.items():
        assert reason in text and str(count) in text
    corpus.close()


def test_dropping_files_on_the_window_imports_them(qtbot, make_window, tmp_path):
    corpus = _private_corpus(tmp_path)
    window = make_window(corpus)
    article = tmp_path / "silk_road_observer.txt"
    shutil.copy(FIXTURES / "silk_road_observer.txt", article)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(article))])
    event = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.indexing.sync_finished, timeout=WAIT) as blocker:
        window.dropEvent(event)
    assert blocker.args[0].added == 1
    assert str(article) in corpus.sources()
    corpus.close()


def test_settings_come_back_in_a_new_window(qtbot, make_window, seed_corpus):
    first = make_window(seed_corpus)
    search(qtbot, first, "Qingdao")
    first.search_bar.set_sort("date")
    first.docks["charts"].hide()
    room = first.screen().availableGeometry()
    first.resize(min(first.minimumSizeHint().width() + 40, room.width()), min(560, room.height()))
    size = (first.size().width(), first.size().height())
    first.close()

    second = make_window(seed_corpus, start=False)
    assert second.search_bar.text() == "Qingdao"
    assert second.search_bar.sort_key() == "date"
    assert second.docks["charts"].isHidden()
    assert (second.size().width(), second.size().height()) == size != (1400, 900)
    assert second.prefs.recent_queries[0] == "Qingdao"
    assert second.search_bar.query.itemText(0) == "Qingdao"


def test_help_pages_open_without_blocking(qtbot, window):
    menus = {a.text().replace("&", ""): a.menu() for a in window.menuBar().actions()}
    actions = {a.text(): a for a in menus["Help"].actions()}
    actions["Query syntax"].trigger()
    assert "exact phrase" in window.dialogs["syntax"].text.toPlainText()
    actions["Keyboard shortcuts"].trigger()
    assert "F3" in window.dialogs["keys"].text.toPlainText()
    actions["About SCODA Desktop"].trigger()
    about = window.dialogs["about"].text.toPlainText()
    assert str(window.corpus.data_dir) in about and "5 documents" in about
    assert "GeoNames" in about


def test_view_menu_turns_panels_off_and_on(qtbot, window):
    menus = {a.text().replace("&", ""): a.menu() for a in window.menuBar().actions()}
    toggles = {a.text(): a for a in menus["View"].actions() if a.isCheckable()}
    assert set(toggles) >= {"Results", "Charts"}
    toggles["Charts"].trigger()
    assert window.docks["charts"].isHidden()
    toggles["Charts"].trigger()
    assert not window.docks["charts"].isHidden()


def test_every_shortcut_the_help_lists_is_bound_to_an_action(window):
    import re

    from PySide6.QtGui import QAction, QKeySequence

    from scoda_desktop.ui.widgets.dialogs import SHORTCUTS

    bound = {seq.toString(QKeySequence.SequenceFormat.PortableText)
             for action in window.findChildren(QAction) for seq in action.shortcuts()}
    listed = set()
    for cell in re.findall(r"<tr><td>([^<]+)</td>", SHORTCUTS):
        listed |= {k.strip() for k in re.split(r",|/", cell)}
    # Keys the search box and the result list handle themselves, not window actions.
    listed -= {"Enter", "Up", "Down", "PgUp", "PgDn"}
    assert listed and listed <= bound, sorted(listed - bound)


def test_screenshot_mode_writes_a_png_after_search_and_open(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("SCODA_SETTINGS_FILE", str(tmp_path / "shot.ini"))
    out = tmp_path / "shot.png"
    seeds = Path(__file__).resolve().parents[2] / "seeds"
    doc = sorted(seeds.glob("*.txt"))[1]
    args = argparse.Namespace(screenshot=str(out), query="freight train", open=str(doc))
    assert run_gui(args, tmp_path / "data") == 0
    image = QImage(str(out))
    assert image.width() >= 1280 and image.height() >= 800


def test_no_display_is_a_clear_error_not_a_qt_abort(monkeypatch):
    import subprocess
    import sys

    from scoda_desktop.ui.app import has_display

    for var in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(var, raising=False)
    if not sys.platform.startswith("linux"):
        pytest.skip("only X11/Wayland systems can lack a display")
    assert not has_display()
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    assert has_display()
    monkeypatch.delenv("WAYLAND_DISPLAY")
    proc = subprocess.run([sys.executable, "-m", "scoda_desktop", "gui"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1 and "no display" in proc.stderr


def test_reindex_reads_only_changes_and_rebuild_starts_over(qtbot, make_window, tmp_path):
    corpus = Corpus(tmp_path / "data")
    window = make_window(corpus)
    menus = {a.text().replace("&", ""): a.menu() for a in window.menuBar().actions()}
    actions = {a.text(): a for a in menus["File"].actions()}
    with qtbot.waitSignal(window.indexing.sync_finished, timeout=WAIT) as done:
        actions["Re-index"].trigger()
    report = done.args[0]
    assert (report.added, report.updated, report.unchanged) == (0, 0, 5)
    with qtbot.waitSignal(window.indexing.sync_finished, timeout=WAIT) as done:
        actions["Rebuild index from scratch"].trigger()
    report = done.args[0]
    assert (report.added, report.documents) == (5, 5)
    search(qtbot, window, "freight")
    assert window.result_model.rowCount() == 3
    corpus.close()
