"""The dataclasses of ``core/documents.py`` that a search never builds: documents, entities,
metrics, removed lines, skipped files, progress, sync reports and the metric ledger.

Import them from ``scoda_desktop.core.documents``, as every layer does: that module hands
them out from here on first use (its ``__getattr__``). They live apart only because a
``search`` process builds hits and results, and generating these eleven classes' methods
(``dataclass`` compiles each one's ``__init__``, ``__repr__`` and ``__eq__``) was ~11 ms
of its start-up (issue 17, docs/PERFORMANCE.md "One whole search process, round 4").
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(slots=True)
class Entity:
    """One mention of a named entity; ``text == clean_text[start:end]``."""

    text: str
    type: str  # one of ENTITY_TYPES
    start: int
    end: int
    canonical: str  # the entity it resolves to: "SCO" -> "Shanghai Cooperation Organization"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Metric:
    """One reported quantity; ``text == clean_text[start:end]``."""

    text: str
    kind: str  # one of METRIC_KINDS
    value: float | str | None  # scale applied; ISO date string for kind "date"
    unit: str  # ISO currency code, "%", "pp", "MW", "t", "TEU", "m", ..., or the counted noun;
    # a rate carries its denominator: "USD/barrel", "t/yr"
    qualifier: str | None = None  # "over", "more than", "nearly", "about", "up to", ...
    usd: float | None = None  # USD equivalent when the text gives one in brackets
    measures: str = ""  # short noun phrase: what the number measures
    period: str | None = None  # the year or period when stated
    sentence: str = ""
    start: int = 0
    end: int = 0
    flags: list[str] = field(default_factory=list)  # e.g. "malformed number"
    # Added for issue 13; defaults keep stored dicts of older indexes loading.
    currency: str | None = None  # ISO 4217 code of a money figure: "CAD" for Canadian dollars
    per: str | None = None  # the denominator of a rate: "barrel" in "$81.10 per barrel"
    high: float | None = None  # the upper end of a range ("between 3 and 7 percent": 7)
    previous: float | None = None  # the earlier value the text compares with ("up from 412")
    subject: str = ""  # whose figure: the name in its clause ("Qingdao port"); "" if none

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Removed:
    """A line the cleaner took out of the body, kept for provenance.

    ``at`` is the number of body paragraphs that precede it, so the reading view can show
    it greyed out in its original place; ``reason`` says why it went (e.g. "navigation",
    "spam", "footer", "title", "byline", "date", "repeated").
    """

    text: str
    reason: str
    at: int

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Document:
    """A cleaned article.

    ``text`` is the clean body: paragraphs joined by a blank line (``"\\n\\n"``). Entity and
    metric offsets index into it.
    """

    id: str  # stable: derived from the content hash (see ingest.document_id)
    path: str  # absolute path
    sha256: str
    raw: str  # decoded text of the whole file (NFC, odd spaces normalised)
    text: str
    removed: list[Removed] = field(default_factory=list)
    title: str | None = None
    date: str | None = None  # ISO 8601: "2025-03-09" or "2025-03-09T12:20"
    date_text: str | None = None  # the date as the source wrote it
    source: str | None = None
    author: str | None = None
    language: str = "other"  # "en", "zh" or "other"
    words: int = 0
    size: int = 0  # bytes on disk when read
    mtime: float = 0.0  # st_mtime when read
    entities: list[Entity] = field(default_factory=list)
    metrics: list[Metric] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)  # paths of the other copies in its group
    # Provenance, for citation: the page's address (a WARC record's target URI, an MHTML's
    # snapshot location, a saved page's "saved from" comment or canonical link) and when it
    # was captured or saved (ISO 8601; ``date`` stays the publication date).
    url: str | None = None
    captured: str | None = None
    record: int | None = None  # byte offset of the WARC record in ``path`` (archives only)
    # Offsets in ``text`` where page 2, 3, ... begin (PDF); a citation names the page of a
    # match with ``page_of``. Empty for documents without pages.
    pages: list[int] = field(default_factory=list)

    def page_of(self, offset: int) -> int | None:
        """The 1-based page of a clean-text offset, or None for a document without pages."""
        if not self.pages:
            return None
        import bisect

        return bisect.bisect_right(self.pages, offset) + 1
    # Why a readable file still gave no body ("no article text found"): it is indexed by its
    # title and the import reports it, rather than silently holding an empty document.
    warning: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The ``clean --json`` / ``show --json`` object."""
        return {
            "path": self.path,
            "id": self.id,
            "record": self.record,
            "url": self.url,
            "captured": self.captured,
            "title": self.title,
            "date": self.date,
            "date_text": self.date_text,
            "source": self.source,
            "author": self.author,
            "language": self.language,
            "text": self.text,
            "removed": [r.to_json() for r in self.removed],
            "words": self.words,
            "entities": [e.to_json() for e in self.entities],
            "metrics": [m.to_json() for m in self.metrics],
            "duplicates": list(self.duplicates),
            "pages": list(self.pages),
            "warning": self.warning,
        }


