"""Everything a file needs before the writer sees it, done in worker processes.

Cleaning, extraction, MinHash and analysis are pure CPU work per file, so a process pool runs
``prepare_file`` on both cores while the one writer in the main process only files the ready
postings (``IndexStore`` never analyses text itself during a sync). The result is plain
data (picklable) and small: encoded postings, the stored JSON, and light facts for the
catalog.
"""

from __future__ import annotations

import contextlib
import json
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from scoda_desktop.core.documents import (
    EXTRACTION_VERSION,
    Document,
    Entity,
    Metric,
    Removed,
    Skipped,
)
from scoda_desktop.core.index.analysis import keyword
from scoda_desktop.core.index.schema import ENTITY_FIELDS, Preanalyzed, encode_postings
from scoda_desktop.core.index.writer import pack_fields

# Document attributes kept in the stored ``doc`` JSON (text lives in the ``body`` field).
_STORED_KEYS = ("title", "date", "date_text", "source", "author", "language", "words",
                "sha256", "size", "mtime", "url", "captured", "record", "pages")


@dataclass
class Prepared:
    """One document ready for the writer and the catalog."""

    id: str
    path: str
    sha256: str
    size: int
    mtime: float
    fields: dict[str, Any]  # keyword arguments for ``writer.add_document``
    info: dict[str, Any]  # catalog facts: title, date, source, entities, ...
    # The metric ledger entry (a list of Metric JSON dicts as UTF-8 JSON, ``catalog.metrics_of``
    # reads it) and the MinHash (uint32 array): compact, since a big import keeps both for
    # every document until its commit (as Python objects: ~17 KB a document; so: ~3.7 KB).
    metrics: bytes
    signature: array[int]
    words: dict[str, str] = field(default_factory=dict)  # folded word -> term (vocabulary)
    warning: str | None = None  # indexed, but the import reports it ("no article text found")


_Spec = tuple[tuple[str, ...], Callable[[Any], tuple[Any, ...]], tuple[str, ...]]


def _plain(objs: list[Any], spec: _Spec) -> list[dict[str, Any]]:
    """``[o.to_json() for o in objs]`` (``dataclasses.asdict``) without its deep copy: the
    same dicts, in the same key order, for these flat records (their list fields, only
    ``Metric.flags``, copied). One ``attrgetter`` call a record: ``asdict`` was a quarter
    of the per-document encoding time, a getattr per field most of what was left."""
    names, get, lists = spec
    out = [dict(zip(names, get(o), strict=True)) for o in objs]
    for record in out if lists else ():
        for key in lists:
            record[key] = list(record[key])
    return out


def _spec(cls: type) -> _Spec:
    from dataclasses import fields as dc_fields

    names = tuple(f.name for f in dc_fields(cls))
    lists = tuple(f.name for f in dc_fields(cls) if f.default_factory is list)
    get = attrgetter(*names) if len(names) > 1 else lambda o: (getattr(o, names[0]),)
    return names, get, lists


_ENTITY, _METRIC, _REMOVED = _spec(Entity), _spec(Metric), _spec(Removed)


def metrics_json(doc: Document) -> list[dict[str, Any]]:
    return _plain(doc.metrics, _METRIC)


def _stored_texts(doc: Document) -> dict[str, Any]:
    """The stored values of the analysed fields (``author`` is analysed, not stored)."""
    out: dict[str, Any] = {"_stored_body": doc.text}
    if doc.title:
        out["_stored_title"] = doc.title
    if doc.source:
        out["_stored_source"] = doc.source
    return out


def text_fields(doc: Document) -> tuple[dict[str, Any], dict[str, str]]:
    """The analysed fields of a Document (body, title, source, author: ``spool.TEXT_FIELDS``)
    with their stored values, and its vocabulary."""
    body, words = encode_postings(doc.text)
    out: dict[str, Any] = {"body": body}
    if doc.title:
        out["title"], title_words = encode_postings(doc.title, 2.0)
        for w, t in title_words.items():
            words.setdefault(w, t)
    if doc.source:
        out["source"], _ = encode_postings(doc.source)
    if doc.author:
        out["author"], _ = encode_postings(doc.author)
    return out | _stored_texts(doc), words


