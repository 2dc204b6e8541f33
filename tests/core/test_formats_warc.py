"""Web archives: every HTML or text response of a WARC is a document with its url, capture
time and record offset; images, scripts, robots.txt, requests and revisits are counted, not
indexed; a WARC is read again only where it changed; damage keeps what came before it."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from scoda_desktop.core.corpus import Corpus
from scoda_desktop.core.ingest.formats.warc import ArchiveReader, Page, Skip
from scoda_desktop.core.pipeline import containers
from tests.core.corpus_fixtures import drain
from tests.core.format_files import ARTICLE, article_html, chunked, gzip_bytes, write_warc

A_URL = "https://news.example.com/2025/03/port-trade.html"
B_URL = "https://news.example.com/2025/03/zone-centres.html"
CAFE_URL = "https://news.example.com/cafe.html"
RAIL = "Officials in Jiaozhou said the new rail link would cut transit times to Almaty by two days."
HTML_A = article_html("Port trade rises", ARTICLE).encode()
HTML_B = article_html("Zone opens centres", [*ARTICLE[1:], RAIL]).encode()
CAFE = article_html("Café owners welcome visitors", [
    "Le café de la gare accueille des délégations du monde entier depuis l'ouverture de la "
    "zone de coopération économique et commerciale.",
    "Les propriétaires disent que les échanges ont beaucoup augmenté pendant l'année écoulée.",
]).replace('<meta charset="utf-8">', "").encode("latin-1")


def records() -> list[dict]:
    """The test crawl; each record has a fixed WARC-Record-ID, as a copied record keeps."""
    html = [("Content-Type", "text/html; charset=utf-8")]
    recs = [
        {"type": "warcinfo"},
        {"url": A_URL, "body": HTML_A, "headers": html, "date": "2025-03-10T08:00:00Z"},
        {"type": "request", "url": B_URL},
        {"url": B_URL, "body": chunked(gzip_bytes(HTML_B)), "date": "2025-03-10T08:01:00Z",
         "headers": [("Content-Type", "text/html"), ("Content-Encoding", "gzip"),
                     ("Transfer-Encoding", "chunked")]},
        {"url": "https://news.example.com/logo.png", "body": b"\x89PNG\r\n\x1a\n" + b"\0" * 64,
         "headers": [("Content-Type", "image/png")]},
        {"url": "https://news.example.com/site.js", "body": b"var a = 1;",
         "headers": [("Content-Type", "application/javascript")]},
        {"url": "https://news.example.com/robots.txt", "body": b"User-agent: *\nDisallow:\n",
         "headers": [("Content-Type", "text/plain")]},
        {"url": "https://news.example.com/ads.txt", "body": b"example.com, pub-1, DIRECT\n",
         "headers": [("Content-Type", "text/plain")]},
        {"url": "https://news.example.com/untyped", "body": b"\x00\x01binary blob",
         "headers": [("Content-Type", "application/octet-stream")]},
        {"url": "https://news.example.com/gone", "status": "404 Not Found",
         "body": b"<html><body>Not found</body></html>", "headers": html},
        {"type": "revisit", "url": A_URL, "date": "2025-03-11T08:00:00Z"},
        {"url": A_URL, "body": HTML_A, "headers": html, "date": "2025-03-12T09:30:00Z"},
        {"url": CAFE_URL, "body": CAFE,
         "headers": [("Content-Type", "text/html; charset=latin-1")]},
    ]
    for i, rec in enumerate(recs):
        rec["id"] = f"00000000-0000-4000-8000-{i:012d}"
    return recs


@pytest.fixture(params=[True, False], ids=["warc.gz", "warc"])
def warc(request, tmp_path) -> Path:
    name = "crawl.warc.gz" if request.param else "crawl.warc"
    return write_warc(tmp_path / name, records(), compress=request.param)


@pytest.fixture
def corpus(tmp_path):
    (tmp_path / "seeds").mkdir()
    c = Corpus(tmp_path / "data", seeds_dir=tmp_path / "seeds")
    yield c
    c.close()


def test_reader_gives_article_records_and_names_the_rest(warc):
    reader = ArchiveReader(str(warc), max_bytes=1 << 20)
    items = list(reader)
    pages = [i for i in items if isinstance(i, Page)]
    assert [p.url for p in pages] == [A_URL, B_URL, A_URL, CAFE_URL]
    assert [p.captured for p in pages][:3] == ["2025-03-10T08:00:00Z", "2025-03-10T08:01:00Z",
                                               "2025-03-12T09:30:00Z"]
    assert RAIL in pages[1].text  # chunked transfer and gzip content encoding undone
    assert "délégations du monde entier" in pages[3].text  # charset from the HTTP header
    reasons = sorted(i.reason for i in items if isinstance(i, Skip))
    assert reasons == ["HTTP status 404", "not an article (application/javascript)",
                       "not an article (application/octet-stream)",
                       "not an article (image/png)", "request record",
                       "revisit record (a capture of unchanged content)", "robots.txt",
                       "site file (not an article)", "warcinfo record"]
    offsets = [i.offset for i in items]
    assert offsets == sorted(offsets) and len(set(offsets)) == len(offsets)
    assert reader.end == warc.stat().st_size and reader.damaged is None
    # each offset is where its record starts: reading from there gives that record first
    again = next(iter(ArchiveReader(str(warc), pages[1].offset, max_bytes=1 << 20)))
    assert isinstance(again, Page) and again.url == B_URL


def test_record_over_the_size_cap_is_skipped_not_read(warc):
    items = list(ArchiveReader(str(warc), max_bytes=600))
    assert not [i for i in items if isinstance(i, Page) and "Qingdao port" in i.text]
    assert any(isinstance(i, Skip) and i.reason.startswith("too large") for i in items)


def test_a_warc_indexes_its_pages_with_provenance(corpus, warc):
    corpus.add_sources([warc])
    report = drain(corpus.sync())
    assert report.documents == 4 and not report.skipped
    counted = {s.reason: s.count for s in report.skipped_records}
    assert counted["not an article (image/png)"] == 1 and counted["robots.txt"] == 1
    assert counted["revisit record (a capture of unchanged content)"] == 1
    assert all(s.path == str(warc) for s in report.skipped_records)
    assert report.to_json()["skipped_records"][0]["count"] == 1

    result = corpus.search('"transit times to Almaty"')
    assert result.total == 1
    hit = result.hits[0]
    assert (hit.path, hit.url, hit.captured) == (str(warc), B_URL, "2025-03-10T08:01:00Z")
    assert isinstance(hit.record, int) and hit.record > 0
    doc = corpus.document(hit.id)  # `show` takes the id
    assert doc.path == str(warc) and doc.record == hit.record and doc.url == B_URL
    assert doc.title == "Zone opens centres" and RAIL in doc.text
    assert "All rights reserved" not in doc.text and "Business" not in doc.text.split()
    assert doc.to_json()["record"] == hit.record and doc.to_json()["captured"]

    # two captures of one URL: both kept, grouped as near-duplicates
    captures = [h for h in corpus.search('"Qingdao port handled"', limit=None).hits
                if h.url == A_URL]
    assert sorted(h.captured for h in captures) == ["2025-03-10T08:00:00Z",
                                                   "2025-03-12T09:30:00Z"]
    assert captures[0].id != captures[1].id
    assert any({c.id for c in captures} <= set(g) for g in corpus._store.duplicate_groups())
    first, second = sorted(captures, key=lambda h: h.captured)
    assert f"{warc}#{second.record}" in first.duplicates  # the other capture, by its record
    assert any({f"{warc}#{first.record}", f"{warc}#{second.record}"} <= set(group)
               for group in report.duplicates)
    assert corpus.resolve(f"{warc}#{second.record}") == second.id  # `show crawl.warc#N`
    cafe = [h for h in corpus.search("délégations").hits if h.url == CAFE_URL]
    assert cafe and cafe[0].title.startswith("Café")


def test_unchanged_archive_is_not_read_again(corpus, warc, monkeypatch):
    corpus.add_sources([warc])
    drain(corpus.sync())
    opened = []
    real = containers.ArchiveReader
    monkeypatch.setattr(containers, "ArchiveReader",
                        lambda *a, **k: opened.append(a) or real(*a, **k))
    report = drain(corpus.sync())
    assert opened == [] and report.unchanged == 1 and report.documents == 4


def _count_prepared(monkeypatch) -> list[int]:
    seen: list[int] = []
    real = containers.prepare_page

    def counting(path, page, mtime):
        seen.append(page.offset)
        return real(path, page, mtime)

    monkeypatch.setattr(containers, "prepare_page", counting)
    return seen


def test_a_grown_archive_is_read_from_where_it_ended(corpus, warc, monkeypatch, tmp_path):
    corpus.add_sources([warc])
    drain(corpus.sync())
    old_size = warc.stat().st_size
    more = write_warc(tmp_path / ("more" + "".join(warc.suffixes)), [
        {"url": "https://news.example.com/new.html", "date": "2025-04-01T07:00:00Z",
         "body": article_html("Customs window opens", [
             "A single customs window for partner countries opened in Jiaozhou on Tuesday, "
             "letting exporters file documents once for every border they cross."]).encode(),
         "headers": [("Content-Type", "text/html")]}], compress=warc.name.endswith(".gz"))
    with warc.open("ab") as fh:  # a crawler appends records
        fh.write(more.read_bytes())
    more.unlink()
    prepared = _count_prepared(monkeypatch)
    opened = []
    real = containers.ArchiveReader
    monkeypatch.setattr(containers, "ArchiveReader",
                        lambda *a, **k: opened.append(a) or real(*a, **k))
    report = drain(corpus.sync())
    assert [a[1] for a in opened] == [old_size]  # read from the old end only
    assert prepared == [old_size] and report.documents == 5 and report.updated == 1
    hit = corpus.search('"single customs window"').hits[0]
    assert hit.path == str(warc) and hit.record == old_size
    assert hit.captured == "2025-04-01T07:00:00Z"


def test_a_rewritten_archive_keeps_known_records_and_drops_missing_ones(
        corpus, warc, monkeypatch):
    # (no warcinfo record: its time of writing would shift every offset after it)
    write_warc(warc, records()[1:], compress=warc.name.endswith(".gz"))
    corpus.add_sources([warc])
    drain(corpus.sync())
    write_warc(warc, [r for r in records()[1:] if r.get("url") != CAFE_URL],
               compress=warc.name.endswith(".gz"))
    prepared = _count_prepared(monkeypatch)
    report = drain(corpus.sync())
    assert prepared == []  # the other three records are known: linked, not cleaned again
    assert report.documents == 3 and corpus.search("délégations").total == 0


def test_records_that_moved_inside_a_rewritten_archive_get_their_new_offset(corpus, warc):
    corpus.add_sources([warc])
    drain(corpus.sync())
    write_warc(warc, [r for r in records() if r.get("url") != A_URL],
               compress=warc.name.endswith(".gz"))
    report = drain(corpus.sync())
    assert report.documents == 2 and corpus.search('"Qingdao port handled"').total == 0
    hit = corpus.search('"transit times to Almaty"').hits[0]
    first = next(i for i in ArchiveReader(str(warc), max_bytes=1 << 20)
                 if isinstance(i, Page) and i.url == B_URL)
    assert hit.record == first.offset == corpus.document(hit.id).record


def test_moved_archive_keeps_its_documents(corpus, warc, monkeypatch, tmp_path):
    corpus.add_sources([warc.parent])
    drain(corpus.sync())
    before = corpus.search('"transit times to Almaty"').hits[0].id
    moved = warc.parent / "sub"
    moved.mkdir()
    warc.rename(moved / warc.name)
    prepared = _count_prepared(monkeypatch)
    report = drain(corpus.sync())
    hit = corpus.search('"transit times to Almaty"').hits[0]
    assert prepared == [] and report.documents == 4
    assert hit.id == before and hit.path == str(moved / warc.name)


def test_cancel_between_records_commits_nothing(corpus, warc):
    corpus.add_sources([warc])
    seen = []
    gen = corpus.sync(cancel=lambda: len(seen) >= 2)
    try:
        while True:
            p = next(gen)
            if p.stage == "reading records":
                seen.append(p.done)
    except StopIteration as stop:
        report = stop.value
    assert report.cancelled and seen == [1, 2]  # progress counts records
    assert corpus.search('"transit times to Almaty"').total == 0


def test_damaged_archive_keeps_the_records_before_the_damage(corpus, tmp_path):
    warc = write_warc(tmp_path / "broken.warc.gz", records()[:6])
    data = warc.read_bytes()
    warc.write_bytes(data[:-150])  # the download stopped inside the last record
    corpus.add_sources([warc])
    report = drain(corpus.sync())
    assert report.documents == 2
    assert [s.path for s in report.skipped] == [str(warc)]
    assert report.skipped[0].reason.startswith("damaged archive after byte")
    assert len(report.skipped[0].reason) < 160


def test_not_a_warc_at_all_is_skipped_with_a_reason(corpus, tmp_path):
    junk = tmp_path / "junk.warc"
    junk.write_bytes(b"this is not an archive\n" * 20)
    corpus.add_sources([junk])
    report = drain(corpus.sync())
    assert report.documents == 0 and report.skipped[0].reason.startswith("damaged archive")


def test_a_warc_gzipped_whole_is_read_too(tmp_path):
    plain = write_warc(tmp_path / "p.warc", records(), compress=False)
    whole = tmp_path / "whole.warc.gz"
    whole.write_bytes(gzip.compress(plain.read_bytes()))
    reader = ArchiveReader(str(whole), max_bytes=1 << 20)
    urls = [i.url for i in reader if isinstance(i, Page)]
    assert urls == [A_URL, B_URL, A_URL, CAFE_URL] and reader.gzip_whole


def test_arc_files_are_read(tmp_path):
    """An ARC (version 1) file, the Internet Archive's format before WARC."""
    body = b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n" + HTML_B
    header = (b"filedesc://crawl.arc 0.0.0.0 20050614070144 text/plain 76\n"
              b"1 0 Example\nURL IP-address Archive-date Content-type Archive-length\n\n")
    record = (f"{B_URL} 93.184.216.34 20050614070159 text/html {len(body)}\n".encode()
              + body + b"\n")
    arc = tmp_path / "old.arc.gz"
    arc.write_bytes(gzip.compress(header) + gzip.compress(record))
    pages = [i for i in ArchiveReader(str(arc), max_bytes=1 << 20) if isinstance(i, Page)]
    assert [p.url for p in pages] == [B_URL]
    assert pages[0].captured == "2005-06-14T07:01:59Z" and RAIL in pages[0].text


