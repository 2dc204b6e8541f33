"""Candidates read from capitalised phrases: listed names, headed names ("Hisense Group",
"Ministry of Commerce"), designated places ("Sughd region", "Abadan refinery"), institutions
named by their head ("the Kremlin") and airlines ("Air Astana").

Why these together: each walks the capitalised words of the text (``cap_indices``) or a
few trigger words (``indices_of``), never every token, and looks the phrase up in the
lexicon.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from scoda_desktop.core.extract import names as nm
from scoda_desktop.core.extract.candidates import HEAD_TYPE, Candidate, clean_name
from scoda_desktop.core.extract.lexicon import Known, Lexicon
from scoda_desktop.core.extract.text import Token, cap_indices, indices_of, lowered

_DESIGNATORS = {"region", "province", "prefecture", "oblast", "county", "district",
                "governorate"}
_ORG_NOUNS = {"party"}  # "the Nur Otan party"
_FACILITY_NOUNS = {"refinery", "port", "airport", "plant", "terminal", "mine", "dam",
                   "pipeline", "station", "seaport", "dry port"}
_INSTITUTION_WORDS = lowered(nm.INSTITUTIONS | nm.PROPER_INSTITUTIONS)
_AIR = lowered({"Air"})
_HEAD_WORDS = lowered(HEAD_TYPE)
_PLACE_NOUNS = lowered(_DESIGNATORS | _FACILITY_NOUNS | _ORG_NOUNS)
_DEMONYM = re.compile(r"(?:ese|ian|ish|ean|can|ern)$")
_TOWN_COMMA = re.compile(r"[A-Z][a-z]+, ")
_TOWN_PREPOSITIONS = ("in", "In", "at", "At", "from", "From", "near", "Near", "to", "of")
_WORD_CHAR = re.compile(r"\w")


_OF_THE = re.compile(r" (?:of|for) (?:the )?")
_BRACKETED_ACRONYM = re.compile(r" \(([A-Z]{2,8})\) ")


def lexicon_matches(text: str, toks: list[Token], lex: Lexicon) -> list[Candidate]:
    out: list[Candidate] = []
    n_tok = len(toks)
    get, names, max_words = lex.get, lex.names, lex.max_words
    # Without a curly apostrophe in the text a phrase is its own prefix key (no replace).
    prefixes = lex.prefixes if "’" not in text else None
    for i in cap_indices(toks):
        tok = toks[i]
        j = i
        best: tuple[int, object] | None = None
        while j < n_tok and j - i < max_words:
            key = tok.core if j == i else text[tok.start:toks[j].core_end]
            known = names.get(key)  # get()'s first step; its fallbacks only when it misses
            if known is None and ("'" in key or "’" in key or key.isupper()):
                known = get(key)
            if known is not None:
                best = (j, known)
            if toks[j].possessive or j + 1 >= n_tok or \
                    text[toks[j].end:toks[j + 1].start] != " ":
                break
            phrase = text[tok.start:toks[j].end]
            if not (phrase in prefixes if prefixes is not None else lex.continues(phrase)):
                break  # no listed name goes on from here
            j += 1
        if best is not None:
            j, known = best
            if known.kind == "city" and j == i and i > 0 \
                    and toks[i - 1].text.lower() in ("a", "an"):
                continue  # "into a Hub": a common noun that is also a town
            out.append(Candidate(tok.start, toks[j].core_end, known.type,  # type: ignore[attr-defined]
                                 known.canonical, 3, "lexicon"))  # type: ignore[attr-defined]
    return out


def capitalised_runs(text: str, toks: list[Token]) -> list[list[int]]:
    """Maximal capitalised phrases: "Science and Technology Park", "Express (Qilu) X"."""
    runs: list[list[int]] = []
    i = 0
    for c in cap_indices(toks):
        if c < i:
            continue  # inside the previous run
        i = c
        run = [i]
        while True:
            last = run[-1]
            tok = toks[last]
            if tok.possessive and tok.core not in nm.NAME_POSSESSIVES:
                break
            nxt = last + 1
            if nxt >= len(toks):
                break
            gap = text[tok.end:toks[nxt].start]
            if gap == " " and toks[nxt].cap:
                run.append(nxt)
                continue
            if gap == " " and toks[nxt].text in ("and", "&") and tok.core not in HEAD_TYPE \
                    and nxt + 1 < len(toks) and toks[nxt + 1].cap \
                    and text[toks[nxt].end:toks[nxt + 1].start] == " ":
                run += [nxt, nxt + 1]
                continue
            if gap == " (" and toks[nxt].cap and nxt + 1 < len(toks) \
                    and text[toks[nxt].end:toks[nxt + 1].start] == ") " \
                    and toks[nxt + 1].cap:
                run += [nxt, nxt + 1]
                continue
            break
        runs.append(run)
        i = run[-1] + 1
    return runs


def headed_phrases(text: str, toks: list[Token], lex: Lexicon) -> list[Candidate]:
    out: list[Candidate] = []
    head_at = {i for i in indices_of(toks, _HEAD_WORDS) if toks[i].core in HEAD_TYPE}
    if not head_at:
        return out  # no head word anywhere: no headed phrase
    runs = capitalised_runs(text, toks)
    run_at = {run[0]: run for run in runs}
    for run in runs:
        if head_at.isdisjoint(run):
            continue  # no head word: no headed phrase (most runs)
        heads = [k for k, t in enumerate(run) if t in head_at]
        event = bool(heads) and HEAD_TYPE[toks[run[heads[-1]]].core] == "EVENT"
        while run and (toks[run[0]].core in nm.NOT_NAMES or toks[run[0]].text in ("and", "&")):
            if event and toks[run[0]].core in nm.ORDINALS:
                break  # "Second Belt and Road Energy Ministerial Conference"
            run = run[1:]
            heads = [k - 1 for k in heads if k > 0]
        if not heads:
            continue
        k = heads[-1]
        body = run[: k + 1]
        head_type = HEAD_TYPE[toks[body[-1]].core]
        end_tok = body[-1]
        tail_start = None
        for _ in range(4):  # "Council of Heads of Member States of the ..."
            tok = toks[end_tok]
            if tok.possessive:
                break
            m = _OF_THE.match(text[tok.end:tok.end + 9])
            if not m:
                break
            nxt = next((t for t in range(end_tok + 1, min(end_tok + 4, len(toks)))
                        if toks[t].start == tok.end + m.end()), None)
            if nxt is None or nxt not in run_at or toks[nxt].core in nm.NOT_NAMES:
                break
            tail = run_at[nxt]
            tail_heads = [t for t in tail if toks[t].core in HEAD_TYPE]
            tail_start = tail_start or tok.end
            end_tok = tail_heads[-1] if tail_heads else tail[-1]
        if len(body) < 2 and tail_start is None:
            continue
        if head_type == "FACILITY" and tail_start is not None \
                and toks[body[-1]].core in ("Center", "Centre") \
                and text[toks[body[-1]].end:toks[body[-1]].end + 5] == " for ":
            head_type = "ORG"  # "Center for Economic Research": an institute
        if head_type == "FACILITY" and toks[body[-1]].core == "Corridor" \
                and toks[body[-2]].core == "Economic":
            head_type = "ORG"  # "China-Pakistan Economic Corridor": a programme, as BRI
        start, end = toks[body[0]].start, toks[end_tok].core_end
        known = lookup_phrase(lex, text[start:end])
        if known is not None:
            out.append(Candidate(start, end, known.type, known.canonical, 3, "lexicon"))
        else:
            out.append(Candidate(start, end, head_type, clean_name(text[start:end]), 2,
                                 "head", tail_start))
    return out


def lookup_phrase(lex: Lexicon, phrase: str) -> Known | None:
    """Exact name, or with an inserted acronym: "Organization (SCO) Local ... Area"."""
    phrase = " ".join(phrase.split())
    known = lex.get(phrase)
    m = _BRACKETED_ACRONYM.search(phrase)
    if known is None and m:
        known = lex.get(m.group(1) + " " + phrase[m.end():]) or \
            lex.get(phrase[: m.start()] + " " + phrase[m.end():])
    return known


def designated_places(text: str, toks: list[Token], lex: Lexicon) -> list[Candidate]:
    """"Sughd region", "Shandong province", "Abadan refinery", "Valjevo, Serbia"."""
    out: list[Candidate] = []
    for i in indices_of(toks, _PLACE_NOUNS):
        tok = toks[i]
        word = tok.core.lower()
        j = i - 1
        if word in _DESIGNATORS and j >= 0 and toks[j].text == "autonomous":
            j -= 1
        parts: list[int] = []
        while j >= 0 and len(parts) < 3 and toks[j].cap and not toks[j].upper \
                and text[toks[j].end:toks[j + 1].start] == " " \
                and (not toks[j].possessive or not parts):
            if toks[j].possessive:
                break
            parts.insert(0, j)
            j -= 1
        while parts and toks[parts[0]].core in nm.NOT_NAMES:
            parts.pop(0)
        if not parts:
            continue
        name = text[toks[parts[0]].start:toks[parts[-1]].core_end]
        known = lex.get(name)
        if known is None and len(parts) == 1 and _DEMONYM.search(name):
            continue
        if known is not None and known.type != "PLACE":
            continue
        start, end = toks[parts[0]].start, tok.core_end
        if word in _ORG_NOUNS:
            if known is None and not _DEMONYM.search(name):
                out.append(Candidate(toks[parts[0]].start, toks[parts[-1]].core_end,
                                     "ORG", clean_name(name), 2, "designator"))
        elif word in _DESIGNATORS:
            canonical = known.canonical if known else clean_name(text[start:end])
            out.append(Candidate(start, end, "PLACE", canonical, 2, "designator"))
        else:
            titled = lex.get(name + " " + tok.core.title())
            canonical = titled.canonical if titled else clean_name(text[start:end])
            out.append(Candidate(start, end, "FACILITY", canonical, 2, "facility"))
    for start, end, after in _in_town_comma(text):
        rest = text[after:after + 40]
        country = next((lex.get(" ".join(rest.split()[:n]).rstrip(".,;:"))
                        for n in (3, 2, 1)
                        if (k := lex.get(" ".join(rest.split()[:n]).rstrip(".,;:")))
                        and k.kind == "country"), None)
        name = text[start:end]
        if country and lex.get(name) is None and name not in nm.NOT_NAMES:
            out.append(Candidate(start, end, "PLACE", name, 1, "city"))
    return out


def _in_town_comma(text: str) -> Iterator[tuple[int, int, int]]:
    r"""(start, end) of X and the end of its ", " in "in X, ", "from X, ", ...: what
    ``\b(?:[Ii]n|[Aa]t|[Ff]rom|[Nn]ear|to|of) ([A-Z][a-z]+), `` finds, looked for from the
    capitalised word and its comma (a regex that opens on a word boundary is tried at every
    character)."""
    for m in _TOWN_COMMA.finditer(text):
        q = m.start()
        if q < 2 or text[q - 1] != " ":
            continue
        for prep in _TOWN_PREPOSITIONS:
            p = q - 1 - len(prep)
            if p >= 0 and text.startswith(prep, p) \
                    and (p == 0 or not _WORD_CHAR.match(text, p - 1)):
                yield q, m.end() - 2, m.end()
                break


def institutions(text: str, toks: list[Token]) -> list[Candidate]:
    """"the Senate", "the Kremlin": an institution named by its head word alone."""
    out: list[Candidate] = []
    for i in indices_of(toks, _INSTITUTION_WORDS):
        tok = toks[i]
        if i < 1 or tok.core not in nm.INSTITUTIONS and tok.core not in nm.PROPER_INSTITUTIONS:
            continue
        prev = toks[i - 1]
        if tok.core in nm.INSTITUTIONS and prev.text in ("the", "The") \
                and text[prev.end:tok.start] == " " or tok.core in nm.PROPER_INSTITUTIONS \
                and not prev.cap and not tok.first and not (
                    i + 1 < len(toks) and toks[i + 1].cap):
            out.append(Candidate(tok.start, tok.core_end, "ORG", tok.core, 1, "institution"))
    return out


def air_lines(text: str, toks: list[Token], lex: Lexicon) -> list[Candidate]:
    """"Air China", "Air Astana": an airline, not the place its name ends with."""
    out: list[Candidate] = []
    for i in indices_of(toks, _AIR):
        tok = toks[i]
        if i + 1 >= len(toks) or tok.core != "Air" or text[tok.end:toks[i + 1].start] != " ":
            continue
        nxt = toks[i + 1]
        known = lex.get(nxt.core)
        if nxt.cap and known is not None and known.type in ("PLACE", "GROUP"):
            start, end = tok.start, nxt.core_end
            out.append(Candidate(start, end, "ORG", text[start:end], 2, "airline"))
    return out


def hyphenated_groups(text: str, lex: Lexicon) -> list[Candidate]:
    """"the Belarusian-Polish border": two nationalities joined by a hyphen are one group
    name, as news annotation counts them (each alone is listed). Found from the hyphens."""
    out: list[Candidate] = []
    end = 0
    p = text.find("-")
    while p >= 0:
        start = _word_start(text, p) if p >= end else -1
        if start >= 0:
            m = _HYPHENATED.match(text, start)
            if m is not None:
                end = m.end()
                name = m.group()
                if lex.get(name) is None and all(
                        (k := lex.get(part)) is not None and k.type == "GROUP"
                        for part in name.split("-")):
                    out.append(Candidate(m.start(), m.end(), "GROUP", name, 2, "lexicon"))
        p = text.find("-", p + 1)
    return out


_HYPHENATED = re.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)+\b(?!-)")


def _word_start(text: str, pos: int) -> int:
    while pos > 0 and text[pos - 1].isalpha():
        pos -= 1
    return pos if pos == 0 or text[pos - 1] not in "-'’" else -1


_WEB_NAME = re.compile(r"\.(?:com|net|org|io|kz|ru|cn|uz|kg|tj|az|pk|in|de)\b")
_WEB_HEAD = re.compile(r"(?:^|(?<=[^\w.@/-]))[A-Z][\w-]*$")


def web_names(text: str, lex: Lexicon) -> list[Candidate]:
    """"Kaspi.kz", "Alibaba.com": a capitalised name with a web domain is a company's
    name, and the dot is part of it."""
    out: list[Candidate] = []
    for m in _WEB_NAME.finditer(text):
        head = _WEB_HEAD.search(text, max(0, m.start() - 40), m.start())
        if head is None or m.end() < len(text) and text[m.end()] in "/@":
            continue
        name = text[head.start():m.end()]
        known = lex.get(name)
        out.append(Candidate(head.start(), m.end(), known.type if known else "ORG",
                             known.canonical if known else name, 3, "lexicon"))
    return out
