"""Build the index of the bundled seeds that a standalone build ships (build.spec runs this).

    python scripts/build_seed_index.py OUT_DIR      -> OUT_DIR/index (Whoosh + catalog)

A first start of the standalone app copies this index into the user's data dir instead of
indexing the seeds itself (``seed_index.install_seed_index``; measured in
docs/PERFORMANCE.md). The index is made by the same code the app runs, from the repository's
``seeds/``; the app relinks the seed files at their installed path by content hash.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scoda_desktop.core.corpus import INDEX, Corpus  # noqa: E402
from scoda_desktop.resources import seeds_dir  # noqa: E402


def build(out: Path) -> Path:
    shutil.rmtree(out, ignore_errors=True)
    corpus = Corpus(out, seeds_dir=seeds_dir())
    try:
        report = corpus.ensure_index()
        seeds = [p for p in seeds_dir().iterdir() if p.is_file()]
        if report is None or report.documents != len(seeds) or report.skipped:
            raise SystemExit(f"build_seed_index: unexpected result {report and report.to_json()}")
        if not corpus.search("freight").hits:
            raise SystemExit("build_seed_index: the built index finds nothing")
    finally:
        corpus.close()
    index = out / INDEX
    for lock in index.glob("*LOCK"):  # Whoosh's write lock: never ship one
        lock.unlink()
    return index


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: build_seed_index.py OUT_DIR")
    print(build(Path(sys.argv[1])))
