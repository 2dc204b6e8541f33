"""The Whoosh schema: one place that says what is indexed, stored and why.

``SCHEMA_VERSION`` is written next to the index; a different number means the index was made
by another version of this module and is rebuilt from the sources (see ``corpus.Corpus``).
Bump it whenever a field, the analysis or the stored layout changes.

Paths and near-duplicate groups are not index fields: identical copies of a file come and go
without the content changing, and a new article can join an old one's duplicate group, so
both live in the catalog (``catalog.py``) that each sync rewrites, and no document is
re-indexed for them.

Text fields are *pre-analysed*: worker processes turn text into ``term -> positions`` with
``analysis.analyze`` and encode the postings; the single writer only files them. The field
type below accepts either such a ``Preanalyzed`` list or plain text (analysed in process).
"""

from __future__ import annotations

import pickle
from array import array
from collections.abc import Iterable, Iterator
from itertools import chain
from operator import sub
from typing import Any

from whoosh import fields
from whoosh.formats import Positions
from whoosh.system import pack_uint as _pack_uint

from scoda_desktop.core.index.analysis import analyze

# 5: the group field; 6: url, captured, record and pages in the stored doc JSON;
# 7: the catalog and its side files are JSON and npz, no pickle
SCHEMA_VERSION = 7

# Fields filled from entity extraction: entity type -> field name.
ENTITY_FIELDS = {
    "PERSON": "person",
    "ORG": "org",
    "PLACE": "place",
    "FACILITY": "facility",
    "EVENT": "event",
    "GROUP": "group",  # nationalities and peoples: group:Kazakh
}
# Keyword fields a query may name with ``field:value`` (matched on ``analysis.keyword``).
KEYWORD_FIELDS = ("entity", *ENTITY_FIELDS.values(), "unit", "measure", "language")
# Analysed text fields a query may name.
TEXT_FIELDS = ("title", "body", "source", "author")
# Words a query searches when it names no field, with their boosts (title counts more).
DEFAULT_FIELDS = ("title", "body")


class Preanalyzed:
    """One field's postings made by a worker process (``encode_postings`` for text; keyword
    lists in ``prepare``), packed: the terms (UTF-8 bytes, in order), their frequencies and
    weights as arrays, and their encoded values as one bytes run with its lengths.

    Iterating gives Whoosh's ``(term_bytes, freq, weight, encoded_value)`` tuples, so text
    fields accept it in stock Whoosh too. Why packed: a document's postings cross from the
    worker to the main process as a handful of objects instead of four per term (that
    unpickling was main-process CPU on the critical path), and ``FastWriter`` appends them
    to its pool in bulk. Only ``FastWriter`` files keyword fields given this way.
    """

    __slots__ = ("terms", "freqs", "weights", "lens", "values")

    def __init__(self, items: Iterable[tuple[bytes, int, float, bytes]] = ()) -> None:
        items = list(items)
        values = [item[3] for item in items]
        self.terms = tuple(item[0] for item in items)
        self.freqs = array("I", [item[1] for item in items])
        self.weights = array("f", [item[2] for item in items])
        self.lens = array("I", map(len, values))
        self.values = b"".join(values)

    @classmethod
    def packed(cls, terms: tuple[bytes, ...], freqs: array[int], weights: array[float],
               lens: array[int], values: bytes) -> Preanalyzed:
        out = cls.__new__(cls)
        out.terms, out.freqs, out.weights, out.lens, out.values = (
            terms, freqs, weights, lens, values)
        return out

    def __reduce__(self) -> tuple[Any, ...]:
        return Preanalyzed.packed, (self.terms, self.freqs, self.weights, self.lens,
                                    self.values)

    def __len__(self) -> int:
        return len(self.terms)

    def __iter__(self) -> Iterator[tuple[bytes, int, float, bytes]]:
        values, end = self.values, 0
        for term, freq, weight, n in zip(self.terms, self.freqs, self.weights, self.lens,
                                         strict=True):
            start, end = end, end + n
            yield term, freq, weight, values[start:end]

    def length(self) -> int:
        """The field length Whoosh records: the sum of the frequencies."""
        return sum(self.freqs)


