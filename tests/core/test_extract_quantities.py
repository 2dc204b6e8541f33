"""Quantities of issue 13: foreign currencies, rates, ranges, earlier values, folds, counts,
physical measures and durations, in sentences written for these tests."""

from __future__ import annotations

import pytest

from scoda_desktop.core.documents import Metric
from scoda_desktop.core.extract import extract_metrics


def only(sentence: str, **expected: object) -> Metric:
    """The one figure of ``sentence`` (dates aside), checked against ``expected`` fields."""
    found = [m for m in extract_metrics(sentence) if m.kind != "date"]
    assert len(found) == 1, [(m.text, m.kind) for m in found]
    m = found[0]
    for name, value in expected.items():
        got = getattr(m, name)
        if isinstance(value, float):
            assert got == pytest.approx(value, rel=1e-6), (name, got)
        else:
            assert got == value, (name, got)
    return m


@pytest.mark.parametrize(("text", "raw", "value", "code"), [
    ("Ottawa pledged 7.2 million Canadian dollars to the port.",
     "7.2 million Canadian dollars", 7.2e6, "CAD"),
    ("Tickets cost $US40 at the gate.", "$US40", 40.0, "USD"),
    ("The state approved Rs 900 crore for the corridor.", "Rs 900 crore", 9e9, "INR"),
    ("Delhi set aside 35 lakh rupees for repairs.", "35 lakh rupees", 3.5e6, "INR"),
    ("Lenders signed off on a $4-billion refinancing.", "$4-billion", 4e9, "USD"),
    ("Bilateral trade hit 12.7 billion U.S. dollars last year.",
     "12.7 billion U.S. dollars", 12.7e9, "USD"),
    ("Canberra will spend A$3 billion on the rail link.", "A$3 billion", 3e9, "AUD"),
    ("The bank lent 400 million Hong Kong dollars.", "400 million Hong Kong dollars", 4e8, "HKD"),
    ("The ferry fare rose to 15 €.", "15 €", 15.0, "EUR"),
    ("Profit fell to 361 million pounds.", "361 million pounds", 3.61e8, "GBP"),
    ("Shares closed 50 cents higher.", "50 cents", 0.5, "USD"),
    ("Kyrgyzstan received 2 billion Russian rubles in aid.", "2 billion Russian rubles", 2e9,
     "RUB"),
    ("Its valuation reached $2.1T on Friday.", "$2.1T", 2.1e12, "USD"),
    ("She paid with a 100-yuan note.", "100-yuan", 100.0, "CNY"),
    ("The talks stalled on 3 billion Swiss francs.", "3 billion Swiss francs", 3e9, "CHF"),
])
def test_currencies_keep_their_country(text: str, raw: str, value: float, code: str) -> None:
    only(text, text=raw, kind="money", value=value, unit=code, currency=code)


def test_a_weight_in_pounds_is_no_money() -> None:
    only("The parcel weighs two pounds.", kind="mass", unit="t", value=2 * 0.000453592)


def test_a_before_a_dollar_sign_is_no_australian_dollar() -> None:
    only("They agreed a $5 million settlement.", unit="USD", text="$5 million")


@pytest.mark.parametrize(("text", "unit", "per", "value"), [
    ("Brent traded at $81.10 per barrel on Monday.", "USD/barrel", "barrel", 81.1),
    ("The board offered $70-a-share in cash.", "USD/share", "share", 70.0),
    ("Rice sold for 3,200 yuan a tonne.", "CNY/t", "t", 3200.0),
    ("The pipeline carries 500,000 barrels a day.", "bbl/day", "day", 5e5),
])
def test_rates_keep_their_per(text: str, unit: str, per: str, value: float) -> None:
    only(text, unit=unit, per=per, value=value)


def test_a_year_earlier_is_no_rate() -> None:
    only("Sales were $1.2 billion a year earlier.", unit="USD", per=None)


@pytest.mark.parametrize(("text", "low", "high", "unit"), [
    ("Inflation will stay between 3 and 7 percent.", 3.0, 7.0, "%"),
    ("Growth of 3% to 5% is expected.", 3.0, 5.0, "%"),
    ("Fares cost $10-12 million per route.", 10e6, 12e6, "USD/route"),
    ("The dam is 40 to 50 metres high.", 40.0, 50.0, "m"),
])
def test_ranges_keep_both_ends(text: str, low: float, high: float, unit: str) -> None:
    m = only(text, unit=unit)
    assert (m.value, m.high) == (pytest.approx(low), pytest.approx(high))


@pytest.mark.parametrize(("text", "value", "previous"), [
    ("The port now serves 450 routes, up from 412 in 2022.", 450.0, 412.0),
    ("Exports were $3 billion, down from $3.4 billion.", 3e9, 3.4e9),
    ("Unemployment rose from 4.1% to 4.6% in March.", 4.6, 4.1),
    ("Output reached 3.1 million tonnes, compared with 2.8 million.", 3.1e6, 2.8e6),
])
def test_previous_values_are_kept(text: str, value: float, previous: float) -> None:
    only(text, value=value, previous=previous)


