"""Title, publication date, author and outlet from a page's header lines and dateline.

News headers are short and formulaic: a headline, maybe a standfirst, a byline, a date line,
in some order; wire copy carries its date and source in the dateline ("BEIJING, July 4, 2023
/PRNewswire/ --"). The header lines come labelled from ``lines.py``; this module reads them.
HTML metadata (``og:title``, ``article:published_time``, JSON-LD), when present, wins:
a site states it on purpose, the text only implies it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from scoda_desktop.core.ingest.dates import DateMatch, search_date
from scoda_desktop.core.ingest.lines import GOOD, NEUTRAL, Line, normalize_key, word_count
from scoda_desktop.core.ingest.patterns import load_boilerplate

_LABEL_RE = re.compile(
    r"^\s*(?:date|dated|published(?: on)?|posted(?: on)?|updated|last updated|release date)"
    r"\s*[:：|-]?\s*",
    re.I,
)
_CAP = r"[A-Z\u00c0-\u024f][\w.'’-]*"
_NAME = rf"{_CAP}(?:\s+(?:van|von|de|bin|al|el|{_CAP})){{0,4}}"
_HANDLE_RE = re.compile(rf"^({_NAME})\s*\(@\w+\)")
_BY_RE = re.compile(r"^by\s+([^|,;:(]+)", re.I)
_LABELLED_RE = re.compile(
    r"^(?:author|authors|writer|reporter|written by|posted by|story by|作者|记者)\s*[:：]\s*"
    r"([^|,;(]+)",
    re.I,
)
_ARTICLE_BY_RE = re.compile(
    rf"\b(?:signed article|article|op-ed|commentary|column|essay|speech) by ({_NAME})"
)
_POSSESSIVE_RE = re.compile(rf"^({_NAME})['’]s (?:article|op-ed|commentary|column|speech|essay)\b",
                            re.I)
_SOURCE_LABEL_RE = re.compile(r"\b(?:source|来源)\s*[:：]\s*([^|:：]{2,60}?)\s*(?:\||$)", re.I)
_PAREN_DATELINE_RE = re.compile(r"^[A-Z][A-Za-z .'-]{1,40},?\s*\(([^()]{2,120})\)")
_WIRE_DATELINE_RE = re.compile(
    r"^[A-Z][A-Za-z .'-]{1,40},[^/\n]{0,60}?/\s*([A-Za-z][\w .-]{1,30})/"
)
_FURNITURE_WORDS = {"share", "admin", "print", "email", "comments", "views", "hits", "none"}


@dataclass(slots=True)
class Meta:
    title: str | None = None
    date: str | None = None
    date_text: str | None = None
    author: str | None = None
    source: str | None = None
    line_reasons: dict[int, str] = field(default_factory=dict)  # header n -> "title", ...


def normalize_name(name: str) -> str | None:
    """Tidy a byline name: "SHAVKAT ALIMBEKOV" -> "Shavkat Alimbekov"; None if it is not one."""
    name = re.sub(r"\s+", " ", name).strip(" .,;:-–—|")
    name = re.sub(r"\s+(?:and|&)\s*$", "", name)
    if not name or len(name) > 60 or not any(ch.isalpha() for ch in name):
        return None
    if name.lower() in _FURNITURE_WORDS:
        return None
    tokens = name.split()
    if len(tokens) > 6:
        return None
    return " ".join(t.capitalize() if t.isupper() and len(t) > 1 else t for t in tokens)


def _strip_date(text: str, found: DateMatch) -> str:
    rest = text[: found.start] + " " + text[found.end :]
    return _LABEL_RE.sub("", rest.strip()).strip(" |-–—:")


def pick_title(
    header: list[Line], known: str | None, footer_text: str = ""
) -> tuple[str | None, dict[int, str]]:
    """The headline among the header lines, and the header lines that are title/standfirst.

    A headline sits just above the byline or date line, so when the header has one, only the
    two lines before it (or the date line itself, "date 2025-03-09 Headline") are considered;
    a line the footer repeats ("Copyright 2024 Site Name") is the site's name, not a title.
    """
    reasons: dict[int, str] = {}
    if known:
        key = normalize_key(known)
        for ln in header:
            if normalize_key(ln.text) == key:
                reasons[ln.n] = "title"
        return known, reasons
    footer_key = normalize_key(footer_text)
    stop_at = next((i for i, ln in enumerate(header) if ln.reason == "byline"), len(header))
    anchor = next((i for i, ln in enumerate(header) if ln.reason in ("byline", "date")), None)
    candidates: list[tuple[int, Line, str]] = []
    for i, ln in enumerate(header[: stop_at]):
        if ln.kind not in (NEUTRAL, GOOD) and ln.reason != "date":
            continue
        text = ln.text
        found = search_date(text)
        if found is not None:
            text = _strip_date(text, found)
        words = word_count(text)
        if footer_key and normalize_key(text) in footer_key:
            continue
        if 2 <= words <= 40 and not text.endswith((".", ":", ";", ",")):
            candidates.append((i, ln, text))
    if anchor is not None and any(anchor - 2 <= i <= anchor for i, _, _ in candidates):
        candidates = [c for c in candidates if anchor - 2 <= c[0] <= anchor]
    chosen = next((c for c in candidates if word_count(c[2]) >= 4), None)
    chosen = chosen or next(iter(candidates), None)
    if chosen is None:
        return None, reasons
    reasons[chosen[1].n] = "title"
    for _, ln, text in candidates:
        if ln.n > chosen[1].n and word_count(text) >= 8:
            reasons[ln.n] = "standfirst"
    return chosen[2], reasons


def fallback_title(paragraph: str, max_words: int = 12) -> str | None:
    """A stand-in headline: the first sentence of the body, without its dateline, shortened."""
    text = re.sub(r"^[A-Z][A-Z .'-]{1,40},[^\n]{0,120}?(?:/ --|/ —|--|—|\) )\s*", "", paragraph)
    text = re.sub(r"^A report from [^:]{2,60}:\s*", "", text)
    sentence = re.split(r"(?<=[.!?。！？])\s", text, maxsplit=1)[0].strip()
    words = sentence.split()
    if not words:
        return None
    if len(words) > max_words:
        return " ".join(words[:max_words]).rstrip(",;:") + "…"
    return sentence.rstrip(".")


def pick_date(header: list[Line], first_paragraph: str) -> DateMatch | None:
    """The header's first date (its same-day variant with a time, if any), else the dateline."""
    found: DateMatch | None = None
    for ln in header:
        if ln.reason in {"spam", "related", "footer"}:
            continue
        here = search_date(ln.text)
        if here is None:
            continue
        if found is None or (here.iso[:10] == found.iso[:10] and len(here.iso) > len(found.iso)):
            found = here  # the first date, or the same day written with its time
    if found is None and first_paragraph:
        found = search_date(first_paragraph[:300])
    return found


