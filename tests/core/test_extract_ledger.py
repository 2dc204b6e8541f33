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
