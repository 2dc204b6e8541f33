"""Label each line of a page: article prose, a neutral short line, or boilerplate.

The labels feed the body selection in ``clean.py``. A line is *good* when it reads like prose
(enough words, ends like a sentence, English function words at a normal density, or real
Chinese sentence punctuation); *bad* when it matches a boilerplate pattern, is keyword spam
(comma/pipe lists of short items, CJK inside an English page), a byline, a date line, or a
short line the page repeats (a site header that comes back as its footer); everything else is
*neutral* (headlines, subheadings, list items) and is decided by its neighbours.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import chain

from scoda_desktop.core.ingest.dates import search_date
from scoda_desktop.core.ingest.patterns import match_line

GOOD, NEUTRAL, BAD = "good", "neutral", "bad"
# A line the HTML reader already knows is furniture: "\ue000reason\ue001text".
MARK_START, MARK_END = "\ue000", "\ue001"

CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LATIN_WORD_RE = re.compile(r"[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f'’-]*")
_STOPWORD_TEXT = (
    "a about above after again against all also am an and any are as at be because been before"
    " being between both but by can could did do does doing down during each few for from further"
    " had has have having he her here hers him his how i if in into is it its itself just me more"
    " most my no nor not now of off on once only or other our ours out over own same she should so"
    " some such than that the their theirs them then there these they this those through to too"
    " under until up very was we were what when where which while who whom why will with would"
    " you your yours said says according"
)
STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_TERMINAL = ".!?:;。！？；…"
_CLOSERS = "\"'”’)]»」』）"
_BYLINE_RE = re.compile(
    r"^(?:by\s+[A-Z\u00c0-\u024f]|(?:author|authors|writer|reporter|written by|posted by|"
    r"story by|words by)\s*[:：]|(?:作者|记者|文)\s*[:：|｜]|.*\(@\w+\))",
    re.I,
)
_DATE_LABEL_RE = re.compile(
    r"\b(?:date|dated|published|posted|updated|last updated|modified|created|release date|"
    r"time|on|at|am|pm|gmt|utc|bst|cst|est|edt|pst|admin|source|share|views?|hits|\+\d{2}:?\d{2})"
    r"\b\s*[:：|]?|[|:：,/()@·•-]|\d+",
    re.I,
)
_SOURCE_FIELD_RE = re.compile(r"(?:source|来源|來源|出处)\s*[:：]\s*\S{0,30}", re.I)
_SEPARATORS_RE = re.compile(r"[,，|｜、;；]")
_NAV_SEP_RE = re.compile(r"\s[|·•»›>/]\s")
_NOT_LATIN_RE = re.compile(r"[^A-Za-z]")


@dataclass(slots=True)
class Line:
    """One non-empty line: where it was, its text, and what the labeller thinks of it."""

    n: int  # 0-based index in the raw text's lines
    text: str
    kind: str = NEUTRAL
    reason: str = ""
    hard: bool = False  # ends the article body (a related list, the site footer)
    # its Latin words (``LATIN_WORD_RE``), when ``label_lines`` found them for the page:
    # the body's language and word count are made of its lines' (``body_language``)
    latin: list[str] | None = None
    stops: int = 0  # how many of ``latin`` are stop words (``_stops``), with ``latin``


def cjk_count(text: str) -> int:
    return 0 if text.isascii() else len(CJK_RE.findall(text))  # most lines: no scan


def word_count(text: str) -> int:
    """Latin words plus one per CJK character: the size measure for mixed text."""
    return len(LATIN_WORD_RE.findall(text)) + cjk_count(text)


_SAMPLE = 50000  # characters of a text that guess_language reads


def guess_language(text: str) -> str:
    """"zh" for mostly-Han text, "en" for English prose, "other" otherwise."""
    sample = text[:_SAMPLE]
    return _language(cjk_count(sample), LATIN_WORD_RE.findall(sample))


def language_and_words(text: str) -> tuple[str, int]:
    """``(guess_language(text), word_count(text))``, scanning a text no longer than the
    sample once instead of twice (a document's body gets both)."""
    if len(text) > _SAMPLE:
        return guess_language(text), word_count(text)
    han, words = cjk_count(text), LATIN_WORD_RE.findall(text)
    return _language(han, words), len(words) + han


def _language(han: int, words: list[str], stops: int | None = None) -> str:
    """``guess_language`` from the sample's Han count and Latin words (``stops``: how
    many of them are stop words, when the caller counted them)."""
    latin = len("".join(words))
    if han > latin * 0.5 and han >= 10:
        return "zh"
    if len(words) >= 3:
        stop = _stops(words) if stops is None else stops
        if stop / len(words) >= 0.12:
            return "en"
    return "other"


def _stops(words: list[str]) -> int:
    return sum(map(STOPWORDS.__contains__, map(str.lower, words)))


def _stop_ratio(words: list[str]) -> float:
    return _stops(words) / len(words) if words else 0.0


def is_sentence_like(text: str, lang: str) -> bool:
    """Does this line read like article prose rather than a label, a headline or a link?"""
    return _sentence_like(text, lang, cjk_count(text), LATIN_WORD_RE.findall(text))


def _sentence_like(text: str, lang: str, han: int, words: list[str],
                   stops: int | None = None) -> bool:
    """``is_sentence_like`` given the line's Han count and Latin words (``classify`` has
    them already: counting them again was a fifth of the labelling)."""
    if han >= 0.3 * max(1, len(text.replace(" ", ""))):
        return han >= 15 and any(p in text for p in "。！？；") and text.count("|") < 2
    n = len(words)
    if n < 4:
        return False
    if text.endswith(("..", "…")) and not text.endswith("...") and n < 25:
        return False  # a teaser cut short: "UAE inaugurates Madhol Field Hospital in .."
    stop = _stop_ratio(words) if stops is None else stops / n
    if lang == "en" and stop < (0.2 if n < 8 else 0.12):
        return False
    terminal = text.rstrip(_CLOSERS + " ")[-1:] in _TERMINAL
    if terminal and n >= 5:
        return True
    return n >= 30 and (lang != "en" or stop >= 0.25)


def is_chinese_sentence(text: str) -> bool:
    """Real Chinese prose (a bilingual page's paragraph), not a keyword list or link farm:
    enough Han characters, sentence punctuation (。，、！？；) and no list shape."""
    return (cjk_count(text) >= 10 and any(p in text for p in "。，、！？；")
            and not _is_keyword_list(text) and text.count("|") < 2)


def _separators(text: str) -> int:
    """How many ``_SEPARATORS_RE`` characters ``text`` holds (so its split has one part
    more), counted in C without making the parts."""
    n = text.count(",") + text.count("|") + text.count(";")
    return n if text.isascii() else n + sum(map(text.count, "，｜、；"))


def _is_keyword_list(text: str) -> bool:
    """Comma/pipe separated short items with no sentence in them: SEO spam, tag clouds, menus."""
    if _separators(text) < 5:  # fewer than six items whatever they hold (most lines)
        return False
    parts = _SEPARATORS_RE.split(text)
    items = [i.strip() for i in parts if i.strip()]
    if len(items) < 6 or any(p in text for p in "。！？"):
        return False
    return sum(len(i) for i in items) / len(items) <= 14


def _date_only(text: str) -> bool:
    """A line that holds a date and little else ("2023-12-31 16:40:44 admin source: share:")."""
    found = search_date(text)
    if found is None:
        return False
    rest = text[: found.start] + " " + text[found.end :]
    rest = _SOURCE_FIELD_RE.sub(" ", rest)  # "来源：青岛日报" beside the date is still a date line
    rest = _DATE_LABEL_RE.sub(" ", rest)
    return len(LATIN_WORD_RE.findall(rest)) + cjk_count(rest) // 2 <= 2


def classify(line: Line, lang: str, repeats: Counter[str],
             latin: list[str] | None = None, stops: int | None = None) -> None:
    """Set ``kind``/``reason``/``hard`` of one line (see the module docstring); ``latin``:
    the line's Latin words when the caller has them (``stops``: how many are stop words)."""
    text = line.text
    if text.startswith(MARK_START) and MARK_END in text:
        line.reason, line.text = text[1:].split(MARK_END, 1)
        line.kind, line.hard = BAD, line.reason in {"related", "footer", "comments"}
        return
    if latin is None:
        latin = LATIN_WORD_RE.findall(text)
    han = cjk_count(text)
    words = len(latin) + han  # word_count(text)
    if not any(ch.isalnum() for ch in text):
        line.kind, line.reason = BAD, "navigation"
        return
    if (lang == "en" and han >= 2 and han >= 0.1 * (han + len(_NOT_LATIN_RE.sub("", text)))
            and not is_chinese_sentence(text)):
        line.kind, line.reason = BAD, ("spam" if han >= 20 else "navigation")
        return
    pattern = match_line(text, words)
    if pattern is not None:
        line.kind, line.reason, line.hard = BAD, pattern.reason, pattern.hard
        return
    if _is_keyword_list(text):
        line.kind, line.reason = BAD, ("spam" if han else "navigation")
        return
    if words <= 25 and _BYLINE_RE.match(text):
        line.kind, line.reason = BAD, "byline"
        return
    if words <= 12 and _date_only(text):
        line.kind, line.reason = BAD, "date"
        return
    if _sentence_like(text, lang, han, latin, stops):
        line.kind = GOOD
        return
    if words <= 15 and repeats[normalize_key(text)] > 1:
        line.kind, line.reason = BAD, "repeated header"
        return
    seps = len(_NAV_SEP_RE.findall(text))
    if seps >= 2 and words <= 4 * (seps + 1):
        line.kind, line.reason = BAD, "navigation"
        return
    line.kind = NEUTRAL


def normalize_key(text: str) -> str:
    """Case- and space-insensitive key for spotting repeated lines."""
    return " ".join(text.lower().split())


def label_lines(raw: str) -> tuple[list[Line], str]:
    """The non-empty lines of ``raw``, labelled, and the page language."""
    lines = [Line(n, t) for n, t in enumerate(map(str.strip, raw.split("\n"))) if t]
    plain = "\n".join(ln.text for ln in lines if not ln.text.startswith(MARK_START))
    per_line: list[list[str] | None] = [None] * len(lines)
    if len(plain) <= _SAMPLE:
        # the page's words are its lines' words (no word spans a line break): found once,
        # for the page language and for each line's labels
        per_line = [None if ln.text.startswith(MARK_START) else LATIN_WORD_RE.findall(ln.text)
                    for ln in lines]
        # and each line's stop words, counted once for the page, the line and the body
        stops = [_stops(ws) if ws else 0 for ws in per_line]
        lang = _language(cjk_count(plain), [w for ws in per_line if ws for w in ws],
                         sum(stops))
    else:
        stops = [0] * len(lines)
        lang = guess_language(plain)
    repeats = Counter(normalize_key(ln.text) for ln in lines)
    for ln, latin, stop in zip(lines, per_line, stops, strict=True):
        ln.latin, ln.stops = latin, stop
        classify(ln, lang, repeats, latin, None if latin is None else stop)
    return lines, lang


def body_language(body: list[Line], body_text: str) -> tuple[str, int] | None:
    """``language_and_words(body_text)`` for the body made of these lines (their texts,
    spaces collapsed, joined by blank lines), from the words ``label_lines`` found in each
    line: no third scan of the body (no Latin word spans white space). None when a line
    has no words kept, or the body is longer than the language sample."""
    if len(body_text) > _SAMPLE or any(ln.latin is None for ln in body):
        return None
    words = list(chain.from_iterable(ln.latin for ln in body))  # type: ignore[misc]
    han = cjk_count(body_text)
    return _language(han, words, sum(ln.stops for ln in body)), len(words) + han
