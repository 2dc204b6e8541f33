"""The benchmark harness (``make bench``): SCODA Desktop against bare Whoosh and tantivy.

For each corpus size it generates (or reuses) a synthetic corpus with ``make_corpus.py``,
then measures, each ``--repeat`` times in fresh processes, medians reported:
full index end to end (clean + extract + index) and peak RSS, an unchanged re-sync, a 1%
changed re-sync, the fixed query mix with snippets for 20 hits (p50/p95), the first query in
a fresh process (the CLI, process start included) and the window's time to first paint.
The baselines index the same files in the same way (fresh process, same machine).

    python benchmarks/run.py [--sizes 1000,10000] [--repeat 3] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import baselines  # noqa: E402


def make_corpus(n: int, cache: Path) -> Path:
    out = cache / f"n{n}"
    if out.is_dir() and len(list(out.iterdir())) == n:
        return out
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run([sys.executable, str(HERE / "make_corpus.py"), "--seeds", str(ROOT / "seeds"),
                    "--out", str(out), "--n", str(n), "--seed", "42"], check=True)
    return out


def probe(cmd: str, data: Path, corpus: Path | None = None, repeat: int = 3) -> dict:
    argv = [sys.executable, str(HERE / "probe.py"), cmd, "--data", str(data),
            "--repeat", str(repeat)]
    if corpus is not None:
        argv += ["--corpus", str(corpus)]
    out = subprocess.run(argv, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def touch_one_percent(corpus: Path, round_no: int) -> int:
    files = sorted(corpus.iterdir())
    changed = files[round_no :: 100]
    for f in changed:
        with f.open("a", encoding="utf-8") as fh:
            fh.write(f"\nThis article was updated in revision {round_no}.\n")
    return len(changed)


def time_command(argv: list[str], env: dict[str, str] | None = None) -> float:
    t0 = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True, env=env)
    return (time.perf_counter() - t0) * 1000


def first_paint_ms(data: Path) -> float | None:
    """Launch the window on an existing index; the app reports its first paint and exits."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SCODA_EXIT_AFTER_FIRST_PAINT="1")
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "scoda_desktop", "--data-dir", str(data), "gui"],
                          capture_output=True, text=True, env=env, timeout=60)
    wall = (time.perf_counter() - t0) * 1000
    return wall if proc.returncode == 0 and "first-paint" in proc.stdout else None


def bench_size(n: int, repeat: int, cache: Path, work: Path) -> dict:
    src = make_corpus(n, cache)
    corpus = work / "corpus"
    shutil.rmtree(corpus, ignore_errors=True)
    shutil.copytree(src, corpus)
    res: dict = {"n": n, "bytes": sum(f.stat().st_size for f in corpus.iterdir())}

    runs = []
    for i in range(repeat):
        data = work / f"data{i}"
        shutil.rmtree(data, ignore_errors=True)
        runs.append(probe("sync", data, corpus))
    data = work / f"data{repeat - 1}"
    res["index_s"] = statistics.median(r["seconds"] for r in runs)
    res["documents"] = runs[-1]["documents"]
    res["index_rss_mb"] = max(r["rss_mb"] for r in runs)
    res["index_child_rss_mb"] = max(r["child_rss_mb"] for r in runs)

    res["resync_s"] = statistics.median(probe("sync", data)["seconds"] for _ in range(repeat))
    changed = []
    for i in range(repeat):
        k = touch_one_percent(corpus, i)
        r = probe("sync", data)
        changed.append(r["seconds"])
        res["changed_files"], res["changed_updated"] = k, r["updated"]
    res["resync_1pct_s"] = statistics.median(changed)

    q = probe("queries", data, repeat=max(repeat, 5))
    times = [t for ts in q["per_query"].values() for t in ts]
    res["query_p50_ms"], res["query_p95_ms"] = baselines.percentiles(times)
    res["query_per_query_ms"] = {k: statistics.median(v) for k, v in q["per_query"].items()}
    res["query_totals"] = q["totals"]
    res["first_query_in_process_ms"] = q["first_ms"]
    cli = [sys.executable, "-m", "scoda_desktop", "--data-dir", str(data), "search", "freight",
           "--json"]
    res["first_query_fresh_ms"] = statistics.median(time_command(cli) for _ in range(repeat))
    paints = [first_paint_ms(data) for _ in range(repeat)]
    res["first_paint_ms"] = statistics.median(paints) if None not in paints else None

    wdir = work / "bare-whoosh"
    bw = []
    for _ in range(repeat):
        shutil.rmtree(wdir, ignore_errors=True)
        bw.append(probe("bare-whoosh-index", wdir, corpus))
    res["whoosh_index_s"] = statistics.median(r["seconds"] for r in bw)
    res["whoosh_index_rss_mb"] = max(r["rss_mb"] for r in bw)
    wq = probe("bare-whoosh-queries", wdir, repeat=max(repeat, 5))["times"]
    res["whoosh_query_p50_ms"], res["whoosh_query_p95_ms"] = baselines.percentiles(wq)

    if baselines.tantivy_available():
        tdir = work / "tantivy"
        tv = []
        for _ in range(repeat):
            shutil.rmtree(tdir, ignore_errors=True)
            tv.append(probe("tantivy-index", tdir, corpus))
        res["tantivy_index_s"] = statistics.median(r["seconds"] for r in tv)
        tq = probe("tantivy-queries", tdir, repeat=max(repeat, 5))["times"]
        res["tantivy_query_p50_ms"], res["tantivy_query_p95_ms"] = baselines.percentiles(tq)
    return res


