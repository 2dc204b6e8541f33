"""Per-article entity-extraction CPU time: the five seeds plus a generated corpus.

    python benchmarks/entity_speed.py [--n 400] [--repeat 3]

Why its own script: `make bench` times the whole index; a change to the name rules needs the
extraction time alone, before and after, on the same texts. The corpus is made by
``make_corpus.py --seed 42`` (cached in a temporary folder); each text is cleaned first (not
timed), then ``extract_entities`` runs over all texts; the best of the repeats is reported.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from scoda_desktop.core.extract import extract_entities  # noqa: E402
from scoda_desktop.core.ingest.reader import clean_text  # noqa: E402


def texts(n: int) -> list[str]:
    out = Path(tempfile.gettempdir()) / f"scoda-entity-speed-{n}"
    if not out.exists() or len(list(out.glob("*.txt"))) < n:
        subprocess.run([sys.executable, str(HERE / "make_corpus.py"), "--seeds",
                        str(ROOT / "seeds"), "--out", str(out), "--n", str(n), "--seed", "42"],
                       check=True, stdout=subprocess.DEVNULL)
    files = sorted((ROOT / "seeds").glob("*.txt")) + sorted(out.glob("*.txt"))[:n]
    return [clean_text(f.read_text(encoding="utf-8"), path=str(f)).text for f in files]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=400)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    docs = texts(args.n)
    extract_entities(docs[0])  # load the lists outside the timing
    best = float("inf")
    for _ in range(args.repeat):
        t0 = time.process_time()
        for text in docs:
            extract_entities(text)
        best = min(best, time.process_time() - t0)
    print(f"{len(docs)} articles: {best / len(docs) * 1000:.2f} ms CPU per article "
          f"(best of {args.repeat})")


if __name__ == "__main__":
    main()
