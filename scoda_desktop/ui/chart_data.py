"""Arrays for the charts, computed from core objects (no Qt: the charts stay dumb).

The chart widgets only draw what these functions return, so what a chart shows is tested
here without a window, and the widgets never touch the index.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from scoda_desktop.core.documents import ENTITY_TYPES, Hit

ENTITY_FACETS = tuple(t.lower() for t in ENTITY_TYPES)


def timestamp(iso: str) -> float:
    """Seconds since the epoch (UTC) of an ISO date or date-time; 0.0 if unreadable."""
    try:
        day = datetime.strptime(iso[:10], "%Y-%m-%d")
    except (TypeError, ValueError):
        try:
            day = datetime.strptime(iso[:7], "%Y-%m")
        except (TypeError, ValueError):
            return 0.0
    return day.replace(tzinfo=UTC).timestamp()


def series_json(series: Any) -> dict[str, Any]:
    return series.to_json() if hasattr(series, "to_json") else dict(series)


@dataclass
class LedgerData:
    measure: str = ""
    unit: str = ""
    x: list[float] = field(default_factory=list)
    y: list[float] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    points: list[dict[str, Any]] = field(default_factory=list)
    conflict_rows: list[int] = field(default_factory=list)  # indexes into points
    conflicts: list[str] = field(default_factory=list)  # messages

    @property
    def show_labels(self) -> bool:
        """A value label on every point reads well for a few dozen points; beyond that
        they pile up (and cost a graphics item each): hovering still tells each one."""
        return len(self.x) <= MAX_LABELS

    def summary(self, shown: int = 2) -> str:
        """One line under the chart: how many figures, and the first conflicts."""
        text = f"{len(self.x)} figures for “{self.measure}”."
        if self.conflicts:
            text += " ⚠ " + "; ".join(self.conflicts[:shown])
            if len(self.conflicts) > shown:
                text += f"; and {len(self.conflicts) - shown} more conflicting figures"
        return text


MAX_LABELS = 40


def measure_name(series: Any) -> str:
    """The name in the measure list; a Series' label names its subject too ("capacity —
    Zhanatas (MW)"), so two plants' capacities are two entries, not one name twice."""
    data = series_json(series)
    if data.get("label"):
        return data["label"]
    return f"{data['measure']} ({data['unit']})" if data.get("unit") and \
        data["unit"] not in data["measure"] else data["measure"]


def ledger_data(series: Any) -> LedgerData:
    """One measure's points in date order, labelled, with the conflicting points marked."""
    data = series_json(series)
    points = [p for p in data.get("points", []) if p.get("date")]
    points.sort(key=lambda p: (p["date"], p.get("doc", "")))
    out = LedgerData(data.get("measure", ""), data.get("unit", ""))
    for p in points:
        out.x.append(timestamp(p["date"]))
        out.y.append(float(p["value"]))
        out.labels.append(f"{float(p['value']):g}")
        out.points.append(p)
    at: dict[tuple[Any, float], list[int]] = {}  # (doc, value) -> point indexes
    for i, p in enumerate(points):
        at.setdefault((p.get("doc"), float(p["value"])), []).append(i)
    flagged: set[int] = set()
    for c in data.get("conflicts", []):
        out.conflicts.append(c.get("message", ""))
        for doc, value in zip(c.get("docs", []), c.get("values", []), strict=False):
            flagged.update(at.get((doc, float(value)), ()))
    out.conflict_rows = sorted(flagged)
    return out


def point_tip(point: dict[str, Any]) -> str:
    """Hover text: the wording and the document."""
    title = point.get("title") or point.get("doc", "")
    wording = point.get("sentence") or point.get("text", "")
    return f"{point.get('date', '')}: {point.get('text', '')}\n{title}\n\n{wording}"


def top_entities(facets: dict[str, dict[str, int]], n: int = 10
                 ) -> list[tuple[str, str, int]]:
    """(facet field, name, hits) of the most frequent entities in the current results."""
    items = [(f, name, c) for f in ENTITY_FACETS for name, c in facets.get(f, {}).items()]
    items.sort(key=lambda it: (-it[2], it[1]))
    return items[:n]


def docs_over_time(hits: list[Hit]) -> tuple[list[float], list[int]]:
    """Documents per month (x = first day of the month, UTC seconds)."""
    months = Counter((h.date or "")[:7] for h in hits if h.date and len(h.date) >= 7)
    keys = sorted(months)
    return [timestamp(k + "-01") for k in keys], [months[k] for k in keys]
