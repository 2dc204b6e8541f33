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
        (("astronomical unit",), ("AU",), 1.495978707e11),
        (("light-year", "light year", "lightyear"), (), 9.4607304725808e15),
        (("parsec",), (), 3.0857e16),
        (("kiloparsec",), ("kpc",), 3.0857e19),
        (("megaparsec",), ("Mpc",), 3.0857e22),
        (("angstrom", "ångström"), ("Å",), 1e-10),
        (("femtometre", "femtometer"), ("fm",), 1e-15),
        (("attometre", "attometer"), (), 1e-18),
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
        (("cubic kilometre", "cubic kilometer"), ("km3", "km³"), 1e9),
        (("billion cubic feet",), ("bcf", "Bcf"), 2.83168e7),
        (("trillion cubic feet",), ("tcf", "Tcf"), 2.83168e10),
        (("hectolitre", "hectoliter"), ("hl", "hL"), 0.1),
        (("pint",), (), 0.000473176),
        (("quart",), ("qt",), 0.000946353),
        (("fluid ounce",), ("fl oz", "fl. oz."), 2.95735e-5),
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
        (("troy ounce",), ("ozt",), 3.11035e-5),
        (("ounce",), ("oz",), 2.83495e-5),
        (("carat",), ("ct",), 2e-7),
        ((), ("t",), 1.0),  # "100t"; the words "tonnes", "tons" keep their own rule
    ]),
    "speed": ("km/h", [
        (("kilometres per hour", "kilometers per hour", "kilometre per hour",
          "kilometer per hour"), ("km/h", "kph", "kmph", "km/hr", "kmh"), 1.0),
        (("miles per hour", "mile per hour"), ("mph",), 1.609344),
        (("knot",), (), 1.852),
        (("metres per second", "meters per second"), ("m/s",), 3.6),
        (("kilometres per second", "kilometers per second"), ("km/s",), 3600.0),
    ]),
    "data": ("GB", [
        (("zettabyte",), ("ZB",), 1e12),
        (("exabyte",), ("EB",), 1e9),
        (("petabyte",), ("PB",), 1e6),
        (("terabyte",), ("TB",), 1e3),
        (("tebibyte",), ("TiB",), 1.099511627776e3),
        (("gibibyte",), ("GiB",), 1.073741824),
        (("mebibyte",), ("MiB",), 1.048576e-3),
        (("kibibyte",), ("KiB",), 1.024e-6),
        (("terabit",), ("Tb", "Tbit"), 125.0),
        (("gigabit",), ("Gb", "Gbit"), 0.125),
        (("megabit",), ("Mb", "Mbit"), 1.25e-4),
        (("kilobit",), ("kb", "Kb", "kbit"), 1.25e-7),
        (("gigabyte",), ("GB",), 1.0),
        (("megabyte",), ("MB",), 1e-3),
        (("kilobyte",), ("KB", "kB"), 1e-6),
        (("byte",), (), 1e-9),
        (("bit",), (), 1.25e-10),
        (("terabits per second",), ("Tbps", "Tbit/s", "Tb/s"), 1e3),
        (("gigabits per second",), ("Gbps", "Gbit/s", "Gb/s"), 1.0),
        (("megabits per second",), ("Mbps", "Mbit/s", "Mb/s"), 1e-3),
        (("kilobits per second",), ("kbps", "Kbps", "kbit/s", "kb/s"), 1e-6),
        (("megabytes per second",), ("MB/s", "MBps"), 8e-3),
        (("gigabytes per second",), ("GB/s", "GBps"), 8.0),
    ]),
    "energy": ("MWh", [
        (("terawatt hour", "terawatt-hour"), ("TWh",), 1e6),
        (("gigawatt hour", "gigawatt-hour"), ("GWh",), 1e3),
        (("megawatt hour", "megawatt-hour"), ("MWh",), 1.0),
        (("kilowatt hour", "kilowatt-hour"), ("kWh",), 1e-3),
        (("watt hour", "watt-hour"), ("Wh",), 1e-6),
    ]),
    "power": ("MW", [
        (("terawatt",), ("TW",), 1e6),
        (("horsepower",), ("hp", "bhp"), 0.000745700),
        (("milliwatt",), ("mW",), 1e-9),
        (("watt",), ("W",), 1e-6),
    ]),
    "radiation": ("Gy", [
        (("gray",), ("Gy",), 1.0),
        (("milligray",), ("mGy",), 1e-3),
        (("sievert",), ("Sv",), 1.0),
        (("millisievert",), ("mSv",), 1e-3),
    ]),
    "frequency": ("Hz", [
        (("terahertz",), ("THz",), 1e12),
        (("gigahertz",), ("GHz",), 1e9),
        (("megahertz",), ("MHz",), 1e6),
        (("kilohertz",), ("kHz",), 1e3),
        (("hertz",), ("Hz",), 1.0),
    ]),
}
# Scientific and technical units, kind "measure": (surface words, symbols, canonical, factor).
_MEASURES: list[tuple[tuple[str, ...], tuple[str, ...], str, float]] = [
    (("joule",), ("J",), "J", 1.0), (("kilojoule",), ("kJ",), "J", 1e3),
    (("megajoule",), ("MJ",), "J", 1e6), (("gigajoule",), ("GJ",), "J", 1e9),
    (("terajoule",), ("TJ",), "J", 1e12), (("petajoule",), ("PJ",), "J", 1e15),
    (("exajoule",), ("EJ",), "J", 1e18),
    # News "calories" are food calories (kilocalories).
    (("calorie", "kilocalorie"), ("kcal", "Cal"), "J", 4184.0), ((), ("cal",), "J", 4.184),
    (("electronvolt", "electron volt", "electron-volt"), ("eV",), "J", 1.602176634e-19),
    (("kiloelectronvolt",), ("keV",), "J", 1.602176634e-16),
    (("megaelectronvolt",), ("MeV",), "J", 1.602176634e-13),
    (("gigaelectronvolt",), ("GeV",), "J", 1.602176634e-10),
    (("teraelectronvolt",), ("TeV",), "J", 1.602176634e-7),
    (("british thermal unit",), ("Btu", "BTU"), "J", 1055.06),
    (("million british thermal units",), ("mmBtu", "MMBtu", "MMBTU", "mmbtu"), "J", 1.05506e9),
    (("pascal",), ("Pa",), "Pa", 1.0), (("hectopascal",), ("hPa",), "Pa", 100.0),
    (("kilopascal",), ("kPa",), "Pa", 1e3), (("megapascal",), ("MPa",), "Pa", 1e6),
    (("gigapascal",), ("GPa",), "Pa", 1e9), (("bars of pressure",), (), "Pa", 1e5),
    (("millibar",), ("mbar", "mb"), "Pa", 100.0),
    (("pounds per square inch",), ("psi",), "Pa", 6894.757),
    (("atmosphere",), ("atm",), "Pa", 101325.0),
    (("millimetres of mercury", "millimeters of mercury"), ("mmHg",), "Pa", 133.322),
    (("revolutions per minute",), ("rpm", "RPM", "r/min"), "rpm", 1.0),
    (("decibel",), ("dB", "dBA", "dB(A)"), "dB", 1.0),
    (("inverse femtobarn",), ("fb-1", "fb−1", "fb⁻¹", "/fb"), "fb-1", 1.0),
    (("inverse picobarn",), ("pb-1", "pb−1", "pb⁻¹", "/pb"), "fb-1", 1e-3),
    (("inverse attobarn",), ("ab-1", "ab⁻¹"), "fb-1", 1e3),
    (("femtobarn",), (), "fb", 1.0), (("picobarn",), (), "fb", 1e3),
    (("volt",), ("V",), "V", 1.0), (("kilovolt",), ("kV",), "V", 1e3),
    (("millivolt",), ("mV",), "V", 1e-3), (("megavolt",), ("MV",), "V", 1e6),
    (("ampere", "amp"), (), "A", 1.0), (("milliampere", "milliamp"), ("mA",), "A", 1e-3),
    (("kiloampere",), ("kA",), "A", 1e3),
    (("milliampere hour", "milliamp hour", "milliampere-hour"), ("mAh",), "Ah", 1e-3),
    (("ampere hour", "amp hour", "ampere-hour", "amp-hour"), ("Ah",), "Ah", 1.0),
    (("ohm",), ("Ω",), "ohm", 1.0), (("kilohm",), ("kΩ",), "ohm", 1e3),
    (("megohm",), ("MΩ",), "ohm", 1e6),
    (("kilonewton",), ("kN",), "N", 1e3),
    (("newton metre", "newton meter", "newton-metre", "newton-meter"), ("Nm", "N·m", "N m"),
     "Nm", 1.0),
    (("lumen",), ("lm",), "lm", 1.0), (("candela",), ("cd",), "cd", 1.0),
    (("lux",), ("lx",), "lx", 1.0),
    (("radian",), ("rad",), "rad", 1.0), (("milliradian",), ("mrad",), "rad", 1e-3),
    (("becquerel",), ("Bq",), "Bq", 1.0), (("curie",), ("Ci",), "Bq", 3.7e10),
    ((), ("mol",), "mol", 1.0), (("millimole",), ("mmol",), "mol", 1e-3),
    (("deadweight tonne", "deadweight ton"), ("dwt", "DWT"), "dwt", 1.0),  # a ship's capacity
    (("parts per million",), ("ppm",), "ppm", 1.0), (("parts per billion",), ("ppb",), "ppm", 1e-3),
]
# Data rates share a canonical unit (Gbps) only within their own kind.
_RATE = re.compile(r"per second|/s$|ps$")


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
            _c = "Gbps" if _kind == "data" and _RATE.search(_w) else _canon
            _WORDS[_w] = _WORDS[_plural(_w)] = (_kind, _c, _factor)
        for _s in _syms:
            _SYMBOLS[_s] = (_kind, "Gbps" if _kind == "data" and _RATE.search(_s) else _canon,
                            _factor)
