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


def unpacked_each_run() -> bool:
    """True in a single-file build: it unpacks itself into a new temporary ``_MEI…`` folder
    on every start, so paths inside the bundle change from run to run."""
    frozen = getattr(sys, "_MEIPASS", None)
    return bool(frozen) and Path(frozen).name.startswith("_MEI")


SEED_INDEX = "seed-index"


def seed_index_dir() -> Path:
    """The index of the seeds built at build time (only a standalone build has one)."""
    return base_dir() / SEED_INDEX
