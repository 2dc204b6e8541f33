"""What a figure counts and what it measures: the noun after a count, the phrase before money.

Why apart from the number rules: these read the words around a figure, not the figure,
and the ledger groups series by what they return ("enterprises on the platform").
"""

from __future__ import annotations

import bisect
import re

from scoda_desktop.core.extract.names import word_set

_NOUN_WORD = re.compile(r" ((?:[A-Za-z][\w'’&]*(?:-[A-Za-z]+)*))")
_STOP_NOUN = word_set("""
of to from in on at with for and or that which who were was is are have has had will would
can could may might by as than per each more less but while when where since into across
along including such this these those its their his her our your new about over under
worth after before during between among via
""")
DURATIONS = word_set("""
year years month months week weeks day days hour hours minute minutes second seconds decade
decades century centuries times time
""")
# Nouns ending in "s" that modify a following noun: "customs declaration forms".
_S_MODIFIERS = frozenset({"customs", "sales", "sports", "arms", "logistics", "goods",
                          "electronics", "news", "savings", "earnings", "operations"})
_HEAD_END = re.compile(r"(?:s|people|personnel|staff|equipment|cattle|sheep|fish|aircraft"
                       r"|children|men|women|police|crew|livestock|poultry|deer)$")


def sentence_of(spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    """The sentence holding ``pos`` (spans are sorted and disjoint), or (0, 0)."""
    i = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    if i >= 0 and spans[i][0] <= pos < spans[i][1]:
        return spans[i]
    return 0, 0


def count_noun(text: str, pos: int) -> tuple[int, str, str] | None:
    """(end, head noun, phrase) of the counted noun after a number, or None."""
    words: list[tuple[int, int, str]] = []
    at = pos
    while len(words) < 6:
        m = _NOUN_WORD.match(text, at)
        if m and m.group(1) == "and" and words and words[-1][2][0].isupper():
            nxt = _NOUN_WORD.match(text, m.end())
            if nxt and nxt.group(1)[0].isupper():  # "Chinese and Russian students"
                words.append((m.start(1), m.end(1), "and"))
                at = m.end()
                continue
        if not m or m.group(1).lower() in _STOP_NOUN:
            break
        words.append((m.start(1), m.end(1), m.group(1)))
        at = m.end()
    for k, (_, end, word) in enumerate(words[:5]):
        low = word.lower()
        if (low in _S_MODIFIERS or word[0].isupper()) and k + 1 < len(words):
            continue  # "customs declaration forms", "Kazakh Railways container trains"
        if _HEAD_END.search(low) and not low.endswith("ss") and low not in ("its", "this"):
            if low in DURATIONS:
                return None
            phrase = " ".join(w for _, _, w in words[: k + 1])
            after = _OF_PLURAL.match(text[end:end + 60])
            if low in ("types", "kinds", "sorts", "batches", "varieties") and after:
                phrase += " of " + after.group(1)
            return end, low, phrase
    return None


def anchor(text: str, spans: list[tuple[int, int]], sent: tuple[int, int], phrase: str) -> str:
    """Where counted things are: "enterprises on the platform" vs "at the expo"."""
    chunks = [text[sent[0]:sent[1]]]
    idx = bisect.bisect_left(spans, sent)
    idx = idx if idx < len(spans) and spans[idx] == sent else -1
    if idx > 0 and _PRONOUN_START.match(chunks[0]):
        chunks.append(text[spans[idx - 1][0]:spans[idx - 1][1]])
    for chunk in chunks:
        found = set(_PLACE_WORDS.findall(chunk.lower()))
        for word, where in _PLACES:
            if word in found and word not in phrase:
                return where
    return ""


# One scan per sentence for all the place words (a regex per word cost a tenth of the
# metric time).
_PLACES = (("platform", "on the platform"), ("expo", "at the expo"),
           ("exhibition", "at the exhibition"), ("fair", "at the fair"),
           ("forum", "at the forum"), ("summit", "at the summit"),
           ("institute", "at the institute"), ("alliance", "in the alliance"))
_PRONOUN_START = re.compile(r"(?:It|This|They|These|That)\b")
_PLACE_WORDS = re.compile(r"\b(" + "|".join(w for w, _ in _PLACES) + r")\b")


_MEASURE_HEADS = word_set("""
volume investment growth value exports imports trade turnover capacity output revenue sales gdp
population deals purchases financing loans profit income funding spending budget production
""")
# "15 agreements worth $X", "The deal, valued at X", "contracts with a total value of X"
# (case-sensitive: a text without "worth" or "value" cannot match, and callers test that
# first, since the search tries the look backs at every character of a sentence)
WORTH = re.compile(r"(?:\d[\d,.]*|\b[Tt]he|\ba|\ban|\b[Ii]ts|\b[Tt]heir)\s+"
                    r"([a-zA-Z][\w-]*(?:\s+[a-z][\w-]*){0,2}),?\s+"
                    r"(?:worth|valued\s+at|with\s+a\s+(?:total\s+)?value\s+of)\s+$")
_MEASURE_STOP = word_set("""
the a an its their our his her of with to from by for in on at and or has have had is was were
reached hit totaling totalling amounted worth than
""")


_OF_PLURAL = re.compile(r" of ((?:[a-z][\w-]* ){0,2}[a-z][\w-]*s)\b")
_LOWER_WORD = re.compile(r"[a-z][a-z-]*")  # compiled once: money_measure runs per figure


def money_measure(before: str) -> str:
    """The noun phrase a figure reports: "... total foreign trade volume ... reached X"."""
    words = _LOWER_WORD.findall(before.lower().replace("'s", ""))
    heads = [i for i, w in enumerate(words) if w in _MEASURE_HEADS]
    if not heads:
        return ""
    i = heads[-1]
    while i + 1 < len(words) and words[i + 1] in _MEASURE_HEADS:
        i += 1
    j = i
    while j > 0 and i - j < 3 and words[j - 1] not in _MEASURE_STOP:
        j -= 1
    return " ".join(words[j:i + 1])


# After "one", words that make a pronoun or an idiom, not a count: "one another", "one way".
_ONE_IDIOMS = word_set("""
another way side hand thing point such more other only last same kind sort type part
each single big whole particular
""")
_SINGULAR = re.compile(r" ((?:[a-z][a-z'’-]*))(?: ([a-z][a-z-]*))?")


def singular_noun(text: str, pos: int) -> tuple[int, str, str] | None:
    """(end, head, phrase) of the one thing counted in "one consultant", "1 large city"."""
    m = _SINGULAR.match(text, pos)
    if m is None or m.group(1) in _STOP_NOUN or m.group(1) in _ONE_IDIOMS:
        return None
    second = m.group(2)
    if second and second not in _STOP_NOUN and not second.endswith(("ly", "ing", "ed")) \
            and text[m.end():m.end() + 1] in (" ", ",", ".", ";", ":", ")", ""):
        nxt = _SINGULAR.match(text, m.end())
        if nxt is None or nxt.group(1) in _STOP_NOUN:
            return m.end(), second, f"{m.group(1)} {second}"  # "one large city"
    end = m.end(1)
    if m.group(1).endswith(("ly", "ing", "ed", "s")) or m.group(1) in DURATIONS:
        return None
    return end, m.group(1), m.group(1)
