"""The article inside a web page, as trafilatura and htmldate find it (one function of ours).

Why a library: trafilatura (Apache-2.0) is the field's standard for exactly this job (FineWeb,
Common Crawl derivatives and web archives use it); on real pages its body text beats our line
cleaner clearly (see docs/CLEANING.md for the measured table), and htmldate, which it calls,
reads publication dates from every place a page states one (meta tags, JSON-LD, ``<time>``,
the URL, visible text in many languages). Everything the rest of the app sees goes through
``extract_article`` so the library can be replaced without touching the cleaner.

The settings are trafilatura's own benchmark settings: tables kept (statistics live there),
reader comments out (not the article), no formatting marks, its fallback extractors on. The
date is asked for as the *original* publication date, never the "updated" one.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

_QUIET = ("trafilatura", "htmldate", "courlan", "readability", "justext")


@dataclass(slots=True)
class Article:
    """What the extractor found; every field may be missing."""

    paragraphs: list[str] = field(default_factory=list)
    title: str | None = None
    date: str | None = None  # YYYY-MM-DD, the day as the page states it
    author: str | None = None
    sitename: str | None = None


def _quiet() -> None:
    # the libraries log every odd page at WARNING; the import report is ours to write
    for name in _QUIET:
        logging.getLogger(name).setLevel(logging.CRITICAL)


def available() -> bool:
    """False only in a broken install: the cleaner then falls back to its own rules."""
    try:
        import trafilatura  # noqa: F401
    except ImportError:
        return False
    return True


def extract_article(markup: str, url: str | None = None) -> Article | None:
    """Body paragraphs and metadata of one page; None when the library finds no article.
    ``url``, the page's own address when known, lets htmldate read a date from its path."""
    from trafilatura import bare_extraction

    _quiet()
    doc = bare_extraction(
        markup,
        url=url,
        include_comments=False,
        include_tables=True,
        include_formatting=False,
        with_metadata=True,
        deduplicate=False,
        date_extraction_params={"original_date": True, "extensive_search": True},
    )
    if doc is None:
        return None
    text = doc.text or ""
    paragraphs = [" ".join(p.split()) for p in text.split("\n")]
    return Article(
        paragraphs=[p for p in paragraphs if p],
        title=doc.title or None,
        date=doc.date or None,
        author=doc.author or None,
        sitename=doc.sitename or None,
    )


def find_date(markup: str, url: str | None = None) -> str | None:
    """htmldate alone (when the article extractor found no body, its date may still be there)."""
    from htmldate import find_date as _find_date

    _quiet()
    try:
        return _find_date(markup, url=url, original_date=True, extensive_search=True)
    except Exception:  # noqa: BLE001 - a date finder must never stop an import
        return None
