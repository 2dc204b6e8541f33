"""Two instances on one data folder: the first is the writer, the second reads only and
says so; two indexers started together never both write."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from scoda_desktop.core.corpus import Corpus, ReadOnlyError
from tests.reliability.conftest import drain
from tests.reliability.test_crash_recovery import unique_articles

ROOT = Path(__file__).resolve().parents[2]
ENV = dict(os.environ, PYTHONPATH=str(ROOT))

HOLDER = """
import sys
from pathlib import Path
from scoda_desktop.core.corpus import Corpus
c = Corpus(Path(sys.argv[1]), seeds_dir=Path(sys.argv[2]))
c.ensure_index()
print("writer" if not c.read_only else "reader", flush=True)
sys.stdin.read()  # hold the folder until the test closes our stdin (or kills us)
c.close()
"""


def _holder(data: Path, seeds: Path) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(data), str(seeds)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=ENV)
    assert proc.stdout.readline().strip() == "writer"
    return proc


def _cli(data: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scoda_desktop", "--data-dir", str(data),
                           *args], capture_output=True, text=True, env=ENV, timeout=240)


def test_second_instance_is_read_only_with_a_message(tmp_path, seeds):
    data = tmp_path / "data"
    holder = _holder(data, seeds)
    try:
        second = Corpus(data, seeds_dir=seeds)
        try:
            assert second.read_only
            assert f"pid {holder.pid}" in second.read_only_reason
            assert "read-only" in second.read_only_reason
            assert second.search("freight").total == 1  # reading works
            report = drain(second.sync())  # a sync changes nothing and says why
            assert report.messages == [second.read_only_reason]
            assert report.documents == 2 and report.added == 0
            manifest = (data / "sources.json").read_bytes() \
                if (data / "sources.json").exists() else None
            with pytest.raises(ReadOnlyError, match="read-only"):
                second.add_sources([tmp_path])
            with pytest.raises(ReadOnlyError):
                second.remove_source(seeds)
            after = (data / "sources.json").read_bytes() \
                if (data / "sources.json").exists() else None
            assert after == manifest
        finally:
            second.close()
        # the command line: indexing is refused with the reason, searching works
        refused = _cli(data, "index", str(tmp_path / "elsewhere"))
        assert refused.returncode == 1
        assert "not indexing" in refused.stderr and f"pid {holder.pid}" in refused.stderr
        assert refused.stdout == ""
        assert not (data / "sources.json").exists()  # nothing was added
        found = _cli(data, "search", "harbour", "--json")
        assert found.returncode == 0, found.stderr
        assert json.loads(found.stdout)["total"] == 1
    finally:
        holder.kill()  # kill -9: the OS drops its lock, no stale lock file can block us
        holder.wait(timeout=30)
    third = Corpus(data, seeds_dir=seeds)
    try:
        assert not third.read_only
        third.add_sources([unique_articles(tmp_path / "more", 2)])
        assert drain(third.sync()).documents == 4
    finally:
        third.close()


def test_a_corpus_closed_in_the_same_process_frees_the_folder(tmp_path, seeds):
    data = tmp_path / "data"
    a = Corpus(data, seeds_dir=seeds)
    b = Corpus(data, seeds_dir=seeds)  # the same process: both may write (one at a time)
    assert not a.read_only and not b.read_only
    a.close()
    probe = Corpus(data, seeds_dir=seeds)  # b still holds the folder for this process
    assert not probe.read_only
    probe.close()
    b.close()
    holder = _holder(data, seeds)  # the folder is free for another process now
    holder.stdin.close()
    assert holder.wait(timeout=60) == 0


def test_two_indexers_started_together_never_both_write(tmp_path):
    data = tmp_path / "data"
    big = unique_articles(tmp_path / "big", 300)
    cmd = [sys.executable, "-m", "scoda_desktop", "--data-dir", str(data), "index", "--json",
           str(big)]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env=ENV) for _ in range(2)]
    outs = [p.communicate(timeout=240) for p in procs]
    codes = sorted(p.returncode for p in procs)
    # one indexes; the other is refused, unless it started after the first had finished
    assert codes in ([0, 1], [0, 0]), [o[1] for o in outs]
    for p, (out, err) in zip(procs, outs, strict=True):
        if p.returncode == 1:
            assert "not indexing" in err and out == ""
        else:
            assert json.loads(out)["documents"] >= 300
    stats = json.loads(_cli(data, "stats", "--json").stdout)
    files = len(list((ROOT / "seeds").glob("*.txt")))
    assert stats["documents"] == 300 + files
    found = _cli(data, "search", "uniq00123", "--json")
    assert json.loads(found.stdout)["total"] == 1


def test_a_second_window_says_read_only_and_refuses_imports(qtbot, tmp_path, seeds):
    from PySide6.QtCore import QSettings

    from scoda_desktop.ui.main_window import MainWindow
    from scoda_desktop.ui.preferences import Preferences

    data = tmp_path / "data"
    holder = _holder(data, seeds)
    try:
        corpus = Corpus(data, seeds_dir=seeds)
        window = MainWindow(corpus, QSettings(str(tmp_path / "w.ini"),
                                              QSettings.Format.IniFormat),
                            Preferences.load(tmp_path / "prefs.json"))
        qtbot.addWidget(window)
        window.show()
        with qtbot.waitSignal(window.indexing.info_ready, timeout=60000):
            window.start()
        assert "read-only" in window.windowTitle()
        assert not any(a.isEnabled() for a in window.writing_actions)
        extra = tmp_path / "extra.txt"
        extra.write_text("A new article about Qingdao freight.\n", encoding="utf-8")
        with qtbot.waitSignal(window.indexing.import_reported, timeout=60000) as report:
            window.indexing.import_paths([str(extra)])  # a drop that slipped through
        (skipped,) = report.args[0].skipped
        assert skipped.path == str(extra) and "read-only" in skipped.reason
        assert "read-only" in window.dialogs["import"].text.toPlainText()  # shown to the user
        assert str(extra) not in corpus.sources()
        window.runner.cancel_all()
        window.runner.wait(60000)
        corpus.close()
    finally:
        holder.stdin.close()
        holder.wait(60)


def test_a_read_only_window_becomes_the_writer_when_the_other_exits(qtbot, tmp_path, seeds):
    from PySide6.QtCore import QSettings

    from scoda_desktop.ui.main_window import MainWindow
    from scoda_desktop.ui.preferences import Preferences

    data = tmp_path / "data"
    holder = _holder(data, seeds)
    corpus = Corpus(data, seeds_dir=seeds)
    window = MainWindow(corpus, QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat),
                        Preferences.load(tmp_path / "prefs.json"))
    qtbot.addWidget(window)
    window.writer_retry.setInterval(50)
    window.show()
    try:
        with qtbot.waitSignal(window.indexing.info_ready, timeout=60000):
            window.start()
        assert "read-only" in window.windowTitle()
        holder.stdin.close()
        holder.wait(60)  # the writer exits: its OS lock goes with it
        qtbot.waitUntil(lambda: "read-only" not in window.windowTitle(), timeout=60000)
        assert all(a.isEnabled() for a in window.writing_actions)
        assert not corpus.read_only
        extra = tmp_path / "extra.txt"
        extra.write_text("A new freight train to Almaty left Qingdao on Monday with cars "
                         "and electronics for Central Asia.\n", encoding="utf-8")
        with qtbot.waitSignal(window.indexing.sync_finished, timeout=60000) as done:
            window.indexing.import_paths([str(extra)])
        assert done.args[0].added == 1 and str(extra) in corpus.sources()
    finally:
        window.runner.cancel_all()
        window.runner.wait(60000)
        corpus.close()
        if holder.poll() is None:
            holder.kill()
