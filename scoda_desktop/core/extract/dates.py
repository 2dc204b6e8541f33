"""Calendar dates in article text, and the period ("2022", "2019-2024") a sentence states.

Why the publication date matters: news omits the year ("On June 20", "April 28 this year");
the article's own date supplies it, and a date later than publication means the year before.
Bare years are not reported as dates: they are the period of the figures around them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from scoda_desktop.core.extract.names import MONTHS

# Only an abbreviation takes a dot ("Sept. 12"); after a full name it ends the sentence.
_FULL_MONTHS = {"May", "June", "July"}
_MONTH = r"(?:" + "|".join(
    re.escape(m) + (r"\.?" if len(m) <= 4 and m not in _FULL_MONTHS else "")
    for m in sorted(MONTHS, key=len, reverse=True)) + r")"
_DAY = r"(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_ONE = (
    rf"(?:{_DAY} {_MONTH},? {_YEAR}|{_MONTH} {_DAY},? {_YEAR}|{_MONTH} {_DAY}(?: this year| last"
    rf" year)?|{_DAY} {_MONTH}(?: this year| last year)?|{_MONTH},? {_YEAR})"
)
DATE_RE = re.compile(rf"(?<![\w-])({_ONE})(?: (?:and|to|-|–) ({_ONE}))?(?![\w-])")
_PARTS = re.compile(rf"({_MONTH})|({_YEAR})|\b(\d{{1,2}})(?:st|nd|rd|th)?\b|(this|last) year")
# "BEIJING, July 5, 2024 /PRNewswire/ --", "BEIJING, (APP - ... - 9th Mar, 2025)".
DATELINE_RE = re.compile(r"^[A-Z][A-Z .'-]{2,40},[^\n]{0,120}?(?:/ --|/ —|--|—|\) )")
# ``(?<![\w,.-])({_YEAR})(?![\w.-]| [A-Z])`` with the look back after the first digit, so the
# engine skips to the digits 1 and 2 in C (3x faster; the same matches and groups:
# tests/core/test_extract_fast_forms.py holds the two forms equal).
YEAR_RE = re.compile(r"((?:1(?<![\w,.-]1)[89]|2(?<![\w,.-]2)0)\d\d)(?![\w.-]| [A-Z])")
# Where a date can start (one character is consumed, the rest is looked at): a day before a
# month ("5 May", "31st Dec") or the first three letters of a month, not inside a word.
_DATE_START = re.compile(r"[1-9](?<![\w-].)(?=\d?(?:st|nd|rd|th)? [JFMASOND])"
                         r"|[JFMASOND](?<![\w-].)(?=an|eb|ar|pr|ay|un|ul|ug|ep|ct|ov|ec)")


_DIGIT = re.compile(r"\d")
_MONTH_YEAR = re.compile(rf"{_MONTH},? {_YEAR}")
_MAY_DAY = re.compile(r"May \d")


def _doc_parts(doc_date: str | None) -> date | None:
    try:
        return date.fromisoformat(doc_date[:10]) if doc_date else None
    except ValueError:
        return None


def _resolve(text: str, doc: date | None) -> str | None:
    month = day = year = None
    relative = None
    for m in _PARTS.finditer(text):
        if m.group(1):
            month = MONTHS[m.group(1).rstrip(".")]
        elif m.group(2):
            year = int(m.group(2))
        elif m.group(3):
            day = int(m.group(3))
        elif m.group(4):
            relative = m.group(4)
    if month is None:
        return None
    if year is None:
        if doc is None:
            return f"--{month:02d}-{day:02d}" if day else None
        year = doc.year - (1 if relative == "last" else 0)
        if relative is None and day and (month, day) > (doc.month, doc.day):
            year -= 1  # a date after publication is last year's
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def find_dates(text: str, doc_date: str | None) -> list[tuple[int, int, str]]:
    """(start, end, ISO value) of full dates; "Aug 31 and Sept 1" -> "2025-08-31/2025-09-01".

    A month alone or "May this year" is a period, not a date; dateline dates are the
    article's own date, not a reported one.
    """
    doc = _doc_parts(doc_date)
    dateline = DATELINE_RE.match(text)
    skip_to = dateline.end() if dateline else 0
    out: list[tuple[int, int, str]] = []
    for m in _date_matches(text):
        if m.start() < skip_to:
            continue
        first = m.group(1)
        if not _DIGIT.search(first) or (_MONTH_YEAR.fullmatch(first)
                                        and first.startswith("May,")):
            continue
        if first.startswith("May") and not _MAY_DAY.match(first):
            continue
        value = _resolve(first, doc)
        if value is None:
            continue
        if m.group(2):
            second = _resolve(m.group(2), doc)
            if second:
                value = f"{value}/{second}"
        out.append((m.start(), m.end(), value))
    return out


def _date_matches(text: str) -> Iterator[re.Match[str]]:
    """What ``DATE_RE.finditer(text)`` yields, tried only where ``_DATE_START`` says a date
    can start: DATE_RE opens on a look back, which the engine tried at every character
    (3x the time)."""
    pos = 0
    for c in _DATE_START.finditer(text):
        p = c.start()
        if p < pos:
            continue
        m = DATE_RE.match(text, p)
        if m is not None:
            yield m
            pos = m.end()


# "over the past five years", "as of June this year". Each pattern opens on a word boundary,
# which the engine tries at every character; sentence_period runs for every sentence with a
# figure, so each is searched only where a cheaper test of a part it must contain says so.
_PAST_YEARS = re.compile(r"\b(?:over|in|during) the (?:past|last) (\w+) years\b", re.I)
_PAST_YEARS_HINT = re.compile(r"the (?:past|last) ", re.I)
_AS_OF_MONTH = re.compile(rf"\bas of ({_MONTH}) this year\b", re.I)
_THIS_YEAR = re.compile(r"\bthis year\b")


def sentence_period(sentence: str, doc_date: str | None) -> str | None:
    """The period a sentence's figures refer to, when it says so."""
    doc = _doc_parts(doc_date)
    m = _PAST_YEARS.search(sentence) if doc and _PAST_YEARS_HINT.search(sentence) else None
    if m and doc:
        from scoda_desktop.core.extract.numbers import parse_number

        n, _ = parse_number(m.group(1))
        if n:
            return f"{doc.year - int(n)}-{doc.year}"
    m = _AS_OF_MONTH.search(sentence) if doc else None
    if m and doc:
        return f"{doc.year}-{MONTHS[m.group(1).rstrip('.').title()]:02d}"
    years = [y for y in YEAR_RE.findall(sentence)]
    if years:
        return years[0] if len(set(years)) == 1 or "from" not in sentence else years[0]
    if doc and "this year" in sentence and _THIS_YEAR.search(sentence):
        return str(doc.year)
    return None
