"""The query parser on its own: what each syntax becomes, and that no text makes it raise."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import query as wq

from scoda_desktop.core.index.query import parse_query, query_terms


class FakeVocab:
    words = ["investment", "investor", "invested", "running", "logistics", "qingdao"]

    def match_words(self, glob):
        import fnmatch

        return [w for w in self.words if fnmatch.fnmatchcase(w, glob)]

    def fuzzy_words(self, word, maxdist):
        from scoda_desktop.core.index.vocab import distance

        return [w for w in self.words if distance(word, w, maxdist) <= maxdist]

    def keyword_values(self, fieldname, value):
        return [value]


def terms_of(q):
    return {t for _f, t in q.iter_all_terms()} if hasattr(q, "iter_all_terms") else set()


def test_words_are_stemmed_and_anded():
    p = parse_query("running trains")
    assert isinstance(p.query, wq.And)
    assert {"run", "train"} <= terms_of(p.query)
    assert p.shown == "running AND trains" and not p.messages


def test_cjk_words_become_bigram_phrases():
    assert query_terms("上合示范区") == ["上合", "合示", "示范", "范区"]
    assert query_terms("岛") == ["岛"]
    assert query_terms("SCO上合") == ["sco", "上合"]


def test_operators_only_in_upper_case():
    assert "OR" in parse_query("a OR b").shown
    assert parse_query("a or b").shown == "a AND or AND b"
    assert parse_query("a NOT b").shown == "a AND NOT b"
    assert parse_query("not").shown == "not"


def test_expansions_use_the_vocabulary():
    p = parse_query("invest*", FakeVocab())
    assert terms_of(p.query) == {"invest", "investor"}
    p = parse_query("logistcs~", FakeVocab())
    assert "logist" in terms_of(p.query)
    p = parse_query("qing?ao", FakeVocab())
    assert terms_of(p.query) == {"qingdao"}


def test_dates_and_years():
    p = parse_query("date:[2023-01-01 TO 2024-06-30]")
    assert isinstance(p.query, wq.TermRange) and not p.messages
    assert parse_query("year:2024").query == wq.Term("year", "2024")
    assert parse_query("year:twenty").messages
    assert parse_query("date:[yesterday TO today]").messages


def test_repairs_are_explained():
    for bad in ['"unbalanced', "(a OR", "AND", "***", "title:", "NOT", "~", "a)", "OR a"]:
        p = parse_query(bad)
        assert p.messages, bad


PIECES = [*'ab "()*?~:-+[]{}', "AND ", "OR ", "NOT ", "title:", "date:", " TO ", "青岛",
          "\u201c", "year:", "org:"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=25).map("".join))
def test_no_query_text_raises(text):
    p = parse_query(text, FakeVocab())
    assert isinstance(p.query, wq.Query)
    assert isinstance(p.shown, str)
