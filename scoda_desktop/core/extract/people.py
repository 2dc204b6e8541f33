"""Person-name cues: titles, appositives, reporting verbs and Chinese name shape.

Why cues rather than a name list: the people in this news (officials, merchants, scholars)
are mostly not famous, but they are introduced the same few ways: "President Xi Jinping",
"Chi Yongxin, an official with ...", "said Svetlana", "Zhang Ming, secretary-general of".
"""

from __future__ import annotations

import re

from scoda_desktop.core.extract import names as nm
from scoda_desktop.core.extract.lexicon import Lexicon
from scoda_desktop.core.extract.text import Token

_WORD = r"[A-Z][a-z][\w'’-]*"
_NAME = rf"{_WORD}(?: {_WORD}){{0,2}}"
_TITLE_RE = re.compile(
    r"(?<![\w-])(?:" + "|".join(re.escape(t) for t in sorted(nm.TITLES, key=len, reverse=True))
    + rf")\s+({_NAME})"
)
_APPOSITIVE_RE = re.compile(
    rf"({_WORD}(?: {_WORD}){{1,2}}),\s+(?:a |an |the )?([A-Za-z-]+)"
)
_VERBS = "|".join(re.escape(v) for v in nm.SPEECH_VERBS)
_AFTER_VERB_RE = re.compile(rf"\b(?:{_VERBS})\s+({_NAME})")
_BEFORE_VERB_RE = re.compile(rf"({_WORD}(?: {_WORD}){{1,2}})\s+(?:{_VERBS})\b")


def _acceptable(name: str, lex: Lexicon, *, single_ok: bool) -> str | None:
    """Trim leading non-name words; reject places, organisations and name heads."""
    words = name.split()
    titled = [k for k, w in enumerate(words) if w in nm.TITLE_WORDS]
    if titled:  # "Trade Secretary Ian Lang": the title is not part of the person
        words = words[titled[-1] + 1:]
    while words and (words[0] in nm.NOT_NAMES or words[0] in nm.TITLES
                     or _is_known_non_person(words[0], lex)):
        words.pop(0)
    if not words or (len(words) == 1 and not single_ok):
        return None
    for w in words:
        core = re.sub(r"['’]s$", "", w)
        if core in nm.NOT_NAMES or core in nm.ORG_HEADS or core in nm.FACILITY_HEADS \
                or core in nm.EVENT_HEADS or _is_known_non_person(core, lex):
            return None
    joined = " ".join(words)
    known = lex.get(joined)
    if known is not None and known.type != "PERSON":
        return None
    return joined


def _is_known_non_person(word: str, lex: Lexicon) -> bool:
    known = lex.get(word)
    return known is not None and known.type != "PERSON" and word not in nm.CHINESE_SURNAMES


def find_people(text: str, toks: list[Token], lex: Lexicon) -> list[tuple[int, int, str]]:
    """(start, end, name) for every person cue; overlaps are resolved by the caller."""
    found: list[tuple[int, int, str]] = []

    def add(m: re.Match[str], group: int, *, single_ok: bool) -> None:
        raw = m.group(group)
        raw = re.sub(r"['’]s$", "", raw)
        name = _acceptable(raw, lex, single_ok=single_ok)
        if name is None:
            return
        start = m.start(group) + raw.rfind(name) if name in raw else m.start(group)
        end = start + len(name)
        if text[start:end] == name:
            found.append((start, end, name))

    for m in _TITLE_RE.finditer(text):
        name = m.group(1)
        single_ok = not (len(name.split()) == 1 and re.search(r"(?:ese|ian|ish)$", name))
        add(m, 1, single_ok=single_ok)
    for m in _APPOSITIVE_RE.finditer(text):
        if m.group(2).lower() in nm.ROLE_WORDS:
            add(m, 1, single_ok=False)
    for m in _AFTER_VERB_RE.finditer(text):
        add(m, 1, single_ok=True)
    for m in _BEFORE_VERB_RE.finditer(text):
        add(m, 1, single_ok=False)
    # Chinese names: a common surname and a pinyin given name ("Zang Yuanqi").
    for i in range(len(toks) - 1):
        sur, given = toks[i], toks[i + 1]
        if sur.core not in nm.CHINESE_SURNAMES or sur.possessive \
                or text[sur.end:given.start] != " " or not nm.is_pinyin_given_name(given.core):
            continue
        if i + 2 < len(toks) and toks[i + 2].cap and text[given.end:toks[i + 2].start] == " ":
            continue  # part of a longer capitalised name
        if i > 0 and toks[i - 1].cap and text[toks[i - 1].end:sur.start] == " " \
                and toks[i - 1].core not in nm.TITLES and toks[i - 1].core not in nm.NOT_NAMES:
            continue
        name = f"{sur.core} {given.core}"
        if lex.get(name) is None:
            found.append((sur.start, given.core_end, name))
    return found
