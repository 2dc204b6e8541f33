"""The fast tokenizer and text searches against the simple forms the rules were written for.

``tokenize`` builds its tokens column by column, ``whole_words`` finds alias mentions with
``str.find`` and ``acronym_definitions`` scans from the bracket: each must give exactly what
the plain per-word loop or the original regular expression gave, or every entity rule above
them silently changes. Property tests on generated text hold them equal.
"""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from scoda_desktop.core.extract.acronyms import acronym_definitions
from scoda_desktop.core.extract.document import whole_words
from scoda_desktop.core.extract.text import (
    _HYPHEN_PARTICLES,
    cap_indices,
    cap_or_upper_indices,
    indices_of,
    lowered,
    sentence_first_indices,
    sentences,
    tokenize,
)

# The token regex and per-word loop as they were before the rewrite (the reference).
_REF_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|\w(?:[\w&-]|['’](?=\w))*\w|\w")


def reference_tokens(text: str) -> list[tuple]:
    starts = sorted({s for s, _ in sentences(text)})
    out, idx, current, last_start = [], 0, -1, None
    for m in _REF_TOKEN.finditer(text):
        start, end = m.span()
        while idx < len(starts) and starts[idx] <= start:
            current = starts[idx]
            idx += 1
        word = m.group()
        core_end = end - 2 if len(word) > 2 and word[-2:] in ("'s", "’s") else end
        core = word[: core_end - start]
        if "a" <= core[0] <= "z":
            cap = upper = False
        else:
            parts = [p for p in core.split("-") if p]
            # a lower-case particle may stand between capitals ("Mazar-i-Sharif"), not end it
            cap = core[0].isupper() and ("-" not in core or bool(parts) and (
                parts[-1][0].isupper() or parts[-1][0].isdigit()) and all(
                p[0].isupper() or p[0].isdigit() or p in _HYPHEN_PARTICLES for p in parts))
            letters = [c for c in core if c.isalpha()]
            upper = len(letters) >= 2 and all(c.isupper() for c in letters)
        first = last_start is None or last_start < current
        out.append((word, start, end, core_end, first, core, core_end != end, cap, upper))
        last_start = start
    return out


PIECES = st.sampled_from([
    "China", "SCO", "U.S.", "U.S.-China", "R&D", "People's", "SCODA’s", "it's", "Xi'an",
    "Xi’an", "China-SCO", "State-owned", "co-operation", "--", "-", "&", "'", "’", "'s",
    "’s", "s", "A.", "J. Smith", "4G", "3.5", "2023", "_", "Ü", "ÉCOLE", "ünïcode", "İ",
    "ß", "Σ", ".", "!", "?", "\n\n", "\n", " ", "  ", "\u00a0", "(", ")", "\"", "“", "a",
    "Mr.", "Dr", "said", "Haier", "HAIER", "Haier's", "(KTZ)", "(the Park)",
    "(hereinafter referred to as SCODA)", "\t(SCO)", "told", "according to", "pointed out",
    "Li Wei", "Ann Lee-Smith", "Daoud", "x-said", "unsaid", "said-", "\n said",
])
TEXT = st.one_of(st.text(max_size=200),
                 st.lists(PIECES, max_size=50).map(" ".join),
                 st.lists(PIECES, max_size=50).map("".join))


@settings(max_examples=400, deadline=None)
@given(TEXT)
@example("U.S.-China R&D: People's Bank's it's 'A'. Xi'an’s -x- x-- A.B. Jones")
@example("A-0 COVID-19 Mazar-i-Sharif Mazar-i State-owned Chester-le-Street")
def test_tokens_are_the_reference_tokens(text: str) -> None:
    toks = tokenize(text)
    assert [tuple(t) for t in toks] == reference_tokens(text)
    assert cap_indices(toks) == [i for i, t in enumerate(toks) if t.cap]
    assert cap_or_upper_indices(toks) == [i for i, t in enumerate(toks) if t.cap or t.upper]
    assert sentence_first_indices(toks) == [i for i, t in enumerate(toks) if t.first]


_SAID = lowered({"said", "Air"})


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_trigger_words_are_found_wherever_a_scan_finds_them(text: str) -> None:
    toks = tokenize(text)
    assert indices_of(toks, _SAID) == [i for i, t in enumerate(toks)
                                       if t.core.lower() in ("said", "air")]


def reference_alias_spans(text: str, forms: tuple[str, ...]) -> list[tuple[int, int]]:
    pattern = "|".join(re.escape(f) for f in forms)
    return [m.span() for m in
            re.finditer(r"(?<![\w-])(?:" + pattern + r")(?=['’]s\b|(?![\w-]))", text)]


@settings(max_examples=300, deadline=None)
@given(TEXT, st.sampled_from([("Haier",), ("Haier", "HAIER"), ("SCO",), ("s",), ("a",),
                              ("Xi'an", "XI'AN"), ("’s",)]))
@example("Haier's HAIERs -Haier Haier-x Haier’s Haiers Haier_ xHaier", ("Haier", "HAIER"))
def test_alias_mentions_are_the_regex_matches(text: str, forms: tuple[str, ...]) -> None:
    assert list(whole_words(text, forms)) == reference_alias_spans(text, forms)


@settings(max_examples=300, deadline=None)
@given(TEXT)
@example("Temir Zholy (KTZ) and  (SCO)\t(the Park) (hereinafter referred to as SCODA)")
def test_acronym_definitions_are_the_regex_matches(text: str) -> None:
    ref = re.compile(r"\s?\((?:hereinafter(?: referred to as)?\s+|the\s+)?"
                     r"([A-Z][A-Za-z&]{1,9})\)")
    assert acronym_definitions(text) == [(m.start(), m.group(1)) for m in ref.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(TEXT)
@example("Mr. Li said. \n\nThe end!  “Next” ends?\n \nx.\n\n.\n\nB")
def test_sentence_ends_are_the_regex_matches(text: str) -> None:
    from scoda_desktop.core.extract.text import _SENTENCE_END, _sentence_ends

    assert [m.span() for m in _sentence_ends(text)] == \
        [m.span() for m in _SENTENCE_END.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(TEXT)
@example("Ann Lee said x-said Li Wei, told Daoud\n said according to  Li Wei unsaid Bo Li")
def test_reporting_verb_names_are_the_regex_matches(text: str) -> None:
    from scoda_desktop.core.extract import names as nm
    from scoda_desktop.core.extract.people import (
        _AFTER_VERB_RE,
        _BEFORE_VERB_RE,
        _names_before,
        matches_at,
    )
    from scoda_desktop.core.extract.text import occurrences

    verbs_at = occurrences(text, nm.SPEECH_VERBS)
    for pattern, starts in ((_AFTER_VERB_RE, verbs_at),
                            (_BEFORE_VERB_RE, _names_before(text, verbs_at))):
        assert [m.span(1) for m in matches_at(pattern, text, starts)] == \
            [m.span(1) for m in pattern.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(TEXT.map(lambda t: t.replace("said", "Vice President").replace("told", "Director General")
                .replace("Daoud", "Mr. Li")))
@example("Director General Smith, Director-General Li, Mr. Mr Li, xPresident Wu, Prime Minister")
def test_title_trie_is_the_longest_first_alternation(text: str) -> None:
    from scoda_desktop.core.extract import names as nm
    from scoda_desktop.core.extract.people import _NAME, _TITLE_RE

    alternation = re.compile(r"(?<![\w-])(?:" + "|".join(
        re.escape(t) for t in sorted(nm.TITLES, key=len, reverse=True)) + rf")\s+({_NAME})")
    assert [(m.span(), m.span(1)) for m in _TITLE_RE.finditer(text)] == \
        [(m.span(), m.span(1)) for m in alternation.finditer(text)]
