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
import sys
import zipfile
from array import array
from pathlib import Path
from typing import Any

_MAGIC = b"\x93NUMPY"
_HEADER = re.compile(
    r"\{'descr': '(?P<descr>[<>|=][a-zA-Z]\d+)', 'fortran_order': (?P<fortran>True|False), "
    r"'shape': \((?P<shape>[\d, ]*)\), \}")
_INT_CODES = {1: "b", 2: "h", 4: "i", 8: "q"}


def _parse(data: bytes) -> Any:
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
