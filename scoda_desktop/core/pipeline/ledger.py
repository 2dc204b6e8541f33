"""The metric ledger of a set of documents, as the plain data the window and the CLI receive.

``extract.build_series`` groups figures into series; this module feeds it the metrics the
catalog keeps for the documents asked for (a search's result, or the whole corpus) and turns
its series into ``documents.LedgerSeries`` (typed points with their source, their place in the
text and whether they take part in a conflict), so no caller needs to know how series are
grouped or what shape ``Series`` has.

Why a cache: reading every document's metrics back from the catalog and rebuilding ``Metric``
objects costs as much as grouping them (about 0.18 + 0.17 s of CPU per 2,000 generated
articles, against 0.36 s for ``build_series``). The figures that can be in a series are read
once per committed catalog and kept, so a new search only pays for grouping its documents;
the whole corpus' ledger (the empty query) is kept too.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from scoda_desktop.core.documents import LedgerPoint, LedgerSeries, Metric
from scoda_desktop.core.extract import build_series
from scoda_desktop.core.extract.ledger import series_key

if TYPE_CHECKING:
    from scoda_desktop.core.pipeline.catalog import Catalog
    from scoda_desktop.core.pipeline.store import IndexStore

Item = tuple[str, "str | None", "str | None", Metric]


def _metric(data: dict[str, Any], sentences: dict[str, str]) -> Metric | None:
    try:
        metric = Metric(**data)
    except TypeError:  # a stored dict of another version: skip it, keep the rest
        return None
    metric.sentence = sentences.setdefault(metric.sentence, metric.sentence)  # one copy
    return metric


class LedgerSource:
    """Series over any subset of the corpus, from a cache of its chartable figures."""

    def __init__(self) -> None:
        self._catalog: weakref.ref[Catalog] | None = None
        self._items: dict[str, list[Item]] = {}
        self._sources: dict[str, str | None] = {}
        self._whole: list[LedgerSeries] | None = None

    def _load(self, store: IndexStore) -> None:
        catalog = store.catalog
        if catalog is not None and self._catalog is not None and self._catalog() is catalog:
            return
        items: dict[str, list[Item]] = {}
        sources: dict[str, str | None] = {}
        for doc_id, info, metrics in store.metric_items():
            date = info.get("date")
            if not date:
                continue  # a figure with no date has no place on a time line
            sentences: dict[str, str] = {}
            kept = []
            for data in metrics:
                metric = _metric(data, sentences)
                if metric is not None and series_key(metric) is not None:
                    kept.append((doc_id, info.get("title"), date, metric))
            if kept:
                items[doc_id] = kept
                sources[doc_id] = info.get("source")
        self._items, self._sources, self._whole = items, sources, None
        self._catalog = weakref.ref(catalog) if catalog is not None else None

    def series(self, store: IndexStore, doc_ids: Iterable[str] | None = None
               ) -> list[LedgerSeries]:
        """The series of ``doc_ids`` (None: every document), most points first."""
        self._load(store)
        chosen = None if doc_ids is None else \
            [d for d in dict.fromkeys(doc_ids) if d in self._items]
        if chosen is None or len(chosen) == len(self._items):  # every document with figures
            if self._whole is None:
                self._whole = self._convert(
                    build_series(it for items in self._items.values() for it in items))
            return self._whole
        return self._convert(build_series(it for d in chosen for it in self._items[d]))

    def _convert(self, series: list[Any]) -> list[LedgerSeries]:
        return [ledger_series(s, self._sources) for s in series]


def ledger_series(series: Any, sources: dict[str, str | None]) -> LedgerSeries:
    """An ``extract.Series`` as plain data; a point is marked ``conflict`` when a conflict
    or a fall of its series names its document and value."""
    flagged = {(doc, float(value)) for c in series.conflicts
               for doc, value in zip(c.get("docs", []), c.get("values", []), strict=False)}
    points = [LedgerPoint(
        date=p["date"], value=float(p["value"]), doc=p["doc"], title=p.get("title"),
        text=p.get("text", ""), sentence=p.get("sentence", ""), qualifier=p.get("qualifier"),
        high=p.get("high"), previous=p.get("previous"), subject=p.get("subject") or "",
        period=p.get("period"), source=sources.get(p["doc"]), start=int(p.get("start") or 0),
        end=int(p.get("end") or 0), conflict=(p["doc"], float(p["value"])) in flagged)
        for p in series.points]
    return LedgerSeries(measure=series.measure, unit=series.unit, label=series.label,
                        subject=series.subject, period=series.period, points=points,
                        conflicts=[dict(c) for c in series.conflicts])
