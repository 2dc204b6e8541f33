"""One HTML page to the parts of a Document: body, removed lines, title, date, author, source.

Who decides what (measured on trafilatura's 990-page set, docs/CLEANING.md):

- **Body**: trafilatura's article text when it finds one (it already weighs its own
  extraction against its readability port and jusText); our own line cleaner's only when it
  finds none. A fallback to ours when trafilatura keeps far less than ours was measured and
  lost (docs/CLEANING.md). The body is the article as the page gives it, its headline
  included when the extractor reads it as the opening line: that is what a search and
  ``clean --json`` should see (the title field holds it too).
- **Removed lines**: our own reading of the page (``html.py`` + ``lines.py``) lists every
  block of the page in order with a reason (navigation, related, comments, footer...); a
  block that is not part of the chosen body is a removed line, at its place. So the
  provenance view shows what went and why whichever extractor chose the body.
- **Title, author, source**: what the page states on purpose (``og:title``, JSON-LD,
  ``<h1>``) through our rules, with trafilatura's when ours has none.
- **Date**: htmldate's original publication date (through trafilatura), else ours; the
  page's own published timestamp in its local zone when htmldate's day is a few days off it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from scoda_desktop.core.documents import Removed
from scoda_desktop.core.ingest.clean import Cleaned, removed_lines, split_page
from scoda_desktop.core.ingest.decode import normalize_text
from scoda_desktop.core.ingest.html import HtmlMeta, html_to_lines
from scoda_desktop.core.ingest.lines import (
    MARK_END,
    MARK_START,
    guess_language,
    is_sentence_like,
)
from scoda_desktop.core.ingest.meta import Meta, read_meta
from scoda_desktop.core.ingest.title import choose_title


@dataclass(slots=True)
class PageParts:
    paragraphs: list[str]
    removed: list[Removed]
    title: str | None
    date: str | None
    date_text: str | None
    author: str | None
    source: str | None
    page_text: str  # every line of the page (the language guess falls back on it)
    chose: str = "ours"  # which extractor gave the body: "trafilatura" or "ours"
    notes: list[str] = field(default_factory=list)


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _align(cleaned: Cleaned, reasons: dict[int, str], paragraphs: list[str]) -> list[Removed]:
    """Every page line that is not in ``paragraphs``, with our reason, in page order."""
    ours = {r.text: r.reason for r in removed_lines(cleaned, reasons)}
    lines = sorted([*cleaned.header, *cleaned.body, *cleaned.removed_inside, *cleaned.trailer],
                   key=lambda ln: ln.n)
    keys = [_key(p) for p in paragraphs]
    out: list[Removed] = []
    at = 0  # body paragraphs before the current line
    for ln in lines:
        key = _key(ln.text)
        if not key:
            continue
        hit = next((k for k in range(max(0, at - 1), len(keys)) if key in keys[k]), None)
        if hit is None and len(key) > 20:
            hit = next((k for k in range(len(keys)) if key in keys[k]), None)
        if hit is not None:
            at = max(at, hit + 1)
            continue
        out.append(Removed(ln.text, ours.get(ln.text) or "outside the article", at))
    return out


def _menus_only(art, text: str) -> bool:
    """A page of menus only: none of the extractor's paragraphs reads as prose, and all of
    them sit in blocks the page's markup names as furniture (nav, footer...). Then the page
    has no article, whatever the extractor kept. A prose paragraph inside such a block is
    still text (a site that wraps its story in a "widget" or "sidebar" class)."""
    lang = guess_language(" ".join(art.paragraphs))
    if any(is_sentence_like(p, lang) for p in art.paragraphs):
        return False
    marked = {_key(ln.split(MARK_END, 1)[1]) for ln in text.split("\n")
              if ln.startswith(MARK_START) and MARK_END in ln}
    joined = " ".join(marked)
    return all(_key(p) in joined for p in art.paragraphs)


def _article(markup: str, url: str | None):
    from scoda_desktop.core.ingest import article

    if not article.available():
        return None
    try:
        return article.extract_article(markup, url=url)
    except Exception:  # noqa: BLE001 - a library failure falls back to our own cleaner
        return None


def read_page(markup: str, url: str | None = None) -> PageParts:
    """The Document parts of one page (see the module docstring for who decides what).

    ``url`` is the page's own address when known (a browser's "saved from" comment, a WARC
    record's target): htmldate reads a date from its path."""
    text, hmeta = html_to_lines(markup)
    text = normalize_text(text)
    cleaned = split_page(text)
    own = [" ".join(ln.text.split()) for ln in cleaned.body]
    art = _article(markup, url)
    title = _title(hmeta, art)
    meta: Meta = read_meta(cleaned.header, own[0] if own else "", title, cleaned.trailer)
    title = title or meta.title
    paragraphs, chose = own, "ours"
    if art is not None and art.paragraphs and not (not own and _menus_only(art, text)):
        paragraphs, chose = art.paragraphs, "trafilatura"
    date, date_text = _date(hmeta, meta, _htmldate_day(markup, url, art))
    removed = (removed_lines(cleaned, meta.line_reasons) if chose == "ours"
               else _align(cleaned, meta.line_reasons, paragraphs))
    return PageParts(
        paragraphs=paragraphs,
        removed=removed,
        title=title,
        date=date,
        date_text=date_text,
        author=hmeta.author or meta.author or (art.author if art else None),
        source=hmeta.source or meta.source or (art.sitename if art else None),
        page_text=text,
        chose=chose,
    )


