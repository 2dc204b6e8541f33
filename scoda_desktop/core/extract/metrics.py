"""Every reported quantity as a Metric: money, percent, counts, physical measures, durations.

Why one pattern plus a look at what follows: news writes a figure as [qualifier] [currency]
number [scale] and then says what it is ("yuan", "percent", "km", "freight train routes");
what follows decides the kind. Around it the text may give a rate ("per barrel"), the other
end of a range ("to 7 percent") or an earlier value ("up from 412"): those become fields of
the one Metric, not figures of their own. Things that look like numbers but are not figures
(versions "2.0", ordinals "18th", years in names "2023 SCO Expo", "one-stop") are left out.
"""

from __future__ import annotations

import re

from scoda_desktop.core.documents import Metric
from scoda_desktop.core.extract.around import (
    BIG,
    BP,
    CHANGE_VERB,
    PERCENT,
    PP,
    SCALE_RE,
    YEAR,
    earlier_value,
    range_end,
    rate_after,
    same_unit,
)
from scoda_desktop.core.extract.counts import (
    WORTH,
    anchor,
    count_noun,
    money_measure,
    sentence_of,
    singular_noun,
)
from scoda_desktop.core.extract.dates import find_dates, sentence_period
from scoda_desktop.core.extract.money import (
    AMBIGUOUS_POST,
    CUR_PRE_RE,
    ISO_AFTER,
    ISO_AFTER_RE,
    POST_CUR_RE,
    POST_SYMBOL_RE,
    POST_SYMBOLS,
    POUNDS_RE,
    SCALED_ISO,
    SCALED_ISO_RE,
    SUBUNIT_RE,
    SUBUNITS,
    post_currency,
    pre_currency,
    pre_scale,
)
from scoda_desktop.core.extract.numbers import (
    FRACTIONS,
    NUMBER,
    parse_number,
    scale_of,
)
from scoda_desktop.core.extract.numbers import (
    NUMBER_WORDS_RE as _NUM_WORDS,
)
from scoda_desktop.core.extract.subject import subject_of
from scoda_desktop.core.extract.text import Taken, sentences
from scoda_desktop.core.extract.units import SUBSECOND, match_duration, match_unit

QUALIFIERS = (
    "more than", "less than", "fewer than", "up to", "at least", "at most", "close to",
    "as many as", "as much as", "upwards of", "in excess of", "over", "nearly", "nearing",
    "about", "around", "approximately", "roughly", "almost", "some", "exceeding", "under",
    "below", "above", "just over", "just under", "an estimated", "estimated",
)
_QUAL = "|".join(re.escape(q) for q in sorted(QUALIFIERS, key=len, reverse=True))
FIGURE = re.compile(
    rf"(?<![\w.,$€£¥/'’])(?<!\w-)(?:(?P<qual>{_QUAL}) |(?P<between>between) )?"
    rf"(?P<cur>{CUR_PRE_RE})?\s?(?P<sign>[-−](?=\d))?"
    rf"(?P<num>(?:half(?: a)?|(?:a )?quarter(?: of a)?|three quarters?(?: of a)?)(?= {BIG}\b)"
    rf"|{NUMBER}|(?<=\s)an?(?= {SCALE_RE}\b)|^an?(?= {SCALE_RE}\b))"
    r"(?P<half>\s(?:and\s)?a\shalf\b)?"  # "two and a half miles"
    # a range: "3-5", "3 to 5", "8- to 16-meter", and "between 3 and 5" (only after "between")
    rf"(?:\s?(?:[-–]to-|[-–]\s?to|-|–|to|(?(between)and|(?!)))\s?(?P<cur2>{CUR_PRE_RE})?"
    rf"(?P<num2>{NUMBER}))?"
    rf"(?:(?:\s?|-(?=[a-z]{{4}}))(?P<scale>{SCALE_RE})\b)?(?P<plus>\+|-plus\b)?",
    re.IGNORECASE,
)
# "$T" after a currency only: "$2.174T"; "M" after a currency: "$1.8M".
_CUR_LETTER = re.compile(r"(?P<s>[TMBK])\b")
# "($2.94 billion)", "(about 5.3 billion U.S. dollars)", "(or US$1.2 million)"
_USD_BRACKET = re.compile(
    rf" \((?:or )?(?:about |around |roughly |some |approximately |nearly |over |almost )?"
    rf"(?:(?:US\$|\$)\s?({NUMBER})(?:\s?({SCALE_RE}))?"
    rf"|({NUMBER})(?:\s?({SCALE_RE}))? (?:U\.S\.|US) dollars)\)", re.IGNORECASE)
_POWER = re.compile(r"(?:\s|-)(kilowatts?|megawatts?|gigawatts?|kW|MW|GW)\b(?![-\s]hours?\b)")
_MASS = re.compile(r"(?:\s?|-)(?P<unit>metric\s+tons?|tonnes?|tons?)\b"
                   r"(?:\s+of\s+(?P<what>(?:(?-i:[A-Z])[\w-]*\s+){0,2}[\w-]+))?"
                   r"(?P<rate>\s+(?:per\s+year|a\s+year|annually|per\s+annum))?", re.IGNORECASE)
