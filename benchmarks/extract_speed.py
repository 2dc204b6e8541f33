"""Per-article CPU time of metric and entity extraction (the issue-13 speed limit).

Cleans the five seeds plus a generated corpus (``make_corpus.py``) once, then times only
``extract_metrics``, ``extract_entities`` and both together (``extract``, what indexing
runs: the two share the text's sentences) over the clean texts (``time.process_time``,
best of ``--repeat`` rounds), so cleaning and indexing noise stay out of the figure.
``make bench`` runs it too (``--json``: one JSON line of the three figures).

    python benchmarks/extract_speed.py [--n 300] [--repeat 3] [--json]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from scoda_desktop.core.extract import extract, extract_entities, extract_metrics  # noqa: E402
from scoda_desktop.core.ingest import clean_text  # noqa: E402


def texts(n: int) -> list[tuple[str, str | None]]:
    """(clean text, date) of the seeds and ``n`` generated articles."""
    files = sorted((ROOT / "seeds").glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, str(HERE / "make_corpus.py"), "--seeds",
                        str(ROOT / "seeds"), "--out", tmp, "--n", str(n), "--seed", "42"],
                       check=True, capture_output=True)
        files += sorted(Path(tmp).glob("*.txt"))
        docs = [clean_text(f.read_text(encoding="utf-8"), path=str(f)) for f in files]
    return [(d.text, d.date) for d in docs]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", action="store_true", help="print one JSON line of the figures")
    args = ap.parse_args(argv)
    docs = texts(args.n)
    extract(docs[0][0], doc_date=docs[0][1])  # load the name lists outside the timing
    figures: dict[str, float] = {}
    for name, fn in (("metrics", lambda t, d: extract_metrics(t, doc_date=d)),
                     ("entities", lambda t, d: extract_entities(t)),
                     ("both", lambda t, d: extract(t, doc_date=d))):
        best = float("inf")
        for _ in range(args.repeat):
            t0 = time.process_time()
            for text, date in docs:
                fn(text, date)
            best = min(best, time.process_time() - t0)
        figures[name] = best / len(docs) * 1000
        if not args.json:
            print(f"{name}: {figures[name]:.2f} ms CPU per article ({len(docs)} articles)")
    if args.json:
        print(json.dumps({"articles": len(docs), "repeat": args.repeat,
                          **{f"{k}_ms": round(v, 3) for k, v in figures.items()}}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
