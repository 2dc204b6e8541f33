"""Reference engines run on the same corpus, so every figure can be printed as a ratio.

- ``bare_whoosh``: plain Whoosh, porter2 StemmingAnalyzer, one writer, one commit, stored
  body, ``results.highlights()`` for snippets: what an app gets with no work of its own.
- ``tantivy``: the Rust engine through tantivy-py (optional ``bench`` extra); skipped when
  it is not installed.
Both index the files' text as it is (no cleaning, no extraction).
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


def _title(text: str) -> str:
    return text.strip().split("\n", 1)[0][:200]


def bare_whoosh_index(files: list[Path], index_dir: Path) -> float:
    from whoosh import fields, index
    from whoosh.analysis import StemmingAnalyzer
    from whoosh.lang.porter2 import stem

    ana = StemmingAnalyzer(stemfn=stem)
    schema = fields.Schema(
        id=fields.ID(unique=True, stored=True),
        path=fields.ID(stored=True),
        title=fields.TEXT(analyzer=ana, stored=True, field_boost=2.0),
        body=fields.TEXT(analyzer=ana, stored=True),
    )
    index_dir.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    ix = index.create_in(str(index_dir), schema)
    writer = ix.writer()
    for i, f in enumerate(files):
        text = _read(f)
        writer.add_document(id=str(i), path=str(f), title=_title(text), body=text)
    writer.commit()
    return time.perf_counter() - t0


def bare_whoosh_queries(index_dir: Path, queries: list[str], repeat: int) -> list[float]:
    from whoosh import index
    from whoosh.qparser import MultifieldParser

    ix = index.open_dir(str(index_dir))
    times = []
    with ix.searcher() as searcher:
        parser = MultifieldParser(["title", "body"], ix.schema)
        for _ in range(repeat):
            for q in queries:
                t0 = time.perf_counter()
                results = searcher.search(parser.parse(q), limit=20)
                for hit in results:
                    hit.highlights("body", top=3)
                results.estimated_length()
                times.append((time.perf_counter() - t0) * 1000)
    return times


def tantivy_available() -> bool:
    try:
        import tantivy  # noqa: F401
    except ImportError:
        return False
    return True


def tantivy_index(files: list[Path], index_dir: Path) -> float:
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("title", stored=True, tokenizer_name="en_stem")
    builder.add_text_field("body", stored=True, tokenizer_name="en_stem")
    builder.add_text_field("path", stored=True, tokenizer_name="raw")
    schema = builder.build()
    index_dir.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    ix = tantivy.Index(schema, path=str(index_dir))
    writer = ix.writer()
    for f in files:
        text = _read(f)
        writer.add_document(tantivy.Document(title=_title(text), body=text, path=str(f)))
    writer.commit()
    writer.wait_merging_threads()
    return time.perf_counter() - t0


def tantivy_queries(index_dir: Path, queries: list[str], repeat: int
                    ) -> tuple[list[float], list[str]]:
    """Times of the queries tantivy's parser accepts, and the ones it rejects (no fuzzy
    ``~`` without configuration, no ``year`` field)."""
    import tantivy

    ix = tantivy.Index.open(str(index_dir))
    ix.reload()
    searcher = ix.searcher()
    times: list[float] = []
    skipped: list[str] = []
    for _ in range(repeat):
        for q in queries:
            t0 = time.perf_counter()
            try:
                query = ix.parse_query(q, ["title", "body"])
            except ValueError:
                if q not in skipped:
                    skipped.append(q)
                continue
            result = searcher.search(query, 20)
            gen = tantivy.SnippetGenerator.create(searcher, query, ix.schema, "body")
            for _score, addr in result.hits:
                gen.snippet_from_doc(searcher.doc(addr)).to_html()
            times.append((time.perf_counter() - t0) * 1000)
    return times, skipped


def percentiles(times: list[float]) -> tuple[float, float]:
    if not times:
        return float("nan"), float("nan")
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95
