"""Physical units and durations as news writes them, each mapped to one canonical unit.

Why normalise: a ledger compares "4,000 km" with "2,485 miles" and "190,000 square meters"
with "19 hectares" only if both sides are in one unit. Each dimension has one canonical unit
(the one the value is stored in) and each spelling a factor into it. Spelled-out names match
in any case; symbols are case-sensitive ("MB" is data, "mb" is not, "M" is "million").
Temperatures are kept in the scale the text uses (°C, °F): they are not proportional, and
news compares them within one scale.
"""

from __future__ import annotations

import re

# kind -> canonical unit -> [(surface forms, factor into the canonical unit)]
# Word forms are matched case-insensitively (and in the plural), symbols exactly.
_TABLE: dict[str, tuple[str, list[tuple[tuple[str, ...], tuple[str, ...], float]]]] = {
    "length": ("m", [
        (("kilometre", "kilometer"), ("km", "kms"), 1e3),
        (("metre", "meter"), ("m",), 1.0),
        (("centimetre", "centimeter"), ("cm",), 1e-2),
        (("millimetre", "millimeter"), ("mm",), 1e-3),
        (("decimetre", "decimeter"), ("dm",), 0.1),
        (("micrometre", "micrometer", "micron"), ("µm", "μm"), 1e-6),
        (("nanometre", "nanometer"), ("nm",), 1e-9),
        (("picometre", "picometer"), (), 1e-12),  # "2 pm" is a time
        (("mile",), ("mi",), 1609.344),
        (("nautical mile",), (), 1852.0),
        (("foot", "feet"), ("ft",), 0.3048),
        (("inch", "inches"), (), 0.0254),
        (("yard",), ("yd", "yds"), 0.9144),
    ]),
    "area": ("m2", [
        (("square kilometre", "square kilometer", "sq km", "sq. km"), ("km2", "km²", "km^2"), 1e6),
        (("square metre", "square meter", "sq m", "sq. m", "sqm"), ("m2", "m²", "m^2"), 1.0),
        (("square mile", "sq mi", "sq. mi"), (), 2_589_988.11),
        (("square foot", "square feet", "sq ft", "sq. ft"), ("ft2",), 0.092903),
        (("hectare",), ("ha",), 1e4),
        (("acre",), (), 4046.8564),
        (("mu",), (), 666.667),  # the Chinese land unit
    ]),
    "volume": ("m3", [
        (("cubic metre", "cubic meter"), ("m3", "m³"), 1.0),
        (("billion cubic metres", "billion cubic meters"), ("bcm",), 1e9),
        (("cubic foot", "cubic feet"), ("cu ft",), 0.0283168),
        (("litre", "liter"), ("L",), 1e-3),
        (("millilitre", "milliliter"), ("ml", "mL"), 1e-6),
        (("centilitre", "centiliter"), ("cl",), 1e-5),
        (("gallon",), ("gal",), 0.00378541),
        (("cubic centimetre", "cubic centimeter"), ("cc", "cm3", "cm³"), 1e-6),
        (("cup",), (), 0.000236588),  # cooking measures: food pages of news sites
        (("tablespoon",), ("tbsp",), 1.47868e-5),
        (("teaspoon",), ("tsp",), 4.92892e-6),
    ]),
    "oil": ("bbl", [(("barrel",), ("bbl",), 1.0)]),
    "mass": ("t", [
        (("kilogram", "kilo", "kilogramme"), ("kg", "kgs"), 1e-3),
        (("gram", "gramme"), ("g",), 1e-6),
        (("milligram", "milligramme"), ("mg",), 1e-9),
        (("microgram", "microgramme"), ("µg", "μg", "mcg"), 1e-12),
        (("pound",), ("lb", "lbs"), 0.000453592),  # "pounds" as money is decided before this
        (("ounce",), ("oz",), 2.83495e-5),
        ((), ("t",), 1.0),  # "100t"; the words "tonnes", "tons" keep their own rule
    ]),
    "speed": ("km/h", [
        (("kilometres per hour", "kilometers per hour", "kilometre per hour",
          "kilometer per hour"), ("km/h", "kph", "kmph", "km/hr", "kmh"), 1.0),
        (("miles per hour", "mile per hour"), ("mph",), 1.609344),
        (("knot",), (), 1.852),
        (("metres per second", "meters per second"), ("m/s",), 3.6),
    ]),
    "data": ("GB", [
        (("terabyte",), ("TB",), 1e3),
        (("gigabyte",), ("GB",), 1.0),
        (("megabyte",), ("MB",), 1e-3),
        (("kilobyte",), ("KB", "kB"), 1e-6),
        (("byte",), (), 1e-9),
        (("bit",), (), 1.25e-10),
        (("gigabits per second",), ("Gbps", "Gbit/s"), 1.0),
        (("megabits per second",), ("Mbps", "Mbit/s"), 1e-3),
    ]),
    "energy": ("MWh", [
        (("terawatt hour", "terawatt-hour"), ("TWh",), 1e6),
        (("gigawatt hour", "gigawatt-hour"), ("GWh",), 1e3),
        (("megawatt hour", "megawatt-hour"), ("MWh",), 1.0),
        (("kilowatt hour", "kilowatt-hour"), ("kWh",), 1e-3),
        (("watt hour", "watt-hour"), ("Wh",), 1e-6),
    ]),
    "power": ("MW", [
        (("horsepower",), ("hp", "bhp"), 0.000745700),
        (("watt",), ("W",), 1e-6),
    ]),
    "radiation": ("Gy", [
        (("gray",), ("Gy",), 1.0),
        (("milligray",), ("mGy",), 1e-3),
        (("sievert",), ("Sv",), 1.0),
        (("millisievert",), ("mSv",), 1e-3),
    ]),
    "frequency": ("Hz", [
        (("gigahertz",), ("GHz",), 1e9),
        (("megahertz",), ("MHz",), 1e6),
        (("kilohertz",), ("kHz",), 1e3),
        (("hertz",), ("Hz",), 1.0),
    ]),
}
# Data rates and area/volume symbols share a canonical unit only within their own kind.
_RATE_UNITS = {"gigabits per second": "Gbps", "megabits per second": "Gbps", "Gbps": "Gbps",
               "Gbit/s": "Gbps", "Mbps": "Gbps", "Mbit/s": "Gbps"}


