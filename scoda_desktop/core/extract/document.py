"""The document-level pass over the chosen names: what one mention shows holds for the
whole document.

Acronyms defined in brackets, short forms ("Haier" of "Haier Group", "Jia" of "Jia
Shaoqian") and organisations shown by their context are learned per document, then found
everywhere else in it; names joined by "and" to an organisation are organisations too;
names inside an "of ..." tail are kept as nested mentions.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from operator import attrgetter

from scoda_desktop.core.extract import names as nm
from scoda_desktop.core.extract.acronyms import acronym_definitions
from scoda_desktop.core.extract.candidates import Candidate, clean_name
from scoda_desktop.core.extract.lexicon import Lexicon
from scoda_desktop.core.extract.person_names import surname_of
from scoda_desktop.core.extract.text import Taken, Token, occurrences

# Rules whose type a name found by a stronger rule elsewhere in the document overrides.
WEAK_SOURCES = frozenset({"lexicon", "city", "acronym", "camel", "institution"})
# Rules whose organisation is evidence enough to type the same name elsewhere in a document.
_ORG_EVIDENCE = frozenset({"team", "club", "company", "head", "acrodef", "airline"})
_NAME_RUN = r"[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)+"
_AND_BEFORE = re.compile(rf"(?:^|[^\w'’-])({_NAME_RUN}) (?:and|&) (?:the )?$")
_AND_AFTER = re.compile(rf" (?:and|&) (?:the )?({_NAME_RUN})(?![\w'’-])")
_WORD_CHAR = re.compile(r"\w")


def coordinated(text: str, toks: list[Token], chosen: list[Candidate],
                lex: Lexicon) -> list[Candidate]:
    """"Kazakhstan Temir Zholy and the Asian Development Bank", "Cosco Shipping and
    Qingdao Port Group": an unknown name of two words or more joined by "and" to an
    organisation is one too (a town or person inside it was a guess)."""
    out: list[Candidate] = []
    orgs = [c for c in chosen if c.type == "ORG"]
    if not orgs:
        return out
    starts: dict[int, int] = {}
    ends: dict[int, int] = {}
    for c in orgs:
        window = text[max(0, c.start - 80):c.start]
        before = _AND_BEFORE.search(window) if " and " in window or " & " in window \
            else None
        after = _AND_AFTER.match(text, c.end, c.end + 80)
        spans = []
        if before is not None:
            spans.append((c.start - len(before.group(0)) + before.start(1),
                          c.start - len(before.group(0)) + before.end(1)))
        if after is not None:
            spans.append((after.start(1), after.end(1)))
        if spans and not starts:
            starts = dict(zip(map(attrgetter("start"), toks), range(len(toks)), strict=True))
            ends = dict(zip(map(attrgetter("core_end"), toks), range(len(toks)), strict=True))
        for s, e in spans:
            if s not in starts or e not in ends or toks[starts[s]].core in nm.NOT_NAMES:
                continue
            inside = [o for o in chosen if s <= o.start and o.end <= e]
            if any(o.start == s and o.end == e or o.type in ("PERSON", "ORG")
                   for o in inside) or lex.get(text[s:e]) is not None:
                continue
            out.append(Candidate(s, e, "ORG", clean_name(text[s:e]), 2, "coordinated"))
    return out


def add_nested(chosen: list[Candidate], cands: list[Candidate]) -> None:
    """Names inside an "of ..." tail or an event name: "... of the Kyrgyz Republic"."""
    lexical = [c for c in cands if c.source == "lexicon"]
    for c in chosen:
        if c.tail_start is None and c.type != "EVENT":
            continue
        lo = c.tail_start if c.tail_start is not None else c.start
        for n in lexical:
            inside = lo <= n.start and n.end <= c.end and (n.start, n.end) != (c.start, c.end)
            if inside and (c.tail_start is not None or n.type == "PLACE") \
                    and not any(o.start < n.end and n.start < o.end for o in c.nested):
                c.nested.append(n)


def learn_aliases(text: str, chosen: list[Candidate], lex: Lexicon) -> dict[str, tuple[str, str]]:
    aliases: dict[str, tuple[str, str]] = {}
    by_end = {c.end: c for c in chosen}
    for start, acronym in acronym_definitions(text):
        owner = by_end.get(start)
        if owner is not None and owner.type != "PERSON" and len(acronym) >= 2 \
                and acronym.upper() == acronym:
            aliases.setdefault(acronym, (owner.type, owner.canonical))
    for c in chosen:
        words = c.canonical.split()
        if c.type == "ORG" and len(words) >= 2 and words[-1] in nm.CORPORATE_SUFFIXES:
            short = " ".join(words[:-1])
            if short not in nm.NOT_NAMES and lex.get(short) is None and len(short) > 2:
                aliases.setdefault(short, (c.type, c.canonical))
        elif c.type == "PERSON" and (len(words) >= 2 or c.source == "person"):
            short = surname_of(c.canonical)
            known = lex.get(short)
            if (known is None or known.type == "PLACE" and known.kind not in
                    ("country", "region")) and short not in nm.NOT_NAMES and len(short) > 2:
                aliases.setdefault(short, (c.type, c.canonical))
    return aliases


def orgs_everywhere(text: str, chosen: list[Candidate], aliases: dict[str, tuple[str, str]],
                    lex: Lexicon) -> None:
    """A name the context showed to be an organisation ("Marseille 1 Metz 2",
    "Motorola's shares") is that organisation everywhere in the document: over a town
    of the same name, a weak person guess, and where no rule found it."""
    orgs: dict[str, tuple[str, str]] = {}
    for c in chosen:
        if c.type == "ORG" and c.source in _ORG_EVIDENCE:
            orgs.setdefault(text[c.start:c.end], ("ORG", c.canonical))
    if not orgs:
        return
    for c in chosen:
        org = orgs.get(text[c.start:c.end])
        if org is None or c.type == "ORG":
            continue
        if c.type == "PLACE" and c.source in WEAK_SOURCES and is_town(lex, 
                text[c.start:c.end]) and not _after_place_word(text, c.start) \
                or c.type == "PERSON" and (c.source == "subject" or c.source in (
                    "name", "alias", "person") and text[c.start:c.end] not in aliases):
            c.type, c.canonical = org
    for name, org in orgs.items():  # found again by their rule: headed, multi-word
        if len(name) > 2 and " " not in name and name not in nm.NOT_NAMES:
            aliases.setdefault(name, org)


def is_town(lex: Lexicon, name: str) -> bool:
    known = lex.get(name)
    return known is not None and known.type == "PLACE" and known.kind not in (
        "country", "region")


def alias_mentions(text: str, chosen: list[Candidate],
                   aliases: dict[str, tuple[str, str]]) -> list[Candidate]:
    taken = Taken((c.start, c.end) for c in chosen)
    out: list[Candidate] = []
    for alias, (type_name, canonical) in aliases.items():
        # "ROBSON" in an all-caps headline is the Robson of the story.
        forms = (alias,) if alias.isupper() or len(alias) < 4 or type_name != \
            "PERSON" else (alias, alias.upper())
        for s, e in whole_words(text, forms):
            if taken.overlaps(s, e):
                continue
            out.append(Candidate(s, e, type_name, canonical, 1, "alias"))
            taken.add(s, e)
    return out


def whole_words(text: str, forms: tuple[str, ...]) -> Iterator[tuple[int, int]]:
    r"""(start, end) of each mention of one of ``forms`` as a whole word (a possessive "'s"
    may follow), left to right, not overlapping: what ``re.finditer(r"(?<![\w-])(?:f1|f2)
    (?=['’]s\b|(?![\w-]))")`` yields, found with ``str.find`` (a regex that opens on a
    look-behind is tried at every character, and it ran once per alias)."""
    n = len(text)
    pos = 0
    for p in occurrences(text, forms):
        if p < pos or p > 0 and (text[p - 1] == "-" or _WORD_CHAR.match(text, p - 1)):
            continue
        for form in forms:
            if not text.startswith(form, p):
                continue
            e = p + len(form)
            if e == n or text[e] != "-" and not _WORD_CHAR.match(text, e) \
                    or text[e] in "'’" and text[e + 1:e + 2] == "s" \
                    and (e + 2 == n or not _WORD_CHAR.match(text, e + 2)):
                yield p, e
                pos = e
                break


def _after_place_word(text: str, start: int) -> bool:
    """"in Marseille", "at Nantes": a place there, whatever the team of that name did."""
    return text[max(0, start - 6):start].rstrip().split(" ")[-1].lower() in (
        "in", "at", "near", "from", "to")
