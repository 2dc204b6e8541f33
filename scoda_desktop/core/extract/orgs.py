"""Organisations found from their context, not from a list: teams in results and reports,
companies described or acting as companies.

Why context: most organisations in news carry no head word ("Motorola", "Rabobank",
"Ajax") and many teams are named by their town alone ("Surrey beat Kent", "Marseille 1
Metz 2"). What gives them away is how the sentence uses them:

- a score line ("Amica Wronki 3 Hutnik Krakow 0"), a standings row ("Spartak Moscow 25 14
  7 4"), "X v Y", or a competition verb ("beat", "drew with", "lost to"): the names are
  sides of a match. A country stays a place (national sides are their country);
- a company noun right before the name ("exploration company Ivernia", "reinsurance group
  Scor", "Canadian firm Aaxis") or a company's attribute after it ("Motorola's shares",
  "shares of Rabobank", "Ducati posted a profit");
- a club prefix or suffix glued to a town ("PSV Eindhoven", "Hansa Rostock", "1860 Munich").
"""

from __future__ import annotations

import re

from scoda_desktop.core.extract import names as nm
from scoda_desktop.core.extract.lexicon import Lexicon
from scoda_desktop.core.extract.person_names import (
    PersonNames,
    has_name_word,
    speaks_as_company,
)
from scoda_desktop.core.extract.text import Token, cap_indices, indices_of, lowered

# Verbs whose subject and object are the sides of a match.
_MATCH_VERBS = nm.word_set("beat beats defeated defeat thrashed edged hammered routed "
                           "overcame outplayed trounced crushed v vs vs.")
_MATCH_PAIRS = {("drew", "with"), ("draw", "with"), ("lost", "to"), ("lose", "to"),
                ("loses", "to"), ("drew", "against"), ("won", "against"), ("lost", "against")}
# Lower-case nouns that describe the capitalised name right after them as an organisation.
COMPANY_NOUNS = nm.word_set("""
company companies firm group bank lender insurer reinsurer carrier airline operator maker
manufacturer producer retailer broker brokerage conglomerate giant rival subsidiary unit
utility developer distributor supplier exporter importer forwarder shipper shipowner
newspaper daily weekly magazine agency club side team party consortium miner refiner
automaker carmaker chipmaker steelmaker drugmaker publisher broadcaster
""")
# Nouns after "X's" that belong to an organisation ("Motorola's shares").
_COMPANY_ATTRIBUTES = nm.word_set("""
shares stock stake subsidiary subsidiaries unit units board shareholders profit profits
earnings revenue revenues turnover takeover merger bid offer bonds debt sales
""")
# Verbs whose subject is a company when nothing says it is a person.
_COMPANY_VERBS = nm.word_set("posted reported shares")
_SPEECH = nm.word_set("said says announced")
_COMPANY_HINT = COMPANY_NOUNS | _COMPANY_ATTRIBUTES | _COMPANY_VERBS | _SPEECH | {"Shares"}
_COMPANY_HINT_KEYS = lowered(_COMPANY_HINT)
# Plurals that end place names, not team nicknames: "Palm Springs", "Chicago Heights".
_PLACE_PLURALS = nm.word_set("""
Islands Heights Springs Falls Hills Plains Mountains Lakes Rapids Sands Woods Gardens Downs
Keys Fields Meadows Highlands Lowlands Isles Rocks Cliffs Oaks Pines Waters Forks Shoals
Narrows Straits Flats Grounds Towers Apartments Mills Dunes Estates Villas Parks Times News
Airways Airlines Railways Ports Holdings Industries Motors Systems Communications Partners
""")
_SCORE_HINT = re.compile(r"[A-Z][\w'’.-]* \d{1,3}(?:-\d{1,3})?(?: [A-Z(\d]|$)", re.M)
_MATCH_HINT = _MATCH_VERBS | {first for first, _ in _MATCH_PAIRS}
_MATCH_HINT_KEYS = lowered(_MATCH_HINT)
_SCORE = re.compile(r"\d{1,3}(?:-\d{1,3})?")
_INT = re.compile(r"\d{1,3}")


def _run_from(text: str, toks: list[Token], i: int) -> int:
    """Last token of the capitalised run starting at ``i`` (single spaces, no possessive
    inside, "St" and roman numerals kept: "Paris St Germain", "Willem II Tilburg")."""
    j = i
    while j + 1 < len(toks) and not toks[j].possessive and toks[j + 1].cap \
            and text[toks[j].end:toks[j + 1].start] == " " and j - i < 4:
        j += 1
    return j


