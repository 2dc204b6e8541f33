"""Property tests: extraction never raises and offsets always slice to the mention."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from scoda_desktop.core.extract import extract
from scoda_desktop.core.extract.entities import RuleEntityExtractor
from scoda_desktop.core.extract.metrics import extract_metrics as raw_metrics

RULES = RuleEntityExtractor()

PIECES = st.sampled_from([
    "over", "$", "US$", "3.5", "5,0000", "billion", "yuan", "(", ")", "($2.9 billion)",
    "percent", "%", "-fold", "Jia Shaoqian,", "an official", "said", "SCO", "(SCO)",
    "Group", "Park", "of the", "June 20", "this year", "2023", "2.0", "18th", "one-stop",
    "\n\n", ".", " ", "MW", "TEUs", "China-SCO", "Xi'an", "’s", "Ü", "ünïcode", "\u00a0",
])
TEXT = st.one_of(st.text(max_size=300),
                 st.lists(PIECES, max_size=60).map(" ".join),
                 st.lists(PIECES, max_size=60).map("".join))


@settings(max_examples=150, deadline=None)
@given(TEXT, st.one_of(st.none(), st.sampled_from(["2024-07-05", "bad-date", "2023-02-29"])))
def test_extract_never_raises_and_offsets_slice(text: str, doc_date: str | None) -> None:
    # The rules themselves, not only the public wrapper that guards against their failures.
    entities = RULES.extract(text)
    metrics = raw_metrics(text, doc_date=doc_date)
    assert extract(text, doc_date=doc_date) == (entities, metrics)
    for item in (*entities, *metrics):
        assert 0 <= item.start <= item.end <= len(text)
        assert text[item.start:item.end] == item.text


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 300), st.integers(1, 20)), max_size=60),
       st.lists(st.tuples(st.integers(0, 300), st.integers(1, 20)), max_size=30))
def test_taken_spans_answer_overlaps_like_a_scan(claims, probes):
    from scoda_desktop.core.extract.text import Taken

    taken, kept = Taken(), []
    for start, length in claims:  # claim like the extractors do: only what is still free
        end = start + length
        scan = any(a < end and start < b for a, b in kept)
        assert taken.overlaps(start, end) == scan
        if not scan:
            taken.add(start, end)
            kept.append((start, end))
    for start, length in probes:
        end = start + length
        assert taken.overlaps(start, end) == any(a < end and start < b for a, b in kept)
