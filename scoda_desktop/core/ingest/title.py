"""The headline of a web page: not the site's name, not the ``<title>`` suffix.

Pages name themselves in several places: ``og:title``, JSON-LD ``headline``, ``<title>``, and
the ``<h1>`` a reader sees. The head tags usually carry the site's name too ("Rasende
Polizisten - strafprozess.ch", "Section | Headline | Site"). The visible heading is the
headline as printed, so when a heading is one of the parts of a head title (or the whole of
it), it wins; else the head title loses the parts that name the site (its ``og:site_name``,
the publisher, a domain) or, failing that, a short last part after a separator.
"""

from __future__ import annotations

import re

_SEP = re.compile(r"\s+[|–—·:•»/-]{1,2}\s+|\s*(?:::|\|\|)\s*")
_DOMAIN = re.compile(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}$", re.I)


def _key(text: str | None) -> str:
    return " ".join((text or "").split()).casefold().strip(" .:|-–—")


def _parts(title: str) -> list[str]:
    return [p.strip() for p in _SEP.split(title) if p.strip()]


def choose_title(candidates: list[str | None], headings: list[str],
                 sitenames: list[str | None]) -> str | None:
    """The headline among the page's own names for itself (see the module docstring)."""
    titles = [" ".join(c.split()) for c in candidates if c and c.strip()]
    heads = [" ".join(h.split()) for h in headings if h and 2 <= len(h.split()) <= 40]
    sites = {_key(s) for s in sitenames if s and _key(s)}
    for head in heads:
        hk = _key(head)
        for title in titles:
            tk = _key(title)
            if hk == tk or (len(hk) >= 12 and hk in tk and hk not in sites):
                return head
    if not titles:
        return heads[0] if heads else None
    title = titles[0]
    parts = _parts(title)
    if len(parts) > 1:
        kept = [p for p in parts if _key(p) not in sites and not _DOMAIN.match(p)]
        if kept and len(kept) < len(parts):
            return max(kept, key=len) if len(kept) > 1 and _SEP.search(title) else kept[0]
        if len(parts[-1].split()) <= 4 and len(" ".join(parts[:-1]).split()) >= 3:
            return title[: title.rfind(parts[-1])].rstrip(" |–—·:•»/-")
    return title
