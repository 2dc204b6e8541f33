"""Export: one writer of search hits and collections (CSV, JSON, RIS, CSL-JSON) for the command
line and the window. No Qt.

Both ``scoda-desktop export`` and the window's File > Export results write the same columns
through ``write_rows``; the rows come from ``Corpus.export_rows`` (every hit of a query, with
plain-text snippets and the counts of entities and metrics from the catalog). RIS and CSL-JSON
records (``workflow.citations``) come from ``Corpus.citation_records``; concordance lines are
written by ``write_concordance``.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from scoda_desktop.core.documents import Hit

CITATION_FORMATS = ("ris", "csljson")
FORMATS = ("csv", "json", *CITATION_FORMATS)
# url and captured (provenance of archived pages, ISO 8601) beside date (publication);
# record: the byte offset of a web archive's record in path.
FIELDS = ("id", "path", "record", "url", "title", "date", "captured", "source", "score",
          "snippet", "entities", "metrics")
# A collection's rows: its documents' facts and the user's note on each.
COLLECTION_FIELDS = ("id", "path", "record", "url", "title", "date", "captured", "source",
                     "author", "note")
KWIC_FIELDS = ("id", "path", "title", "date", "left", "match", "right", "start", "end")


def hit_row(hit: Hit, info: dict[str, Any]) -> dict[str, Any]:
    """One export row: the hit and the counts of its entities and metrics."""
    return {"id": hit.id, "path": hit.path, "record": hit.record, "url": hit.url,
            "title": hit.title, "date": hit.date, "captured": hit.captured,
            "source": hit.source, "score": hit.score, "snippet": hit.snippet,
            "entities": len(info.get("entities", ())),
            "metrics": int(info.get("metrics") or 0)}


def format_for(path: str) -> str:
    """The format a file name asks for: ``.ris`` RIS, ``.csl.json`` CSL-JSON, ``.json`` JSON,
    anything else CSV."""
    name = str(path).lower()
    if name.endswith(".ris"):
        return "ris"
    if name.endswith((".csl.json", ".csljson")):
        return "csljson"
    return "json" if name.endswith(".json") else "csv"


def write_citations(records: Iterable[dict[str, Any]], fmt: str, out: TextIO) -> int:
    """Write citation records (``citations.citation_record``) as RIS or CSL-JSON."""
    from scoda_desktop.core.workflow.citations import write_csljson, write_ris

    records = list(records)
    return write_ris(records, out) if fmt == "ris" else write_csljson(records, out)


def write_concordance(lines: Iterable[Any], out: TextIO) -> int:
    """Concordance lines (``kwic.KwicLine``) as CSV, the ``kwic --json`` line columns."""
    writer = csv.DictWriter(out, fieldnames=KWIC_FIELDS)
    writer.writeheader()
    n = 0
    for line in lines:
        writer.writerow(line.to_json())
        n += 1
    return n


def write_rows(rows: Iterable[dict[str, Any]], fmt: str, out: TextIO,
               fields: Sequence[str] = FIELDS) -> int:
    """Write ``rows`` to ``out`` as ``fmt`` (csv or json); returns how many."""
    rows = list(rows)
    if fmt == "json":
        out.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
        return len(rows)
    if fmt != "csv":
        raise ValueError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    writer = csv.DictWriter(out, fieldnames=list(fields), extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return len(rows)