_TEU = re.compile(r"\s?(?:TEUs?\b|twenty-foot\s+equivalent\s+units?(?:\s+\(TEUs?\))?)")
_FOLD = re.compile(r"[\s-]?(?:fold|times)\b|x\b(?!-)")  # "28-fold", "1.5x"
_WORD_FOLD = re.compile(
    r"(?<![\w-])(?P<n>two|three|four|five|six|seven|eight|nine|ten|twenty|hundred|thousand)"
    r"-?fold\b", re.IGNORECASE)
_FRACTION = re.compile(
    rf"(?<![\w-])(?:(?P<qual>{_QUAL}) )?(?P<frac>"
    + "|".join(re.escape(f) for f in sorted(FRACTIONS, key=len, reverse=True))
    + r")(?= of\b)", re.IGNORECASE)
_FRACTION_HINT = re.compile(r"(?:half|thirds?|quarters?|fourths?|fifth|tenth)(?= of\b)")
_FRACTION_HINT_I = re.compile(_FRACTION_HINT.pattern, re.IGNORECASE)
# The hint has checked the " of" after it; the search ends at the hint's end.
_FRACTION_BACK = re.compile(_FRACTION.pattern.removesuffix(r"(?= of\b)") + r"\Z", re.IGNORECASE)
# ``(?i)fold``, opening on a character set so the engine skips to an "f" in C (a case-blind
# literal was tried at every character of the text).
_FOLD_HINT = re.compile(r"[fF](?i:old)")
# Where a figure's number starts: digits, vulgar fractions, number words, "a"/"half" + scale.
# The words are looked for in the lower-cased text (same offsets), case-sensitively: an
# IGNORECASE alternation tried at every word cost more than all the digits.
# The character first, the look back after it, and a word's first letters before its look
# backs: the scan then fails at most positions on one test (a third of its former cost).
_DIGIT_START = re.compile(r"[\d½¼¾⅓⅔⅛](?<![\d.,][\d½¼¾⅓⅔⅛])")
_FIRST_LETTERS = "".join(sorted({w[0] for w in re.findall(r"[a-z]+", _NUM_WORDS)} | set("ahqt")))
_WORD_START = re.compile(
    rf"\b(?=[{_FIRST_LETTERS}])(?<![\w.,'’/])(?<!\w-)(?:(?:{_NUM_WORDS})\b"
    rf"|(?:an?|half|quarter|three quarters?)(?= (?:a |of a )?{SCALE_RE}\b))")
NUMBER_START = re.compile(_DIGIT_START.pattern + "|" + _WORD_START.pattern, re.IGNORECASE)
# What may stand before the number: a qualifier, "between", a currency ("more than US$").
_PREFIX = re.compile(rf"(?<![\w.,$€£¥/'’])(?<!\w-)(?:(?:{_QUAL}) |between )?(?:{CUR_PRE_RE})?"
                     r"\s?[-−]?\Z", re.IGNORECASE)
# A duration that is itself the measure: "the transit time of 14 days", "a lease term of".
_DURATION_MEASURE = re.compile(
    rf"\b([a-z]+ (?:time|period|term|duration))s?(?: of| is| was| will be| has been| takes"
    rf"| took| lasts| lasted)?(?: (?:{_QUAL}))? \Z", re.IGNORECASE)
# The cents of a spoken amount after its currency name: "and forty-five cents", " 50."
_CENTS = re.compile(rf"(?: and)? (?P<n>{NUMBER})(?: cents?\b|(?=[.,;!?]|$))", re.IGNORECASE)
# What a share is of: words only, so "a third of the 1,200 respondents" leaves the count.
_SHARE_TAIL = re.compile(r" of (?:the )?([^\W\d_][^\W\d_'’ -]*(?:['’ -][^\W\d_'’ -]*){0,6}?)"
                         r"(?=[,.;]| \(| —|$)")
# After a letter scale, a unit word says the letter was a scale: "35m tonnes", "0.5k miles".
_UNIT_AFTER_SCALE = re.compile(
    r"\s(?:tonnes|tons|barrels|TEUs?|miles|kilometres|kilometers|km|hectares|ha|litres"
    r"|liters|cubic|square|sq|kWh|MWh|GWh|passengers|people|users|visitors|tourists"
    r"|customers|subscribers|vehicles|cars|containers|parcels|units|jobs)\b")
# "2.4 billion gallons of jet fuel a year": the rate after what is measured.
_RATE_OF = re.compile(
    r"\s+of\s+(?P<what>(?:[^\W\d][\w-]*\s+){0,3}?[^\W\d][\w-]*)"
    r"(?:\s+(?:a|per|each|every)\s+(?P<per>year|annum|day|month|week)|\s+(?P<adv>annually"
    r"|yearly|daily|monthly|weekly))\b", re.IGNORECASE)
_NO_RATE_OF = frozenset({"duration", "money", "percent", "multiplier", "temperature"})
_ADVERB_PER = {"annually": "year", "yearly": "year", "daily": "day", "monthly": "month",
               "weekly": "week", "annum": "year"}
_OF_A_SCALE = re.compile(rf" of an? {BIG}\b", re.IGNORECASE)
# "a 10,000-seat arena", "a 500-bed hospital": a count written as a compound before its noun.
_HYPHEN_COUNT = re.compile(r"-(?P<noun>[a-z]{3,})(?=\s+[a-z])")
_NOT_COUNTED = frozenset({"way", "point", "wheel", "sided", "odd", "plus", "ish", "digit",
                          "fold", "old", "strong", "long", "wide", "high", "deep", "tall",
                          "page", "times", "time", "hit", "run", "nil", "all", "love", "up"})
