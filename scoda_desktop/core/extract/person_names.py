"""Given names, surnames and name particles across the corpus's cultures, and the rule that
reads them: a capitalised sequence shaped like a person's name is a person.

Why: most people in news carry no cue ("Tokayev met Mirziyoyev in Samarkand", a player by his
name alone). A given name followed by capitalised words ("Jordan Henderson", "Mansour bin
Rashid") or an unknown word followed by a known surname ("Jansher Khan") is a person even
when one of its words is also a place. The list is built by ``scripts/build_person_names.py``
from permissively licensed data (see ``resources/ATTRIBUTIONS.md``).
"""

from __future__ import annotations

import gzip
import logging
import re
from dataclasses import dataclass
from functools import lru_cache

from scoda_desktop.core.extract import names as nm
from scoda_desktop.core.extract.lexicon import Lexicon
from scoda_desktop.core.extract.text import Token, cap_indices
from scoda_desktop.resources import resource_path

log = logging.getLogger(__name__)
NAMES_FILE = "person_names.tsv.gz"
MAX_NAME_WORDS = 4


@dataclass(frozen=True, slots=True)
class PersonNames:
    given: frozenset[str]
    surnames: frozenset[str]
    particles: frozenset[str]


@lru_cache(maxsize=1)
def load_person_names() -> PersonNames:
    """The bundled lists (one gzip read, cached per process); empty if the file is missing."""
    given: set[str] = set()
    surnames: set[str] = set()
    particles: set[str] = set()
    sets = {"G": given, "S": surnames, "P": particles}
    try:
        with gzip.open(resource_path(NAMES_FILE), "rt", encoding="utf-8") as fh:
            for line in fh:
                kind, _, name = line.rstrip("\n").partition("\t")
                if kind in sets:
                    sets[kind].add(name)
    except OSError as exc:
        log.warning("person name list unavailable: %s", exc)
    given -= nm.NOT_NAMES | nm.TITLE_WORDS
    surnames -= nm.NOT_NAMES | nm.TITLE_WORDS
    return PersonNames(frozenset(given), frozenset(surnames), frozenset(particles))


def _is_other(word: str, lex: Lexicon) -> bool:
    """A word that makes a sequence something other than a person: a name head, a listed
    organisation or event, a country or region, a month."""
    if word in nm.NOT_NAMES or word in nm.HEAD_WORDS or word in nm.TITLE_WORDS \
            or word in nm.NOT_PERSON_WORDS:
        return True
    known = lex.get(word)
    return known is not None and known.type not in ("PERSON", "PLACE") \
        or known is not None and known.kind in ("country", "region")


def is_initial(tok: Token, text: str, lex: Lexicon) -> bool:
    """"J." of "J. Smith" or "A.B." of "A.B. Jones" (not "U.S.", a listed place)."""
    core = tok.core
    if len(core) == 1:
        return "A" <= core <= "Z" and text[tok.end:tok.end + 1] == "."
    return len(core) <= 6 and core.endswith(".") and core[-2:-1].isupper() \
        and lex.get(core) is None and lex.get(core.replace(".", "")) is None


def _is_title(word: str) -> bool:
    """"Minister", and hyphenated titles: "Secretary-General", "Director-General"."""
    return word in nm.TITLE_WORDS or "-" in word and any(
        part in nm.TITLE_WORDS for part in word.split("-"))


