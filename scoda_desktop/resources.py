"""Find bundled files (``resources/``, ``seeds/``) from source and from a frozen build.

One helper for both cases: PyInstaller unpacks data next to the executable and sets
``sys._MEIPASS``; from a source checkout the folders sit at the repository top level.
"""

from __future__ import annotations

import sys
from pathlib import Path


def base_dir() -> Path:
    """The folder that holds ``resources/`` and ``seeds/``."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def resource_path(name: str) -> Path:
    """Path of a file in ``resources/`` (it may not exist; callers decide)."""
    return base_dir() / "resources" / name


def seeds_dir() -> Path:
    """The bundled default corpus."""
    return base_dir() / "seeds"


SEED_INDEX = "seed-index"


def seed_index_dir() -> Path:
    """The index of the seeds built at build time (only a standalone build has one)."""
    return base_dir() / SEED_INDEX


def install_seed_index(index_dir: Path, seeds: Path) -> bool:
    """First start of a standalone build: copy the prebuilt seed index into ``index_dir``.

    Measured (docs/PERFORMANCE.md): a first window with results comes sooner when the
    index is copied than when the seeds are cleaned, extracted and indexed at start. The
    copy lives in the user's data dir; the bundled one is never opened for writing (a
    bundle is read-only and shared). The sync that follows relinks the seed files at their
    path on this machine by content hash, so nothing is indexed twice.

    Copies nothing and returns False when there is no prebuilt index, when ``seeds`` is not
    the bundled seeds folder, when ``index_dir`` already holds an index, or when the prebuilt
    index was made with another ``SCHEMA_VERSION``: the caller then builds from the sources.
    """
    import os
    import shutil

    from scoda_desktop.core.index.catalog import META, read_meta
    from scoda_desktop.core.index.schema import SCHEMA_VERSION

    prebuilt = seed_index_dir()
    if Path(seeds).absolute() != seeds_dir().absolute() or (Path(index_dir) / META).exists():
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
