"""The first phase's analysed text, kept on disk for the second phase.

The second phase (``enrich.py``) replaces every document of the first with its full
fields, and Whoosh takes a document's postings only as it is added: without this file the
workers analyse and encode each body a second time (~1.5 ms of CPU an article, a tenth of
the phase) and send the postings back through the pool. So each first-phase worker appends
the postings it encoded for the text fields to a file of its own in ``spool/`` in the index
folder, and the second phase reads them back (~0.1 ms).

Only a cache: a record is used when its document id and the CRC of the text read back from
the index both match (and its own CRC holds), otherwise the document is analysed again as
before, so a killed or cancelled first phase, an older file or a damaged one costs time,
never a wrong index. The folder is removed when a second phase leaves nothing to enrich.

Format (no pickle, no marshal: the index folder holds no executable formats): per record
a header ``<HIII`` (id length, text CRC, payload CRC, payload length), the id, the payload:
per field ``<BIII`` (name length, postings, term bytes, value bytes), the name, then the
term lengths and frequencies (uint32), the weights (float64), the value lengths (uint32),
the terms (joined by ``_SEP``) and the values. Joined so that one ``split`` gives the terms
back (a slice per term was half the decoding); a term that holds ``_SEP`` itself shows as
more parts than terms, and then the lengths cut them out.
"""

from __future__ import annotations

import os
import shutil
import struct
import time
import zlib
from array import array
from itertools import accumulate
from pathlib import Path
from typing import Any, BinaryIO

from scoda_desktop.core.index.schema import SCHEMA_VERSION, Preanalyzed

SPOOL = "spool"
TEXT_FIELDS = ("body", "title", "source", "author")  # the analysed fields, Preanalyzed
_HEAD = struct.Struct("<HIII")
_FIELD = struct.Struct("<BIII")
_SUFFIX = f".v{SCHEMA_VERSION}.s2.spool"  # s2: terms joined by _SEP
_SEP = b"\n"
_names: dict[tuple[int, str], str] = {}  # (process, spool folder) -> its file


def _crc(text: str) -> int:
    return zlib.crc32(text.encode("utf-8", "surrogatepass"))


def encode(doc_id: str, text: str, fields: dict[str, Any]) -> bytes:
    """One record: the text fields' postings of ``fields`` (``add_document`` arguments)."""
    parts = []
    for name in TEXT_FIELDS:
        items = fields.get(name)
        if not items:
            continue
        terms = items.terms  # a packed Preanalyzed: its arrays as they are
        tblob, vblob = _SEP.join(terms), items.values
        key = name.encode()
        parts += [_FIELD.pack(len(key), len(terms), len(tblob), len(vblob)), key,
                  array("I", map(len, terms)).tobytes(), array("I", items.freqs).tobytes(),
                  array("d", items.weights).tobytes(), array("I", items.lens).tobytes(),
                  tblob, vblob]
    payload = b"".join(parts)
    key = doc_id.encode()
    return _HEAD.pack(len(key), _crc(text), zlib.crc32(payload), len(payload)) + key + payload


def write(folder: str, doc_id: str, text: str, fields: dict[str, Any]) -> None:
    """Append one document's record to this process's file in ``folder`` (a worker of the
    first phase). Opened, written whole and closed per record (~20 us): nothing buffered
    that a pool worker's ``os._exit`` would drop, no descriptor a forked worker inherits or
    that keeps the folder from being moved or removed; a kill leaves at most a last record
    cut short, at the end of its own file."""
    name = _names.get((os.getpid(), folder))
    if name is None:
        os.makedirs(folder, exist_ok=True)
        # a new file for each process: nothing cut short before its first record
        name = _names[os.getpid(), folder] = os.path.join(
            folder, f"{os.getpid()}-{time.time_ns()}{_SUFFIX}")
    with open(name, "ab") as fh:
        fh.write(encode(doc_id, text, fields))


