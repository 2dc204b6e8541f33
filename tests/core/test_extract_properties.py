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
    # issue 13 forms
    "Canadian dollars", "$US", "Rs", "crore", "lakh", "-billion", "per", "barrel", "a-share",
    "between", "and", "to", "up from", "compared with", "fourfold", "dozen", "hundred", "35m",
    "km", "miles", "kg", "hectares", "square metres", "mph", "GB", "hp", "°C", "degrees",
    "minus", "-", "years old", "14-day", "1/2", "½", "cents", "€", "aged", "one",
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


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 10**12))
def test_grouped_digits_parse_to_their_value(n: int) -> None:
    from scoda_desktop.core.extract.numbers import parse_number

    assert parse_number(f"{n:,}") == (float(n), False)
    assert parse_number(str(n)) == (float(n), False)


UNITS = st.sampled_from([("km", "length", 1e3), ("miles", "length", 1609.344),
                         ("kg", "mass", 1e-3), ("hectares", "area", 1e4),
                         ("mph", "speed", 1.609344), ("GB", "data", 1.0),
                         ("barrels", "oil", 1.0), ("megawatts", "power", 1.0)])


@settings(max_examples=200, deadline=None)
@given(st.integers(2, 10**7), UNITS)
def test_a_number_and_a_unit_give_one_normalised_measure(n: int, unit) -> None:
    word, kind, factor = unit
    text = f"The site reported {n:,} {word} last month."
    [m] = [m for m in raw_metrics(text) if m.kind != "date"]
    assert (m.kind, m.text) == (kind, f"{n:,} {word}")
    assert abs(m.value - n * factor) <= 1e-9 * n * factor


CURRENCIES = st.sampled_from([("{} Canadian dollars", "CAD"), ("US${}", "USD"),
                              ("Rs {}", "INR"), ("{} yuan", "CNY"), ("€{}", "EUR"),
                              ("{} Australian dollars", "AUD"), ("{} U.S. dollars", "USD")])


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 10**9), st.sampled_from(["", " million", " billion"]), CURRENCIES)
def test_money_keeps_value_scale_and_currency(n: int, scale: str, form) -> None:
    pattern, code = form
    amount = f"{n:,}{scale}"
    text = "Officials said the fund holds " + pattern.format(amount) + " now."
    [m] = [m for m in raw_metrics(text) if m.kind != "date"]
    factor = {"": 1, " million": 1e6, " billion": 1e9}[scale]
    assert (m.kind, m.currency, m.unit) == ("money", code, code)
    assert m.value == n * factor
