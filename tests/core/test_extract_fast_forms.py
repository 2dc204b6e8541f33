"""The fast forms of the metric and subject rules' scans equal the plain regexes they replace.

Each fast form (a regex rewritten so the engine can skip to its first character in C, or a
cheap scan that tries the full regex only where a match can start) must yield exactly what the
plain form yields: extraction output may not change for speed. Hypothesis draws texts built
from the pieces these patterns react to.
"""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from scoda_desktop.core.extract import dates, subject

PIECES = st.sampled_from([
    "said", "says", "while", "whereas", "and", "And", "unsaid", "saids", "x-said", "awhile",
    "band", "and Li", "and\nLi", ",", ";", ":", "(", ")", "—", "–", "-", "'", "’", ".", "1",
    "2", "19", "1999", "2024", "2099", "20244", "1899", "x2024", ",2024", "-2024", "2024.5",
    "2024 Expo", "May", "June", "Sept.", "Sep", "Jan.", "Dec", "31st", "3rd", "5", "this year",
    "last year", "Qingdao", "Port of Qingdao", "the", "of", "SCO", "A", "a", "Ü", "x", " ",
    "  ", "\n", "\n\n", "O'Neil", "Li's", "&", "D.C.", "bin Salman", "al", "fold", "FOLD",
    "Fold", "fOLd", "ﬀold", "twofold", "f", "old",
])
TEXT = st.one_of(st.text(max_size=120),
                 st.lists(PIECES, max_size=40).map(" ".join),
                 st.lists(PIECES, max_size=40).map("".join))


def _spans(matches) -> list:
    return [(m.span(), m.groups()) for m in matches]


@settings(max_examples=400, deadline=None)
@given(TEXT, st.integers(0, 200), st.integers(0, 200))
@example("Li said, while A and B says: x-said unsaid and Qingdao whereas (x) — y – z", 3, 60)
def test_subject_scans_are_the_plain_regexes(text: str, a: int, b: int) -> None:
    clause = re.compile(r"[,;:()—–]|\bsaid\b|\bsays\b|\bwhile\b|\bwhereas\b|\band\s+(?=[A-Z])")
    name = re.compile(r"(?<![\w'’-])(?:[A-Z][\w&'’.-]*)(?:(?:\s+(?:of|and|for|the|de|du|bin"
                      r"|al|on))*\s+(?:[A-Z][\w&'’.-]*))*")
    lo, hi = min(a, b), max(a, b)
    for plain, fast in ((clause, subject._CLAUSE), (name, subject._NAME)):
        assert _spans(fast.finditer(text)) == _spans(plain.finditer(text))
        assert _spans(fast.finditer(text, lo, hi)) == _spans(plain.finditer(text, lo, hi))
        found, expected = fast.search(text, lo), plain.search(text, lo)
        assert (found and found.span()) == (expected and expected.span())


@settings(max_examples=400, deadline=None)
@given(TEXT)
@example("In 2024, 1999-2024 x2024 ,2024 2024 Expo 2024.5 -2099 1899 20244")
@example("On May 5, 2024 and June 7 2024; 31st Dec, Sept. 3 this year, xMay 5, -3 May")
def test_date_scans_are_the_plain_regexes(text: str) -> None:
    year = re.compile(rf"(?<![\w,.-])({dates._YEAR})(?![\w.-]| [A-Z])")
    assert dates.YEAR_RE.findall(text) == year.findall(text)
    assert _spans(dates._date_matches(text)) == _spans(dates.DATE_RE.finditer(text))


TITLED = st.lists(st.sampled_from([
    "Mr", "Mr.", "Mrs", "Dr.", "President", "president", "Vice President", "Vice-President",
    "Director-General", "Director General", "Secretary-General", "Prime Minister", "CEO",
    "Li", "Wu Bin", "Xi Jinping", "Mr&Mrs", "R&", "O'", "O’", "&", "'", "’", "-", "x",
    "U.S.", "A.", "Presidents", "President's", "King", "Kingdom", "Emirates", " ", "  ",
    "\n", ",", "(", ".",
]), max_size=30)


@settings(max_examples=400, deadline=None)
@given(st.one_of(TITLED.map(" ".join), TITLED.map("".join)))
@example("R&Mr Li, O'President Wu, O’Dr. Bo, U.S.President Xi, Mr&Mrs Li, Vice-President Wu")
def test_title_matches_are_found_where_the_regex_finds_them(text: str) -> None:
    from scoda_desktop.core.extract.people import _TITLE_RE, _title_starts, matches_at
    from scoda_desktop.core.extract.text import tokenize

    found = matches_at(_TITLE_RE, text, _title_starts(tokenize(text), text))
    assert _spans(found) == _spans(_TITLE_RE.finditer(text))


@settings(max_examples=300, deadline=None)
@given(TEXT)
@example("Twofold, FOLD, fOLd, ﬀold, f old")
def test_fold_hint_is_the_plain_regex(text: str) -> None:
    from scoda_desktop.core.extract.metrics import _FOLD_HINT

    assert bool(_FOLD_HINT.search(text)) == bool(re.search(r"(?i)fold", text))