def text_field_names(doc: Document) -> tuple[str, ...]:
    """The analysed fields ``text_fields`` gives this Document."""
    return ("body", *(name for name in ("title", "source", "author") if getattr(doc, name)))


def carried_texts(doc: Document) -> dict[str, Any]:
    """``text_fields`` with empty postings, for a document whose analysed fields the main
    process carries from the first phase (``enrich``): their stored values go into the
    worker's finished record (``writer.pack_fields``), their postings replace the empty
    ones in the main process before the writer sees them."""
    return {name: Preanalyzed() for name in text_field_names(doc)} | _stored_texts(doc)


def _keyword_postings(values: set[str]) -> Preanalyzed:
    """A keyword field's postings (each value once, weight 1, no value bytes), packed
    directly: what ``Preanalyzed`` makes of ``(term, 1, 1.0, b"")`` tuples, without them
    (a dozen fields an article)."""
    n = len(values)
    return Preanalyzed.packed(tuple([v.encode("utf-8") for v in sorted(values)]),
                              _ONES * n, _WEIGHTS * n, _ZEROS * n, b"")


_ONES, _WEIGHTS, _ZEROS = array("I", [1]), array("f", [1.0]), array("I", [0])


def _keywords() -> Callable[[str], str]:
    """``keyword`` with a memo for one document: its entities repeat the same names (43
    mentions an article in the generated corpus, each normalised 3-4 times)."""
    memo: dict[str, str] = {}

    def kw(text: str) -> str:
        value = memo.get(text)
        if value is None:
            value = memo[text] = keyword(text)
        return value

    return kw


