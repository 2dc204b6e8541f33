"""Rule + gazetteer entity extractor: people, organisations, places, facilities, events.

Why rules: on the seed articles a list of place and organisation names plus a handful of
patterns (name heads such as "Group" or "Park", titles before names, "NAME, an official
with ...") beats the small statistical English models on precision and recall, starts in
milliseconds and adds nothing to the bundle. ``EntityExtractor`` is the seam where a
statistical backend can plug in later.

Every candidate carries a priority; overlapping candidates are resolved longest first, then
by priority. Aliases are learned per document (acronyms defined in parentheses, "Haier" for
"Haier Group", "Jia" for "Jia Shaoqian") and then found everywhere else in it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import compress
from operator import attrgetter
from typing import Protocol, runtime_checkable

from scoda_desktop.core.documents import Entity
from scoda_desktop.core.extract import names as nm
from scoda_desktop.core.extract.lexicon import Lexicon, load_lexicon
from scoda_desktop.core.extract.orgs import club_names, company_contexts, team_spans
from scoda_desktop.core.extract.people import find_people
from scoda_desktop.core.extract.person_names import (
    find_lone_surnames,
    find_name_sequences,
    load_person_names,
    surname_of,
)
from scoda_desktop.core.extract.text import (
    Taken,
    Token,
    cap_indices,
    cap_or_upper_indices,
    indices_of,
    lowered,
    tokenize,
)


@runtime_checkable
class EntityExtractor(Protocol):
    """Anything that finds entity mentions in clean text (offsets into that text)."""

    def extract(self, text: str) -> list[Entity]: ...


@dataclass(slots=True)
class Candidate:
    start: int
    end: int
    type: str
    canonical: str
    prio: int
    source: str = ""
    tail_start: int | None = None  # where an "of ..." tail begins (nested names count there)
    nested: list[Candidate] = field(default_factory=list)


_HEAD_TYPES = (
    [(h, "ORG") for h in nm.ORG_HEADS] + [(h, "FACILITY") for h in nm.FACILITY_HEADS]
    + [(h, "EVENT") for h in nm.EVENT_HEADS]
)
HEAD_TYPE = dict(_HEAD_TYPES)
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
_CAMEL = re.compile(r"^(?!Mc|Mac)(?:[A-Z][a-z]+[A-Z][A-Za-z]*|[A-Z]{2,}[a-z]{2,}[A-Za-z]*)$")
# "(SCO)", "(hereinafter referred to as SCODA)", "(the Park)" right after a name.
_ACRONYM_DEF = re.compile(
    r"\((?:hereinafter(?: referred to as)?\s+|the\s+)?([A-Z][A-Za-z&]{1,9})\)")
_last_definitions: tuple[str | None, list[tuple[int, str]]] = (None, [])


def acronym_definitions(text: str) -> list[tuple[int, str]]:
    """(where the defined name ends, acronym) for each "(ABC)" of ``text``, as
    ``\s?\(...\)`` finds them (a space before the bracket belongs to the definition). The
    candidate rule and the alias learner both ask: the last text's answer is kept."""
    global _last_definitions
    last = _last_definitions  # one read: another thread may replace it meanwhile
    if last[0] is text:
        return last[1]
    found = []
    if "(" in text:
        for m in _ACRONYM_DEF.finditer(text):
            start = m.start()
            found.append((start - 1 if start and text[start - 1].isspace() else start,
                          m.group(1)))
    _last_definitions = (text, found)
    return found


_NAME_RUN = r"[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)+"
_AND_BEFORE = re.compile(rf"(?:^|[^\w'’-])({_NAME_RUN}) (?:and|&) (?:the )?$")
_AND_AFTER = re.compile(rf" (?:and|&) (?:the )?({_NAME_RUN})(?![\w'’-])")


def clean_name(text: str) -> str:
    name = " ".join(text.replace("’", "'").split())
    return name[4:] if name.startswith(("the ", "The ")) else name


