"""What stands around a figure: its rate ("per barrel"), the other end of its range ("to 7
percent") and the earlier value it is compared with ("up from 412").

Why apart from metrics.py: these read the words after a figure whatever its kind, and each
returns where it stops, so the figure's span covers them and they are not read again as
figures of their own.
"""

from __future__ import annotations

import re

from scoda_desktop.core.extract.money import CUR_PRE_RE, POST_CUR_RE, post_currency
from scoda_desktop.core.extract.numbers import NUMBER, parse_number, scale_of
from scoda_desktop.core.extract.units import match_duration, match_unit

BIG = r"(?:thousand|million|billion|trillion|mln|bln|mn|bn|tn|trn|lakh\s+crores?|crores?|lakhs?)"
SCALE_RE = rf"(?:hundred(?:\s+{BIG})?|{BIG}|dozen|k|m|b)"
PERCENT = re.compile(r"\s?(?:%|percent\b|per cent\b|pct\b|(?<=\d)pc\b)(?! of the time)")
PP = re.compile(r"\s?(?:percentage points?|pp\b|ppt\b)")
BP = re.compile(r"[\s-]?(?:basis[\s-]points?|bps\b|bp\b)")  # 100 basis points = 1 pp
# A rate's denominator: "$81.10 per barrel", "$70-a-share", "$350/kg", "500,000 barrels a day".
_PER = re.compile(
    r"(?:\s+per\s+|\s?/\s?|\s?-?\s?(?:an?|each)\s?-\s?|\s+(?:an?|each)\s+)"
    r"(?P<per>(?:square\s+|cubic\s+)?[a-z]+(?:-hours?)?)\b(?!-)(?!\s+(?:earlier|ago|before|later)\b)",
    re.IGNORECASE)
_PER_NOUNS = {"annum": "year", "year": "year", "month": "month", "week": "week",
              "day": "day", "hour": "hour", "share": "share", "barrel": "barrel",
              "tonne": "t", "ton": "t", "t": "t", "kg": "kg", "kilogram": "kg", "pound": "lb",
              "lb": "lb", "ounce": "oz", "oz": "oz", "gallon": "gallon", "litre": "litre",
              "liter": "litre", "head": "person", "person": "person", "capita": "person",
              "unit": "unit", "piece": "unit", "square": "m2", "mwh": "MWh", "kwh": "kWh",
              "teu": "TEU", "night": "night", "passenger": "passenger", "dozen": "dozen",
              "mile": "mile", "km": "km", "hectare": "ha", "ha": "ha", "acre": "acre",
              "bag": "bag", "box": "box", "visit": "visit", "seat": "seat", "car": "car",
              "vehicle": "vehicle", "container": "container", "trip": "trip", "min": "minute",
              "minute": "minute", "second": "second", "s": "second", "h": "hour", "hr": "hour",
              "yr": "year", "gram": "g", "gramme": "g", "g": "g", "dose": "dose",
              "ticket": "ticket", "household": "household", "pupil": "pupil",
              "student": "student", "room": "room", "bottle": "bottle", "pack": "pack",
              "kilowatt-hour": "kWh", "megawatt-hour": "MWh", "kilowatt-hours": "kWh",
              "megawatt-hours": "MWh"}
_AREA_BASES = {"metre": "m", "meter": "m", "kilometre": "km", "kilometer": "km", "km": "km",
               "m": "m", "foot": "ft", "feet": "ft", "ft": "ft", "mile": "mi", "yard": "yd"}
CHANGE_VERB = re.compile(
    r"\b(?:rose|rising|risen|grew|grown|growing|increased|increasing|jumped|climbed|soared|"
    r"surged|fell|fallen|falling|dropped|declined|decreased|slipped|slumped|plunged|went|"
    r"expanded|shrank|up|down|raised|cut|reduced|lowered|boosted|deepened|widened|lengthened|"
    r"extended|shortened|doubled|tripled|trebled|quadrupled|halved|revised|narrowed|slowed|"
    r"accelerated|eased|rebounded|recovered|swelled|tumbled|sank|dipped|edged|ticked|spiked|"
    r"skyrocketed|ballooned|upgraded|downgraded|improved|widening|narrowing|moved|changed)"
    r"\s+(?:(?:up|down|higher|lower)\s+)?(?:by\s+\S+\s+)?from"
    r"\s+(?:about\s+|around\s+|nearly\s+|just\s+)?$", re.IGNORECASE)
_PREVIOUS = re.compile(
    rf",?\s+\(?(?:(?:up|down|rising|falling|increasing|decreasing|higher|lower)\s+from"
    rf"|compared\s+(?:with|to)|against|versus|vs\.?)\s+(?:about\s+|around\s+|nearly\s+)?"
    rf"(?P<cur>{CUR_PRE_RE})?\s?(?P<num>{NUMBER})(?:\s?(?P<scale>{SCALE_RE})\b)?",
    re.IGNORECASE)
