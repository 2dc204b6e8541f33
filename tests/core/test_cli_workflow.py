"""kwic, saved, collect/collections/uncollect and citation export, through cli.main."""

from __future__ import annotations

import json

import pytest

from scoda_desktop.cli import main
from tests.core.corpus_fixtures import SEEDS


def run(capsys, data, *argv):
    code = main(["--data-dir", str(data), *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def data(tmp_path):
    return tmp_path / "data"


def test_kwic_json_matches_show_text(capsys, data):
    code, out, _ = run(capsys, data, "kwic", "Qingdao", "--width", "20", "--json")
    assert code == 0
    conc = json.loads(out)
    assert conc["query"] == "Qingdao" and conc["total"] == len(conc["lines"]) > 3
    texts = {}
    for line in conc["lines"]:
        if line["id"] not in texts:
            _, shown, _ = run(capsys, data, "show", line["id"], "--json")
            texts[line["id"]] = json.loads(shown)["text"]
        text = texts[line["id"]]
        assert text[line["start"]:line["end"]] == line["match"] == "Qingdao"
        assert text[line["start"] - len(line["left"]):line["start"]] == line["left"]
        assert text[line["end"]:line["end"] + len(line["right"])] == line["right"]
        assert len(line["left"]) == min(20, line["start"])
    code, out, _ = run(capsys, data, "kwic", "Qingdao", "--limit", "2", "--sort", "left")
    assert code == 0 and "occurrences" in out and len(out.strip().splitlines()) == 3


def test_saved_run_flags_new_hits_after_an_import(capsys, data, tmp_path):
    assert run(capsys, data, "saved", "add", "tea", "tea")[0] == 0
    code, out, _ = run(capsys, data, "saved", "run", "tea", "--json")
    first = json.loads(out)
    assert code == 0 and all(h["new"] is False for h in first["hits"])
    article = tmp_path / "tea.txt"
    article.write_text("Tea trade booms\n\nJune 5, 2024\n\nTea exports to the SCO rose.\n",
                       encoding="utf-8")
    assert run(capsys, data, "index", str(article))[0] == 0
    code, out, _ = run(capsys, data, "saved", "run", "tea", "--json")
    second = json.loads(out)
    new = [h for h in second["hits"] if h["new"]]
    assert [h["path"] for h in new] == [str(article.resolve())]
    assert {h["id"] for h in second["hits"] if not h["new"]} == {h["id"] for h in
                                                                 first["hits"]}
    code, out, _ = run(capsys, data, "saved", "list", "--json")
    assert json.loads(out)[0]["name"] == "tea"
    assert run(capsys, data, "saved", "remove", "tea")[0] == 0
    code, _, err = run(capsys, data, "saved", "run", "tea")
    assert code == 1 and "no saved search named 'tea'" in err


def test_collect_collections_uncollect_and_export(capsys, data):
    seed = sorted(SEEDS.iterdir())[0]
    code, _, _ = run(capsys, data, "collect", "Port deals", str(seed), "--note", "rail link")
    assert code == 0
    code, out, _ = run(capsys, data, "collections", "--json")
    colls = json.loads(out)
    assert colls[0]["name"] == "Port deals" and colls[0]["count"] == 1
    doc = colls[0]["documents"][0]
    assert set(doc) == {"id", "title", "note"} and doc["note"] == "rail link"
    code, out, _ = run(capsys, data, "search", "note:rail", "--json")
    assert [h["id"] for h in json.loads(out)["hits"]] == [doc["id"]]
    code, out, _ = run(capsys, data, "export", "--collection", "Port deals", "--format", "ris")
    assert out.startswith("TY  - NEWS\r\n") and "N1  - rail link\r\n" in out
    assert out.endswith("ER  - \r\n")
    code, out, _ = run(capsys, data, "export", "note:rail", "--format", "csljson")
    assert json.loads(out)[0]["note"] == "rail link"
    assert run(capsys, data, "uncollect", "Port deals", doc["id"])[0] == 0
    code, out, _ = run(capsys, data, "collections", "--json")
    assert json.loads(out)[0]["count"] == 0
    code, _, err = run(capsys, data, "export", "--collection", "Nope", "--format", "ris")
    assert code == 1 and "no collection named 'Nope'" in err


def test_broken_file_is_one_clear_line(capsys, data):
    run(capsys, data, "stats")
    (data / "collections.json").write_text("[1,", encoding="utf-8")
    code, _, err = run(capsys, data, "collections")
    assert code == 1 and "collections.json cannot be read" in err and "Traceback" not in err
    assert (data / "collections.json").read_text(encoding="utf-8") == "[1,"


