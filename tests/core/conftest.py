"""Fixtures shared by the core tests."""

from __future__ import annotations

import pytest

from scoda_desktop.core.pipeline import sync as sync_module


@pytest.fixture
def counted(monkeypatch):
    """The files a sync prepares (reads, cleans, extracts), in order: [] means none was read."""
    calls: list[str] = []
    real = sync_module.prepare_file

    def counting(path):
        calls.append(path)
        return real(path)

    monkeypatch.setattr(sync_module, "prepare_file", counting)
    return calls
