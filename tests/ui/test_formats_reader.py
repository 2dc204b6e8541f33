"""The reading view of archived sources: the header shows the page's URL and capture time,
and "Copy citation" carries them, the WARC record, and the page of a PDF match."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QTextDocumentFragment

from scoda_desktop.core.corpus import Corpus
from tests.core.format_files import ARTICLE, article_html, pdf_bytes, write_warc
from tests.ui.ui_helpers import open_first

URL = "https://news.example.com/2025/03/zone-centres.html"
PAGE_TWO = ("Rail operators in Jiaozhou said freight trains to Almaty now leave every day, "
            "and the journey takes eleven days instead of sixteen.")


@pytest.fixture(scope="module")
def archive_corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("archives")
    src, seeds = root / "src", root / "seeds"
    src.mkdir()
    seeds.mkdir()
    write_warc(src / "crawl.warc.gz", [
        {"url": URL, "date": "2025-03-10T08:01:00Z", "headers": [("Content-Type", "text/html")],
         "body": article_html("Zone opens centres", ARTICLE).encode()},
        {"url": URL.replace(".html", ".png"), "headers": [("Content-Type", "image/png")],
         "body": b"\x89PNG\r\n\x1a\n"},
    ])
    (src / "report.pdf").write_bytes(pdf_bytes(
        [["The quarterly report covers the trade of the demonstration zone with partner "
          "countries in the first three months of the year."], [PAGE_TWO]],
        title="Quarterly report"))
    corpus = Corpus(root / "data", seeds_dir=seeds)
    corpus.add_sources([src])
    corpus.ensure_index()
    yield corpus
    corpus.close()


def _header(window) -> str:
    return QTextDocumentFragment.fromHtml(window.reader.header.text()).toPlainText()


def test_a_warc_record_shows_and_cites_its_url_and_capture(qtbot, make_window,
                                                          archive_corpus):
    window = make_window(archive_corpus)
    doc = open_first(qtbot, window, '"single window for documents"')
    assert doc.url == URL and doc.record is not None
    header = _header(window)
    assert URL in header and "captured 2025-03-10 08:01 UTC" in header
    assert f"record at byte {doc.record}" in header
    assert "<a " not in window.reader.header.text()  # shown, never a link to follow
    qtbot.mouseClick(window.reader.copy_citation, Qt.MouseButton.LeftButton)
    text = QGuiApplication.clipboard().text()
    assert URL in text and "captured 2025-03-10T08:01:00Z" in text
    assert f"crawl.warc.gz (record at byte {doc.record})" in text


def test_the_citation_of_a_pdf_names_the_page_of_the_match(qtbot, make_window,
                                                          archive_corpus):
    window = make_window(archive_corpus)
    doc = open_first(qtbot, window, '"eleven days instead of sixteen"')
    assert doc.title == "Quarterly report" and doc.pages
    assert window.reader.match_label.text().endswith("· p. 2")
    qtbot.mouseClick(window.reader.copy_citation, Qt.MouseButton.LeftButton)
    text = QGuiApplication.clipboard().text()
    assert "p. 2" in text and "report.pdf" in text
    open_first(qtbot, window, '"quarterly report covers"')  # the same document, re-marked
    qtbot.waitUntil(lambda: window.reading.current is not None
                    and window.reading.current[0] < doc.pages[0])
    qtbot.mouseClick(window.reader.copy_citation, Qt.MouseButton.LeftButton)
    assert "p. 1" in QGuiApplication.clipboard().text()


def test_a_page_that_opens_with_its_headline_shows_it_once_with_its_matches(
        qtbot, make_window, archive_corpus):
    window = make_window(archive_corpus)
    doc = open_first(qtbot, window, "centres")
    assert doc.title == "Zone opens centres" and doc.text.startswith(doc.title)
    shown = _header(window) + "\n" + window.reader.view.toPlainText()
    assert shown.count(doc.title) == 1  # the text's heading, not the header's as well
    assert doc.url in _header(window)  # the rest of the header is still there
    start = doc.text.index("centres")
    assert (start, start + len("centres")) in window.reading.matches
    assert window.reader.view.text_at(start, start + len("centres")) == "centres"
