"""Expand the files and folders a user picked into the article files to read.

Folders are walked recursively, following symbolic links (a user who links a folder in wants
it read) but each real directory only once, so a link cycle cannot loop forever. Hidden
folders (``.git``, ``.cache``) and hidden files are skipped; unsupported files inside a folder
are ignored quietly, while a missing path or an unsupported file named explicitly is reported.
The order is sorted so two runs over the same tree do the same work in the same order.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from scoda_desktop.core.documents import Skipped
from scoda_desktop.core.ingest.formats import EXPECTED, is_supported


def walk_folder(top: str | os.PathLike, seen_dirs: set[tuple[int, int]]
                ) -> Iterator[tuple[str, os.stat_result]]:
    """Article files under ``top`` with their stat (``os.scandir`` hands it out without
    another system call): hidden entries skipped, links followed, each real folder once
    (``seen_dirs`` holds (device, inode) pairs), unsupported file types ignored."""
    stack = [os.fspath(top)]
    while stack:
        folder = stack.pop()
        try:
            st = os.stat(folder)
            key = (st.st_dev, st.st_ino)
            if key in seen_dirs:
                continue  # a symlink cycle or the same folder reached twice
            seen_dirs.add(key)
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_file():  # the common case first (no system call: d_type)
                    if is_supported(entry.name):
                        yield entry.path, entry.stat()
                elif entry.is_dir(follow_symlinks=True):
                    stack.append(entry.path)
            except OSError:
                continue


def iter_input_files(paths: Iterable[str | os.PathLike]) -> Iterator[Path | Skipped]:
    """Yield each article file under ``paths`` once (sorted), or a Skipped saying why not."""
    seen_files: set[str] = set()
    seen_dirs: set[tuple[int, int]] = set()
    for item in paths:
        p = Path(item)
        if p.is_dir():
            files = sorted((Path(f) for f, _st in walk_folder(p, seen_dirs)),
                           key=lambda f: f.parts)
        elif p.is_file():
            if not is_supported(p.name):
                yield Skipped(str(p), f"unsupported file type '{p.suffix or p.name}' "
                                      f"({EXPECTED})")
                continue
            files = [p]
        elif p.is_symlink():
            yield Skipped(str(p), "broken symbolic link")
            continue
        elif p.exists():
            yield Skipped(str(p), "not a regular file or folder")
            continue
        else:
            yield Skipped(str(p), "no such file or folder")
            continue
        for f in files:
            try:
                key = str(f.resolve())
            except OSError:
                key = str(f.absolute())
            if key not in seen_files:
                seen_files.add(key)
                yield f


def scan(sources: list[str]) -> tuple[dict[str, os.stat_result], list[Skipped]]:
    """Every article file under ``sources`` with its stat, in path order, and the sources
    that cannot be read (a missing path, an unsupported file named explicitly). Light on
    imports: an unchanged re-sync is this and a digest (``pipeline/synced.py``)."""
    found: dict[str, os.stat_result] = {}
    skipped: list[Skipped] = []
    seen: set[tuple[int, int]] = set()
    for source in sources:
        path = os.path.abspath(source)
        if os.path.isdir(path):
            for file, st in walk_folder(path, seen):
                found.setdefault(file, st)
            continue
        for item in iter_input_files([path]):  # one file: its checks and messages
            if isinstance(item, Skipped):
                skipped.append(item)
                continue
            try:
                found.setdefault(os.path.abspath(item), os.stat(item))
            except OSError as exc:
                skipped.append(Skipped(str(item), f"unreadable: {exc.strerror or exc}"))
    return dict(sorted(found.items())), skipped
