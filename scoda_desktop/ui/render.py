"""Pure-text HTML for the reading view and the result list (no Qt, unit-testable).

Hostile text stays text: every character of a document is passed through ``html.escape``
before any markup of ours is added, and the only tags we emit are ``<p>``, ``<span>`` and
``<b>`` with inline styles. Each paragraph becomes exactly one block of the rendered
document and keeps its whitespace (``pre-wrap``), so a character offset in the clean text maps
to a position in the view by block number + column; that is how the window scrolls to an
entity or a metric without anchors.
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass, field
from typing import Any

from scoda_desktop.core.documents import ENTITY_TYPES, Document, Removed

# Okabe & Ito (2008), a palette that stays distinguishable with the common colour-vision
# deficiencies. Highlights use a light tint of each so black text stays readable.
OKABE_ITO = {
    "orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73", "yellow": "#F0E442",
    "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7", "black": "#000000",
}
LAYER_COLOURS = {
    "match": OKABE_ITO["yellow"],
    "PERSON": OKABE_ITO["sky"],
    "ORG": OKABE_ITO["orange"],
    "PLACE": OKABE_ITO["green"],
    "FACILITY": OKABE_ITO["purple"],
    "EVENT": OKABE_ITO["vermillion"],
    # The palette's black, lightened: tinted it must stay light enough for black text.
    "GROUP": "#808080",
    "metric": OKABE_ITO["blue"],
}
LAYER_LABELS = {
    "match": "Query match", "PERSON": "Person", "ORG": "Organisation", "PLACE": "Place",
    "FACILITY": "Facility", "EVENT": "Event",
    "GROUP": "Group", "metric": "Metric",
}
LAYERS = ("match", *ENTITY_TYPES, "metric")
# Marks for what the user pointed at: every mention of a clicked entity ("focus") and the
# match or metric the view jumped to ("current"). Solid colours, not tints, so they stand out.
FOCUS_COLOURS = {"current": OKABE_ITO["orange"], "focus": OKABE_ITO["yellow"]}
# Which highlight wins where spans overlap: what the user pointed at, the query, entities,
# then metrics.
_PRIORITY = {name: i for i, name in enumerate(("current", "focus", *LAYERS))}
PARAGRAPH_SEP = "\n\n"


def tint(colour: str, amount: float = 0.55) -> str:
    """``colour`` mixed with white (``amount`` = share of white), as ``#rrggbb``."""
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    mix = [round(c + (255 - c) * amount) for c in (r, g, b)]
    return "#" + "".join(f"{c:02x}" for c in mix)


def escape(text: str) -> str:
    return html.escape(text, quote=True)


@dataclass(frozen=True, slots=True)
class Span:
    """A highlighted range of the clean text; ``layer`` is a key of ``LAYER_COLOURS``."""

    start: int
    end: int
    layer: str


