"""Damaged input never escapes as an exception: a WARC reports where it broke, a PDF, Word
or MHTML file gives a reason (property tests over cut and bit-flipped files)."""

from __future__ import annotations

import functools

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from scoda_desktop.core.documents import Document
from scoda_desktop.core.ingest import IngestError
from scoda_desktop.core.ingest.formats.warc import ArchiveReader, Page, Skip
from scoda_desktop.core.ingest.reader import _read_format
from tests.core.format_files import (
    ARTICLE,
    article_html,
    chunked,
    docx_bytes,
    gzip_bytes,
    mhtml_bytes,
    pdf_bytes,
    write_warc,
)

SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@functools.cache
def _warc(tmp: str, compress: bool) -> bytes:
    from pathlib import Path

    html = article_html("Port trade rises", ARTICLE).encode()
    path = write_warc(Path(tmp) / f"w{int(compress)}.warc", [
        {"url": "https://e.org/a", "body": html, "headers": [("Content-Type", "text/html")]},
        {"url": "https://e.org/b", "body": chunked(gzip_bytes(html)),
         "headers": [("Content-Type", "text/html"), ("Content-Encoding", "gzip"),
                     ("Transfer-Encoding", "chunked")]},
    ], compress=compress)
    return path.read_bytes()


def _mutate(data: bytes, cut: int, flips: list[tuple[int, int]]) -> bytes:
    out = bytearray(data[: max(1, len(data) - cut)])
    for at, bit in flips:
        out[at % len(out)] ^= 1 << bit
    return bytes(out)


MUTATION = (st.integers(0, 400), st.lists(st.tuples(st.integers(0, 1 << 20), st.integers(0, 7)),
                                          max_size=4))


@SETTINGS
@given(st.booleans(), *MUTATION)
def test_a_damaged_warc_never_raises(tmp_path_factory, compress, cut, flips):
    tmp = tmp_path_factory.getbasetemp()
    path = tmp / f"m{int(compress)}.warc"
    path.write_bytes(_mutate(_warc(str(tmp), compress), cut, flips))
    reader = ArchiveReader(str(path), max_bytes=1 << 20)
    items = list(reader)
    assert all(isinstance(i, Page | Skip) for i in items)
    assert reader.damaged is None or reader.damaged.startswith("damaged archive")


@SETTINGS
@example(".mhtml", 0, [(209, 7)])  # an 8-bit byte in a header: email gives a Header object
@example(".docx", 0, [(298, 1)])  # a flipped bit in a deflated member: zlib.error escaped
@given(st.sampled_from([".pdf", ".docx", ".mhtml"]), *MUTATION)
def test_a_damaged_document_gives_a_reason_or_a_document(suffix, cut, flips):
    good = {".pdf": pdf_bytes([ARTICLE]), ".docx": docx_bytes(ARTICLE),
            ".mhtml": mhtml_bytes(article_html("T", ARTICLE), url="https://e.org/a",
                                  date="Tue, 11 Mar 2025 10:15:00 GMT")}[suffix]
    try:
        doc = _read_format("/x" + suffix, suffix, _mutate(good, cut, flips))
    except IngestError as exc:
        assert exc.reason
    else:
        assert isinstance(doc, Document)
