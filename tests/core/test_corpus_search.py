"""Each query feature on the seeds (plus two hand-made articles), checked against an oracle."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.core.corpus_fixtures import Oracle, build_corpus


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("corpus")
    corpus = build_corpus(tmp)
    oracle = Oracle([tmp / "seeds", tmp / "extra"])
    yield corpus, oracle
    corpus.close()


def hits(corpus, query, **kw):
    res = corpus.search(query, limit=None, **kw)
    assert res.total == len(res.hits)
    return {h.path for h in res.hits}


def word(w):
    return rf"\b{w}\b"


def test_every_document_is_indexed(env):
    corpus, oracle = env
    assert corpus.count() == len(oracle.all()) == 7


def test_plain_words_are_anded(env):
    corpus, oracle = env
    expected = oracle.paths(word("Qingdao")) & oracle.paths(word("logistics?"))
    assert expected and hits(corpus, "Qingdao logistics") == expected


def test_stemming_run_finds_running(env):
    corpus, oracle = env
    expected = oracle.paths(r"\brunn(ing|ers?)\b|\bruns?\b")
    assert len(expected) == 1
    assert hits(corpus, "run") == expected
    assert hits(corpus, "runs") == expected


def test_phrase_and_curly_quotes(env):
    corpus, oracle = env
    expected = oracle.paths(r"Shanghai\s+Cooperation\s+Organi[sz]ation")
    assert hits(corpus, '"Shanghai Cooperation Organization"') == expected
    assert hits(corpus, "\u201cShanghai Cooperation Organization\u201d") == expected
    # word order matters in a phrase
    assert hits(corpus, '"Organization Cooperation Shanghai"') == set()


def test_or_not_minus_and_parentheses(env):
    corpus, oracle = env
    kaz, pak = oracle.paths(word("Kazakhstan")), oracle.paths(word("Pakistan"))
    sco, qd = oracle.paths(word("SCO")), oracle.paths(word("Qingdao"))
    assert hits(corpus, "Kazakhstan OR Pakistan") == kaz | pak
    assert hits(corpus, "SCO NOT Kazakhstan") == sco - kaz
    assert hits(corpus, "SCO -Kazakhstan") == sco - kaz
    # every negation applies, not only the first (the seeds make the two answers differ)
    assert sco - kaz - pak != sco - kaz
    assert hits(corpus, "SCO -Kazakhstan -Pakistan") == sco - kaz - pak
    assert hits(corpus, "SCO NOT Kazakhstan NOT Pakistan") == sco - kaz - pak
    assert hits(corpus, "(Kazakhstan OR Pakistan) Qingdao") == (kaz | pak) & qd
    assert hits(corpus, "NOT Kazakhstan") == oracle.all() - kaz


def test_lower_case_operators_are_words(env):
    corpus, oracle = env
    running = oracle.paths(word("running"))
    assert hits(corpus, "running OR walking") == running
    assert hits(corpus, "running or walking") == set()  # "or" and "walking" are words
    assert hits(corpus, "running and") == running & oracle.paths(word("and"))


def test_prefix_wildcard_and_fuzzy(env):
    corpus, oracle = env
    assert hits(corpus, "invest*") == oracle.paths(r"\binvest\w*")
    assert hits(corpus, "Qing?ao") == oracle.paths(word("Qingdao"))
    assert hits(corpus, "Qingdoa~") == oracle.paths(word("Qingdao"))
    assert hits(corpus, "Qingdoa~2") >= oracle.paths(word("Qingdao"))


def test_fields(env):
    corpus, oracle = env
    assert hits(corpus, "title:cooperation") == oracle.paths(word("cooperation"), "title")
    assert hits(corpus, 'source:"PR Newswire"') == oracle.paths("PR Newswire", "source")
    assert hits(corpus, "title:(SCO Qingdao)") == (oracle.paths(word("SCO"), "title")
                                                   & oracle.paths(word("Qingdao"), "title"))


def test_dates_and_years(env):
    corpus, oracle = env
    in_range = {p for p, d in oracle.docs.items()
                if d.date and "2023-01-01" <= d.date[:10] <= "2024-06-30"}
    assert in_range
    assert hits(corpus, "date:[2023-01-01 TO 2024-06-30]") == in_range
    assert hits(corpus, "year:2024") == {p for p, d in oracle.docs.items()
                                         if d.date and d.date.startswith("2024")}
    assert hits(corpus, "date:[2024 TO *]") == {p for p, d in oracle.docs.items()
                                                if d.date and d.date >= "2024"}


def test_chinese_queries_inside_running_text(env):
    corpus, _ = env
    zh = {p for p in hits(corpus, "") if p.endswith("zh.txt")}
    assert hits(corpus, "青岛") == zh
    assert hits(corpus, "上合示范区") == zh
    assert hits(corpus, "岛") == zh
    assert hits(corpus, "青示") == set()  # characters present, but not next to each other
    res = corpus.search("上合示范区")
    assert "<b>上合示范区</b>" in res.hits[0].snippet


def test_empty_query_lists_everything_newest_first(env):
    corpus, oracle = env
    res = corpus.search("", limit=None)
    assert res.total == len(oracle.all()) and res.error is None
    dates = [h.date or "" for h in res.hits]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True)
    assert dates[: len(dated)] == dated  # undated documents come last


def test_date_sort(env):
    corpus, _ = env
    res = corpus.search("SCO", sort="date", limit=None)
    dates = [h.date for h in res.hits if h.date]
    assert dates == sorted(dates, reverse=True)
    assert {h.path for h in res.hits} == hits(corpus, "SCO")


def test_total_is_exact_with_a_limit(env):
    corpus, oracle = env
    res = corpus.search("NOT Kazakhstan", limit=1)
    assert len(res.hits) == 1
    assert res.total == len(oracle.all() - oracle.paths(word("Kazakhstan")))


def test_facets_count_the_hits(env):
    corpus, oracle = env
    res = corpus.search("SCO", limit=2)
    expected = oracle.paths(word("SCO"))
    years: dict[str, int] = {}
    for p in expected:
        d = oracle.docs[p].date
        if d:
            years[d[:4]] = years.get(d[:4], 0) + 1
    assert res.facets["year"] == years
    months: dict[str, int] = {}  # every match is counted, not the two hits returned
    for p in expected:
        d = oracle.docs[p].date
        if d and len(d) >= 7:
            months[d[:7]] = months.get(d[:7], 0) + 1
    assert res.facets["month"] == months and sum(months.values()) > 2
    assert sum(res.facets["source"].values()) == sum(
        1 for p in expected if oracle.docs[p].source)


def test_snippets_mark_original_words_and_escape(env):
    corpus, _ = env
    res = corpus.search("run")
    snippet = res.hits[0].snippet
    assert "<b>running</b>" in snippet
    assert "<" not in snippet.replace("<b>", "").replace("</b>", "")


@pytest.mark.parametrize("bad,repaired", [
    ('"unbalanced', '"unbalanced"'),
    ("(Qingdao OR", "Qingdao"),
    ("AND", ""),
    ("***", ""),
    ("title:", ""),
    ("NOT", ""),
    ("~", ""),
    ("Qingdao)", "Qingdao"),
    ("Qingdao OR OR logistics", "Qingdao OR logistics"),
    ("date:[2023-01-01 TO", "date:[2023-01-01 TO *]"),
])
def test_bad_queries_are_repaired(env, bad, repaired):
    corpus, _ = env
    res = corpus.search(bad, limit=None)
    assert res.error
    assert {h.id for h in res.hits} == {h.id for h in corpus.search(repaired, limit=None).hits}


def test_very_long_query(env):
    corpus, _ = env
    query = ("Qingdao " + "x" * 30 + " ") * 130
    assert len(query) > 5000
    res = corpus.search(query[:5000])
    assert res.error and "long" in res.error
    res = corpus.search("Q" * 5000)
    assert res.error and res.total == 0


def test_zero_hits_suggest_a_word_from_the_index(env):
    corpus, _ = env
    res = corpus.search("cooperaton")
    assert res.total == 0 and res.suggestion == "cooperation"
    res = corpus.search("Qingdoo harbour")
    assert res.suggestion == "qingdao harbour"


def test_filters_narrow_like_fields(env):
    corpus, _ = env
    narrowed = hits(corpus, "SCO", filters={"year": "2024"})
    assert narrowed == hits(corpus, "SCO year:2024")


def test_a_filter_with_no_words_is_reported_not_silently_dropped(env):
    corpus, _ = env
    res = corpus.search("SCO", filters={"source": "--!"}, limit=None)
    # Nothing to match in the value: the search is not narrowed, and it says so.
    assert res.total == len(hits(corpus, "SCO"))
    assert 'ignored the filter source "--!"' in (res.error or "")


QUERY_PIECES = [*'ab "()*?~:-+[]{}', "AND ", "OR ", "NOT ", "title:", "date:", " TO ", "青岛",
                "year:", "org:", "place:", "Qingdao ", "2024", "*", "source:"]


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(QUERY_PIECES), max_size=20).map("".join))
def test_no_query_raises_against_the_index(env, text):
    corpus, oracle = env
    res = corpus.search(text)
    assert 0 <= res.total <= len(oracle.all())


def marks(query):
    """The marks a search for ``query`` would return, with no vocabulary to expand."""
    from scoda_desktop.core.index.query import parse_query

    return parse_query(query).marks()


def test_match_spans_mark_what_the_search_matched_by_stem_and_phrase():
    from scoda_desktop.core.corpus import Corpus

    text = "Freight trains ran. The train was running; a freighter docked."
    spans = [text[s:e] for s, e in Corpus.match_spans(text, marks('"freight trains" OR run'))]
    # Stems match ("running" for run), other words sharing a prefix do not ("freighter").
    assert spans[:2] == ["Freight", "trains"] and "running" in spans
    assert "freighter" not in spans and "docked" not in spans
    assert Corpus.match_spans(text, marks("   ")) == []
    assert Corpus.match_spans(text, marks("title:freighter")) == [(text.index("freighter"),
                                                            text.index("freighter") + 9)]


def test_phrase_marks_only_where_the_whole_phrase_stands(env):
    from scoda_desktop.core.corpus import Corpus

    text = "A train left. China-Europe freight trains run; a freight ship and Europe trains."
    marked = [text[s:e] for s, e in Corpus.match_spans(text, marks('"freight trains"'))]
    assert marked == ["freight", "trains"]  # not the lone "train", "freight" or "trains"
    marked = [text[s:e] for s, e in Corpus.match_spans(text, marks('China-Europe OR ship'))]
    assert marked == ["China", "Europe", "ship"]  # the hyphenated word as one phrase
    marked = [text[s:e] for s, e in Corpus.match_spans(text, marks('train "freight trains"'))]
    assert marked == ["train", "freight", "trains", "trains"]  # a loose word marks anywhere
    corpus, _oracle = env
    for hit in corpus.search('"freight train"', limit=None).hits:
        # every <b> in a phrase snippet is part of a marked "freight train(s)" pair
        assert hit.snippet.count("<b>freight</b> <b>train") == hit.snippet.count("<b>") // 2
