"""What a web page says about itself outside its article: its address and its encoding.

A page saved by a browser carries its address in a ``<!-- saved from url=(0042)https://... -->``
comment (Internet Explorer's "Mark of the Web", still written by Chrome and Edge's "Save as
HTML only"), a ``<link rel="canonical">`` or an ``og:url``; a web archive gives the charset in
the HTTP header, which wins over what the page declares. These are cheap regular expressions
over the first part of the page, so they never parse a whole document twice.
"""

from __future__ import annotations

import codecs
import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from scoda_desktop.core.ingest.decode import DecodeError, decode_bytes, normalize_text

_HEAD = 65536  # the address and the charset are in the head; never scan a whole page
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)\s*([^\s>]+?)\s*-->", re.I)
_LINK = re.compile(r"<link\b[^>]*>", re.I)
_META = re.compile(r"<meta\b[^>]*>", re.I)
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)


def _attrs(tag: str) -> dict[str, str]:
    return {m.group(1).lower(): next(g for g in m.groups()[1:] if g is not None)
            for m in _ATTR.finditer(tag)}


def _web_address(value: str | None) -> str | None:
    value = (value or "").strip()
    return value if re.match(r"(?i)^https?://\S+$", value) else None


def page_url(markup: str) -> str | None:
    """The page's own address: the "saved from" comment, then rel=canonical, then og:url."""
    head = markup[:_HEAD]
    m = _SAVED_FROM.search(head)
    if m and _web_address(m.group(1)):
        return m.group(1)
    for tag in _LINK.findall(head):
        a = _attrs(tag)
        if "canonical" in a.get("rel", "").lower().split() and _web_address(a.get("href")):
            return a["href"].strip()
    for tag in _META.findall(head):
        a = _attrs(tag)
        if (a.get("property") or a.get("name") or "").lower() == "og:url":
            url = _web_address(a.get("content"))
            if url:
                return url
    return None


def saved_by_browser(markup: str) -> bool:
    """True when the page carries a browser's "saved from url" comment."""
    return _SAVED_FROM.search(markup[:_HEAD]) is not None


def iso_from_timestamp(seconds: float) -> str:
    """A file time (``st_mtime``) as ISO 8601 in UTC."""
    return _iso(datetime.fromtimestamp(seconds, UTC))


def charset_of(content_type: str | None) -> str | None:
    """The ``charset=`` of a Content-Type header value, if it names a codec Python knows."""
    m = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type or "", re.I)
    return _known(m.group(1)) if m else None


def _known(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_page(data: bytes, header_charset: str | None = None) -> str:
    """Bytes of a page to text: the HTTP header's charset, then the page's ``<meta charset>``,
    then the file decoder's own detection (BOM, UTF-8, charset-normalizer).

    Raises ``DecodeError`` for bytes that are not text at all.
    """
    for name in (header_charset, meta_charset(data)):
        if name:
            try:
                return normalize_text(data.decode(name))
            except (UnicodeDecodeError, LookupError):
                continue
    return decode_bytes(data)


def meta_charset(data: bytes) -> str | None:
    """The charset a page declares in its head (``<meta charset>``, ``http-equiv``), if known."""
    m = _CHARSET.search(data[:_HEAD])
    return _known(m.group(1).decode("ascii", "replace")) if m else None


def iso_from_warc(value: str | None) -> str | None:
    """A WARC-Date (``2024-05-01T10:20:30Z``) or ARC date (``20240501102030``) as ISO 8601."""
    value = (value or "").strip()
    if re.fullmatch(r"\d{14}", value):
        value = (f"{value[:4]}-{value[4:6]}-{value[6:8]}T{value[8:10]}:{value[10:12]}:"
                 f"{value[12:14]}Z")
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return _iso(when)


def iso_from_http(value: str | None) -> str | None:
    """An RFC 2822 date (email and HTTP ``Date`` headers) as ISO 8601 in UTC."""
    try:  # (a header with stray 8-bit bytes comes as an email Header object: str() it)
        return _iso(parsedate_to_datetime(str(value))) if value else None
    except (TypeError, ValueError, IndexError, AttributeError):
        return None


def _iso(when: datetime) -> str:
    if when.tzinfo is not None:
        when = when.astimezone(UTC)
    return when.replace(tzinfo=None, microsecond=0).isoformat() + "Z"


__all__ = ["DecodeError", "charset_of", "decode_page", "iso_from_http", "iso_from_timestamp",
           "iso_from_warc", "page_url", "saved_by_browser"]
