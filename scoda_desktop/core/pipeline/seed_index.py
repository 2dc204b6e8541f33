"""The bundled seeds as a source: a stable copy for single-file builds, and the seed index
prebuilt at build time, copied in on a standalone build's first start."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from scoda_desktop.core.index.schema import SCHEMA_VERSION
from scoda_desktop.core.pipeline.catalog import META, read_meta
from scoda_desktop.resources import seed_index_dir, seeds_dir, unpacked_each_run


def stable_seeds(bundled: Path, copy_dir: Path, *, write: bool = True) -> Path:
    """The seeds folder the corpus should list as a source.

    From source and in the folder build that is the bundled folder itself. A single-file
    build's bundled folder vanishes when the app exits, so the seeds are copied once into
    the data dir (``copy_dir``) and read from there: the paths a user sees and cites stay
    valid. ``write=False`` (a read-only second instance) uses an existing copy only.
    """
    if not unpacked_each_run():
        return bundled
    try:
        if write:
            copy_dir.mkdir(parents=True, exist_ok=True)
            for src in sorted(bundled.iterdir()):
                dst = copy_dir / src.name
                if src.is_file() and (not dst.exists() or dst.stat().st_size != src.stat().st_size):
                    shutil.copyfile(src, dst)
        return copy_dir if copy_dir.is_dir() else bundled
    except OSError:
        return bundled  # a full or read-only disk: the unpacked seeds still work this run


def _same_files(a: Path, b: Path) -> bool:
    """Same file names and sizes (the single-file build's copy of the bundled seeds)."""
    def listing(folder: Path) -> list[tuple[str, int]]:
        return sorted((p.name, p.stat().st_size) for p in Path(folder).iterdir() if p.is_file())

    try:
        return listing(a) == listing(b)
    except OSError:
        return False


def install_seed_index(index_dir: Path, seeds: Path) -> bool:
    """First start of a standalone build: copy the prebuilt seed index into ``index_dir``.

    Measured (docs/PERFORMANCE.md): a first window with results comes sooner when the
    index is copied than when the seeds are cleaned, extracted and indexed at start. The
    copy lives in the user's data dir; the bundled one is never opened for writing (a
    bundle is read-only and shared). The sync that follows relinks the seed files at their
    path on this machine by content hash, so nothing is indexed twice.

    Copies nothing and returns False when there is no prebuilt index, when ``seeds`` is
    neither the bundled seeds folder nor a copy of it (same file names and sizes: the
    single-file build's), when ``index_dir`` already holds an index, or when the prebuilt
    index was made with another ``SCHEMA_VERSION``: the caller then builds from the sources.
    """
    prebuilt = seed_index_dir()
    ours = Path(seeds).absolute() == seeds_dir().absolute() or _same_files(seeds, seeds_dir())
    if not ours or (Path(index_dir) / META).exists():
        return False
    meta = read_meta(prebuilt)
    if not meta or meta.get("schema_version") != SCHEMA_VERSION:
        return False
    index_dir = Path(index_dir)
    tmp = index_dir.with_name(index_dir.name + ".seed")
    shutil.rmtree(tmp, ignore_errors=True)
    # copyfile, not copy2: the copies get this user's default modes, not the bundle's.
    shutil.copytree(prebuilt, tmp, copy_function=shutil.copyfile)
    shutil.rmtree(index_dir, ignore_errors=True)  # a leftover folder with no index in it
    os.replace(tmp, index_dir)
    return True
