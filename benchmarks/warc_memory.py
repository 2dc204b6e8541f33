#!/usr/bin/env python3
"""A big generated WARC indexes in bounded memory (issue 15). Not part of `make test`.

    .venv/bin/python benchmarks/warc_memory.py                  # 50 MB and 200 MB
    .venv/bin/python benchmarks/warc_memory.py --sizes 20       # a quick run

Each WARC is built once into benchmarks/corpora/warc/ (gitignored) from the articles of
benchmarks/make_corpus.py, as a crawl looks: per article an HTML page wrapped in ~12 KB of
navigation, inline script and style (the cleaner must drop them) and its request record;
every 10th page captured a second time; every 4th page gzip-encoded and sent chunked. Most
of a crawl's bytes are not articles: per page, three 40 KB images, a style sheet and a
script (skipped and counted). The WARC is gzipped record by record, as crawlers write it.
The sync runs in a fresh process (``Corpus.sync`` into an empty data folder, bundled seeds
included), so the peak RSS of the process and of its two worker processes (``ru_maxrss``)
are what that import needed. If memory grew with the file, the 200 MB row would need about
four times the 50 MB row's.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

CHROME = ("<script>" + "var track=function(){return 1};" * 150 + "</script><style>"
          + ".nav{color:#333}" * 200 + "</style><nav><ul>"
          + "".join(f'<li><a href="/s/{i}">Section {i}</a></li>' for i in range(40))
          + "</ul></nav>")


def build(path: Path, megabytes: int, seed: int = 42) -> dict[str, int]:
    """Write a crawl of about ``megabytes`` MB to ``path``; returns what it holds."""
    import make_corpus
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from tests.core.format_files import chunked

    pool, rng = make_corpus.load_pool(ROOT / "seeds"), random.Random(seed)
    counts = {"pages": 0, "captures": 0, "other": 0}
    tmp = path.with_suffix(".part")
    with open(tmp, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        n = 0
        while fh.tell() < megabytes * 1024 * 1024:
            n += 1
            url = f"https://news.example.com/{2018 + n % 8}/{n:06d}.html"
            page = make_corpus.render_html(*make_corpus.make_article(pool, rng))
            page = page.replace("<body>", "<body>" + CHROME, 1).encode("utf-8")
            headers = [("Content-Type", "text/html; charset=utf-8")]
            body = page
            if n % 4 == 0:
                body = chunked(gzip.compress(page), 4096)
                headers += [("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")]
            for _ in range(2 if n % 10 == 0 else 1):
                date = f"2025-0{1 + n % 9}-1{n % 10}T0{n % 10}:00:00Z"
                writer.write_record(writer.create_warc_record(
                    url, "request", payload=io.BytesIO(b""), warc_headers_dict={
                        "WARC-Date": date},
                    http_headers=StatusAndHeaders("GET / HTTP/1.1", [("Host", "x")],
                                                  is_http_request=True)))
                writer.write_record(writer.create_warc_record(
                    url, "response", payload=io.BytesIO(body), warc_headers_dict={
                        "WARC-Date": date},
                    http_headers=StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")))
                counts["captures"] += 1
            counts["pages"] += 1
            for kind, size, mime in (("1.jpg", 40000, "image/jpeg"), ("2.jpg", 40000, "image/jpeg"),
                                     ("3.jpg", 40000, "image/jpeg"), ("css", 4000, "text/css"),
                                     ("js", 8000, "application/javascript")):
                writer.write_record(writer.create_warc_record(
                    url.replace(".html", f".{kind}"), "response",
                    payload=io.BytesIO(rng.randbytes(size)),
                    http_headers=StatusAndHeaders("200 OK", [("Content-Type", mime)],
                                                  protocol="HTTP/1.1")))
                counts["other"] += 1
    tmp.replace(path)
    path.with_suffix(".json").write_text(json.dumps(counts))
    return counts


def measure(warc: Path, data: Path) -> dict:
    """Run in a fresh process: index the WARC, report time and peak RSS."""
    from scoda_desktop.core.corpus import Corpus

    corpus = Corpus(data)
    corpus.add_sources([warc])
    t0 = time.perf_counter()
    gen = corpus.sync()
    records = 0
    try:
        while True:
            p = next(gen)
            if p.stage == "reading records":
                records = p.done
    except StopIteration as stop:
        report = stop.value
    seconds = time.perf_counter() - t0
    t1 = time.perf_counter()
    again = corpus.sync()
    try:
        while True:
            next(again)
    except StopIteration:
        pass
    resync = time.perf_counter() - t1
    hits = corpus.search("freight").total
    corpus.close()
    skipped = sum(s.count for s in report.skipped_records)
    return {"seconds": round(seconds, 1), "records": records, "documents": report.documents,
            "skipped_records": skipped, "skipped_files": len(report.skipped),
            "unchanged_resync_s": round(resync, 3), "freight_hits": hits,
            "rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "workers_rss_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
                                    / 1024)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[50, 200], help="WARC sizes, MB")
    ap.add_argument("--cache", type=Path, default=HERE / "corpora" / "warc")
    ap.add_argument("--measure", nargs=2, metavar=("WARC", "DATA"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(Path(args.measure[0]), Path(args.measure[1]))))
        return 0
    import tempfile

    args.cache.mkdir(parents=True, exist_ok=True)
    print("| WARC | pages (captures) | other records | index | docs | skipped records "
          "| re-sync | peak RSS main | peak RSS worker |")
    print("|---|---|---|---|---|---|---|---|---|")
    for mb in args.sizes:
        warc = args.cache / f"crawl_{mb}mb.warc.gz"
        if not warc.exists():
            build(warc, mb)
        counts = json.loads(warc.with_suffix(".json").read_text())
        with tempfile.TemporaryDirectory() as data:
            out = subprocess.run([sys.executable, __file__, "--measure", str(warc), data],
                                 check=True, capture_output=True, text=True).stdout
        r = json.loads(out.strip().splitlines()[-1])
        size = warc.stat().st_size / 1048576
        print(f"| {size:.0f} MB | {counts['pages']} ({counts['captures']}) | "
              f"{counts['other']} | {r['seconds']} s | {r['documents']} | "
              f"{r['skipped_records']} | {r['unchanged_resync_s']} s | {r['rss_mb']} MB | "
              f"{r['workers_rss_mb']} MB |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
