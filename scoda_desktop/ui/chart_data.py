"""Arrays for the charts, computed from core objects (no Qt: the charts stay dumb).

The chart widgets only draw what these functions return, so what a chart shows is tested
here without a window, and the widgets never touch the index.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from statistics import median

from scoda_desktop.core.documents import ENTITY_TYPES, LedgerPoint, LedgerSeries

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


# Legibility limits of the ledger chart (what a reader can take in, not what Qt can draw):
# a value label per point reads for a few dozen points; a circle per point for a few hundred;
# past that the circles are a wall, and the chart draws the spread per date (or per month
# when there are many dates) as a median line in a min-max band. The table beside the chart
# lists every figure with its source either way.
MAX_LABELS = 40
MAX_SYMBOLS = 400
MAX_DATES = 120  # past this many distinct dates, the spread is drawn per month


@dataclass
class LedgerData:
    """What the ledger chart draws for one series (every array in date order)."""

    measure: str = ""
    unit: str = ""
    label: str = ""
    x: list[float] = field(default_factory=list)  # one per point
    y: list[float] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    points: list[LedgerPoint] = field(default_factory=list)
    conflict_rows: list[int] = field(default_factory=list)  # indexes into points
    conflicts: list[str] = field(default_factory=list)  # messages
    # the spread, for a crowded series: per date (or month) bin, its median, min and max
    bin_x: list[float] = field(default_factory=list)
    bin_median: list[float] = field(default_factory=list)
    bin_low: list[float] = field(default_factory=list)
    bin_high: list[float] = field(default_factory=list)
    by_month: bool = False

    @property
    def show_labels(self) -> bool:
        return len(self.x) <= MAX_LABELS

    @property
    def show_symbols(self) -> bool:
        return len(self.x) <= MAX_SYMBOLS

    def summary(self, shown: int = 2) -> str:
        """One line under the chart: how many figures, how they are drawn, the conflicts."""
        text = f"{len(self.x):,} figures for “{self.measure}”."
        if not self.show_symbols:
            text += (f" Line: the median per {'month' if self.by_month else 'date'}; band: "
                     "lowest to highest. Every figure is in the table.")
        if self.conflicts:
            text += " ⚠ " + "; ".join(self.conflicts[:shown])
            if len(self.conflicts) > shown:
                text += f"; and {len(self.conflicts) - shown:,} more conflicting figures"
        return text


def measure_name(series: LedgerSeries) -> str:
    """The entry in the measure list: the series' label (its subject too, so two plants'
    capacities are two entries) and how many figures it has."""
    conflicts = sum(p.conflict for p in series.points)
    text = f"{series.label} · {len(series.points):,} figures"
    return text + (f", {conflicts:,} conflicting" if conflicts else "")


def _month(iso: str) -> float:
    return timestamp(iso[:7] + "-01")


def ledger_data(series: LedgerSeries) -> LedgerData:
    """One series' points in date order, with the conflicting ones marked and, past
    ``MAX_SYMBOLS``, the spread per date or month the chart draws instead of circles."""
    points = sorted((p for p in series.points if p.date), key=lambda p: (p.date, p.doc))
    out = LedgerData(series.measure, series.unit, series.label)
    out.conflicts = [c.get("message", "") for c in series.conflicts]
    for i, p in enumerate(points):
        out.x.append(timestamp(p.date))
        out.y.append(float(p.value))
        out.labels.append(f"{float(p.value):g}")
        out.points.append(p)
        if p.conflict:
            out.conflict_rows.append(i)
    if not out.show_symbols:
        out.by_month = len(set(out.x)) > MAX_DATES
        bins: dict[float, list[float]] = {}
        for p, x, y in zip(points, out.x, out.y, strict=True):
            bins.setdefault(_month(p.date) if out.by_month else x, []).append(y)
        for x in sorted(bins):
            values = sorted(bins[x])
            out.bin_x.append(x)
            out.bin_median.append(median(values))
            out.bin_low.append(values[0])
            out.bin_high.append(values[-1])
    return out


def point_tip(point: LedgerPoint) -> str:
    """Hover text: the wording and the document."""
    title = point.title or point.doc
    return f"{point.date}: {point.text}\n{title}\n\n{point.sentence or point.text}"


def top_entities(facets: dict[str, dict[str, int]], n: int = 10
                 ) -> list[tuple[str, str, int]]:
    """(facet field, name, hits) of the most frequent entities in the current results."""
    items = [(f, name, c) for f in ENTITY_FACETS for name, c in facets.get(f, {}).items()]
    items.sort(key=lambda it: (-it[2], it[1]))
    return items[:n]


def docs_over_time(facets: dict[str, dict[str, int]]) -> tuple[list[float], list[int]]:
    """Documents per month of every document the search matched (x = first day of the
    month, UTC seconds), from the result's month facet: the page of hits shown is only
    the first few of them."""
    months = facets.get("month", {})
    keys = sorted(k for k in months if len(k) == 7)
    return [timestamp(k + "-01") for k in keys], [months[k] for k in keys]
