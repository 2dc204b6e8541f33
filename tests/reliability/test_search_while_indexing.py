"""Another process searches while the writer indexes: before the first commit it gets no
hits and a note (exit 0), then it sees each commit as it lands; a kill between the two
phases of a sync leaves every document searchable and the next sync enriches them."""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from scoda_desktop.core.corpus import Corpus
from tests.reliability.pty_indexer import kill_index_when
from tests.reliability.test_crash_recovery import unique_articles

ROOT = Path(__file__).resolve().parents[2]
ENV = dict(os.environ, PYTHONPATH=str(ROOT))

# A writer that holds the folder, then syncs in two phases when told (one line on stdin
# per step), saying where it stopped.
WRITER = """
import sys
from pathlib import Path
from scoda_desktop.core.corpus import Corpus
from scoda_desktop.core.pipeline import sync
sync.ENRICH_LATER_MIN = 1  # two phases even for two files
c = Corpus(Path(sys.argv[1]), seeds_dir=Path(sys.argv[2]))
print("holding", flush=True)
sys.stdin.readline()
gen = c.sync()
for p in gen:
    if p.stage == "searchable":
        print("searchable", flush=True)
        sys.stdin.readline()
print("done", flush=True)
sys.stdin.readline()
c.close()
"""


def _cli(data: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scoda_desktop", "--data-dir", str(data),
                           *args], capture_output=True, text=True, env=ENV, timeout=240)


@contextlib.contextmanager
def _scripted_writer(script: str, *args: object) -> Iterator[subprocess.Popen]:
    """A writer process running ``script``, stepped through its lines by ``_step``; on
    leaving, its last line is answered and it must end cleanly (it is killed when the
    test failed before that)."""
    proc = subprocess.Popen([sys.executable, "-c", script, *map(str, args)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=ENV)
    try:
        yield proc
        proc.stdin.write("\n")
        proc.stdin.flush()
        assert proc.wait(timeout=60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(30)


def _step(proc: subprocess.Popen, expect: str) -> None:
    proc.stdin.write("\n")
    proc.stdin.flush()
    assert proc.stdout.readline().strip() == expect


def test_a_second_process_searches_during_the_first_build(tmp_path, seeds):
    data = tmp_path / "data"
    with _scripted_writer(WRITER, data, seeds) as writer:
        assert writer.stdout.readline().strip() == "holding"
        reader = Corpus(data, seeds_dir=seeds)  # a long-lived reader (another window)
        try:
            assert reader.read_only
            out = _cli(data, "search", "freight", "--json")  # no index yet: no error
            assert out.returncode == 0, out.stderr
            answer = json.loads(out.stdout)
            assert answer["total"] == 0 and "being built" in answer["error"]
            text = _cli(data, "search", "freight")
            assert text.returncode == 0 and "being built" in text.stdout
            assert "error" not in text.stderr.lower()
            assert reader.search("freight").total == 0
            assert "being built" in reader.search("freight").error

            _step(writer, "searchable")  # the first commit landed; enrichment waits
            answer = json.loads(_cli(data, "search", "freight", "--json").stdout)
            assert answer["total"] == 1 and answer["enrichment_pending"] == 2
            found = reader.search("freight")  # the same reader sees the commit
            assert found.total == 1 and not found.error and found.enrichment_pending == 2
            assert reader.entity_counts() == {}

            _step(writer, "done")  # the second commit
            answer = json.loads(_cli(data, "search", "freight", "--json").stdout)
            assert answer["total"] == 1 and answer["enrichment_pending"] == 0
            assert reader.search("freight").enrichment_pending == 0
            assert reader.entity_counts()
        finally:
            reader.close()


ENRICHING = re.compile(rb"enriching\s+\[[#.]+\] (\d+)/(\d+)")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty and SIGKILL")
def test_kill_9_while_enriching_then_the_next_sync_finishes(tmp_path, seeds):
    n = 200
    data = tmp_path / "data"
    big = unique_articles(tmp_path / "big", n)
    done, _total = kill_index_when(data, [str(big)], ENRICHING, lambda done, _t: done >= 1,
                                   env=ENV, timeout=200, what="enrichment progress")
    assert done < n + 5

    corpus = Corpus(data)
    try:
        assert not corpus.needs_sync()  # the first phase's commit is whole
        assert corpus.count() == n + 5  # the big folder and the bundled seeds
        assert corpus.search("uniq00123").total == 1
        assert corpus.enrichment_pending() == n + 5  # none of the killed phase was kept
        assert corpus.entity_counts() == {}
    finally:
        corpus.close()
    again = _cli(data, "index", "--json")
    assert again.returncode == 0, again.stderr
    report = json.loads(again.stdout)
    assert report["added"] == 0 and report["documents"] == n + 5
    assert report["enrichment_pending"] == 0 and not report["cancelled"]
    progress = [json.loads(line) for line in again.stderr.splitlines() if line.startswith("{")]
    assert any(p["stage"] == "enriching" and p["total"] == n + 5 for p in progress)
    corpus = Corpus(data)
    try:
        assert corpus.enrichment_pending() == 0
        assert corpus.search("uniq00123").total == 1 and corpus.count() == n + 5
        counts = corpus.entity_counts()  # the seeds' entities, searchable as fields too
        entity = max(counts, key=counts.get)
        assert corpus.search(f'entity:"{entity[1]}"').total == counts[entity]
    finally:
        corpus.close()


# A writer whose first phase commits every 100 documents; it stops (until told) at the
# first progress after its first batch commit.
BATCHED = """
import sys
from pathlib import Path
from scoda_desktop.core.corpus import Corpus
from scoda_desktop.core.pipeline import sync
sync.COMMIT_EVERY = 100
c = Corpus(Path(sys.argv[1]), seeds_dir=Path(sys.argv[2]))
c.add_sources([sys.argv[3]])
print("holding", flush=True)
sys.stdin.readline()
told = False
for p in c.sync():
    if p.stage == "reading" and p.done > 100 and not told:
        told = True
        print("batch", flush=True)
        sys.stdin.readline()
print("done", flush=True)
sys.stdin.readline()
c.close()
"""


def test_a_second_process_finds_the_first_batch_before_the_first_build_ends(tmp_path,
                                                                             seeds):
    n = 250  # two phases (ENRICH_LATER_MIN), read by the worker pool
    data = tmp_path / "data"
    big = unique_articles(tmp_path / "big", n)  # "big" sorts before "seeds": read first
    with _scripted_writer(BATCHED, data, seeds, big) as writer:
        assert writer.stdout.readline().strip() == "holding"
        reader = Corpus(data, seeds_dir=seeds)  # a long-lived reader (another window)
        try:
            assert reader.read_only
            _step(writer, "batch")  # the first batch landed; the rest is being read
            answer = json.loads(_cli(data, "search", "customs hall", "--json").stdout)
            assert answer["total"] == 100 and answer["enrichment_pending"] == 100
            assert json.loads(_cli(data, "search", "uniq00099", "--json").stdout)["total"] == 1
            assert json.loads(_cli(data, "search", "uniq00100", "--json").stdout)["total"] == 0
            assert reader.search("customs hall").total == 100  # the reader sees it too

            _step(writer, "done")  # both phases
            answer = json.loads(_cli(data, "search", "customs hall", "--json").stdout)
            assert answer["total"] == n and answer["enrichment_pending"] == 0
            assert reader.search("customs hall").total == n
        finally:
            reader.close()
