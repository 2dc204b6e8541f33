"""`make bench-quality`: score our cleaning and extraction on public development sets.

Each module ``benchmarks/quality/bench_*.py`` scores one job (web pages, quantities, names)
side by side with the field's tools and prints its table. The sets are never committed: they
are read from ``$SCODA_DEVSETS`` or ``~/.cache/scoda-devsets`` (made by
``../shared/tools/devsets.sh``), and a benchmark whose set is missing says so and is skipped.

    python benchmarks/quality/run.py [NAME ...] [--limit N]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))


def devsets() -> Path:
    """Where the development sets live (may not exist)."""
    return Path(os.environ.get("SCODA_DEVSETS") or Path.home() / ".cache" / "scoda-devsets")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("names", nargs="*",
                    help="which benchmarks (web, quantities, names); all by default")
    ap.add_argument("--limit", type=int, default=None,
                    help="score only the first N items of each set")
    args = ap.parse_args(argv)
    mods = sorted(HERE.glob("bench_*.py"))
    if args.names:
        mods = [m for m in mods if m.stem.removeprefix("bench_") in args.names]
    for mod_path in mods:
        spec = importlib.util.spec_from_file_location(mod_path.stem, mod_path)
        mod = importlib.util.module_from_spec(spec)
        assert spec.loader is not None
        sys.modules[spec.name] = mod  # dataclasses in a module look themselves up there
        spec.loader.exec_module(mod)
        print(f"== {mod_path.stem.removeprefix('bench_')} ==", flush=True)
        mod.run(devsets(), limit=args.limit)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
