"""The Qt window: thin views over the core services."""

from scoda_desktop.ui import _pyside_refcount

_pyside_refcount.apply()  # before any signal is emitted: see the module docstring
