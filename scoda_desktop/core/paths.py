"""Where the app keeps its data: one rule, used by the CLI, the window and the tests.

An explicit folder wins, then ``$SCODA_DATA_DIR``, then the per-user data directory
(platformdirs). Never the install directory: a frozen build is read-only.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "scoda-desktop"


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser().absolute()
    env = os.environ.get("SCODA_DATA_DIR")
    if env:
        return Path(env).expanduser().absolute()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False))
