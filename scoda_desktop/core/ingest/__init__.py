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

from importlib import import_module
from typing import Any

# name -> the module that defines it, imported on first use (PEP 562): a module of this
# package (``files``: an unchanged re-sync's scan) then does not import every other one
# (the reader, cleaning, MinHash with numpy: ~0.15 s)
_HOME = {
    "parse_date": "dates",
    "DecodeError": "decode",
    "decode_bytes": "decode",
    "group_near_duplicates": "dedup",
    "minhash_signature": "dedup",
    "iter_input_files": "files",
    "DEFAULT_MAX_BYTES": "reader",
    "SUFFIXES": "reader",
    "IngestError": "reader",
    "clean_text": "reader",
    "document_id": "reader",
    "load_document": "reader",
}


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


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
