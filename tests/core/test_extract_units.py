"""Quantities, round 2 of issue 13: scientific and technical units, compound units, bare
numbers, spelled-out compounds, scaled currency codes, signs, lists, in sentences written
for these tests."""

from __future__ import annotations

import pytest

from scoda_desktop.core.extract import build_series, extract_metrics


def figures(text: str) -> list[tuple[str, str, float | None, str]]:
    """(kind, text, value, unit) of every figure but dates."""
    return [(m.kind, m.text, m.value, m.unit) for m in extract_metrics(text) if m.kind != "date"]


def one(text: str):
    found = [m for m in extract_metrics(text) if m.kind != "date"]
    assert len(found) == 1, [(m.kind, m.text) for m in found]
    return found[0]


@pytest.mark.parametrize(("text", "raw", "kind", "value", "unit"), [
    ("The collider ran at 6.8 TeV all summer.", "6.8 TeV", "measure", 6.8 * 1.602176634e-7, "J"),
    ("Each detector logged 140 fb-1 of collisions.", "140 fb-1", "measure", 140.0, "fb-1"),
    ("Keep the tyres at 35 psi.", "35 psi", "measure", 35 * 6894.757, "Pa"),
    ("The turbine turns at 3,000 rpm.", "3,000 rpm", "measure", 3000.0, "rpm"),
    ("The drill is 95 dB loud.", "95 dB", "measure", 95.0, "dB"),
    ("The phone has a 4,500mAh battery.", "4,500mAh", "measure", 4.5, "Ah"),
    ("A bar has 250 calories.", "250 calories", "measure", 250 * 4184.0, "J"),
    ("The line carries 400 kV.", "400 kV", "measure", 4e5, "V"),
    ("The chip runs at 3.2 GHz.", "3.2 GHz", "frequency", 3.2e9, "Hz"),
    ("She bought 5kg of rice.", "5kg", "mass", 0.005, "t"),
    ("The ring weighs 2 carats.", "2 carats", "mass", 4e-7, "t"),
    ("The drive holds 2 TiB.", "2 TiB", "data", 2 * 1.099511627776e3, "GB"),
    ("The link moved 8 Gb in total.", "8 Gb", "data", 1.0, "GB"),
    ("The comet came within 1.5 AU.", "1.5 AU", "length", 1.5 * 1.495978707e11, "m"),
    ("The star is 4.2 light-years away.", "4.2 light-years", "length", 4.2 * 9.4607304725808e15,
     "m"),
    ("The reserve covers 12 km².", "12 km²", "area", 1.2e7, "m2"),
    ("The farm spans 1,000 acres.", "1,000 acres", "area", 4046856.4, "m2"),
    ("The tank holds 20 gallons.", "20 gallons", "volume", 0.0757082, "m3"),
    ("The field pumps 500,000 bpd.", "500,000 bpd", "oil", 5e5, "bbl/day"),
    ("The plant will make 5 mtpa of LNG.", "5 mtpa", "mass", 5e6, "t/year"),
    ("The door is 2 in thick.", "2 in", "length", 0.0508, "m"),
])
def test_scientific_and_technical_units_are_normalised(text, raw, kind, value, unit) -> None:
    m = one(text)
    assert (m.text, m.kind, m.unit) == (raw, kind, unit)
    assert m.value == pytest.approx(value, rel=1e-4)


@pytest.mark.parametrize(("text", "raw", "kind", "value", "unit"), [
    ("It falls at 9.8 m/s² near the ground.", "9.8 m/s²", "measure", 9.8, "m/s2"),
    ("The river carries 5 mg/L of lead.", "5 mg/L", "measure", 5e-6, "t/m3"),
    ("The roof bears 3 kg per m2 of snow.", "3 kg per m2", "measure", 0.003, "t/m2"),
    ("Winds reached 120 kilometres an hour.", "120 kilometres an hour", "speed", 120.0, "km/h"),
    ("The mine yields 20 t/yr of copper.", "20 t/yr", "mass", 20.0, "t/year"),
])
def test_compound_units_keep_both_parts(text, raw, kind, value, unit) -> None:
    m = one(text)
    assert (m.text, m.kind, m.unit) == (raw, kind, unit)
    assert m.value == pytest.approx(value, rel=1e-6)


