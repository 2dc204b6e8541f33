"""Run ``scoda-desktop index`` with its progress bar on a pseudo-terminal and SIGKILL it
(with its pool workers: the whole process group) once its progress says so: how the
kill -9 tests stop a real indexer in the middle of a phase."""

from __future__ import annotations

import os
import re
import select
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest


def kill_index_when(data: Path, args: list[str], progress: re.Pattern[bytes],
                    ready: Callable[[int, int], bool], *, env: dict[str, str],
                    timeout: float, what: str) -> tuple[int, int]:
    """Start ``index ARGS``; kill it at the first progress line (done, total) for which
    ``ready`` holds and return those numbers. Fails if it ends first or ``timeout`` passes
    (``what``: the progress that was awaited, for the message)."""
    import pty

    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "scoda_desktop", "--data-dir", str(data), "index", *args],
        stdout=subprocess.DEVNULL, stderr=slave, stdin=subprocess.DEVNULL, env=env,
        start_new_session=True)
    os.close(slave)
    seen = b""
    done = total = 0
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready_fds, _, _ = select.select([master], [], [], 1.0)
            if not ready_fds:
                assert proc.poll() is None, "the indexer ended before the test could kill it"
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the pty closed: the process ended
                chunk = b""
            assert chunk, "the indexer ended before the test could kill it"
            seen = (seen + chunk)[-4096:]
            found = progress.findall(seen)
            if found:
                done, total = (int(x) for x in found[-1])
                if ready(done, total):
                    break
        else:
            pytest.fail(f"no {what} from the indexer within the time limit")
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
        os.close(master)
    assert proc.returncode == -signal.SIGKILL
    return done, total
