"""Search behaviour that a planted bug once slipped past: ranking by IDF, an explicit fuzzy
distance, hostile markup in snippets, and the marks a search hands to snippets and reader.

Each test checks something a user would notice (an order, a hit set, what is bold, what is
text), on a tiny corpus written here so the expected answer follows from the text itself.
"""

from __future__ import annotations

import html
import re

import pytest

from scoda_desktop.core.corpus import Corpus
from tests.core.corpus_fixtures import drain

FILLER = ("The {w} shipment arrived at the quay on Monday and the clerks counted every crate "
          "before noon, the port office said.")
ARTICLES = {
    # "zeta" is in one document only, "alpha" in all the others: only the inverse document
    # frequency puts the single "zeta" above a document that says "alpha" twice.
    "rare.txt": ("Harbour note rare", FILLER.format(w="zeta")),
    "common.txt": ("Harbour note common", FILLER.format(w="alpha") + " More alpha crates."),
    **{f"filler{i}.txt": (f"Harbour note {i}", FILLER.format(w="alpha")) for i in range(8)},
    "qingdao.txt": ("Port city note", "Ships from Qingdao carried freight to the dry port, "
                                      "and the freight yard stayed open late."),
    "hostile.txt": ("Hostile page", 'Before <img src=x onerror=alert(1)> & "x" China\'s '
                                    "<b>bold</b> trade <script>alert(2)</script> after."),
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("regressions")
    seeds = tmp / "seeds"
    seeds.mkdir()
    for name, (title, body) in ARTICLES.items():
        (seeds / name).write_text(f"{title}\n\nJune 3, 2024\n\n{body}\n", encoding="utf-8")
    c = Corpus(tmp / "data", seeds_dir=seeds)
    drain(c.sync())
    yield c
    c.close()


def names(result) -> list[str]:
    return [h.path.rsplit("/", 1)[-1] for h in result.hits]


def test_a_rare_word_outranks_a_common_word_said_twice(corpus):
    order = names(corpus.search("zeta OR alpha", limit=None))
    assert len(order) == 10
    # BM25 with IDF: the one "zeta" weighs more than two "alpha"s; without IDF (every term
    # alike) the document saying "alpha" twice would come first.
    assert order[:2] == ["rare.txt", "common.txt"]


def test_an_explicit_fuzzy_distance_is_used(corpus):
    # "qingdxx" is two edits from "qingdao": found within ~2, not within ~1
    assert names(corpus.search("Qingdxx~2")) == ["qingdao.txt"]
    one = corpus.search("Qingdxx~1")
    assert one.total == 0 and "~1" in one.parsed
    assert names(corpus.search("Qingdai~1")) == ["qingdao.txt"]


HOSTILE_TAG = re.compile(r"<(?!/?b>)")


def assert_only_bold_markup(snippet: str) -> None:
    """Every part of a snippet between our <b>/</b> is escaped text: no tag, no bare quote,
    and escaping its unescaped form gives it back."""
    assert HOSTILE_TAG.search(snippet) is None, snippet
    for part in re.split(r"</?b>", snippet):
        assert not set(part) & set("<>\"'"), part
        assert html.escape(html.unescape(part)) == part, part


def test_snippets_escape_the_text_before_between_and_inside_marks(corpus):
    for query in ("china", "trade", "china trade", "bold", "img", "alert", "script"):
        result = corpus.search(query)
        assert names(result) == ["hostile.txt"], query
        snippet = result.hits[0].snippet
        assert "<b>" in snippet, query
        assert_only_bold_markup(snippet)
    snippet = corpus.search("china").hits[0].snippet
    assert "<b>China&#x27;s</b>" in snippet  # the marked word itself is escaped
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; &quot;x&quot;" in snippet  # text before
    plain = corpus.search("china", plain=True).hits[0].snippet
    assert "<img src=x onerror=alert(1)>" in plain and "<b>" in plain  # plain: text as is


def test_a_search_returns_what_to_mark_and_prefixes_come_expanded(corpus):
    result = corpus.search("freigh*")
    assert names(result) == ["qingdao.txt"]
    assert "freight" in result.marks.terms  # expanded once, against the index vocabulary
    assert result.hits[0].snippet.count("<b>freight</b>") == 2
    doc = corpus.document(result.hits[0].id)
    marked = [doc.text[s:e] for s, e in corpus.match_spans(doc.text, result.marks)]
    assert marked == ["freight", "freight"]
    # a word the index does not know marks nothing, but the search still explains itself
    none = corpus.search("zzyzx*")
    assert none.total == 0 and none.marks.terms == [] and none.marks.phrases == []


def test_excluded_words_and_filters_are_not_marked(corpus):
    result = corpus.search("freight -zeta", filters={"source": "nowhere"})
    assert result.total == 0
    result = corpus.search("freight -zeta")
    assert result.marks.terms == ["freight"]
    result = corpus.search('"dry port"', filters={"year": "2024"})
    assert names(result) == ["qingdao.txt"] and result.marks.phrases == [("dri", "port")]
    assert result.hits[0].snippet.count("<b>") == 2


def test_filters_are_query_nodes_not_query_text(corpus):
    # a value with query syntax in it is a value, not syntax
    for value in ('x" OR "y', "2024) OR (2023", "a:b"):
        result = corpus.search("freight", filters={"source": value})
        assert result.total == 0, value
    assert corpus.search("freight", filters={"year": "2024"}).total == 1
    assert corpus.search("freight", filters={"year": "2023"}).total == 0
    result = corpus.search("", filters={"year": "2024"})
    assert result.total == len(ARTICLES) and result.parsed == "year:2024"
