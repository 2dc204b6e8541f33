"""The quantity benchmark's scorer: one unit form for all systems, ranges, a missing set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.bench_modules import load_quality

units = load_quality("quantity_units")
bench = load_quality("bench_quantities")


@pytest.mark.parametrize(("ours", "theirs", "value_ours", "value_theirs"), [
    ("m", "kilometre", 4e6, 4000),  # we store metres, quantulum3 says kilometres
    ("t", "kilogram", 0.02, 20),
    ("USD", "dollar", 5.0, 5),
    ("USD", "cent", 0.5, 50),
    ("CAD/share", "canadian dollar per share", 1.34, 1.34),
    ("day", "year of age", 5 * 365.25, 5),
    ("%", "percentage", 15.0, 15),
    ("km/h", "mile per hour", 70 * 1.609344, 70),
    ("people", "person", 100.0, 100),
])
def test_both_systems_units_meet_in_one_form(ours, theirs, value_ours, value_theirs) -> None:
    (k1, f1), (k2, f2) = units.canonical(ours), units.canonical(theirs)
    assert units.same_unit(k2, k1)
    assert value_ours * f1 == pytest.approx(value_theirs * f2, rel=1e-4)


def test_different_units_or_values_do_not_match() -> None:
    gold = bench._q(4000, 4000, "kilometre")
    assert not bench._matches(gold, bench._q(4000, 4000, "mile"))
    assert not bench._matches(gold, bench._q(3.9e6, 3.9e6, "m"))
    assert not bench._matches(bench._q(5, 5, "euro"), bench._q(5, 5, "USD"))


def test_a_range_matches_its_ends_or_its_middle() -> None:
    ours = bench._q(44, 50, "mg")  # "between 44 mg and 50 mg"
    assert bench._matches(bench._q(47, 47, "milligram"), ours)  # quantulum3 gives the middle
    assert bench._matches(bench._q(44, 50, "milligram"), ours)  # CQE gives both ends


def test_scores_count_each_gold_once(tmp_path: Path) -> None:
    folder = tmp_path / "quantities"
    folder.mkdir()
    (folder / "cqe_demo-model.json").write_text(json.dumps([
        {"text": "The line is 4,000 km long and cost $2 billion.",
         "quantities": [{"value": "4000", "normalized_unit": "kilometre"},
                        {"value": "2000000000", "normalized_unit": "dollar"}]},
        {"text": "Nothing to see here.", "quantities": []},
    ]))
    rows = bench.load(tmp_path)["demo"]
    tp, n_pred, n_gold = bench.score(rows, bench.ours)
    assert (tp, n_gold) == (2, 2) and n_pred == 2
    assert bench.prf(tp, n_pred, n_gold) == (1.0, 1.0, 1.0)


def test_a_missing_set_is_skipped_with_a_message(tmp_path: Path, capsys) -> None:
    assert bench.run(tmp_path) == {}
    assert "skipped" in capsys.readouterr().out
