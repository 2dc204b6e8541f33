"""Read, decode and clean article files into Documents.

Public API (the rest of the app uses only these names):

- ``load_document(path, *, max_bytes=DEFAULT_MAX_BYTES) -> Document``; raises ``IngestError``
  (with a human ``reason``) for a file that must be skipped.
- ``clean_text(raw, *, path="", html=False) -> Document``: clean already-decoded text.
- ``iter_input_files(paths) -> Iterator[Path | Skipped]``: expand files/folders (recursive).
- ``minhash_signature(text) -> list[int]`` and ``group_near_duplicates(sigs) -> list[list[str]]``.
"""

# PLACEHOLDER until the ingest work lands: a minimal, honest implementation.
from __future__ import annotations

import hashlib
import os
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from scoda_desktop.core.documents import Document, Skipped

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
SUFFIXES = {".txt", ".md", ".html", ".htm"}


class IngestError(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def document_id(sha256: str) -> str:
    return sha256[:16]


def clean_text(raw: str, *, path: str = "", html: bool = False) -> Document:
    raw = unicodedata.normalize("NFC", raw).replace("\u00a0", " ")
    paras = [ln.strip() for ln in raw.splitlines() if ln.strip()]
    text = "\n\n".join(paras)
    sha = hashlib.sha256(raw.encode("utf-8")).hexdigest()
    return Document(id=document_id(sha), path=path, sha256=sha, raw=raw, text=text,
                    title=paras[0] if paras else None, words=len(text.split()))


def load_document(path: str | os.PathLike, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    p = Path(path)
    try:
        st = p.stat()
        if st.st_size > max_bytes:
            raise IngestError(f"too large ({st.st_size} bytes)")
        data = p.read_bytes()
    except OSError as exc:
        raise IngestError(f"unreadable: {exc.strerror or exc}") from None
    if not data.strip():
        raise IngestError("empty file")
    if b"\0" in data:
        raise IngestError("binary file")
    doc = clean_text(data.decode("utf-8", "replace"), path=str(p.resolve()),
                     html=p.suffix.lower() in {".html", ".htm"})
    doc.sha256 = hashlib.sha256(data).hexdigest()
    doc.id = document_id(doc.sha256)
    doc.size, doc.mtime = st.st_size, st.st_mtime
    return doc


def iter_input_files(paths: Iterable[str | os.PathLike]) -> Iterator[Path | Skipped]:
    for item in paths:
        p = Path(item)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in SUFFIXES:
                    yield f
        elif p.is_file():
            yield p
        else:
            yield Skipped(str(p), "no such file or folder")


def minhash_signature(text: str) -> list[int]:
    return []


def group_near_duplicates(signatures: dict[str, list[int]]) -> list[list[str]]:
    return []
