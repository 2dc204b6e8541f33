"""Analysis (stems, folding, CJK) and snippets (original words marked, HTML escaped)."""

from __future__ import annotations

from scoda_desktop.core.index.analysis import (
    analyze,
    fold,
    is_cjk,
    iter_tokens,
    keyword,
    term_of,
)
from scoda_desktop.core.index.snippets import make_snippet, marker


def test_porter2_stems_and_folding():
    assert term_of("running") == term_of("run") == "run"
    assert term_of("China's") == "china"
    assert term_of("Mérida") == "merida"
    assert keyword("  Xi   Jinping ") == "xi jinping"


def test_cjk_runs_give_characters_and_bigrams_at_shared_positions():
    toks = [(t, pos) for t, pos, _s, _e in iter_tokens("SCO青岛港 ok")]
    assert toks == [("sco", 0), ("青", 1), ("青岛", 1), ("岛", 2), ("岛港", 2), ("港", 3),
                    ("ok", 4)]


def test_offsets_point_at_the_original_text():
    text = "Trains RUNNING to Qingdao"
    for term, _pos, start, end in iter_tokens(text):
        assert term_of(text[start:end]) == term


def test_vocabulary_keeps_written_forms():
    postings, words = analyze("Running runs; Mérida")
    assert postings["run"] == [0, 1]
    assert words["running"] == "run" and words["merida"] == "merida"
    assert words["mérida"] == "merida"


def test_snippet_marks_original_words_and_escapes_html():
    text = "A <script> tag. " + "filler " * 40 + "The trains were Running late & full."
    snippet = make_snippet(text, {"run"})
    assert "<b>Running</b>" in snippet
    assert "&amp;" in snippet and "<script>" not in snippet
    fast = make_snippet(text, {"run"}, pattern=marker({"run"}))
    assert fast == snippet
    # a stem that is not a prefix of its word, and a prefix that is not the word's stem
    text = "The city council met. Citizens and cities agreed."
    marked = make_snippet(text, {"citi"}, pattern=marker({"citi"}))
    assert "<b>city</b>" in marked and "<b>cities</b>" in marked
    assert "<b>Citizens</b>" not in marked


def test_snippet_without_match_shows_the_opening():
    assert make_snippet("Opening words here.", {"zzz"}) == "Opening words here."
    assert make_snippet("x < y", set(), plain=True) == "x < y"


def _reference_analyze(text):
    """Postings and words from ``iter_tokens``, one token at a time: what ``analyze``
    (whose text without CJK takes a faster path) must equal, content and order."""
    postings, seen = {}, {}
    for term, pos, start, end in iter_tokens(text):
        postings.setdefault(term, []).append(pos)
        seen[text[start:end]] = term
    words = {}
    for w, t in seen.items():
        if is_cjk(t[:1]):  # CJK terms are not vocabulary
            continue
        low = w.lower()
        words[fold(low).replace("\u2019", "'")] = t
        if not low.isascii():
            words[low] = t
    return postings, words


def test_analyze_gives_the_token_by_token_postings_and_words_in_their_order():
    from tests.core.corpus_fixtures import SEEDS

    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.iterdir())]
    texts += ["Trade trade TRADE trades traded: Mérida MERIDA merida naïve Naive naive",
              "China’s China's china rail-freight 2024 2024 2,024 x"]
    for text in texts:
        got, want = analyze(text), _reference_analyze(text)
        assert got == want
        assert list(got[0]) == list(want[0]) and list(got[1]) == list(want[1])
        assert all(plist == sorted(plist) for plist in got[0].values())


def test_encoded_postings_are_what_whoosh_would_encode():
    """A posting's value is Whoosh's own ``Positions`` encoding, byte for byte (stock
    Whoosh reads the index), for one position and for many, small gaps and large."""
    from whoosh.formats import Positions

    from scoda_desktop.core.index.schema import encode_postings

    text = " ".join(["trade port"] * 1200 + [f"w{i}" for i in range(70_000)] + ["port"])
    items, _ = encode_postings(text)
    want = Positions()
    postings, _ = analyze(text)
    got = {term.decode(): value for term, _, _, value in items}
    assert got.keys() == postings.keys()
    for term, plist in postings.items():
        assert got[term] == want.encode(plist), term
