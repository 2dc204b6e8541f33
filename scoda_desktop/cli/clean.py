"""``clean`` and ``extract``: the commands that work on files without touching the index."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scoda_desktop.cli.common import UsageError, print_json, summary
from scoda_desktop.core.corpus import Corpus
from scoda_desktop.core.documents import Skipped


def clean_files(files: list[str], as_json: bool) -> int:
    for item in Corpus.clean_files(files):
        if isinstance(item, Skipped):
            if as_json:
                print_json({"path": item.path, "error": item.reason})
            else:
                print(f"{item.path}\n  skipped: {item.reason}")
        elif as_json:
            print_json(item.to_json())
        else:
            print(summary(item))
    return 0


def extract_file(file: str, as_json: bool) -> int:
    if file == "-":
        text = sys.stdin.read()
    else:
        try:
            text = Path(file).read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            raise UsageError(f"cannot read {file}: {exc.strerror or exc}") from None
    entities, metrics = Corpus.extract_text(text)
    if as_json:
        print_json({"entities": [e.to_json() for e in entities],
                    "metrics": [m.to_json() for m in metrics]})
        return 0
    for e in entities:
        print(f"{e.type:9} {e.text!r} -> {e.canonical}  [{e.start}:{e.end}]")
    for m in metrics:
        qual = f"{m.qualifier} " if m.qualifier else ""
        print(f"{m.kind:9} {qual}{m.value} {m.unit}  ({m.measures})  {m.text!r}")
    return 0


def run(command: str, args: argparse.Namespace) -> int:
    if command == "clean":
        return clean_files(args.files, args.json)
    return extract_file(args.file, args.json)