def _json(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def document_fields(doc: Document, metrics: str | None = None,
                    analyse: bool = True, kw: Callable[[str], str] = keyword
                    ) -> tuple[dict[str, Any], dict[str, str]]:
    """The ``add_document`` arguments of a Document, and its vocabulary (``metrics``: the
    metrics' JSON text when the caller already has it; ``analyse=False``: without the
    analysed fields of ``text_fields``, which the caller carries from the first phase: they
    come empty, see ``carried_texts``). Its stored fields are one finished record
    (``writer.pack_fields``): made here, in the worker, not by the main process."""
    out: dict[str, Any] = {"id": doc.id}
    words: dict[str, str] = {}
    if analyse:
        analysed, words = text_fields(doc)
    else:
        analysed = carried_texts(doc)
    out.update(analysed)
    if doc.date:
        out["date"] = doc.date[:10]
        out["year"] = doc.date[:4]
    out["language"] = doc.language
    per_type: dict[str, set[str]] = {}
    for ent in doc.entities:
        name = ENTITY_FIELDS.get(ent.type)
        values = {kw(ent.canonical), kw(ent.text)} - {""}
        if name:
            per_type.setdefault(name, set()).update(values)
        per_type.setdefault("entity", set()).update(values)
    units = {kw(m.unit) for m in doc.metrics if m.unit} - {""}
    measures: set[str] = set()
    if doc.metrics:  # not in the first phase: its workers never import extraction (0.2 s)
        from scoda_desktop.core.extract import measure_key

        measures = {kw(measure_key(m)) for m in doc.metrics} - {""}
    for name, values in (*per_type.items(), ("unit", units), ("measure", measures)):
        if values:  # keyword postings, encoded here like Whoosh's ID field would
            out[name] = _keyword_postings(values)
    stored = {k: getattr(doc, k) for k in _STORED_KEYS}
    stored["removed"] = _plain(doc.removed, _REMOVED)
    stored["entities"] = _plain(doc.entities, _ENTITY)
    # "metrics", the last key, spliced in as the text the ledger keeps too: encoded once
    # (most of the record; ~0.15 ms an article)
    text = metrics if metrics is not None else _json(metrics_json(doc))
    out["doc"] = f'{_json(stored)[:-1]},"metrics":{text}}}'
    return pack_fields(out), words


def prepare_document(doc: Document, *, extract_entities: bool = True,
                     enrich: bool = True, analyse: bool = True) -> Prepared:
    """Extract (unless the Document already carries results), sign and encode one Document.

    ``enrich=False`` is the first phase of a sync (searchable first): the text, title,
    date and source fields only, no extraction and no MinHash (``info["enrich"]`` marks the
    document for the second phase, ``enrich_document``). ``analyse=False``: without the
    analysed fields (see ``document_fields``)."""
    from scoda_desktop.core.ingest import minhash_signature

    if enrich and extract_entities and not doc.entities and not doc.metrics:
        from scoda_desktop.core.extract import extract

        doc.entities, doc.metrics = extract(doc.text, doc_date=doc.date)
    metrics = _json(metrics_json(doc))  # sidefiles.dumps, as text
    kw = _keywords()
    fields_, words = document_fields(doc, metrics, analyse, kw)
    entities = sorted({(e.type, e.canonical) for e in doc.entities})
    aliases = sorted({(e.type, kw(e.text), e.canonical) for e in doc.entities
                      if kw(e.text) != kw(e.canonical)})
    info = {"title": doc.title, "date": doc.date, "source": doc.source,
            "language": doc.language, "words": doc.words, "entities": entities,
            "aliases": aliases, "metrics": len(doc.metrics)}
    for key in ("url", "captured", "record"):  # provenance, for hits and exports
        if getattr(doc, key) is not None:
            info[key] = getattr(doc, key)
    if enrich:
        info["extractor"] = EXTRACTION_VERSION
    else:
        info["enrich"] = 1
    return Prepared(
        id=doc.id, path=doc.path, sha256=doc.sha256, size=doc.size, mtime=doc.mtime,
        fields=fields_, info=info, metrics=metrics.encode("utf-8", "surrogatepass"),
        signature=array("I", minhash_signature(doc.text) if enrich else ()), words=words,
        warning=doc.warning,
    )


def enrich_document(doc: Document, analyse: bool = True) -> Prepared:
    """Worker entry point of the second phase: a searchable Document read back from the
    index (text and metadata as stored) gets its entities, metrics and MinHash, and the
    full fields that replace its first-phase version in the index (``analyse=False``:
    all but the analysed text fields, which the caller has from the first phase's spool)."""
    doc.entities, doc.metrics = [], []
    return prepare_document(doc, analyse=analyse)


def prepare_searchable(path: str, spool: str | None = None) -> Prepared | Skipped:
    """Worker entry point of the first phase: ``prepare_file`` without the enrichment;
    with ``spool`` (a folder), its analysed text fields are also kept there for the second
    phase (``pipeline/spool.py``)."""
    return prepare_file(path, enrich=False, spool=spool)


def prepare_file(path: str, enrich: bool = True, spool: str | None = None
                 ) -> Prepared | Skipped:
    """Worker entry point: one file to a Prepared, or a Skipped with the reason
    (``spool``: see ``prepare_searchable``)."""
    from scoda_desktop.core.ingest import IngestError, load_document

    try:
        doc = load_document(path, resolve=False)  # its path is set below
    except IngestError as exc:
        return Skipped(path, exc.reason)
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop an import
        return Skipped(path, f"could not read: {type(exc).__name__}: {exc}")
    doc.path = path
    item = prepare_document(doc, enrich=enrich)
    if spool is not None:
        from scoda_desktop.core.pipeline import spool as spool_file

        # a cache: a full disk costs the second phase time, never a file
        with contextlib.suppress(OSError):
            spool_file.write(spool, item.id, doc.text, item.fields)
    return item
