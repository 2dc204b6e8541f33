"""Concordance: every occurrence, exact context, the highlights' matching, the three sorts.

Counts are checked against the documents' own text (``Corpus.document(...).text``, what
``show --json`` prints) with a regular expression, not against the index."""

from __future__ import annotations

import re

import pytest

from tests.core.corpus_fixtures import build_corpus

RAIL = """Rail freight keeps growing at Qingdao

March 3, 2024

The first freight train left Qingdao at dawn. A second Freight Train followed; freight \
volumes rose by a third.

Trains of freight now run daily, and the freight-train yard at Jiaozhou is busy.
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("kwic")
    (tmp / "extra").mkdir()
    (tmp / "extra" / "rail.txt").write_text(RAIL, encoding="utf-8")
    c = build_corpus(tmp)
    yield c
    c.close()


def texts(corpus, ids):
    return {i: corpus.document(i).text for i in ids}


def independent_count(corpus, pattern):
    """Occurrences of ``pattern`` in every indexed document's text."""
    rx = re.compile(pattern, re.IGNORECASE)
    ids = [h.id for h in corpus.search("", limit=None).hits]
    return sum(len(rx.findall(t)) for t in texts(corpus, ids).values())


def test_every_occurrence_with_exact_offsets_and_context(corpus):
    conc = corpus.kwic("freight", width=30)
    assert conc.total == independent_count(corpus, r"\bfreight\b") > 8
    assert len(conc.lines) == conc.total
    docs = texts(corpus, {line.id for line in conc.lines})
    for line in conc.lines:
        text = docs[line.id]
        assert text[line.start:line.end] == line.match
        assert line.match.lower() == "freight"
        assert line.left == text[max(0, line.start - 30):line.start]
        assert line.right == text[line.end:line.end + 30]
    rail = next(line for line in conc.lines if line.match == "Freight")
    assert rail.left.endswith("A second ") and rail.right.startswith(" Train followed")


def test_a_phrase_is_one_occurrence_spanning_its_words(corpus):
    conc = corpus.kwic('"freight train"', width=10)
    # "freight-train" counts: a phrase's words may have punctuation between them
    assert conc.total == independent_count(corpus, r"\bfreight[ -]trains?\b")
    assert {line.match.lower() for line in conc.lines} >= {"freight train", "freight-train"}
    assert all(re.fullmatch(r"(?i)freight[ -]trains?", line.match) for line in conc.lines)


def test_wildcards_expand_like_the_search(corpus):
    conc = corpus.kwic("jiaoz*")
    assert conc.total == independent_count(corpus, r"\bjiaoz\w*") > 0
    assert {line.match for line in conc.lines} >= {"Jiaozhou"}


def test_sort_left_is_by_the_nearest_word_before(corpus):
    lines = corpus.kwic("freight", sort="left").lines
    keys = [re.findall(r"\w+", line.left.lower())[-1:] for line in lines]
    assert keys == sorted(keys)
    assert len({tuple(k) for k in keys}) > 3


def test_sort_right_and_doc(corpus):
    right = corpus.kwic("freight", sort="right").lines
    firsts = [re.findall(r"\w+", line.right.lower())[:1] for line in right]
    assert firsts == sorted(firsts)
    doc = corpus.kwic("freight", sort="doc").lines
    assert [(x.path, x.start) for x in doc] == sorted((x.path, x.start) for x in doc)


def test_limit_keeps_the_total_and_a_bad_sort_fails_early(corpus):
    conc = corpus.kwic("freight", limit=2)
    assert len(conc.lines) == 2 and conc.total > 2
    with pytest.raises(ValueError):
        corpus.kwic("freight", sort="sideways")


def test_excluded_words_and_empty_queries_give_no_lines(corpus):
    assert corpus.kwic("").total == 0
    conc = corpus.kwic("freight -jiaozhou")
    assert conc.total > 0 and all("jiaozhou" not in line.match.lower() for line in conc.lines)


def test_cancel_stops_the_work(corpus):
    gen = corpus.concordance("qingdao", cancel=lambda: True)
    with pytest.raises(StopIteration) as stop:
        while True:
            next(gen)
    assert stop.value.value.cancelled and stop.value.value.total == 0


def test_json_shape_is_the_contract(corpus):
    data = corpus.kwic("freight", limit=1).to_json()
    assert set(data) == {"query", "total", "lines"}
    assert set(data["lines"][0]) == {"id", "path", "title", "date", "left", "match", "right",
                                     "start", "end"}
