"""One measurement in a fresh process; prints one JSON object. Run by ``benchmarks/run.py``.

A fresh process per measurement keeps peak RSS honest (``ru_maxrss`` never goes down) and
makes "first query in a fresh process" mean what it says.

    probe.py sync    --data D --corpus C    full or incremental sync of corpus C
    probe.py queries --data D --repeat N    the query mix, N rounds, ms per query
    probe.py first   --data D               one query in this fresh process (timed from outside)
    probe.py poll    --data D --expect N    a reader polling until N documents are searchable
    probe.py bare-whoosh-index|bare-whoosh-queries|bare-whoosh-first|tantivy-index|
             tantivy-queries|tantivy-first ...
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

# The fixed query mix: one of each kind the issue names (synthetic corpus vocabulary).
QUERIES = [
    "freight",  # single word
    "freight trains",  # AND
    '"industrial cooperation"',  # phrase
    "invest*",  # prefix
    "Valjevo",  # rare word
    "the",  # word in (nearly) every document
    "Kazakhstan OR Tajikistan",  # OR
    "cooperation NOT Russia",  # NOT
    "logistcs~",  # fuzzy
    "trade year:2024",  # filter
    "SCO demonstration area",  # three-word AND
    '"freight train routes"',  # three-word phrase
]


def _rss_mb() -> dict[str, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"rss_mb": round(own, 1), "child_rss_mb": round(kids, 1)}


def _files(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.rglob("*") if p.suffix in {".txt", ".html"})


def cmd_sync(args: argparse.Namespace) -> dict:
    from scoda_desktop.core.corpus import Corpus

    empty = Path(args.data) / "no-seeds"
    empty.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    corpus = Corpus(Path(args.data), seeds_dir=empty)
    if args.corpus and str(Path(args.corpus).resolve()) not in corpus.sources():
        corpus.add_sources([args.corpus])
    gen = corpus.sync()
    searchable = None
    try:
        while True:
            if next(gen).stage == "searchable" and searchable is None:
                searchable = time.perf_counter() - t0
    except StopIteration as stop:
        report = stop.value
    seconds = time.perf_counter() - t0
    cpu = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    out = {"seconds": seconds, "searchable_s": searchable, "documents": report.documents,
           "added": report.added, "updated": report.updated, "unchanged": report.unchanged,
           "skipped": len(report.skipped),
           "cpu_s": sum(r.ru_utime + r.ru_stime for r in cpu)}
    corpus.close()
    return out | _rss_mb()


def cmd_queries(args: argparse.Namespace) -> dict:
    from scoda_desktop.core.corpus import Corpus

    corpus = Corpus(Path(args.data), seeds_dir=Path(args.data) / "no-seeds")
    t0 = time.perf_counter()
    corpus.search(QUERIES[0], limit=20)
    first_ms = (time.perf_counter() - t0) * 1000
    per_query: dict[str, list[float]] = {q: [] for q in QUERIES}
    totals = {}
    for _ in range(args.repeat):
        for q in QUERIES:
            t0 = time.perf_counter()  # wall time of the service call, snippets included
            res = corpus.search(q, limit=20)
            per_query[q].append((time.perf_counter() - t0) * 1000)
            totals[q] = res.total
    corpus.close()
    return {"first_ms": first_ms, "per_query": per_query, "totals": totals} | _rss_mb()


def cmd_poll(args: argparse.Namespace) -> dict:
    """A second process, as a user's other window: search every 50 ms (an empty query:
    every document) until ``--expect`` documents are found; print the wall-clock time then.
    It must be a reader: it waits until the indexer holds the data folder."""
    from scoda_desktop.core.corpus import Corpus

    seeds = Path(args.data) / "no-seeds"
    deadline = time.time() + 3600
    while True:
        corpus = Corpus(Path(args.data), seeds_dir=seeds)
        if corpus.read_only:
            break
        corpus.close()  # the indexer has not started yet
        time.sleep(0.01)
    polls = errors = 0
    while time.time() < deadline:
        polls += 1
        result = corpus.search("", limit=1)
        if result.total >= args.expect:
            found = time.time()
            break
        errors += bool(result.error) and "being built" not in (result.error or "")
        time.sleep(0.05)
    corpus.close()
    return {"found_at": found, "polls": polls, "errors": errors}


def cmd_baseline(args: argparse.Namespace) -> dict:
    import baselines

    files = _files(Path(args.corpus)) if args.corpus else []
    if args.cmd == "bare-whoosh-index":
        return {"seconds": baselines.bare_whoosh_index(files, Path(args.data))} | _rss_mb()
    if args.cmd == "tantivy-index":
        return {"seconds": baselines.tantivy_index(files, Path(args.data))} | _rss_mb()
    if args.cmd == "bare-whoosh-queries":
        return {"times": baselines.bare_whoosh_queries(Path(args.data), QUERIES, args.repeat)}
    if args.cmd == "bare-whoosh-first":
        return {"times": baselines.bare_whoosh_queries(Path(args.data), QUERIES[:1], 1)}
    if args.cmd == "tantivy-first":
        return {"times": baselines.tantivy_queries(Path(args.data), QUERIES[:1], 1)[0]}
    out = baselines.tantivy_queries(Path(args.data), QUERIES, args.repeat)
    return {"times": out[0], "skipped": out[1]}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("cmd")
    ap.add_argument("--data", required=True)
    ap.add_argument("--corpus")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--expect", type=int, default=0)
    args = ap.parse_args()
    if args.cmd == "sync":
        out = cmd_sync(args)
    elif args.cmd == "poll":
        out = cmd_poll(args)
    elif args.cmd == "queries":
        out = cmd_queries(args)
    else:
        out = cmd_baseline(args)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