# Rates written as one symbol: oil and mining news ("500,000 bpd", "5 mtpa").
_SYMBOLS.update({"bpd": ("oil", "bbl/day", 1.0), "b/d": ("oil", "bbl/day", 1.0),
                 "bbl/d": ("oil", "bbl/day", 1.0), "tpd": ("mass", "t/day", 1.0),
                 "tpa": ("mass", "t/year", 1.0), "mtpa": ("mass", "t/year", 1e6),
                 "Mtpa": ("mass", "t/year", 1e6), "MTPA": ("mass", "t/year", 1e6)})
for _words, _syms, _canon, _factor in _MEASURES:
    for _w in _words:
        _WORDS.setdefault(_w, ("measure", _canon, _factor))
        _WORDS.setdefault(_plural(_w), ("measure", _canon, _factor))
    for _s in _syms:
        _SYMBOLS.setdefault(_s, ("measure", _canon, _factor))


def trie_alternation(forms: list[str], fold: bool = False, space: str = r"[\s-]") -> str:
    """One regex for all ``forms``, as a trie: the longest form wins, as in a longest-first
    alternation, but a match costs the length of the word, not the number of forms (the
    unit table is tried after every figure). A space in a form matches a space or a hyphen.
    """
    trie: dict = {}
    for form in forms:
        node = trie
        for ch in (form.lower() if fold else form):
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie, space, "")


