"""Shared set-up for the index/query/corpus tests: a small real corpus and an oracle.

The oracle answers "which documents contain this word/phrase" straight from the cleaned
text (``load_document``), independently of the index, so hit sets are checked against
what the files say rather than against numbers copied from a previous run.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from scoda_desktop.core.corpus import Corpus
from scoda_desktop.core.ingest import load_document

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"

EXTRA = {
    "runner.txt": """Morning runners take over Qingdao harbour

June 3, 2024

The harbour path was busy with people running before work, and the city says the new \
trail will stay open all summer.

Officials said the trail cost 12 million yuan and that more than 3,000 people use it \
every day.
""",
    "zh.txt": """上合示范区发展新闻

2023年5月10日

上合示范区位于山东省青岛市胶州，是中国与上海合作组织国家开展地方经贸合作的重要平台。\
近年来，示范区不断扩大开放，吸引了大量企业入驻。

青岛港的集装箱吞吐量持续增长，为上合组织国家之间的物流合作提供了有力支撑。
""",
}


def write_extra(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in EXTRA.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def build_corpus(tmp: Path) -> Corpus:
    seeds = tmp / "seeds"
    shutil.copytree(SEEDS, seeds)
    corpus = Corpus(tmp / "data", seeds_dir=seeds)
    corpus.add_sources([write_extra(tmp / "extra")])
    drain(corpus.sync())
    return corpus


def drain(gen):
    try:
        while True:
            next(gen)
    except StopIteration as stop:
        return stop.value


class Oracle:
    """Which files contain a word or phrase, read from the cleaned documents."""

    def __init__(self, folders: list[Path]) -> None:
        self.docs = {}
        for folder in folders:
            for f in sorted(folder.iterdir()):
                doc = load_document(f)
                self.docs[str(f.resolve())] = doc

    def paths(self, pattern: str, fields: str = "title text") -> set[str]:
        rx = re.compile(pattern, re.IGNORECASE)
        out = set()
        for path, doc in self.docs.items():
            hay = " ".join((getattr(doc, f) or "") for f in fields.split())
            if rx.search(hay):
                out.add(path)
        return out

    def all(self) -> set[str]:
        return set(self.docs)
