"""PDF files with pypdf: text in reading order, one document per file, pages kept.

Why pypdf: BSD-3-Clause, pure Python with no dependencies (PyMuPDF is AGPL and so cannot be in
our MIT bundle), actively maintained, and on our generated test reports as right about reading
order as pdfminer.six while several times faster (benchmarks/pdf_readers.py,
docs/PERFORMANCE.md). pdfminer.six would also bring the ``cryptography`` package into the
bundle. Encrypted files that open with the empty password (restrictions only) are read;
others, and files with no text layer (scans), are skipped with the reason.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from datetime import UTC, datetime

from scoda_desktop.core.documents import Document
from scoda_desktop.core.ingest.formats.paged import Paged, mark_chrome, paged_document, reflow

# pypdf logs every oddity of a file it still reads; a user sees our reasons instead.
logging.getLogger("pypdf").setLevel(logging.ERROR)


# Typesetting ligatures (ﬁ, ﬂ, ﬃ...) as their letters, so "first" is found in "ﬁrst"; soft
# hyphens (line-break hints) dropped.
_LIGATURES = {cp: unicodedata.normalize("NFKC", chr(cp)) for cp in range(0xFB00, 0xFB07)}
_LIGATURES[0x00AD] = None


class PdfError(Exception):
    """Why a PDF gives no document ("encrypted", "damaged", "no text layer: needs OCR")."""


def _iso(value: object) -> str | None:
    if not isinstance(value, datetime):
        return None
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
        return value.replace(microsecond=0).isoformat() + "Z"
    return value.replace(microsecond=0).isoformat()


def _meta(reader, name: str) -> object:
    try:
        return getattr(reader.metadata, name, None) if reader.metadata else None
    except Exception:  # noqa: BLE001 - a broken info dictionary is no metadata
        return None


def _meta_title(value: object) -> str | None:
    """The Info title unless it is a writer's placeholder ("Untitled", "Microsoft Word -
    report.docx", a file name)."""
    title = " ".join(str(value or "").split())
    title = re.sub(r"^Microsoft (Word|PowerPoint) - ", "", title)
    if not title or title.lower() in ("untitled", "title", "document") or re.search(
            r"\.(docx?|pdf|odt|rtf|pptx?|txt|indd|qxd)$", title, re.I):
        return None
    return title


def read_pdf(path: str, data: bytes) -> Document:
    """One PDF (its bytes already read, under the size cap) to a Document, or PdfError."""
    import io

    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise PdfError("encrypted (needs a password)")
            except (DependencyError, NotImplementedError) as exc:
                raise PdfError("encrypted (needs a password)") from exc
        texts = [(page.extract_text() or "").translate(_LIGATURES) for page in reader.pages]
    except PdfError:
        raise
    except (FileNotDecryptedError, DependencyError) as exc:
        raise PdfError("encrypted (needs a password)") from exc
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            RecursionError, OSError) as exc:
        raise PdfError(f"damaged PDF ({type(exc).__name__})") from exc
    if not texts:
        raise PdfError("damaged PDF (no pages)")
    if sum(len(t.split()) for t in texts) < max(3, len(texts)):
        raise PdfError("no text layer: needs OCR (a scan or images only)")
    pages = [reflow(blocks) for blocks in mark_chrome([t.split("\n") for t in texts])]
    title = _meta_title(_meta(reader, "title"))
    author = _meta(reader, "author")
    created = _iso(_meta(reader, "creation_date"))
    paged = Paged(pages, title=title or None, date=created,
                  captured=_iso(_meta(reader, "modification_date")) or created,
                  author=str(author).strip() or None if author else None)
    return paged_document(path, data, paged)