def test_crawler_notes_are_not_articles(tmp_path):
    """wget stores its arguments and log as text/plain resource records; Browsertrix its
    page list under urn:; neither is a page of the site."""
    warc = write_warc(tmp_path / "wget.warc.gz", [
        {"type": "resource", "url": "metadata://gnu.org/software/wget/warc/wget.log",
         "body": b"Opening WARC file. Downloaded: 2 files, 8.9K in 0s\n" * 3,
         "content_type": "text/plain"},
        {"type": "resource", "url": "urn:pageinfo:https://e.org/", "body": b"{}",
         "content_type": "application/json"},
        {"type": "resource", "url": B_URL, "body": HTML_B, "content_type": "text/html"}])
    items = list(ArchiveReader(str(warc), max_bytes=1 << 20))
    assert [i.reason for i in items if isinstance(i, Skip)] == ["crawler record (metadata:)",
                                                                "crawler record (urn:)"]
    assert [i.url for i in items if isinstance(i, Page)] == [B_URL]


def test_a_page_served_without_a_content_type_is_recognised(tmp_path):
    warc = write_warc(tmp_path / "untyped.warc.gz", [
        {"url": B_URL, "body": b"\n<!-- generated -->\n" + HTML_B, "headers": []},
        {"url": B_URL + "?x", "body": b"GIF89a\x01\x00", "headers": []}])
    items = list(ArchiveReader(str(warc), max_bytes=1 << 20))
    assert isinstance(items[0], Page) and RAIL in items[0].text and items[0].html
    assert isinstance(items[1], Skip) and items[1].reason == "not an article (no content type)"


def test_brotli_encoded_pages_are_decoded(tmp_path):
    """Browser-based crawlers (Browsertrix, Webrecorder) keep responses as the server sent
    them, often ``Content-Encoding: br``."""
    import brotli

    warc = write_warc(tmp_path / "br.warc.gz", [
        {"url": B_URL, "body": brotli.compress(HTML_B),
         "headers": [("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "br")]}])
    pages = [i for i in ArchiveReader(str(warc), max_bytes=1 << 20) if isinstance(i, Page)]
    assert len(pages) == 1 and RAIL in pages[0].text


def test_a_body_whose_encoding_is_broken_spoils_only_its_record(tmp_path):
    warc = write_warc(tmp_path / "bad.warc.gz", [
        {"url": A_URL, "body": b"\x1b\xff\x00not brotli at all" * 20,
         "headers": [("Content-Type", "text/html"), ("Content-Encoding", "br")]},
        {"url": B_URL, "body": HTML_B, "headers": [("Content-Type", "text/html")]}])
    reader = ArchiveReader(str(warc), max_bytes=1 << 20)
    items = list(reader)
    assert [i.url for i in items if isinstance(i, Page)] == [B_URL] and reader.damaged is None
