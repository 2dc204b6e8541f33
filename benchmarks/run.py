"""The benchmark harness (``make bench``): SCODA Desktop against bare Whoosh and tantivy.

For each corpus size it generates (or reuses) a synthetic corpus with ``make_corpus.py``,
then measures, each ``--repeat`` times in fresh processes, medians reported:
full index end to end (clean + extract + index) and peak RSS, an unchanged re-sync, a 1%
changed re-sync, the fixed query mix with snippets for 20 hits (p50/p95), the first query in
a fresh process (the CLI, process start included) and the window's time to first paint.
The baselines index the same files in the same way (fresh process, same machine).

    python benchmarks/run.py [--sizes 1000,10000] [--repeat 3] [--out FILE]
    make bench                                      # the full run (1k and 10k, 3 rounds)
    make bench BENCH_ARGS="--sizes 1000 --repeat 1" # a quick one while iterating

Corpora are cached in ``benchmarks/corpora/`` (gitignored); the raw numbers go to
``benchmarks/results/latest.json``.
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


def probe_argv(cmd: str, data: Path, corpus: Path | None = None, repeat: int = 3) -> list[str]:
    argv = [sys.executable, str(HERE / "probe.py"), cmd, "--data", str(data),
            "--repeat", str(repeat)]
    return argv + (["--corpus", str(corpus)] if corpus is not None else [])


def probe(cmd: str, data: Path, corpus: Path | None = None, repeat: int = 3) -> dict:
    """Run one probe in a fresh process; its last line of output is the JSON result."""
    out = subprocess.run(probe_argv(cmd, data, corpus, repeat), check=True,
                         capture_output=True, text=True)
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


def step(what: str) -> None:
    print(f"  {time.strftime('%H:%M:%S')} {what}", file=sys.stderr, flush=True)


def bench_size(n: int, repeat: int, cache: Path, work: Path) -> dict:
    step("corpus")
    src = make_corpus(n, cache)
    corpus = work / "corpus"
    shutil.rmtree(corpus, ignore_errors=True)
    shutil.copytree(src, corpus)
    res: dict = {"n": n, "bytes": sum(f.stat().st_size for f in corpus.iterdir())}

    step("full index")
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

    step("re-sync")
    res["resync_s"] = statistics.median(probe("sync", data)["seconds"] for _ in range(repeat))
    changed = []
    for i in range(repeat):
        k = touch_one_percent(corpus, i)
        r = probe("sync", data)
        changed.append(r["seconds"])
        res["changed_files"], res["changed_updated"] = k, r["updated"]
    res["resync_1pct_s"] = statistics.median(changed)

    step("queries")
    q = probe("queries", data, repeat=max(repeat, 5))
    times = [t for ts in q["per_query"].values() for t in ts]
    res["query_p50_ms"], res["query_p95_ms"] = baselines.percentiles(times)
    res["query_per_query_ms"] = {k: statistics.median(v) for k, v in q["per_query"].items()}
    res["query_totals"] = q["totals"]
    res["first_query_in_process_ms"] = q["first_ms"]
    cli = [sys.executable, "-m", "scoda_desktop", "--data-dir", str(data), "search", "freight",
           "--json"]
    res["first_query_fresh_ms"] = statistics.median(time_command(cli) for _ in range(repeat))
    step("first paint")
    paints = [first_paint_ms(data) for _ in range(repeat)]
    res["first_paint_ms"] = statistics.median(paints) if None not in paints else None

    step("bare Whoosh")
    baseline(res, "whoosh", "bare-whoosh", work, corpus, repeat)
    if baselines.tantivy_available():
        step("tantivy")
        res["tantivy_skipped"] = baseline(res, "tantivy", "tantivy", work, corpus, repeat)
    return res


def baseline(res: dict, key: str, engine: str, work: Path, corpus: Path, repeat: int) -> list:
    """Index, query and first-query figures of a reference engine into ``res[key_*]``;
    returns the queries its parser rejected (left out of its percentiles)."""
    folder = work / engine
    runs = []
    for _ in range(repeat):
        shutil.rmtree(folder, ignore_errors=True)
        runs.append(probe(f"{engine}-index", folder, corpus))
    res[f"{key}_index_s"] = statistics.median(r["seconds"] for r in runs)
    res[f"{key}_index_rss_mb"] = max(r["rss_mb"] for r in runs)
    queries = probe(f"{engine}-queries", folder, repeat=max(repeat, 5))
    res[f"{key}_query_p50_ms"], res[f"{key}_query_p95_ms"] = \
        baselines.percentiles(queries["times"])
    res[f"{key}_first_fresh_ms"] = statistics.median(
        time_command(probe_argv(f"{engine}-first", folder)) for _ in range(repeat))
    return queries.get("skipped", [])


def _fmt(v: float | None, nd: int = 1) -> str:
    return "—" if v is None else f"{v:,.{nd}f}"


def _ratio(ours: float | None, theirs: float | None) -> str:
    if not ours or not theirs:
        return "—"
    return f"{ours / theirs:.2f}×"


def rows_of(r: dict) -> list[tuple[str, float | None, float | None, float | None, int]]:
    """(measure, ours, bare Whoosh, tantivy, decimals) for one corpus size."""
    n = r["n"]

    def per_s(key: str) -> float | None:
        return n / r[key] if r.get(key) else None

    return [
        ("full index (clean + extract + index), s", r["index_s"], r.get("whoosh_index_s"),
         r.get("tantivy_index_s"), 1),
        ("docs/s", r["documents"] / r["index_s"] if r["index_s"] else None,
         per_s("whoosh_index_s"), per_s("tantivy_index_s"), 0),
        ("peak RSS while indexing (main process), MB", r["index_rss_mb"],
         r.get("whoosh_index_rss_mb"), r.get("tantivy_index_rss_mb"), 0),
        ("peak RSS of a worker process (0: no pool under 50 files), MB",
         r["index_child_rss_mb"], None, None, 0),
        ("unchanged re-sync, s", r["resync_s"], None, None, 2),
        (f"1% changed re-sync ({r['changed_files']} files), s", r["resync_1pct_s"], None,
         None, 2),
        ("query + 20 snippets p50, ms", r["query_p50_ms"], r.get("whoosh_query_p50_ms"),
         r.get("tantivy_query_p50_ms"), 1),
        ("query + 20 snippets p95, ms", r["query_p95_ms"], r.get("whoosh_query_p95_ms"),
         r.get("tantivy_query_p95_ms"), 1),
        ("first query, fresh process (start included), ms", r["first_query_fresh_ms"],
         r.get("whoosh_first_fresh_ms"), r.get("tantivy_first_fresh_ms"), 0),
        ("window first paint, existing index, ms", r["first_paint_ms"], None, None, 0),
    ]


def table(results: list[dict]) -> str:
    """The Markdown table: every figure, and its ratio to bare Whoosh and to tantivy
    (for times and memory a ratio below 1 means SCODA Desktop is better; for docs/s, above)."""
    rows = ["| measure | n | SCODA Desktop | bare Whoosh | ratio | tantivy | ratio |",
            "|---|---|---|---|---|---|---|"]
    for r in results:
        for label, ours, whoosh, tant, nd in rows_of(r):
            rows.append(f"| {label} | {r['n']:,} | {_fmt(ours, nd)} | {_fmt(whoosh, nd)} | "
                        f"{_ratio(ours, whoosh)} | {_fmt(tant, nd)} | {_ratio(ours, tant)} |")
    notes = sorted({q for r in results for q in r.get("tantivy_skipped", [])})
    if notes:
        rows.append("")
        rows.append("tantivy's query parser rejects (left out of its percentiles): "
                    + ", ".join(notes))
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
