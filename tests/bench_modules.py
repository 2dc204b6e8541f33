"""Load a benchmark script as a module, for the tests that run a harness on pages or
sentences of their own (benchmarks/ is scripts, not a package)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

QUALITY = Path(__file__).resolve().parent.parent / "benchmarks" / "quality"


def load_quality(name: str) -> ModuleType:
    """``benchmarks/quality/<name>.py``; its folder goes on ``sys.path`` so that it imports
    its neighbours (``quantity_units``) as the runner does."""
    if str(QUALITY) not in sys.path:
        sys.path.insert(0, str(QUALITY))
    spec = importlib.util.spec_from_file_location(name, QUALITY / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
