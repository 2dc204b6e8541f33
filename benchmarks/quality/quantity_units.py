"""One canonical form for the units of every system and gold set the quantity benchmark reads.

Why: quantulum3 says "kilometre", CQE's gold "kilometre" or "dollar per share", we say "m"
(value in metres) or "USD/share". The scorer compares (value × factor, canonical key), so a
figure matches whatever unit each side wrote it in. Keys:

- currencies: ISO 4217 codes ("dollar" -> USD, "pound sterling" -> GBP; "cent" = 0.01 USD);
- physical units: the SI-style base of their dimension ("kilometre" -> m × 1000);
- durations and ages: days ("year of age" -> 365.25 days);
- temperatures: °C, °F, K, or a bare "°" when the text names no scale (no conversion);
- rates: "<key>/<key>" ("dollar per share" -> USD/share, "barrel per day" -> bbl/day);
- counts: "count" for a number of nothing named (quantulum3's "dimensionless", CQE's
  "count" and "-", our multipliers "x"), "noun:<head>" for counted things, singular.

An unknown unit keeps its own lower-cased name, so it can still match the same name.
"""

from __future__ import annotations

import re

_CURRENCY = {
    "dollar": "USD", "us dollar": "USD", "united states dollar": "USD", "usd": "USD",
    "canadian dollar": "CAD", "australian dollar": "AUD", "new zealand dollar": "NZD",
    "hong kong dollar": "HKD", "singapore dollar": "SGD", "euro": "EUR", "pound sterling": "GBP",
    "pound": "GBP", "chinese yuan": "CNY", "yuan": "CNY", "renminbi": "CNY",
    "japanese yen": "JPY", "yen": "JPY", "swiss franc": "CHF", "franc": "CHF",
    "rupee": "INR", "indian rupee": "INR", "sri lankan rupee": "LKR", "turkish lira": "TRY",
    "mexican peso": "MXN", "peseta": "ESP", "finnish markka": "FIM", "mark": "DEM",
    "bitcoin": "BTC", "lao kip": "LAK", "georgian lari": "GEL", "costa rican colón": "CRC",
    "netherlands guilde": "NLG", "russian ruble": "RUB", "ruble": "RUB", "kazakhstani tenge": "KZT",
}
_SUBUNIT = {"cent": ("USD", 0.01), "penny": ("GBP", 0.01), "dime": ("USD", 0.1),
            "sen": ("JPY", 0.01), "satoshi": ("BTC", 1e-8)}
_ISO = set(_CURRENCY.values()) | {"INR", "KRW", "BRL", "TWD", "PKR", "AED", "SAR", "MYR", "THB",
                                  "IDR", "ZAR", "NGN", "KGS", "TJS", "UZS", "AZN", "AMD", "IRR",
                                  "BDT", "AFN", "MNT", "BYN", "NPR", "TMT"}
