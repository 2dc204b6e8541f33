"""UI fixtures: one window over a small real corpus (the five seeds) in a tmp data dir.

The index is built once per session; every test gets its own window, QSettings file and
preferences file, so no test sees another's state.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from scoda_desktop.core.corpus import Corpus
from scoda_desktop.ui.main_window import MainWindow
from scoda_desktop.ui.preferences import Preferences
from tests.ui.ui_helpers import WAIT


@pytest.fixture(scope="session")
def seed_corpus(tmp_path_factory: pytest.TempPathFactory) -> Generator[Corpus, None, None]:
    corpus = Corpus(tmp_path_factory.mktemp("data"))
    corpus.ensure_index()
    yield corpus
    corpus.close()


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    return tmp_path / "window.ini"


@pytest.fixture
def make_window(qtbot: Any, tmp_path: Path, settings_file: Path
                ) -> Generator[Callable[..., MainWindow], None, None]:
    """Build (and show) a window over a corpus; ``start=True`` waits for sync + info."""
    made: list[MainWindow] = []

    def make(corpus: Any, *, start: bool = True, show: bool = True) -> MainWindow:
        prefs = Preferences.load(tmp_path / "prefs.json")
        settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
        window = MainWindow(corpus, settings, prefs)
        qtbot.addWidget(window)
        made.append(window)
        if show:
            window.show()
        if start:
            with qtbot.waitSignal(window.indexing.info_ready, timeout=WAIT):
                window.start()
        return window

    yield make
    for window in made:
        window.runner.cancel_all()
        window.indexing.cancel_all()
        window.runner.wait(WAIT)
        window.indexing.wait(WAIT)


@pytest.fixture
def window(make_window: Callable[..., MainWindow], seed_corpus: Corpus) -> MainWindow:
    return make_window(seed_corpus)
