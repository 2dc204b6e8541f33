"""Person-name cues: titles, appositives, reporting verbs and Chinese name shape.

Why cues rather than a name list: the people in this news (officials, merchants, scholars)
are mostly not famous, but they are introduced the same few ways: "President Xi Jinping",
"Chi Yongxin, an official with ...", "said Svetlana", "Zhang Ming, secretary-general of".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from scoda_desktop.core.extract import names as nm
from scoda_desktop.core.extract.lexicon import Lexicon
from scoda_desktop.core.extract.person_names import (
    has_name_word,
    load_person_names,
    speaks_as_company,
)
from scoda_desktop.core.extract.text import Token, indices_of, lowered, occurrences

_WORD = r"[A-Z][a-z][\w'’-]*"
_NAME = rf"{_WORD}(?: {_WORD}){{0,2}}"


def trie_pattern(words: Iterable[str]) -> str:
    """One regex for ``words`` as a character trie: at each place the longer word is tried
    first, as in an alternation sorted longest first (only words that are prefixes of one
    another can match at one place), but a try costs the word's length, not the number of
    words (the title list was tried, word by word, at every character)."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie(trie)


def _trie(node: dict) -> str:
    branches = [re.escape(ch) + _trie(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


_TITLE_RE = re.compile(r"(?<![\w-])" + trie_pattern(nm.TITLES) + rf"\s+({_NAME})")
# Where a title can start: a token whose word is a title's first word ("Vice", "Mr",
# "Director-General": a title is followed by a space or its "."), or right after the
# characters a token may hold inside it but the look back allows ("R&Mr", "O'President").
_TITLE_KEYS = lowered(re.match(r"[\w&'’-]+", t).group() for t in nm.TITLES)
_INSIDE_TOKEN = ("&", "'", "’")
_APPOSITIVE_RE = re.compile(
    rf"({_WORD}(?: {_WORD}){{1,2}}),\s+(?:a |an |the )?([A-Za-z-]+)"
)
_VERBS = "|".join(re.escape(v) for v in nm.SPEECH_VERBS)
_AFTER_VERB_RE = re.compile(rf"\b(?:{_VERBS})\s+({_NAME})")
_BEFORE_VERB_RE = re.compile(rf"({_WORD}(?: {_WORD}){{1,2}})\s+(?:{_VERBS})\b")
# One word before "said" or "told", or before ", who" / ", 45,": "Shumer said", "Daoud, who".
# Found from the rare word backwards (a scan for every capital would cost more).
_LONE_VERBS = frozenset({"said", "says", "told", "added", "declined"})
_LONE_VERB_KEYS = lowered(_LONE_VERBS)
_WHO_RE = re.compile(r", (?:who\b|(?:aged )?\d{1,2},)")
_NAME_BEFORE_RE = re.compile(rf"(?<![\w'’-])({_NAME})$")


_POSSESSIVE_END = re.compile(r"['’]s$")
_NATIONALITY_END = re.compile(r"(?:ese|ian|ish)$")


def _acceptable(name: str, lex: Lexicon, *, single_ok: bool) -> str | None:
    """Trim leading non-name words; reject places, organisations and name heads.

    A town's name inside a longer name is no objection: the cue says person, and many
    given names and surnames are also towns ("George Grech", "Ryutaro Hashimoto")."""
    words = name.split()
    titled = [k for k, w in enumerate(words) if w in nm.TITLE_WORDS]
    if titled:  # "Trade Secretary Ian Lang": the title is not part of the person
        words = words[titled[-1] + 1:]
    given = load_person_names().given
    while words and (words[0] in nm.NOT_NAMES or words[0] in nm.TITLES
                     or _is_known_non_person(words[0], lex)
                     and not (len(words) > 1 and words[0] in given and _is_town(words[0], lex))):
        words.pop(0)
    if not words or (len(words) == 1 and not single_ok):
        return None
    for w in words:
        core = _POSSESSIVE_END.sub("", w)
        if core in nm.NOT_NAMES or core in nm.ORG_HEADS or core in nm.FACILITY_HEADS \
                or core in nm.EVENT_HEADS \
                or _is_known_non_person(core, lex) and (len(words) == 1 or not _is_town(core, lex)):
            return None
    joined = " ".join(words)
    known = lex.get(joined)
    if known is not None and known.type != "PERSON":
        return None
    return joined


def _is_town(word: str, lex: Lexicon) -> bool:
    known = lex.get(word)
    return known is not None and known.type == "PLACE" and known.kind not in ("country",
                                                                                "region")


def _is_known_non_person(word: str, lex: Lexicon) -> bool:
    known = lex.get(word)
    return known is not None and known.type != "PERSON" and word not in nm.CHINESE_SURNAMES


def find_people(text: str, toks: list[Token], lex: Lexicon) -> list[tuple[int, int, str]]:
    """(start, end, name) for every person cue; overlaps are resolved by the caller."""
    found: list[tuple[int, int, str]] = []
    pn = load_person_names()

    def add(m: re.Match[str], group: int, *, single_ok: bool, offset: int = 0,
            named: bool = False) -> None:
        raw = m.group(group)
        raw = _POSSESSIVE_END.sub("", raw)
        name = _acceptable(raw, lex, single_ok=single_ok)
        if name is None:
            return
        if named and not has_name_word(name, pn) and speaks_as_company(text, m.end(group)):
            return  # "Credit Suisse said it would": no name word, and "it" speaks
        begin = m.start(group) + offset
        start = begin + raw.rfind(name) if name in raw else begin
        end = start + len(name)
        if text[start:end] == name:
            found.append((start, end, name))

    for m in matches_at(_TITLE_RE, text, _title_starts(toks, text)):
        name = m.group(1)
        single_ok = not (len(name.split()) == 1 and _NATIONALITY_END.search(name))
        add(m, 1, single_ok=single_ok)
    for m in _APPOSITIVE_RE.finditer(text):
        if m.group(2).lower() in nm.ROLE_WORDS:
            add(m, 1, single_ok=False)
    verbs_at = occurrences(text, nm.SPEECH_VERBS)
    for m in matches_at(_AFTER_VERB_RE, text, verbs_at):
        add(m, 1, single_ok=True, named=True)
    for m in matches_at(_BEFORE_VERB_RE, text, _names_before(text, verbs_at)):
        add(m, 1, single_ok=False, named=True)
    for i in indices_of(toks, _LONE_VERB_KEYS):
        if i < 1 or toks[i].text not in _LONE_VERBS:
            continue
        prev = toks[i - 1]
        word = prev.core
        if not prev.cap or prev.upper or prev.possessive or text[prev.end:toks[i].start] != " " \
                or lex.get(word) is not None or (word not in pn.surnames and word not in pn.given):
            continue
        if i > 1 and not prev.first and text[toks[i - 2].end:prev.start] == " ":
            continue  # "X Y said": a longer name, the other rules' case
        found.append((prev.start, prev.core_end, word))
    for m in _WHO_RE.finditer(text):
        lo = max(0, m.start() - 60)
        before = _NAME_BEFORE_RE.search(text, lo, m.start())
        if before is not None:
            add(before, 1, single_ok=True)
    return found


def matches_at(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text)`` yields when no match can start outside ``starts``
    (sorted): the pattern is tried there only, not at every character."""
    pos = 0
    for p in starts:
        if p < pos:
            continue
        m = pattern.match(text, p)
        if m is not None:
            yield m
            pos = max(m.end(), p + 1)


def _title_starts(toks: list[Token], text: str) -> list[int]:
    """Offsets where ``_TITLE_RE`` can match, in order: the regex opens on a look back,
    which the engine tried at every character of the text (0.2 ms an article); the
    words of a title start where a token does (or inside one, after "&" or an apostrophe)."""
    starts = [toks[i].start for i in indices_of(toks, _TITLE_KEYS)]
    inside = [p + 1 for p in occurrences(text, _INSIDE_TOKEN)]
    return sorted(set(starts + inside)) if inside else starts


_CAPITAL = re.compile(r"[A-Z]")


def _names_before(text: str, verbs_at: list[int]) -> list[int]:
    """Where "Name Name said" can start: a capital within the three whitespace-separated
    chunks before a reporting verb that follows whitespace (the name is three words at most)."""
    found: set[int] = set()
    for v in verbs_at:
        if v == 0 or not text[v - 1].isspace():
            continue
        end = v
        while end > 0 and text[end - 1].isspace():
            end -= 1
        lo = end
        for chunk in range(3):
            while lo > 0 and not text[lo - 1].isspace():
                lo -= 1
            if chunk < 2:
                while lo > 0 and text[lo - 1].isspace():
                    lo -= 1
        found.update(m.start() for m in _CAPITAL.finditer(text, lo, end))
    return sorted(found)