# An exchange rate: "the yuan closed at 7.24 per dollar", "the tenge fell to 470 against
# the dollar": the number is in the currency the sentence names before it.
_PER_CURRENCY = re.compile(r"\s(?:per|to\s+the|against\s+the|for\s+(?:one|a|each))\s+"
                           r"(?:U\.?S\.?\s+|US\s+)?(?P<den>dollar|euro|yuan|ruble|rouble)s?\b",
                           re.IGNORECASE)
_DEN_CODES = {"dollar": "USD", "euro": "EUR", "yuan": "CNY", "ruble": "RUB", "rouble": "RUB"}
_HALF_PERIOD = re.compile(r"\b(?:first|second|latter|former|1st|2nd)\s\Z", re.IGNORECASE)
# "17 million to 18 million tonnes": both ends scaled, the unit after the second.
_SCALED_RANGE = re.compile(rf"\s?(?:-|–|to)\s?(?P<n>{NUMBER})\s?(?P<s>{BIG})\b", re.IGNORECASE)
# "Five-Year Plan", "Six-Day War": a capitalised compound before a name is a name.
_TITLE_DURATION = re.compile(r"-[A-Z][a-z]+\s(?-i:[A-Z])")
_AGED = re.compile(r"\b(?:aged|age of|at the age of|age)\s$", re.IGNORECASE)


def extract_metrics(text: str, *, doc_date: str | None = None) -> list[Metric]:
    """All figures in ``text``; offsets slice ``text`` exactly."""
    spans = sentences(text)
    metrics: list[Metric] = []
    taken = Taken()
    periods: dict[tuple[int, int], str | None] = {}

    def add(start: int, end: int, **fields: object) -> None:
        if taken.overlaps(start, end):
            return
        sent = sentence_of(spans, start)
        sentence = text[sent[0]:sent[1]]
        if "period" not in fields:  # one look per sentence, however many figures it has
            if sent not in periods:
                periods[sent] = sentence_period(sentence, doc_date)
            fields["period"] = periods[sent]
        if fields.get("kind") != "date":
            fields["subject"] = subject_of(sentence, start - sent[0], end - sent[0])
        metrics.append(Metric(text=text[start:end], start=start, end=end,
                              sentence=sentence, **fields))  # type: ignore[arg-type]
        taken.add(start, end)

    for start, end, value in find_dates(text, doc_date):
        add(start, end, kind="date", value=value, unit="date", period=None)
    for m in _fractions(text):
        if _HALF_PERIOD.search(text, max(0, m.start() - 8), m.start()) \
                or _OF_A_SCALE.match(text, m.end()):
            continue  # "the first half of the year" is a period; "a quarter of a million"
        end = m.end()
        tail = _SHARE_TAIL.match(text, end)
        measures = tail.group(1) if tail else ""
        add(m.start(), tail.end() if tail else end, kind="share",
            value=round(FRACTIONS[m.group("frac").lower()], 4), unit="share",
            qualifier=(m.group("qual") or "").lower() or None, measures=measures)
    for m in (_WORD_FOLD.finditer(text) if _FOLD_HINT.search(text) else ()):
        value, _ = parse_number(m.group("n"))
        add(m.start(), m.end(), kind="multiplier", value=value or scale_of(m.group("n")),
            unit="x")
    for m in _figures(text):
        _figure(text, m, spans, add)
    metrics.sort(key=lambda x: x.start)
    return metrics



def _figures(text: str):
    """FIGURE's matches, left to right and not overlapping, as ``finditer`` would give them.

    Why not ``FIGURE.finditer``: trying its qualifier and currency alternations at every word
    of an article cost more than the rest of extraction together. A cheap pattern finds the
    numbers; FIGURE is tried only where one starts, or where the words just before it
    (a qualifier, "between", a currency) start.
    """
    last = 0
    for p in _number_starts(text):
        if p < last:
            continue
        window = max(last, p - 40)
        starts = [p]
        if (pre := _PREFIX.search(text, window, p)) is not None and pre.start() < p:
            starts.insert(0, pre.start())
        for start in starts:
            m = FIGURE.match(text, start)
            if m is not None and m.end() > p and m.start("num") >= p:
                last = m.end()
                yield m
                break


def _lower(text: str) -> str:
    """``text`` lower-cased when that keeps every offset (it does unless "İ" and the like)."""
    low = text.lower()
    return low if len(low) == len(text) else text


def _number_starts(text: str) -> list[int]:
    """Offsets where a number may start, in order (see NUMBER_START)."""
    low = _lower(text)
    if low is text and text != text.lower():
        return [m.start() for m in NUMBER_START.finditer(text)]  # offsets would shift
    found = [m.start() for m in _DIGIT_START.finditer(text)]
    found += [m.start() for m in _WORD_START.finditer(low)]
    found.sort()
    return found


def _fractions(text: str):
    """_FRACTION's matches, found from their noun ("half", "thirds") for the same reason."""
    last = 0
    low = _lower(text)
    shifted = low is text and text != text.lower()  # lower-casing would move offsets
    hints = _FRACTION_HINT_I if shifted else _FRACTION_HINT
    for a in hints.finditer(low):
        m = _FRACTION_BACK.search(text, max(last, a.start() - 40), a.end())
        if m is not None and m.start() >= last:
            last = m.end()
            yield m


