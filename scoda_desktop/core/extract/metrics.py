"""Every reported quantity as a Metric: money, percent, counts, power, mass, containers...

Why one pattern plus a look at what follows: news writes a figure as [qualifier] [currency]
number [scale] and then says what it is ("yuan", "percent", "freight train routes"); what
follows decides the kind. Things that look like numbers but are not figures (versions
"2.0", ordinals "18th", years in names "2023 SCO Expo", "one-stop") are left out.
"""

from __future__ import annotations

import bisect
import re

from scoda_desktop.core.documents import Metric
from scoda_desktop.core.extract.dates import find_dates, sentence_period
from scoda_desktop.core.extract.names import word_set
from scoda_desktop.core.extract.numbers import FRACTIONS, NUMBER, parse_number, scale_of
from scoda_desktop.core.extract.text import Taken, sentences

QUALIFIERS = (
    "more than", "less than", "fewer than", "up to", "at least", "at most", "close to",
    "as many as", "as much as", "upwards of", "in excess of", "over", "nearly", "nearing",
    "about", "around", "approximately", "roughly", "almost", "some", "exceeding", "under",
    "below", "above", "just over", "just under", "an estimated", "estimated",
)
_QUAL = "|".join(re.escape(q) for q in sorted(QUALIFIERS, key=len, reverse=True))
_CUR_PRE = {"US$": "USD", "$": "USD", "HK$": "HKD", "C$": "CAD", "A$": "AUD", "€": "EUR",
            "£": "GBP", "¥": "CNY", "₽": "RUB", "₸": "KZT", "RMB": "CNY", "CNY": "CNY",
            "USD": "USD", "EUR": "EUR", "GBP": "GBP", "JPY": "JPY", "KZT": "KZT", "RUB": "RUB",
            "INR": "INR", "HKD": "HKD"}
_CUR_POST = {"yuan": "CNY", "renminbi": "CNY", "rmb": "CNY", "cny": "CNY", "euro": "EUR",
             "euros": "EUR", "eur": "EUR", "us dollars": "USD", "dollars": "USD",
             "dollar": "USD", "usd": "USD", "rubles": "RUB", "roubles": "RUB", "ruble": "RUB",
             "tenge": "KZT", "rupees": "INR", "pounds": "GBP", "yen": "JPY", "som": "KGS",
             "somoni": "TJS", "sums": "UZS", "soums": "UZS", "rials": "IRR", "dirhams": "AED",
             "hkd": "HKD", "gbp": "GBP", "jpy": "JPY", "kzt": "KZT", "rub": "RUB"}
_CUR_PRE_RE = "|".join(re.escape(c) for c in sorted(_CUR_PRE, key=len, reverse=True))
_SCALE_RE = r"(?:thousand|million|billion|trillion|mln|bln|mn|bn|tn|trn|k|m|b)"
FIGURE = re.compile(
    rf"(?<![\w.,$€£¥-])(?:(?P<qual>{_QUAL}) |(?P<between>between) )?(?P<cur>{_CUR_PRE_RE})?\s?"
    rf"(?P<num>{NUMBER}|(?<=\s)a(?= {_SCALE_RE}\b)|^a(?= {_SCALE_RE}\b))"
    # a range: "3-5", "3 to 5", and "between 3 and 5" (only after "between")
    rf"(?:\s?(?:-|–|to|(?(between)and|(?!)))\s?(?P<num2>{NUMBER}))?"
    rf"(?:\s?(?P<scale>{_SCALE_RE})\b)?(?P<plus>\+|-plus\b)?",
    re.IGNORECASE,
)
_POST_CUR = re.compile(
    r" (?:" + "|".join(re.escape(c) for c in sorted(_CUR_POST, key=len, reverse=True)) + r")\b",
    re.IGNORECASE)
# "($2.94 billion)", "(about 5.3 billion U.S. dollars)", "(or US$1.2 million)"
_USD_BRACKET = re.compile(
    rf" \((?:or )?(?:about |around |roughly |some |approximately |nearly |over |almost )?"
    rf"(?:(?:US\$|\$)\s?({NUMBER})(?:\s?({_SCALE_RE}))?"
    rf"|({NUMBER})(?:\s?({_SCALE_RE}))? (?:U\.S\.|US) dollars)\)", re.IGNORECASE)
_PERCENT = re.compile(r"\s?(?:%|percent\b|per cent\b)(?! of the time)")
_PP = re.compile(r"\s?(?:percentage points?|pp\b|ppt\b)")
_POWER = re.compile(r"(?:\s|-)(kilowatts?|megawatts?|gigawatts?|kW|MW|GW)\b")
_POWER_SCALE = {"k": 1e-3, "m": 1.0, "g": 1e3}
_MASS = re.compile(r"\s(?:metric\s+tons?|tonnes?|tons?)\b"
                   r"(?:\s+of\s+(?P<what>(?:(?-i:[A-Z])[\w-]*\s+){0,2}[\w-]+))?"
                   r"(?P<rate>\s+(?:per\s+year|a\s+year|annually|per\s+annum))?", re.IGNORECASE)
