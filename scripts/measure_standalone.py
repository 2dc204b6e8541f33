"""Start-up numbers of the standalone build for docs/PERFORMANCE.md (run after `make dist` and
`SCODA_ONEFILE=1 make dist`):

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/measure_standalone.py

1. Time to first window: launch -> the window's first paint (``SCODA_EXIT_AFTER_FIRST_PAINT``),
   timed from outside the process (a single-file build unpacks itself before its Python
   starts, which the in-process figure would not see), with an existing index, for the
   onedir build, the single file and ``python -m scoda_desktop``. Warm = after a warm-up run;
   cold = after ``sync; echo 3 > /proc/sys/vm/drop_caches`` (needs root; skipped otherwise).
2. First start on an empty data dir, onedir: copy the prebuilt seed index vs index the seeds
   at start (the bundle's seed-index/ moved aside for that run). Measured as the wall time of
   ``gui --screenshot`` with a query: it exits once the sync, the search and the first
   document have all been shown (plus the same fixed 0.3 s wait before the grab both ways).

Prints medians (and every run) as JSON.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ONEDIR = ROOT / "dist" / "scoda-desktop" / "scoda-desktop"
ONEFILE = ROOT / "dist" / "onefile" / "scoda-desktop"
PYTHON = [sys.executable, "-m", "scoda_desktop"]


def env() -> dict[str, str]:
    e = dict(os.environ)
    e.setdefault("QT_QPA_PLATFORM", "xcb" if e.get("DISPLAY") else "offscreen")
    e.pop("SCODA_DATA_DIR", None)
    return e


def drop_caches() -> bool:
    try:
        subprocess.run(["sync"], check=True)
        with open("/proc/sys/vm/drop_caches", "w") as fh:
            fh.write("3\n")
        return True
    except OSError:
        return False


def first_paint(cmd: list[str], data: Path) -> float:
    e = env()
    e["SCODA_EXIT_AFTER_FIRST_PAINT"] = "1"
    t0 = time.perf_counter()
    proc = subprocess.Popen([*cmd, "--data-dir", str(data), "gui"], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, env=e, cwd=tempfile.gettempdir())
    for line in proc.stdout:
        if line.startswith("first-paint"):
            elapsed = time.perf_counter() - t0
            break
    else:
        raise RuntimeError(f"no first paint from {cmd}")
    proc.wait(60)
    return elapsed


def screenshot_run(cmd: list[str], data: Path, out: Path) -> float:
    t0 = time.perf_counter()
    subprocess.run([*cmd, "--data-dir", str(data), "gui", "--screenshot", str(out),
                    "--query", "freight train"], check=True, env=env(),
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def summary(values: list[float]) -> dict[str, object]:
    return {"median": round(statistics.median(values), 3), "runs": [round(v, 3) for v in values]}


def main(runs: int = 5) -> None:
    targets = {"onedir": [str(ONEDIR)], "onefile": [str(ONEFILE)], "python -m": PYTHON}
    targets = {k: v for k, v in targets.items() if k == "python -m" or Path(v[0]).exists()}
    result: dict[str, object] = {"platform": env()["QT_QPA_PLATFORM"]}
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        data = {name: tmp_path / name.replace(" ", "") for name in targets}
        for name, cmd in targets.items():
            subprocess.run([*cmd, "--data-dir", str(data[name]), "index"], check=True,
                           env=env(), stdout=subprocess.DEVNULL)
            first_paint(cmd, data[name])  # warm-up
        # Round robin, so the load of a busy machine falls on every target alike.
        warm: dict[str, list[float]] = {name: [] for name in targets}
        cold: dict[str, list[float]] = {name: [] for name in targets}
        # All warm runs first: a cache drop would leave the next "warm" run half cold.
        for _ in range(runs):
            for name, cmd in targets.items():
                warm[name].append(first_paint(cmd, data[name]))
        can_drop = drop_caches()
        for _ in range(runs):
            for name, cmd in targets.items():
                if can_drop and drop_caches():
                    cold[name].append(first_paint(cmd, data[name]))
        paint = {name: {"warm": summary(warm[name]),
                        "cold": summary(cold[name]) if cold[name] else "not measured (no root)"}
                 for name in targets}
        result["first_paint_s"] = paint

        seed_index = ONEDIR.parent / "_internal" / "seed-index"
        aside = ONEDIR.parent.parent / "seed-index.aside"
        if seed_index.is_dir():
            copy, build = [], []
            try:
                for i in range(runs):
                    for label, values in (("copy", copy), ("build", build)):
                        if label == "build":
                            os.replace(seed_index, aside)
                        try:
                            data = tmp_path / f"first-{label}-{i}"
                            values.append(screenshot_run([str(ONEDIR)], data,
                                                         tmp_path / f"{label}{i}.png"))
                        finally:
                            if aside.exists():
                                os.replace(aside, seed_index)
                        shutil.rmtree(data, ignore_errors=True)
            finally:
                if aside.exists():
                    os.replace(aside, seed_index)
            result["first_start_onedir_s"] = {"copy prebuilt": summary(copy),
                                              "index at start": summary(build)}
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