def _trie_regex(node: dict, space: str, path: str) -> str:
    ends = "" in node
    branches = []
    for ch in sorted(k for k in node if k):
        piece = space if ch == " " else re.escape(ch)
        if ch == "$" and re.search(r"[A-Za-z]{2}\Z", path):
            piece = r"\s?\$"  # "US $ 5", "HK $ 3" as tokenised text writes them
        branches.append(piece + _trie_regex(node[ch], space, path + ch))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return f"(?:{body})?"
    return body


# "4,000 km", "27-kilometer", "100t", "190,000 square meters", "7.62mm", "20 (kg)".
UNIT_RE = re.compile(
    r"(?:\s?|-|\s?[(\[{<])"
    rf"(?:(?i:(?P<word>{trie_alternation(list(_WORDS), fold=True)}))"
    rf"|(?P<sym>{trie_alternation(list(_SYMBOLS))}))"
    r"(?P<close>[)\]}>])?(?![\w/²³]|-\d)")
_TEMP_RE = re.compile(
    r"(?:(?<=\d)(?P<deg2>[CF])(?![\w-])"
    r"|(?:\s?|-)(?:°\s?(?P<deg1>[CF])\b|(?i:deg(?:ree)?s?\.?|°)(?:\s?(?i:(?P<scale>celsius|celcius|"
    r"centigrade|fahrenheit|farenheit|kelvin)|(?P<letter>[CFcf]))\b)?(?![\w-])|(?i:(?P<bare>celsius|"
    r"celcius|centigrade|fahrenheit|farenheit|kelvin))\b))")