def _title(hmeta: HtmlMeta, art) -> str | None:
    """The headline (title.py): the page's head titles and trafilatura's, against its h1."""
    candidates = [*hmeta.titles, art.title if art else None]
    return choose_title(candidates, hmeta.headings, [hmeta.source, art.sitename if art else None])


# A timestamp the page gives with its own UTC offset ("2020-02-19T18:37:32+01:00"): the
# day as the page states it. "+00:00" / "Z" is not a local zone: its day may be the next one.
_LOCAL_OFFSET = re.compile(r"T\d\d:\d\d(?::\d\d(?:\.\d+)?)?\s*([+-])(\d\d):?(\d\d)$")
NEAR_DAYS = 7  # ...and htmldate's day is this close to it: a slug or a visible date nearby


def _local_day(text: str | None) -> bool:
    m = _LOCAL_OFFSET.search((text or "").strip())
    return bool(m) and (m.group(2), m.group(3)) != ("00", "00")


def _days_apart(a: str, b: str) -> int:
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)
    except ValueError:
        return 1 << 30


def _htmldate_day(markup: str, url: str | None, art) -> str | None:
    """htmldate's day through trafilatura, or htmldate alone when trafilatura gave none (a
    page with no article body may still state its date)."""
    if art is not None and art.date:
        return art.date
    from scoda_desktop.core.ingest import article

    return article.find_date(markup, url) if article.available() else None


def _date(hmeta: HtmlMeta, meta: Meta, found: str | None) -> tuple[str | None, str | None]:
    """htmldate's day; written with its time and as the page wrote it when ours agrees.

    One exception, measured (docs/CLEANING.md): the page's own published timestamp in its
    local zone (``html.py``: ``article:published_time``, JSON-LD ``datePublished``,
    ``<time>``) wins over an htmldate day a few days off it: htmldate takes a date in the URL
    first, and a slug's date is the day the draft was made, not the day it appeared."""
    if found:
        for day, text in ((hmeta.date, hmeta.date_text), (meta.date, meta.date_text)):
            if day and day[:10] == found[:10]:
                return day, text
        if (hmeta.date and _local_day(hmeta.date_text)
                and _days_apart(hmeta.date, found) <= NEAR_DAYS):
            return hmeta.date, hmeta.date_text
        return found, found
    if hmeta.date:
        return hmeta.date, hmeta.date_text
    return meta.date, meta.date_text
