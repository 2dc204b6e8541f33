"""Find a publication date in a header line and turn it into ISO 8601.

Sites write dates every way there is: ``date 2025-03-09``, ``Published March 09, 2025 |
12:20 PM``, ``2024/7/5 5:31:20``, ``Updated: 2025-09-16 08:12``, ``BEIJING, July 4, 2023
/PRNewswire/``, ``9th Mar, 2025``, ``2025年3月9日``, RFC 2822 from feeds, ISO with ``T`` and
``Z``. One small pattern per family keeps each readable; the earliest match in the text wins
because the publication date comes first in a header. Only real calendar dates are accepted,
and a garbage input gives ``None`` rather than an exception (the cleaner runs on anything).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MON = "(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<y>(?:19|20)\d\d)"
# An optional time after the date: "T12:20:00Z", " 5:31:20", " | 12:20 PM", ", at 9:05 a.m."
_TIME = (
    r"(?:(?:T|[ \t]*(?:[|,@]|at|-)?[ \t]*)"
    r"(?P<h>[01]?\d|2[0-3])[:时](?P<mi>[0-5]\d)分?(?::(?P<s>[0-5]\d)(?:\.\d+)?)?"
    r"(?:[ \t]*(?P<ampm>[ap]\.?m\.?)(?![a-z]))?)?"
)
_PATTERNS = [
    # 2025-03-09, 2024/7/5, 2025.03.09 (year first: never ambiguous)
    re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d\d)(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)"
               r"(?P<d>\d{1,2})(?![\d])" + _TIME, re.I),
    # 2025年3月9日
    re.compile(rf"{_YEAR}\s*年\s*(?P<m>\d{{1,2}})\s*月\s*(?P<d>\d{{1,2}})\s*[日号]" + _TIME),
    # March 09, 2025 / Mar. 9, 2025 / MARCH 9 2025
    re.compile(rf"\b{_MON}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}(?!\d)" + _TIME, re.I),
    # 09 Mar 2025 / 9th Mar, 2025 / Sun, 09 Mar 2025 12:20:00 +0000
    re.compile(rf"(?<!\d)(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON},?\s+{_YEAR}(?!\d)"
               + _TIME, re.I),
    # 09.03.2025 (day first), 03/09/2025 (month first unless the first number is > 12)
    re.compile(rf"(?<![\d/.-])(?P<a>\d{{1,2}})(?P<sep>[-/.])(?P<b>\d{{1,2}})(?P=sep){_YEAR}"
               rf"(?![\d])" + _TIME, re.I),
]
_MAX_SCAN = 20000
# What every pattern above holds (``_YEAR``, or the same text in the first): a text without
# it has no date, and one scan for it is cheaper than the five patterns' scans.
_ANY_YEAR_RE = re.compile(r"(?:19|20)\d\d")


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date found in a text: ISO form, the words as written, and where they were."""

    iso: str
    original: str
    start: int
    end: int


def _month_day(groups: dict[str, str | None]) -> tuple[int, int]:
    if groups.get("mon"):
        return MONTHS[groups["mon"].lower()], int(groups["d"] or 0)
    if groups.get("a"):
        a, b = int(groups["a"]), int(groups["b"] or 0)
        if groups.get("sep") == "." or a > 12:
            return b, a  # 09.03.2025 is European day-first; so is 25/12/2024
        return a, b
    return int(groups["m"] or 0), int(groups["d"] or 0)


def _to_iso(groups: dict[str, str | None]) -> str | None:
    month, day = _month_day(groups)
    year = int(groups["y"] or 0)
    try:
        datetime(year, month, day)
    except ValueError:
        return None
    iso = f"{year:04d}-{month:02d}-{day:02d}"
    if groups.get("h") is None:
        return iso
    hour, minute = int(groups["h"] or 0), int(groups["mi"] or 0)
    ampm = (groups.get("ampm") or "").lower().replace(".", "")
    if ampm and not 1 <= hour <= 12:
        return iso  # "13:00 PM" is not a time we trust
    if ampm == "pm" and hour != 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    iso += f"T{hour:02d}:{minute:02d}"
    if groups.get("s"):
        iso += f":{int(groups['s']):02d}"
    return iso


def search_date(text: str) -> DateMatch | None:
    """The earliest valid date in ``text`` (longest when two start together), or None."""
    try:
        if not isinstance(text, str) or not text:
            return None
        scan = text[:_MAX_SCAN]
        if not _ANY_YEAR_RE.search(scan):  # every pattern needs a year: most lines have none
            return None
        best: DateMatch | None = None
        for pattern in _PATTERNS:
            for m in pattern.finditer(scan):
                if best is not None and m.start() > best.start:
                    break
                iso = _to_iso(m.groupdict())
                if iso is None:
                    continue
                original = m.group(0).strip(" \t|,@-")
                start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip(" \t|,@-")))
                found = DateMatch(iso, original, start, start + len(original))
                longer = len(found.original) > len(best.original) if best else True
                if best is None or found.start < best.start or (
                    found.start == best.start and longer
                ):
                    best = found
                break
        return best
    except Exception:  # noqa: BLE001 - a date parser must never stop an import
        return None


def parse_date(text: str) -> tuple[str, str] | None:
    """``(iso, original)`` for the first date in ``text``; ``None`` when there is none.

    Never raises, whatever the input: it runs on every header line of every file.
    """
    found = search_date(text)
    return (found.iso, found.original) if found else None
