"""Acronyms and brand-shaped words as organisations ("SCO", "COSMOPlat"), and names their
acronym spells ("Kazakhstan Temir Zholy (KTZ)").

Why apart: an all-caps word is an organisation only off an all-caps headline, and a
definition in brackets is read twice (as a candidate here, as an alias by the document
pass), so the bracket scan is done once per text.
"""

from __future__ import annotations

import bisect
import re
from operator import attrgetter

from scoda_desktop.core.extract import names as nm
from scoda_desktop.core.extract.candidates import HEAD_TYPE, Candidate, clean_name
from scoda_desktop.core.extract.text import Token, cap_or_upper_indices, sentence_first_indices

_CAMEL = re.compile(r"^(?!Mc|Mac)(?:[A-Z][a-z]+[A-Z][A-Za-z]*|[A-Z]{2,}[a-z]{2,}[A-Za-z]*)$")
# "(SCO)", "(hereinafter referred to as SCODA)", "(the Park)" right after a name.
_ACRONYM_DEF = re.compile(
    r"\((?:hereinafter(?: referred to as)?\s+|the\s+)?([A-Z][A-Za-z&]{1,9})\)")
_last_definitions: tuple[str | None, list[tuple[int, str]]] = (None, [])


def acronym_definitions(text: str) -> list[tuple[int, str]]:
    r"""(where the defined name ends, acronym) for each "(ABC)" of ``text``, as
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


def acronyms_and_camel(text: str, toks: list[Token]) -> list[Candidate]:
    out: list[Candidate] = []
    headline: dict[int, bool] = {}
    firsts = sentence_first_indices(toks)
    for i in cap_or_upper_indices(toks):  # neither rule fires on a lower-case word
        tok = toks[i]
        core = tok.core
        if tok.upper and 2 <= len(core) <= 6 and core.replace("&", "").isalnum() \
                and core not in nm.NOT_ACRONYMS and not core.isdigit() \
                and not _in_headline(toks, i, firsts, headline):
            near = [toks[j] for j in (i - 1, i + 1) if 0 <= j < len(toks)]
            if any(t.upper and len(t.core) > 1 and abs(t.start - tok.end) < 3
                   or abs(tok.start - t.end) < 3 and t.upper and len(t.core) > 1
                   for t in near):
                continue  # an all-caps headline, not a name
            out.append(Candidate(tok.start, tok.core_end, "ORG", core, 1, "acronym"))
        elif not core[1:].islower() and _CAMEL.match(core):  # it needs a capital inside
            out.append(Candidate(tok.start, tok.core_end, "ORG", core, 1, "camel"))
    return out


def defined_acronyms(text: str, toks: list[Token]) -> list[Candidate]:
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
            ends = dict(zip(map(attrgetter("core_end"), toks), range(len(toks)), strict=True))
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
