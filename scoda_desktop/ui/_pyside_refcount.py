"""Work around a reference-count bug of PySide6 6.12.0 on CPython < 3.12.

The bug (measured with the probe of ``tests/ui/test_pyside_refcount.py``, Python 3.11.7, a
fresh virtual environment per version): with PySide6-Essentials 6.12.0 every
``signal.emit()`` made from Python drops one reference to ``True`` (the bool it returns is
not increfed), and every invalid QVariant handed to Python as ``None`` (``index.data(role)``
with no value, ``combo.currentData()`` of an item without data, ``loadResource`` results)
drops one reference to ``None``: 200 emits lose 200 references to ``True``, 200 empty
``data()`` calls ~200 to ``None``. A window that emits a few thousand signals then dies with
"Fatal Python error: bool_dealloc / none_dealloc". 6.6.3, 6.7.3, 6.8.3, 6.9.3, 6.10.3,
6.11.0 and 6.11.3 lose none; no release after 6.12.0 exists yet to say whether it is fixed.

CPython 3.12 made these singletons immortal (PEP 683), so the bug is harmless there. On an
affected PySide6 under an older interpreter we give them the same property by adding 2**40
references once, which no realistic session can use up. Nothing else is touched, and on any
other PySide6 nothing at all: the test fails if a PySide6 we run loses references while
``needed()`` says no (then add its version to ``AFFECTED``).
"""

from __future__ import annotations

import ctypes
import sys

# PySide6 versions (major, minor, patch) measured to lose references (see above).
AFFECTED = {(6, 12, 0)}
_BUMP = 1 << 40
_applied = False


def pyside_version() -> tuple[int, ...]:
    import PySide6

    return tuple(PySide6.__version_info__[:3])


def needed() -> bool:
    """True when this interpreter and this PySide6 have the bug."""
    return (sys.implementation.name == "cpython" and sys.version_info < (3, 12)
            and pyside_version() in AFFECTED)


def apply() -> bool:
    """Make None/True/False practically immortal if needed; True if it was applied now."""
    global _applied
    if _applied or not needed():
        return False
    for obj in (None, True, False):
        # ob_refcnt is the first field of every PyObject in a release build
        ctypes.c_ssize_t.from_address(id(obj)).value += _BUMP
    _applied = True
    return True
