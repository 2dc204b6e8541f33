"""The refcount work-around is applied exactly where the installed PySide6 needs it.

A fresh interpreter without our package measures whether emitting signals and reading
empty model data lose references to ``True`` / ``None``; ``_pyside_refcount.needed()`` must
say yes exactly then (so an upgrade to a PySide6 that still has the bug, or a new one that
brings it, fails here instead of crashing the window after a few thousand signals).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from scoda_desktop.ui import _pyside_refcount

# Runs without scoda_desktop.ui (which would apply the work-around); exits with os._exit,
# since an interpreter that lost references may crash while shutting down.
PROBE = r"""
import json, os, sys
from PySide6.QtCore import QModelIndex, QObject, Signal

class O(QObject):
    s = Signal(int)

o = O()
o.s.connect(lambda x: None)
n = 200
t0 = sys.getrefcount(True)
for i in range(n):
    o.s.emit(i)
t1 = sys.getrefcount(True)
idx = QModelIndex()
z0 = sys.getrefcount(None)
for i in range(n):
    idx.data(0)
z1 = sys.getrefcount(None)
print(json.dumps({"true_lost": t0 - t1, "none_lost": z0 - z1, "n": n}), flush=True)
os._exit(0)
"""


def _probe() -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                         env=env, timeout=120, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_the_work_around_is_applied_exactly_when_this_pyside6_loses_references():
    found = _probe()
    # a few references either way are the interpreter's own; the bug loses one per call
    loses = max(found["true_lost"], found["none_lost"]) >= found["n"] // 2
    if sys.version_info >= (3, 12):
        loses = False  # immortal singletons (PEP 683): losing references is harmless
    assert _pyside_refcount.needed() == loses, (_pyside_refcount.pyside_version(), found)


def test_with_the_ui_imported_many_emits_keep_the_interpreter_alive():
    """Once ``scoda_desktop.ui`` is imported, 100,000 emits (more references than ``True``
    has in a fresh interpreter) and empty model reads end normally."""
    code = ("import scoda_desktop.ui\n"
            "from PySide6.QtCore import QModelIndex, QObject, Signal\n"
            "class O(QObject):\n    s = Signal(int)\n"
            "o = O(); o.s.connect(lambda x: None)\n"
            "for i in range(100_000):\n    o.s.emit(i)\n    QModelIndex().data(0)\n"
            "print('ok')\n")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, timeout=300)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr[-500:]
