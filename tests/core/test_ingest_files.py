"""Decoding, bad files that must be reported (not raised), and folder expansion."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from scoda_desktop.core.documents import Skipped
from scoda_desktop.core.ingest import (
    IngestError,
    decode_bytes,
    document_id,
    iter_input_files,
    load_document,
)

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"


@pytest.mark.parametrize("name, expected", [
    ("utf16_bom.txt", "The annual SCO trade expo opened in Qingdao"),
    ("cp1252.txt", "the “Kazakh coffee corner” at the expo"),
    ("zh_gbk.txt", "中国—上合组织地方经贸合作示范区开通了一条通往中亚的新国际班列"),
    ("zh_big5.txt", "上合組織國家在地方經貿合作示範區的進出口總額"),
])
def test_encodings_decode_to_the_same_words(name, expected):
    assert expected in decode_bytes((FIX / name).read_bytes())


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_text_not_binary(codec):
    text = "Trade with SCO countries grew 12 percent in Qingdao (青岛).\n" * 3
    assert decode_bytes(text.encode(codec)) == text
    # Little-endian 16-bit numbers have the same NUL pattern but decode to control codes.
    numbers = bytes(b for n in range(1, 200) for b in (n % 32, 0))
    with pytest.raises(ValueError, match="binary"):
        decode_bytes(numbers)


def test_odd_spaces_and_zero_width_characters():
    text = decode_bytes((FIX / "nbsp_utf8_bom.txt").read_bytes())
    assert text.startswith("Russia and China signed a deal worth 4.8 GW")
    assert decode_bytes("Cafe\u0301\u3000ok\u2009x".encode()) == "Café ok x"  # NFC too


@pytest.mark.parametrize("name, reason", [
    ("empty.txt", "empty file"),
    ("binary.txt", "binary file"),
])
def test_bad_files_raise_with_a_reason(name, reason):
    with pytest.raises(IngestError) as err:
        load_document(FIX / name)
    assert reason in err.value.reason


def test_too_large_is_refused_before_reading(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("The SCO met in Qingdao. " * 100)
    with pytest.raises(IngestError, match="too large"):
        load_document(big, max_bytes=1000)
    assert load_document(big).words == 500


def test_unsupported_missing_and_unreadable(tmp_path):
    sheet = tmp_path / "a.xlsx"
    sheet.write_bytes(b"PK\x03\x04")
    with pytest.raises(IngestError, match="unsupported"):
        load_document(sheet)
    with pytest.raises(IngestError, match="unreadable"):
        load_document(tmp_path / "missing.txt")
    undecodable = tmp_path / "junk.txt"
    undecodable.write_bytes(bytes(range(1, 32)) * 50)
    with pytest.raises(IngestError, match="binary"):
        load_document(undecodable)


def test_document_identity_comes_from_the_bytes(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes((FIX / "cp1252.txt").read_bytes())
    b.write_bytes((FIX / "cp1252.txt").read_bytes())
    da, db = load_document(a), load_document(b)
    assert da.id == db.id == document_id(da.sha256) == da.sha256[:16]
    assert da.path == str(a.resolve()) and da.size == a.stat().st_size and da.mtime > 0


def test_folders_recursive_sorted_hidden_skipped_and_no_symlink_loop(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "deep").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    for rel in ("b/2.txt", "a/deep/1.html", "a/x.md", "a/y.htm", ".git/z.txt", "a/.hidden.txt",
                "a/pic.png"):
        (tmp_path / rel).write_text("text")
    os.symlink(tmp_path, tmp_path / "a" / "loop")  # a cycle back to the top
    items = list(iter_input_files([tmp_path, tmp_path / "nope", tmp_path / "a" / "pic.png"]))
    files = [i for i in items if isinstance(i, Path)]
    assert [f.relative_to(tmp_path).as_posix() for f in files] == [
        "a/deep/1.html", "a/x.md", "a/y.htm", "b/2.txt"]
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert [s.reason for s in skipped][0] == "no such file or folder"
    assert "unsupported" in skipped[1].reason
    assert list(iter_input_files([tmp_path])) == files  # deterministic


def test_whole_fixture_folder_imports_with_two_reported_failures():
    docs, failures = [], []
    for item in iter_input_files([FIX]):
        try:
            docs.append(load_document(item))
        except IngestError as exc:
            failures.append((item.name, exc.reason))
    assert sorted(name for name, _ in failures) == ["binary.txt", "empty.txt"]
    assert len(docs) == 9 and all(d.text for d in docs)
