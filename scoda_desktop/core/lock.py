"""One writer per data directory: an OS lock on ``<data dir>/lock`` held while a Corpus is open.

The first process to open a data directory is its writer; any other process opens it
read-only (searching works, syncing and adding sources are refused with a message naming
the holder's pid). The lock is an OS advisory lock (``fcntl.lockf`` on POSIX,
``msvcrt.locking`` on Windows), so it dies with its process: a crashed or killed instance
never leaves a stale lock behind, and the pid written in the file is only for the message.
POSIX record locks belong to a process, and closing any descriptor of the file drops them,
so each process keeps one descriptor per data directory, counted across its Corpus objects
(the tests open several on one folder).
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

LOCK_NAME = "lock"
_held: dict[str, list[int]] = {}  # real path -> [descriptor, Corpus objects using it]
_guard = threading.Lock()


def _try_lock(fd: int) -> bool:
    try:
        if sys.platform == "win32":
            import msvcrt

            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _owner(path: Path) -> str:
    try:
        pid = path.read_text(encoding="ascii", errors="replace").split()[0]
    except (OSError, IndexError):
        return "another SCODA Desktop"
    return f"another SCODA Desktop (pid {pid})" if pid.isdigit() else "another SCODA Desktop"


class DataDirLock:
    """``held`` is True for the writer; otherwise ``message`` says who holds the folder."""

    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / LOCK_NAME
        self.key = os.path.realpath(self.path)
        self.held = False
        self.message = ""
        self.try_acquire()

    def try_acquire(self) -> bool:
        """Become the writer if nobody else is (again: the other instance may have exited)."""
        if self.held:
            return True
        data_dir = self.path.parent
        with _guard:
            entry = _held.get(self.key)
            if entry is not None:
                entry[1] += 1
                self.held = True
                return True
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            if not _try_lock(fd):
                os.close(fd)
                self.message = (f"{_owner(self.path)} is using the data folder "
                                f"{Path(data_dir)}; this one is read-only (searching works, "
                                "indexing and adding sources do not)")
                return False
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
            _held[self.key] = [fd, 1]
            self.held = True
            self.message = ""
            return True

    def release(self) -> None:
        if not self.held:
            return
        self.held = False
        with _guard:
            entry = _held.get(self.key)
            if entry is None:
                return
            entry[1] -= 1
            if entry[1] == 0:
                del _held[self.key]
                os.close(entry[0])  # closing the descriptor releases the OS lock