def pick_author(header: list[Line], title: str | None, first_paragraph: str) -> str | None:
    for ln in header:
        if ln.reason != "byline":
            continue
        for regex in (_HANDLE_RE, _BY_RE, _LABELLED_RE):
            m = regex.match(ln.text)
            if m:
                text = m.group(1)
                found = search_date(text)
                if found is not None:
                    text = text[: found.start]
                name = normalize_name(_LABEL_RE.sub("", text))
                if name:
                    return name
    m = _POSSESSIVE_RE.match(title or "") or _ARTICLE_BY_RE.search(first_paragraph[:600])
    return normalize_name(m.group(1)) if m else None


def pick_source(header: list[Line], first_paragraph: str) -> str | None:
    wires = load_boilerplate().wires
    for ln in header:
        if ln.reason == "byline" and "|" in ln.text:
            text, found = ln.text, search_date(ln.text)
            if found is not None:
                text = text[: found.start] + text[found.end :]
            for part in text.split("|")[1:]:
                part = _LABEL_RE.sub("", part.strip()).strip(" :")
                if 1 <= len(part.split()) <= 6 and re.search(r"[^\W\d]{2}", part):
                    return part
        m = _SOURCE_LABEL_RE.search(ln.text)
        if m and m.group(1).strip(" :").lower() not in _FURNITURE_WORDS:
            return m.group(1).strip(" :")
    head = first_paragraph[:300]
    m = _PAREN_DATELINE_RE.match(head)
    if m:
        parts = [p.strip() for p in re.split(r"\s[-–—]\s", m.group(1)) if p.strip()]
        parts = [p for p in parts if search_date(p) is None]
        if len(parts) >= 2:
            return parts[1]
        if parts:
            return wires.get(parts[0], parts[0])
    m = _WIRE_DATELINE_RE.match(head)
    if m:
        wire = m.group(1).strip()
        return wires.get(wire, wire)
    return None


def read_meta(
    header: list[Line], first_paragraph: str, known_title: str | None = None,
    trailer: list[Line] | None = None,
) -> Meta:
    """Everything the header and the dateline say about the article."""
    footer = " | ".join(ln.text for ln in trailer or [] if ln.reason == "footer")
    title, reasons = pick_title(header, known_title, footer)
    found = pick_date(header, first_paragraph)
    meta = Meta(title=title, line_reasons=reasons)
    if found is not None:
        meta.date, meta.date_text = found.iso, found.original
    meta.author = pick_author(header, title, first_paragraph)
    meta.source = pick_source(header, first_paragraph)
    if meta.source is None and footer:
        # The site's name: a short header line the copyright footer repeats.
        key = normalize_key(footer)
        meta.source = next((ln.text for ln in header if ln.kind == NEUTRAL
                            and 1 <= word_count(ln.text) <= 6
                            and normalize_key(ln.text) in key), None)
    if meta.title is None and first_paragraph:
        meta.title = fallback_title(first_paragraph)
    return meta

