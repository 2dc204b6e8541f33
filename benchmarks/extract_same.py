"""Does extraction give the same entities and metrics as another commit, on every text?

For speed work on ``core/extract`` (issue 17), where the output must not change at all:
the same texts go through ``extract`` with this checkout's code and with the code of
``--base`` (a temporary git worktree), and every entity and metric is compared. The texts:
the seeds (raw and cleaned), every text in tests/fixtures, ``--n`` generated articles
(``make_corpus.py``, cleaned), and, when the development sets are in the cache
(``SCODA_DEVSETS``, default ~/.cache/scoda-devsets), the CoNLL-2003 dev documents with a few
hundred of their sentences, the quantity sets' sentences and, with ``--web N``, the clean
text of N of the web set's pages (real pages, not generated: trafilatura's evaluation set).
Exit status 1 if any differ.

    python benchmarks/extract_same.py [--base main] [--n 500] [--web 300]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def _strings(obj: object, out: list[str]) -> None:
    if isinstance(obj, str):
        if len(obj) > 15 and " " in obj:
            out.append(obj)
    elif isinstance(obj, dict):
        for v in obj.values():
            _strings(v, out)
    elif isinstance(obj, list):
        for v in obj:
            _strings(v, out)


def collect(n: int, corpus: Path, web: int = 0) -> list[tuple[str, str, str | None]]:
    """(label, text, document date) of every text to compare."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(HERE / "quality"))
    from scoda_desktop.core.ingest import clean_text

    items: list[tuple[str, str, str | None]] = []
    for f in sorted((ROOT / "seeds").glob("*.txt")):
        raw = f.read_text(encoding="utf-8")
        doc = clean_text(raw, path=str(f))
        items += [(f"seed-raw:{f.name}", raw, None), (f"seed:{f.name}", doc.text, doc.date)]
    for f in sorted((ROOT / "tests" / "fixtures").rglob("*")):
        if f.suffix in (".txt", ".html"):
            raw = f.read_bytes().decode("utf-8", "replace")
            items.append((f"fixture-raw:{f.name}", raw, None))
            doc = clean_text(raw, path=str(f))
            items.append((f"fixture:{f.name}", doc.text, doc.date))
        elif f.suffix == ".json":
            found: list[str] = []
            _strings(json.loads(f.read_text(encoding="utf-8")), found)
            items += [(f"fixture:{f.name}:{i}", s, "2024-06-15") for i, s in enumerate(found)]
            items.append((f"fixture-all:{f.name}", "\n\n".join(found), "2023-03-01"))
    subprocess.run([sys.executable, str(HERE / "make_corpus.py"), "--seeds", str(ROOT / "seeds"),
                    "--out", str(corpus), "--n", str(n), "--seed", "7"],
                   check=True, capture_output=True)
    for f in sorted(corpus.glob("*.txt")):
        doc = clean_text(f.read_text(encoding="utf-8"), path=str(f))
        items.append((f"generated:{f.name}", doc.text, doc.date))
    devsets = Path(os.environ.get("SCODA_DEVSETS", Path.home() / ".cache" / "scoda-devsets"))
    if (devsets / "names" / "eng.testa").exists():
        import bench_names

        docs = bench_names.read_conll(devsets / "names" / "eng.testa")
        items += [(f"conll:doc{i}", bench_names.detokenise(d)[0], None)
                  for i, d in enumerate(docs)]
        sents = random.Random(7).sample([s for d in docs for s in d], 300)
        items += [(f"conll:sent{i}", bench_names.detokenise([s])[0], None)
                  for i, s in enumerate(sents)]
    else:
        print(f"CoNLL dev set not in {devsets}: left out", file=sys.stderr)
    if web:
        items += _web_texts(devsets, web)
    import bench_quantities

    for name, rows in bench_quantities.load(devsets).items():
        items += [(f"quantities-{name}:{i}", text, "2021-05-10" if i % 2 else None)
                  for i, (text, _) in enumerate(rows)]
    return items


def _web_texts(devsets: Path, limit: int) -> list[tuple[str, str, str | None]]:
    """The clean text and date of the first ``limit`` pages (by name) of the web set."""
    from scoda_desktop.core.ingest import load_document

    folder = devsets / "web"
    pages = sorted(p for sub in ("cache", "eval") if (folder / sub).is_dir()
                   for p in (folder / sub).iterdir() if p.is_file())[:limit]
    if not pages:
        print(f"web set not in {folder}: left out", file=sys.stderr)
    items = []
    for p in pages:
        try:
            doc = load_document(p)
        except Exception as exc:  # a page the cleaner refuses is no text to compare
            print(f"web page {p.name} left out: {exc}", file=sys.stderr)
            continue
        if doc.text:
            items.append((f"web:{p.name}", doc.text, doc.date))
    return items


def dump(texts_file: Path, out_file: Path) -> None:
    """Extract from every text with the code of the current directory's checkout."""
    sys.path.insert(0, str(Path.cwd()))
    from scoda_desktop.core.extract import extract

    out = {}
    for label, text, date in json.loads(texts_file.read_text(encoding="utf-8")):
        entities, metrics = extract(text, doc_date=date)
        out[label] = [[[e.text, e.type, e.start, e.end, e.canonical] for e in entities],
                      [dataclasses.asdict(m) for m in metrics]]
    out_file.write_text(json.dumps(out, sort_keys=True), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", default="main", help="the commit to compare with")
    ap.add_argument("--n", type=int, default=500, help="generated articles")
    ap.add_argument("--web", type=int, default=0,
                    help="also the clean text of this many of the web set's pages")
    ap.add_argument("--dump", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.dump:
        dump(*args.dump)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        texts = collect(args.n, work / "corpus", args.web)
        (work / "texts.json").write_text(json.dumps(texts), encoding="utf-8")
        base = work / "base"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(base),
                        args.base], check=True, capture_output=True)
        try:
            for root, out in ((base, "base.json"), (ROOT, "now.json")):
                subprocess.run([sys.executable, str(Path(__file__).resolve()), "--dump",
                                str(work / "texts.json"), str(work / out)], check=True, cwd=root)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(base)],
                           capture_output=True)
        then = json.loads((work / "base.json").read_text(encoding="utf-8"))
        now = json.loads((work / "now.json").read_text(encoding="utf-8"))
    differ = [label for label in then if then[label] != now.get(label)]
    for label in differ[:10]:
        print(f"differs: {label}")
    n_ent = sum(len(v[0]) for v in then.values())
    n_met = sum(len(v[1]) for v in then.values())
    print(f"{len(then)} texts ({n_ent} entities, {n_met} metrics at {args.base}): "
          f"{len(differ)} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
