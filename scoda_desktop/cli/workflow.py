"""``kwic``, ``saved``, ``collect``, ``collections``, ``uncollect``: the research workflow.

Parsers are added by ``add_parsers`` (kept apart from the other commands' so each group
changes on its own); the work is all in ``Corpus``. A broken saved-searches or collections
file, an unknown name or a read-only data folder is one line on stderr and exit 1.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import argparse

    from scoda_desktop.core.corpus import Corpus

COMMANDS = ("kwic", "saved", "collect", "collections", "uncollect")
SORTS = ("left", "right", "doc")


def add_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("kwic", parents=[common],
                       help="every occurrence of a query in context (a concordance)")
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--width", type=int, default=40, metavar="N",
                   help="characters of context on each side (default 40)")
    p.add_argument("--sort", choices=SORTS, default="doc",
                   help="left: by the words before, nearest first; right: by the words "
                   "after; doc: by document and position (default)")
    p.add_argument("--limit", type=int, metavar="N", help="print at most N lines")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("saved", parents=[common],
                       help="saved searches: add, list, run (new hits since the last run), "
                       "remove")
    saved = p.add_subparsers(dest="saved_command", metavar="ACTION", required=True)
    a = saved.add_parser("add", parents=[common], help="save QUERY as NAME")
    a.add_argument("name", metavar="NAME")
    a.add_argument("query", metavar="QUERY")
    a.add_argument("--filter", action="append", default=[], metavar="FIELD=VALUE",
                   help="narrow the search (source=, year=, entity=, org=, ...)")
    a.add_argument("--sort", choices=("relevance", "date"), default="relevance")
    a = saved.add_parser("list", parents=[common], help="list the saved searches")
    a.add_argument("--json", action="store_true")
    a = saved.add_parser("run", parents=[common],
                         help="run NAME; hits not found by its previous run are new")
    a.add_argument("name", metavar="NAME")
    a.add_argument("--limit", type=int, metavar="N", help="print at most N hits")
    a.add_argument("--json", action="store_true")
    a = saved.add_parser("remove", parents=[common], help="forget NAME")
    a.add_argument("name", metavar="NAME")

    p = sub.add_parser("collect", parents=[common],
                       help="put a document in a collection, with a note")
    p.add_argument("name", metavar="NAME")
    p.add_argument("ref", metavar="ID_OR_PATH")
    p.add_argument("--note", metavar="TEXT", help="your note on the document (searchable: "
                   "note:word)")
    p = sub.add_parser("collections", parents=[common], help="list collections and notes")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("uncollect", parents=[common], help="take a document out of a "
                       "collection")
    p.add_argument("name", metavar="NAME")
    p.add_argument("ref", metavar="ID")


def _filters(values: list[str]) -> dict[str, str]:
    from scoda_desktop.cli.common import UsageError

    out = {}
    for value in values:
        field, sep, text = value.partition("=")
        if not sep or not field.strip() or not text.strip():
            raise UsageError(f"--filter wants FIELD=VALUE, not {value!r}")
        out[field.strip().lower()] = text.strip()
    return out


def cmd_kwic(corpus: Corpus, args: argparse.Namespace) -> int:
    from scoda_desktop.cli.common import UsageError, print_json

    if args.width < 0 or (args.limit is not None and args.limit < 1):
        raise UsageError("--width must be 0 or more and --limit 1 or more")
    conc = corpus.kwic(args.query, width=args.width, sort=args.sort, limit=args.limit)
    if conc.error:
        print(f"note: {conc.error}", file=sys.stderr)
    if args.json:
        print_json(conc.to_json())
        return 0
    print(f"{conc.total} occurrences in {conc.documents} documents"
          + (f" (first {len(conc.lines)} shown)" if len(conc.lines) < conc.total else ""))
    width = args.width + 1
    for line in conc.lines:
        left = line.shown_left()[-width:] if width > 1 else ""
        print(f"{left:>{width}}  [{line.match}]  {line.shown_right()[:width]}   "
              f"{line.id}:{line.start}")
    return 0


def cmd_saved(corpus: Corpus, args: argparse.Namespace) -> int:
    from scoda_desktop.cli.common import UsageError, print_json

    action = args.saved_command
    if action == "add":
        message = corpus.save_search(args.name, args.query, filters=_filters(args.filter),
                                     sort=args.sort)
        if message:
            print(f"note: {message}", file=sys.stderr)
        print(f"saved {args.name!r}: {args.query}")
    elif action == "list":
        entries = corpus.saved_searches()
        if args.json:
            print_json(entries)
            return 0
        for e in entries:
            filters = " ".join(f"{k}={v}" for k, v in e["filters"].items())
            print(f"{e['name']}: {e['query']} {filters}".rstrip()
                  + f"   (last run {e['last_run'] or 'never'}, {e['last_count']} hits)")
    elif action == "run":
        if args.limit is not None and args.limit < 1:
            raise UsageError("--limit must be 1 or more")
        result, new = corpus.run_saved_search(args.name, limit=args.limit)
        if args.json:
            data = result.to_json()
            for hit in data["hits"]:
                hit["new"] = hit["id"] in new
            data["name"] = args.name
            data["new_count"] = len(new)
            print_json(data)
            return 0
        if result.error:
            print(f"note: {result.error}")
        print(f"{args.name}: {result.total} hits, {len(new)} new since the last run")
        for hit in result.hits:
            mark = "new" if hit.id in new else "   "
            print(f"  {mark}  {hit.date or '-':10.10}  {hit.title or '(no title)'}  [{hit.id}]")
    else:
        corpus.remove_saved_search(args.name)
        print(f"removed {args.name!r}")
    return 0


def cmd_collect(corpus: Corpus, args: argparse.Namespace) -> int:
    entry = corpus.collect(args.name, args.ref, args.note)
    if entry.get("message"):
        print(f"note: {entry['message']}", file=sys.stderr)
    print(f"{entry['id']} in {args.name!r}" + (f": {entry['note']}" if entry["note"] else ""))
    return 0


def cmd_collections(corpus: Corpus, args: argparse.Namespace) -> int:
    from scoda_desktop.cli.common import print_json

    colls = corpus.collections()
    if args.json:
        print_json(colls)
        return 0
    for coll in colls:
        print(f"{coll['name']} ({coll['count']})")
        for doc in coll["documents"]:
            print(f"  [{doc['id']}] {doc['title'] or '(no title)'}")
            if doc["note"]:
                print(f"      note: {doc['note']}")
    return 0


def cmd_uncollect(corpus: Corpus, args: argparse.Namespace) -> int:
    corpus.uncollect(args.name, args.ref)
    print(f"removed {args.ref} from {args.name!r}")
    return 0


def run(command: str, args: argparse.Namespace, data_dir: Path | None) -> int:
    from scoda_desktop.cli.search import ensure_index
    from scoda_desktop.core.corpus import Corpus, ReadOnlyError

    corpus = Corpus(data_dir)
    handlers = {"kwic": cmd_kwic, "saved": cmd_saved, "collect": cmd_collect,
                "collections": cmd_collections, "uncollect": cmd_uncollect}
    try:
        ensure_index(corpus)
        return handlers[command](corpus, args)
    except (KeyError, ValueError, ReadOnlyError) as exc:
        # unknown saved search / collection / document, a broken JSON file, read-only
        message = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
        print(f"scoda-desktop: error: {message}", file=sys.stderr)
        return 1
    finally:
        corpus.close()