# What makes a number with nothing counted no quantity: a clock time ("2 pm", "10:30"), a
# score or date part ("3-1", "9/11"), a list marker "(1)", a model or a clause number right
# after a name ("Boeing 737", "Article 5"), "one" as a pronoun ("one of them").
_CLOCK_AFTER = re.compile(r"\s?(?:[ap]\.?m\b\.?|o'clock|GMT|UTC|BST|CET|EST|hrs\b)|[:/]\d",
                          re.IGNORECASE)
_NAME_BEFORE = re.compile(r"(?<![.!?:;\n] )(?<!^)\b(?:[A-Z][\w]*\.?|#)\s?\Z")
# A date part ("may 19", "oct. 7" in lower-cased text) or an identifier ("highway 35",
# "exit 436", "page 4", "no. 1"): the number names something, it measures nothing.
_ID_BEFORE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april"
    r"|june|july|august|september|october|november|december|highway|route|exit|interstate|road"
    r"|street|flight|room|gate|platform|page|pages|chapter|article|section|clause|item|line"
    r"|channel|bus|no|nos|number|model|version|phase|stage|round|level|grade|class|type|size"
    r"|zone|district|ward|unit|ranked|rank|seed|week|day|year|step|act|part|figure|table"
    r"|resolution|law|rule|code|group|team|hole|lap|game|match|episode|season|volume|issue)"
    r"\.?\s?\Z", re.IGNORECASE)
# A bare number stands before a function word or punctuation ("two in my car", "32 is the
# quantity", "up 0.95;"); before a content word we could not read, it is a unit or a name
# we do not know ("66 Ma ago", "five mao"), and guessing "a count" would be wrong.
_BARE_AFTER = re.compile(
    r"\s*(?:$|[.,;:!?)\]}\"'’”]|(?:of|in|by|is|are|was|were|to|from|and|or|at|on|for|with|than"
    r"|as|that|which|who|whom|will|would|could|should|can|may|might|have|has|had|did|do|does"
    r"|a|an|the|but|out|off|up|down|into|over|under|after|before|since|so|if|when|while|each"
    r"|more|less|fewer|left|remain|remained|remaining|said|says|say|among|between|against|vs"
    r"|versus|this|these|those|it|its|their|his|her|they|we|you|i|he|she|there|here|too|also"
    r"|only|just|now|then|again|yet|not|no|all|both|either|neither|%|-)(?![\w]))",
    re.IGNORECASE)
_PHONE_BEFORE = re.compile(r"\+\d[\d\s().-]{4,}\Z")
_GLUED_PLUS = re.compile(r"\w[\d.]*\+\Z")
_FROM_BEFORE = re.compile(r"\bfrom\s\Z")
_BARE_TO = re.compile(rf"\s+to\s+(?P<n>{NUMBER})", re.IGNORECASE)
# "1 in 10 patients", "one in three households": a ratio, no count of patients.
_RATIO_AFTER = re.compile(rf"\s+in\s+(?:every\s+)?(?:{NUMBER})\b", re.IGNORECASE)
_RATIO_BEFORE = re.compile(r"\b(?:\d+|one|two|three|four|five)\s+in\s+(?:every\s+)?\Z",
                           re.IGNORECASE)
# "The boxer, 29, weighs": an age between commas after a name or a person.
_AGE_APPOSITION = re.compile(
    r"(?:\b[A-Z][a-z]+|\b(?:man|woman|boy|girl|player|boxer|driver|mother|father|son"
    r"|daughter|wife|husband|teenager|student|worker|resident|farmer|engineer|officer|victim"
    r"|suspect|pilot|doctor|nurse|teacher|singer|actor|actress|athlete|runner|striker"
    r"|goalkeeper|coach|manager|founder|owner|tourist|driver|passenger))\s?,\s?\Z")
_DOT_DIGIT = re.compile(r"\d\.\d")
_VERSION_BEFORE = re.compile(r"(?:[A-Z][\w]*|version|v)\s?$")
_GLUED = re.compile(r"\.\d|\w")  # "18th", "2.0.1", "5G"
_HYPHEN_WORD = re.compile(r"-(?!megawatt|gigawatt|kilowatt|cents?\b|pence\b|an?-)[a-z]")
_BY_BEFORE = re.compile(r"\bby\s\Z")
_GROWTH_BEFORE = re.compile(r"\b(?:up|down|rose|grew|increased|fell)\s*$")
# A maker and a model number between a count and its noun.
_MODEL_AFTER = re.compile(r"\s(?:[A-Z][\w-]*\s){1,2}[A-Z]{0,3}-?\d[\w-]*(?=\s)")
_SCORE_FOR = re.compile(r"\s+for\s+\d{1,2}\b")
_SCORE_FOR_BEFORE = re.compile(r"\d\s+for\s+\Z")
# "3,000 head of cattle": livestock is counted in heads.
_HEAD_OF = re.compile(r"\s+head\s+of\s+(?P<what>[a-z]+)\b")
_LIST_MARK = re.compile(r"\s?\)")
_MONTH_AFTER = re.compile(r"\s(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec"
                          r"|january|february|march|april|june|july|august|september|october"
                          r"|november|december)\b\.?", re.IGNORECASE)
_MONEY_NEAR = re.compile(r"[$€£¥₹]|\b(?:dollars?|euros?|yuan|yen|pounds?|rupees?|cents?|sen"
                         r"|usd|eur|rmb|bills?|notes?)\b", re.IGNORECASE)


