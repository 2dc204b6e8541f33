"""Atomic file writes: a reader (or a crash) sees the old file or the new one, never half.

One helper for every file the app writes in place (catalog, manifest, preferences, exports):
the data goes to ``NAME.tmp`` beside the target and is renamed over it; on any failure (a full
disk) the temporary file is removed and the old file stays as it was.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def atomic_write(path: str | Path, data: bytes | str, *, encoding: str = "utf-8") -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    payload = data.encode(encoding) if isinstance(data, str) else data
    try:
        with open(tmp, "wb") as fh:
            fh.write(payload)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def atomic_write_stream(path: str | Path, write: Callable[[BinaryIO], object]) -> None:
    """``atomic_write`` for data written by ``write(file)`` as it is made (an npz of tens of
    megabytes is then never held in memory as a whole, once or twice more, before it
    reaches the disk)."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    try:
        with open(tmp, "wb") as fh:
            write(fh)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
