"""The web-page quality harness runs end to end on a few pages written here (no real set)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.bench_modules import load_quality

ROOT = Path(__file__).resolve().parent.parent

STORY = ("The city council voted on Monday to extend the tram line to the new hospital, after "
         "residents had waited for more than ten years for a direct connection to the centre.")
MORE = ("Construction will begin next spring, and the first trams are expected to run on the "
        "extended line before the end of the following year, the transport office said.")


def _bench():
    return load_quality("bench_web")


def _page(title: str, date: str, body: str) -> str:
    return (f"<html><head><title>{title} | City News</title>"
            f"<meta property='article:published_time' content='{date}T08:00:00+02:00'></head>"
            f"<body><nav><a href='/'>Home</a> <a href='/x'>Imprint</a></nav>"
            f"<article><h1>{title}</h1>{body}</article>"
            f"<footer>Imprint and privacy policy of City News</footer></body></html>")


def _devset(tmp_path: Path) -> Path:
    web = tmp_path / "web"
    (web / "eval").mkdir(parents=True)
    items = {}
    for i, (title, date) in enumerate([("Tram line to the hospital", "2021-05-03"),
                                       ("New stop for the old town", "2022-11-20"),
                                       ("Council approves the budget", "2019-01-15")]):
        name = f"page{i}.html"
        (web / "eval" / name).write_text(_page(title, date, f"<p>{STORY}</p><p>{MORE}</p>"),
                                         encoding="utf-8")
        items[f"https://city.example/{i}"] = {
            "file": name, "with": [STORY[:60], MORE[-50:]],
            "without": ["privacy policy", "Imprint"], "title": title, "date": date}
    (web / "evaldata.json").write_text(json.dumps(items), encoding="utf-8")
    return tmp_path


def test_harness_scores_every_tool_on_the_same_pages(tmp_path, capsys):
    bench = _bench()
    scores = bench.run(_devset(tmp_path))
    printed = capsys.readouterr().out
    ours = scores["SCODA Desktop"]["all"].row()
    assert ours["f1"] == 1.0 and ours["title"] == 1.0 and ours["date"] == 1.0
    assert scores["SCODA Desktop"]["all"].pages == 3
    assert "| SCODA Desktop | 1.000 | 1.000 | 1.000 | 1.000 | 1.000 | 1.000 |" in printed
    halves = scores["SCODA Desktop"]["A"].pages + scores["SCODA Desktop"]["B"].pages
    assert halves == 3


def test_scorer_counts_snippets_like_trafilatura():
    bench = _bench()
    s = bench.Score()
    item = {"with": ["alpha  beta", "gamma"], "without": ["delta"], "title": "T",
            "date": "2020-01-02"}
    s.add_body(item, "alpha beta\n\ndelta")
    s.add_title(item, " t ")
    s.add_date(item, "2020-01-02T10:00")
    row = s.row()
    assert (s.tp, s.fn, s.fp) == (1, 1, 1)
    assert row["precision"] == 0.5 and row["recall"] == 0.5
    assert row["title"] == 1.0 and row["date"] == 1.0


def test_missing_set_is_skipped_with_a_message(tmp_path, capsys):
    assert _bench().run(tmp_path / "nothing") is None
    assert "skipped" in capsys.readouterr().out
