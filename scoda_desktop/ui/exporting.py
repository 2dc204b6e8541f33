"""Write search hits to CSV or JSON (the window's File > Export results...). No Qt."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

FIELDS = ("id", "title", "date", "source", "path", "score", "snippet")


def write_hits(path: str | Path, result: Any) -> int:
    """Write ``result.hits``; the format follows the suffix (.json, otherwise CSV)."""
    path = Path(path)
    hits = [h.to_json() for h in result.hits]
    if path.suffix.lower() == ".json":
        path.write_text(json.dumps(result.to_json(), indent=1, ensure_ascii=False),
                        encoding="utf-8")
    else:
        with path.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=FIELDS, extrasaction="ignore")
            writer.writeheader()
            for h in hits:
                writer.writerow({k: h.get(k) for k in FIELDS})
    return len(hits)


def export_search(corpus: Any, query: str, sort: str, filters: dict[str, str],
                  path: str) -> int:
    """Every hit of a query (not only the ones shown), as plain-text snippets."""
    try:
        result = corpus.search(query, limit=None, sort=sort, filters=filters, plain=True)
    except TypeError:  # a corpus without plain snippets
        result = corpus.search(query, limit=None, sort=sort, filters=filters)
    return write_hits(path, result)
