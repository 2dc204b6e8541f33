"""Test-wide set-up. Qt must run offscreen before any QApplication exists."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["QT_QPA_PLATFORM"] = "offscreen"

from hypothesis import settings  # noqa: E402

# Property tests try the same examples on every run ("repeatable", the default: `make test`
# and CI), so a run that passes here passes on a clean clone too, and a failure reproduces;
# HYPOTHESIS_PROFILE=explore draws new random examples each run, to look for new cases
# while developing (a case found that way becomes an @example).
settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))
