"""Work around a reference-count bug in PySide6 6.12.0 on CPython < 3.12.

Measured in this environment (PySide6-Essentials 6.12.0, Python 3.11): every ``signal.emit()``
made from Python drops one reference to ``True`` (the bool it returns is not increfed), and
every invalid QVariant handed to Python as ``None`` (``index.data(role)`` with no value,
``combo.currentData()`` of an item without data, ``loadResource`` results) drops one reference
to ``None``. A window that emits a few thousand signals then dies with "Fatal Python error:
bool_dealloc / none_dealloc". CPython 3.12 made these singletons immortal (PEP 683); on older
interpreters we give them the same property by adding 2**40 references once, which no
realistic session can use up. Nothing else is touched.
"""

from __future__ import annotations

import ctypes
import sys

_BUMP = 1 << 40
_applied = False


def apply() -> bool:
    """Make None/True/False practically immortal; True if the interpreter needed it."""
    global _applied
    if _applied or sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False
    for obj in (None, True, False):
        # ob_refcnt is the first field of every PyObject in a release build
        ctypes.c_ssize_t.from_address(id(obj)).value += _BUMP
    _applied = True
    return True
