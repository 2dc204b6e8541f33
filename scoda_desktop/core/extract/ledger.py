"""The metric ledger: the same measure across articles, in date order, contradictions kept.

Why flag instead of smooth: the seeds already disagree (freight train routes 31 -> 21 -> 32);
a reader needs to see each figure with its wording and source, and be told where a later
article reports less of a cumulative quantity, or two articles of one date differ.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from scoda_desktop.core.documents import Metric
from scoda_desktop.core.extract.names import word_set

# Words that qualify but do not change what is counted ("regular international routes").
_MODIFIERS = word_set("""
international regular new more total local foreign domestic cumulative various different major
key large small overseas global additional other direct scheduled current annual average
""")
_SYNONYMS = (
    (re.compile(r"\b(?:railway|rail|train|freight train|freight|china-europe freight train)"
                r" routes\b"), "freight train routes"),
    (re.compile(r"\bcompanies\b"), "enterprises"),
    (re.compile(r"\bfirms\b"), "enterprises"),
)
_CUMULATIVE_KINDS = frozenset({"count", "containers"})
# Too vague to say two articles measure the same thing ("up 5.4 percent" vs "growth of 70").
_VAGUE = frozenset({"growth", "value", "volume", "total", "%", "pp", "share"})


def measure_key(metric: Metric) -> str:
    """Normalised measure: groups "31 regular international railway routes" with
    "32 freight train routes", and "enterprises on the platform" across articles.

    Returns "" when the text does not say what a figure measures beyond a vague word
    ("growth"); such figures are not put in a series.
    """
    words = [w for w in re.split(r"[\s]+", (metric.measures or metric.unit).lower())
             if w and w not in _MODIFIERS]
    key = " ".join(words)
    for pattern, replacement in _SYNONYMS:
        key = pattern.sub(replacement, key)
    key = key or (metric.unit.lower() if metric.kind == "count" else "")
    return "" if key in _VAGUE else key


@dataclass
class Series:
    """Points of one measure; ``conflicts`` explain reversals and disagreeing figures."""

    measure: str
    unit: str
    points: list[dict[str, Any]] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"measure": self.measure, "unit": self.unit, "points": list(self.points),
                "conflicts": list(self.conflicts)}


def _conflicts(points: list[dict[str, Any]], cumulative: bool) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for a, b in zip(points, points[1:], strict=False):
        if a["date"] == b["date"] and a["value"] != b["value"] and a["doc"] != b["doc"]:
            out.append({"type": "conflict", "date": a["date"], "docs": [a["doc"], b["doc"]],
                        "values": [a["value"], b["value"]],
                        "message": f"{a['date']}: {a['text']!r} ({a['doc']}) vs "
                                   f"{b['text']!r} ({b['doc']})"})
        elif cumulative and a["date"] != b["date"] and b["value"] < a["value"]:
            out.append({"type": "reversal", "date": b["date"], "docs": [a["doc"], b["doc"]],
                        "values": [a["value"], b["value"]],
                        "message": f"fell from {a['value']:g} ({a['date']}, {a['doc']}) to "
                                   f"{b['value']:g} ({b['date']}, {b['doc']}): "
                                   f"{b['text']!r} after {a['text']!r}"})
    return out


def build_series(items: Iterable[tuple[str, str | None, str | None, Metric]]) -> list[Series]:
    """Group (doc_id, doc_title, doc_date, Metric) into series with points from >= 2 docs."""
    groups: dict[tuple[str, str], list[tuple[str, str | None, str, Metric]]] = {}
    for doc_id, title, doc_date, metric in items:
        key = measure_key(metric)
        if metric.kind == "date" or not isinstance(metric.value, int | float) or not doc_date \
                or not key:
            continue
        groups.setdefault((key, metric.unit), []).append(
            (doc_id, title, doc_date[:10], metric))
    series: list[Series] = []
    for (measure, unit), members in sorted(groups.items()):
        if len({doc for doc, *_ in members}) < 2:
            continue
        members.sort(key=lambda m: (m[2], m[0], m[3].start))
        points = [{"date": d, "value": float(m.value), "doc": doc, "title": title,  # type: ignore[arg-type]
                   "text": m.text, "qualifier": m.qualifier, "sentence": m.sentence}
                  for doc, title, d, m in members]
        cumulative = all(m.kind in _CUMULATIVE_KINDS for *_, m in members)
        series.append(Series(measure, unit, points, _conflicts(points, cumulative)))
    return series
