"""Boilerplate patterns: ``match_line`` skips the anchored patterns at once when none can
match at the start of a line; it must still name the first pattern, in file order, that a
plain try of every pattern would."""

from __future__ import annotations

import re

from scoda_desktop.core.ingest.lines import word_count
from scoda_desktop.core.ingest.patterns import (
    _anchored,
    _compile,
    _starts,
    load_boilerplate,
    match_line,
)
from tests.core.corpus_fixtures import SEEDS


def _first(patterns, text, words):
    return next((p for p in patterns if words <= p.max_words and p.regex.search(text)), None)


def test_match_line_names_the_first_matching_pattern_like_a_plain_loop():
    bp = load_boilerplate()
    assert bp.starts is not None and sum(p.anchored for p in bp.patterns) > 40
    lines = ["Related stories", "Copyright 2024 China Daily. All rights reserved.",
             "Share this article", "3 hours ago", "Home / News / World", "the end",
             "XINHUA/ab", "Photo: Xinhua", "We use cookies to improve your visit",
             "Read more: the port grew", "Most read", "Powered by MetInfo", "主站蜘蛛池模板"]
    for seed in sorted(SEEDS.iterdir()):
        lines += [ln.strip() for ln in seed.read_text(encoding="utf-8").splitlines()]
    matched = 0
    for text in filter(None, lines):
        words = word_count(text)
        want = _first(bp.patterns, text, words)
        assert match_line(text, words) is want, text
        matched += want is not None
    assert matched >= 13


def test_only_patterns_that_can_match_nowhere_but_the_start_are_anchored():
    assert _anchored(r"^(privacy|terms)\b") and _anchored(r"^[|>]x") and _anchored(r"^a\|b")
    assert not _anchored(r"^a|b")  # also "b" anywhere
    assert not _anchored(r"\ball rights reserved\b") and not _anchored(r"^(?P<x>a)\1")
    groups = [{"reason": "nav", "patterns": [r"^a|tail$", r"^(menu|home)$"]}]
    patterns = _compile(groups, set())
    starts = _starts(patterns)
    assert [p.anchored for p in patterns] == [False, True]
    assert starts is not None and starts.match("menu") and not starts.match("a menu")
    assert _first(patterns, "the tail", 2) is patterns[0]


def test_an_ascii_line_is_searched_only_when_it_holds_the_pattern_literal():
    """The literal screen (``LinePattern.literal``) changes what is searched, never what
    is found: the same first pattern as a plain loop, in any letter case, and on lines
    whose non-ASCII letters match ASCII ones case-insensitively ("ſ" for "s")."""
    from scoda_desktop.core.ingest.patterns import _literal

    bp = load_boilerplate()
    assert {p.literal for p in bp.patterns if not p.anchored} >= {"all rights reserved",
                                                                  " cookies", "metinfo"}
    assert _literal(re.compile(r"\bmituo\.cn\b", re.I)) == "mituo.cn"
    assert _literal(re.compile(r"^(the )?end$", re.I)) == "end"
    assert _literal(re.compile(r"ab|cdef", re.I)) is None  # an alternation: no run is sure
    assert _literal(re.compile("蜘蛛池")) is None
    lines = ["Copyright 2024. ALL RIGHTS RESERVED.", "all rights reſerved", "We use COOKIES",
             "we uſe cookies", "Powered by METINFO", "about metinfo. and more words here",
             "12 MINUTES AGO", "the port handled 3 million boxes, all rights kept"]
    for text in lines:
        words = word_count(text)
        assert match_line(text, words) is _first(bp.patterns, text, words), text
    assert sum(match_line(t, word_count(t)) is not None for t in lines) >= 6
