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
_WORDS = "|".join(sorted((w for w in WORD_NUMBERS if w not in ("a", "an")), key=len,
                         reverse=True))
# Digits with thousands separators (also malformed ones, flagged later), decimals, words.
NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3,4}})+(?:\.\d+)?|\d+(?:\.\d+)?|(?:{_WORDS})\b)"
_MALFORMED_GROUPING = re.compile(r",\d{4}")


def parse_number(text: str) -> tuple[float | None, bool]:
    """(value, malformed). Malformed groupings such as "5,0000" give (None, True)."""
    raw = text.strip().lower()
    if _MALFORMED_GROUPING.search(raw):
        return None, True
    if raw in WORD_NUMBERS:
        return float(WORD_NUMBERS[raw]), False
    try:
        return float(raw.replace(",", "")), False
    except ValueError:
        return None, False


def scale_of(word: str | None) -> float:
    """Multiplier of a scale word; 1 when there is none."""
    if not word:
        return 1.0
    return SCALES.get(word.strip().lower().rstrip("."), 1.0)
