#!/usr/bin/env python3
"""pypdf or pdfminer.six for PDF text: reading order, recall and speed on generated reports.

    .venv/bin/pip install -e '.[bench]'        # pdfminer.six is a benchmark-only peer
    .venv/bin/python benchmarks/pdf_readers.py

The reports are written by tests/core/format_files.pdf_bytes (Helvetica, a running header,
page numbers) from make_corpus articles: 30 pages in one column and 30 in two columns.
"In order" = share of the article's paragraphs whose first 40 characters appear in the
extracted text after the previous paragraph's; "recall" = share of sentences found whole
(spaces normalised). Time = median of 3 extractions of the whole file, text only.
"""

from __future__ import annotations

import io
import random
import re
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))


def _pypdf(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages)


def _pdfminer(data: bytes) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(data))


def _norm(text: str) -> str:
    return " ".join(text.split())


def score(text: str, paragraphs: list[str]) -> tuple[float, float]:
    flat = _norm(text)
    pos, ordered = 0, 0
    for para in paragraphs:
        at = flat.find(_norm(para)[:40], pos)
        if at >= 0:
            ordered += 1
            pos = at
    sentences = [s for p in paragraphs for s in re.split(r"(?<=[.!?])\s+", p) if s]
    found = sum(1 for s in sentences if _norm(s) in flat)
    return ordered / len(paragraphs), found / len(sentences)


def main() -> int:
    import make_corpus

    from tests.core.format_files import pdf_bytes

    pool, rng = make_corpus.load_pool(HERE.parent / "seeds"), random.Random(7)
    def latin(text: str) -> str:  # the test writer's Helvetica has no font for the rest
        return text.encode("latin-1", "replace").decode("latin-1")

    pages = [[latin(p) for p in make_corpus.make_article(pool, rng)[2][:3]] for _ in range(30)]
    paragraphs = [p for page in pages for p in page]
    print("| layout | reader | in order | recall | time (30 pages) |")
    print("|---|---|---|---|---|")
    for columns in (1, 2):
        data = pdf_bytes(pages, header="Quarterly report", columns=columns)
        for name, fn in (("pypdf", _pypdf), ("pdfminer.six", _pdfminer)):
            times = []
            for _ in range(3):
                t0 = time.perf_counter()
                text = fn(data)
                times.append(time.perf_counter() - t0)
            order, recall = score(text, paragraphs)
            print(f"| {columns} column{'s' if columns > 1 else ''} | {name} | {order:.0%} | "
                  f"{recall:.0%} | {statistics.median(times):.2f} s |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
