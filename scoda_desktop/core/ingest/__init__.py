"""Read, decode and clean article files into Documents.

Public API (the rest of the app uses only these names):

- ``load_document(path, *, max_bytes=DEFAULT_MAX_BYTES) -> Document``; raises ``IngestError``
  (with a human ``reason``) for a file that must be skipped.
- ``clean_text(raw, *, path="", html=False) -> Document``: clean already-decoded text.
- ``iter_input_files(paths) -> Iterator[Path | Skipped]``: expand files/folders (recursive).
- ``minhash_signature(text) -> list[int]`` and ``group_near_duplicates(sigs) -> list[list[str]]``.
- ``decode_bytes(data) -> str`` and ``parse_date(text) -> (iso, original) | None``.

Modules: ``decode`` (bytes to text), ``lines`` (label each line), ``clean`` (choose the body),
``meta`` (title, date, author, source), ``html`` (pages to lines), ``dates``, ``dedup``,
``files``, ``reader`` (one file to one Document), ``patterns`` (resources/boilerplate.json).
"""

from scoda_desktop.core.ingest.dates import parse_date
from scoda_desktop.core.ingest.decode import DecodeError, decode_bytes
from scoda_desktop.core.ingest.dedup import group_near_duplicates, minhash_signature
from scoda_desktop.core.ingest.files import iter_input_files
from scoda_desktop.core.ingest.reader import (
    DEFAULT_MAX_BYTES,
    SUFFIXES,
    IngestError,
    clean_text,
    document_id,
    load_document,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUFFIXES",
    "DecodeError",
    "IngestError",
    "clean_text",
    "decode_bytes",
    "document_id",
    "group_near_duplicates",
    "iter_input_files",
    "load_document",
    "minhash_signature",
    "parse_date",
]
