"""Entities, metrics and the metric ledger.

Public API:

- ``extract(text, *, doc_date=None) -> tuple[list[Entity], list[Metric]]``
- ``extract_entities(text) -> list[Entity]``;
  ``extract_metrics(text, *, doc_date=None) -> list[Metric]``
- ``measure_key(metric) -> str``: the normalised measure used to group a series and to index.
- ``build_series(items) -> list[Series]`` with items ``(doc_id, doc_title, doc_date, Metric)``;
  ``Series.to_json()`` -> ``{"measure", "unit", "points": [{"date", "value", "doc", "text"}],
  "conflicts": [...]}``.
- ``EntityExtractor`` (the protocol a statistical backend would implement),
  ``RuleEntityExtractor`` (the default), ``set_entity_extractor()``, ``use_user_entities()``,
  ``load_user_entities(path)`` and ``user_entities_path()`` for the user's own list.

Extraction never raises on odd text: a failure in one rule costs that rule's output only.
"""

from __future__ import annotations

import gc
import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from scoda_desktop.core.documents import Entity, Metric
from scoda_desktop.core.extract.entities import EntityExtractor, RuleEntityExtractor
from scoda_desktop.core.extract.ledger import Series, build_series, measure_key
from scoda_desktop.core.extract.lexicon import load_user_entities, user_entities_path
from scoda_desktop.core.extract.metrics import extract_metrics as _extract_metrics

__all__ = [
    "EntityExtractor", "RuleEntityExtractor", "Series", "build_series", "extract",
    "extract_entities", "extract_metrics", "load_user_entities", "measure_key",
    "set_entity_extractor", "use_user_entities", "user_entities_path",
]

log = logging.getLogger(__name__)
_extractor: EntityExtractor | None = None


def set_entity_extractor(extractor: EntityExtractor | None) -> None:
    """Swap the entity backend (None restores the default rules + gazetteer)."""
    global _extractor
    _extractor = extractor


def use_user_entities(path: str | os.PathLike[str] | None = None) -> None:
    """Use the default extractor with the user's list (default: the config-dir file)."""
    file = str(path) if path is not None else str(user_entities_path())
    set_entity_extractor(RuleEntityExtractor(user_file=file))


def _current() -> EntityExtractor:
    global _extractor
    if _extractor is None:
        _extractor = RuleEntityExtractor()
    return _extractor


_gc_lock = threading.Lock()
_gc_depth = 0
_gc_was_enabled = False


@contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while one text is extracted (issue 17).

    Why: a text makes hundreds of tokens (tuples of a NamedTuple class, which the collector
    never untracks) and match objects that live until the text is done, so the collections
    their allocations trigger find nothing to free and only walk live objects: 10% of
    extraction's CPU (7.34 -> 6.64 ms an article, benchmarks/extract_speed.py, 2026-12-02).
    Extraction makes no reference cycles that need collecting in the meantime; the
    collector runs again as soon as the last concurrent extraction ends (a depth count, so
    threads that extract at once do not turn it back on under each other), and never if it
    was off before."""
    global _gc_depth, _gc_was_enabled
    with _gc_lock:
        if _gc_depth == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_depth += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_depth -= 1
            if _gc_depth == 0 and _gc_was_enabled:
                gc.enable()


def extract_entities(text: str) -> list[Entity]:
    """Entity mentions in ``text``; ``text[e.start:e.end] == e.text`` for each."""
    with _gc_paused():
        return _extract_entities(text)


def _extract_entities(text: str) -> list[Entity]:
    try:
        found = _current().extract(text)
    except Exception:  # a rule bug must not stop an import of thousands of files
        log.exception("entity extraction failed")
        return []
    return [e for e in found if text[e.start:e.end] == e.text]


def extract_metrics(text: str, *, doc_date: str | None = None) -> list[Metric]:
    """Reported quantities in ``text``; ``doc_date`` (ISO) resolves "June 20", "this year"."""
    with _gc_paused():
        return _extract_metrics_safely(text, doc_date)


def _extract_metrics_safely(text: str, doc_date: str | None) -> list[Metric]:
    try:
        found = _extract_metrics(text, doc_date=doc_date)
    except Exception:
        log.exception("metric extraction failed")
        return []
    return [m for m in found if text[m.start:m.end] == m.text]


def extract(text: str, *, doc_date: str | None = None) -> tuple[list[Entity], list[Metric]]:
    """Entities and metrics of one clean text."""
    with _gc_paused():
        return _extract_entities(text), _extract_metrics_safely(text, doc_date)