# "in" and '"' are inches only where a size is said: "2 in thick", "10 \" long", "2 in."
# at the end; "5 in 10 people" and a closing quote are not.
_SIZE_WORD = r"(?:thick|long|wide|tall|high|deep|across|in\s+diameter|diameter|screens?|display)"
_INCH = re.compile(rf"(?:\s?in\b\.?(?=\s+{_SIZE_WORD}\b|\s*[,;)]|\s*$)"
                   rf"|\s?\"(?=\s*{_SIZE_WORD}\b))")
_MODEL_BEFORE = re.compile(r"\b[a-z]?[A-Z][A-Za-z]*\s[-−]?[\d.]+\Z")
_SQUARED = re.compile(r"\s?squared\b|\^2(?!\d)")
_CUBED = re.compile(r"\s?cubed\b|\^3(?!\d)")
# "12 ft 2 in": inches right after a figure in feet.
_FEET_BEFORE = re.compile(r"\d\s?(?:ft|feet|foot)\.?\s\d+(?:\.\d+)?\Z")
_INCH_AFTER_FEET = re.compile(r"\s?(?:in\b\.?|inch(?:es)?\b)")


_SPACES_HYPHENS = re.compile(r"[\s-]+")


def match_unit(text: str, pos: int) -> tuple[int, str, str, float] | None:
    """(end, kind, canonical unit, factor) of a physical unit right after ``pos``, or None.

    Symbols must be separated from the next word ("5 m" but not "5 million", "5 mi" but
    not "5 minutes"); a bare "degrees" is kept as "°" (angle or an unnamed scale).
    """
    m = UNIT_RE.match(text, pos)
    window = text[pos:pos + 24]
    if ("/" in window or " per " in window) and (m is None or _PER_POWER.match(text, m.end())) \
            and (c := _compound(text, pos)):
        return c  # "9.8 m/s²", "-1e-3 W/min", "3 kg per m2"
    if m is not None:
        if m.group("word"):
            key = _SPACES_HYPHENS.sub(" ", m.group("word").lower())
            if key not in _WORDS:
                key = key.replace(" ", "-")
            kind, canon, factor = _WORDS.get(key, ("", "", 0.0))
        else:
            kind, canon, factor = _SYMBOLS[m.group("sym")]
        if kind and (m.group("close") or not m.group(0).lstrip().startswith(("(", "[", "{", "<"))):
            if kind == "length" and (sq := _SQUARED.match(text, m.end())) is not None:
                return sq.end(), "area", "m2", factor * factor  # "4 km squared", "4km^2"
            if kind == "length" and (cu := _CUBED.match(text, m.end())) is not None:
                return cu.end(), "volume", "m3", factor ** 3  # "4 km cubed", "4km^3"
            return m.end(), kind, canon, factor
    if ("in" in window or '"' in window) and (
            (inch := _INCH.match(text, pos)) is not None
            or (_FEET_BEFORE.search(text, max(0, pos - 12), pos)
                and (inch := _INCH_AFTER_FEET.match(text, pos)) is not None)):
        return inch.end(), "length", "m", 0.0254
    t = _TEMP_RE.match(text, pos)
    if t is not None:
        if t.group("deg2") and _MODEL_BEFORE.search(text, max(0, pos - 25), pos):
            return None  # "iPhone 5C" is a model
        name = (t.group("deg1") or t.group("deg2") or t.group("scale") or t.group("letter")
                or t.group("bare") or "").lower()[:1]
        unit = {"c": "°C", "f": "°F", "k": "K"}.get(name, "°")
        return t.end(), "temperature", unit, 1.0
    return None


# A compound unit: a unit, "/" or "per", a unit or a time, perhaps squared: "m/s²", "mg/L".
_HEAD_SLASH = re.compile(UNIT_RE.pattern.replace(r"(?![\w/²³]|-\d)",
                                                 r"(?=\s?/\s?[^\W\d]|\s+per\s+)"))
_POW = r"(?:²|³|2|3|\^2|\^3)"
_DENOMINATOR = re.compile(rf"(?:\s?/\s?|\s+per\s+)(?P<den>[A-Za-zµμΩ]+)(?P<pow>{_POW})?(?![\w/])")
_PER_POWER = re.compile(rf"\s+per\s+[A-Za-z]+{_POW}(?![\w/])")
_TIMES = {"s": "s", "sec": "s", "second": "s", "min": "min", "minute": "min", "h": "h",
          "hr": "h", "hour": "h", "d": "day", "day": "day", "yr": "year", "year": "year",
          "week": "week", "month": "month"}