def find_name_sequences(text: str, toks: list[Token], lex: Lexicon,
                        pn: PersonNames | None = None) -> list[tuple[int, int, str]]:
    """(start, end, name) of capitalised sequences shaped like a person's name: a given
    name and a surname ("Jordan Henderson"), initials and a name ("J. Smith", "A.B. Jones"),
    an unknown word and a known surname ("Jansher Khan"), a Chinese surname and a pinyin
    given name ("Zang Yuanqi"). One pass over the tokens serves every shape."""
    pn = pn if pn is not None else load_person_names()
    found: list[tuple[int, int, str]] = []
    n_tok = len(toks)
    i = 0
    for c in cap_indices(toks):  # a name starts at a capital not inside the last sequence
        if c < i:
            continue
        i = c
        tok = toks[i]
        # is_initial is False unless the word is one letter or ends with "." (asked cheaply)
        first_initial = (len(tok.core) == 1 or tok.core[-1] == ".") and is_initial(tok, text, lex)
        if tok.possessive or tok.upper and not first_initial:
            i += 1
            continue
        seq = [i]
        initials = [first_initial]
        j = i
        while len(seq) < MAX_NAME_WORDS + 2 and not toks[j].possessive and j + 1 < n_tok \
                and ((gap := text[toks[j].end:toks[j + 1].start]) == " "
                     or initials[-1] and gap == ". "):
            nxt = toks[j + 1]
            nxt_initial = (len(nxt.core) == 1 or nxt.core[-1] == ".") \
                and is_initial(nxt, text, lex)
            if nxt.cap and (not nxt.upper or nxt_initial):
                seq.append(j + 1)
                initials.append(nxt_initial)
                j += 1
            elif nxt.text in pn.particles and j + 2 < n_tok and toks[j + 2].cap \
                    and text[nxt.end:toks[j + 2].start] == " ":
                seq += [j + 1, j + 2]
                initials += [False, False]
                j += 2
            else:
                break
        i = seq[-1] + 1
        if len(seq) < 2:
            continue  # one word (most capitals): what follows only shortens a sequence
        # "Trade Secretary Ian Lang": the person starts after the last title word.
        titled = [k for k, t in enumerate(seq) if _is_title(toks[t].core)]
        if titled == [0] and len(seq) >= 3 and toks[seq[0]].core in nm.GIVEN_TITLES \
                and toks[seq[1]].core in pn.given:
            titled, given_title = [], True  # "Sultan Ahmed Al Jaber": a given name
        else:
            given_title = False
        if titled:
            seq, initials = seq[titled[-1] + 1:], initials[titled[-1] + 1:]
        while seq and (toks[seq[0]].core in nm.NOT_NAMES or toks[seq[0]].first
                       and toks[seq[0]].core.lower() in _ROLES):
            seq, initials = seq[1:], initials[1:]  # "Economist Nargiza Alimova"
        if initials and initials[-1]:
            continue  # "J." alone, or "Smith J.": not a full name
        if len(seq) < 2 or len(seq) > MAX_NAME_WORDS + (1 if initials[0] else 0):
            continue
        if seq[0] > 0 and not initials[0]:
            before = toks[seq[0] - 1]
            if before.text in nm.PLACE_PREPOSITIONS and text[before.end:toks[seq[0]].start] == " " \
                    or before.core in ("St", "Ste") and text[before.end:before.end + 1] == ".":
                continue  # "in Monte Carlo", "St. Louis Cardinals"
        words = [toks[t].core for t in seq]
        if lex.get(" ".join(words)) is not None:
            continue  # a listed place or organisation ("Costa Rica", "Santa Clara")
        if initials[0]:
            named = [w for w, ini in zip(words, initials, strict=True) if not ini]
            ok = not any(_is_other(w, lex) for w in named if w not in pn.particles)
        elif len(words) == 2 and words[0] in nm.CHINESE_SURNAMES \
                and nm.is_pinyin_given_name(words[1]) and not _is_other(words[1], lex):
            ok = True  # "Zang Yuanqi", "Xi Jinping"
        elif given_title:
            ok = _shaped_like_person(words[1:], False, lex, pn)
        else:
            ok = _shaped_like_person(words, toks[seq[0]].first, lex, pn)
        if ok:
            start, end = toks[seq[0]].start, toks[seq[-1]].core_end
            found.append((start, end, text[start:end]))
    return found


