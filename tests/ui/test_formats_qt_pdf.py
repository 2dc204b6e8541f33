"""A PDF from another writer (Qt's, with embedded subset fonts and ligatures) reads as text
that phrases find: ligatures undone, heading as title, the date under it, pages kept."""

from __future__ import annotations

from PySide6.QtGui import QPageSize, QPdfWriter, QTextDocument

from scoda_desktop.core.ingest import load_document
from tests.core.format_files import ARTICLE


def test_a_qt_written_pdf(qapp, tmp_path):
    path = tmp_path / "qt.pdf"
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setTitle("placeholder")
    doc = QTextDocument()
    doc.setHtml("<h1>Trade in the first quarter</h1><p>Published 12 March 2025</p>"
                + "".join(f"<p>{p}</p>" for p in ARTICLE * 8))
    doc.print_(writer)
    del writer
    read = load_document(path)
    assert read.title == "Trade in the first quarter" and read.date.startswith("2025-03-12")
    assert "ﬁ" not in read.text and "in the first quarter, the port authority" in read.text
    # paragraphs come back whole (where one ends is guessed from line lengths: a paragraph
    # whose last line is full joins the next one)
    assert all(p in read.text for p in ARTICLE)
    assert len(read.pages) >= 1 and read.page_of(len(read.text) - 1) == len(read.pages) + 1
    assert {r.reason for r in read.removed} == {"page number"}