_POSITIONS = Positions()
_ONCE_MAX = 1 << 16
_dumps = pickle.dumps  # what whoosh.formats uses (whoosh.compat.dumps)


class _Once(dict):
    """Position -> Whoosh's encoded value of a one-position list, made on first use.

    Most terms occur once in a document: their values are looked up, not pickled again for
    every term (a tenth of the first phase's CPU was this encoding), and the look-up is a
    plain ``dict`` subscript in ``encode_postings``' loop (no call per term)."""

    def __missing__(self, pos: int) -> bytes:
        value = _POSITIONS.encode([pos])
        if pos < _ONCE_MAX:  # bounded: one long document does not grow it further
            self[pos] = value
        return value


_ONCE = _Once()


def _encode(plist: list[int]) -> bytes:
    """``Positions().encode(plist)``, byte for byte: the count, then a protocol-2 pickle
    of the gaps."""
    if len(plist) == 1:
        return _ONCE[plist[0]]
    # the gaps: each position less the one before (map stops at plist's end), in C
    return _pack_uint(len(plist)) + _dumps(list(map(sub, plist, chain((0,), plist))), 2)


def encode_postings(text: str, boost: float = 1.0) -> tuple[Preanalyzed, dict[str, str]]:
    """Analyse and encode one text for a ``PreText`` field (runs in worker processes)."""
    postings, words = analyze(text)
    plists = list(postings.values())
    freqs = array("I", map(len, plists))
    once = _ONCE
    values = [once[pl[0]] if len(pl) == 1 else _encode(pl) for pl in plists]
    weights = array("f", freqs) if boost == 1.0 else array("f", [f * boost for f in freqs])
    terms = tuple([t.encode("utf-8") for t in postings])
    return Preanalyzed.packed(terms, freqs, weights, array("I", map(len, values)),
                              b"".join(values)), words


class PreText(fields.TEXT):
    """A TEXT field with positions that takes postings analysed elsewhere.

    Whoosh calls ``index()`` for each added value; given a ``Preanalyzed`` list it returns
    it unchanged, so the writer process does no tokenising at all.
    """

    def __init__(self, *, stored: bool = False, field_boost: float = 1.0) -> None:
        super().__init__(stored=stored, phrase=True, field_boost=field_boost)

    def index(self, value, **kwargs):  # type: ignore[override]
        if isinstance(value, Preanalyzed):
            return iter(value)
        items, _ = encode_postings(value, self.format.field_boost)
        return iter(items)


def make_schema() -> fields.Schema:
    return fields.Schema(
        # Document id (first 16 hex digits of the file's sha256); unique; a column so the
        # searcher maps doc numbers to ids without unpickling stored fields.
        id=fields.ID(unique=True, stored=True, sortable=True),
        # Headline; boosted so a title match outranks a passing mention in a body.
        title=PreText(stored=True, field_boost=2.0),
        # Clean body; stored for snippets; positions for phrases.
        body=PreText(stored=True),
        # Publication day "YYYY-MM-DD" (string order = date order, so ranges work).
        date=fields.ID(stored=True),
        # Publication year "2024" (year:2024, and the year facet).
        year=fields.ID(),
        # Site or paper name, analysed so source:china and source:"china daily" both work.
        source=PreText(stored=True),
        # Byline, analysed like source.
        author=PreText(),
        # "en", "zh" or "other".
        language=fields.ID(),
        # Entity names of any type: canonical names and the surface forms found in the text,
        # normalised with analysis.keyword (so entity:"xi jinping" matches "Xi Jinping").
        entity=fields.ID(),
        # Entity names by type (same values as entity, split per type).
        person=fields.ID(),
        org=fields.ID(),
        place=fields.ID(),
        facility=fields.ID(),
        event=fields.ID(),
        # Nationalities and peoples ("Kazakh", "Central Asian"), kept apart from places.
        group=fields.ID(),
        # Metric units ("teu", "usd", "%") and normalised measures (extract.measure_key).
        unit=fields.ID(),
        measure=fields.ID(),
        # The rest of the Document as JSON (removed lines, entities, metrics, metadata), so
        # `show` and the reading view never re-run cleaning or extraction.
        doc=fields.STORED(),
    )
