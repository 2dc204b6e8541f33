"""Web pages: article body, title and publication day, ours against the field's tools.

The set is trafilatura's evaluation set (``web/evaldata.json``: per page the snippets that
must appear in the article text ("with") and must not ("without"), the title and the date).
Scoring follows trafilatura's own ``tests/eval_common.py``: each snippet is looked for in the
whitespace-normalised output; a "with" snippet found is a true positive, missing a false
negative; a "without" snippet found is a false positive. Body precision/recall/F1 are over
all snippets of all pages. Every tool gets the same bytes (the saved page, no URL) and the
same scorer; readability's HTML summary is turned into text first so markup cannot match.

Title: the normalised title equals the set's (pages that have one). Date: the day
(``YYYY-MM-DD``) equals the set's, over pages that have one; "with a date" is the share of
those pages where the tool gave any date. Pages are also scored in two halves (by a hash of
the URL) so a rule tuned on one half can be checked on the other.

    python benchmarks/quality/run.py web [--limit N]
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))


def norm(text: str) -> str:
    """Whitespace-normalised, as trafilatura's scorer does."""
    return re.sub(r"\s+", " ", text).strip()


def title_key(text: str | None) -> str:
    return norm(text or "").casefold().strip(" .:|-–—")


@dataclass
class Score:
    """Counts over a set of pages for one tool."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    titles: int = 0
    titles_ok: int = 0
    dates: int = 0
    dates_ok: int = 0
    dates_given: int = 0
    seconds: float = 0.0
    pages: int = 0
    errors: list[str] = field(default_factory=list)

    def add_body(self, item: dict, text: str | None) -> None:
        out = norm(text or "")
        found = sum(1 for w in item["with"] if norm(w) in out)
        self.tp += found
        self.fn += len(item["with"]) - found
        self.fp += sum(1 for w in item["without"] if norm(w) in out)

    def add_title(self, item: dict, title: str | None) -> None:
        if item.get("title"):
            self.titles += 1
            self.titles_ok += title_key(title) == title_key(item["title"])

    def add_date(self, item: dict, date: str | None) -> None:
        gold = str(item.get("date") or "")
        if len(gold) == 10:
            self.dates += 1
            self.dates_given += bool(date)
            self.dates_ok += (date or "")[:10] == gold

    def row(self) -> dict[str, float | None]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return {
            "precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "title": self.titles_ok / self.titles if self.titles else None,
            "date": self.dates_ok / self.dates if self.dates else None,
            "with_date": self.dates_given / self.dates if self.dates else None,
            "ms_per_page": 1000 * self.seconds / self.pages if self.pages else 0.0,
        }


# A tool: page path and bytes -> (body text or None, title or None, date or None).
Tool = Callable[[Path, bytes], tuple[str | None, str | None, str | None]]


def run_ours(path: Path, data: bytes) -> tuple[str | None, str | None, str | None]:
    """What ``scoda-desktop clean --json`` gives for the file."""
    from scoda_desktop.core.ingest import load_document

    doc = load_document(path)
    return doc.text, doc.title, doc.date


def run_trafilatura(path: Path, data: bytes) -> tuple[str | None, str | None, str | None]:
    """trafilatura's canonical benchmark settings (tables in, comments out), with metadata."""
    from trafilatura import bare_extraction

    doc = bare_extraction(data, include_comments=False, include_tables=True,
                          include_formatting=False, with_metadata=True)
    if doc is None:
        return None, None, None
    return doc.text, doc.title, doc.date


def run_readability(path: Path, data: bytes) -> tuple[str | None, str | None, str | None]:
    import lxml.html
    from readability import Document
    from trafilatura.utils import decode_file

    doc = Document(decode_file(data))
    summary = doc.summary()
    text = "\n".join(t for t in lxml.html.fromstring(summary).itertext()) if summary else ""
    return text, doc.short_title(), None


def run_justext(path: Path, data: bytes) -> tuple[str | None, str | None, str | None]:
    import justext

    # trafilatura's settings for the jusText baseline (German and English pages: no stoplist
    # choice per page there either; its benchmark uses the union stoplist it builds)
    try:
        from trafilatura.external import jt_stoplist_init

        stoplist = jt_stoplist_init()
    except ImportError:
        stoplist = justext.get_stoplist("English")
    paragraphs = justext.justext(data, stoplist, 50, 200, 0.1, 0.2, 0.2, 200, True)
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate), None, None


