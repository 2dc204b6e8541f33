"""Rule + gazetteer entity extractor: people, organisations, places, facilities, events.

Why rules: on the seed articles a list of place and organisation names plus a handful of
patterns (name heads such as "Group" or "Park", titles before names, "NAME, an official
with ...") beats the small statistical English models on precision and recall, starts in
milliseconds and adds nothing to the bundle. ``EntityExtractor`` is the seam where a
statistical backend can plug in later.

The rules live in their own modules and each proposes candidates (``candidates.py``):
capitalised phrases and the lexicon (``phrases.py``), acronyms (``acronyms.py``), people
(``people.py``, ``person_names.py``), organisations from their context (``orgs.py``).
Overlapping candidates are resolved longest first, then by priority; the document-level pass
(``document.py``) then learns aliases ("Haier" for "Haier Group", "Jia" for "Jia Shaoqian",
acronyms defined in brackets) and finds them everywhere else in the text.

Speed: the text is tokenised once (``text.tokenize``) and every rule starts only where it
can fire (capitalised words, trigger words); see docs/EXTRACTION.md for the figures.
"""

from __future__ import annotations

import re
from typing import Protocol, runtime_checkable

from scoda_desktop.core.documents import Entity
from scoda_desktop.core.extract.acronyms import acronyms_and_camel, defined_acronyms
from scoda_desktop.core.extract.candidates import Candidate, clean_name, select, split_and_pairs
from scoda_desktop.core.extract.document import (
    WEAK_SOURCES,
    add_nested,
    alias_mentions,
    coordinated,
    is_town,
    learn_aliases,
    orgs_everywhere,
)
from scoda_desktop.core.extract.lexicon import Lexicon, load_lexicon
from scoda_desktop.core.extract.lone_names import find_people_by_country, find_subject_surnames
from scoda_desktop.core.extract.orgs import club_names, company_contexts, team_spans
from scoda_desktop.core.extract.people import find_people
from scoda_desktop.core.extract.person_names import (
    find_lone_surnames,
    find_name_sequences,
    load_person_names,
)
from scoda_desktop.core.extract.phrases import (
    air_lines,
    designated_places,
    headed_phrases,
    hyphenated_groups,
    institutions,
    lexicon_matches,
    web_names,
)
from scoda_desktop.core.extract.text import tokenize


@runtime_checkable
class EntityExtractor(Protocol):
    """Anything that finds entity mentions in clean text (offsets into that text)."""

    def extract(self, text: str) -> list[Entity]: ...


class RuleEntityExtractor:
    """The default extractor: gazetteer + entity list + patterns."""

    def __init__(self, user_file: str | None = None, lexicon: Lexicon | None = None) -> None:
        self.lex = lexicon if lexicon is not None else load_lexicon(user_file)
        self.pn = load_person_names()

    def extract(self, text: str) -> list[Entity]:
        toks = tokenize(text)
        cands: list[Candidate] = []
        cands += lexicon_matches(text, toks, self.lex)
        cands += headed_phrases(text, toks, self.lex)
        cands += hyphenated_groups(text, self.lex)
        if "." in text:
            cands += web_names(text, self.lex)
        cands += [Candidate(s, e, "PERSON", name, 2, "person")
                  for s, e, name in find_people(text, toks, self.lex)]
        cands += [Candidate(s, e, "PERSON", name, 2, "name")
                  for s, e, name in find_name_sequences(text, toks, self.lex, self.pn)]
        cands += [Candidate(s, e, "PERSON", name, 1, "name")
                  for s, e, name in find_lone_surnames(text, toks, self.lex)]
        cands += [Candidate(s, e, "PERSON", name, 1, "subject")
                  for s, e, name in find_subject_surnames(text, toks, self.lex, self.pn)]
        cands += [Candidate(s, e, "PERSON", name, 2, "name")
                  for s, e, name in find_people_by_country(text, self.lex)]
        teams = team_spans(text, toks, self.lex)
        companies = company_contexts(text, toks, self.lex, self.pn)
        cands += [Candidate(s, e, "ORG", clean_name(text[s:e]), 2, "team") for s, e in teams]
        cands += [Candidate(s, e, "ORG", clean_name(text[s:e]), 2, "company")
                  for s, e in companies]
        cands += [Candidate(s, e, "ORG", text[s:e], 2, "club")
                  for s, e in club_names(text, toks, self.lex, self.pn)]
        cands += air_lines(text, toks, self.lex)
        cands += institutions(text, toks)
        cands += designated_places(text, toks, self.lex)
        cands += acronyms_and_camel(text, toks)
        cands += defined_acronyms(text, toks)
        split_and_pairs(text, cands)
        chosen = select(cands)
        joined = coordinated(text, toks, chosen, self.lex)
        if joined:
            chosen = select(cands + joined)
        org_used = set(teams) | set(companies)
        for cand in chosen:  # "Marseille 1 Metz 2": the town is a side of the match
            if (cand.start, cand.end) in org_used and cand.type in ("PLACE", "FACILITY"):
                cand.type, cand.source = "ORG", "team"
        add_nested(chosen, cands)
        _groups_named_as_places(text, chosen, self.lex)
        aliases = learn_aliases(text, chosen, self.lex)
        for cand in chosen:  # an acronym defined in this document wins over a guess
            key = text[cand.start:cand.end]
            if cand.source == "acronym" and key in aliases:
                cand.type, cand.canonical = aliases[key]
        for cand in chosen:  # "Henderson" after "Jordan Henderson" is him, not the town
            alias = aliases.get(text[cand.start:cand.end])
            if alias is not None and alias[0] == "PERSON" and (cand.source == "subject" or
                    cand.source in WEAK_SOURCES
                    and (cand.source != "lexicon" or cand.type == "PLACE"
                         and is_town(self.lex, text[cand.start:cand.end]))):
                cand.type, cand.canonical = alias
        orgs_everywhere(text, chosen, aliases, self.lex)
        for cand in chosen:  # "Rahmon also met": him in every later mention, unless a team
            if cand.source == "subject" and cand.type == "PERSON":
                aliases.setdefault(text[cand.start:cand.end], ("PERSON", cand.canonical))
        chosen += alias_mentions(text, chosen, aliases)
        out = [Entity(text[c.start:c.end], c.type, c.start, c.end, c.canonical)
               for c in chosen if c.end > c.start]
        for c in chosen:
            out += [Entity(text[n.start:n.end], n.type, n.start, n.end, n.canonical)
                    for n in c.nested]
        out.sort(key=lambda e: (e.start, -e.end))
        return out


_NEXT_WORD = re.compile(r" ([a-z]+)\b")
_AFTER_A_PLACE = frozenset({"to", "and", "in", "at", "from", "by", "for", "on", "via", "with",
                            "or", "of", "into", "across", "near"})


def _groups_named_as_places(text: str, chosen: list[Candidate], lex: Lexicon) -> None:
    """"across the Caspian to Baku": a group word that is also the first word of its place
    ("Caspian Sea"), after "the" and before no noun, names that place, not the people ("the
    Caspian states" stay a group, and "the French" are the people)."""
    for c in chosen:
        if c.type != "GROUP" or text[max(0, c.start - 4):c.start].lower() != "the ":
            continue
        name = text[c.start:c.end]
        known = lex.get(name)
        if known is None or not known.place.startswith(name + " "):
            continue  # "the French" are the people; "the Caspian" is the Caspian Sea
        nxt = _NEXT_WORD.match(text, c.end)
        if nxt is None or nxt.group(1) in _AFTER_A_PLACE:
            c.type, c.canonical = "PLACE", known.place
