"""Recoll (Xapian) on the same files, side by side: ``recollindex`` and ``recollq``.

Recoll is the desktop search a user would compare us with; its command-line tools come
from the ``recollcmd`` package (``scripts/system_deps.sh --bench`` installs it). Each run
uses a private configuration folder under /tmp (``topdirs`` = the generated corpus, the
Xapian database inside it), so nothing of the user's own Recoll set-up is read or
changed. Every figure is a whole process timed from outside, like ours:

- full index: ``recollindex -c CONF`` from an empty database; an unchanged re-index and a
  1% changed one are the same command again;
- a query: ``recollq -c CONF -n 20 -A QUERY`` (20 results with their abstracts, Recoll's
  snippets). "Query time" is that process less Recoll's start-up, measured as the same
  process for a word found nowhere with no result lines (``-Q``): opening the database and
  parsing are start-up, the search and the 20 abstracts are the query.
"""

from __future__ import annotations

import resource
import shutil
import statistics
import subprocess
import time
from pathlib import Path

# Our query mix in Recoll's syntax; None where Recoll has no equivalent (no fuzzy
# matching; its date is the file's, not the article's).
RECOLL_QUERIES = {
    "cooperation NOT Russia": "cooperation -Russia",
    "logistcs~": None,
    "trade year:2024": None,
}
NOTHING = "zzqqxjvnothing"


def available() -> bool:
    return shutil.which("recollindex") is not None and shutil.which("recollq") is not None


def configure(confdir: Path, corpus: Path) -> Path:
    """A fresh private configuration for ``corpus`` (its database inside ``confdir``)."""
    shutil.rmtree(confdir, ignore_errors=True)
    confdir.mkdir(parents=True)
    (confdir / "recoll.conf").write_text(
        f"topdirs = {corpus}\n"
        f"dbdir = {confdir / 'xapiandb'}\n"
        "loglevel = 1\n"
        "noaspell = 1\n"  # no spelling dictionary build: it is not part of a search
        "monitordirs =\n", encoding="utf-8")
    return confdir


def _run(argv: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child) of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def index(confdir: Path) -> tuple[float, float]:
    """(wall, CPU) seconds of one ``recollindex`` run (full or incremental)."""
    return _run(["recollindex", "-c", str(confdir)])


def query_argv(confdir: Path, query: str) -> list[str]:
    return ["recollq", "-c", str(confdir), "-n", "20", "-A", query]


def translate(query: str) -> str | None:
    return RECOLL_QUERIES.get(query, query)


def whole_ms(argv: list[str]) -> float:
    return _run(argv)[0] * 1000


def queries(confdir: Path, mix: list[str], repeat: int) -> dict:
    """Start-up, whole-process and query-only times (ms) of the mix, ``repeat`` rounds."""
    startup = statistics.median(
        whole_ms(["recollq", "-c", str(confdir), "-Q", NOTHING]) for _ in range(repeat))
    per_query: dict[str, list[float]] = {}
    skipped = []
    for _ in range(repeat):
        for q in mix:
            rq = translate(q)
            if rq is None:
                if q not in skipped:
                    skipped.append(q)
                continue
            per_query.setdefault(q, []).append(whole_ms(query_argv(confdir, rq)))
    whole = [t for ts in per_query.values() for t in ts]
    return {"startup_ms": startup, "whole": whole,
            "times": [max(t - startup, 0.0) for t in whole],
            "per_query": {q: statistics.median(ts) - startup for q, ts in per_query.items()},
            "skipped": skipped}