_TEU = re.compile(r"\s(?:TEUs?\b|twenty-foot\s+equivalent\s+units?(?:\s+\(TEUs?\))?)")
_FOLD = re.compile(r"-fold\b")
_FRACTION = re.compile(
    rf"(?<![\w-])(?:(?P<qual>{_QUAL}) )?(?P<frac>"
    + "|".join(re.escape(f) for f in sorted(FRACTIONS, key=len, reverse=True))
    + r")(?= of\b)", re.IGNORECASE)
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
_HEAD_END = re.compile(r"(?:s|people|personnel|staff|equipment|cattle|sheep|fish|aircraft)$")


def _sentence_of(spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    """The sentence holding ``pos`` (spans are sorted and disjoint), or (0, 0)."""
    i = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    if i >= 0 and spans[i][0] <= pos < spans[i][1]:
        return spans[i]
    return 0, 0


def _count_noun(text: str, pos: int) -> tuple[int, str, str] | None:
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
            after = re.match(r" of ((?:[a-z][\w-]* ){0,2}[a-z][\w-]*s)\b", text[end:end + 60])
            if low in ("types", "kinds", "sorts", "batches", "varieties") and after:
                phrase += " of " + after.group(1)
            return end, low, phrase
    return None


def _anchor(text: str, spans: list[tuple[int, int]], sent: tuple[int, int], phrase: str) -> str:
    """Where counted things are: "enterprises on the platform" vs "at the expo"."""
    places = (("platform", "on the platform"), ("expo", "at the expo"),
              ("exhibition", "at the exhibition"), ("fair", "at the fair"),
              ("forum", "at the forum"), ("summit", "at the summit"),
              ("institute", "at the institute"), ("alliance", "in the alliance"))
    chunks = [text[sent[0]:sent[1]]]
    idx = bisect.bisect_left(spans, sent)
    idx = idx if idx < len(spans) and spans[idx] == sent else -1
    if idx > 0 and re.match(r"(?:It|This|They|These|That)\b", chunks[0]):
        chunks.append(text[spans[idx - 1][0]:spans[idx - 1][1]])
    for chunk in chunks:
        low = chunk.lower()
        for word, where in places:
            if word not in phrase and re.search(rf"\b{word}\b", low):
                return where
    return ""


_MEASURE_HEADS = word_set("""
volume investment growth value exports imports trade turnover capacity output revenue sales gdp
population deals purchases financing loans profit income funding spending budget production
""")
# "15 agreements worth $X", "The deal, valued at X", "contracts with a total value of X"
_WORTH = re.compile(r"(?:\d[\d,.]*|\b[Tt]he|\ba|\ban|\b[Ii]ts|\b[Tt]heir)\s+"
                    r"([a-zA-Z][\w-]*(?:\s+[a-z][\w-]*){0,2}),?\s+"
                    r"(?:worth|valued\s+at|with\s+a\s+(?:total\s+)?value\s+of)\s+$")
_MEASURE_STOP = word_set("""
the a an its their our his her of with to from by for in on at and or has have had is was were
reached hit totaling totalling amounted worth than
""")


def _money_measure(before: str) -> str:
    """The noun phrase a figure reports: "... total foreign trade volume ... reached X"."""
    words = re.findall(r"[a-z][a-z-]*", before.lower().replace("'s", ""))
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


def extract_metrics(text: str, *, doc_date: str | None = None) -> list[Metric]:
    """All figures in ``text``; offsets slice ``text`` exactly."""
    spans = sentences(text)
    metrics: list[Metric] = []
    taken = Taken()

    def add(start: int, end: int, **fields: object) -> None:
        if taken.overlaps(start, end):
            return
        sent = _sentence_of(spans, start)
        sentence = text[sent[0]:sent[1]]
        fields.setdefault("period", sentence_period(sentence, doc_date))
        metrics.append(Metric(text=text[start:end], start=start, end=end,
                              sentence=sentence, **fields))  # type: ignore[arg-type]
        taken.add(start, end)

    for start, end, value in find_dates(text, doc_date):
        add(start, end, kind="date", value=value, unit="date", period=None)
    for m in _FRACTION.finditer(text):
        end = m.end()
        tail = re.match(r" of (?:the )?([\w'’ -]{3,40}?)(?=[,.;]| \(| —|$)", text[end:])
        measures = tail.group(1) if tail else ""
        add(m.start(), end + (tail.end() if tail else 0), kind="share",
            value=round(FRACTIONS[m.group("frac").lower()], 4), unit="share",
            qualifier=(m.group("qual") or "").lower() or None, measures=measures)
    for m in FIGURE.finditer(text):
        _figure(text, m, spans, add)
    metrics.sort(key=lambda x: x.start)
    return metrics


def _figure(text: str, m: re.Match[str], spans: list[tuple[int, int]], add) -> None:  # noqa: C901
    num_text = m.group("num")
    start, end = m.start(), m.end()
    if m.group("qual") is None and m.group("cur") is None and m.group("between") is None:
        start = m.start("num")
    before, after = text[max(0, start - 30):start], text[end:end + 80]
    is_word = num_text.isalpha()
    if re.match(r"(?:\.\d|[\w])", text[end:end + 1] or " ") and not _FOLD.match(after) \
            and not m.group("scale") and not _POWER.match(after):
        return  # "18th", "2.0.1", "5G"
    if re.match(r"-(?!fold|megawatt|gigawatt|kilowatt)[a-z]", after) and not m.group("scale"):
        return  # "one-stop", "two-way", "twenty-foot"
    if re.search(r"(?:[A-Z][\w]*|version|v)\s?$", before) and not m.group("cur") \
            and not m.group("qual") and re.search(r"\d\.\d", num_text):
        return  # "Platform 2.0", "MetInfo 7.2"
    if num_text.lower() in ("a", "an") and not m.group("scale"):
        return
    value, malformed = parse_number(num_text)
    scale = scale_of(m.group("scale"))
    if m.group("scale") and m.group("scale").lower() in ("m", "b", "k") \
            and not m.group("cur") and not _POST_CUR.match(after):
        return  # "5 m" as metres, "3b" as a label
    if value is not None:
        value *= scale
    flags = ["malformed number"] if malformed else []
    qual = (m.group("qual") or "").lower() or None
    if m.group("plus"):
        qual = qual or "more than"
    if m.group("num2"):
        hi, bad = parse_number(m.group("num2"))
        if hi is not None and value is not None:
            qual = qual or "range"
            flags.append(f"range to {hi * scale:g}")
    year_like = value is not None and not m.group("cur") and not m.group("scale") \
        and re.fullmatch(r"(?:1[89]|20)\d\d", num_text)
    cur = _CUR_PRE.get((m.group("cur") or "").upper().strip()) if m.group("cur") else None
    common = {"qualifier": qual, "flags": flags}
    if cur is None and (pc := _POST_CUR.match(after)):
        cur = _CUR_POST[pc.group().strip().lower()]
        end += pc.end()
        after = text[end:end + 80]
    if cur:
        usd = None
        if (ub := _USD_BRACKET.match(after)) is not None:
            num, scale_word = (ub.group(1), ub.group(2)) if ub.group(1) else ub.group(3, 4)
            usd_v, _ = parse_number(num)
            usd = usd_v * scale_of(scale_word) if usd_v is not None else None
            end += ub.end()
        before_money = text[_sentence_of(spans, start)[0]:start]
        if (w := _WORTH.search(before_money)) is not None:  # "15 agreements worth $1.2 billion"
            measure = f"value of {w.group(1).lower()}"
        else:
            measure = _money_measure(before_money)
        add(start, end, kind="money", value=value, unit=cur, usd=usd if cur != "USD" else None,
            measures=measure, **common)
        return
    if (pm := _PERCENT.match(after)) or (pm := _PP.match(after)):
        unit = "pp" if pm.re is _PP else "%"
        measure = _money_measure(text[_sentence_of(spans, start)[0]:start])
        if re.search(r"\b(?:up|down|rose|grew|increased|fell)\s*$", before) \
                and not measure.endswith("growth"):
            measure = (measure + " growth").strip()
        add(start, end + pm.end(), kind="percent", value=value, unit=unit, measures=measure,
            **common)
        return
    if (pw := _POWER.match(after)) is not None:
        word = pw.group(1).lower()
        factor = 1e-3 if word.startswith("k") else (1e3 if word.startswith("g") else 1.0)
        add(start, end + pw.end(), kind="power",
            value=value * factor if value is not None else None, unit="MW", **common)
        return
    if (ms := _MASS.match(after)) is not None and not year_like:
        add(start, end + ms.end(), kind="mass", value=value,
            unit="t/yr" if ms.group("rate") else "t", measures=(ms.group("what") or "").lower(),
            **common)
        return
    if (tu := _TEU.match(after)) is not None:
        # A TEU figure always counts containers; name the measure even when no noun says so.
        add(start, end + tu.end(), kind="containers", value=value, unit="TEU",
            measures="containers handled", **common)
        return
    if (fo := _FOLD.match(after)) is not None:
        add(start, end + fo.end(), kind="multiplier", value=value, unit="x", **common)
        return
    if year_like or (is_word and qual is None and value == 1 and not m.group("scale")):
        return  # years are periods; a lone "one" is rarely a figure
    noun = _count_noun(text, end)
    if noun is None:
        return
    noun_end, head, phrase = noun
    sent = _sentence_of(spans, start)
    where = _anchor(text, spans, sent, phrase)
    add(start, noun_end, kind="count", value=value, unit=head,
        measures=f"{phrase} {where}".strip(), **common)
