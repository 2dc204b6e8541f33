"""The metric ledger: one measure of one subject across articles, in date order.

Why flag instead of smooth: the seeds already disagree (freight train routes 31 -> 21 -> 32);
a reader needs to see each figure with its wording and source, and be told where a later
article reports less of a cumulative quantity, or two articles of one date differ.
Why split by subject and period: "74-megawatt" and "3.5 gigawatts" are capacities of two
plants, and a trade volume "in 2022" is not one "over five years": comparing them would
flag conflicts that are none. A conflict is only ever looked for within one series.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from scoda_desktop.core.documents import Metric
from scoda_desktop.core.extract.names import word_set
from scoda_desktop.core.extract.subject import subject_key

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


_LOWER_BOUND = frozenset({"over", "more than", "at least", "exceeding", "above", "upwards of",
                          "in excess of", "just over"})
_UPPER_BOUND = frozenset({"nearly", "nearing", "almost", "up to", "under", "less than",
                          "fewer than", "below", "at most", "close to", "just under"})
_ROUGH = frozenset({"about", "around", "roughly", "approximately", "some", "estimated",
                    "an estimated"})
# Kinds whose figures only form a series when a subject or a measure phrase names them:
# "74-megawatt" alone says nothing of which plant.
_NEEDS_NAME = frozenset({"power", "mass", "length", "area", "volume", "oil", "speed", "data",
                         "energy", "temperature", "frequency", "money", "multiplier",
                         "measure"})


_NAMED_BY_KIND = {"power": "capacity", "oil": "oil volume", "area": "area", "energy": "energy"}


def period_class(metric: Metric) -> str:
    """"span" for a figure over several years ("2019-2024", "over five years"), else "point"."""
    period = metric.period or ""
    return "span" if re.fullmatch(r"\d{4}-\d{4}", period) or "year" in period else "point"


def series_key(metric: Metric) -> tuple[str, str, str, str] | None:
    """(measure, unit, subject, period class) of the series a figure belongs to, or None.

    None for dates, bare numbers ("two in my car"), text values, durations that are not
    themselves the measure ("a 14-day service" has no measure; "transit time of 14 days"
    has), and vague figures.
    """
    if metric.kind in ("date", "number") or not isinstance(metric.value, int | float):
        return None  # a bare number says nothing of what it measures
    if metric.kind == "duration" and (not metric.measures or metric.measures == "age"):
        return None
    if not metric.measures and metric.kind in _NAMED_BY_KIND:
        key = _NAMED_BY_KIND[metric.kind]  # "74-megawatt" is a capacity, of its subject
    elif not metric.measures and metric.kind in _NEEDS_NAME:
        return None  # "$8 billion" alone: of what?
    else:
        key = measure_key(metric)
    if not key:
        return None
    return key, metric.unit, subject_key(metric.subject), period_class(metric)


@dataclass
class Series:
    """Points of one measure of one subject over time; ``conflicts`` explain reversals and
    disagreeing figures within it (never across subjects or periods)."""

    measure: str
    unit: str
    points: list[dict[str, Any]] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    subject: str = ""  # whose figure ("SCODA"); "" when the texts name nobody
    period: str = "point"  # "point": figures at a date; "span": totals over several years

    @property
    def label(self) -> str:
        """What a chart legend or a list shows: "freight train routes — SCODA (routes)"."""
        who = f" — {self.subject}" if self.subject else ""
        span = ", over years" if self.period == "span" else ""
        return f"{self.measure}{who} ({self.unit}{span})"

    def to_json(self) -> dict[str, Any]:
        return {"measure": self.measure, "unit": self.unit, "subject": self.subject,
                "period": self.period, "label": self.label, "points": list(self.points),
                "conflicts": list(self.conflicts)}


def _consistent(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two figures of one date that do not contradict: "over 3,000" and "3,200"."""
    if a["value"] == b["value"]:
        return True
    for x, y in ((a, b), (b, a)):
        low, high = x["value"], x.get("high") or x["value"]
        q = x.get("qualifier") or ""
        if q == "range" and low <= y["value"] <= high:
            return True
        if (q in _LOWER_BOUND and y["value"] >= low) or (q in _UPPER_BOUND and y["value"] <= low):
            return True
        if q in _ROUGH and abs(y["value"] - low) <= 0.1 * abs(low):
            return True
    return False


