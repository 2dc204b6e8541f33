"""Bad files inside an added folder: each is imported correctly or skipped with a reason in
the sync report, and every other file is still indexed."""

from __future__ import annotations

import codecs
import os
import shutil
import sys
from pathlib import Path

import pytest

from scoda_desktop.core.ingest import reader as reader_module
from scoda_desktop.core.pipeline import sync as sync_module
from tests.reliability.conftest import drain

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
ARTICLE = ("Rail port opens new customs hall\n\nMarch 9, 2025\n\n"
           "The customs hall at the rail port cleared {n} containers on its first day, "
           "officials said, and more lines will open next month.\n")


def _skip_reasons(report) -> dict[str, str]:
    return {Path(s.path).name: s.reason for s in report.skipped}


def _titles(corpus) -> set[str]:
    return {h.title for h in corpus.search("", limit=None).hits}


def test_bad_and_odd_files_are_read_or_skipped_with_a_reason(corpus, tmp_path):
    src = tmp_path / "import"
    src.mkdir()
    (src / "empty.txt").write_bytes(b"")
    (src / "blank.txt").write_bytes(b"  \n\t\n")
    (src / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (src / "nul.txt").write_bytes(b"Some words\x00\x00\x00 then binary\x00" * 20)
    (src / "png_named.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(4000))
    for name in ("zh_gbk.txt", "zh_big5.txt", "cp1252.txt", "utf16_bom.txt"):
        shutil.copy(FIX / name, src / name)
    (src / "utf16be.txt").write_bytes(codecs.BOM_UTF16_BE + ARTICLE.format(n=16)
                                      .encode("utf-16-be"))
    (src / "broken.html").write_text(
        "<html><head><title>Half a page</title><body><p>The customs hall cleared 300 "
        "containers on Tuesday <b><i>and then the page stops <div <a href=", encoding="utf-8")
    (src / "tags_only.html").write_text("<html><script>var x = 1;</script></html>",
                                        encoding="utf-8")
    (src / "ok.txt").write_text(ARTICLE.format(n=1), encoding="utf-8")
    big = src / "huge.txt"
    with open(big, "wb") as fh:  # sparse: 200 MB on paper, nothing on disk
        fh.truncate(200 * 1024 * 1024)
    corpus.add_sources([src])

    report = drain(corpus.sync())

    reasons = _skip_reasons(report)
    assert reasons.pop("empty.txt") == "empty file"
    assert reasons.pop("blank.txt") == "empty file"
    assert reasons.pop("binary.txt").startswith("binary file")
    assert reasons.pop("nul.txt").startswith("binary file")
    assert reasons.pop("png_named.txt").startswith(("binary file", "not text"))
    assert reasons.pop("huge.txt").startswith("too large")
    # a page with no text at all is not a document either, and says so
    assert "tags_only.html" not in reasons or reasons.pop("tags_only.html") == "empty file"
    assert reasons == {}
    body = {h.path: h for h in corpus.search("", limit=None).hits}
    names = {Path(p).name for p in body}
    assert {"zh_gbk.txt", "zh_big5.txt", "cp1252.txt", "utf16_bom.txt", "utf16be.txt",
            "broken.html", "ok.txt", "good_one.txt", "good_two.txt"} <= names
    assert corpus.search("上合组织").total >= 1  # GBK read as Chinese, not mojibake
    assert corpus.search("經貿").total >= 1  # Big5 likewise
    assert corpus.search('"Kazakh coffee corner"').total == 1  # cp1252 curly quotes
    assert corpus.search("cleared 300 containers").total == 1  # truncated HTML kept
    assert report.documents == len(body)
    assert report.added == len(body)  # the two seeds count as added too


def test_huge_file_is_never_read_or_hashed(corpus, tmp_path, monkeypatch):
    """The size cap is applied from the stat, before any hashing or reading: a second sync
    (when the catalog makes the sync hash new files to find copies) must not read 200 MB."""
    src = tmp_path / "import"
    src.mkdir()
    big = src / "huge.txt"
    with open(big, "wb") as fh:
        fh.truncate(200 * 1024 * 1024)
    corpus.add_sources([src])
    drain(corpus.sync())  # first sync: an empty catalog
    (src / "new.txt").write_text(ARTICLE.format(n=2), encoding="utf-8")
    opened: list[str] = []
    real_open = open

    def spy_open(file, *args, **kwargs):
        opened.append(os.fspath(file) if isinstance(file, (str, os.PathLike)) else "")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", spy_open)
    report = drain(corpus.sync())  # the catalog knows files now: new files get hashed
    monkeypatch.undo()
    assert str(big) not in opened
    assert _skip_reasons(report)["huge.txt"].startswith("too large")
    assert report.added == 1
    assert "new.txt" in {Path(h.path).name for h in corpus.search("", limit=None).hits}


def test_file_deleted_between_listing_and_reading(corpus, tmp_path, monkeypatch):
    src = write_three(tmp_path / "import")
    corpus.add_sources([src])
    real_scan = sync_module.scan

    def scan_then_delete(sources):
        found, skipped = real_scan(sources)
        (src / "b.txt").unlink()  # gone after the listing, before the reading
        return found, skipped

    monkeypatch.setattr(sync_module, "scan", scan_then_delete)
    report = drain(corpus.sync())
    reasons = _skip_reasons(report)
    assert reasons["b.txt"].startswith("unreadable")
    names = {Path(h.path).name for h in corpus.search("", limit=None).hits}
    assert {"a.txt", "c.txt", "good_one.txt", "good_two.txt"} == names
    assert report.documents == 4 and report.added == 4
    monkeypatch.undo()
    again = drain(corpus.sync())  # the missing file is not left half-known
    assert (again.added, again.removed, again.documents) == (0, 0, 4)


def test_file_made_unreadable_between_listing_and_reading(corpus, tmp_path, monkeypatch):
    """chmod 000 where it works (not as root); as root, the open itself is made to fail
    with EACCES, which is what an unprivileged user would get."""
    src = write_three(tmp_path / "import")
    corpus.add_sources([src])
    target = src / "b.txt"
    real_scan = sync_module.scan
    as_root = hasattr(os, "geteuid") and os.geteuid() == 0

    def scan_then_lock(sources):
        found, skipped = real_scan(sources)
        target.chmod(0)
        return found, skipped

    monkeypatch.setattr(sync_module, "scan", scan_then_lock)
    if as_root:
        real_open = Path.open

        def deny(self, *args, **kwargs):
            if self.name == "b.txt":
                raise PermissionError(13, "Permission denied", str(self))
            return real_open(self, *args, **kwargs)

        monkeypatch.setattr(reader_module.Path, "open", deny)
    try:
        report = drain(corpus.sync())
    finally:
        target.chmod(0o644)
    assert _skip_reasons(report)["b.txt"] == "unreadable: permission denied"
    names = {Path(h.path).name for h in corpus.search("", limit=None).hits}
    assert {"a.txt", "c.txt", "good_one.txt", "good_two.txt"} == names
    monkeypatch.undo()
    again = drain(corpus.sync())  # readable again: it comes in now
    assert again.added == 1 and again.documents == 5


def write_three(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for i, name in enumerate(("a.txt", "b.txt", "c.txt")):
        (folder / name).write_text(ARTICLE.format(n=100 + i), encoding="utf-8")
    return folder


def test_a_megabyte_on_one_line_is_indexed_with_bounded_sentences(corpus, tmp_path):
    """No newline and no full stop in 1 MB of figures: the extractors' per-figure work on
    the figure's sentence made this quadratic (minutes, and a 1 MB sentence copied into each
    of thousands of metrics); sentences are now capped, so it indexes in seconds."""
    from scoda_desktop.core.extract.text import MAX_SENTENCE

    phrase = ("the freight train left Qingdao for Almaty with 32 containers of electronics "
              "and SCO trade grew 12 percent ")
    line = (phrase * 9500).strip()
    src = tmp_path / "import"
    src.mkdir()
    (src / "one_line.txt").write_text(line, encoding="utf-8")
    corpus.add_sources([src])
    report = drain(corpus.sync())
    assert not report.skipped
    doc_id = corpus.resolve(str(src / "one_line.txt"))
    assert doc_id in {h.id for h in corpus.search("Almaty electronics", limit=None).hits}
    doc = corpus.document(doc_id)
    assert len(doc.metrics) > 1000
    assert max(len(m.sentence) for m in doc.metrics) <= MAX_SENTENCE
    assert all(doc.text[m.start:m.end] == m.text for m in doc.metrics)


def test_symlink_loop_in_an_added_folder(corpus, tmp_path):
    src = write_three(tmp_path / "import")
    sub = src / "sub"
    sub.mkdir()
    (sub / "d.txt").write_text(ARTICLE.format(n=7), encoding="utf-8")
    os.symlink(src, sub / "back_to_top")  # a cycle
    os.symlink(sub / "self", sub / "self")  # a link to itself (ELOOP)
    os.symlink(tmp_path / "nowhere", src / "dangling.txt")
    corpus.add_sources([src])
    report = drain(corpus.sync())
    names = sorted(Path(h.path).name for h in corpus.search("", limit=None).hits)
    assert names == ["a.txt", "b.txt", "c.txt", "d.txt", "good_one.txt", "good_two.txt"]
    assert report.documents == 6


@pytest.mark.skipif(sys.platform in ("win32", "darwin"),
                    reason="file names are bytes only on Linux/BSD file systems")
def test_non_utf8_file_names(corpus, tmp_path, capsys):
    src = tmp_path / "import"
    src.mkdir()
    raw = os.fsencode(str(src)) + b"/caf\xe9_\xff.txt"  # Latin-1 bytes: not UTF-8
    with open(raw, "wb") as fh:
        fh.write(ARTICLE.format(n=42).encode())
    corpus.add_sources([src])
    report = drain(corpus.sync())
    assert report.skipped == []
    hits = corpus.search("containers 42").hits
    assert len(hits) == 1
    path = hits[0].path
    assert os.fsencode(path) == raw  # the path still opens the file
    assert corpus.document(path).id == hits[0].id
    # the CLI prints it (escaped) instead of failing on the undecodable name
    from scoda_desktop import cli

    assert cli.main(["--data-dir", str(corpus.data_dir), "search", "containers", "--json"]) == 0
    assert cli.main(["--data-dir", str(corpus.data_dir), "search", "containers"]) == 0
    assert cli.main(["--data-dir", str(corpus.data_dir), "index"]) == 0
    out = capsys.readouterr().out
    assert "caf" in out
