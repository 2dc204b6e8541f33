"""The index/search/show/export/stats commands, through cli.main with a temporary data dir."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import pytest

from scoda_desktop.cli import main
from tests.core.corpus_fixtures import ROOT


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("cli-data")


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_first_start_search_indexes_the_seeds_by_itself(tmp_path):
    # a fresh process on an empty data dir, as a user would run it
    proc = subprocess.run(
        [sys.executable, "-m", "scoda_desktop", "--data-dir", str(tmp_path / "d"), "search",
         "Qingdao", "--json"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert set(data) == {"query", "parsed", "total", "took_ms", "error", "suggestion", "hits",
                         "facets", "enrichment_pending"}
    assert data["enrichment_pending"] == 0  # a small first build enriches in its one commit
    assert data["total"] == len(data["hits"]) > 0
    assert set(data["hits"][0]) == {"id", "path", "title", "date", "source", "score",
                                    "snippet", "duplicates", "url", "captured", "record"}
    assert "<b>Qingdao</b>" in data["hits"][0]["snippet"]


def test_index_json_shape_and_added_files(capsys, data_dir, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Harbour news\n\nThe zanzibarian ferry arrived in Qingdao.\n",
                       encoding="utf-8")
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "index", str(article),
                       str(tmp_path / "missing"), "--json")
    assert code == 0
    report = json.loads(out)
    assert {"added", "updated", "unchanged", "removed", "skipped", "duplicates",
            "documents"} <= set(report)
    assert report["documents"] == 6 and report["added"] == 6
    assert report["skipped"][0]["reason"] == "no such file or folder"
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "search", "zanzibarian", "--json")
    assert json.loads(out)["total"] == 1
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "index", "--json")
    assert json.loads(out)["unchanged"] == 6


def test_search_bad_query_is_exit_0_with_a_message(capsys, data_dir):
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "search", "(Qingdao OR", "--json")
    data = json.loads(out)
    assert code == 0 and data["error"] and data["total"] > 0


def test_search_text_output_and_usage_error(capsys, data_dir):
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "search", "cooperaton")
    assert code == 0 and "did you mean: cooperation" in out
    with pytest.raises(SystemExit) as exc:
        main(["--data-dir", str(data_dir), "search", "x", "--limit", "0"])
    assert exc.value.code == 2


def test_show_by_id_and_path(capsys, data_dir):
    seed = str(ROOT / "seeds" / "002_24d6ef9958e59988.txt")
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "show", seed, "--json")
    doc = json.loads(out)
    assert code == 0 and doc["path"] == seed and doc["title"]
    assert {"id", "text", "removed", "entities", "metrics", "duplicates"} <= set(doc)
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "show", doc["id"], "--json")
    assert json.loads(out)["text"] == doc["text"]
    code, _, err = run(capsys, "--data-dir", str(data_dir), "show", "nothing-like-this")
    assert code == 1 and "no indexed document" in err


def test_export_csv_and_json(capsys, data_dir, tmp_path):
    target = tmp_path / "out.csv"
    code, _, _ = run(capsys, "--data-dir", str(data_dir), "export", "SCO", "--format", "csv",
                     "-o", str(target))
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "search", "SCO", "--json")
    assert code == 0 and len(rows) == json.loads(out)["total"]
    assert set(rows[0]) == {"id", "path", "title", "date", "source", "score", "snippet",
                            "entities", "metrics", "url", "captured", "record"}
    assert "<b>" not in rows[0]["snippet"]
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "export", "SCO", "--format", "json")
    assert len(json.loads(out)) == len(rows)


def test_stats(capsys, data_dir):
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "stats", "--json")
    stats = json.loads(out)
    assert code == 0 and stats["documents"] >= 5
    assert {"documents", "words", "sources", "date_range", "top_entities", "series"} <= set(stats)
    assert stats["date_range"][0] <= stats["date_range"][1]
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "stats")
    assert "documents:" in out


def test_search_batch_answers_each_query_in_one_json_line(capsys, data_dir, tmp_path,
                                                          monkeypatch):
    queries = tmp_path / "queries.txt"
    queries.write_text("Qingdao\n\n(Qingdao OR\nzzzyxnothing\nSCO\n", encoding="utf-8")
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "search", "--batch", str(queries),
                       "--limit", "2", "--sort", "date")
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [d["query"] for d in lines] == ["Qingdao", "(Qingdao OR",
                                                        "zzzyxnothing", "SCO"]
    for d in lines:  # each one answered like `search --json` would, --limit and --sort too
        code, single, _ = run(capsys, "--data-dir", str(data_dir), "search", d["query"],
                              "--limit", "2", "--sort", "date", "--json")
        alone = json.loads(single)
        assert [h["id"] for h in d["hits"]] == [h["id"] for h in alone["hits"]]
        assert d["total"] == alone["total"] and d["took_ms"] >= 0
    assert lines[0]["total"] > 2 and len(lines[0]["hits"]) == 2
    dates = [h["date"] for h in lines[3]["hits"]]
    assert dates == sorted(dates, reverse=True)
    assert lines[1]["error"] and lines[2]["total"] == 0
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("freight\n"))  # "-": standard input
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "search", "--batch", "-")
    assert code == 0 and json.loads(out)["query"] == "freight"
    with pytest.raises(SystemExit) as exc:
        main(["--data-dir", str(data_dir), "search", "--batch", str(tmp_path / "none.txt")])
    assert exc.value.code == 2


def test_index_searchable_only_then_index_enriches(capsys, tmp_path, monkeypatch):
    from scoda_desktop.core.pipeline import sync as sync_module

    monkeypatch.setattr(sync_module, "ENRICH_LATER_MIN", 1)  # two phases for the 5 seeds
    data = str(tmp_path / "d")
    code, out, err = run(capsys, "--data-dir", data, "index", "--searchable-only", "--json")
    report = json.loads(out)
    assert code == 0 and report["documents"] == 5 and report["enrichment_pending"] == 5
    stages = [json.loads(line)["stage"] for line in err.splitlines()]
    assert "searchable" in stages and "enriching" not in stages
    code, out, _ = run(capsys, "--data-dir", data, "search", "Qingdao", "--json")
    assert json.loads(out)["total"] > 0 and json.loads(out)["enrichment_pending"] == 5
    code, out, _ = run(capsys, "--data-dir", data, "stats", "--json")
    assert json.loads(out)["top_entities"] == []
    code, out, _ = run(capsys, "--data-dir", data, "index")
    assert code == 0 and "5 documents: 0 added" in out
    code, out, _ = run(capsys, "--data-dir", data, "stats", "--json")
    assert json.loads(out)["top_entities"]


def _search_json(capsys, *argv):
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    return json.loads(out)


def test_a_query_may_start_with_a_dash(capsys, data_dir):
    d = ["--data-dir", str(data_dir)]
    every = _search_json(capsys, *d, "search", "", "--json", "--limit", "100")["total"]
    russia = _search_json(capsys, *d, "search", "Russia", "--json")["total"]
    assert 0 < russia < every
    negated = _search_json(capsys, *d, "search", "-Russia", "--json")
    assert negated["query"] == "-Russia" and negated["parsed"] == "NOT Russia"
    assert negated["total"] == every - russia
    # options before or after the query, and the usual "--", give the same answer
    for argv in (["search", "--json", "-Russia"], ["search", "-Russia", "--json"],
                 ["search", "--limit", "2", "-Russia", "--json"],
                 ["search", "--limit=2", "--json", "-Russia"],
                 ["search", "--json", "--", "-Russia"], ["search", "--js", "-Russia"]):
        data = _search_json(capsys, *d, *argv)
        assert (data["query"], data["total"]) == ("-Russia", every - russia), argv
    assert len(_search_json(capsys, *d, "search", "-Russia", "--limit", "2",
                            "--json")["hits"]) == 2
    for text in ("-A!", "-hello", "-", "-1", '-"freight train"', "-Russia -Kazakhstan"):
        escaped = _search_json(capsys, *d, "search", "--json", "--", text)
        bare = _search_json(capsys, *d, "search", text, "--json")
        escaped.pop("took_ms"), bare.pop("took_ms")
        assert bare == escaped and bare["query"] == text, text
    code, out, _ = run(capsys, *d, "search", "-A!")
    assert code == 0 and "documents" in out
    # a usage error is still one
    with pytest.raises(SystemExit) as exc:
        main([*d, "search", "-Russia", "--limit", "0"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main([*d, "search", "--no-such-option", "x"])
    assert exc.value.code == 2


def test_export_takes_a_query_that_starts_with_a_dash(capsys, data_dir, tmp_path):
    d = ["--data-dir", str(data_dir)]
    total = _search_json(capsys, *d, "search", "-Russia", "--json")["total"]
    code, out, _ = run(capsys, *d, "export", "-Russia", "--format", "json")
    assert code == 0 and len(json.loads(out)) == total
    target = tmp_path / "neg.csv"
    code, _, _ = run(capsys, *d, "export", "--format", "csv", "-o", str(target), "-Russia")
    assert code == 0 and len(list(csv.DictReader(target.open(encoding="utf-8")))) == total
    code, out, _ = run(capsys, *d, "export", "--format", "json", "--", "-Russia")
    assert len(json.loads(out)) == total
    code, out, err = run(capsys, *d, "kwic", "-Russia", "--json")  # the concordance too
    assert code == 0 and json.loads(out)["query"] == "-Russia", err


def test_a_dash_query_on_a_real_command_line(data_dir):
    proc = subprocess.run([sys.executable, "-m", "scoda_desktop", "--data-dir", str(data_dir),
                           "search", "-Russia", "--json"], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["parsed"] == "NOT Russia"
