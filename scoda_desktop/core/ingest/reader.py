"""One file (or one decoded text) to one Document: decode, clean, read metadata.

``load_document`` is where bad files are turned away, each with a reason a user can act on
("too large", "binary file", "empty file"); the caller reports it and goes on with the rest of
the import. ``clean_text`` works on text already in memory (tests, the ``clean`` command).
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from scoda_desktop.core.documents import Document
from scoda_desktop.core.ingest.clean import Cleaned, removed_lines, split_page
from scoda_desktop.core.ingest.decode import DecodeError, decode_bytes, normalize_text
from scoda_desktop.core.ingest.formats import (  # noqa: F401 - SUFFIXES, EXPECTED, is_supported: the reader's API
    CONTAINER_SUFFIXES,
    DOCUMENT_SUFFIXES,
    EXPECTED,
    HTML_SUFFIXES,
    SUFFIXES,
    is_container,
    is_supported,
    suffix_of,
)
from scoda_desktop.core.ingest.formats.web import meta_charset
from scoda_desktop.core.ingest.lines import (
    body_language,
    guess_language,
    language_and_words,
    word_count,
)
from scoda_desktop.core.ingest.meta import read_meta

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# PDF and Word files carry their images: the cap on them is for their bytes, not their text.
BINARY_MAX_BYTES = 100 * 1024 * 1024


class IngestError(Exception):
    """A file that cannot become a document; ``reason`` is shown to the user as is."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def document_id(sha256: str) -> str:
    """Stable id from the content hash: the same bytes are the same document anywhere."""
    return sha256[:16]