def _run_back(text: str, toks: list[Token], j: int) -> int:
    i = j
    while i > 0 and toks[i - 1].cap and not toks[i - 1].possessive and j - i < 4 \
            and text[toks[i - 1].end:toks[i].start] == " " and not toks[i].first:
        i -= 1
    return i


def _side(lex: Lexicon, text: str, toks: list[Token], i: int, j: int) -> tuple[int, int] | None:
    while i <= j and toks[i].core in nm.NOT_NAMES:
        i += 1
    if i > j:
        return None
    known = lex.get(text[toks[i].start:toks[j].core_end])
    if known is not None and (known.kind == "country" or known.type in ("GROUP", "PERSON")):
        return None  # a national side is its country; a listed person stays a person
    return toks[i].start, toks[j].core_end


def team_spans(text: str, toks: list[Token], lex: Lexicon) -> list[tuple[int, int]]:
    """Spans of the names used as sides of a match (score lines, standings, "X beat Y")."""
    out: list[tuple[int, int]] = []
    n = len(toks)
    pairs: list[tuple[int, int, int]] = []  # (run start, run end, score token)
    i = 0
    # most articles have no score at all; a run starts at a capital not inside the last one
    for c in cap_indices(toks) if _SCORE_HINT.search(text) else ():
        if c < i:
            continue
        i = c
        j = _run_from(text, toks, i)
        k = j + 1
        if k < n and _SCORE.fullmatch(toks[k].text) and text[toks[j].end:toks[k].start] == " " \
                and not toks[k].first and text[toks[k].end:toks[k].end + 1] != "." \
                and text[toks[k].end:toks[k].end + 2] not in (" -", " %"):
            pairs.append((i, j, k))
        i = j + 1
    # Two sides with a score each, one after the other (scorers in brackets between).
    for (a, b, s), (c, d, _) in zip(pairs, pairs[1:], strict=False):
        gap = text[toks[s].end:toks[c].start]
        if toks[c].first or "\n" in gap or not re.fullmatch(r" (?:\([^()]{0,120}\) )?,? ?", gap):
            continue
        for lo, hi in ((a, b), (c, d)):
            side = _side(lex, text, toks, lo, hi)
            if side:
                out.append(side)
    # A standings row: a name opening its line, then three numbers or more and nothing else.
    for a, b, s in pairs:
        if not toks[a].first:
            continue
        rest = toks[s:s + 12]
        nums = 0
        for t in rest:
            if t.first and t is not toks[s]:
                break
            if not re.fullmatch(r"[\d.,/-]+", t.text):
                nums = -1
                break
            nums += 1
        if nums >= 3:
            side = _side(lex, text, toks, a, b)
            if side:
                out.append(side)
    # "Surrey beat Kent", "v Lancashire", "drew with Nantes".
    for v in indices_of(toks, _MATCH_HINT_KEYS):
        if toks[v].text not in _MATCH_HINT:
            continue
        word = toks[v].text
        obj = None
        if word in _MATCH_VERBS:
            obj = v + 1
        elif v + 1 < n and (word, toks[v + 1].text) in _MATCH_PAIRS:
            obj = v + 2
        if obj is None:
            continue
        if obj < n and toks[obj].cap and text[toks[obj - 1].end:toks[obj].start] == " ":
            side = _side(lex, text, toks, obj, _run_from(text, toks, obj))
            if side:
                out.append(side)
        if v > 0 and toks[v - 1].cap and text[toks[v - 1].end:toks[v].start] == " ":
            side = _side(lex, text, toks, _run_back(text, toks, v - 1), v - 1)
            if side:
                out.append(side)
    return out


