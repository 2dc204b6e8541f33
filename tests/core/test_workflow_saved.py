"""Saved searches: "new" means "its id was not among the previous run's hits", across an
import of new files; the JSON file is safe to edit and a broken one is never lost."""

from __future__ import annotations

import json

import pytest

from scoda_desktop.core.workflow.jsonstore import BrokenFileError
from tests.core.corpus_fixtures import build_corpus, drain

NEW_ARTICLE = """Freight corridor opens to Almaty

May 2, 2025

A new freight corridor from Qingdao to Almaty opened on Friday, the operator said.
"""


@pytest.fixture
def corpus(tmp_path):
    c = build_corpus(tmp_path)
    yield c
    c.close()


def ids_of(result):
    return {h.id for h in result.hits}


def test_new_flags_across_an_import(corpus, tmp_path):
    corpus.save_search("freight", "freight")
    before = ids_of(corpus.search("freight", limit=None))
    result, new = corpus.run_saved_search("freight")
    assert ids_of(result) == before and new == set()  # saving was the first run

    incoming = tmp_path / "incoming"
    incoming.mkdir()
    (incoming / "almaty.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    (incoming / "other.txt").write_text("Tea prices\n\nMay 3, 2025\n\nTea got dearer.\n",
                                        encoding="utf-8")
    corpus.add_sources([incoming])
    drain(corpus.sync())

    assert corpus.saved_new_counts()[0]["new"] == 1  # a peek: records nothing
    result, new = corpus.run_saved_search("freight")
    added = ids_of(result) - before
    assert len(added) == 1 and new == added
    assert corpus.document(next(iter(added))).title.startswith("Freight corridor")
    result, new = corpus.run_saved_search("freight")
    assert new == set()  # the previous run already had it


def test_a_hit_that_left_and_came_back_is_new_again(corpus, tmp_path):
    extra = tmp_path / "extra" / "runner.txt"
    corpus.save_search("runners", "runners")
    text = extra.read_text(encoding="utf-8")
    extra.unlink()
    drain(corpus.sync())
    result, new = corpus.run_saved_search("runners")
    assert result.total == 0 and new == set()
    extra.write_text(text, encoding="utf-8")
    drain(corpus.sync())
    result, new = corpus.run_saved_search("runners")
    assert new == ids_of(result) and len(new) == 1


def test_filters_are_kept_and_listed(corpus):
    corpus.save_search("zh", "", filters={"language": "zh"})
    entry = corpus.saved_searches()[0]
    assert entry["filters"] == {"language": "zh"} and entry["last_count"] == 1
    result, _new = corpus.run_saved_search("zh")
    assert result.total == 1


def test_hand_edited_file_without_a_run_shows_every_hit_new(corpus):
    path = corpus.data_dir / "saved-searches.json"
    path.write_text(json.dumps({"searches": [{"name": "q", "query": "Qingdao"}]}),
                    encoding="utf-8")
    result, new = corpus.run_saved_search("q")
    assert result.total > 0 and new == ids_of(result)
    assert json.loads(path.read_text(encoding="utf-8"))["searches"][0]["last_hits"]


def test_a_broken_file_is_reported_and_kept_aside_never_overwritten(corpus):
    path = corpus.data_dir / "saved-searches.json"
    path.write_text('{"searches": [{"name": "a", "query": "x"},]}', encoding="utf-8")
    with pytest.raises(BrokenFileError, match="saved-searches.json.*not valid JSON"):
        corpus.saved_searches()
    message = corpus.save_search("b", "freight")
    assert "saved-searches.json.broken" in message
    assert (corpus.data_dir / "saved-searches.json.broken").read_text(
        encoding="utf-8").startswith('{"searches": [{"name": "a"')
    assert [e["name"] for e in corpus.saved_searches()] == ["b"]


def test_wrong_shape_is_broken_too(corpus):
    path = corpus.data_dir / "saved-searches.json"
    path.write_text(json.dumps({"searches": [{"query": "x"}]}), encoding="utf-8")
    with pytest.raises(BrokenFileError, match=r"searches\[0\]: needs a \"name\""):
        corpus.saved_searches()


def test_remove_and_unknown_names(corpus):
    corpus.save_search("a", "freight")
    corpus.remove_saved_search("a")
    assert corpus.saved_searches() == []
    with pytest.raises(KeyError, match="no saved search named 'a'"):
        corpus.run_saved_search("a")
