"""The core must work with no Qt at all (a CLI, a server, a test run without a display)."""

import subprocess
import sys
import textwrap


def test_importing_all_of_core_loads_no_qt():
    code = textwrap.dedent(
        """
        import importlib, pkgutil, sys
        import scoda_desktop.core as core
        for mod in pkgutil.walk_packages(core.__path__, "scoda_desktop.core."):
            importlib.import_module(mod.name)
        bad = sorted(m for m in sys.modules
                     if m.split(".")[0] in {"PySide6", "shiboken6", "pyqtgraph"}
                     or m.startswith("scoda_desktop.ui"))
        print(",".join(bad))
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"core imported: {out.stdout.strip()}"


def test_cli_version_does_not_import_qt():
    code = (
        "import sys\n"
        "from scoda_desktop.cli import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        "print(any(m.startswith('PySide6') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().endswith("False")