# "45 and 50 mg", "3, 4 or 5 percent", "3 and 5 routes": a number of a list takes the unit
# (or the counted noun) of the next one.
_LIST_NEXT = re.compile(rf"(?:,\s?|\s+(?:and|or)\s+)(?:{NUMBER})(?:\s?{SCALE_RE}\b)?",
                        re.IGNORECASE)


# Small patterns of _figure and _bare_number, compiled once (re.search(pattern, ...) looks the
# pattern up in re's cache on every call, and _figure runs for every number).
_TIME_SEP_BEFORE = re.compile(r"\d[:/]$")
_US_BEFORE_WORD = re.compile(r"\b(?:us|u\.s\.)\s?$", re.I)
_US_BEFORE = re.compile(r"(?:us|u\.s\.)\s?$", re.I)
_C_BEFORE = re.compile(r"\bc\s?$", re.I)
_DIGIT_END = re.compile(r"\d$")
_CODE_GLUED = re.compile(r"[A-Z]{3}\b")
_SCALE_AFTER = re.compile(rf"\s(?P<s>{BIG})\b", re.IGNORECASE)
_STERLING = re.compile(r"[£]|\bsterling\b")
_ACCOUNTING_BEFORE = re.compile(r"(?:\b(?:is|was|were|are|be|been|of|at)|[:=])\s?\($")
_MINUS_BEFORE = re.compile(r"(?:^|[\s(])(?:-|−|minus )$")
_SPACED_MINUS_BEFORE = re.compile(r"(?:^|(?<![\d%])\s)(?:- |− )$")


def _shares_unit(text: str, end: int, finish, add, start: int, value: float | None,
                 common: dict) -> bool:
    """Add the figure in the unit of the list item after it; False when there is none."""
    nxt = _LIST_NEXT.match(text, end)
    if nxt is None or value is None:
        return False
    at = nxt.end()
    for _ in range(4):  # "3, 4 or 5 percent": the unit is after the last item
        if (more := _LIST_NEXT.match(text, at)) is None or PERCENT.match(text, at) \
                or match_unit(text, at):
            break
        at = more.end()
    if PERCENT.match(text, at):
        finish("percent", end, "%")
        return True
    unit = match_unit(text, at)
    if unit is not None and unit[1] != "temperature":
        finish(unit[1], end, unit[2], unit[3])
        return True
    noun = count_noun(text, at)
    if noun is None:
        return False
    add(start, end, kind="count", value=value, unit=noun[1], measures=noun[2], **common)
    return True


def _bare_number(text: str, m: re.Match[str], start: int, end: int, value: float | None,
                 high: float | None, previous: float | None, common: dict, add) -> None:
    """A number that counts nothing named ("There are two in my car", "32 is the quantity").

    Kind "number": shown with the document's figures, never in a ledger series, so the
    extraction is complete while the series stay clean.
    """
    if value is None or (high is not None and high <= value):
        return  # a score "3-1"
    num_text = m.group("num").lower()
    if num_text in ("one", "a", "an") and m.group("qual") is None:
        return
    if _CLOCK_AFTER.match(text, end) or _TIME_SEP_BEFORE.search(text[max(0, start - 2):start]):
        return
    if text[start - 1:start] == "(" and text[end:end + 1] == ")":
        return
    if _SCORE_FOR.match(text, end) or _SCORE_FOR_BEFORE.search(text, max(0, start - 10), start):
        return  # "245 for 6": a cricket score
    if _LIST_MARK.match(text, end) and "(" not in text[max(0, start - 40):start]:
        return  # "1 ) explains ... 2 ) cautions": list markers
    if _PHONE_BEFORE.search(text, max(0, start - 24), start):
        return  # "+998 71 120 54 50": a telephone number
    if num_text[:1].isdigit() and value <= 31 and _MONTH_AFTER.match(text, end):
        return  # "on 1 may", "3 oct": a date in lower-cased text
    if m.group("qual") is None and _NAME_BEFORE.search(text, max(0, start - 30), start):
        return
    if m.group("scale") or num_text in ("dozen", "half") or not _BARE_AFTER.match(text, end) \
            or _ID_BEFORE.search(text, max(0, start - 14), start):
        return  # "1.6 billion" of what: a currency or a noun is said elsewhere
    near = text[max(0, start - 9):end + 9]
    if _MONEY_NEAR.search(near):
        return  # "10 $ 30 $", "dollar 22.5": money we could not read is no count
    add(start, end, kind="number", value=value, unit="", high=high, previous=previous,
        **common)


