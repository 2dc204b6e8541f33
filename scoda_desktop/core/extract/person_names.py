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
from dataclasses import dataclass
from functools import lru_cache

from scoda_desktop.core.extract import names as nm
from scoda_desktop.core.extract.lexicon import Lexicon
from scoda_desktop.core.extract.text import Token
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
    if word in nm.NOT_NAMES or word in nm.HEAD_WORDS or word in nm.TITLE_WORDS:
        return True
    known = lex.get(word)
    return known is not None and known.type not in ("PERSON", "PLACE") \
        or known is not None and known.kind in ("country", "region")


def find_name_sequences(text: str, toks: list[Token], lex: Lexicon,
                        pn: PersonNames | None = None) -> list[tuple[int, int, str]]:
    """(start, end, name) of capitalised sequences shaped like a person's name."""
    pn = pn if pn is not None else load_person_names()
    found: list[tuple[int, int, str]] = []
    n_tok = len(toks)
    i = 0
    while i < n_tok:
        tok = toks[i]
        if not tok.cap or tok.upper or tok.possessive:
            i += 1
            continue
        seq = [i]
        j = i
        while len(seq) < MAX_NAME_WORDS + 1 and not toks[j].possessive and j + 1 < n_tok \
                and text[toks[j].end:toks[j + 1].start] == " ":
            nxt = toks[j + 1]
            if nxt.cap and not nxt.upper:
                seq.append(j + 1)
                j += 1
            elif nxt.text in pn.particles and j + 2 < n_tok and toks[j + 2].cap \
                    and text[nxt.end:toks[j + 2].start] == " ":
                seq += [j + 1, j + 2]
                j += 2
            else:
                break
        i = seq[-1] + 1
        # "Trade Secretary Ian Lang": the person starts after the last title word.
        titled = [k for k, t in enumerate(seq) if toks[t].core in nm.TITLE_WORDS]
        if titled:
            seq = seq[titled[-1] + 1:]
        while seq and toks[seq[0]].core in nm.NOT_NAMES:
            seq = seq[1:]
        if len(seq) < 2 or len(seq) > MAX_NAME_WORDS:
            continue
        words = [toks[t].core for t in seq]
        # The first word may be a country when it is a given name ("Jordan Henderson").
        if any(_is_other(w, lex) for w in words[1:] if w not in pn.particles) \
                or _is_other(words[0], lex) and not (words[0] in pn.given
                                                     and words[-1] in pn.surnames):
            continue
        first, last = words[0], words[-1]
        if lex.get(" ".join(words)) is not None:
            continue  # a listed place or organisation ("Costa Rica", "Santa Clara")
        first_known = lex.get(first)
        last_known = lex.get(last)
        if first in pn.given and (first_known is None or last in pn.surnames):
            ok = last_known is None or last in pn.surnames
        elif last in pn.surnames and first_known is None and not toks[seq[0]].first \
                and last_known is None:
            ok = True  # "Jansher Khan": an unknown word before a known surname
        else:
            ok = False
        if ok:
            start, end = toks[seq[0]].start, toks[seq[-1]].core_end
            found.append((start, end, text[start:end]))
    return found


def find_lone_surnames(text: str, toks: list[Token], lex: Lexicon
                       ) -> list[tuple[int, int, str]]:
    """Single words shaped like a Russian or Central Asian surname ("Tokayev", "Mirziyoyev",
    "Kovalenko"), capitalised inside a sentence and not a listed place or name."""
    found: list[tuple[int, int, str]] = []
    for i, tok in enumerate(toks):
        core = tok.core
        if not tok.cap or tok.upper or tok.first or len(core) < 5 \
                or not core.endswith(_SURNAME_ENDINGS) or "-" in core:
            continue
        if lex.get(core) is not None or (i + 1 < len(toks) and toks[i + 1].cap
                                         and text[tok.end:toks[i + 1].start] == " "):
            continue  # a place, or part of a longer name found by the other rules
        if i > 0 and toks[i - 1].cap and text[toks[i - 1].end:tok.start] == " " \
                and toks[i - 1].core not in nm.NOT_NAMES:
            continue
        found.append((tok.start, tok.core_end, core))
    return found


_SURNAME_ENDINGS = ("yev", "yeva", "iyev", "ayev", "ov", "ova", "ev", "eva", "enko", "vich",
                    "ovic", "evic", "shvili", "dze", "yan", "uly", "kyzy")


def surname_of(name: str, pn: PersonNames | None = None) -> str:
    """The short form later mentions use: "Henderson" of "Jordan Henderson", "Xi" of
    "Xi Jinping", "Rashid" of "Mansour bin Rashid"."""
    words = name.split()
    if len(words) == 2 and words[0] in nm.CHINESE_SURNAMES and nm.is_pinyin_given_name(words[1]):
        return words[0]
    return words[-1]