# Denominators of a rate, named as around.rate_after names them ("t/year", "MW/minute").
_RATE_DENOMINATORS = {"yr": "year", "year": "year", "a": "year", "annum": "year", "d": "day",
                      "day": "day", "h": "hour", "hr": "hour", "hour": "hour", "min": "minute",
                      "minute": "minute", "s": "second", "sec": "second", "second": "second",
                      "week": "week", "wk": "week", "month": "month", "mo": "month",
                      "ha": "ha", "hectare": "ha", "kg": "kg", "t": "t", "person": "person",
                      "capita": "person", "head": "person"}


def _unit_at(text: str, pos: int) -> tuple[int, str, str, float] | None:
    m = _HEAD_SLASH.match(text, pos)
    if m is None:
        return None
    if m.group("word"):
        key = _SPACES_HYPHENS.sub(" ", m.group("word").lower())
        kind, canon, factor = _WORDS.get(key, _WORDS.get(key.replace(" ", "-"), ("", "", 0.0)))
    else:
        kind, canon, factor = _SYMBOLS[m.group("sym")]
    return (m.end(), kind, canon, factor) if kind else None


def _compound(text: str, pos: int) -> tuple[int, str, str, float] | None:
    """(end, "measure", "top/bottom", factor) of a unit over a unit or a time, or None."""
    head = _unit_at(text, pos)
    if head is None or "/" in head[2]:
        return None
    d = _DENOMINATOR.match(text, head[0])
    if d is None:
        return None
    den, power = d.group("den"), d.group("pow") or ""
    exponent = 2 if power in ("²", "2", "^2") else 3 if power else 1
    if exponent == 1 and head[1] != "measure":  # "20 t/yr", "W/min": a rate of its kind
        rate = _RATE_DENOMINATORS.get(den) or _RATE_DENOMINATORS.get(den.lower().rstrip("s"))
        if rate:
            return d.end(), head[1], f"{head[2]}/{rate}", head[3]
    if (t := _TIMES.get(den) or _TIMES.get(den.lower().rstrip("s"))) is not None:
        bottom, factor = t, 1.0
    elif (u := _SYMBOLS.get(den) or _WORDS.get(den.lower())) is not None:
        _, bottom, factor = u
    else:
        return None
    if exponent > 1 and bottom in ("m2", "m3"):
        return None  # "m2²" is nothing
    if exponent > 1:
        bottom, factor = f"{bottom}{exponent}", factor ** exponent
    return d.end(), "measure", f"{head[2]}/{bottom}", head[3] / factor


DURATION_UNITS = {"year": "year", "yr": "year", "month": "month", "week": "week", "day": "day",
                  "hour": "hour", "hr": "hour", "minute": "minute", "min": "minute",
                  "second": "second", "sec": "second", "decade": "decade",
                  "century": "century", "centuries": "century", "quarter": "quarter",
                  "millisecond": "millisecond", "microsecond": "microsecond",
                  "nanosecond": "nanosecond", "picosecond": "picosecond",
                  "femtosecond": "femtosecond"}
# Durations below a second, stored in seconds: "30 femtoseconds" is 3e-14 s.
SUBSECOND = {"millisecond": 1e-3, "microsecond": 1e-6, "nanosecond": 1e-9,
             "picosecond": 1e-12, "femtosecond": 1e-15}
DURATION_RE = re.compile(
    r"(?:\s-\s|\s|-)(?i:(?P<u>years?|yrs?|months?|weeks?|days?|hours?|hrs?|minutes?|mins?|seconds?"
    r"|secs?|decades?|century|centuries|(?:milli|micro|nano|pico|femto)seconds?))(?!\w)(?!-(?!old\b))"
    r"(?P<old>\s-\sold\b|[\s-]old\b|\s+of\s+age\b)?")


_YEARS_OLD = re.compile(r"[\s-]?(?:yo|y/o|y\.o\.)(?![\w/])")  # "a 87 yo man"


def match_duration(text: str, pos: int) -> tuple[int, str, bool] | None:
    """(end, unit, is_age) of "three years", "14-day", "five years old" after ``pos``."""
    m = DURATION_RE.match(text, pos)
    if m is None:
        yo = _YEARS_OLD.match(text, pos)
        return (yo.end(), "year", True) if yo else None
    word = m.group("u").lower()
    unit = DURATION_UNITS.get(word) or DURATION_UNITS.get(word.rstrip("s"), "")
    return (m.end(), unit, bool(m.group("old"))) if unit else None