def club_names(text: str, toks: list[Token], lex: Lexicon,
               pn: PersonNames) -> list[tuple[int, int]]:
    """"PSV Eindhoven", "Hansa Rostock", "1860 Munich": an acronym, a number or an unknown
    word right before a town (never a given name: "George Grech" is a person)."""
    out: list[tuple[int, int]] = []
    for i in cap_indices(toks):
        tok, prev = toks[i], toks[i - 1]
        if i < 1 or tok.upper:
            continue
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        glued = (prev.cap or prev.text.isdigit()) and not prev.possessive \
            and text[prev.end:tok.start] == " "
        nicknamed = nxt is not None and nxt.cap and nxt.core.endswith("s")
        if not glued and not nicknamed:
            continue  # cheap tests first: most capitals have neither neighbour
        known = lex.get(tok.core)
        if known is None or known.type != "PLACE" or known.kind in ("country", "region"):
            continue
        if i + 1 < len(toks) and toks[i + 1].cap and text[tok.end:toks[i + 1].start] == " ":
            nxt = toks[i + 1]  # "Chicago Cubs", "Detroit Tigers": a town and a plural nickname
            if nicknamed and not nxt.upper and not nxt.possessive \
                    and nxt.core not in _PLACE_PLURALS and lex.get(nxt.core) is None \
                    and nxt.core not in nm.HEAD_WORDS and (i + 2 >= len(toks)
                                                          or not toks[i + 2].cap):
                out.append((tok.start, nxt.core_end))
            continue
        if not glued:
            continue
        word = prev.core
        club = (prev.upper and 2 <= len(word) <= 4 and word.isalpha()
                and word not in nm.NOT_ACRONYMS) \
            or (word.isdigit() and len(word) == 4) \
            or (prev.cap and not prev.upper and lex.get(word) is None and word not in pn.given
                and word not in pn.surnames and word not in nm.NOT_NAMES
                and word not in nm.HEAD_WORDS and word not in nm.TITLE_WORDS
                and word not in nm.NOT_PERSON_WORDS and not prev.first
                and (i < 2 or not toks[i - 2].cap))
        if club:
            out.append((prev.start, tok.core_end))
    return out


def company_contexts(text: str, toks: list[Token], lex: Lexicon,
                     pn: PersonNames) -> list[tuple[int, int]]:
    """Capitalised names an organisation's context describes: "exploration company Ivernia",
    "Motorola's shares", "shares of Rabobank", "Ducati posted"."""
    out: list[tuple[int, int]] = []
    n = len(toks)

    def unknown(i: int, j: int) -> tuple[int, int] | None:
        while i <= j and toks[i].core in nm.NOT_NAMES:
            i += 1
        if i > j:
            return None
        words = [t.core for t in toks[i:j + 1]]
        name = " ".join(words)
        known = lex.get(name)
        if known is not None and known.type != "ORG":
            return None
        if known is None and (words[0] in pn.given and len(words) > 1
                              or any(w in nm.TITLE_WORDS for w in words)):
            return None  # "company chairman John Smith"
        return toks[i].start, toks[j].core_end

    for i in indices_of(toks, _COMPANY_HINT_KEYS):
        if toks[i].text not in _COMPANY_HINT:
            continue
        if toks[i].text.lower() == "shares" and i + 1 < n and toks[i + 1].text in ("of", "in"):
            i += 1  # "shares of Rabobank": read from the "of"
        tok = toks[i]
        word = tok.text
        described = word in COMPANY_NOUNS and not (i + 1 < n and toks[i + 1].upper)
        shares_of = word in ("of", "in") and i > 0 and toks[i - 1].text.lower() == "shares"
        if (described or shares_of) and i + 1 < n and toks[i + 1].cap \
                and text[tok.end:toks[i + 1].start] == " ":
            span = unknown(i + 1, _run_from(text, toks, i + 1))
            if span:
                out.append(span)
        elif word in _COMPANY_ATTRIBUTES and i > 0 and toks[i - 1].possessive \
                and toks[i - 1].cap and not toks[i - 1].upper:
            span = unknown(_run_back(text, toks, i - 1), i - 1)
            if span:
                out.append(span)
        elif word in _SPEECH and i > 0 and toks[i - 1].cap and not toks[i - 1].possessive \
                and text[toks[i - 1].end:tok.start] == " " and speaks_as_company(text, tok.end):
            lo = _run_back(text, toks, i - 1)
            name = text[toks[lo].start:toks[i - 1].core_end]
            span = None if has_name_word(name, pn) else unknown(lo, i - 1)
            if span:
                out.append(span)
        elif word in _COMPANY_VERBS and i > 0 and toks[i - 1].cap and not toks[i - 1].upper \
                and not toks[i - 1].possessive and text[toks[i - 1].end:tok.start] == " ":
            span = unknown(_run_back(text, toks, i - 1), i - 1)
            if span:
                out.append(span)
    return out
