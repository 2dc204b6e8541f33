"""Citation records out: RIS and CSL-JSON, the two formats Zotero (and most reference
managers) import.

A record is built from a document's facts as a plain dict (``Document.to_json()`` or the
catalog's info): title, date, source (the container: newspaper or site), author, and the
``url`` and ``captured`` (capture date) keys when the document has them (web archives,
PDFs), plus the file path and the user's note. RIS follows the RIS specification: ``TY``
first, ``ER`` last, each line ``XX  - value`` with a two-letter tag, CR LF line ends.
CSL-JSON follows csl-data.json: ``id``, ``type``, ``title`` and ``issued`` (date-parts), and
only properties the schema defines (it allows no others).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, TextIO

RIS_TYPE = "NEWS"  # newspaper article: Zotero maps T2 to its publication title
CSL_TYPE = "article-newspaper"
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_SPACE = re.compile(r"\s+")


def citation_record(info: dict[str, Any], note: str = "") -> dict[str, Any]:
    """The fields every format writes, from a document's facts (missing ones are None)."""
    path = info.get("path") or ""
    title = info.get("title") or (Path(path).name if path else info.get("id", ""))
    return {"id": info.get("id", ""), "title": title, "date": info.get("date"),
            "source": info.get("source"), "author": info.get("author"),
            "url": info.get("url"), "captured": info.get("captured"),
            "record": info.get("record"),  # a web archive's record: its offset in path
            "language": info.get("language"), "path": path, "note": note or "",
            "file_date": _file_date(info.get("mtime"))}


def _file_date(mtime: Any) -> str | None:
    """The file's modification day (ISO), the last resort for a CSL ``issued``."""
    from datetime import UTC, datetime

    try:
        return datetime.fromtimestamp(float(mtime), UTC).date().isoformat() if mtime else None
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def _date_parts(value: str | None) -> list[int] | None:
    m = _DATE.match(value or "")
    return [int(p) for p in m.groups() if p] if m else None


def _one_line(value: Any) -> str:
    return _SPACE.sub(" ", str(value)).strip()


def ris_record(rec: dict[str, Any]) -> str:
    """One RIS record: TY first, ER last, ``XX  - value`` lines ending in CR LF."""
    lines = [("TY", RIS_TYPE), ("TI", rec["title"])]
    for author in _authors(rec.get("author")):
        lines.append(("AU", author))
    parts = _date_parts(rec.get("date"))
    if parts:
        lines.append(("PY", f"{parts[0]:04d}"))
        lines.append(("DA", "/".join(f"{p:02d}" for p in parts)))
    if rec.get("source"):
        lines.append(("T2", rec["source"]))
    if rec.get("url"):
        lines.append(("UR", rec["url"]))
    captured = _date_parts(rec.get("captured"))
    if captured:
        lines.append(("Y2", "/".join(f"{p:02d}" for p in captured)))
    if rec.get("language"):
        lines.append(("LA", rec["language"]))
    if rec.get("path"):
        lines.append(("L1", rec["path"]))
    if rec.get("note"):
        lines.append(("N1", rec["note"]))
    lines.append(("ID", rec["id"]))
    body = [f"{tag}  - {_one_line(value)}" for tag, value in lines if _one_line(value)]
    return "\r\n".join([*body, "ER  - "]) + "\r\n"


def _authors(value: Any) -> list[str]:
    if not value:
        return []
    if isinstance(value, list):
        return [str(v) for v in value if v]
    return [a.strip() for a in re.split(r"\s*;\s*|\s+and\s+", str(value)) if a.strip()]


def csl_item(rec: dict[str, Any]) -> dict[str, Any]:
    """One CSL-JSON item. ``issued`` is always date-parts (reference managers sort and cite
    by it): the publication date; for a document that states none, the capture date, else
    the file's date, and the note says which, so no date passes for a publication date."""
    item: dict[str, Any] = {"id": rec["id"], "type": CSL_TYPE, "title": rec["title"]}
    parts = _date_parts(rec.get("date"))
    stand_in = ""
    if parts is None:
        for key, what in (("captured", "the capture date"), ("file_date", "the file's date")):
            parts = _date_parts(rec.get(key))
            if parts:
                stand_in = f"No publication date in the document; issued is {what}."
                break
    item["issued"] = {"date-parts": [parts]} if parts else {"literal": "n.d."}
    if rec.get("source"):
        item["container-title"] = rec["source"]
    authors = _authors(rec.get("author"))
    if authors:
        item["author"] = [{"literal": a} for a in authors]
    if rec.get("url"):
        item["URL"] = rec["url"]
    captured = _date_parts(rec.get("captured"))
    if captured:
        item["accessed"] = {"date-parts": [captured]}
    if rec.get("language"):
        item["language"] = rec["language"]
    if rec.get("path"):
        item["archive_location"] = rec["path"]
    note = " ".join(p for p in (rec.get("note"), stand_in) if p)
    if note:
        item["note"] = note
    return item


def write_ris(records: list[dict[str, Any]], out: TextIO) -> int:
    out.write("\r\n".join(ris_record(r) for r in records))
    return len(records)


def write_csljson(records: list[dict[str, Any]], out: TextIO) -> int:
    out.write(json.dumps([csl_item(r) for r in records], ensure_ascii=False, indent=1) + "\n")
    return len(records)
