"""Read the arrays of an ``.npz`` file that ``np.savez`` wrote, without numpy.

Why: a one-query ``search`` process needs the facet table (``table.npz``) but not numpy,
whose import is ~90 ms of such a process on these machines (a third of it; see
docs/PERFORMANCE.md, issue 17, "One whole search process, round 3"). ``np.savez`` writes a
plain zip of ``.npy`` members (stored, not compressed); each member is a short header (a
Python dict literal: dtype, order, shape) and the raw little-endian data. This reads the
kinds the table holds: booleans, integers and fixed-width unicode strings, 0-d or 1-d, as
``array.array`` or lists; anything else raises ``ValueError`` (the caller then builds
the table again, as for a missing file).
"""

from __future__ import annotations

import re
import struct
import sys
import zipfile
import zlib
from array import array
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

_MAGIC = b"\x93NUMPY"
_HEADER = re.compile(
    r"\{'descr': '(?P<descr>[<>|=][a-zA-Z]\d+)', 'fortran_order': (?P<fortran>True|False), "
    r"'shape': \((?P<shape>[\d, ]*)\), \}")
_INT_CODES = {1: "b", 2: "h", 4: "i", 8: "q"}


class Strings(Sequence[str]):
    """A fixed-width unicode array's strings, each decoded when asked for: a search needs
    its 20 hits' document ids, not the 10,000 of a corpus (~8 ms to decode them all)."""

    def __init__(self, body: bytes, width: int, count: int) -> None:
        self._body, self._width, self._count = body, width, count
        self._seen: dict[str, int] = {}  # strings handed out: where they are

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, i: int) -> str:  # type: ignore[override]
        if not -self._count <= i < self._count:
            raise IndexError(i)
        i %= self._count
        size = 4 * self._width
        value = str(self._body[i * size:(i + 1) * size], "utf-32-le").rstrip("\x00")
        self._seen.setdefault(value, i)
        return value

    def __iter__(self) -> Iterator[str]:
        text, w = str(self._body, "utf-32-le"), self._width
        return (text[i:i + w].rstrip("\x00") for i in range(0, len(text), w))

    def index(self, value: Any, start: int = 0, stop: Any = None) -> int:
        """The position of ``value``, for strings that are each in the array once (the
        table's document ids; "" is no id): where one handed out was (a hit's id, whose
        facts are looked up next), else a search of the encoded bytes (~1 ms at 10,000)."""
        if not isinstance(value, str) or not value or len(value) > self._width \
                or "\x00" in value or start or stop is not None:
            raise ValueError(value)
        at = self._seen.get(value)
        if at is not None:
            return at
        size = 4 * self._width
        needle = value.ljust(self._width, "\x00").encode("utf-32-le")
        at = self._body.find(needle)
        while at >= 0:
            if at % size == 0:  # an item's start, not the middle of another's bytes
                return at // size
            at = self._body.find(needle, at + 1)
        raise ValueError(value)


def _parse(data: bytes, lazy: bool = False) -> Any:
    if data[:6] != _MAGIC:
        raise ValueError("not a .npy member")
    major = data[6]
    if major == 1:
        hlen, start = int.from_bytes(data[8:10], "little"), 10
    elif major in (2, 3):
        hlen, start = int.from_bytes(data[8:12], "little"), 12
    else:
        raise ValueError(f"unknown .npy version {major}")
    header = data[start:start + hlen].decode("latin-1").strip()
    m = _HEADER.fullmatch(header)
    if m is None or m["fortran"] == "True":
        raise ValueError(f"unsupported .npy header {header!r}")
    dims = [int(s) for s in m["shape"].replace(" ", "").split(",") if s]
    if len(dims) > 1:
        raise ValueError("only 0-d and 1-d arrays")
    count = dims[0] if dims else 1
    body = memoryview(data)[start + hlen:]
    order, kind, size = m["descr"][0], m["descr"][1], int(m["descr"][2:])
    if order == ">" or (order == "=" and sys.byteorder != "little"):
        raise ValueError("big-endian arrays")
    if kind == "U" and lazy:
        if len(body) < count * 4 * size:
            raise ValueError("truncated .npy member")
        return Strings(bytes(body[:count * 4 * size]), size, count) if dims else \
            str(body[:4 * size], "utf-32-le").rstrip("\x00")
    if kind == "U":  # fixed width UTF-32, padded with NULs
        text = str(body[:count * 4 * size], "utf-32-le")
        values: Any = [text[i:i + size].rstrip("\x00") for i in range(0, len(text), size)]
    elif size == 1 and kind in "bu":  # booleans (0 and 1: truth values), or uint8 bytes
        values = bytes(body[:count])
    elif kind in "iu" and size in _INT_CODES:
        code = _INT_CODES[size] if kind == "i" else _INT_CODES[size].upper()
        values = array(code)
        if values.itemsize != size:
            raise ValueError("no machine integer of that size")
        values.frombytes(body[:count * size])
        if sys.byteorder != "little":
            values.byteswap()
    else:
        raise ValueError(f"unsupported dtype {m['descr']}")
    if len(values) != count:
        raise ValueError("truncated .npy member")
    return values[0] if not dims else values


def load_npz(path: Path) -> dict[str, Any]:
    """name -> its array (``array.array`` of ints, ``bytes`` for booleans (0/1) and uint8,
    a list of strings; a 0-d array as its one value). Raises OSError or ValueError for a
    missing or damaged file."""
    try:
        with zipfile.ZipFile(path) as z:
            return {name[:-4]: _parse(z.read(name)) for name in z.namelist()
                    if name.endswith(".npy")}
    except zipfile.BadZipFile as exc:
        raise ValueError(str(exc)) from exc


_LOCAL = struct.Struct("<4s22xHH")  # a zip member's local header: signature ... lengths


def read_npz(path: Path, names: Iterable[str]) -> dict[str, Any]:
    """``load_npz`` of the members ``names`` only (those the file has): read straight from
    their offsets, CRC checked (``zipfile`` reads in small chunks; a one-query search
    reads 3 MB of a 7 MB table at 10,000 articles, not all of it). Fixed-width strings
    come as ``Strings``, decoded item by item."""
    out: dict[str, Any] = {}
    try:
        with open(path, "rb") as fh:
            with zipfile.ZipFile(fh) as z:
                infos = {i.filename[:-4]: i for i in z.infolist() if i.filename.endswith(".npy")}
            for name in names:
                info = infos.get(name)
                if info is None:
                    continue
                if info.compress_type != zipfile.ZIP_STORED or info.flag_bits & 1:
                    raise ValueError("a compressed or encrypted member")
                fh.seek(info.header_offset)
                sig, nlen, xlen = _LOCAL.unpack(fh.read(_LOCAL.size))
                if sig != b"PK\x03\x04":
                    raise ValueError("bad zip member header")
                fh.seek(info.header_offset + _LOCAL.size + nlen + xlen)
                data = fh.read(info.compress_size)
                if len(data) != info.file_size or zlib.crc32(data) != info.CRC:
                    raise ValueError(f"damaged member {name}")
                out[name] = _parse(data, lazy=True)
    except (zipfile.BadZipFile, struct.error) as exc:
        raise ValueError(str(exc)) from exc
    return out
