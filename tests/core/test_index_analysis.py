"""Analysis (stems, folding, CJK) and snippets (original words marked, HTML escaped)."""

from __future__ import annotations

from scoda_desktop.core.index.analysis import analyze, iter_tokens, keyword, term_of
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
