"""kill -9 a real indexer process in the middle of a large sync, then sync again.

The indexer is ``python -m scoda_desktop index`` in a subprocess; its progress bar goes to
a pseudo-terminal so the test can see how far it got and kill it mid-way through reading.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from scoda_desktop.core.corpus import Corpus
from scoda_desktop.core.pipeline.sync import COMMIT_EVERY
from scoda_desktop.resources import seeds_dir
from tests.reliability.pty_indexer import kill_index_when
from tests.reliability.test_crash_recovery import unique_articles

ROOT = Path(__file__).resolve().parents[2]
N = 1500
PROGRESS = re.compile(rb"reading\s+\[[#.]+\] (\d+)/(\d+)")

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty and SIGKILL")


def _cli(data: Path, *args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scoda_desktop", "--data-dir", str(data),
                           *args], capture_output=True, text=True, timeout=240,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)), **kw)


def _kill_midway(data: Path, *args: str, after: int | None = None) -> tuple[int, int]:
    """Start ``index ARGS`` with stderr on a pty; SIGKILL it once reading is 30% done
    (``after``: once this many files are read)."""
    least = after if after is not None else 0.3 * N
    done, total = kill_index_when(
        data, list(args), PROGRESS, lambda done, total: total >= N and done >= least,
        env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=180, what="mid-way progress")
    assert done < total, "the sync finished before the kill"
    return done, total


def test_kill_9_mid_sync_then_sync_again(tmp_path):
    data = tmp_path / "data"
    big = unique_articles(tmp_path / "big", N)
    first = _cli(data, "index", "--json")  # the seeds: an index that must survive
    assert first.returncode == 0, first.stderr
    seeds_count = json.loads(first.stdout)["documents"]

    # killed after the first batch commit of its first phase (every COMMIT_EVERY files)
    done, total = _kill_midway(data, str(big), after=COMMIT_EVERY + 50)

    corpus = Corpus(data)
    try:
        assert str(big) in corpus.sources()  # the user's list survived the kill
        assert not corpus.needs_sync()  # the batch's commit is whole
        assert corpus.count() == seeds_count + COMMIT_EVERY  # that batch, searchable
        assert corpus.search("customs hall").total == COMMIT_EVERY
        assert corpus.search("uniq00000").total == 1
        assert corpus.search(f"uniq{N - 1:05d}").total == 0
        assert corpus.enrichment_pending() == COMMIT_EVERY  # waiting for the second phase
    finally:
        corpus.close()
    again = _cli(data, "index", "--json")
    assert again.returncode == 0, again.stderr
    report = json.loads(again.stdout)
    assert report["documents"] == seeds_count + N and report["added"] == N - COMMIT_EVERY
    assert report["skipped"] == [] and not report["cancelled"]
    assert report["enrichment_pending"] == 0
    corpus = Corpus(data)
    try:
        for i in (0, COMMIT_EVERY - 1, COMMIT_EVERY, done - 1, done, done + 1, N - 1):
            assert corpus.search(f"uniq{i:05d}").total == 1, i  # each once
        assert corpus.search("customs hall").total == N
    finally:
        corpus.close()
    leftovers = [p.name for p in data.iterdir() if p.name not in ("index", "sources.json", "lock")]
    assert leftovers == []


def test_kill_9_during_the_first_build_then_sync_again(tmp_path):
    """No index yet: the first build goes in place; a kill before its first batch commit
    leaves no usable index, and the next run starts the build again from the sources."""
    data = tmp_path / "data"
    big = unique_articles(tmp_path / "big", N)
    done, _total = _kill_midway(data, str(big))
    assert done < COMMIT_EVERY
    corpus = Corpus(data)
    try:
        assert str(big) in corpus.sources()
        assert corpus.needs_sync()
        assert corpus.search("customs").error  # a message, not an exception
    finally:
        corpus.close()
    again = _cli(data, "search", "uniq00007", "--json")
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["total"] == 1
    stats = json.loads(_cli(data, "stats", "--json").stdout)
    seeds = len(list(seeds_dir().glob("*.txt")))
    assert stats["documents"] == N + seeds  # the bundled seeds and the big folder
    assert sorted(p.name for p in data.iterdir()) == ["index", "lock", "sources.json"]