YEAR = re.compile(r"(?:1[89]|20)\d\d")
_WHEN = re.compile(r"\s+(?:(?:last|this|a|the\s+previous|the\s+past)\s+(?:year|month|week|quarter"
                   r"|season)|in\s+(?:(?:1[89]|20)\d\d|the\s+(?:first|second|third|fourth)\s+"
                   r"(?:quarter|half))|a\s+year\s+(?:earlier|ago|before))(?=,)", re.IGNORECASE)
def rate_after(text: str, end: int) -> tuple[int, str] | None:
    """(end, denominator) of a rate's "per X" right after ``end``, or None."""
    m = _PER.match(text, end)
    if m is None:
        return None
    word = m.group("per").lower()
    word = re.sub(r"\s+", " ", word)
    if " " in word:  # "per square metre", "per cubic meter", "per square foot"
        power, base = word.split(" ")
        base = _AREA_BASES.get(base.rstrip("s"))
        if base is None:
            return None
        return m.end(), base + ("2" if power == "square" else "3")
    key = word if word in _PER_NOUNS else word.rstrip("s")
    if key in _PER_NOUNS:
        return m.end(), _PER_NOUNS[key]
    if m.group(0).lstrip().lower().startswith("per") and key.isalpha() and len(key) > 2 \
            and key not in ("cent", "the", "this", "its", "which"):
        return m.end(), key  # "per passenger", "per student": any noun after "per"
    return None


def earlier_value(text: str, end: int, scale: float, factor: float) -> tuple[int, float] | None:
    """(end, value) of an earlier figure the text compares with: ", up from 412", also after
    the figure's period ("216,000 TEUs last year, up from 180,000")."""
    m = _PREVIOUS.match(text, end)
    if m is None and (when := _WHEN.match(text, end)) is not None:
        m = _PREVIOUS.match(text, when.end())
    if m is None or (m.group("cur") is None and m.group("scale") is None
                     and YEAR.fullmatch(m.group("num"))):
        return None  # "compared with 2023" is a period
    value, _ = parse_number(m.group("num"))
    if value is None:
        return None
    own = scale_of(m.group("scale")) if m.group("scale") else scale
    stop = m.end()
    if (tail := PERCENT.match(text, stop)) is not None:
        stop = tail.end()
    elif (cur := POST_CUR_RE.match(text, stop)) is not None:
        stop = cur.end()
    elif (unit := match_unit(text, stop)) is not None:
        stop, factor = unit[0], unit[3]
    return stop, value * own * factor


_RANGE_TAIL = re.compile(rf"\s?(?:-|–|to|and)\s?(?P<c>{CUR_PRE_RE})?\s?"
                         rf"(?P<neg>(?<=\s)[-−](?=\d)|minus\s)?(?P<n>{NUMBER})"
                         rf"(?:\s?(?P<s>{SCALE_RE})\b)?", re.IGNORECASE)


def range_end(text: str, end: int, same, between: bool = False) -> tuple[int, float] | None:
    """(end, upper value) of "... to 7%", "... - 50 mg" when the unit is repeated.

    "and" closes a range only after "between": "400 ha and 1,000 acres" are two figures.
    """
    m = _RANGE_TAIL.match(text, end)
    if m is None or (not between and m.group().strip().startswith("and")):
        return None
    hi, _ = parse_number(m.group("n"))
    got = same(m.end(), bool(m.group("c")))
    if hi is None or got is None:
        return None
    return got[0], (-hi if m.group("neg") else hi) * scale_of(m.group("s")) * got[1]


def same_unit(text: str, at: int, had_cur: bool, kind: str,
               unit_name: str) -> tuple[int, float] | None:
    """(end, factor) when the unit at ``at`` is of the figure's kind (a repeated unit)."""
    if kind == "percent":  # "3% to 5%", "1 to 2 points", never "25 basis points to 5.25%"
        if unit_name == "%":
            pm = PERCENT.match(text, at)
            return (pm.end(), 1.0) if pm else None
        if (pm := PP.match(text, at)) is not None:
            return pm.end(), 1.0
        return (bp.end(), 0.01) if (bp := BP.match(text, at)) is not None else None
    if kind == "money":
        pc = POST_CUR_RE.match(text, at)
        if pc is not None and post_currency(pc.group()) == unit_name:
            return pc.end(), 1.0
        return (at, 1.0) if had_cur else None  # "$350 to $680"
    unit = match_unit(text, at)
    if unit is not None and unit[1] == kind:
        return unit[0], unit[3]
    duration = match_duration(text, at)
    if duration is not None and kind == "duration" and duration[1] == unit_name:
        return duration[0], 1.0
    return None