def _shaped_like_person(words: list[str], first_in_sentence: bool, lex: Lexicon,
                        pn: PersonNames) -> bool:
    # The first word may be a country when it is a given name ("Jordan Henderson").
    if any(_is_other(w, lex) for w in words[1:] if w not in pn.particles) \
            or _is_other(words[0], lex) and not (words[0] in pn.given
                                                 and words[-1] in pn.surnames):
        return False
    first, last = words[0], words[-1]
    first_known = lex.get(first)
    last_known = lex.get(last)
    if first in pn.given and (first_known is None or last in pn.surnames):
        return last_known is None or last in pn.surnames
    # "Jansher Khan": an unknown word before a known surname
    return first_known is None and last_known is None and (
        is_surname_shaped(last) or last in pn.surnames and not first_in_sentence)


def is_surname_shaped(word: str) -> bool:
    """"Alimova", "Kovalenko", "Beridze": a Russian, Central Asian or Caucasian surname."""
    return len(word) >= 5 and word.endswith(SURNAME_ENDINGS) and "-" not in word


def has_name_word(name: str, pn: PersonNames) -> bool:
    """Does a word of ``name`` look like a person's: a listed given name or surname, a
    Chinese surname, a name particle ("al-Saadani"), a Russian or Central Asian surname?"""
    for w in name.replace("-", " ").split():
        if w in pn.given or w in pn.surnames or w in nm.CHINESE_SURNAMES \
                or w in pn.particles or is_surname_shaped(w):
            return True
    return False


_IT_SPEAKS = re.compile(r"(?:\W+\w+){0,4}?\W+(it|its|he|she|his|her)\b")


def speaks_as_company(text: str, pos: int) -> bool:
    """After "X said" (``pos`` at the end of X), does the first pronoun say "it"?
    "Credit Suisse said on Monday it would cut jobs": a company."""
    m = _IT_SPEAKS.match(text, pos, pos + 60)
    return m is not None and m.group(1) in ("it", "its")


def find_lone_surnames(text: str, toks: list[Token], lex: Lexicon
                       ) -> list[tuple[int, int, str]]:
    """Single words shaped like a Russian or Central Asian surname ("Tokayev", "Mirziyoyev",
    "Kovalenko"), capitalised inside a sentence and not a listed place or name."""
    found: list[tuple[int, int, str]] = []
    for i in cap_indices(toks):
        tok = toks[i]
        core = tok.core
        if tok.upper or not is_surname_shaped(core):
            continue
        if tok.first and not (i + 1 < len(toks) and toks[i + 1].text in _REPORTING):
            continue  # sentence-initial: only "Bekov said", where the verb shows a person
        if lex.get(core) is not None or (i + 1 < len(toks) and toks[i + 1].cap
                                         and text[tok.end:toks[i + 1].start] == " "):
            continue  # a place, or part of a longer name found by the other rules
        if i > 0 and toks[i - 1].cap and text[toks[i - 1].end:tok.start] == " " \
                and toks[i - 1].core not in nm.NOT_NAMES:
            continue
        found.append((tok.start, tok.core_end, core))
    return found


_ROLES = frozenset(t for t in nm.TITLES if t.islower())
_REPORTING = frozenset({"said", "says", "told", "added", "noted", "stressed", "met", "visited",
                        "announced", "signed", "urged"})
SURNAME_ENDINGS = ("yev", "yeva", "iyev", "ayev", "ov", "ova", "ev", "eva", "enko", "vich",
                    "ovic", "evic", "shvili", "dze", "yan", "uly", "kyzy")


def surname_of(name: str, pn: PersonNames | None = None) -> str:
    """The short form later mentions use: "Henderson" of "Jordan Henderson", "Xi" of
    "Xi Jinping", "Rashid" of "Mansour bin Rashid"."""
    words = name.split()
    if len(words) == 2 and words[0] in nm.CHINESE_SURNAMES and nm.is_pinyin_given_name(words[1]):
        return words[0]
    return words[-1]