def run_htmldate(path: Path, data: bytes) -> tuple[str | None, str | None, str | None]:
    """htmldate as one would use it for a publication date (original, extensive search)."""
    from htmldate import find_date

    return None, None, find_date(data, original_date=True, extensive_search=True)


TOOLS: dict[str, tuple[str, Tool, tuple[str, ...]]] = {
    # name: (module that must import, runner, what it is scored on)
    "SCODA Desktop": ("scoda_desktop", run_ours, ("body", "title", "date")),
    "trafilatura": ("trafilatura", run_trafilatura, ("body", "title", "date")),
    "readability-lxml": ("readability", run_readability, ("body", "title")),
    "jusText": ("justext", run_justext, ("body",)),
    "htmldate": ("htmldate", run_htmldate, ("date",)),
}


def half_of(url: str) -> str:
    return "A" if hashlib.sha1(url.encode()).digest()[0] % 2 == 0 else "B"


def load_set(devsets: Path) -> tuple[Path, dict[str, dict]] | None:
    folder = Path(devsets) / "web"
    data = folder / "evaldata.json"
    if not data.is_file():
        return None
    return folder, json.loads(data.read_text(encoding="utf-8"))


def page_path(folder: Path, name: str) -> Path | None:
    for sub in ("cache", "eval"):
        p = folder / sub / name
        if p.is_file():
            return p
    return None


def score(devsets: Path, limit: int | None = None, tools: list[str] | None = None
          ) -> dict[str, dict[str, Score]] | None:
    """Scores per tool and per part ("all", "A", "B"); None when the set is missing."""
    loaded = load_set(devsets)
    if loaded is None:
        return None
    folder, items = loaded
    chosen: dict[str, tuple[Tool, tuple[str, ...]]] = {}
    for name, (module, fn, what) in TOOLS.items():
        if tools and name not in tools:
            continue
        try:
            __import__(module)
        except ImportError:
            print(f"  {name}: not installed (pip install -e '.[quality]'), left out")
            continue
        chosen[name] = (fn, what)
    urls = sorted(items)[:limit] if limit else sorted(items)
    scores = {n: {"all": Score(), "A": Score(), "B": Score()} for n in chosen}
    for url in urls:
        item = items[url]
        path = page_path(folder, item["file"])
        if path is None:
            continue
        data = path.read_bytes()
        for name, (fn, what) in chosen.items():
            t0 = time.perf_counter()
            try:
                text, title, date = fn(path, data)
            except Exception as exc:  # noqa: BLE001 - a crash is a miss, as in trafilatura's
                text = title = date = None
                scores[name]["all"].errors.append(f"{item['file']}: {type(exc).__name__}: {exc}")
            took = time.perf_counter() - t0
            for part in ("all", half_of(url)):
                s = scores[name][part]
                s.pages += 1
                s.seconds += took
                if "body" in what:
                    s.add_body(item, text)
                if "title" in what:
                    s.add_title(item, title)
                if "date" in what:
                    s.add_date(item, date)
    return scores


def _cell(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def table(scores: dict[str, dict[str, Score]], part: str = "all") -> str:
    """The Markdown table of one part."""
    lines = ["| tool | body P | body R | body F1 | title match | date right | with a date "
             "| ms/page |", "|---|---|---|---|---|---|---|---|"]
    for name, parts in scores.items():
        what = TOOLS[name][2]
        r = parts[part].row()
        lines.append("| " + " | ".join([
            name,
            *(_cell(r[k]) if "body" in what else "–" for k in ("precision", "recall", "f1")),
            _cell(r["title"]) if "title" in what else "–",
            _cell(r["date"]) if "date" in what else "–",
            _cell(r["with_date"]) if "date" in what else "–",
            f"{r['ms_per_page']:.1f}",
        ]) + " |")
    return "\n".join(lines)


def run(devsets_path: Path, limit: int | None = None) -> dict[str, dict[str, Score]] | None:
    """``make bench-quality`` entry point: print the tables (all pages, then each half)."""
    scores = score(Path(devsets_path), limit)
    if scores is None:
        print(f"  skipped: no web set at {Path(devsets_path) / 'web' / 'evaldata.json'} "
              "(../shared/tools/devsets.sh makes it)")
        return None
    pages = next(iter(scores.values()))["all"].pages if scores else 0
    print(f"{pages} pages, {time.strftime('%Y-%m-%d')}\n")
    print(table(scores, "all"))
    for part in ("A", "B"):
        print(f"\nhalf {part}:\n" + table(scores, part))
    for name, parts in scores.items():
        for err in parts["all"].errors[:3]:
            print(f"  {name} failed on {err}")
    return scores
