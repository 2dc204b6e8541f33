"""``index``, ``search``, ``show``, ``export``, ``stats``: the commands that use the index.

Every command works on a first start: with no usable index it indexes the seeds (and any
sources already listed) before answering. A progress bar goes to stderr on a terminal only,
so ``--json`` output on stdout stays clean for scripts.
"""

from __future__ import annotations

import gc
import html
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from scoda_desktop.cli.common import UsageError, print_json, run_sync, summary
from scoda_desktop.core.corpus import Corpus

if TYPE_CHECKING:
    import argparse


def ensure_index(corpus: Corpus) -> None:
    """Index the seeds (and listed sources) first when there is no usable index; never
    when read-only (another instance writes, maybe its first build): the command answers
    from what that instance has committed."""
    if not corpus.read_only and corpus.needs_sync():
        gc.enable()  # a one-query process runs without it (cli.main): a build needs it
        if sys.stderr.isatty():
            sys.stderr.write("building the index (first start)...\n")
        report = run_sync(corpus)
        for message in report.messages:
            sys.stderr.write(f"scoda-desktop: {message}\n")


def cmd_index(corpus: Corpus, args: argparse.Namespace) -> int:
    if corpus.read_only:  # never a second writer: refuse before touching anything
        print(f"scoda-desktop: error: not indexing: {corpus.read_only_reason}",
              file=sys.stderr)
        return 1
    missing = []
    present = []
    for p in args.paths:
        (present if Path(p).exists() else missing).append(p)
    if present:
        corpus.add_sources(present)
    report = run_sync(corpus, rebuild=args.rebuild, enrich=not args.searchable_only,
                      json_progress=args.json)
    from scoda_desktop.core.documents import Skipped

    report.skipped[:0] = [Skipped(str(Path(p).absolute()), "no such file or folder")
                          for p in missing]
    if args.json:
        print_json(report.to_json())
        return 0
    print(f"{report.documents} documents: {report.added} added, {report.updated} updated, "
          f"{report.unchanged} unchanged, {report.removed} removed"
          + (" (cancelled)" if report.cancelled else ""))
    for message in report.messages:
        print(f"  note: {message}")
    for s in report.skipped:
        print(f"  skipped {s.path}: {s.reason}")
    for s in report.skipped_records:  # inside web archives: counted, not listed
        print(f"  skipped {s.count} record{'s' if s.count != 1 else ''} of {s.path}: {s.reason}")
    for group in report.duplicates:
        print("  duplicates: " + ", ".join(group))
    if report.enrichment_pending:
        print(f"  {report.enrichment_pending} documents are searchable and wait for their "
              "entities and metrics (the next sync adds them)")
    return 0


def cmd_search(corpus: Corpus, args: argparse.Namespace) -> int:
    if args.limit is not None and args.limit < 1:
        raise UsageError("--limit must be 1 or more")
    if args.batch is not None:
        return _batch(corpus, args)
    result = corpus.search(args.query, limit=args.limit, sort=args.sort)
    if args.json:
        print_json(result.to_json())
        return 0
    if result.error:
        print(f"note: {result.error}")
    shown = f" for {result.parsed}" if result.parsed else ""
    print(f"{result.total} documents{shown} ({result.took_ms:.0f} ms)")
    if result.suggestion:
        print(f"did you mean: {result.suggestion}")
    for i, hit in enumerate(result.hits, 1):
        print(f"\n{i:3}. {hit.title or '(no title)'}")
        score = f"  score {hit.score:.2f}" if result.parsed else ""  # no query: no ranking
        print(f"     {hit.date or '-'}  {hit.source or '-'}{score}  [{hit.id}]")
        print(f"     {hit.path}")
        snippet = html.unescape(re.sub(r"</?b>", "*", hit.snippet))
        print(f"     {snippet}")
        if hit.duplicates:
            print(f"     duplicates: {', '.join(hit.duplicates)}")
    return 0


def _batch(corpus: Corpus, args: argparse.Namespace) -> int:
    """``search --batch``: the queries of a file (or stdin), one JSON line each, as they
    come (a script reading the output line by line sees each answer at once)."""
    if args.query:
        raise UsageError("give either a QUERY or --batch, not both")
    try:
        stream = sys.stdin if args.batch == "-" else open(  # noqa: SIM115 - closed below
            args.batch, encoding="utf-8", errors="replace")
    except OSError as exc:
        raise UsageError(f"cannot read {args.batch}: {exc.strerror or exc}") from exc
    try:
        for line in stream:
            query = line.rstrip("\r\n")
            if not query.strip():
                continue
            print_json(corpus.search(query, limit=args.limit, sort=args.sort).to_json())
            sys.stdout.flush()
    finally:
        if stream is not sys.stdin:
            stream.close()
    return 0


def cmd_show(corpus: Corpus, args: argparse.Namespace) -> int:
    doc = corpus.document(args.ref)
    if doc is None:
        print(f"scoda-desktop: error: no indexed document with id or path {args.ref!r}",
              file=sys.stderr)
        return 1
    if args.json:
        print_json(doc.to_json())
        return 0
    print(summary(doc))
    if doc.duplicates:
        print("  duplicates: " + ", ".join(doc.duplicates))
    print()
    print(doc.text)
    return 0


def cmd_export(corpus: Corpus, args: argparse.Namespace) -> int:
    collection = getattr(args, "collection", None)
    if collection is not None and args.query:
        raise UsageError("export either a QUERY or --collection NAME, not both")
    try:
        if not args.output:
            corpus.export(args.query, args.format, sys.stdout, collection=collection)
            return 0
        written = corpus.export(args.query, args.format, args.output, collection=collection)
    except (KeyError, ValueError) as exc:  # no such collection, a broken collections file
        print(f"scoda-desktop: error: {exc.args[0] if exc.args else exc}", file=sys.stderr)
        return 1
    print(f"{written} documents written to {args.output}", file=sys.stderr)
    return 0


def cmd_stats(corpus: Corpus, args: argparse.Namespace) -> int:
    stats = corpus.stats()
    if args.json:
        print_json(stats)
        return 0
    print(f"documents: {stats['documents']}  (files: {stats['files']})")
    print(f"words:     {stats['words']}")
    rng = stats["date_range"]
    print(f"dates:     {rng[0]} .. {rng[1]}" if rng else "dates:     -")
    print("sources:")
    for name, n in stats["sources"].items():
        print(f"  {n:5}  {name}")
    if stats["top_entities"]:
        print("top entities:")
        for e in stats["top_entities"]:
            print(f"  {e['documents']:5}  {e['type']:8}  {e['name']}")
    if stats["series"]:
        print("metric series:")
        for s in stats["series"]:
            pts = ", ".join(f"{p['date']}: {p['value']:g}" for p in s["points"])
            print(f"  {s['measure']} ({s['unit']}): {pts}")
    return 0


COMMANDS = {"index": cmd_index, "search": cmd_search, "show": cmd_show,
            "export": cmd_export, "stats": cmd_stats}


def run(command: str, args: argparse.Namespace, data_dir: Path | None) -> int:
    # one query, then exit: answered without numpy (--batch runs many: numpy pays there)
    corpus = Corpus(data_dir, lean=command == "search" and args.batch is None)
    try:
        if command != "index":
            ensure_index(corpus)
        return COMMANDS[command](corpus, args)
    finally:
        corpus.close()