def size_limit(name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> int | None:
    """The size cap of a file from its name: None for an archive (capped per record)."""
    suffix = suffix_of(name)
    if suffix in CONTAINER_SUFFIXES:
        return None
    return max(max_bytes, BINARY_MAX_BYTES) if suffix in DOCUMENT_SUFFIXES else max_bytes


def too_large(size: int, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The reason given for a file over the size cap (decided from its stat alone)."""
    return f"too large: {size / 1048576:.1f} MB (limit {max_bytes / 1048576:.0f} MB)"


def _markdown_to_text(raw: str) -> tuple[str, str | None]:
    """Strip Markdown syntax that would read as noise; the first ``# heading`` is the title."""
    title = None
    out = []
    for line in raw.split("\n"):
        if line.strip().startswith("```"):
            continue
        heading = re.match(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", line)
        if heading:
            line = heading.group(1)
            if title is None and line.strip():
                title = line.strip()
        line = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", line)
        line = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", line)
        line = re.sub(r"(\*\*|__|`)", "", line)
        line = re.sub(r"^\s*(?:[-*+]|>)\s+", "", line)
        out.append(line)
    return "\n".join(out), title


NO_TEXT = "no article text found"


def _document(raw: str, path: str, **fields) -> Document:
    sha = hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()
    return Document(id=document_id(sha), path=path, sha256=sha, raw=raw, **fields)


def _clean_html(raw: str, path: str, url: str | None) -> Document:
    """A web page: the article extractor and our own reading combined (see ``page.py``)."""
    from scoda_desktop.core.ingest.page import read_page

    parts = read_page(raw, url)
    body_text = "\n\n".join(parts.paragraphs)
    language, words = _language_and_words(body_text, parts.page_text)
    return _document(
        raw, path, text=body_text, removed=parts.removed, title=parts.title, date=parts.date,
        date_text=parts.date_text, source=parts.source, author=parts.author,
        language=language, words=words, warning=None if body_text.strip() else NO_TEXT,
    )


def _language_and_words(body_text: str, page_text: str) -> tuple[str, int]:
    """The body's language (the page's when there is no body) and its word count."""
    if body_text:
        return language_and_words(body_text)
    return guess_language(page_text), 0


def _clean(raw: str, path: str, html: bool, url: str | None = None) -> Document:
    """The cleaner proper (may raise on a bug; ``clean_text`` guards it)."""
    raw = normalize_text(raw)
    if html:
        return _clean_html(raw, path, url)
    known_title = None
    text = raw
    if path.lower().endswith(".md"):
        text, known_title = _markdown_to_text(raw)
    cleaned: Cleaned = split_page(text)
    paragraphs = [" ".join(ln.text.split()) for ln in cleaned.body]
    first = paragraphs[0] if paragraphs else ""
    meta = read_meta(cleaned.header, first, known_title, cleaned.trailer)
    body_text = "\n\n".join(paragraphs)
    # from the words labelling found in each body line (one scan less), else scanned
    known = body_language(cleaned.body, body_text) if body_text else None
    language, words = known or _language_and_words(body_text, text)
    return _document(
        raw, path, text=body_text, removed=removed_lines(cleaned, meta.line_reasons),
        title=meta.title, date=meta.date, date_text=meta.date_text, source=meta.source,
        author=meta.author, language=language, words=words,
    )


def clean_text(raw: str, *, path: str = "", html: bool = False, url: str | None = None
               ) -> Document:
    """Clean already-decoded text (or HTML markup) into a Document; never raises.

    If the cleaner itself fails on some input, the document still comes back with every
    non-empty line as body, so nothing a user imported silently disappears.
    """
    try:
        return _clean(raw, path, html, url)
    except Exception:  # noqa: BLE001 - one odd page must not stop an import
        raw = normalize_text(raw if isinstance(raw, str) else "")
        paragraphs = [" ".join(ln.split()) for ln in raw.split("\n") if ln.strip()]
        sha = hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()
        text = "\n\n".join(paragraphs)
        return Document(id=document_id(sha), path=path, sha256=sha, raw=raw, text=text,
                        language=guess_language(text), words=word_count(text))


def load_document(path: str | os.PathLike, *, max_bytes: int = DEFAULT_MAX_BYTES,
                  resolve: bool = True) -> Document:
    """Read one file into a Document, or raise IngestError saying why it cannot be one
    (``resolve=False``: ``path`` is the Document's path as given, not resolved: a sync
    names its files by their absolute paths, and resolving each was ~1.5% of reading it)."""
    p = Path(path)
    suffix = suffix_of(p.name)
    if suffix not in SUFFIXES:
        raise IngestError(f"unsupported file type '{p.suffix or p.name}' ({EXPECTED})")
    if is_container(p.name):
        raise IngestError("a web archive holds many documents (read it record by record)")
    max_bytes = size_limit(p.name, max_bytes) or max_bytes
    try:
        st = p.stat()
        if not p.is_file():
            raise IngestError("not a regular file")
        if st.st_size > max_bytes:
            raise IngestError(too_large(st.st_size, max_bytes))
        with p.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except PermissionError:
        raise IngestError("unreadable: permission denied") from None
    except OSError as exc:
        raise IngestError(f"unreadable: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise IngestError(f"too large (over the {max_bytes / 1048576:.0f} MB limit)")
    if not data.strip():
        raise IngestError("empty file")
    saved = False
    if suffix in DOCUMENT_SUFFIXES:
        doc = _read_format(str(p.resolve()) if resolve else str(p), suffix, data)
    else:
        try:
            decoded = decode_bytes(data, declared=meta_charset(data)
                                   if suffix in HTML_SUFFIXES else None)
        except DecodeError as exc:
            raise IngestError(str(exc)) from None
        if not decoded.strip():
            raise IngestError("empty file")
        html = suffix in HTML_SUFFIXES
        url = None
        if html:
            from scoda_desktop.core.ingest.formats.web import page_url, saved_by_browser

            url = page_url(decoded)
            saved = saved_by_browser(decoded)
        doc = clean_text(decoded, path=str(p.resolve()) if resolve else str(p), html=html,
                         url=url)
        doc.url = url if html else doc.url
    doc.sha256 = hashlib.sha256(data).hexdigest()
    doc.id = document_id(doc.sha256)
    doc.size, doc.mtime = st.st_size, st.st_mtime
    if doc.captured is None and (suffix in (".mhtml", ".mht") or saved):
        # a page a browser saved, with no date of its own: the file's time is when it was
        # saved (unless the file was changed since)
        from scoda_desktop.core.ingest.formats.web import iso_from_timestamp

        doc.captured = iso_from_timestamp(st.st_mtime)
    return doc


def _read_format(path: str, suffix: str, data: bytes) -> Document:
    """A PDF, Word or MHTML file through its reader; its failures become IngestError."""
    from scoda_desktop.core.ingest.formats.docx import DocxError, read_docx
    from scoda_desktop.core.ingest.formats.mhtml import MhtmlError, read_mhtml
    from scoda_desktop.core.ingest.formats.pdf import PdfError, read_pdf

    readers = {".pdf": read_pdf, ".docx": read_docx, ".mhtml": read_mhtml, ".mht": read_mhtml}
    try:
        return readers[suffix](path, data)
    except (PdfError, DocxError, MhtmlError) as exc:
        raise IngestError(str(exc)) from None