def _conflicts(points: list[dict[str, Any]], cumulative: bool) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for a, b in zip(points, points[1:], strict=False):
        if a["date"] == b["date"] and a["doc"] != b["doc"] and not _consistent(a, b):
            out.append({"type": "conflict", "date": a["date"], "docs": [a["doc"], b["doc"]],
                        "values": [a["value"], b["value"]],
                        "message": f"{a['date']}: {a['text']!r} ({a['doc']}) vs "
                                   f"{b['text']!r} ({b['doc']})"})
        elif cumulative and a["date"] != b["date"] and b["value"] < a["value"] \
                and not _consistent(a, b):
            out.append({"type": "reversal", "date": b["date"], "docs": [a["doc"], b["doc"]],
                        "values": [a["value"], b["value"]],
                        "message": f"fell from {a['value']:g} ({a['date']}, {a['doc']}) to "
                                   f"{b['value']:g} ({b['date']}, {b['doc']}): "
                                   f"{b['text']!r} after {a['text']!r}"})
    return out


Item = tuple[str, str | None, str | None, Metric]


def _by_subject(members: list[tuple[str, str | None, str, Metric]], kind_needs_name: bool
                ) -> dict[str, list[tuple[str, str | None, str, Metric]]]:
    """Split one measure's figures by subject. Figures that name nobody join the measure's
    main subject (the one most documents name) when the measure itself is specific."""
    named: dict[str, list] = {}
    unnamed: list = []
    for member in members:
        key = subject_key(member[3].subject)
        (named.setdefault(key, []) if key else unnamed).append(member)
    if unnamed:
        if named and not kind_needs_name:
            main = max(named, key=lambda k: (len({m[0] for m in named[k]}), k))
            named[main].extend(unnamed)
        elif not named and not kind_needs_name:
            named[""] = unnamed
    return named


def build_series(items: Iterable[Item]) -> list[Series]:
    """Group (doc_id, doc_title, doc_date, Metric) into series with points from >= 2 docs,
    most points first.

    One pass over the items and a sort per series: cheap enough to call on every search's
    documents (the ledger of what the user is looking at), not only the whole corpus.
    """
    groups: dict[tuple[str, str, str], list[tuple[str, str | None, str, Metric]]] = {}
    for doc_id, title, doc_date, metric in items:
        if not doc_date:
            continue
        key = series_key(metric)
        if key is None:
            continue
        measure, unit, _subject, period = key
        groups.setdefault((measure, unit, period), []).append(
            (doc_id, title, doc_date[:10], metric))
    series: list[Series] = []
    for (measure, unit, period), members in groups.items():
        needs_name = all(m.kind in _NEEDS_NAME and not m.measures for *_, m in members)
        for subject, part in _by_subject(members, needs_name).items():
            if len({doc for doc, *_ in part}) < 2:
                continue
            part.sort(key=lambda m: (m[2], m[0], m[3].start))
            points = [{"date": d, "value": float(m.value), "doc": doc,  # type: ignore[arg-type]
                       "title": title, "text": m.text, "qualifier": m.qualifier,
                       "high": m.high, "previous": m.previous, "subject": m.subject,
                       "period": m.period, "sentence": m.sentence,
                       "start": m.start, "end": m.end}
                      for doc, title, d, m in part]
            cumulative = all(m.kind in _CUMULATIVE_KINDS for *_, m in part)
            shown = next((m.subject for *_, m in part if subject_key(m.subject) == subject), "")
            series.append(Series(measure, unit, points, _conflicts(points, cumulative),
                                 subject=shown, period=period))
    series.sort(key=lambda s: (-len(s.points), s.measure, s.unit, s.subject, s.period))
    return series