def test_a_year_after_compared_with_is_a_period_not_a_value() -> None:
    only("Imports were 12 percent higher compared with 2023.", previous=None)


@pytest.mark.parametrize(("text", "value"), [
    ("Container traffic grew fourfold in a decade.", 4.0),
    ("Investment rose 28-fold.", 28.0),
    ("Freight rates are ten-fold what they were.", 10.0),
])
def test_folds(text: str, value: float) -> None:
    figures = [m for m in extract_metrics(text) if m.kind == "multiplier"]
    assert [(m.value, m.unit) for m in figures] == [(value, "x")]


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("The app has 35m users in Asia.", 35e6, "users"),
    ("The bloc is home to 4 hundred million people.", 4e8, "people"),
    ("Two dozen ships waited outside the harbour.", 24.0, "ships"),
    ("Half a million tourists came.", 5e5, "tourists"),
    ("Only one consultant was hired.", 1.0, "consultant"),
])
def test_counts(text: str, value: float, unit: str) -> None:
    only(text, kind="count", value=value, unit=unit)


@pytest.mark.parametrize(("text", "kind", "value", "unit"), [
    ("The railway runs 4,000 km across the steppe.", "length", 4e6, "m"),
    ("The convoy drove 300 miles overnight.", "length", 300 * 1609.344, "m"),
    ("A 27-kilometre tunnel opens next year.", "length", 27000.0, "m"),
    ("Each crate holds 20 kg of tea.", "mass", 0.02, "t"),
    ("The farm covers 1,200 hectares.", "area", 1.2e7, "m2"),
    ("The warehouse has 190,000 square metres of floor.", "area", 1.9e5, "m2"),
    ("Trains reach 350 km/h on the line.", "speed", 350.0, "km/h"),
    ("The truck was doing 70 mph.", "speed", 70 * 1.609344, "km/h"),
    ("Each phone stores 128 GB.", "data", 128.0, "GB"),
    ("The engine delivers 600 hp.", "power", 600 * 0.0007457, "MW"),
    ("Reserves stand at 2.5 billion barrels.", "oil", 2.5e9, "bbl"),
    ("The wind farm will have 3.5 gigawatts.", "power", 3500.0, "MW"),
    ("The terminal handled 1.2 million TEU.", "containers", 1.2e6, "TEU"),
    ("The plant made 8,000 tonnes of steel.", "mass", 8000.0, "t"),
    ("The plant generates 12 TWh a year.", "energy", 12e6, "MWh/year"),
    ("Nights fell to minus 30 degrees Celsius.", "temperature", -30.0, "°C"),
    ("It was 98.6 degrees Fahrenheit.", "temperature", 98.6, "°F"),
])
def test_physical_measures_are_normalised(text: str, kind: str, value: float, unit: str) -> None:
    m = only(text, kind=kind, unit=unit)
    assert m.value == pytest.approx(value, rel=1e-4)


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("The plan runs for three years.", 3.0, "year"),
    ("It launched a 14-day service to Europe.", 14.0, "day"),
    ("She is 29 years old.", 29.0, "year"),
    ("Talks lasted six hours.", 6.0, "hour"),
])
def test_durations_are_their_own_kind(text: str, value: float, unit: str) -> None:
    only(text, kind="duration", value=value, unit=unit)


@pytest.mark.parametrize("text", [
    "The 2023 SCO Expo opened.", "Platform 2.0 went live.", "It is the 18th forum.",
    "A one-stop service opened.", "He was 5G ready.", "Call 24/7 for help.",
    "The COVID-19 rules ended.", "In 2013-14 nothing changed.",
    "The 5 m tall statue", "At one point talks stalled.",
])
def test_things_that_are_not_new_kinds(text: str) -> None:
    # Earlier behaviour kept: none of these is a money, rate or count figure.
    kinds = {m.kind for m in extract_metrics(text)}
    assert not kinds & {"money", "count", "percent", "multiplier"}, text


def test_a_metre_figure_is_length_not_millions() -> None:
    only("The statue is 5 m tall.", kind="length", value=5.0, unit="m")


def test_new_fields_survive_a_json_round_trip() -> None:
    [m] = extract_metrics("Brent rose to $81.10 per barrel, up from $79.")
    again = Metric(**m.to_json())
    assert again == m
    assert (again.currency, again.per, again.previous) == ("USD", "barrel", 79.0)
    old = {k: v for k, v in m.to_json().items()
           if k not in ("currency", "per", "high", "previous", "subject")}
    assert Metric(**old).currency is None  # metrics stored by an older version still load


def test_text_whose_lower_case_is_longer_still_gives_every_figure() -> None:
    # "İ" lower-cases to two characters: the scan must not use shifted offsets.
    text = "Half of the İstanbul firms left; Two ports in İstanbul added 3 km of quays."
    assert [(m.kind, m.text) for m in extract_metrics(text)] == [
        ("share", "Half of the İstanbul firms left"), ("count", "Two ports"),
        ("length", "3 km")]
