"""PDF, Word, MHTML and pages saved by a browser: the article text in order, its title, url
and capture (or save) time, the page chrome out of the body, broken files skipped with why."""

from __future__ import annotations

import io
import os

import pytest

from scoda_desktop.core.corpus import Corpus
from scoda_desktop.core.ingest import IngestError, load_document
from tests.core.corpus_fixtures import drain
from tests.core.format_files import (
    ARTICLE,
    article_html,
    docx_bytes,
    image_only_pdf,
    mhtml_bytes,
    pdf_bytes,
)

LATER = [
    "Rail operators in Jiaozhou said freight trains to Almaty now leave every day, and that "
    "the journey takes eleven days instead of the sixteen it took two years ago.",
    "The port expects the share of rail and sea transfers to reach one fifth of its "
    "container traffic by the end of next year.",
]
URL = "https://news.example.com/2025/03/11/port-trade.html"


# -- PDF ------------------------------------------------------------------------------------
def test_pdf_text_in_order_with_pages_metadata_and_no_chrome(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf_bytes([ARTICLE, LATER, ["Annex: figures are provisional and may be "
                                                 "revised when the final data arrive."]],
                               title="Qingdao trade report", header="Qingdao Port Quarterly",
                               created="D:20240301090000Z", modified="D:20240305170000+08'00'"))
    doc = load_document(path)
    assert doc.text.index("Qingdao port handled") < doc.text.index("Exporters of machinery") \
        < doc.text.index("freight trains to Almaty") < doc.text.index("Annex")
    assert ARTICLE[0] in doc.text  # wrapped lines joined again into the paragraph
    assert doc.title == "Qingdao trade report"  # metadata: the text opens with no heading
    assert doc.date == "2024-03-01T09:00:00Z" and doc.captured == "2024-03-05T09:00:00Z"
    assert "Qingdao Port Quarterly" not in doc.text
    assert {r.reason for r in doc.removed} == {"running header", "page number"}
    assert doc.page_of(doc.text.index("Exporters")) == 1
    assert doc.page_of(doc.text.index("eleven days")) == 2
    assert doc.page_of(doc.text.index("provisional")) == 3


def test_pdf_two_columns_read_column_by_column(tmp_path):
    path = tmp_path / "columns.pdf"
    path.write_bytes(pdf_bytes([ARTICLE[:2] + LATER], columns=2, created=None))
    doc = load_document(path)
    order = [doc.text.index(p[:30]) for p in ARTICLE[:2] + LATER]
    assert order == sorted(order)
    assert "the port authority said on Monday" in doc.text  # a sentence across lines


def test_pdf_title_and_date_from_the_text_before_the_metadata(tmp_path):
    path = tmp_path / "release.pdf"
    path.write_bytes(pdf_bytes([["Press release: new logistics centres open",
                                 "12 March 2025", *ARTICLE]], title="Microsoft Word - pr.docx"))
    doc = load_document(path)
    assert doc.title == "Press release: new logistics centres open"
    assert doc.date.startswith("2025-03-12")
    path.write_bytes(pdf_bytes([ARTICLE], title="Microsoft Word - pr.docx"))
    assert load_document(path).title is None  # a writer's placeholder is no title


