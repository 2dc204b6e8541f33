"""``clean`` and ``extract``: the commands that work on files without touching the index."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from scoda_desktop.core.documents import Document


def _print_json(obj: object) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def _summary(doc: Document) -> str:
    lines = [
        doc.path,
        f"  title:    {doc.title or '-'}",
        f"  date:     {doc.date or '-'}" + (f"  ({doc.date_text})" if doc.date_text else ""),
        f"  source:   {doc.source or '-'}",
        f"  author:   {doc.author or '-'}",
        f"  language: {doc.language}   words: {doc.words}   removed lines: {len(doc.removed)}",
        f"  entities: {len(doc.entities)}   metrics: {len(doc.metrics)}",
    ]
    first = doc.text.split("\n", 1)[0]
    if first:
        lines.append(f"  begins:   {first[:100]}{'...' if len(first) > 100 else ''}")
    return "\n".join(lines)


def clean_files(files: list[str], as_json: bool) -> int:
    from scoda_desktop.core.extract import extract
    from scoda_desktop.core.ingest import IngestError, iter_input_files, load_document

    for given in files:
        for item in iter_input_files([given]):
            if not isinstance(item, Path):
                shown = str(Path(item.path).absolute())
                if as_json:
                    _print_json({"path": shown, "error": item.reason})
                else:
                    print(f"{shown}\n  skipped: {item.reason}")
                continue
            try:
                doc = load_document(item)
            except IngestError as exc:
                shown = str(item.absolute())
                if as_json:
                    _print_json({"path": shown, "error": exc.reason})
                else:
                    print(f"{shown}\n  skipped: {exc.reason}")
                continue
            doc.entities, doc.metrics = extract(doc.text, doc_date=doc.date)
            if as_json:
                _print_json(doc.to_json())
            else:
                print(_summary(doc))
    return 0


def extract_file(file: str, as_json: bool) -> int:
    from scoda_desktop.cli import UsageError
    from scoda_desktop.core.extract import extract

    if file == "-":
        text = sys.stdin.read()
    else:
        try:
            text = Path(file).read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            raise UsageError(f"cannot read {file}: {exc.strerror or exc}") from None
    entities, metrics = extract(text)
    if as_json:
        _print_json({"entities": [e.to_json() for e in entities],
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