def _figure(text: str, m: re.Match[str], spans: list[tuple[int, int]], add) -> None:  # noqa: C901
    num_text = m.group("num")
    start, end = m.start(), m.end()
    if m.group("qual") is None and m.group("cur") is None and m.group("between") is None:
        start = m.start("sign") if m.group("sign") else m.start("num")
    before, after = text[max(0, start - 30):start], text[end:end + 80]
    if text[start - 1:start] == "+" and _GLUED_PLUS.search(text, max(0, start - 12), start):
        return  # "J1149.5+6663": part of a name
    if num_text[:1] == "0" and num_text[1:2].isdigit():
        return  # "000" after a stray comma space: part of a number, not one
    scale_word = m.group("scale")
    cur_text = m.group("cur")
    if cur_text and cur_text.strip() == "$" and _US_BEFORE_WORD.search(before):
        start -= len(_US_BEFORE.search(before).group())  # "u.s $ 100"
    elif cur_text and cur_text.strip() == "$" and (cad := _C_BEFORE.search(before)):
        start -= len(cad.group())  # "c $ 300 million", as lower-cased wires write C$
        cur_text = "C$"
    # A lone letter scale with no currency is a unit ("48m", "5 k") unless people are counted.
    if scale_word and scale_word.lower() in ("m", "b", "k") and not cur_text \
            and not POST_CUR_RE.match(text, end) and not _UNIT_AFTER_SCALE.match(text, end) \
            and not (scale_word == "m" and _DIGIT_END.search(text[:m.start("scale")])
                     and count_noun(text, end)):
        end = m.end("num2") if m.group("num2") else m.end("num")
        scale_word = None
        after = text[end:end + 80]
    if cur_text and (letter := _CUR_LETTER.match(text, end)) and not scale_word:
        scale_word = {"T": "trillion", "M": "million", "B": "billion", "K": "thousand"}[
            letter.group("s")]
        end = letter.end()
        after = text[end:end + 80]
    unit = None if cur_text else match_unit(text, end)
    duration = None if cur_text or unit else match_duration(text, end)
    attached = unit or duration or _FOLD.match(text, end) or _POWER.match(text, end) \
        or BP.match(text, end) or _MASS.match(text, end) or POST_SYMBOL_RE.match(text, end) \
        or PERCENT.match(text, end) or (
        _CODE_GLUED.match(text[end:end + 4]) and POST_CUR_RE.match(text, end))  # "115USD"
    if not attached and _GLUED.match(text, end) and not scale_word:
        return  # "18th", "2.0.1", "5G"
    if not attached and _HYPHEN_WORD.match(after) and not POST_CUR_RE.match(text, end) \
            and not scale_word:
        hc = _HYPHEN_COUNT.match(text, end)
        if hc is not None and num_text[:1].isdigit() and hc.group("noun") not in _NOT_COUNTED:
            count, _ = parse_number(num_text)
            if count is not None and count >= 2 and count == int(count) \
                    and not YEAR.fullmatch(num_text):
                noun = hc.group("noun")
                plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
                add(start, hc.end(), kind="count", value=count, unit=plural, measures=plural,
                    qualifier=(m.group("qual") or "").lower() or None)  # "10,000-seat"
        return  # "one-stop", "two-way", "twenty-foot"
    if "." in num_text and not cur_text and not attached and not m.group("qual") \
            and _DOT_DIGIT.search(num_text) and _VERSION_BEFORE.search(before):
        return  # "Platform 2.0", "MetInfo 7.2"
    if num_text.lower() in ("a", "an") and not scale_word:
        return
    value, malformed = parse_number(num_text)
    if value is not None and m.group("half"):
        value += 0.5  # "two and a half", "1 and a half"
    scale = scale_of(scale_word)
    if value is not None:
        value *= -scale if m.group("sign") else scale  # "-15€", "$-99.99", "-0.5%"
    flags = ["malformed number"] if malformed else []
    qual = (m.group("qual") or "").lower() or None
    if m.group("plus"):
        qual = qual or "more than"
    high = None
    previous = None
    num2_text = m.group("num2")
    hi_scale = scale
    if not num2_text and scale_word and scale_word.lower() not in ("k", "m", "b") \
            and (sr := _SCALED_RANGE.match(text, end)) is not None:
        num2_text, hi_scale, end = sr.group("n"), scale_of(sr.group("s")), sr.end()
        after = text[end:end + 80]
        unit = None if cur_text else match_unit(text, end)
        duration = None if cur_text or unit else match_duration(text, end)
    if num2_text:
        hi, _ = parse_number(num2_text)
        if hi is not None and value is not None:
            if CHANGE_VERB.search(text[max(0, start - 60):start]):
                previous, value = value, hi * hi_scale  # "rose from 350 to 680"
            else:
                qual = qual or "range"
                high = hi * hi_scale
                flags.append(f"range to {high:g}")
    year_like = value is not None and not cur_text and not scale_word \
        and YEAR.fullmatch(num_text)
    cur = pre_currency(cur_text) if cur_text else None
    if cur_text and value is not None and (factor := pre_scale(cur_text)) != 1.0:
        value *= factor  # "MAUD 60"
        scale *= factor
    common = {"qualifier": qual, "flags": flags}

    def finish(kind: str, stop: int, unit_name: str, factor: float = 1.0, **fields) -> None:
        """Add the figure with its rate, range end and earlier value, in one unit."""
        nonlocal high, previous
        v = value * factor if value is not None else None
        per = fields.pop("per", None)
        if per is None and kind != "duration" and (pm := rate_after(text, stop)) is not None:
            stop, per = pm
        elif per is None and kind not in _NO_RATE_OF and (ro := _RATE_OF.match(text, stop)):
            stop, per = ro.end(), _ADVERB_PER.get((ro.group("per") or ro.group("adv")).lower(),
                                                  (ro.group("per") or "").lower())
            fields["measures"] = fields.get("measures") or ro.group("what").lower()
        if high is not None:
            high *= factor
        elif v is not None and not _BY_BEFORE.search(text, max(0, start - 4), start) \
                and (tail := range_end(
                text, stop, lambda at, c: same_unit(text, at, c, kind, unit_name),
                between=bool(m.group("between")))) is not None:
            tail_end, other = tail
            if per and (again := rate_after(text, tail_end)) is not None and again[1] == per:
                tail_end = again[0]  # "$350 per kg to $680 per kg"
            if CHANGE_VERB.search(text[max(0, start - 60):start]):
                stop, previous, v = tail_end, value, other  # "rose from 3% to 7%"
            elif other > v or (kind == "temperature" and other < v):
                stop, high = tail_end, other  # "from -18 °C to -34 °C" is -34..-18
                if high < v:
                    v, high = high, v
                common["qualifier"] = common["qualifier"] or "range"
                flags.append(f"range to {high:g}")
        if high is None and previous is None and v is not None and value is not None \
                and _FROM_BEFORE.search(text, max(0, start - 6), start) \
                and (bt := _BARE_TO.match(text, stop)) is not None \
                and (other := parse_number(bt.group("n"))[0]) is not None \
                and _BARE_AFTER.match(text, bt.end()):
            other *= scale * factor  # "from nine hours to five": the unit is said once
            if other < v or CHANGE_VERB.search(text[max(0, start - 60):start]):
                stop, previous, v = bt.end(), value, other
            elif other > v:
                stop, high = bt.end(), other
                common["qualifier"] = common["qualifier"] or "range"
        if previous is not None:
            previous *= factor
        elif (pv := earlier_value(text, stop, scale, factor)) is not None:
            stop, previous = pv
        if kind == "length" and per in ("hour", "second") and v is not None:
            to_kmh = 3.6 if per == "second" else 1e-3  # metres per second or per hour
            kind, unit_name, per = "speed", "km/h", None  # "120 kilometres an hour"
            v *= to_kmh
            high = high * to_kmh if high is not None else None
        name = f"{unit_name}/{per}" if per else unit_name
        add(start, stop, kind=kind, value=v, unit=name, per=per, high=high, previous=previous,
            **common, **fields)

    if cur is None and text[end:end + 2].lstrip()[:1] in ("M", "k", "K", "B", "T") \
            and (si := SCALED_ISO_RE.match(text, end)) is not None:
        cur, factor = SCALED_ISO[si.group("code")]  # "120 MEUR"
        value = value * factor if value is not None else None
        scale *= factor
        end = si.end()
    if cur is None and (pc := POST_CUR_RE.match(text, end)) is not None:
        word = pc.group().strip().lower()
        if word not in AMBIGUOUS_POST or scale_word or cur_text:
            cur = post_currency(word)
            end = pc.end()
            if not scale_word and (sc := _SCALE_AFTER.match(text[end:end + 12])):
                scale_word = sc.group("s")  # "75 USD million"
                value = value * scale_of(scale_word) if value is not None else None
                end += sc.end()
        if cur and not scale_word and value is not None and value == int(value) \
                and (cents := _CENTS.match(text, end)) is not None:
            part, _ = parse_number(cents.group("n"))
            if part is not None and part < 100 and part == int(part):
                value += part / 100  # "thirteen dollars and forty-five cents", "15 dollars 50"
                end = cents.end()
    if cur is None and (ps := POST_SYMBOL_RE.match(text, end)) is not None:
        cur, end = POST_SYMBOLS[ps.group("sym")], ps.end()  # "15 €"
    if cur is None and (ic := ISO_AFTER_RE.match(text, end)) is not None \
            and ic.group("code") in ISO_AFTER:
        cur, end = ic.group("code"), ic.end()  # "6.25 BTC", "500 KGS"
    if cur is None and (pd := POUNDS_RE.match(text, end)) is not None and (
            scale_word or _STERLING.search(text[max(0, start - 200):start + 200])):
        cur, end = "GBP", pd.end()  # "361 million pounds"; "two pounds" is a weight
    sub = None
    if cur is None and not scale_word and (sb := SUBUNIT_RE.match(text, end)) is not None:
        cur, sub = SUBUNITS[sb.group().strip(" -").lower()]
        end = sb.end()
    if cur:
        usd = None
        if (ub := _USD_BRACKET.match(text, end)) is not None:
            num, scale_text = (ub.group(1), ub.group(2)) if ub.group(1) else ub.group(3, 4)
            usd_v, _ = parse_number(num)
            usd = usd_v * scale_of(scale_text) if usd_v is not None else None
            end = ub.end()
        before_money = text[sentence_of(spans, start)[0]:start]
        if value is not None and value > 0 and text[start - 1:start] == "(" \
                and text[end:end + 1] == ")" \
                and _ACCOUNTING_BEFORE.search(before_money):
            value = -value  # "The annual revenue is ($99.99)": an accounting negative
        # "15 agreements worth $1.2 billion"
        if ("worth" in before_money or "value" in before_money) \
                and (w := WORTH.search(before_money)) is not None:
            measure = f"value of {w.group(1).lower()}"
        else:
            measure = money_measure(before_money)
        finish("money", end, cur, sub or 1.0, usd=usd if cur != "USD" else None,
               measures=measure, currency=cur)
        return
    if (pm := PERCENT.match(text, end)) or (pm := PP.match(text, end)) \
            or (pm := BP.match(text, end)):
        unit_name = "%" if pm.re is PERCENT else "pp"
        measure = money_measure(text[sentence_of(spans, start)[0]:start])
        if _GROWTH_BEFORE.search(before) \
                and not measure.endswith("growth"):
            measure = (measure + " growth").strip()
        finish("percent", pm.end(), unit_name, 0.01 if pm.re is BP else 1.0, measures=measure)
        return
    if (pw := _POWER.match(text, end)) is not None:
        word = pw.group(1).lower()
        factor = 1e-3 if word.startswith("k") else (1e3 if word.startswith("g") else 1.0)
        finish("power", pw.end(), "MW", factor)
        return
    if (ms := _MASS.match(text, end)) is not None and not year_like:
        if not ms.group("rate") and (ro := _RATE_OF.match(text, ms.end("unit"))) is not None:
            per = _ADVERB_PER.get((ro.group("per") or ro.group("adv")).lower(), ro.group("per"))
            finish("mass", ro.end(), "t", per="yr" if per == "year" else per,
                   measures=ro.group("what").lower())  # "34,500 tons of copper cathode a year"
            return
        finish("mass", ms.end(), "t", per="yr" if ms.group("rate") else None,
               measures=(ms.group("what") or "").lower())
        return
    if (tu := _TEU.match(text, end)) is not None:
        # A TEU figure always counts containers; name the measure even when no noun says so.
        finish("containers", tu.end(), "TEU", measures="containers handled")
        return
    if unit is not None and not (year_like and unit[1] in ("length", "mass")):
        stop, kind, canon, factor = unit
        sign = _MINUS_BEFORE.search(text[max(0, start - 7):start]) \
            or _SPACED_MINUS_BEFORE.search(text[max(0, start - 7):start])
        if kind == "temperature" and sign and value is not None:
            start -= len(sign.group().lstrip(" ("))  # "-5 degrees", "minus 30 degrees"
            value = -value
        finish(kind, stop, canon, factor)
        return
    if (fo := _FOLD.match(text, end)) is not None and not year_like:
        finish("multiplier", fo.end(), "x")  # "28-fold", "three times a day" (x/day)
        return
    if duration is not None and not year_like and not (
            num_text[:1].isupper() and _TITLE_DURATION.match(text, end)):
        stop, unit_name, is_age = duration
        if unit_name in SUBSECOND:  # "30 femtoseconds", kept in seconds
            value = value * SUBSECOND[unit_name] if value is not None else None
            unit_name = "second"
        named = _DURATION_MEASURE.search(text, sentence_of(spans, start)[0], start)
        measure = "age" if is_age else (named.group(1).lower() if named else "")
        finish("duration", stop, unit_name, measures=measure)
        return
    if value is not None and not year_like and (ag := _AGED.search(before)) is not None:
        add(start - len(ag.group()), end, kind="duration", value=value, unit="year",
            measures="age", **common)  # "aged 87"
        return
    if year_like:
        return  # years are periods
    if value is not None and not scale_word and (pc := _PER_CURRENCY.match(text, end)):
        den = _DEN_CODES[pc.group("den").lower()]
        named = [c for w in POST_CUR_RE.finditer(text, sentence_of(spans, start)[0], start)
                 if (c := post_currency(w.group())) and c != den]
        if named:  # "the yuan closed at 7.24 per dollar": CNY/USD
            add(start, pc.end(), kind="money", value=value, unit=f"{named[-1]}/{den}", per=den,
                currency=named[-1], measures="exchange rate", **common)
            return
    if not scale_word and (_RATIO_AFTER.match(text, end)
                           or _RATIO_BEFORE.search(text, max(0, start - 16), start)):
        return  # "1 in 10 patients"
    if value is not None and 0 < value < 120 and value == int(value) and not m.group("qual") \
            and num_text.isdigit() and text[end:end + 1] == "," \
            and _AGE_APPOSITION.search(text, max(0, start - 24), start):
        add(start, end, kind="duration", value=value, unit="year", measures="age",
            **common)  # "The boxer, 29, weighs"
        return
    if value is not None and (ho := _HEAD_OF.match(text, end)) is not None:
        add(start, ho.end(), kind="count", value=value, unit="head",
            measures=f"head of {ho.group('what')}", **common)  # "3,000 head of cattle"
        return
    # "one consultant", "1 ship" (a singular noun); never "one costs"
    noun = singular_noun(text, end) if value == 1 and not scale_word else count_noun(text, end)
    if noun is None and (model := _MODEL_AFTER.match(text, end)) is not None:
        noun = count_noun(text, model.end())  # "12 Boeing 787 Dreamliners", "8 Airbus A320s"
    if noun is None:
        if not _shares_unit(text, end, finish, add, start, value, common):
            _bare_number(text, m, start, end, value, high, previous, common, add)
        return
    noun_end, head, phrase = noun
    if not m.group("qual") and not scale_word and num_text.isdigit() and phrase[:1].islower() \
            and (_ID_BEFORE.search(text, max(0, start - 14), start)
                 or _NAME_BEFORE.search(text, max(0, start - 30), start)):
        return  # "Level 4 restrictions", "the Formula 1 team": the number is in a name
    if previous is None and (pv := earlier_value(text, noun_end, scale, 1.0)) is not None:
        noun_end, previous = pv
    sent = sentence_of(spans, start)
    where = anchor(text, spans, sent, phrase)
    add(start, noun_end, kind="count", value=value, unit=head, high=high, previous=previous,
        measures=f"{phrase} {where}".strip(), **common)