# name -> (base key, factor)
_PHYSICAL = {
    "m": ("m", 1.0), "metre": ("m", 1.0), "kilometre": ("m", 1e3), "centimetre": ("m", 1e-2),
    "millimetre": ("m", 1e-3), "decimetre": ("m", 0.1), "micrometre": ("m", 1e-6),
    "nanometre": ("m", 1e-9), "picometre": ("m", 1e-12), "attometre": ("m", 1e-18),
    "mile": ("m", 1609.344), "foot": ("m", 0.3048), "inch": ("m", 0.0254),
    "yard": ("m", 0.9144), "nautical mile": ("m", 1852.0),
    "m2": ("m2", 1.0), "square metre": ("m2", 1.0), "square kilometre": ("m2", 1e6),
    "square mile": ("m2", 2_589_988.11), "square foot": ("m2", 0.092903),
    "hectare": ("m2", 1e4), "acre": ("m2", 4046.8564),
    "m3": ("m3", 1.0), "cubic metre": ("m3", 1.0), "cubic foot": ("m3", 0.0283168),
    "cubic kilometre": ("m3", 1e9), "cubic centimetre": ("m3", 1e-6), "litre": ("m3", 1e-3),
    "millilitre": ("m3", 1e-6), "centilitre": ("m3", 1e-5), "gallon": ("m3", 0.00378541),
    "bbl": ("bbl", 1.0), "barrel": ("bbl", 1.0),
    "t": ("t", 1.0), "tonne": ("t", 1.0), "metric ton": ("t", 1.0), "ton": ("t", 1.0),
    "kilogram": ("t", 1e-3), "gram": ("t", 1e-6), "milligram": ("t", 1e-9),
    "microgram": ("t", 1e-12), "pound-mass": ("t", 0.000453592), "ounce": ("t", 2.83495e-5),
    "km/h": ("km/h", 1.0), "kilometre per hour": ("km/h", 1.0),
    "mile per hour": ("km/h", 1.609344), "knot": ("km/h", 1.852),
    "metre per second": ("km/h", 3.6),
    "gb": ("GB", 1.0), "gigabyte": ("GB", 1.0), "megabyte": ("GB", 1e-3),
    "terabyte": ("GB", 1e3), "kilobyte": ("GB", 1e-6), "byte": ("GB", 1e-9),
    "exabyte": ("GB", 1e9), "kibibyte": ("GB", 1.024e-6), "bit": ("GB", 1.25e-10),
    "megabit": ("GB", 1.25e-4),
    "mw": ("MW", 1.0), "megawatt": ("MW", 1.0), "gigawatt": ("MW", 1e3), "kilowatt": ("MW", 1e-3),
    "watt": ("MW", 1e-6), "horsepower": ("MW", 0.0007457),
    "mwh": ("MWh", 1.0), "megawatt hour": ("MWh", 1.0), "kilowatt hour": ("MWh", 1e-3),
    "watt hour": ("MWh", 1e-6), "gigawatt hour": ("MWh", 1e3), "terawatt hour": ("MWh", 1e6),
    "hz": ("Hz", 1.0), "hertz": ("Hz", 1.0), "gigahertz": ("Hz", 1e9), "megahertz": ("Hz", 1e6),
    "teu": ("TEU", 1.0),
    "%": ("%", 1.0), "percentage": ("%", 1.0), "percent": ("%", 1.0), "% interest": ("%", 1.0),
    "pp": ("pp", 1.0), "percentage point": ("pp", 1.0), "basis point": ("pp", 0.01),
    "day": ("day", 1.0), "year": ("day", 365.25), "month": ("day", 30.4375),
    "week": ("day", 7.0), "hour": ("day", 1 / 24), "minute": ("day", 1 / 1440),
    "second": ("day", 1 / 86400), "decade": ("day", 3652.5), "century": ("day", 36525.0),
    "quarter": ("day", 91.3125), "gigayear": ("day", 365.25e9), "megayear": ("day", 365.25e6),
    "°c": ("°C", 1.0), "celsius": ("°C", 1.0), "degree celsius": ("°C", 1.0),
    "°f": ("°F", 1.0), "fahrenheit": ("°F", 1.0), "degree fahrenheit": ("°F", 1.0),
    "k": ("K", 1.0), "kelvin": ("K", 1.0), "°": ("°", 1.0), "degree": ("°", 1.0),
    # symbols, as a system might print them
    "km": ("m", 1e3), "cm": ("m", 1e-2), "mm": ("m", 1e-3), "mi": ("m", 1609.344),
    "ft": ("m", 0.3048), "km2": ("m2", 1e6), "ha": ("m2", 1e4), "l": ("m3", 1e-3),
    "ml": ("m3", 1e-6), "kg": ("t", 1e-3), "g": ("t", 1e-6), "mg": ("t", 1e-9),
    "lb": ("t", 0.000453592), "oz": ("t", 2.83495e-5), "mph": ("km/h", 1.609344),
    "kw": ("MW", 1e-3), "gw": ("MW", 1e3), "kwh": ("MWh", 1e-3), "gwh": ("MWh", 1e3),
    "mb": ("GB", 1e-3), "tb": ("GB", 1e3),
    "cup": ("m3", 0.000236588), "tablespoon": ("m3", 1.47868e-5),
    "teaspoon": ("m3", 4.92892e-6), "gy": ("Gy", 1.0), "milligray": ("Gy", 1e-3),
    "gray": ("Gy", 1.0), "millisievert": ("Sv", 1e-3), "sievert": ("Sv", 1.0),
    # scientific and technical units (our kind "measure" and the rest of extract/units.py)
    "j": ("J", 1.0), "joule": ("J", 1.0), "kilojoule": ("J", 1e3), "megajoule": ("J", 1e6),
    "gigajoule": ("J", 1e9), "calorie": ("J", 4184.0), "kilocalorie": ("J", 4184.0),
    "electronvolt": ("J", 1.602176634e-19), "kiloelectronvolt": ("J", 1.602176634e-16),
    "megaelectronvolt": ("J", 1.602176634e-13), "gigaelectronvolt": ("J", 1.602176634e-10),
    "teraelectronvolt": ("J", 1.602176634e-7), "british thermal unit": ("J", 1055.06),
    "pa": ("Pa", 1.0), "pascal": ("Pa", 1.0), "kilopascal": ("Pa", 1e3),
    "hectopascal": ("Pa", 100.0), "megapascal": ("Pa", 1e6), "bar": ("Pa", 1e5),
    "millibar": ("Pa", 100.0), "pound per square inch": ("Pa", 6894.757),
    "atmosphere": ("Pa", 101325.0), "rpm": ("rpm", 1.0), "revolution per minute": ("rpm", 1.0),
    "db": ("dB", 1.0), "decibel": ("dB", 1.0), "fb-1": ("fb-1", 1.0),
    "inverse femtobarn": ("fb-1", 1.0), "inverse picobarn": ("fb-1", 1e-3),
    "fb": ("fb", 1.0), "femtobarn": ("fb", 1.0), "v": ("V", 1.0), "volt": ("V", 1.0),
    "kilovolt": ("V", 1e3), "a": ("A", 1.0), "ampere": ("A", 1.0), "ah": ("Ah", 1.0),
    "ampere hour": ("Ah", 1.0), "milliampere hour": ("Ah", 1e-3), "nm": ("Nm", 1.0),
    "newton metre": ("Nm", 1.0), "ohm": ("ohm", 1.0), "lm": ("lm", 1.0),
    "lumen": ("lm", 1.0), "cd": ("cd", 1.0), "candela": ("cd", 1.0), "ppm": ("ppm", 1.0),
    "part per million": ("ppm", 1.0), "radian": ("rad", 1.0), "rad": ("rad", 1.0),
    "astronomical unit": ("m", 1.495978707e11), "light-year": ("m", 9.4607304725808e15),
    "light year": ("m", 9.4607304725808e15), "parsec": ("m", 3.0857e16),
    "angstrom": ("m", 1e-10), "femtometre": ("m", 1e-15), "carat": ("t", 2e-7),
    "troy ounce": ("t", 3.11035e-5), "pint": ("m3", 0.000473176),
    "quart": ("m3", 0.000946353), "fluid ounce": ("m3", 2.95735e-5),
    "petabyte": ("GB", 1e6), "zettabyte": ("GB", 1e12), "mebibyte": ("GB", 1.048576e-3),
    "gibibyte": ("GB", 1.073741824), "tebibyte": ("GB", 1.099511627776e3),
    "gigabit": ("GB", 0.125), "terabit": ("GB", 125.0), "kilobit": ("GB", 1.25e-7),
    "gbps": ("Gbps", 1.0), "gigabit per second": ("Gbps", 1.0),
    "megabit per second": ("Gbps", 1e-3), "terawatt": ("MW", 1e6),
    "terahertz": ("Hz", 1e12), "kilohertz": ("Hz", 1e3), "m/s2": ("m/s2", 1.0),
    "metre per square second": ("m/s2", 1.0), "kilometre per square second": ("m/s2", 1e3),
    "count": ("count", 1.0), "-": ("count", 1.0), "dimensionless": ("count", 1.0),
    "x": ("count", 1.0), "share": ("count", 1.0), "dozen": ("count", 12.0),
    "gross": ("count", 144.0), "baker's dozen": ("count", 13.0),
}
_PER = {"yr": "year", "annum": "year", "kg": "kilogram", "lb": "pound-mass", "min": "minute",
        "s": "second", "sec": "second", "h": "hour", "hr": "hour", "d": "day",
        "ha": "hectare", "t": "tonne", "s2": "square second"}


