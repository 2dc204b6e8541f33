"""Publication dates in the forms news sites write them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoda_desktop.core.ingest import parse_date


@pytest.mark.parametrize("text, iso", [
    (" date 2025-03-09 SCO Demonstration Area", "2025-03-09"),
    ("Fahad Shabbir (@FahadShabbir) Published March 09, 2025 | 12:20 PM", "2025-03-09T12:20"),
    ("2024/7/5 5:31:20", "2024-07-05T05:31:20"),
    ("By X | China Daily Global | Updated: 2025-09-16 08:12", "2025-09-16T08:12"),
    ("BEIJING, July 4, 2023 /PRNewswire/ -- A report", "2023-07-04"),
    ("2023-12-31 16:40:44 admin source: share:", "2023-12-31T16:40:44"),
    ("2025-03-09T12:20:00Z", "2025-03-09T12:20:00"),
    ("2025-03-09T04:20:00+08:00", "2025-03-09T04:20:00"),
    ("09 Mar 2025", "2025-03-09"),
    ("Mar. 9, 2025", "2025-03-09"),
    ("Sept. 1, 2025, 12:05 AM", "2025-09-01T00:05"),
    ("2025年3月9日", "2025-03-09"),
    ("2025年3月9日 10:30 来源：青岛日报", "2025-03-09T10:30"),
    ("Sun, 09 Mar 2025 12:20:00 +0000", "2025-03-09T12:20:00"),
    ("BEIJING, (APP - UrduPoint - 9th Mar, 2025)", "2025-03-09"),
    ("09.03.2025", "2025-03-09"),
    ("25/12/2024", "2024-12-25"),
    ("MARCH 9 2025", "2025-03-09"),
])
def test_formats(text, iso):
    found = parse_date(text)
    assert found is not None and found[0] == iso
    assert found[1] in text  # the original words, as the site wrote them


@pytest.mark.parametrize("text", ["2023-02-29", "May 2025", "5,0000 jobs", "13:00", "", "2025"])
def test_not_dates(text):
    assert parse_date(text) is None


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), st.from_regex(r"[0-9年月日/:.\- APMap|,T]{0,40}")))
def test_parse_date_never_raises(text):
    found = parse_date(text)
    assert found is None or (len(found[0]) >= 10 and found[1] in text)


def test_every_date_pattern_needs_a_year():
    """``search_date`` skips a text with no "19xx"/"20xx" before trying its patterns: a
    pattern added without a year would silently never match."""
    from scoda_desktop.core.ingest.dates import _ANY_YEAR_RE, _PATTERNS

    for pattern in _PATTERNS:
        assert "(?:19|20)\\d\\d" in pattern.pattern, pattern.pattern
    assert _ANY_YEAR_RE.search("Updated 2025-03-09") and not _ANY_YEAR_RE.search("March 9")
    assert parse_date("9 March 2025") == ("2025-03-09", "9 March 2025")
