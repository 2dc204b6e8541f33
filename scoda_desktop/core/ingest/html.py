"""HTML pages to labelled lines plus the metadata the page states about itself.

The structure of a page already says a lot: ``nav``, ``header``, ``footer`` and ``aside`` are
furniture, ``<article>``/``<main>`` hold the story, share widgets and related lists carry telling
class names. Those lines are not thrown away: they are written as marked lines
(``\\ue000reason\\ue001text``) so the line cleaner records them as removed, in place, exactly
like furniture it spots in plain text. Metadata comes from ``og:title``, ``author``,
``article:published_time``, ``<time datetime>`` and JSON-LD when the page has them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

from scoda_desktop.core.ingest.dates import parse_date
from scoda_desktop.core.ingest.lines import MARK_END, MARK_START

# Not "form": ASP.NET sites wrap the whole page in one <form>; its fields go on their own.
_INVISIBLE = ["script", "style", "noscript", "template", "svg", "iframe", "button",
              "select", "input", "textarea", "link", "meta", "object", "embed", "canvas"]
OUTSIDE = "outside the article"
_NOT_TEXT = (Comment, Declaration, Doctype, ProcessingInstruction)
# A class that names the story itself wins over a furniture word beside it
# ("article-body pagination-first", Blogger's "widget Blog", "ad_body").
_CONTENT_CLASS = re.compile(
    r"^(?:article|post|entry|story|blog|content|main|text|body)$"
    r"|^(?:article|post|entry|story|blog|news|main|page)[-_]?(?:body|content|text|entry)"
    r"|[-_](?:body|content|text)$"
)
_FURNITURE = {"nav": "navigation", "header": "navigation", "footer": "footer", "aside": "related"}
_BLOCKS = ["p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li",
           "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "figure",
           "figcaption", "address", "hr", "header", "footer", "nav", "aside", "center"]
_CLASS_REASONS = [
    (re.compile(r"^(share|sharing|social|sharethis|addthis)([-_].*)?$"), "share"),
    (re.compile(r"^(related|recommend\w*|more[-_]stories|most[-_](read|viewed|popular)|popular|"
                r"trending|read[-_]more|also[-_]read)([-_].*)?$"), "related"),
    (re.compile(r"^(comments?|disqus)([-_].*)?$"), "comments"),
    (re.compile(r"^(breadcrumbs?|menu|navbar|nav|pagination|pager|tags|tag[-_]list)([-_].*)?$"),
     "navigation"),
    (re.compile(r"^(newsletter|subscribe|cookie\w*|gdpr|consent|advert\w*|ads?|promo|sponsor\w*)"
                r"([-_].*)?$"), "navigation"),
    (re.compile(r"^(sidebar|widget)([-_].*)?$"), "related"),
    (re.compile(r"^(copyright|site[-_]footer)([-_].*)?$"), "footer"),
]
_DATE_META = ("article:published_time", "og:published_time", "datepublished", "date", "pubdate",
              "publishdate", "publish-date", "publish_date", "dc.date", "dc.date.issued",
              "dcterms.created", "sailthru.date", "parsely-pub-date", "article.published")


@dataclass(slots=True)
class HtmlMeta:
    title: str | None = None
    date: str | None = None
    date_text: str | None = None
    author: str | None = None
    source: str | None = None
    titles: list[str] = field(default_factory=list)  # og:title, JSON-LD headline, <title>
    headings: list[str] = field(default_factory=list)  # the <h1> texts a reader sees


def _meta_content(soup: BeautifulSoup, *names: str) -> str | None:
    wanted = {n.lower() for n in names}
    for tag in soup.find_all("meta"):
        key = (tag.get("property") or tag.get("name") or tag.get("itemprop") or "")
        if str(key).lower() in wanted and str(tag.get("content") or "").strip():
            return " ".join(str(tag["content"]).split())
    return None


def _json_ld(soup: BeautifulSoup) -> dict:
    """The first JSON-LD object that describes an article (headline or datePublished)."""
    for script in soup.find_all("script", attrs={"type": "application/ld+json"}):
        try:
            data = json.loads(script.string or "")
        except (ValueError, TypeError):
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if "headline" in item or "datePublished" in item:
                    return item
                stack.extend(v for k, v in item.items() if k == "@graph")
    return {}


def _name_of(value: object) -> str | None:
    if isinstance(value, list):
        names = [n for n in (_name_of(v) for v in value) if n]
        return ", ".join(names) if names else None
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, str) and value.strip() and not value.startswith("http"):
        return " ".join(value.split())
    return None


def read_html_meta(soup: BeautifulSoup) -> HtmlMeta:
    """What the page says about itself in its head and markup."""
    ld = _json_ld(soup)
    meta = HtmlMeta()
    h1 = soup.find("h1")
    page_title = soup.title.get_text(" ", strip=True) if soup.title else ""
    meta.titles = [t for t in (_meta_content(soup, "og:title", "twitter:title"),
                               _name_of(ld.get("headline")) if ld else None, page_title) if t]
    meta.headings = [h.get_text(" ", strip=True) for h in soup.find_all("h1", limit=5)]
    meta.title = (_meta_content(soup, "og:title", "twitter:title")
                  or (_name_of(ld.get("headline")) if ld else None)
                  or (h1.get_text(" ", strip=True) if h1 else None)
                  or re.split(r"\s+[|–—-]\s+", page_title)[0].strip() or None)
    time_tag = soup.find("time", attrs={"datetime": True})
    for raw in (_meta_content(soup, *_DATE_META), ld.get("datePublished") if ld else None,
                time_tag.get("datetime") if time_tag else None,
                time_tag.get_text(" ", strip=True) if time_tag else None):
        if isinstance(raw, str) and parse_date(raw):
            meta.date, meta.date_text = parse_date(raw)[0], raw.strip()
            break
    author = _meta_content(soup, "author", "article:author", "byl", "dc.creator")
    if author and (author.startswith("http") or "/" in author):
        author = None
    meta.author = author or (_name_of(ld.get("author")) if ld else None)
    parts = re.split(r"\s+[|–—-]\s+", page_title)
    suffix = parts[-1].strip() if len(parts) > 1 and 1 <= len(parts[-1].split()) <= 6 else None
    meta.source = (_meta_content(soup, "og:site_name", "application-name")
                   or (_name_of(ld.get("publisher")) if ld else None) or suffix)
    return meta


def _reason_of(tag: Tag) -> str | None:
    if tag.name in _FURNITURE:
        return _FURNITURE[tag.name]
    attrs = getattr(tag, "attrs", None) or {}
    if attrs.get("role") in ("navigation", "banner", "contentinfo", "complementary"):
        return {"navigation": "navigation", "banner": "navigation",
                "contentinfo": "footer", "complementary": "related"}[attrs["role"]]
    tokens = [str(t).lower() for t in (attrs.get("class") or [])]
    tokens += str(attrs.get("id") or "").lower().split()
    if any(_CONTENT_CLASS.search(t) for t in tokens):
        return None
    for token in tokens:
        for regex, reason in _CLASS_REASONS:
            if regex.match(token):
                return reason
    if tag.name in ("ul", "ol"):
        text = tag.get_text(" ", strip=True)
        linked = sum(len(a.get_text(" ", strip=True)) for a in tag.find_all("a"))
        if text and linked >= 0.7 * len(text):
            return "navigation"
    return None


def _mark(tag: Tag, reason: str) -> None:
    lines = [ln.strip() for ln in tag.get_text().split("\n") if ln.strip()]
    marked = "".join(f"\n{MARK_START}{reason}{MARK_END}{ln}" for ln in lines)
    tag.replace_with(NavigableString(marked + "\n"))


def _prose(tag: Tag | BeautifulSoup) -> int:
    """Characters of paragraph text under ``tag``: what a story container holds most of."""
    return sum(len(p.get_text(" ", strip=True)) for p in tag.find_all("p"))


def _mark_rest(node: Tag | NavigableString, reason: str) -> None:
    """Mark every line of ``node`` that is not marked yet (lines outside the story)."""
    out = []
    for ln in str(node.get_text() if isinstance(node, Tag) else node).split("\n"):
        ln = ln.strip()
        if ln:
            out.append(ln if ln.startswith(MARK_START) else f"{MARK_START}{reason}{MARK_END}{ln}")
    node.replace_with(NavigableString("".join(f"\n{ln}" for ln in out) + "\n"))


def _root(soup: BeautifulSoup) -> Tag | BeautifulSoup:
    """The story container, when one holds most of the page's prose; else the whole body.

    The largest ``<article>`` or the first ``<main>`` is not taken on trust: a reader
    comment, a related-story card or an empty ``<main>`` wears the same tag.
    """
    page = soup.body or soup
    total = _prose(page)
    candidates = [*soup.find_all(["article", "main"]), *soup.find_all(attrs={"role": "main"})]
    best = max(candidates, key=_prose, default=None)
    if best is not None and total and _prose(best) >= 0.6 * total:
        return best
    return page


def html_to_lines(markup: str) -> tuple[str, HtmlMeta]:
    """Page text, one block per line (furniture lines marked), and the page's metadata."""
    soup = BeautifulSoup(markup, "lxml")
    meta = read_html_meta(soup)
    for tag in soup.find_all(_INVISIBLE):
        tag.decompose()
    for node in soup.find_all(string=lambda s: isinstance(s, _NOT_TEXT)):
        node.extract()  # comments and doctypes are not text (Blogger themes comment a lot)
    for node in soup.find_all(string=True):
        if node.parent is not None and node.parent.name != "pre":
            node.replace_with(NavigableString(re.sub(r"\s+", " ", str(node))))
    for tag in soup.find_all("br"):
        tag.replace_with(NavigableString("\n"))
    for tag in soup.find_all(_BLOCKS):
        tag.insert_before(NavigableString("\n"))
        tag.insert_after(NavigableString("\n"))
    root = _root(soup)
    page = soup.body or soup
    stack = [page]
    while stack:  # top-down, never into a marked subtree; no recursion on deep pages
        for child in list(stack.pop().children):
            if isinstance(child, Tag):
                reason = _reason_of(child)
                if reason:
                    _mark(child, reason)
                else:
                    stack.append(child)
    # Around the story container: kept as removed lines (the provenance view shows them)
    node = root
    while node is not page and node.parent is not None:
        for sibling in list(node.parent.children):
            if sibling is not node:
                _mark_rest(sibling, OUTSIDE)
        node = node.parent
    return page.get_text(), meta
