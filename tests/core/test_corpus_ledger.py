"""Corpus.ledger: the metric ledger of what a search finds, checked against build_series run
directly on the documents the oracle says match (not through the ledger's own cache)."""

from __future__ import annotations

import pytest

from scoda_desktop.core.extract import build_series
from tests.core.corpus_fixtures import Oracle, build_corpus


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("ledger")
    corpus = build_corpus(tmp)
    yield corpus, Oracle([tmp / "seeds", tmp / "extra"])
    corpus.close()


def expected(corpus, paths=None):
    """(label, [(date, value, doc)]) of build_series over the documents at ``paths`` (None:
    all), each read whole through Corpus.document."""
    items = []
    for doc_id in corpus._store.documents():
        doc = corpus.document(doc_id)
        if paths is not None and doc.path not in paths and not set(doc.duplicates) & paths:
            continue
        items.extend((doc.id, doc.title, doc.date, m) for m in doc.metrics)
    return [(s.label, [(p["date"], p["value"], p["doc"]) for p in s.points])
            for s in build_series(items)]


def shown(ledger):
    return [(s.label, [(p.date, p.value, p.doc) for p in s.points]) for s in ledger.series]


def test_the_empty_query_gives_the_whole_corpus_ledger(env):
    corpus, _ = env
    ledger = corpus.ledger()
    assert ledger.documents == corpus.count() and ledger.error is None
    assert shown(ledger) == expected(corpus)
    assert any(s.label.startswith("freight train routes") for s in ledger.series)
    assert shown(corpus.ledger()) == shown(ledger)  # the cached answer is the same


def test_a_query_restricts_the_ledger_to_its_documents(env):
    corpus, oracle = env
    matching = oracle.paths(r"\bKazakhstan\b")
    ledger = corpus.ledger("Kazakhstan")
    assert ledger.documents == len(matching) == corpus.search("Kazakhstan").total
    assert shown(ledger) == expected(corpus, matching)
    # and it is a restriction: the whole corpus has figures of documents it leaves out
    whole = {p.doc for s in corpus.ledger().series for p in s.points}
    inside = {p.doc for s in ledger.series for p in s.points}
    assert inside and inside < whole


def test_one_document_has_no_series_of_its_own(env):
    corpus, oracle = env
    [path] = oracle.paths(r"Morning runners")
    ledger = corpus.ledger('"Morning runners"')
    assert ledger.documents == 1 and ledger.series == []
    assert expected(corpus, {path}) == []  # a series needs figures from two documents


def test_filters_narrow_the_ledger_like_the_search(env):
    corpus, _ = env
    ledger = corpus.ledger("", {"year": "2023"})
    ids = {h.id for h in corpus.search("", limit=None, filters={"year": "2023"}).hits}
    assert ledger.documents == len(ids) >= 2
    assert all(p.doc in ids for s in ledger.series for p in s.points)
    assert all(p.date.startswith("2023") for s in ledger.series for p in s.points)


def test_bad_query_text_explains_instead_of_raising(env):
    corpus, _ = env
    ledger = corpus.ledger('"unclosed')
    assert ledger.error == corpus.search('"unclosed').error and ledger.error
    assert corpus.ledger("zzqxnotaword").series == []


def test_most_points_first_and_each_point_knows_its_place_and_conflict(env):
    corpus, _ = env
    series = corpus.ledger().series
    sizes = [len(s.points) for s in series]
    assert sizes == sorted(sizes, reverse=True)
    for s in series:
        named = {(d, float(v)) for c in s.conflicts
                 for d, v in zip(c["docs"], c["values"], strict=True)}
        for p in s.points:
            doc = corpus.document(p.doc)
            assert doc.text[p.start:p.end] == p.text  # opens the reading view there
            assert p.title == doc.title and p.source == doc.source
            assert p.conflict == ((p.doc, p.value) in named)
    routes = next(s for s in series if s.label.startswith("freight train routes"))
    assert routes.conflicts and any(p.conflict for p in routes.points)