@dataclass(slots=True)
class Skipped:
    """A file an import could not take, and why (shown to the user, never raised)."""

    path: str
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "reason": self.reason}


@dataclass(slots=True)
class Progress:
    """What a long core job yields: the UI shows it, the CLI draws a bar."""

    done: int
    total: int
    path: str = ""
    # "scanning", "reading", "committing", "searchable" (the first commit landed: new
    # documents can be found), "enriching" (entities, metrics, near-duplicates), "done"
    stage: str = ""


@dataclass(slots=True)
class SkippedRecords:
    """Records of one archive file that were not articles (images, scripts, revisits...),
    counted by reason rather than listed one by one: a crawl holds thousands of them."""

    path: str
    reason: str
    count: int = 1

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "reason": self.reason, "count": self.count}


@dataclass(slots=True)
class LedgerPoint:
    """One figure of a ledger series and where it comes from: what the chart plots and the
    table lists (``start``/``end`` index the document's clean text, to open it there)."""

    date: str  # the document's date, YYYY-MM-DD
    value: float
    doc: str  # document id
    title: str | None
    text: str  # the figure as written: "32 freight train routes"
    sentence: str = ""
    qualifier: str | None = None  # "over", "about", "range", ...
    high: float | None = None  # the upper end of a range
    previous: float | None = None  # "up from X"
    subject: str = ""
    period: str | None = None
    source: str | None = None  # the publication
    start: int = 0
    end: int = 0
    conflict: bool = False  # part of a conflict or a fall within its series

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class LedgerSeries:
    """One measure of one subject over time: points in date order, and the conflicts
    (``{"type": "conflict"|"reversal", "date", "docs", "values", "message"}``) found
    among them. Plain data: the window draws it without knowing how it was grouped."""

    measure: str
    unit: str
    label: str  # "freight train routes — SCODA (routes)": names the subject too
    subject: str = ""
    period: str = "point"  # "point" or "span" (totals over several years)
    points: list[LedgerPoint] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"measure": self.measure, "unit": self.unit, "subject": self.subject,
                "period": self.period, "label": self.label,
                "points": [p.to_json() for p in self.points],
                "conflicts": [dict(c) for c in self.conflicts]}


@dataclass(slots=True)
class Ledger:
    """The metric ledger of what the user is looking at: the series of the documents a
    query and filters match (an empty query: the whole corpus), most points first."""

    query: str = ""
    filters: dict[str, str] = field(default_factory=dict)
    documents: int = 0  # documents the query matched
    series: list[LedgerSeries] = field(default_factory=list)
    error: str | None = None  # the query's explanation, as SearchResult.error

    def to_json(self) -> dict[str, Any]:
        return {"query": self.query, "filters": dict(self.filters),
                "documents": self.documents, "error": self.error,
                "series": [s.to_json() for s in self.series]}


@dataclass
class SyncReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    skipped_records: list[SkippedRecords] = field(default_factory=list)  # inside archives
    duplicates: list[list[str]] = field(default_factory=list)  # groups of paths
    documents: int = 0  # documents in the index after the sync
    cancelled: bool = False
    messages: list[str] = field(default_factory=list)  # e.g. why the index was rebuilt
    # documents searchable but still waiting for entities and metrics after this sync
    # (``index --searchable-only``, a cancelled or killed second phase)
    enrichment_pending: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "skipped": [s.to_json() for s in self.skipped],
            "skipped_records": [s.to_json() for s in self.skipped_records],
            "duplicates": self.duplicates,
            "documents": self.documents,
            "cancelled": self.cancelled,
            "messages": self.messages,
            "enrichment_pending": self.enrichment_pending,
        }

    def skip_records(self, path: str, reason: str, count: int = 1) -> None:
        """Count ``count`` more records of ``path`` skipped for ``reason``."""
        for entry in self.skipped_records:
            if entry.path == path and entry.reason == reason:
                entry.count += count
                return
        self.skipped_records.append(SkippedRecords(path, reason, count))
