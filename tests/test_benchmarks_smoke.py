"""The benchmark harness runs end to end on a tiny corpus (nothing here is about time)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _load_run():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "benchmarks" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_harness_prints_every_row(tmp_path, capsys):
    run = _load_run()
    out = tmp_path / "latest.json"
    assert run.main(["--sizes", "30", "--repeat", "1", "--cache", str(tmp_path / "corpora"),
                     "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    result = json.loads(out.read_text())["results"][0]
    assert result["n"] == 30 and result["documents"] == 30
    assert len(list((tmp_path / "corpora" / "n30").iterdir())) == 30
    import probe  # benchmarks/ is on the path now

    assert set(result["query_totals"]) == set(probe.QUERIES)  # every query of the mix ran
    assert result["query_totals"]["freight"] > 0
    assert result["changed_updated"] == result["changed_files"] >= 1
    lines = [ln for ln in printed.splitlines() if ln.startswith("| ") and "| 30 |" in ln]
    labels = [label for label, *_ in run.rows_of(result)]
    assert len(lines) == len(labels)
    for line, label in zip(lines, labels, strict=True):
        cells = [c.strip() for c in line.strip("|").split("|")]
        assert cells[0] == label
        assert cells[2] != "—", f"no figure for {label!r}"  # ours: every row measured
    # the bare-Whoosh baseline ran too (tantivy only with the optional bench extra)
    assert result["whoosh_index_s"] > 0 and result["whoosh_query_p50_ms"] > 0
