"""Quantities: value+unit F1 of our extractor and quantulum3 on quantulum3's and CQE's test sets.

The sets (never committed) are read from ``<devsets>/quantities/``: quantulum3's test
sentences (``quantulum3_quantities.json``: ``req`` and ``res`` with ``value``/``unit``) and
CQE's evaluation sets (``cqe_*.json``: ``text`` and ``quantities`` with ``value`` and
``normalized_unit``).

The scorer, the same for every system: each quantity is a (value, unit) pair; units are put
in one canonical form by ``quantity_units.canonical`` (so "4,000 km" said as 4e6 m by us and
4000 kilometre by quantulum3 are one thing), values compared with a relative tolerance of
0.1%. A predicted range (our ``value``..``high``) matches a gold value that is either end or
the middle (quantulum3's gold gives the middle, CQE's "8-10" both ends); an earlier value
("up from 412") is a quantity of its own. Each gold quantity matches at most one prediction
(greedy, in order). Precision = matched / predicted, recall = matched / gold, F1 their
harmonic mean, summed over all sentences of a set (micro). Dates are not quantities here.

Items are split in two halves by position: even ones are the ones rules were tuned on
("tune"), odd ones only checked ("check"); both are printed, and the total.

CQE itself needs spaCy models fetched over the network, so its published figure is printed
instead (issue 13: CQE 2.0 value+unit F1 0.87 on news sentences).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))

from quantity_units import canonical, same_unit  # noqa: E402

from scoda_desktop.core.extract import extract_metrics  # noqa: E402

UNSEEN = HERE.parents[1] / "tests" / "fixtures" / "quantities"  # news_unseen*.json, ours
CQE_REFERENCE = 0.87  # issue 13, measured 2026-12-01 with the same scorer
Quantity = tuple[float, float, str]  # (low, high, canonical key); low == high for a point


def _gold_value(raw: object) -> tuple[float, float] | None:
    text = str(raw).strip()
    try:
        return float(text), float(text)
    except ValueError:
        pass
    lo, sep, hi = text.rpartition("-")
    try:
        return (float(lo), float(hi)) if sep and lo else None
    except ValueError:
        return None


def load(devsets: Path) -> dict[str, list[tuple[str, list[Quantity]]]]:
    """Set name -> [(sentence, gold quantities)]; empty when the folder is missing."""
    folder = devsets / "quantities"
    sets: dict[str, list[tuple[str, list[Quantity]]]] = {}
    q3 = folder / "quantulum3_quantities.json"
    if q3.exists():
        sets["quantulum3"] = [
            (item["req"], [_q(r["value"], r["value"], r["unit"]) for r in item["res"]])
            for item in json.loads(q3.read_text(encoding="utf-8"))]
    for path in sorted(folder.glob("cqe_*.json")):
        rows = []
        for item in json.loads(path.read_text(encoding="utf-8")):
            gold = []
            for q in item["quantities"]:
                value = _gold_value(q["value"])
                if value is not None:
                    gold.append(_q(*value, q["normalized_unit"]))
            rows.append((item["text"], gold))
        sets[path.stem.removeprefix("cqe_").removesuffix("-model")] = rows
    return sets


def load_unseen(path: Path) -> list[tuple[str, list[Quantity]]]:
    """Our own news sentences (tests/fixtures/quantities/news_unseen*.json), same gold form."""
    if not path.exists():
        return []
    rows = []
    for item in json.loads(path.read_text(encoding="utf-8"))["items"]:
        gold = []
        for q in item["quantities"]:
            value = _gold_value(q["value"])
            if value is not None:
                gold.append(_q(*value, q["unit"]))
        rows.append((item["text"], gold))
    return rows


def _q(lo: float, hi: float, unit: str) -> Quantity:
    key, factor = canonical(unit)
    return float(lo) * factor, float(hi) * factor, key


def ours(text: str) -> list[Quantity]:
    """Our metrics as quantities: one per figure, plus its earlier value and the US dollars
    the text gives in brackets ("4.5 billion yuan ($620 million)": two quantities)."""
    out: list[Quantity] = []
    for m in extract_metrics(text):
        if m.kind == "date" or not isinstance(m.value, int | float):
            continue
        # a bare count; but "four times per week" keeps its rate (x/week = count/week)
        unit = "count" if m.kind in ("multiplier", "share", "number") and not m.per else m.unit
        out.append(_q(m.value, m.high if m.high is not None else m.value, unit))
        if m.previous is not None:
            out.append(_q(m.previous, m.previous, unit))
        if m.usd is not None:
            out.append(_q(m.usd, m.usd, "USD"))
    return out


def quantulum(parser) -> Callable[[str], list[Quantity]]:
    def parse(text: str) -> list[Quantity]:
        try:
            found = parser.parse(text)
        except Exception:  # a peer's crash costs that sentence, not the run
            return []
        return [_q(q.value, q.value, q.unit.name) for q in found
                if isinstance(q.value, int | float)]
    return parse


def _close(a: float, b: float) -> bool:
    return a == b or abs(a - b) <= 1e-3 * max(abs(a), abs(b))  # relative: picometres too


def _matches(gold: Quantity, pred: Quantity) -> bool:
    if not same_unit(gold[2], pred[2]):
        return False
    if gold[0] != gold[1]:  # a gold range: both ends, or one of our points at its middle
        return (_close(gold[0], pred[0]) and _close(gold[1], pred[1])) or \
            _close((gold[0] + gold[1]) / 2, (pred[0] + pred[1]) / 2)
    return any(_close(gold[0], v) for v in (pred[0], pred[1], (pred[0] + pred[1]) / 2))


def score(rows: Iterable[tuple[str, list[Quantity]]],
          system: Callable[[str], list[Quantity]]) -> tuple[int, int, int]:
    """(true positives, predicted, gold) over ``rows``."""
    tp = n_pred = n_gold = 0
    for text, gold in rows:
        preds = system(text)
        n_pred += len(preds)
        n_gold += len(gold)
        free = list(preds)
        for g in gold:
            for i, p in enumerate(free):
                if _matches(g, p):
                    tp += 1
                    del free[i]
                    break
    return tp, n_pred, n_gold


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run(devsets_path: Path, limit: int | None = None) -> dict[str, dict[str, tuple]]:
    """Print the table; return {set: {system: (P, R, F1)}} (empty when the sets are missing)."""
    sets = load(Path(devsets_path))
    if not sets:
        print(f"quantities: no sets in {Path(devsets_path) / 'quantities'} "
              "(run ../shared/tools/devsets.sh); skipped")
        return {}
    systems: dict[str, Callable[[str], list[Quantity]]] = {"scoda": ours}
    try:
        from quantulum3 import parser as q3parser  # noqa: PLC0415
        systems["quantulum3"] = quantulum(q3parser)
    except ImportError:
        print("quantulum3 not installed (pip install -e '.[quality]'): column left out")
    results: dict[str, dict[str, tuple]] = {}
    totals = {name: [0, 0, 0] for name in systems}
    cqe = {name: [0, 0, 0] for name in systems}  # CQE's sets only: quantulum3 wrote the other
    halves = {(name, h): [0, 0, 0] for name in systems for h in ("tune", "check")}
    print(f"quantities, value+unit, {date.today().isoformat()} (P / R / F1)")
    print(f"{'set':<14}{'n':>5}  " + "".join(f"{n:<22}" for n in systems))
    for set_name, rows in sets.items():
        rows = rows[:limit] if limit else rows
        line = f"{set_name:<14}{len(rows):>5}  "
        for name, system in systems.items():
            counts = score(rows, system)
            for half, part in (("tune", rows[0::2]), ("check", rows[1::2])):
                for i, c in enumerate(score(part, system)):
                    halves[(name, half)][i] += c
            for i, c in enumerate(counts):
                totals[name][i] += c
                if set_name != "quantulum3":
                    cqe[name][i] += c
            p, r, f = prf(*counts)
            results.setdefault(set_name, {})[name] = (p, r, f)
            line += f"{p:.2f} / {r:.2f} / {f:.2f}      "
        print(line)
    for label, key in (("all", None), ("CQE sets", "cqe"), ("tune half", "tune"),
                       ("check half", "check")):
        line = f"{label:<19}  "
        for name in systems:
            counts = totals[name] if key is None else cqe[name] if key == "cqe" \
                else halves[(name, key)]
            p, r, f = prf(*counts)
            results.setdefault(label, {})[name] = (p, r, f)
            line += f"{p:.2f} / {r:.2f} / {f:.2f}      "
        print(line)
    for path in sorted(UNSEEN.glob("news_unseen*.json")):
        # written by us, never in "all" or the halves: a row of its own
        unseen = load_unseen(path)
        line = f"{path.stem:<14}{len(unseen):>5}  "
        for name, system in systems.items():
            p, r, f = prf(*score(unseen, system))
            results.setdefault(path.stem, {})[name] = (p, r, f)
            line += f"{p:.2f} / {r:.2f} / {f:.2f}      "
        print(line)
    print(f"CQE 2.0 (not run: needs network spaCy models): F1 {CQE_REFERENCE} (issue 13 figure)")
    return results


if __name__ == "__main__":
    import os

    run(Path(os.environ.get("SCODA_DEVSETS") or Path.home() / ".cache" / "scoda-devsets"))
