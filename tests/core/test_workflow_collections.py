"""Collections with notes: notes are searchable with note:, stay right across re-syncs, and
the file is safe to edit by hand."""

from __future__ import annotations

import pytest

from scoda_desktop.core.workflow.jsonstore import BrokenFileError
from tests.core.corpus_fixtures import build_corpus, drain


@pytest.fixture
def corpus(tmp_path):
    c = build_corpus(tmp_path)
    yield c
    c.close()


def test_collect_by_id_or_path_with_a_note(corpus, tmp_path):
    runner = str((tmp_path / "extra" / "runner.txt").resolve())
    hit = corpus.search("freight", limit=1).hits[0]
    corpus.collect("Rail", hit.id, note="Check the container numbers")
    corpus.collect("Rail", runner, note="off topic but a good trail")
    corpus.collect("Other", hit.id)
    colls = corpus.collections()
    assert [c["name"] for c in colls] == ["Rail", "Other"]
    rail = colls[0]
    assert rail["count"] == 2
    assert rail["documents"][0] == {"id": hit.id, "title": hit.title,
                                    "note": "Check the container numbers"}
    assert rail["documents"][1]["title"].startswith("Morning runners")
    corpus.collect("Rail", hit.id)  # again, no note: the note stays
    assert corpus.collections()[0]["documents"][0]["note"] == "Check the container numbers"


def test_note_queries_find_documents_by_their_note_words(corpus):
    hits = corpus.search("freight", limit=None).hits
    corpus.collect("Rail", hits[0].id, note="Containers counted twice?")
    ids = {h.id for h in corpus.search("note:container", limit=None).hits}  # stems
    assert ids == {hits[0].id}
    assert corpus.search('note:"counted twice"').total == 1
    assert corpus.search('note:"twice counted"').total == 0
    assert corpus.search("note:contain*").total == 1
    assert corpus.search("note:container Qingdao").total <= 1
    everyone = corpus.count()
    assert corpus.search("-note:container", limit=None).total == everyone - 1
    assert corpus.search("note:nothinglikethis").total == 0
    corpus.collect("Rail", hits[0].id, note="checked")
    assert corpus.search("note:container").total == 0  # a changed note searches at once
    assert corpus.search("note:checked").total == 1


def test_notes_survive_a_resync_and_rebuild(corpus, tmp_path):
    hit = corpus.search("runners", limit=1).hits[0]
    corpus.collect("Trail", hit.id, note="harbour trail")
    (tmp_path / "extra" / "new.txt").write_text("Port news\n\nJune 1, 2024\n\nShips.\n",
                                                 encoding="utf-8")
    drain(corpus.sync())
    assert [h.id for h in corpus.search("note:trail").hits] == [hit.id]
    drain(corpus.sync(rebuild=True))
    assert [h.id for h in corpus.search("note:trail").hits] == [hit.id]


def test_uncollect_and_errors(corpus):
    hit = corpus.search("freight", limit=1).hits[0]
    corpus.collect("Rail", hit.id, note="x")
    corpus.uncollect("Rail", hit.id)
    assert corpus.collections()[0]["count"] == 0
    assert corpus.search("note:x").total == 0
    with pytest.raises(KeyError, match="no indexed document"):
        corpus.collect("Rail", "no/such/file.txt")
    with pytest.raises(KeyError, match="not in the collection"):
        corpus.uncollect("Rail", hit.id)


def test_a_broken_collections_file(corpus):
    path = corpus.data_dir / "collections.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(BrokenFileError, match="collections.json"):
        corpus.collections()
    assert corpus.search("freight").total > 0  # searching never fails for it
    hit = corpus.search("freight", limit=1).hits[0]
    entry = corpus.collect("Rail", hit.id, note="n")
    assert "collections.json.broken" in entry["message"]
    assert (corpus.data_dir / "collections.json.broken").read_text(encoding="utf-8") \
        == "{not json"
