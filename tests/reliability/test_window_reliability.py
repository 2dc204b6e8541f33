"""The window with bad queries and hostile documents: a message for every query, text
that stays text (nothing loaded), and an event loop that keeps running."""

from __future__ import annotations

import re
import time

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QTextDocument, QTextDocumentFragment
from PySide6.QtWidgets import QApplication

from scoda_desktop.core.documents import Document, Entity
from scoda_desktop.ui.main_window import MainWindow
from scoda_desktop.ui.preferences import Preferences

WAIT = 60000  # ms: generous for a loaded CI machine; nothing is slept


@pytest.fixture(scope="module")
def ui_corpus(small_corpus):
    return small_corpus


@pytest.fixture
def window(qtbot, tmp_path, ui_corpus):
    prefs = Preferences.load(tmp_path / "prefs.json")
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    win = MainWindow(ui_corpus, settings, prefs)
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.indexing.info_ready, timeout=WAIT):
        win.start()
    yield win
    win.runner.cancel_all()
    win.runner.wait(WAIT)


def _search(qtbot, window, text):
    with qtbot.waitSignal(window.search.results_changed, timeout=WAIT) as blocker:
        window.search_bar.set_text(text)
        window.search_bar.edit.returnPressed.emit()
    return blocker.args[0]


@pytest.mark.parametrize("text", ['"unclosed (', "date:[2024 TO", "title:", "\ud800 AND",
                                  "freight~99 OR", "nosuchword"])
def test_bad_query_in_the_window_shows_a_message(qtbot, window, text):
    result = _search(qtbot, window, text)
    shown = QTextDocumentFragment.fromHtml(window.search_bar.parsed.text()).toPlainText()
    assert shown  # the window says what it searched for, what it repaired, or found nothing
    if result.error:
        assert result.error.split(":")[0][:20] in shown
    assert window.isVisible()


def _hostile_document() -> Document:
    long_line = ("x" * 99 + " ") * 10_486  # ~1 MB in one paragraph, no newline
    word = "Qingdao "
    mentions = word * 10_000  # 10,000 entity mentions
    head = ('<script>alert(1)</script> <style>body{display:none}</style> '
            '<a href="javascript:alert(2)">js</a> <a href="file:///etc/passwd">file</a> '
            '<img src="http://evil.example/pixel.png"> <link rel=stylesheet href=http://x/c.css>')
    text = "\n\n".join([head, mentions.strip(), long_line])
    start = len(head) + 2
    entities = [Entity("Qingdao", "PLACE", start + i * len(word), start + i * len(word) + 7,
                       "Qingdao") for i in range(10_000)]
    return Document(id="hostile", path="/tmp/hostile.html", sha256="", raw=text, text=text,
                    title='<img src="http://evil.example/t.png">', entities=entities)


def test_hostile_document_is_text_loads_nothing_and_the_window_stays_responsive(qtbot,
                                                                                window):
    doc = _hostile_document()
    view = window.reader.view
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(50)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    window.reading.show(doc, [])
    shown = time.monotonic()
    # the event loop keeps turning after the document is in: timers fire, a search answers
    qtbot.waitUntil(lambda: any(t > shown for t in ticks), timeout=WAIT)
    # searched as typing does (Enter would open the first hit in the reading view, and
    # whether it arrived before the checks below would be a race)
    with qtbot.waitSignal(window.search.results_changed, timeout=WAIT) as blocker:
        window.search.search("freight")
    result = blocker.args[0]
    assert result.total == 1
    timer.stop()

    plain = view.toPlainText()
    assert "<script>alert(1)</script>" in plain  # escaped: visible as the characters
    assert 'href="javascript:alert(2)"' in plain and "file:///etc/passwd" in plain
    assert plain.count("Qingdao") == 10_000
    assert len(plain) >= len(doc.text) - 10  # the 1 MB line is all there
    assert view.refused == []  # nothing was even requested
    document = view.document()
    for kind in (QTextDocument.ResourceType.ImageResource,
                 QTextDocument.ResourceType.StyleSheetResource):
        assert document.resource(int(kind.value), "http://evil.example/pixel.png") is None
    html = view.toHtml()
    assert re.search(r"<(img|script|a|link|style)\b", html.split("<body", 1)[1],
                     re.IGNORECASE) is None
    assert "<img" not in window.reader.header.text()
    assert view.text_at(doc.entities[-1].start, doc.entities[-1].end) == "Qingdao"
    QApplication.processEvents()