@dataclass(slots=True)
class Rendered:
    """The HTML plus, per body paragraph, (block number, first offset, end offset)."""

    html: str
    paragraphs: list[tuple[int, int, int]] = field(default_factory=list)

    def locate(self, offset: int) -> tuple[int, int] | None:
        """(block number, column) of a clean-text offset, or None outside every paragraph."""
        for block, start, end in self.paragraphs:
            if start <= offset <= end:
                return block, offset - start
        return None


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the paragraphs of a clean text."""
    out: list[tuple[int, int]] = []
    pos = 0
    for part in text.split(PARAGRAPH_SEP):
        out.append((pos, pos + len(part)))
        pos += len(part) + len(PARAGRAPH_SEP)
    return out


def document_spans(doc: Document, matches: list[tuple[int, int]],
                   enabled: set[str] | frozenset[str],
                   focus: list[tuple[int, int]] | None = None,
                   current: tuple[int, int] | None = None) -> list[Span]:
    """Highlight spans of the layers the user left switched on, plus what was pointed at."""
    spans = [Span(s, e, "focus") for s, e in focus or []]
    if current is not None:
        spans.append(Span(current[0], current[1], "current"))
    spans += [Span(s, e, "match") for s, e in matches] if "match" in enabled else []
    spans += [Span(e.start, e.end, e.type) for e in doc.entities if e.type in enabled]
    if "metric" in enabled:
        spans += [Span(m.start, m.end, "metric") for m in doc.metrics if m.kind != "date"]
    return [s for s in spans if 0 <= s.start < s.end <= len(doc.text)]


def _segment_html(text: str, active: list[Span]) -> str:
    body = escape(text)
    if not active:
        return body
    top = min(active, key=lambda s: _PRIORITY.get(s.layer, 99))
    colour = FOCUS_COLOURS.get(top.layer) or tint(LAYER_COLOURS[top.layer])
    style = f"background-color:{colour}; color:#000000"
    if any(s.layer == "metric" for s in active):
        style += "; text-decoration:underline"
    if any(s.layer in ("match", "focus", "current") for s in active):
        return f'<b><span style="{style}">{body}</span></b>'
    return f'<span style="{style}">{body}</span>'


def highlight_html(text: str, spans: list[Span], base: int = 0) -> str:
    """``text`` (starting at clean offset ``base``) escaped, with ``spans`` marked."""
    end = base + len(text)
    cuts = {base, end}
    inside = [s for s in spans if s.start < end and s.end > base]
    for s in inside:
        cuts.update((max(s.start, base), min(s.end, end)))
    points = sorted(cuts)
    parts = []
    for a, b in zip(points, points[1:], strict=False):
        active = [s for s in inside if s.start <= a and s.end >= b]
        parts.append(_segment_html(text[a - base:b - base], active))
    return "".join(parts)


_P = '<p style="white-space:pre-wrap; margin-top:0px; margin-bottom:10px">{}</p>'
# The headline, when the article text opens with it (web pages do: the text is kept as the
# page gives it, so a match in the headline has a place to point at). It is drawn here,
# once, instead of in the metadata header as well.
_HEADLINE = ('<p style="white-space:pre-wrap; margin-top:0px; margin-bottom:10px; '
             'font-size:15pt; font-weight:600">{}</p>')
_REMOVED = ('<p style="white-space:pre-wrap; margin-top:0px; margin-bottom:10px; '
            'color:#888888"><i>[{}] {}</i></p>')


def _same_words(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def opens_with_title(doc: Document) -> bool:
    """Whether the article text's first paragraph is its title (the reading view then
    shows the headline once, in the text, where matches in it are highlighted)."""
    if not doc.title or not doc.text:
        return False
    first = doc.text.split(PARAGRAPH_SEP, 1)[0]
    return _same_words(first, doc.title)


def render_document(text: str, spans: list[Span], removed: list[Removed] | None = None,
                    *, show_removed: bool = False, headline: bool = False) -> Rendered:
    """The article as HTML, one block per paragraph; removed lines greyed in place.
    ``headline``: the first paragraph is the title, drawn as a heading."""
    by_place: dict[int, list[Removed]] = {}
    if show_removed:
        for r in removed or []:
            by_place.setdefault(r.at, []).append(r)
    blocks: list[str] = []
    paras: list[tuple[int, int, int]] = []
    spans = sorted(spans, key=lambda s: s.start)
    starts = [s.start for s in spans]
    # Only spans starting after ``start - longest`` can reach into a paragraph: a binary
    # search per paragraph instead of a scan of every span (10,000s in a long document).
    longest = max((s.end - s.start for s in spans), default=0)
    for i, (start, end) in enumerate(paragraphs(text)):
        for r in by_place.pop(i, []):
            blocks.append(_REMOVED.format(escape(r.reason), escape(r.text)))
        paras.append((len(blocks), start, end))
        near = spans[bisect.bisect_left(starts, start - longest):bisect.bisect_left(starts, end)]
        block = _HEADLINE if headline and i == 0 else _P
        blocks.append(block.format(highlight_html(text[start:end], near, start)))
    for at in sorted(by_place):  # lines after the last paragraph
        for r in by_place[at]:
            blocks.append(_REMOVED.format(escape(r.reason), escape(r.text)))
    return Rendered("<html><body>" + "".join(blocks) + "</body></html>", paras)


def captured_text(captured: str | None) -> str:
    """An ISO capture time as people read it: ``2025-03-10 08:01 UTC``."""
    if not captured:
        return ""
    utc = captured.endswith("Z")
    text = captured.rstrip("Z").replace("T", " ")[:16]
    return f"{text} UTC" if utc and len(text) > 10 else text


def where_text(doc: Document) -> str:
    """The file, and for a web archive the record in it."""
    if doc.record is None:
        return doc.path
    return f"{doc.path} (record at byte {doc.record})"


def header_html(doc: Document) -> str:
    """Metadata header: title, then date · source · author, then URL · capture, then the
    path. The URL is shown as text, never as a link: the reading view opens nothing.
    The title is left out when the text opens with it (``opens_with_title``): the text
    shows it as its heading."""
    date = (doc.date or "").replace("T", " ")[:16]
    meta = " · ".join(escape(v) for v in (date, doc.source, doc.author) if v)
    copies = ""
    if doc.duplicates:
        copies = f" · {len(doc.duplicates) + 1} copies"
    origin = [escape(doc.url)] if doc.url else []
    if doc.captured:
        origin.append("captured " + escape(captured_text(doc.captured)))
    provenance = (f'<div style="color:#444444">{" · ".join(origin)}</div>' if origin else "")
    title = "" if opens_with_title(doc) else (
        f'<div style="font-size:15pt; font-weight:600">{escape(doc.title or "(untitled)")}</div>')
    return (f'{title}'
            f'<div>{meta}{copies} · {doc.words} words</div>'
            f'{provenance}'
            f'<div style="color:#777777">{escape(where_text(doc))}</div>')


def citation(doc: Document, page: int | None = None) -> str:
    """Plain-text citation for the clipboard: title, source, date, page (of a PDF match),
    URL and capture time when known, path (and record)."""
    parts = [f'"{doc.title or "(untitled)"}"', doc.source or "unknown source",
             doc.date or "undated"]
    if page is not None:
        parts.append(f"p. {page}")
    if doc.url:
        parts.append(doc.url)
    if doc.captured:
        parts.append(f"captured {doc.captured}")
    parts.append(where_text(doc))
    return ". ".join(parts) + "."


def hit_meta(date: str | None, source: str | None) -> str:
    return " · ".join(v for v in ((date or "")[:10], source or "") if v) or "undated"


def copies_badge(duplicates: list[str]) -> str:
    """'2 copies' for a hit whose text also came from other files; '' otherwise."""
    return f"{len(duplicates) + 1} copies" if duplicates else ""


def legend_html(enabled: set[str] | frozenset[str]) -> str:
    """A one-line colour key (used in tooltips and the help text)."""
    cells = []
    for layer in LAYERS:
        mark = "" if layer in enabled else " (off)"
        cells.append(f'<span style="background-color:{tint(LAYER_COLOURS[layer])}; '
                     f'color:#000000">&nbsp;{LAYER_LABELS[layer]}{mark}&nbsp;</span>')
    return " ".join(cells)


def entity_mentions(doc: Document, etype: str, canonical: str) -> list[Any]:
    """Every mention of one entity in ``doc``, in text order."""
    return sorted((e for e in doc.entities if e.type == etype and e.canonical == canonical),
                  key=lambda e: e.start)


_TAG = re.compile(r"(</?b>)")


def safe_snippet(snippet: str) -> str:
    """Keep only ``<b>``/``</b>`` of a snippet; every other character is text.

    The core already escapes snippets; this is the second lock on the door, so a core bug
    cannot put a live tag (an image, a link) into the result list.
    """
    parts = _TAG.split(snippet or "")
    return "".join(p if p in ("<b>", "</b>") else escape(html.unescape(p)) for p in parts)