def test_temperatures_written_tight_or_with_minus() -> None:
    assert figures("It was -5C at dawn, 95F by noon and minus 12 degrees Celsius at night.") == [
        ("temperature", "-5C", -5.0, "°C"), ("temperature", "95F", 95.0, "°F"),
        ("temperature", "minus 12 degrees Celsius", -12.0, "°C")]
    assert figures("The iPhone 5C sold well.") == []  # a model, not a temperature


def test_ages_in_clinical_shorthand_and_hyphenated() -> None:
    m = one("The patient is a 67 yo woman.")
    assert (m.kind, m.value, m.unit, m.measures) == ("duration", 67.0, "year", "age")
    assert one("A 45-year-old man was arrested.").measures == "age"


def test_spelled_out_compounds_are_one_number() -> None:
    assert [(m.text, m.value) for m in extract_metrics(
        "She wrote one hundred and two letters to twenty five hundred readers.")] == [
        ("one hundred and two letters", 102.0), ("twenty five hundred readers", 2500.0)]
    m = one("He counted three million, two hundred and forty, and stopped.")
    assert (m.kind, m.value) == ("number", 3000240.0)


def test_scientific_notation() -> None:
    m = one("The probe travelled 1.5e6 km.")
    assert (m.kind, m.value) == ("length", pytest.approx(1.5e9))
    assert one("A charge of 1.6 × 10^-19 coulombs.").value == pytest.approx(1.6e-19)


def test_scaled_currency_codes_and_signs() -> None:
    assert figures("Sales rose to 120 MEUR and costs to MAUD 60.") == [
        ("money", "120 MEUR", 1.2e8, "EUR"), ("money", "MAUD 60", 6e7, "AUD")]
    assert figures("Margins were -15€ a unit.")[0][2] == -15.0
    assert one("The annual result is ($99.99).").value == -99.99  # an accounting negative
    # A bracketed amount after a name is a conversion, not a negative.
    assert one("Trade with China ($3.5 trillion) grew.").value == 3.5e12


def test_list_items_share_the_unit_of_the_last_one() -> None:
    assert figures("Doses of 45 and 50 mg were given.") == [
        ("mass", "45", pytest.approx(4.5e-8), "t"), ("mass", "50 mg", pytest.approx(5e-8), "t")]
    assert [f[2] for f in figures("Rates of 3, 4 or 5 percent.")] == [3.0, 4.0, 5.0]
    # "and" makes a range only after "between".
    assert [f[1] for f in figures("It has 400 ha and 1,000 acres.")] == ["400 ha", "1,000 acres"]
    m = one("It weighs between 5 and 10 kg.")
    assert (m.value, m.high) == (pytest.approx(0.005), pytest.approx(0.01))


def test_basis_points_are_hundredths_of_a_point_and_by_x_to_y_is_no_range() -> None:
    assert figures("The bank raised rates by 25 basis points to 5.25%.") == [
        ("percent", "25 basis points", 0.25, "pp"), ("percent", "5.25%", 5.25, "%")]


@pytest.mark.parametrize(("text", "raw", "value"), [
    ("There are two in my car.", "two", 2.0),
    ("All 70 of us went home.", "70", 70.0),
    ("The cost is $4.25 and 32 is the quantity.", "32", 32.0),
    ("Some 2,500 workers left, while 300 will stay.", "300", 300.0),
])
def test_bare_numbers_are_their_own_kind(text, raw, value) -> None:
    numbers = [m for m in extract_metrics(text) if m.kind == "number"]
    assert [(m.text, m.value, m.unit) for m in numbers] == [(raw, value, "")]


@pytest.mark.parametrize("text", [
    "The train leaves at 10:30 from Platform 4.", "Take exit 436 off highway 35.",
    "The meeting is at 2 pm.", "He flew a Boeing 737 to Route 66.", "It rose on may 19.",
    "Losses reached 1.6 billion last year.", "The 486 chip was fast.", "See item (3) below.",
    "One of them left.", "It cost 10 $ 30 $ in all.",
])
def test_numbers_that_name_or_time_something_are_not_bare_numbers(text) -> None:
    assert [m.text for m in extract_metrics(text) if m.kind == "number"] == [], text


def test_bare_numbers_and_unnamed_measures_stay_out_of_series() -> None:
    items = []
    for i, day in enumerate(("2024-01-01", "2024-02-01", "2024-03-01")):
        text = f"There were {10 + i} in the hall. The pump runs at {3000 + i} rpm."
        items += [(f"d{i}", "t", day, m) for m in extract_metrics(text)]
    assert {m.kind for *_, m in items} == {"number", "measure"}
    assert build_series(items) == []
