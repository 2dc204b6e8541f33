"""Numbers as news writes them: "21.34", "5,000", "one million", "a billion", "2.7bn".

Why separate: the metric rules and the property tests both need one exact answer to "what
value does this spelling mean", including when it is malformed ("5,0000").
"""

from __future__ import annotations

import re

WORD_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}
SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "mln": 1e6, "m": 1e6,
    "billion": 1e9, "bn": 1e9, "bln": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12,
    "trn": 1e12, "hundred": 1e2,
}
FRACTIONS = {
    "half": 0.5, "one-half": 0.5, "a half": 0.5, "one-third": 1 / 3, "a third": 1 / 3,
    "two-thirds": 2 / 3, "one-fourth": 0.25, "a quarter": 0.25, "one-quarter": 0.25,
    "a fourth": 0.25, "three-quarters": 0.75, "three-fourths": 0.75, "one-fifth": 0.2,
    "a fifth": 0.2, "one-tenth": 0.1, "a tenth": 0.1,
}
# News writes the same fractions unhyphenated too: "two thirds of", "one quarter of".
FRACTIONS.update({k.replace("-", " "): v for k, v in list(FRACTIONS.items()) if "-" in k})
VULGAR = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3, "⅛": 0.125}
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_WORDS = "|".join(sorted((w for w in WORD_NUMBERS if w not in ("a", "an", "hundred")), key=len,
                         reverse=True))
_COMPOUND = rf"(?:{'|'.join(_TENS)})-(?:{'|'.join(_UNITS)})"  # "twenty-one"
_VULGAR = "[" + "".join(VULGAR) + "]"
# Spelled-out compounds: "one hundred and two", "twenty five hundred", "three million, two
# hundred & forty". They end in a number below a thousand (or "hundred"), so "two million
# people" stays "two" + the scale "million" and the scale rules keep working.
_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
          "seventeen", "eighteen", "nineteen")
_SMALL = (rf"(?:(?:{'|'.join(_TENS)})(?:[\s-](?:{'|'.join(_UNITS)}))?"
          rf"|{'|'.join(_TEENS)}|{'|'.join(_UNITS)})")
_GROUP = rf"(?:(?:{_SMALL}|an?)\s+hundred(?:\s+(?:(?:and|&)\s+)?{_SMALL}\b)?|{_SMALL})"
_BIG_WORD = r"(?:thousand|million|billion|trillion)"
_SPELLED = (rf"(?:{_GROUP}\s+{_BIG_WORD}(?:,\s*|\s+)(?:(?:and|&)\s+)?)*"
            rf"{_GROUP}")
# Only the compound forms (two words or more), for NUMBER; single words keep _WORDS.
_SPELLED_MULTI = (rf"(?=[a-z]+[\s-]+(?:and\s+|&\s+)?(?:{'|'.join(_UNITS + _TEENS + _TENS)}"
                  rf"|hundred|thousand|million|billion))(?:{_SPELLED})")
NUMBER_WORDS_RE = f"{_COMPOUND}|{_WORDS}"  # number words, for a case-insensitive group
# Digits with thousands separators (also malformed ones, flagged later; also "80, 000" as
# tokenised text writes it), decimals, mixed and
# simple fractions ("10 1/2", "1/4": small denominators only, so "9/11" and "24/7" stay out),
# vulgar fractions, words.
NUMBER = (rf"(?:\d{{1,2}}(?:,\d\d)+,\d{{3}}(?:\.\d+)?(?![\d,])"  # Indian: "12,34,567.89"
          # a decimal comma before a scale word, as translated news writes it: "2,5 trillion"
          rf"|\d{{1,3}},\d{{1,2}}(?=\s(?:thousand|million|billion|trillion|mln|bln)\b)"
          rf"|\d{{1,3}}(?:,\d{{3,4}})+(?:\.\d+)?(?!\d)|\d{{1,3}}(?:, \d{{3}}(?![\d,.]))+"
          rf"|\d+(?:\.\d+)?(?:[eE][-+]?\d+\b|\s?[×x]\s?10\^[-−]?\d+|\s?×\s?10[-−]\d+)"  # "1.5e6",
          # "1.6 × 10^-19", "2.48×10−5"
          rf"|\d+(?: [1-7]/[2348]\b|{_VULGAR})"
          rf"|[1-7]/[2348](?![\d/])|\d+(?:\.\d+)?|{_VULGAR}"
          rf"|(?i:{_SPELLED_MULTI})\b|(?i:{_COMPOUND})\b|(?i:{_WORDS})\b)")
