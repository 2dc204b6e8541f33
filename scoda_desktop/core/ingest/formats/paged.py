"""Documents that are documents, not web pages (PDF, Word): paragraphs in order, pages kept.

A report or a press release has no navigation, related links or comment thread for the web
cleaner to find, and that cleaner keeps only the longest run of prose, which would drop the
tables and short sections of a report. So these formats keep every paragraph except the page
chrome the reader recognised (running headers and footers, page numbers), which is kept as
removed lines in place, like the web cleaner's furniture. The title and date come from the
text when it opens with them, else from the file's own metadata.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from scoda_desktop.core.documents import Document, Removed
from scoda_desktop.core.ingest.dates import parse_date
from scoda_desktop.core.ingest.decode import normalize_text
from scoda_desktop.core.ingest.lines import guess_language, word_count

PARAGRAPH_SEP = "\n\n"


@dataclass(slots=True)
class Block:
    """One paragraph as read, or a piece of chrome (``reason`` set) that stays out of the body."""

    text: str
    reason: str | None = None


@dataclass(slots=True)
class Paged:
    """What a reader of a paged format hands over: blocks per page plus file metadata."""

    pages: list[list[Block]]
    title: str | None = None  # from the file's metadata
    date: str | None = None  # ISO 8601, from the metadata (creation)
    captured: str | None = None  # ISO 8601, from the metadata (last saved)
    author: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


def _heading_like(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 20 and not text.rstrip().endswith((".", ",", ";", ":"))


def _text_date(paragraphs: list[str]) -> tuple[str, str] | None:
    for para in paragraphs[:6]:
        if len(para.split()) <= 12:
            found = parse_date(para)
            if found:
                return found
    return None


def paged_document(path: str, data: bytes, paged: Paged) -> Document:
    """The Document of a paged file: body paragraphs, page offsets, removed chrome, metadata."""
    paragraphs: list[str] = []
    removed: list[Removed] = []
    page_starts: list[int] = []
    pos = 0
    for number, blocks in enumerate(paged.pages):
        if number and paragraphs:
            page_starts.append(pos + len(PARAGRAPH_SEP))
        elif number:
            page_starts.append(0)
        for block in blocks:
            text = " ".join(normalize_text(block.text).split())
            if not text:
                continue
            if block.reason:
                removed.append(Removed(text, block.reason, len(paragraphs)))
                continue
            pos += (len(PARAGRAPH_SEP) if paragraphs else 0) + len(text)
            paragraphs.append(text)
    body = PARAGRAPH_SEP.join(paragraphs)
    page_starts = [min(p, len(body)) for p in page_starts] if paged.pages else []
    title = paragraphs[0] if paragraphs and _heading_like(paragraphs[0]) else None
    title = title or paged.title
    found = _text_date(paragraphs)
    sha = hashlib.sha256(data).hexdigest()
    return Document(
        id=sha[:16], path=path, sha256=sha, raw="", text=body, removed=removed,
        title=title, date=found[0] if found else paged.date,
        date_text=found[1] if found else None, author=paged.author,
        language=guess_language(body), words=word_count(body), captured=paged.captured,
        pages=page_starts,
    )


_PAGE_NUMBER = re.compile(r"(?i)^[\s\-–—]*(page\s*)?\d{1,4}(\s*(of|/)\s*\d{1,4})?[\s\-–—]*$")


def mark_chrome(pages: list[list[str]]) -> list[list[Block]]:
    """Lines of each page to blocks, with page numbers and running headers/footers marked.

    A line at the top or bottom of a page (two lines each side) whose text, digits aside,
    recurs there on at least half of the pages (three or more) is a running header or footer.
    """
    def key(line: str) -> str:
        return re.sub(r"\d+", "#", " ".join(line.lower().split()))

    edges: dict[str, int] = {}
    for lines in pages:
        for k in {key(ln) for ln in lines[:2] + lines[-2:] if ln.strip()}:
            edges[k] = edges.get(k, 0) + 1
    running = {k for k, n in edges.items() if len(pages) >= 3 and n >= max(3, len(pages) / 2)}
    out = []
    for lines in pages:
        blocks = []
        for i, line in enumerate(lines):
            edge = i < 2 or i >= len(lines) - 2
            if edge and _PAGE_NUMBER.match(line):
                blocks.append(Block(line, "page number"))
            elif edge and key(line) in running:
                blocks.append(Block(line, "running header"))
            else:
                blocks.append(Block(line))
        out.append(blocks)
    return out


_END = (".", "!", "?", ":", "\u3002", "\uff01", "\uff1f", '"', "\u201d")


def reflow(blocks: list[Block]) -> list[Block]:
    """Visual lines of one page to paragraphs.

    A PDF knows lines, not paragraphs. A line ends its paragraph when it is followed by an
    empty line, or when it is clearly shorter than the page's full lines (a paragraph's last
    line, a heading); a word hyphenated across lines is joined again.
    """
    widths = sorted(len(b.text.strip()) for b in blocks if not b.reason and b.text.strip())
    full = widths[int(len(widths) * 0.8)] if widths else 0
    out: list[Block] = []
    current: list[str] = []

    def close() -> None:
        if current:
            out.append(Block(" ".join(current)))
            current.clear()

    for block in blocks:
        line = block.text.strip()
        if block.reason:
            close()
            out.append(block)
            continue
        if not line:
            close()
            continue
        if current and current[-1].endswith("-") and line[:1].islower():
            current[-1] = current[-1][:-1] + line.split(" ", 1)[0]
            rest = line.split(" ", 1)[1] if " " in line else ""
            if rest:
                current.append(rest)
        else:
            current.append(line)
        if len(line) < 0.75 * full or (line.endswith(_END) and len(line) < 0.9 * full):
            close()
    close()
    return out
