"""The metric ledger: series across the seeds, reversals and conflicts kept visible."""

from __future__ import annotations

import json
from pathlib import Path

from scoda_desktop.core.documents import Metric
from scoda_desktop.core.extract import build_series, extract_metrics, measure_key

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
GOLD_CLEAN = json.loads((FIXTURES / "gold_clean.json").read_text(encoding="utf-8"))
META = json.loads((FIXTURES / "gold_meta.json").read_text(encoding="utf-8"))


def seed_items() -> list[tuple[str, str | None, str, Metric]]:
    items = []
    for doc, clean in sorted(GOLD_CLEAN.items()):
        lines = (ROOT / "seeds" / doc).read_text(encoding="utf-8").splitlines()
        text = "\n\n".join(lines[n - 1] for n in clean["body_line_numbers"])
        date = META[doc]["publication_date"]
        items += [(doc, META[doc]["title"], date, m)
                  for m in extract_metrics(text, doc_date=date)]
    return items


def test_freight_train_routes_series_flags_the_reversal() -> None:
    series = {(s.measure, s.unit): s for s in build_series(seed_items())}
    routes = series[("freight train routes", "routes")]
    assert [(p["date"], p["value"]) for p in routes.points] == [
        ("2023-07-04", 31.0), ("2023-12-31", 21.0), ("2024-07-05", 32.0)]
    assert [p["doc"][:3] for p in routes.points] == ["003", "004", "001"]
    [reversal] = routes.conflicts
    assert reversal["type"] == "reversal" and reversal["values"] == [31.0, 21.0]
    assert "21" in reversal["message"]
    data = routes.to_json()
    assert {"measure", "unit", "subject", "period", "label", "points", "conflicts"} == set(data)
    assert {"date", "value", "doc", "text"} <= set(data["points"][0])


def test_platform_enterprises_group_across_documents_but_not_with_the_expo() -> None:
    series = {(s.measure, s.unit): s for s in build_series(seed_items())}
    platform = series[("enterprises on the platform", "enterprises")]
    assert [p["value"] for p in platform.points] == [5000.0, 14000.0]
    assert platform.conflicts == []
    assert all(len({p["doc"] for p in s.points}) >= 2 for s in series.values())


def test_measure_key_groups_route_wordings() -> None:
    keys = {measure_key(m) for m in extract_metrics(
        "It opened 32 freight train routes. It launched 31 regular international railway "
        "routes. It has 21 international freight train routes.")}
    assert keys == {"freight train routes"}


def test_same_date_disagreement_is_a_conflict() -> None:
    a = Metric("40 parks", "count", 40.0, "parks", measures="parks")
    b = Metric("45 parks", "count", 45.0, "parks", measures="parks")
    [s] = build_series([("d1", None, "2024-01-01", a), ("d2", None, "2024-01-01", b)])
    assert [c["type"] for c in s.conflicts] == ["conflict"]
    assert build_series([("d1", None, "2024-01-01", a), ("d1", None, "2024-02-01", b)]) == []


def docs_items(*docs: tuple[str, str, str]) -> list[tuple[str, str | None, str, Metric]]:
    """(doc id, date, text) -> ledger items, extracted as an import would."""
    return [(doc, None, date, m) for doc, date, text in docs
            for m in extract_metrics(text, doc_date=date)]


def test_capacities_of_different_plants_are_different_series_without_conflict() -> None:
    items = docs_items(
        ("a", "2024-03-01", "The Zhanatas wind farm has a capacity of 74 megawatts."),
        ("b", "2024-03-01", "The Ekibastuz plant has a capacity of 3.5 gigawatts."),
        ("c", "2024-06-01", "The Zhanatas wind farm now has a capacity of 100 megawatts."),
        ("d", "2024-06-01", "The Ekibastuz plant has a capacity of 4 gigawatts."))
    series = build_series(items)
    assert {s.subject for s in series} == {"Zhanatas", "Ekibastuz"}
    assert all(s.conflicts == [] for s in series)
    assert {s.subject: [p["value"] for p in s.points] for s in series} == {
        "Zhanatas": [74.0, 100.0], "Ekibastuz": [3500.0, 4000.0]}


def test_a_disagreement_within_one_subject_is_still_a_conflict() -> None:
    items = docs_items(
        ("a", "2024-03-01", "Qingdao port opened 40 container routes."),
        ("b", "2024-03-01", "Qingdao port opened 52 container routes."),
        ("c", "2024-03-01", "SCODA opened 12 container routes."),
        ("d", "2024-05-01", "SCODA opened 14 container routes."))
    series = {s.subject: s for s in build_series(items)}
    assert [c["type"] for c in series["Qingdao"].conflicts] == ["conflict"]
    assert series["SCODA"].conflicts == []


def test_a_total_over_years_is_not_a_point_of_the_yearly_series() -> None:
    items = docs_items(
        ("a", "2023-02-01", "Trade volume reached 30 billion yuan in 2022."),
        ("b", "2024-02-01", "Trade volume reached 36 billion yuan in 2023."),
        ("c", "2024-07-05", "Over the past five years trade volume reached 120 billion yuan."),
        ("d", "2025-07-05", "Over the past five years trade volume reached 150 billion yuan."))
    periods = {s.period: [p["value"] for p in s.points] for s in build_series(items)}
    assert periods == {"point": [30e9, 36e9], "span": [120e9, 150e9]}


def test_figures_that_say_over_or_about_do_not_contradict() -> None:
    items = docs_items(("a", "2024-01-01", "SCODA has over 3,000 member firms."),
                       ("b", "2024-01-01", "SCODA has 3,200 member firms."),
                       ("c", "2024-01-01", "SCODA has about 3,100 member firms."))
    [s] = build_series(items)
    assert s.conflicts == [] and len(s.points) == 3


def test_durations_stay_out_unless_they_are_the_measure() -> None:
    items = docs_items(("a", "2024-01-01", "It launched a 14-day service to Almaty."),
                       ("b", "2024-02-01", "It launched a 12-day service to Almaty."),
                       ("c", "2024-01-01", "The transit time of 14 days was halved."),
                       ("d", "2024-02-01", "The transit time of 12 days is now normal."))
    assert [(s.measure, s.unit) for s in build_series(items)] == [("transit time", "day")]


def test_series_with_most_points_come_first_and_follow_the_subset_given() -> None:
    routes = [(f"r{i}", "2024-01-0" + str(i), f"SCODA runs {30 + i} freight train routes.")
              for i in range(1, 5)]
    parks = [(f"p{i}", "2024-01-0" + str(i), f"SCODA has {10 + i} industrial parks.")
             for i in range(1, 3)]
    items = docs_items(*parks, *routes)
    assert [s.measure for s in build_series(items)] == ["freight train routes",
                                                        "industrial parks"]
    subset = [it for it in items if it[0] in {"p1", "p2", "r1"}]
    assert [s.measure for s in build_series(subset)] == ["industrial parks"]
    assert build_series(subset)[0].label == "industrial parks — SCODA (parks)"
