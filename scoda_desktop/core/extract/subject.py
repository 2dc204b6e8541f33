"""Whose figure it is: the named thing a reported quantity is about.

Why: a ledger series is one measure of one subject. "Qingdao port handled 3 million TEU" and
"SCODA handled 1 million TEU" are two series, and "the 74-megawatt Zhanatas wind farm" is not
a rival figure for "the 3.5-gigawatt Ekibastuz plant". News names the subject in the clause of
the figure: first before it ("Qingdao port handled ..."), otherwise right after it ("the
74-megawatt Zhanatas wind farm"). A figure in a clause that names nothing ("he said the area
has opened 32 routes") has no subject; the ledger puts it with the measure's main subject.

This reads capitalised word sequences only (no entity lookup), so it is cheap enough to run
for every figure at extraction time and is stored with the Metric.
"""

from __future__ import annotations

import re

from scoda_desktop.core.extract.names import MONTHS, word_set

# A capitalised word sequence: ``(?<![\w'’-])[A-Z][\w&'’.-]*(?: ...)*`` written with the capital
# first and the look back after it, so the regex engine skips to capitals in C instead of
# trying the look back at every character (half the time; the same matches).
_NAME = re.compile(
    r"[A-Z](?<![\w'’-][A-Z])[\w&'’.-]*(?:(?:\s+(?:of|and|for|the|de|du|bin|al|on))*\s+"
    r"(?:[A-Z][\w&'’.-]*))*")
_NOT_SUBJECTS = word_set("""
the a an it its this that these those they there he she we i you in on at by for from with
as after before during since until according but and or so if when while also however
meanwhile moreover last next this first second third monday tuesday wednesday thursday
friday saturday sunday mr mrs ms dr president minister chairman director general
over more nearly about around some almost up total overall deals data figures statistics
""") | {m.lower() for m in MONTHS}
# A lone adjective of nationality is not a subject: "Chinese", "Russian".
_ADJECTIVE = re.compile(r"^[A-Z][a-z]+(?:ese|ian|ish)$")
# Where a clause ends: ``[,;:()—–]|\bsaid\b|\bsays\b|\bwhile\b|\bwhereas\b|\band\s+(?=[A-Z])``,
# written so that every branch opens on a literal character (the "\b" before a word is a look
# back after its first letter): the engine then jumps between those characters in C; the
# form above tried six branches at every character, 7x slower, and runs for every figure.
_CLAUSE = re.compile(r",|;|:|\(|\)|—|–|s(?<!\ws)(?:aid|ays)\b|w(?<!\ww)h(?:ile|ereas)\b"
                     r"|a(?<!\wa)nd\s+(?=[A-Z])")
_LEAD = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


_POSSESSIVE_END = re.compile(r"'s?$")
_NUMERIC = re.compile(r"[\d.,-]+")


def _clean(name: str) -> str:
    words = name.replace("’", "'").split()
    while words and (words[0].lower().strip(".") in _NOT_SUBJECTS or "-" in words[0]
                     and words[0].split("-")[-1].islower()):
        words = words[1:]  # "The", "State-owned"
    text = " ".join(words)
    text = _POSSESSIVE_END.sub("", text).rstrip(".")
    if " " not in text and _ADJECTIVE.match(text):
        return ""
    return "" if not text or text.lower() in _NOT_SUBJECTS or len(text) < 2 else text


def subject_of(sentence: str, start: int, end: int) -> str:
    """The subject named in the clause holding ``sentence[start:end]``, or ""."""
    cut = 0
    for m in _CLAUSE.finditer(sentence, 0, start):
        cut = m.end()
    stop = len(sentence)
    if (nxt := _CLAUSE.search(sentence, end)) is not None:
        stop = nxt.start()
    for m in _NAME.finditer(sentence, cut, start):
        if (name := _clean(m.group())) and not _NUMERIC.fullmatch(name):
            return name
    for m in _NAME.finditer(sentence, end, min(stop, end + 60)):
        if name := _clean(m.group()):
            return name
    return ""


def subject_key(subject: str | None) -> str:
    """The form two mentions of one subject share: case, "the", possessive ignored."""
    return _LEAD.sub("", (subject or "").lower()).strip()
