"""Compare search results of two checkouts: ids, order, totals, scores, snippets, messages.

Why: a refactor of the query path (how filters become query nodes, where the marks come
from) must not change what a user sees. Each checkout's own code indexes the same corpus in
its own data folder and answers the same fixed queries; the two dumps must be equal.

    python scripts/compare_search.py --before /tmp/before --after . \\
        --corpus seeds --corpus /tmp/gen1k        # builds the corpora, prints the diffs

``--dump`` is the inner step, run with PYTHONPATH set to one checkout.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

# Words, phrases, prefixes, wildcards, fuzzy (both distances), fields, dates, NOT / -, CJK,
# repairs, and searches with filters (the filters travel as a JSON object after a tab).
QUERIES = [
    "", "Qingdao", "Qingdao logistics", "SCO", "trade", "run", "cooperation", "China Russia",
    '"Shanghai Cooperation Organization"', '"freight train"', '"Belt and Road"',
    '"supply chains"', "Qingdao OR Kazakhstan", "(Kazakhstan OR Pakistan) Qingdao",
    "SCO NOT Kazakhstan", "SCO -Kazakhstan -Pakistan", "NOT China", "-Russia", "+Qingdao port",
    "invest*", "coop*", "Qing?ao", "ch*na", "freigh*", "Qingdoa~", "Qingdoa~1", "Qingdoa~2",
    "cooperaton~", "Kyrgystan~", "title:cooperation", "title:(SCO Qingdao)", 'title:"Qingdao"',
    'source:"PR Newswire"', "source:xinhua", "org:Hisense", "place:Qingdao", "person:xi*",
    "entity:sco", "unit:TEU", "year:2024", "year:2023 trade", "date:[2023-01-01 TO 2024-06-30]",
    "date:[2024 TO *]", "date:2024-07", "date:[* TO 2023-12-31] Qingdao", "青岛", "上合示范区",
    "岛", "上合 OR 青岛", '"unbalanced', "(Qingdao OR", "AND", "***", "title:", "Qingdao)",
    "cooperaton", "Qingdoo harbour", "freight AND (train OR rail) -truck",
    "SCO\t" + json.dumps({"year": "2024"}), "trade\t" + json.dumps({"place": "Qingdao"}),
    "\t" + json.dumps({"org": "Hisense"}), "Russia\t" + json.dumps({"source": 'say "x"'}),
]
SORTS = ("relevance", "date")


def dump(corpus_dir: Path, data_dir: Path, out: Path) -> None:
    from scoda_desktop.core.corpus import Corpus

    corpus = Corpus(data_dir, seeds_dir=corpus_dir)
    try:
        gen = corpus.sync()
        try:
            while True:
                next(gen)
        except StopIteration:
            pass
        rows = []
        for line in QUERIES:
            text, _, flt = line.partition("\t")
            filters = json.loads(flt) if flt else None
            for sort in SORTS:
                for plain in (False, True):
                    res = corpus.search(text, limit=50, sort=sort, filters=filters, plain=plain)
                    data = res.to_json()
                    data.pop("took_ms")
                    data.pop("marks", None)  # new in the "after" code
                    rows.append({"query": line, "sort": sort, "plain": plain, "result": data})
            doc = None
            hits = corpus.search(text, limit=3, filters=filters).hits
            if hits:
                doc = corpus.document(hits[0].id)
            if doc is not None and hasattr(Corpus, "match_spans"):
                import inspect

                params = inspect.signature(Corpus.match_spans).parameters
                if "query" in params:  # before: marks from the raw query
                    spans = Corpus.match_spans(doc.text, text)
                else:  # after: marks from the search result
                    marks = corpus.search(text, limit=1, filters=filters).marks
                    spans = Corpus.match_spans(doc.text, marks)
                rows.append({"query": line, "reader_spans": [list(s) for s in spans]})
        out.write_text(json.dumps(rows, ensure_ascii=False, indent=0), encoding="utf-8")
    finally:
        corpus.close()


def run_checkout(checkout: Path, corpus_dir: Path, work: Path) -> list[dict]:
    out = work / "dump.json"
    env = dict(os.environ, PYTHONPATH=str(checkout.absolute()))
    subprocess.run([sys.executable, str(Path(__file__).absolute()), "--dump",
                    str(corpus_dir.absolute()), str(work / "data"), str(out)],
                   check=True, env=env, cwd=str(checkout))
    return json.loads(out.read_text(encoding="utf-8"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--before", type=Path)
    ap.add_argument("--after", type=Path)
    ap.add_argument("--corpus", type=Path, action="append", default=[])
    ap.add_argument("--dump", nargs=3, metavar=("CORPUS", "DATA", "OUT"))
    ap.add_argument("--reader", action="store_true",
                    help="also compare the reading-view marks (expected to differ where "
                    "the old reader, without the vocabulary, marked nothing for prefix*)")
    args = ap.parse_args()
    if args.dump:
        dump(Path(args.dump[0]), Path(args.dump[1]), Path(args.dump[2]))
        return 0
    failed = 0
    for corpus_dir in args.corpus:
        with tempfile.TemporaryDirectory(prefix="compare-search-") as tmp:
            (Path(tmp) / "b").mkdir()
            (Path(tmp) / "a").mkdir()
            before = run_checkout(args.before, corpus_dir, Path(tmp) / "b")
            after = run_checkout(args.after, corpus_dir, Path(tmp) / "a")
        kinds = ("result", "reader_spans") if args.reader else ("result",)
        b = [r for r in before if any(k in r for k in kinds)]
        a = [r for r in after if any(k in r for k in kinds)]
        diffs = [(x, y) for x, y in zip(b, a, strict=True) if x != y]
        n = sum(1 for r in b if "result" in r)
        print(f"{corpus_dir}: {n} searches ({len(QUERIES)} queries x {len(SORTS)} sorts x "
              f"html/plain), {len(b) - n} reader mark sets compared: {len(diffs)} differ")
        for x, y in diffs[:20]:
            print("  before:", json.dumps(x, ensure_ascii=False)[:600])
            print("  after: ", json.dumps(y, ensure_ascii=False)[:600])
        failed += len(diffs)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