def test_encrypted_image_only_and_damaged_pdfs_are_skipped_with_the_reason(tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes([ARTICLE]))))
    writer.encrypt("secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    (tmp_path / "locked.pdf").write_bytes(out.getvalue())
    (tmp_path / "scan.pdf").write_bytes(image_only_pdf())
    (tmp_path / "broken.pdf").write_bytes(pdf_bytes([ARTICLE])[:300])
    (tmp_path / "notpdf.pdf").write_bytes(b"<html>an error page saved as .pdf</html>")
    reasons = {}
    for name in ("locked.pdf", "scan.pdf", "broken.pdf", "notpdf.pdf"):
        with pytest.raises(IngestError) as info:
            load_document(tmp_path / name)
        reasons[name] = info.value.reason
    assert reasons["locked.pdf"].startswith("encrypted")
    assert reasons["scan.pdf"].startswith("no text layer: needs OCR")
    assert reasons["broken.pdf"].startswith("damaged")
    assert reasons["notpdf.pdf"].startswith("damaged")


def test_pdf_restricted_with_an_empty_password_is_read(tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes([ARTICLE]))))
    writer.encrypt("", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    (tmp_path / "restricted.pdf").write_bytes(out.getvalue())
    assert "Qingdao port handled" in load_document(tmp_path / "restricted.pdf").text


# -- Word -----------------------------------------------------------------------------------
def test_docx_paragraphs_and_tables_in_order_with_core_properties(tmp_path):
    path = tmp_path / "memo.docx"
    path.write_bytes(docx_bytes(ARTICLE, heading="Zone report for March",
                                table=[["Month", "Containers"], ["January", "1,200 TEU"]],
                                title="draft"))
    doc = load_document(path)
    assert doc.title == "Zone report for March"  # the text's own heading wins
    paras = doc.text.split("\n\n")
    assert paras.index(ARTICLE[0]) < paras.index("Month | Containers") \
        < paras.index("January | 1,200 TEU") < paras.index(ARTICLE[1])
    assert doc.date == "2024-11-05T09:30:00Z" and doc.captured == "2024-11-06T16:45:00Z"
    assert doc.pages == [] and doc.page_of(0) is None

    untitled = tmp_path / "notes.docx"
    untitled.write_bytes(docx_bytes(ARTICLE, title="Notes on the port", created=None))
    doc = load_document(untitled)
    assert doc.title == "Notes on the port" and doc.date is None


def test_broken_and_protected_docx_are_skipped_with_the_reason(tmp_path):
    (tmp_path / "cut.docx").write_bytes(docx_bytes(ARTICLE)[:200])
    (tmp_path / "locked.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(IngestError, match="damaged"):
        load_document(tmp_path / "cut.docx")
    with pytest.raises(IngestError, match="encrypted"):
        load_document(tmp_path / "locked.docx")


# -- MHTML ----------------------------------------------------------------------------------
def test_mhtml_page_through_the_html_path_with_url_and_save_date(tmp_path):
    path = tmp_path / "page.mhtml"
    html = article_html("Port trade rises with SCO partners", ARTICLE)
    path.write_bytes(mhtml_bytes(html, url=URL, date="Tue, 11 Mar 2025 18:15:00 +0800"))
    doc = load_document(path)
    assert doc.title == "Port trade rises with SCO partners"
    assert doc.url == URL and doc.captured == "2025-03-11T10:15:00Z"
    assert ARTICLE[2] in doc.text
    assert "All rights reserved" not in doc.text and "Home" not in doc.text.split()

    other = tmp_path / "page.mht"  # no Snapshot-Content-Location: the part's location
    other.write_bytes(mhtml_bytes(html, url=URL, date="Tue, 11 Mar 2025 18:15:00 +0800",
                                  chrome_header=False))
    assert load_document(other).url == URL


def test_mhtml_without_a_page_is_skipped_with_the_reason(tmp_path):
    path = tmp_path / "empty.mhtml"
    path.write_bytes(b"From: x\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n"
                     b"--b\r\nContent-Type: image/png\r\n\r\nxx\r\n--b--\r\n")
    with pytest.raises(IngestError, match="no HTML part"):
        load_document(path)


def test_mhtml_without_a_date_was_saved_when_the_file_was(tmp_path):
    path = tmp_path / "nodate.mhtml"
    data = mhtml_bytes(article_html("Port trade rises", ARTICLE), url=URL, date="x")
    path.write_bytes(data.replace(b"Date: x\n", b""))
    os.utime(path, (1741688100, 1741688100))
    assert load_document(path).captured == "2025-03-11T10:15:00Z"


# -- pages saved by a browser ---------------------------------------------------------------
@pytest.mark.parametrize("head, prefix", [
    ("", f"<!-- saved from url=({len(URL):04d}){URL} -->\n"),
    (f'<link rel="canonical" href="{URL}">', ""),
    (f'<meta property="og:url" content="{URL}">', ""),
])
def test_saved_page_gives_its_url(tmp_path, head, prefix):
    path = tmp_path / "saved.html"
    path.write_text(prefix + article_html("Port trade rises", ARTICLE, head=head),
                    encoding="utf-8")
    os.utime(path, (1741688100, 1741688100))  # saved 2025-03-11 10:15 UTC
    doc = load_document(path)
    assert doc.url == URL and ARTICLE[0] in doc.text
    # a browser's save says when through the file's time; other pages carry no capture time
    assert doc.captured == ("2025-03-11T10:15:00Z" if prefix else None)


def test_a_page_without_an_address_has_no_url(tmp_path):
    path = tmp_path / "plain.html"
    path.write_text(article_html("Port trade rises", ARTICLE,
                                 head='<link rel="canonical" href="/relative/only">'),
                    encoding="utf-8")
    assert load_document(path).url is None


# -- in the index ---------------------------------------------------------------------------
def test_every_format_is_searchable_with_its_provenance(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (tmp_path / "seeds").mkdir()
    (src / "report.pdf").write_bytes(pdf_bytes([ARTICLE[:1], LATER[:1]], title="Report"))
    (src / "memo.docx").write_bytes(docx_bytes(LATER[1:], heading="Memo"))
    (src / "page.mhtml").write_bytes(mhtml_bytes(
        article_html("Saved page", ARTICLE[1:2]), url=URL, date="Tue, 11 Mar 2025 10:15:00 GMT"))
    (src / "scan.pdf").write_bytes(image_only_pdf())
    corpus = Corpus(tmp_path / "data", seeds_dir=tmp_path / "seeds")
    try:
        corpus.add_sources([src])
        report = drain(corpus.sync())
        assert report.documents == 3
        assert [(s.path.rsplit("/", 1)[-1], s.reason.split(":")[0]) for s in report.skipped] \
            == [("scan.pdf", "no text layer")]
        hit = corpus.search('"opened two new logistics centres"').hits[0]
        assert hit.url == URL and hit.captured == "2025-03-11T10:15:00Z"
        pdf = corpus.search('"instead of the sixteen"').hits[0]
        doc = corpus.document(pdf.id)
        assert doc.page_of(doc.text.index("sixteen")) == 2 and doc.to_json()["pages"]
        memo = corpus.search('"one fifth of its container traffic"').hits[0]
        assert memo.title == "Memo" and memo.captured == "2024-11-06T16:45:00Z"
        rows = corpus.export_rows('"opened two new logistics centres"')
        assert rows[0]["url"] == URL and rows[0]["captured"] == "2025-03-11T10:15:00Z"
    finally:
        corpus.close()


def test_mhtml_headers_with_stray_8bit_bytes(tmp_path):
    path = tmp_path / "odd.mhtml"
    data = mhtml_bytes(article_html("Port trade rises", ARTICLE), url=URL,
                       date="Tue, 11 Mar 2025 18:15:00 +0800")
    path.write_bytes(data.replace(b"Date: Tue", b"Date: T\xffue")
                     .replace(b"Location: https", b"Location: h\xe9ttps"))
    doc = load_document(path)  # no exception: the page is read, the odd headers give less
    assert ARTICLE[0] in doc.text and doc.url
