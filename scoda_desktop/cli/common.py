"""What every command module shares: the usage error, JSON lines, a document's summary, and
driving a sync with a progress bar on a terminal."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from scoda_desktop.core.corpus import Corpus
    from scoda_desktop.core.documents import Document, Progress, SyncReport


class UsageError(Exception):
    """A problem with what the user typed: exit 2 with the message."""


def print_json(obj: object, out: TextIO | None = None) -> None:
    """One JSON value on one line (``--json`` output, for scripts)."""
    (out or sys.stdout).write(json.dumps(obj, ensure_ascii=False) + "\n")


def summary(doc: Document) -> str:
    """A document's facts in a few readable lines (``clean`` and ``show``)."""
    lines = [
        doc.path + (f"  (record at byte {doc.record})" if doc.record is not None else ""),
        f"  title:    {doc.title or '-'}",
        f"  date:     {doc.date or '-'}" + (f"  ({doc.date_text})" if doc.date_text else ""),
        f"  source:   {doc.source or '-'}",
        f"  author:   {doc.author or '-'}",
        *([f"  url:      {doc.url}"] if doc.url else []),
        *([f"  captured: {doc.captured}"] if doc.captured else []),
        *([f"  pages:    {len(doc.pages) + 1}"] if doc.pages else []),
        f"  language: {doc.language}   words: {doc.words}   removed lines: {len(doc.removed)}",
        f"  entities: {len(doc.entities)}   metrics: {len(doc.metrics)}",
    ]
    first = doc.text.split("\n", 1)[0]
    if first:
        lines.append(f"  begins:   {first[:100]}{'...' if len(first) > 100 else ''}")
    return "\n".join(lines)


def _bar(p: Progress, width: int = 30) -> str:
    if p.total:
        filled = int(width * p.done / p.total)
        count = f"{p.done}/{p.total}"
    else:
        filled, count = 0, ""
    name = Path(p.path).name if p.path else ""
    return f"\r{p.stage:10} [{'#' * filled}{'.' * (width - filled)}] {count} {name[:40]:40}"


def run_sync(corpus: Corpus, rebuild: bool = False, *, enrich: bool = True,
             json_progress: bool = False) -> SyncReport:
    """Drive a sync, drawing a bar on stderr when it is a terminal (or, with
    ``json_progress``, writing one JSON object per progress step on stderr: stage, done,
    total; at most ten a second, and every change of stage)."""
    tty = sys.stderr.isatty() and not json_progress
    gen = corpus.sync(rebuild=rebuild, enrich=enrich)
    last_stage, last_time = "", 0.0
    try:
        while True:
            p = next(gen)
            if tty:
                sys.stderr.write(_bar(p))
                sys.stderr.flush()
            elif json_progress:
                now = time.monotonic()
                if p.stage != last_stage or now - last_time >= 0.1 or p.done == p.total:
                    last_stage, last_time = p.stage, now
                    print_json({"stage": p.stage, "done": p.done, "total": p.total},
                               sys.stderr)
                    sys.stderr.flush()
    except StopIteration as stop:
        report = stop.value
    finally:
        if tty:
            sys.stderr.write("\r" + " " * 100 + "\r")
    return report