def _fmt(v: float | None, nd: int = 1) -> str:
    return "—" if v is None else f"{v:,.{nd}f}"


def _ratio(ours: float | None, theirs: float | None) -> str:
    if not ours or not theirs:
        return "—"
    return f"{ours / theirs:.2f}×"


def table(results: list[dict]) -> str:
    rows = ["| measure | n | SCODA Desktop | bare Whoosh | ratio | tantivy | ratio |",
            "|---|---|---|---|---|---|---|"]
    for r in results:
        n = r["n"]
        dps = r["documents"] / r["index_s"] if r["index_s"] else None
        wdps = n / r["whoosh_index_s"] if r.get("whoosh_index_s") else None
        tdps = n / r["tantivy_index_s"] if r.get("tantivy_index_s") else None
        rows += [
            f"| full index, s | {n} | {_fmt(r['index_s'])} | {_fmt(r.get('whoosh_index_s'))} | "
            f"{_ratio(r['index_s'], r.get('whoosh_index_s'))} | {_fmt(r.get('tantivy_index_s'))} "
            f"| {_ratio(r['index_s'], r.get('tantivy_index_s'))} |",
            f"| docs/s | {n} | {_fmt(dps, 0)} | {_fmt(wdps, 0)} | — | {_fmt(tdps, 0)} | — |",
            f"| peak RSS while indexing, MB (parent / largest child) | {n} | "
            f"{_fmt(r['index_rss_mb'], 0)} / {_fmt(r['index_child_rss_mb'], 0)} | "
            f"{_fmt(r.get('whoosh_index_rss_mb'), 0)} | — | — | — |",
            f"| unchanged re-sync, s | {n} | {_fmt(r['resync_s'], 2)} | — | — | — | — |",
            f"| 1% changed re-sync ({r['changed_files']} files), s | {n} | "
            f"{_fmt(r['resync_1pct_s'], 2)} | — | — | — | — |",
            f"| query + 20 snippets p50, ms | {n} | {_fmt(r['query_p50_ms'])} | "
            f"{_fmt(r.get('whoosh_query_p50_ms'))} | "
            f"{_ratio(r['query_p50_ms'], r.get('whoosh_query_p50_ms'))} | "
            f"{_fmt(r.get('tantivy_query_p50_ms'))} | "
            f"{_ratio(r['query_p50_ms'], r.get('tantivy_query_p50_ms'))} |",
            f"| query + 20 snippets p95, ms | {n} | {_fmt(r['query_p95_ms'])} | "
            f"{_fmt(r.get('whoosh_query_p95_ms'))} | "
            f"{_ratio(r['query_p95_ms'], r.get('whoosh_query_p95_ms'))} | "
            f"{_fmt(r.get('tantivy_query_p95_ms'))} | "
            f"{_ratio(r['query_p95_ms'], r.get('tantivy_query_p95_ms'))} |",
            f"| first query, fresh CLI process, ms | {n} | {_fmt(r['first_query_fresh_ms'], 0)} "
            f"| — | — | — | — |",
            f"| window first paint, existing index, ms | {n} | {_fmt(r['first_paint_ms'], 0)} "
            f"| — | — | — | — |",
        ]
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--cache", default=str(HERE / "corpora"))
    ap.add_argument("--out", default=str(HERE / "results" / "latest.json"))
    args = ap.parse_args(argv)
    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    results = []
    for n in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory(prefix=f"scoda-bench-{n}-") as tmp:
            print(f"benchmarking {n} articles ...", file=sys.stderr, flush=True)
            results.append(bench_size(n, args.repeat, cache, Path(tmp)))
    machine = {"python": platform.python_version(), "cpus": os.cpu_count(),
               "platform": platform.platform(), "tantivy": baselines.tantivy_available()}
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"machine": machine, "results": results}, indent=1))
    print(table(results))
    print(f"\n(raw numbers: {out})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