def _decode(payload: bytes) -> dict[str, Preanalyzed]:
    out: dict[str, Preanalyzed] = {}
    view, pos = memoryview(payload), 0
    while pos < len(payload):
        klen, n, tlen, vlen = _FIELD.unpack_from(payload, pos)
        pos += _FIELD.size
        name = bytes(view[pos : pos + klen]).decode()
        pos += klen
        arrays = []
        for code in "IIdI":
            a = array(code)
            a.frombytes(view[pos : pos + a.itemsize * n])
            arrays.append(a)
            pos += a.itemsize * n
        tlens, freqs, weights, vlens = arrays
        tblob, vblob = payload[pos : pos + tlen], payload[pos + tlen : pos + tlen + vlen]
        pos += tlen + vlen
        if n and (sum(tlens) + n - 1 != tlen or sum(vlens) != vlen):
            raise ValueError("inconsistent spool record")
        terms = tuple(tblob.split(_SEP)) if n else ()
        if len(terms) != n:  # a term holds the separator: cut them out by their lengths
            ends = [e + i for i, e in enumerate(accumulate(tlens))]
            terms = tuple([tblob[e - k : e] for e, k in zip(ends, tlens, strict=True)])
        out[name] = Preanalyzed.packed(terms, freqs, array("f", weights), vlens, vblob)
    return out


class Spool:
    """The records of a spool folder, by document id (read by the second phase)."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._where: dict[str, tuple[str, int, int, int, int]] = {}
        self._open: dict[str, BinaryIO] = {}  # file -> open for ``take``
        try:
            names = sorted(p.name for p in self.folder.iterdir() if p.name.endswith(_SUFFIX))
        except OSError:
            names = []
        for name in names:
            self._scan(str(self.folder / name))

    def _scan(self, path: str) -> None:
        """Index the records of one file by their headers (payloads are skipped, not read:
        at 10,000 articles the files hold ~125 MB)."""
        try:
            with open(path, "rb", buffering=1 << 20) as fh:  # seeks within it: no syscall
                size = os.fstat(fh.fileno()).st_size
                pos = 0
                while pos + _HEAD.size <= size:
                    fh.seek(pos)
                    head = fh.read(_HEAD.size + 256)
                    klen, text_crc, crc, plen = _HEAD.unpack_from(head)
                    start = pos + _HEAD.size + klen
                    if start + plen > size or _HEAD.size + klen > len(head):
                        break  # the last record, cut short by a kill (or a damaged header)
                    doc_id = head[_HEAD.size : _HEAD.size + klen].decode("utf-8", "replace")
                    self._where[doc_id] = (path, start, plen, text_crc, crc)
                    pos = start + plen
        except OSError:
            return

    def __len__(self) -> int:
        return len(self._where)

    def has(self, doc_id: str, text: str) -> bool:
        """True when a record of ``doc_id`` was made from this very text."""
        where = self._where.get(doc_id)
        return where is not None and where[3] == _crc(text)

    def take(self, doc_id: str) -> dict[str, Preanalyzed] | None:
        """The text fields' postings of ``doc_id`` (check ``has`` first), or None when its
        record cannot be read back whole."""
        where = self._where.pop(doc_id, None)
        if where is None:
            return None
        path, start, plen, _text_crc, crc = where
        try:
            fh = self._open.get(path)
            if fh is None:
                # unbuffered: one read a record (records are read in no file order, so a
                # buffer only copied them again)
                fh = self._open[path] = open(path, "rb", buffering=0)  # noqa: SIM115 - closed by close()
            fh.seek(start)
            payload = fh.read(plen)
            if len(payload) != plen or zlib.crc32(payload) != crc:
                return None
            return _decode(payload)
        except (OSError, ValueError, struct.error, UnicodeDecodeError):
            return None

    def close(self) -> None:
        for fh in self._open.values():
            fh.close()
        self._open = {}


def remove(folder: Path) -> None:
    """Drop a spool folder (its records are all used, or can no longer be)."""
    shutil.rmtree(folder, ignore_errors=True)
