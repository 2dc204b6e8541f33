"""Entities, metrics and the metric ledger.

Public API:

- ``extract(text, *, doc_date=None) -> tuple[list[Entity], list[Metric]]``
- ``extract_entities(text) -> list[Entity]``;
  ``extract_metrics(text, *, doc_date=None) -> list[Metric]``
- ``measure_key(metric) -> str``: the normalised measure used to group a series and to index.
- ``build_series(items) -> list[Series]`` with items ``(doc_id, doc_title, doc_date, Metric)``;
  ``Series.to_json()`` -> ``{"measure", "unit", "points": [{"date", "value", "doc", "text"}],
  "conflicts": [...]}``.
"""

# PLACEHOLDER until the extraction work lands.
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from scoda_desktop.core.documents import Entity, Metric


def extract_entities(text: str) -> list[Entity]:
    return []


def extract_metrics(text: str, *, doc_date: str | None = None) -> list[Metric]:
    return []


def extract(text: str, *, doc_date: str | None = None) -> tuple[list[Entity], list[Metric]]:
    return extract_entities(text), extract_metrics(text, doc_date=doc_date)


def measure_key(metric: Metric) -> str:
    return metric.measures.lower()


@dataclass
class Series:
    measure: str
    unit: str
    points: list[dict[str, Any]] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"measure": self.measure, "unit": self.unit, "points": self.points,
                "conflicts": self.conflicts}


def build_series(items) -> list[Series]:
    return []
