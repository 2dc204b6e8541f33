"""Body-line precision/recall of our cleaner against jusText and trafilatura on the seeds.

    pip install justext lxml_html_clean trafilatura   # measurement only, never shipped
    python benchmarks/cleaners.py

Each seed is plain text, one paragraph per line. jusText and trafilatura take HTML, so each
non-empty line becomes one ``<p>``; a line counts as kept when the tool returns it (whitespace
normalised). Gold: tests/fixtures/gold_clean.json (``body_line_numbers``).
"""

from __future__ import annotations

import html
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def norm(s: str) -> str:
    return " ".join(s.replace("\u00a0", " ").split())


def lines_of(raw: str) -> list[tuple[int, str]]:
    return [(n, norm(ln)) for n, ln in enumerate(raw.split("\n"), 1) if ln.strip()]


def as_html(lines: list[tuple[int, str]]) -> str:
    body = "\n".join(f"<p>{html.escape(t)}</p>" for _, t in lines)
    return f"<html><head><title></title></head><body><article>{body}</article></body></html>"


def ours(path: Path, raw: str, lines) -> set[int]:
    from scoda_desktop.core.ingest import load_document

    doc = load_document(path)
    paragraphs = set(doc.text.split("\n\n"))
    return {n for n, t in lines if t in paragraphs}


def justext_lines(path: Path, raw: str, lines) -> set[int]:
    import justext

    paras = justext.justext(as_html(lines).encode(), justext.get_stoplist("English"))
    kept = {norm(p.text) for p in paras if not p.is_boilerplate}
    return {n for n, t in lines if t in kept}


def trafilatura_lines(path: Path, raw: str, lines) -> set[int]:
    import trafilatura

    out = trafilatura.extract(as_html(lines), favor_recall=False, include_comments=False) or ""
    kept = {norm(x) for x in out.split("\n") if x.strip()}
    return {n for n, t in lines if t in kept}


def main() -> int:
    gold = json.loads((ROOT / "tests/fixtures/gold_clean.json").read_text(encoding="utf-8"))
    tools = {"scoda-desktop": ours, "jusText": justext_lines, "trafilatura": trafilatura_lines}
    print(f"{'tool':<14} {'P':>5} {'R':>5}   per seed (P/R)")
    for name, fn in tools.items():
        tp = fp = fn_ = 0
        per = []
        for seed, g in sorted(gold.items()):
            path = ROOT / "seeds" / seed
            raw = path.read_text(encoding="utf-8-sig")
            lines = lines_of(raw)
            try:
                got = fn(path, raw, lines)
            except ImportError as exc:
                print(f"{name:<14} not installed ({exc})")
                break
            want = set(g["body_line_numbers"])
            a, b, c = len(got & want), len(got - want), len(want - got)
            tp, fp, fn_ = tp + a, fp + b, fn_ + c
            per.append(f"{a / max(a + b, 1):.2f}/{a / max(a + c, 1):.2f}")
        else:
            p, r = tp / max(tp + fp, 1), tp / max(tp + fn_, 1)
            print(f"{name:<14} {p:5.2f} {r:5.2f}   {'  '.join(per)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
