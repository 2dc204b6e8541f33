"""Property tests the core suite did not have yet: date offsets slice to the date, dates
are real calendar dates, the HTML reader and the byte decoder take anything.

(tests/core already covers: the cleaner never raises; parse_date never raises; entity and
metric offsets slice to their mention.)
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from scoda_desktop.core.extract.dates import find_dates
from scoda_desktop.core.ingest.dates import search_date
from scoda_desktop.core.ingest.decode import DecodeError, decode_bytes
from scoda_desktop.core.ingest.html import html_to_lines

DATE_PIECES = st.sampled_from([
    "June", "Jun.", "Sept", "May", "3", "31", "2024", "2023", "1999", "0", "29", "Feb",
    "February", "年", "月", "日", "2024年5月10日", "/", "-", ".", ":", " ", ",", "|",
    "12:20 PM", "Published", "Updated:", "and", "to", "this year", "\u00a0", "T", "13",
    "2025-09-16 08:12", "9th Mar, 2025", "Aug 31 and Sept 1", "Ⅻ", "٣", "２０２４",
])
DATE_TEXT = st.one_of(st.text(max_size=120), st.lists(DATE_PIECES, max_size=30).map("".join),
                      st.lists(DATE_PIECES, max_size=30).map(" ".join))


def _valid_iso(value: str) -> None:
    day = value[:10]
    dt.date.fromisoformat(day)  # a real calendar date, not 2023-02-30
    if "T" in value:
        hour, minute = int(value[11:13]), int(value[14:16])
        assert 0 <= hour < 24 and 0 <= minute < 60


@settings(max_examples=300, deadline=None)
@given(DATE_TEXT)
def test_header_date_slices_to_its_text_and_is_a_real_date(text):
    found = search_date(text)
    if found is None:
        return
    assert 0 <= found.start <= found.end <= len(text)
    assert text[found.start:found.end] == found.original
    _valid_iso(found.iso)


@settings(max_examples=300, deadline=None)
@given(DATE_TEXT, st.one_of(st.none(), st.sampled_from(["2024-07-05", "bad", "2023-02-29",
                                                         "2024-02-29T10:00", ""])))
def test_dates_in_text_slice_and_resolve(text, doc_date):
    for start, end, value in find_dates(text, doc_date):
        assert 0 <= start < end <= len(text)
        for part in value.split("/"):
            if len(part) >= 10:
                _valid_iso(part)


HTML_PIECES = st.sampled_from([
    "<html>", "<head>", "<title>", "</title>", "<meta name=author content='x'>", "<body>",
    "<p>", "</p>", "<div class='nav'>", "</div>", "<script>", "</script>", "<style>",
    "a{b:c}", "<!--", "-->", "<![CDATA[", "]]>", "<a href='javascript:alert(1)'>", "</a>",
    "<img src=http://x/y.png>", "&amp;", "&#0;", "&#xD800;", "&nbsp;", "<br/>", "<", ">",
    "The SCO summit opened in Qingdao.", "June 3, 2024", "\x00", "\ufeff", "<time datetime=",
    "\"2024-13-45\">", "<table><tr><td>", "<svg><foreignObject>", "<math>", "<!DOCTYPE x>",
])
HTML = st.one_of(st.text(max_size=300), st.lists(HTML_PIECES, max_size=40).map("".join))


@settings(max_examples=200, deadline=None)
@given(HTML)
def test_html_reader_takes_any_markup(markup):
    text, meta = html_to_lines(markup)
    assert isinstance(text, str)
    assert "<script" not in text.lower() or "<script" in markup.lower()
    for value in (meta.title, meta.author, meta.source, meta.date):
        assert value is None or isinstance(value, str)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.binary(max_size=600),
                 st.text(max_size=200).map(lambda t: t.encode("utf-16")),
                 st.text(max_size=200).map(lambda t: t.encode("gb18030")),
                 st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_decoder_returns_text_or_says_why_not(data):
    try:
        text = decode_bytes(data)
    except DecodeError as exc:
        assert str(exc)
        return
    assert isinstance(text, str)
    assert "\x00" not in text and "\r" not in text