_MALFORMED_GROUPING = re.compile(r",\d{4}")
_TIMES_TEN = re.compile(r"(\d+(?:\.\d+)?)\s?[×x]\s?10(?:\^([-−]?\d+)|([-−]\d+))")
_BIG_VALUES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


_WORD_SEPARATORS = re.compile(r"[\s,&-]+")
_DECIMAL_COMMA = re.compile(r"\d{1,3},\d{1,2}")  # "2,5 trillion"


def _spelled_value(raw: str) -> float | None:
    """Value of a spelled-out compound ("one hundred and two" = 102), None if it is none."""
    total = current = 0.0
    for i, word in enumerate(_WORD_SEPARATORS.split(raw)):
        if word in ("", "and") or (i == 0 and word in ("a", "an")):
            continue  # "a hundred and two": "a" is the one of "one hundred"
        if word == "hundred":
            current = (current or 1.0) * 100
        elif word in _BIG_VALUES:
            total += (current or 1.0) * _BIG_VALUES[word]
            current = 0.0
        elif word in WORD_NUMBERS and word not in ("a", "an", "dozen"):
            current += WORD_NUMBERS[word]
        else:
            return None
    return total + current


def parse_number(text: str) -> tuple[float | None, bool]:
    """(value, malformed). Malformed groupings such as "5,0000" give (None, True)."""
    raw = text.strip().lower()
    if _MALFORMED_GROUPING.search(raw):
        return None, True
    if raw.startswith(("half", "quarter", "a quarter", "three quarter")):  # "half a million"
        return (0.5 if raw.startswith("half") else 0.75 if raw.startswith("three") else 0.25), False
    if raw in WORD_NUMBERS:
        return float(WORD_NUMBERS[raw]), False
    if raw[:1].isalpha() and (spelled := _spelled_value(raw)) is not None:
        return spelled, False
    if (sci := _TIMES_TEN.fullmatch(raw)) is not None:
        power = sci.group(2) or sci.group(3)
        return float(sci.group(1)) * 10.0 ** int(power.replace("−", "-")), False
    if "-" in raw and all(p in WORD_NUMBERS for p in raw.split("-")):
        tens, unit = raw.split("-")
        return float(WORD_NUMBERS[tens] + WORD_NUMBERS[unit]), False
    if raw[-1:] in VULGAR:
        whole = raw[:-1].strip()
        return (float(whole) if whole else 0.0) + VULGAR[raw[-1]], False
    if "/" in raw:
        whole, _, frac = raw.rpartition(" ")
        top, bottom = frac.split("/")
        return (float(whole) if whole else 0.0) + int(top) / int(bottom), False
    if _DECIMAL_COMMA.fullmatch(raw):
        return float(raw.replace(",", ".")), False  # "2,5 trillion" (a decimal comma)
    try:
        return float(raw.replace(", ", "").replace(",", "")), False  # "80, 000" (tokenised)
    except ValueError:
        return None, False


SCALES.update({"lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "crore": 1e7, "crores": 1e7,
               "dozen": 12.0})


def scale_of(word: str | None) -> float:
    """Multiplier of a scale word or words ("hundred million" = 1e8); 1 when there is none."""
    if not word:
        return 1.0
    factor = 1.0
    for part in word.strip().lower().lstrip("-").split():
        factor *= SCALES.get(part.rstrip("."), 1.0)
    return factor