class RuleEntityExtractor:
    """The default extractor: gazetteer + entity list + patterns."""

    def __init__(self, user_file: str | None = None, lexicon: Lexicon | None = None) -> None:
        self.lex = lexicon if lexicon is not None else load_lexicon(user_file)
        self.pn = load_person_names()

    # -- public ---------------------------------------------------------------------------
    def extract(self, text: str) -> list[Entity]:
        toks = tokenize(text)
        cands: list[Candidate] = []
        cands += self._lexicon_matches(text, toks)
        cands += self._headed_phrases(text, toks)
        cands += [Candidate(s, e, "PERSON", name, 2, "person")
                  for s, e, name in find_people(text, toks, self.lex)]
        cands += [Candidate(s, e, "PERSON", name, 2, "name")
                  for s, e, name in find_name_sequences(text, toks, self.lex, self.pn)]
        cands += [Candidate(s, e, "PERSON", name, 1, "name")
                  for s, e, name in find_lone_surnames(text, toks, self.lex)]
        teams = team_spans(text, toks, self.lex)
        companies = company_contexts(text, toks, self.lex, self.pn)
        cands += [Candidate(s, e, "ORG", clean_name(text[s:e]), 2, "team") for s, e in teams]
        cands += [Candidate(s, e, "ORG", clean_name(text[s:e]), 2, "company")
                  for s, e in companies]
        cands += [Candidate(s, e, "ORG", text[s:e], 2, "club")
                  for s, e in club_names(text, toks, self.lex, self.pn)]
        cands += self._air_lines(text, toks)
        cands += self._institutions(text, toks)
        cands += self._designated_places(text, toks)
        cands += self._acronyms_and_camel(text, toks)
        cands += self._acronym_definitions(text, toks)
        _split_and_pairs(text, cands)
        chosen = _select(cands)
        coordinated = self._coordinated(text, toks, chosen)
        if coordinated:
            chosen = _select(cands + coordinated)
        org_used = set(teams) | set(companies)
        for cand in chosen:  # "Marseille 1 Metz 2": the town is a side of the match
            if (cand.start, cand.end) in org_used and cand.type in ("PLACE", "FACILITY"):
                cand.type, cand.source = "ORG", "team"
        self._add_nested(chosen, cands)
        aliases = self._learn_aliases(text, chosen)
        for cand in chosen:  # an acronym defined in this document wins over a guess
            key = text[cand.start:cand.end]
            if cand.source == "acronym" and key in aliases:
                cand.type, cand.canonical = aliases[key]
        for cand in chosen:  # "Henderson" after "Jordan Henderson" is him, not the town
            alias = aliases.get(text[cand.start:cand.end])
            if alias is not None and alias[0] == "PERSON" and cand.source in _WEAK_SOURCES \
                    and (cand.source != "lexicon" or cand.type == "PLACE"
                         and self._is_town(text[cand.start:cand.end])):
                cand.type, cand.canonical = alias
        self._orgs_everywhere(text, chosen, aliases)
        chosen += self._alias_mentions(text, chosen, aliases)
        out = [Entity(text[c.start:c.end], c.type, c.start, c.end, c.canonical)
               for c in chosen if c.end > c.start]
        for c in chosen:
            out += [Entity(text[n.start:n.end], n.type, n.start, n.end, n.canonical)
                    for n in c.nested]
        out.sort(key=lambda e: (e.start, -e.end))
        return out

    # -- candidates -----------------------------------------------------------------------
    def _lexicon_matches(self, text: str, toks: list[Token]) -> list[Candidate]:
        out: list[Candidate] = []
        n_tok = len(toks)
        lex = self.lex
        get, continues, max_words = lex.get, lex.continues, lex.max_words
        for i in cap_indices(toks):
            tok = toks[i]
            j = i
            best: tuple[int, object] | None = None
            while j < n_tok and j - i < max_words:
                known = get(tok.core if j == i else text[tok.start:toks[j].core_end])
                if known is not None:
                    best = (j, known)
                if toks[j].possessive or j + 1 >= n_tok or \
                        text[toks[j].end:toks[j + 1].start] != " " or \
                        not continues(text[tok.start:toks[j].end]):
                    break
                j += 1
            if best is not None:
                j, known = best
                if known.kind == "city" and j == i and i > 0 \
                        and toks[i - 1].text.lower() in ("a", "an"):
                    continue  # "into a Hub": a common noun that is also a town
                out.append(Candidate(tok.start, toks[j].core_end, known.type,  # type: ignore[attr-defined]
                                     known.canonical, 3, "lexicon"))  # type: ignore[attr-defined]
        return out

    def _runs(self, text: str, toks: list[Token]) -> list[list[int]]:
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

    def _headed_phrases(self, text: str, toks: list[Token]) -> list[Candidate]:
        out: list[Candidate] = []
        runs = self._runs(text, toks)
        run_at = {run[0]: run for run in runs}
        head_at = {i for i in indices_of(toks, _HEAD_WORDS) if toks[i].core in HEAD_TYPE}
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
                m = re.match(r" (?:of|for) (?:the )?", text[tok.end:tok.end + 9])
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
            known = self._lookup_phrase(text[start:end])
            if known is not None:
                out.append(Candidate(start, end, known.type, known.canonical, 3, "lexicon"))
            else:
                out.append(Candidate(start, end, head_type, clean_name(text[start:end]), 2,
                                     "head", tail_start))
        return out

    def _lookup_phrase(self, phrase: str):
        """Exact name, or with an inserted acronym: "Organization (SCO) Local ... Area"."""
        phrase = " ".join(phrase.split())
        known = self.lex.get(phrase)
        m = re.search(r" \(([A-Z]{2,8})\) ", phrase)
        if known is None and m:
            known = self.lex.get(m.group(1) + " " + phrase[m.end():]) or \
                self.lex.get(phrase[: m.start()] + " " + phrase[m.end():])
        return known

    def _designated_places(self, text: str, toks: list[Token]) -> list[Candidate]:
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
            known = self.lex.get(name)
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
                titled = self.lex.get(name + " " + tok.core.title())
                canonical = titled.canonical if titled else clean_name(text[start:end])
                out.append(Candidate(start, end, "FACILITY", canonical, 2, "facility"))
        for start, end, after in _in_town_comma(text):
            rest = text[after:after + 40]
            country = next((self.lex.get(" ".join(rest.split()[:n]).rstrip(".,;:"))
                            for n in (3, 2, 1)
                            if (k := self.lex.get(" ".join(rest.split()[:n]).rstrip(".,;:")))
                            and k.kind == "country"), None)
            name = text[start:end]
            if country and self.lex.get(name) is None and name not in nm.NOT_NAMES:
                out.append(Candidate(start, end, "PLACE", name, 1, "city"))
        return out

    def _institutions(self, text: str, toks: list[Token]) -> list[Candidate]:
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

    def _air_lines(self, text: str, toks: list[Token]) -> list[Candidate]:
        """"Air China", "Air Astana": an airline, not the place its name ends with."""
        out: list[Candidate] = []
        for i in indices_of(toks, _AIR):
            tok = toks[i]
            if i + 1 >= len(toks) or tok.core != "Air" or text[tok.end:toks[i + 1].start] != " ":
                continue
            nxt = toks[i + 1]
            known = self.lex.get(nxt.core)
            if nxt.cap and known is not None and known.type in ("PLACE", "GROUP"):
                start, end = tok.start, nxt.core_end
                out.append(Candidate(start, end, "ORG", text[start:end], 2, "airline"))
        return out

    def _acronyms_and_camel(self, text: str, toks: list[Token]) -> list[Candidate]:
        out: list[Candidate] = []
        headline: dict[int, bool] = {}
        firsts: list[int] = []
        for i in cap_or_upper_indices(toks):  # neither rule fires on a lower-case word
            tok = toks[i]
            core = tok.core
            if tok.upper and 2 <= len(core) <= 6 and core.replace("&", "").isalnum() \
                    and core not in nm.NOT_ACRONYMS and not core.isdigit() \
                    and not _in_headline(toks, i, firsts or _sentence_firsts(toks, firsts),
                                         headline):
                near = [toks[j] for j in (i - 1, i + 1) if 0 <= j < len(toks)]
                if any(t.upper and len(t.core) > 1 and abs(t.start - tok.end) < 3
                       or abs(tok.start - t.end) < 3 and t.upper and len(t.core) > 1
                       for t in near):
                    continue  # an all-caps headline, not a name
                out.append(Candidate(tok.start, tok.core_end, "ORG", core, 1, "acronym"))
            elif _CAMEL.match(core):
                out.append(Candidate(tok.start, tok.core_end, "ORG", core, 1, "camel"))
        return out

    def _acronym_definitions(self, text: str, toks: list[Token]) -> list[Candidate]:
        """A name its acronym spells: "Kazakhstan Temir Zholy (KTZ)" is one organisation,
        even when no head word or list says so (capitalised words whose initials, "of",
        "and", "for", "the" skipped, give the letters in the brackets)."""
        out: list[Candidate] = []
        if "(" not in text:
            return out
        ends: dict[int, int] | None = None
        for start, acronym in acronym_definitions(text):
            letters = re.sub(r"[^A-Z]", "", acronym)
            if len(letters) < 2:
                continue
            if ends is None:  # most texts define no acronym: only then map offsets to tokens
                ends = {t.core_end: i for i, t in enumerate(toks)}
            last = ends.get(start)
            if last is None:
                continue
            initials, i = "", last
            while i >= 0 and len(initials) < len(letters):
                tok = toks[i]
                if i < last and text[tok.end:toks[i + 1].start] != " ":
                    break
                if tok.cap:
                    initials = tok.core[0] + initials
                elif tok.text not in ("of", "and", "for", "the", "&") or i == last:
                    break
                i -= 1
            if initials != letters or not toks[i + 1].cap:
                continue
            start, end = toks[i + 1].start, toks[last].core_end
            head = HEAD_TYPE.get(toks[last].core, "ORG")
            out.append(Candidate(start, end, head, clean_name(text[start:end]), 2, "acrodef"))
        return out

    def _coordinated(self, text: str, toks: list[Token], chosen: list[Candidate]
                     ) -> list[Candidate]:
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
                starts = {t.start: i for i, t in enumerate(toks)}
                ends = {t.core_end: i for i, t in enumerate(toks)}
            for s, e in spans:
                if s not in starts or e not in ends or toks[starts[s]].core in nm.NOT_NAMES:
                    continue
                inside = [o for o in chosen if s <= o.start and o.end <= e]
                if any(o.start == s and o.end == e or o.type in ("PERSON", "ORG")
                       for o in inside) or self.lex.get(text[s:e]) is not None:
                    continue
                out.append(Candidate(s, e, "ORG", clean_name(text[s:e]), 2, "coordinated"))
        return out

    # -- resolution -----------------------------------------------------------------------
    def _add_nested(self, chosen: list[Candidate], cands: list[Candidate]) -> None:
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

    def _learn_aliases(self, text: str, chosen: list[Candidate]) -> dict[str, tuple[str, str]]:
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
                if short not in nm.NOT_NAMES and self.lex.get(short) is None and len(short) > 2:
                    aliases.setdefault(short, (c.type, c.canonical))
            elif c.type == "PERSON" and (len(words) >= 2 or c.source == "person"):
                short = surname_of(c.canonical)
                known = self.lex.get(short)
                if (known is None or known.type == "PLACE" and known.kind not in
                        ("country", "region")) and short not in nm.NOT_NAMES and len(short) > 2:
                    aliases.setdefault(short, (c.type, c.canonical))
        return aliases

    def _orgs_everywhere(self, text: str, chosen: list[Candidate],
                         aliases: dict[str, tuple[str, str]]) -> None:
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
            if c.type == "PLACE" and c.source in _WEAK_SOURCES and self._is_town(
                    text[c.start:c.end]) and not _after_place_word(text, c.start) \
                    or c.type == "PERSON" and c.source in ("name", "alias", "person") \
                    and text[c.start:c.end] not in aliases:
                c.type, c.canonical = org
        for name, org in orgs.items():  # found again by their rule: headed, multi-word
            if len(name) > 2 and " " not in name and name not in nm.NOT_NAMES:
                aliases.setdefault(name, org)

    def _is_town(self, name: str) -> bool:
        known = self.lex.get(name)
        return known is not None and known.type == "PLACE" and known.kind not in (
            "country", "region")

    def _alias_mentions(self, text: str, chosen: list[Candidate],
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


# Rules whose type a name found by a stronger rule elsewhere in the document overrides.
_WEAK_SOURCES = frozenset({"lexicon", "city", "acronym", "camel", "institution"})


# Rules whose organisation is evidence enough to type the same name elsewhere in a document.
_ORG_EVIDENCE = frozenset({"team", "club", "company", "head", "acrodef", "airline"})


_TOWN_COMMA = re.compile(r"[A-Z][a-z]+, ")
_TOWN_PREPOSITIONS = ("in", "In", "at", "At", "from", "From", "near", "Near", "to", "of")
_WORD_CHAR = re.compile(r"\w")


def _in_town_comma(text: str) -> Iterator[tuple[int, int, int]]:
    """(start, end) of X and the end of its ", " in "in X, ", "from X, ", ...: what
    ``\b(?:[Ii]n|[Aa]t|[Ff]rom|[Nn]ear|to|of) ([A-Z][a-z]+), `` finds, looked for from the
    capitalised word and its comma (a regex that opens on a word boundary is tried at every
    character)."""
    for m in _TOWN_COMMA.finditer(text):
        q = m.start()
        if q < 2 or text[q - 1] != " ":
            continue
        for prep in _TOWN_PREPOSITIONS:
            p = q - 1 - len(prep)
            if p >= 0 and text.startswith(prep, p) and (p == 0 or not _WORD_CHAR.match(text, p - 1)):
                yield q, m.end() - 2, m.end()
                break


def whole_words(text: str, forms: tuple[str, ...]) -> Iterator[tuple[int, int]]:
    """(start, end) of each mention of one of ``forms`` as a whole word (a possessive "'s"
    may follow), left to right, not overlapping: what ``re.finditer(r"(?<![\w-])(?:f1|f2)
    (?=['’]s\b|(?![\w-]))")`` yields, found with ``str.find`` (a regex that opens on a
    look-behind is tried at every character, and it ran once per alias)."""
    starts: set[int] = set()
    for form in forms:
        i = text.find(form)
        while i >= 0:
            starts.add(i)
            i = text.find(form, i + 1)
    n = len(text)
    pos = 0
    for p in sorted(starts):
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


def _split_and_pairs(text: str, cands: list[Candidate]) -> None:
    """"Sinotrans and China Railway Express", "F.W. de Klerk and African National
    Congress": a headed name that swallowed "X and" is cut after the "and" when X is a
    name of its own (another rule found a name ending right there)."""
    ends: dict[int, int] = {}
    for c in cands:
        if c.source != "head":
            ends[c.end] = min(c.start, ends.get(c.end, c.start))
    for c in cands:
        if c.source != "head" or " and " not in text[c.start:c.end] and " & " not in \
                text[c.start:c.end]:
            continue
        m = re.search(r" (?:and|&) ", text[c.start:c.end])
        cut = c.start + m.start()  # type: ignore[union-attr]
        if cut in ends and ends[cut] <= c.start:
            c.start = cut + len(m.group())  # type: ignore[union-attr]
            c.canonical = clean_name(text[c.start:c.end])


def _in_headline(toks: list[Token], i: int, firsts: list[int], cache: dict[int, bool]) -> bool:
    """Is token ``i`` on an all-capitals line ("SOCCER - LEADING RESULTS")? There a
    capitalised word is no acronym. A line runs between sentence starts (``firsts``, the
    indices of the tokens that open one); asked only for acronym candidates (few per
    article), each line's answer is kept."""
    at = bisect.bisect_right(firsts, i) - 1
    start = firsts[at]
    hit = cache.get(start)
    if hit is None:
        end = firsts[at + 1] if at + 1 < len(firsts) else len(toks)
        words = [t for t in toks[start:end] if t.core[:1].isalpha()]
        hit = cache[start] = len(words) >= 2 and \
            sum(t.upper for t in words) * 3 >= len(words) * 2
    return hit


def _sentence_firsts(toks: list[Token], into: list[int]) -> list[int]:
    """Fill ``into`` with the indices of the tokens that open a sentence (the first token
    always does) and return it."""
    into += compress(range(len(toks)), map(attrgetter("first"), toks))
    return into


def _select(cands: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: longest first, then higher priority, then earlier."""
    chosen: list[Candidate] = []
    taken = Taken()
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), -c.prio, c.start)):
        if c.end <= c.start:
            continue
        if not taken.overlaps(c.start, c.end):
            chosen.append(c)
            taken.add(c.start, c.end)
    chosen.sort(key=lambda c: c.start)
    return chosen