def _singular(word: str) -> str:
    if word in ("people", "persons"):
        return "person"
    for end, repl in (("ies", "y"), ("ches", "ch"), ("shes", "sh"), ("sses", "ss"),
                      ("xes", "x"), ("s", "")):
        if word.endswith(end) and not word.endswith("ss") and len(word) > 3:
            return word[: -len(end)] + repl
    return word


def canonical(unit: str) -> tuple[str, float]:
    """(key, factor): ``value * factor`` is the quantity in the unit ``key`` names."""
    raw = unit.strip()
    low = re.sub(r"\s+", " ", raw.lower()).removesuffix(" of age")
    if raw.upper() in _ISO and raw.isupper():
        return raw.upper(), 1.0
    if low in _SUBUNIT:
        return _SUBUNIT[low]
    if low in _CURRENCY:
        return _CURRENCY[low], 1.0
    if low in _PHYSICAL:
        return _PHYSICAL[low]
    for sep in ("/", " per "):
        if sep in low and not low.startswith(sep):
            at = low.index(sep)  # split the raw text: "KZT per month" keeps its ISO code
            top, bottom = raw[:at], raw[at + len(sep):]
            k1, f1 = canonical(top)
            k2, f2 = canonical(_PER.get(bottom.strip().lower(), bottom))
            return f"{k1}/{k2.removeprefix('noun:')}", f1 / f2
    single = _singular(low)
    if single in _PHYSICAL:
        return _PHYSICAL[single]
    if single in _CURRENCY:
        return _CURRENCY[single], 1.0
    return "noun:" + _singular(low.split()[-1] if low else low), 1.0


def same_unit(gold: str, pred: str) -> bool:
    """Keys match; a bare count of gold matches any count, a named count a bare one."""
    if gold == pred:
        return True
    if gold == "count" and pred.startswith("noun:"):
        return True
    return pred == "count" and gold.startswith("noun:")
