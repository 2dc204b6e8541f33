"""A lone surname as the subject or the object of a verb: "Tokayev called for ...",
"Rahmon also met Zhao Leji", "Pezeshkian and Rahmon signed", "Stausholm met Khurelsukh".

Why: news names a person in full once, then by surname alone, and a sentence read on its
own (a search hit, a snippet, a one-line item) has nothing else to go on. Opening a
sentence, a capital proves nothing, so the evidence is the word itself (a listed surname or
one shaped like a Russian or Central Asian surname, and not a known place or organisation)
plus a verb right after it: organisations and places also do things ("Gazprom signed"),
which is why the word must be a surname and unknown to the lexicon.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import compress
from operator import attrgetter, itemgetter, methodcaller

from scoda_desktop.core.extract import names as nm
from scoda_desktop.core.extract.lexicon import Lexicon
from scoda_desktop.core.extract.person_names import (
    SURNAME_ENDINGS,
    PersonNames,
    is_surname_shaped,
)
from scoda_desktop.core.extract.text import Token, cap_indices

# Past forms that do not end in "-ed", and present forms news uses of a person.
_VERBS = nm.word_set("""
met told said held flew took made gave spoke went led won left saw sent wrote became began
brought thought came ran sat stood put set hit beat lost paid sold bought built kept struck
chose drew drove fought found got grew heard knew laid meant rose sought shook spent taught
threw understood withdrew oversaw upheld undertook swore
says tells wants expects plans hopes believes insists argues warns thinks knows faces leads
heads meets visits calls urges signs holds takes makes gives remains returns denies rejects
accepts agrees admits claims adds notes stresses seeks asks opens proposes welcomes praises
supports opposes travels arrives leaves sees promises pledges vows buys sells owns runs
hopes intends chairs
""")
# Nouns and adjectives ending in "-ed" that follow a capital ("Rice seed").
# and participles that make a compound ("Louis based thrift", "Winner owned by").
_NOT_VERBS = nm.word_set("""
speed greed creed breed steed indeed hundred united limited based owned listed backed named
""")
# Surnames that are also the name of a commodity or a market: "Nickel extended gains".
_THINGS = nm.word_set("""
Gold Silver Copper Nickel Zinc Tin Lead Aluminium Aluminum Platinum Palladium Oil Coal Cotton
Sugar Rice Wheat Corn Coffee Cocoa Rubber Steel Iron Sales Shares Stocks Bonds Prices
""")
# Surnames that are also places news names alone for their government or their side
# ("Washington will impose tariffs", "Kent won by five wickets"); kept out of the place list
# as ambiguous (Denzel Washington), so only a cue ("Washington said") makes them a person.
_PLACES_TOO = nm.word_set("""
Washington Kent Essex Sussex Lancaster Jersey Victoria
""")
# What markets and things do, not people: "Gold closed at $388", "Silver ended", "Sales
# confirmed": a surname that is also a word ("Gold", "Sales") before these is that word.
_MARKET_VERBS = nm.word_set("""
closed ended fixed opened traded eased firmed gained slipped dropped fell rose edged jumped
slumped surged climbed dipped rallied steadied confirmed removed
""")
# Words that may stand between the name and its verb: "Rahmon also met", "Lavrov later flew".
_ADVERBS = nm.word_set("""
also later then again first still never recently previously once now already personally
""")
# Auxiliaries: a verb follows ("Lavrov has said", "Aliyev will visit").
_MODALS = nm.word_set("will would could can may might should must did does")
_HAS = nm.word_set("has had")
# Verbs whose object is a person when it is a lone surname: "Stausholm met Khurelsukh".
_MEET = nm.word_set("""
met meets meet visited thanked praised phoned telephoned congratulated received welcomed
hosted succeeded replaced criticised criticized accused urged
""")
# The first pronoun after the name: "Kent will also need to keep their nerve" is a team,
# "Ruch says it needs" a company.
_PRONOUN = re.compile(r"(?:\W+\w+){0,6}?\W+(it|its|they|their|he|she|his|her)\b")
_NOT_BEFORE = frozenset(nm.PLACE_PREPOSITIONS) | {"of", "from", "to", "St", "the", "The"}


def _is_verb(word: str) -> bool:
    return word in _VERBS or len(word) >= 5 and word.endswith("ed") and word not in _NOT_VERBS


def _verb_follows(toks: list[Token], text: str, i: int) -> bool:
    """Does a verb (maybe after an adverb or an auxiliary) follow token ``i``?"""
    n = len(toks)
    j = i + 1
    if j >= n or text[toks[i].end:toks[j].start] != " ":
        return False
    word = toks[j].text
    if not word.isalpha() or not word.islower():
        return False  # "Hong Kong-based"
    if _is_verb(word):
        return word not in _MARKET_VERBS or is_surname_shaped(toks[i].core)
    if j + 1 >= n or text[toks[j].end:toks[j + 1].start] != " ":
        return False
    after = toks[j + 1].text
    if word in _ADVERBS or word in _HAS:
        return _is_verb(after) or word in _HAS and after in ("been", "not", "also", "already")
    return word in _MODALS and after.islower() and after not in ("a", "an", "the")


def _not_a_person(text: str, pos: int) -> bool:
    m = _PRONOUN.match(text, pos, pos + 80)
    return m is not None and m.group(1) in ("it", "its", "they", "their")


def find_subject_surnames(text: str, toks: list[Token], lex: Lexicon, pn: PersonNames
                          ) -> list[tuple[int, int, str]]:
    """(start, end, name) of lone surnames before a verb, joined by "and" to one, or after a
    verb of meeting ("met", "thanked"), anywhere in a sentence."""
    found: list[tuple[int, int, str]] = []
    n = len(toks)

    def alone(i: int) -> bool:
        """A listed given name or surname, or a surname-shaped word; unknown to the lexicon
        and not part of a longer name."""
        tok = toks[i]
        core = tok.core
        if tok.upper or len(core) < 3 or core in _THINGS or core in _PLACES_TOO or not (
                core in pn.surnames or core in pn.given or is_surname_shaped(core)) \
                or core in nm.NOT_NAMES or core in nm.TITLE_WORDS or core in nm.HEAD_WORDS \
                or core in nm.NOT_PERSON_WORDS or lex.get(core) is not None:
            return False
        if i + 1 < n and toks[i + 1].cap and text[tok.end:toks[i + 1].start] == " ":
            return False
        return tok.first or i == 0 or text[toks[i - 1].end:tok.start] != " " \
            or not toks[i - 1].cap and toks[i - 1].text not in _NOT_BEFORE

    caps = cap_indices(toks)
    if not caps:
        return found
    # Only capitals that can be a name at all are looked at (most are places and
    # organisations), picked with C-level set and regex passes, not a Python test per word.
    cap_toks = itemgetter(*caps)(toks) if len(caps) > 1 else (toks[caps[0]],)
    cores = list(map(_CORE, cap_toks))
    targets = {*_name_words(pn).intersection(cores), *filter(_SHAPED, cores)}
    if not targets:
        return found
    for i, tok in compress(zip(caps, cap_toks, strict=True), map(targets.__contains__, cores)):
        if i > 0 and toks[i - 1].text in _MEET and not tok.first and alone(i):
            found.append((tok.start, tok.core_end, tok.core))  # "met Khurelsukh"
            continue
        if i + 1 >= n or toks[i + 1].cap or tok.possessive or not _verb_follows(toks, text, i) \
                or not alone(i) or _not_a_person(text, tok.core_end):
            continue
        found.append((tok.start, tok.core_end, tok.core))
        k = i
        while k >= 2 and toks[k - 1].text == "and" and toks[k - 2].cap \
                and not toks[k - 2].possessive and alone(k - 2):
            k -= 2  # "Pezeshkian and Rahmon signed"
            found.append((toks[k].start, toks[k].core_end, toks[k].core))
    return found


_CORE = attrgetter("core")
_SHAPED = methodcaller("endswith", SURNAME_ENDINGS)


@lru_cache(maxsize=4)
def _name_words(pn: PersonNames) -> frozenset[str]:
    return pn.surnames | pn.given


_RUN_BEFORE = re.compile(r"(?:^|(?<=[^\w'’.-]))((?:[A-Z][\w'’-]* ){1,3}[A-Z][\w'’-]*)$")
_PAREN_END = re.compile(r"[^()\n]{2,30}\)")


def find_people_by_country(text: str, lex: Lexicon) -> list[tuple[int, int, str]]:
    """"Sjeng Schalken (Netherlands) beat ...", "1. Noureddine Morceli (Algeria) 3:49":
    two or three capitalised words before a country in brackets, the way results and
    line-ups name athletes. A club ending in its town ("Levski Sofia (Bulgaria)") is not
    one."""
    found: list[tuple[int, int, str]] = []
    p = text.find(" (")
    while p >= 0:
        m = _PAREN_END.match(text, p + 2)
        if m is not None:
            known = lex.get(text[p + 2:m.end() - 1])
            if known is not None and known.kind == "country":
                run = _RUN_BEFORE.search(text, max(0, p - 80), p)
                if run is not None:
                    words = run.group(1).split()
                    last = lex.get(words[-1])
                    if len(words) <= 3 and lex.get(run.group(1)) is None \
                            and (last is None or last.type != "PLACE") and not any(
                            w in nm.NOT_NAMES or w in nm.HEAD_WORDS or w in nm.TITLE_WORDS
                            or w in nm.NOT_PERSON_WORDS or (k := lex.get(w)) is not None
                            and k.kind in ("country", "region") for w in words):
                        found.append((run.start(1), run.end(1), run.group(1)))
        p = text.find(" (", p + 2)
    return found
