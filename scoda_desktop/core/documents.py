"""Plain data shared by every layer: documents, entities, metrics, hits, progress.

These dataclasses are the contract between ingest, extraction, the index, the CLI and
the window. They hold data only (no I/O, no Qt) so every layer can build and test them
in isolation; ``to_json()`` gives the exact shapes the command line prints.

Only the classes a search builds (hits, marks, the result) are defined here; the others
(``Document``, ``Entity``, ``Metric``, ``Progress``, ``SyncReport``, the ledger...) are
defined in ``records.py`` and imported from here all the same: ``__getattr__`` loads them
on first use, so a ``search`` process does not pay for generating their methods (issue 17).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # defined in records.py, handed out by __getattr__ below
    from scoda_desktop.core.records import Document as Document
    from scoda_desktop.core.records import Entity as Entity
    from scoda_desktop.core.records import Ledger as Ledger
    from scoda_desktop.core.records import LedgerPoint as LedgerPoint
    from scoda_desktop.core.records import LedgerSeries as LedgerSeries
    from scoda_desktop.core.records import Metric as Metric
    from scoda_desktop.core.records import Progress as Progress
    from scoda_desktop.core.records import Removed as Removed
    from scoda_desktop.core.records import Skipped as Skipped
    from scoda_desktop.core.records import SkippedRecords as SkippedRecords
    from scoda_desktop.core.records import SyncReport as SyncReport

# Entity types, in the order the UI lists them.
ENTITY_TYPES = ("PERSON", "ORG", "PLACE", "FACILITY", "EVENT", "GROUP")
# The version of what ``core/extract`` finds. Bump it with any change to the rules or their
# resources (names, places, units...) that changes extracted entities or metrics: every
# existing index then extracts its documents again, once, in the background (the second
# phase of a sync, from the stored text: no file is read or cleaned again), instead of
# keeping the old results until a rebuild. 1: indexes made before this number existed.
EXTRACTION_VERSION = 3

# Metric kinds (see issue: entities, metrics and the metric ledger).
METRIC_KINDS = (
    "money",
    "percent",
    "count",
    "power",
    "mass",
    "containers",
    "multiplier",
    "share",
    "date",
    "duration",  # "three years", "a 14-day service": shown, kept out of series by default
    "length",
    "area",
    "volume",
    "oil",  # barrels
    "speed",
    "data",
    "energy",
    "temperature",
    "frequency",
    "radiation",
    "number",  # a number with nothing counted ("two in my car"): shown, never in a series
    "measure",  # scientific and technical units (eV, kPa, rpm, dB, fb⁻¹): in series when named
)


@dataclass(slots=True)
class Hit:
    """One found document as a result list shows it: where it is, its facts, its score
    and a snippet of its text around the matches."""

    id: str
    path: str
    title: str | None
    date: str | None
    source: str | None
    score: float
    snippet: str  # HTML: matches in <b>...</b>, everything else escaped
    duplicates: list[str] = field(default_factory=list)
    url: str | None = None  # provenance, as in Document
    captured: str | None = None
    record: int | None = None

    def to_json(self) -> dict[str, Any]:
        """What ``dataclasses.asdict`` gives, built directly (its deep copy of every field
        was the most of a search's JSON)."""
        return {"id": self.id, "path": self.path, "title": self.title, "date": self.date,
                "source": self.source, "score": self.score, "snippet": self.snippet,
                "duplicates": list(self.duplicates), "url": self.url,
                "captured": self.captured, "record": self.record}


@dataclass(slots=True)
class Marks:
    """What a search matched, for marking a text: index terms (stems, whole CJK runs), with
    prefixes, wildcards and fuzzy words already expanded by the index against its
    vocabulary. Snippets and the reading view both mark from this, so neither parses the
    query again. ``terms`` are marked wherever they stand; the terms of a ``phrase`` only
    where the whole phrase stands. Excluded words (NOT, -) and filters are not marks."""

    terms: list[str] = field(default_factory=list)
    phrases: list[tuple[str, ...]] = field(default_factory=list)

    def all_terms(self) -> set[str]:
        return set(self.terms).union(*self.phrases)


@dataclass(slots=True)
class SearchResult:
    """What one search gives: the hits of a page, how many documents matched, the query
    as understood, repairs and suggestions, and the facet counts of every match."""

    query: str
    parsed: str
    total: int
    took_ms: float
    hits: list[Hit] = field(default_factory=list)
    error: str | None = None  # a repair or explanation message, never a traceback
    suggestion: str | None = None  # "did you mean" for zero hits
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    # documents still waiting for entities and metrics (a sync's second phase): the entity
    # facets, and entity fields in the query, do not cover them yet
    enrichment_pending: int = 0
    marks: Marks = field(default_factory=Marks)  # what the hits matched (not in to_json)

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "parsed": self.parsed,
            "total": self.total,
            "took_ms": round(self.took_ms, 2),
            "error": self.error,
            "suggestion": self.suggestion,
            "hits": [h.to_json() for h in self.hits],
            "facets": self.facets,
            "enrichment_pending": self.enrichment_pending,
        }


_IN_RECORDS = frozenset({"Document", "Entity", "Ledger", "LedgerPoint", "LedgerSeries",
                         "Metric", "Progress", "Removed", "Skipped", "SkippedRecords",
                         "SyncReport"})


def __getattr__(name: str) -> Any:
    """``from scoda_desktop.core.documents import Document`` (and the other classes of
    records.py): imported on first use, then kept here like any module attribute."""
    if name in _IN_RECORDS:
        from scoda_desktop.core import records

        value = getattr(records, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_IN_RECORDS})