def _plural(word: str) -> str:
    if word.endswith(("inches", "feet", "horsepower", "hertz", "mu")) or " per " in word:
        return word
    return word + ("es" if word.endswith("inch") else "s")


# surface (lower-cased for words) -> (kind, canonical unit, factor)
_WORDS: dict[str, tuple[str, str, float]] = {}
_SYMBOLS: dict[str, tuple[str, str, float]] = {}
for _kind, (_canon, _rows) in _TABLE.items():
    for _words, _syms, _factor in _rows:
        for _w in _words:
            _c = _RATE_UNITS.get(_w, _canon)
            _WORDS[_w] = _WORDS[_plural(_w)] = (_kind, _c, _factor)
        for _s in _syms:
            _SYMBOLS[_s] = (_kind, _RATE_UNITS.get(_s, _canon), _factor)


def _alternation(forms: list[str]) -> str:
    return "|".join(re.escape(f).replace(r"\ ", r"[\s-]") for f in
                    sorted(forms, key=len, reverse=True))


# "4,000 km", "27-kilometer", "100t", "190,000 square meters", "7.62mm", "20 (kg)".
UNIT_RE = re.compile(
    r"(?:\s?|-|\s?\()"
    rf"(?:(?i:(?P<word>{_alternation(list(_WORDS))}))|(?P<sym>{_alternation(list(_SYMBOLS))}))"
    r"(?P<close>\))?(?![\w/²³])")
_TEMP_RE = re.compile(
    r"(?:\s?|-)(?:°\s?(?P<deg1>[CF])\b|(?i:deg(?:ree)?s?\.?|°)(?:\s?(?i:(?P<scale>celsius|"
    r"centigrade|fahrenheit|kelvin)|(?P<letter>[CFcf]))\b)?(?![\w-])|(?i:(?P<bare>celsius|"
    r"celcius|centigrade|fahrenheit|kelvin))\b)")


_SQUARED = re.compile(r"\s?squared\b|\^2(?!\d)")


def match_unit(text: str, pos: int) -> tuple[int, str, str, float] | None:
    """(end, kind, canonical unit, factor) of a physical unit right after ``pos``, or None.

    Symbols must be separated from the next word ("5 m" but not "5 million", "5 mi" but
    not "5 minutes"); a bare "degrees" is kept as "°" (angle or an unnamed scale).
    """
    m = UNIT_RE.match(text, pos)
    if m is not None:
        if m.group("word"):
            key = re.sub(r"[\s-]+", " ", m.group("word").lower())
            if key not in _WORDS:
                key = key.replace(" ", "-")
            kind, canon, factor = _WORDS.get(key, ("", "", 0.0))
        else:
            kind, canon, factor = _SYMBOLS[m.group("sym")]
        if kind and (m.group("close") or not m.group(0).lstrip().startswith("(")):
            if kind == "length" and (sq := _SQUARED.match(text, m.end())) is not None:
                return sq.end(), "area", "m2", factor * factor  # "4 km squared", "4km^2"
            return m.end(), kind, canon, factor
    t = _TEMP_RE.match(text, pos)
    if t is not None:
        name = (t.group("deg1") or t.group("scale") or t.group("letter") or t.group("bare")
                or "").lower()[:1]
        unit = {"c": "°C", "f": "°F", "k": "K"}.get(name, "°")
        return t.end(), "temperature", unit, 1.0
    return None


DURATION_UNITS = {"year": "year", "yr": "year", "month": "month", "week": "week", "day": "day",
                  "hour": "hour", "hr": "hour", "minute": "minute", "min": "minute",
                  "second": "second", "sec": "second", "decade": "decade",
                  "century": "century", "centuries": "century", "quarter": "quarter"}
DURATION_RE = re.compile(
    r"(?:\s|-)(?i:(?P<u>years?|yrs?|months?|weeks?|days?|hours?|hrs?|minutes?|mins?|seconds?"
    r"|secs?|decades?|century|centuries))(?!\w)(?!-(?!old\b))"
    r"(?P<old>[\s-]old\b|\s+of\s+age\b)?")


def match_duration(text: str, pos: int) -> tuple[int, str, bool] | None:
    """(end, unit, is_age) of "three years", "14-day", "five years old" after ``pos``."""
    m = DURATION_RE.match(text, pos)
    if m is None:
        return None
    word = m.group("u").lower()
    unit = DURATION_UNITS.get(word) or DURATION_UNITS.get(word.rstrip("s"), "")
    return (m.end(), unit, bool(m.group("old"))) if unit else None
