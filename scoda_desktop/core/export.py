"""Export: one writer of search hits (CSV, JSON) for the command line and the window. No Qt.

Both ``scoda-desktop export`` and the window's File > Export results write the same columns
through ``write_rows``; the rows come from ``Corpus.export_rows`` (every hit of a query, with
plain-text snippets and the counts of entities and metrics from the catalog).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, TextIO

from scoda_desktop.core.documents import Hit

FORMATS = ("csv", "json")
FIELDS = ("id", "path", "title", "date", "source", "score", "snippet", "entities", "metrics")


def hit_row(hit: Hit, info: dict[str, Any]) -> dict[str, Any]:
    """One export row: the hit and the counts of its entities and metrics."""
    return {"id": hit.id, "path": hit.path, "title": hit.title, "date": hit.date,
            "source": hit.source, "score": hit.score, "snippet": hit.snippet,
            "entities": len(info.get("entities", ())),
            "metrics": int(info.get("metrics") or 0)}


def format_for(path: str) -> str:
    """The format a file name asks for: ``.json`` is JSON, anything else CSV."""
    return "json" if str(path).lower().endswith(".json") else "csv"


def write_rows(rows: Iterable[dict[str, Any]], fmt: str, out: TextIO) -> int:
    """Write ``rows`` to ``out`` as ``fmt`` (one of FORMATS); returns how many."""
    rows = list(rows)
    if fmt == "json":
        out.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
        return len(rows)
    if fmt != "csv":
        raise ValueError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    writer = csv.DictWriter(out, fieldnames=FIELDS, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return len(rows)
