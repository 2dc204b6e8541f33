"""Command line: ``scoda-desktop [global options] COMMAND ...`` (``gui`` when no command).

Argument parsing and error handling live here; each command's work is in a small module
imported lazily, so ``--version`` or a search does not pay for Qt or unused imports.
Exit codes: 0 success (zero hits and repaired queries included), 2 usage error, 1 internal
error (one line on stderr; a traceback only with ``--debug``).
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import TYPE_CHECKING, Any

from scoda_desktop import __version__

if TYPE_CHECKING:  # imported where a parser is built: a plain search builds none
    import argparse

EPILOG = """\
query syntax (search):
  words are ANDed: freight train       "exact phrase"      a OR b      NOT a   -a
  (a OR b) c      prefix*  wild?card    fuzzy~  fuzzy~2
  fields: title: source: author: entity: org: person: place: facility: event: unit: year:
  dates:  date:[2023-01-01 TO 2024-06-30]   year:2024
  notes:  note:word  note:"a phrase"  (your notes on documents in collections)
  lower-case and/or/not are ordinary words; an empty query lists every document, newest first.
  a query may start with "-" (search -Russia); after "--" everything is the query's.
"""
# Commands whose first positional is query text, which may begin with "-" ("-Russia").
QUERY_COMMANDS = ("search", "export", "kwic")
_QUERY_MARK = "\x00query"  # stands in for such a query while argparse reads the options


class _Only:
    """The subparsers action, adding only the parser of one command: every other
    ``add_parser`` gets a stand-in that takes its arguments and keeps nothing.

    Why: each argparse parser looks up its help texts' translation with ``gettext``, which
    searches the locale folders again on every call when there is none (four ``stat`` a
    text): the 20-odd parsers of every command took 8-12 ms of a ``search`` process, which
    parses one command's arguments (issue 17). A command named plainly in argv gets its one
    parser (the same parser, so the same options, usage and errors); anything else (no
    command, ``--help``, ``--version``, an unknown word) builds them all.
    """

    def __init__(self, sub: Any, name: str) -> None:
        self._sub, self._name = sub, name

    def add_parser(self, name: str, **kwargs: Any) -> Any:
        return self._sub.add_parser(name, **kwargs) if name == self._name else _Discard()


class _Discard:
    """A parser that is never parsed with: accepts what building one does."""

    def __getattr__(self, _name: str) -> Any:
        return lambda *args, **kwargs: self


def command_of(argv: list[str], commands: tuple[str, ...]) -> str | None:
    """The command ``argv`` names when that is plain: only ``--data-dir DIR``,
    ``--data-dir=DIR`` and ``--debug`` before it; None otherwise."""
    i = 0
    while i < len(argv):
        token = argv[i]
        if token in ("--debug",) or token.startswith("--data-dir="):
            i += 1
        elif token == "--data-dir":
            i += 2
        else:
            return token if token in commands else None
    return None


COMMAND_NAMES = ("gui", "index", "search", "show", "export", "stats", "clean", "extract",
                 "kwic", "saved", "collect", "collections", "uncollect")


def plain_search(argv: list[str]) -> SimpleNamespace | None:
    """The arguments of the plainest ``search`` command lines, read without argparse;
    None for any other command line (argparse reads it).

    Why: importing argparse and gettext, building the parser and looking up its help
    texts' translations (``locale``) was ~8-12 ms of a ~180 ms ``search`` process
    (issue 17). Taken here only: ``--data-dir DIR``, ``--data-dir=DIR``, ``--debug``
    before ``search``; after it at most one query that does not begin with "-", and
    ``--json``, ``--limit DIGITS``, ``--sort relevance|date`` spelled out in full. The
    values are those argparse gives (``test_cli_startup`` compares them); anything else
    (``--batch``, an abbreviation, an error, ``--help``, ``--``) goes to argparse.
    """
    given: dict[str, Any] = {}
    i = 0
    while i < len(argv) and argv[i] != "search":
        token = argv[i]
        if token == "--debug":
            given["debug"] = True
        elif token.startswith("--data-dir="):
            given["data_dir"] = token[len("--data-dir="):]
        elif token == "--data-dir" and i + 1 < len(argv) and not argv[i + 1].startswith("-"):
            i += 1
            given["data_dir"] = argv[i]
        else:
            return None
        i += 1
    if i == len(argv):
        return None
    values: dict[str, Any] = {"query": None, "limit": 20, "sort": "relevance",
                              "json": False, "batch": None}
    rest = argv[i + 1:]
    j = 0
    while j < len(rest):
        token = rest[j]
        if token == "--json":
            values["json"] = True
        elif token in ("--limit", "--sort") and j + 1 < len(rest):
            j += 1
            value = rest[j]
            if token == "--limit" and value.isascii() and value.isdigit():
                values["limit"] = int(value)
            elif token == "--sort" and value in ("relevance", "date"):
                values["sort"] = value
            else:
                return None
        elif token.startswith("-") or values["query"] is not None:
            return None
        else:
            values["query"] = token
        j += 1
    if values["query"] is None:
        values["query"] = ""
    return SimpleNamespace(**given, command="search", **values)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; ``only``: with the sub-parser of that command alone
    (see ``_Only``)."""
    import argparse

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="where the index and the list of sources live (default: the per-user data "
        "directory, or $SCODA_DATA_DIR)",
    )
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                        help="show tracebacks")

    parser = argparse.ArgumentParser(
        prog="scoda-desktop",
        description="Offline search and reading of SCO / SCODA news articles.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"scoda-desktop {__version__}")
    sub: Any = parser.add_subparsers(dest="command", metavar="COMMAND")
    if only is not None:
        sub = _Only(sub, only)

    p = sub.add_parser("gui", parents=[common], help="open the window (the default)")
    p.add_argument("--screenshot", metavar="FILE", help="render the window to a PNG and exit")
    p.add_argument("--query", "-q", metavar="Q", help="search for Q on start")
    p.add_argument("--open", metavar="ID_OR_PATH", help="open this document on start")
    p.add_argument("--show", metavar="VIEW",
                   choices=("results", "inspector", "entities", "metrics", "charts",
                            "concordance", "saved", "collections"),
                   help="raise this view on start (with --screenshot: render it)")

    p = sub.add_parser("index", parents=[common], help="add files/folders and sync the index")
    p.add_argument("paths", nargs="*", metavar="PATH")
    p.add_argument("--rebuild", action="store_true", help="rebuild the index from the sources")
    p.add_argument("--searchable-only", action="store_true",
                   help="return once every document can be found; entities, metrics and "
                   "near-duplicates follow at the next sync (or window start)")
    p.add_argument("--json", action="store_true",
                   help="the report as JSON on stdout; progress as JSON lines on stderr")

    p = sub.add_parser("search", parents=[common], help="search the index",
                       epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("query", nargs="?", default="", metavar="QUERY")
    p.add_argument("--limit", type=int, default=20, metavar="N")
    p.add_argument("--sort", choices=("relevance", "date"), default="relevance")
    p.add_argument("--json", action="store_true")
    p.add_argument("--batch", metavar="FILE|-",
                   help="run every query of FILE (one a line; - for stdin) in this one "
                   "process: one JSON line per query, with its hits and took_ms")

    p = sub.add_parser("show", parents=[common], help="print one indexed document")
    p.add_argument("ref", metavar="ID_OR_PATH")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("export", parents=[common],
                       help="export every hit of a query, or a collection (--collection)")
    p.add_argument("query", nargs="?", default="", metavar="QUERY")
    p.add_argument("--format", choices=("csv", "json", "ris", "csljson"), default="csv",
                   help="csv, json, or citations for a reference manager: ris, csljson")
    p.add_argument("--collection", metavar="NAME", help="export this collection instead")
    p.add_argument("-o", "--output", metavar="FILE")

    p = sub.add_parser("stats", parents=[common], help="corpus statistics")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("clean", parents=[common], help="clean article files (no index)")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("extract", parents=[common], help="entities and metrics of any text")
    p.add_argument("file", nargs="?", default="-", metavar="FILE|-")
    p.add_argument("--json", action="store_true")

    from scoda_desktop.cli import workflow

    workflow.add_parsers(sub, common)  # kwic, saved, collect, collections, uncollect
    return parser


def _options(parser: argparse.ArgumentParser) -> dict[str, bool]:
    """Option string -> whether it takes a value. argparse offers no public way to ask, so
    this reads its ``_actions`` list (stable since Python 3.2)."""
    return {opt: action.nargs != 0 for action in parser._actions
            for opt in action.option_strings}


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    import argparse

    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _option_at(options: dict[str, bool], token: str) -> tuple[bool, bool]:
    """(is ``token`` one of ``options``, does it need the next token as its value)."""
    if token.startswith("--"):
        name, eq, _ = token.partition("=")
        known = [o for o in options if o == name] or \
            [o for o in options if o.startswith("--") and o.startswith(name)]
        if len(known) != 1:  # argparse says what is wrong with an unknown --option
            return True, False
        return True, options[known[0]] and not eq
    if token in options:
        return True, options[token]
    if options.get(token[:2]):  # "-ofile.csv": a short option with its value attached
        return True, False
    return False, False


def protect_query(parser: argparse.ArgumentParser, argv: list[str]
                  ) -> tuple[list[str], str | None]:
    """Let ``search``/``export`` take a query that starts with "-" (``search -Russia``,
    ``search -A!``): argparse would read it as an unknown option and exit 2.

    The first token after the command that is neither one of its options nor an option's
    value is the query; if it starts with "-" it is swapped for a stand-in before parsing
    (so ``--json``/``--limit`` still work before or after it) and handed back to be put
    into ``args.query``. After ``--`` nothing is touched: the usual escape still works.
    """
    commands = _subparsers(parser)
    top = _options(parser)
    i = 0
    while i < len(argv) and argv[i] not in commands:
        if argv[i] == "--" or not argv[i].startswith("-"):
            return argv, None
        _known, takes = _option_at(top, argv[i])
        i += 2 if takes else 1
    if i >= len(argv) or argv[i] not in QUERY_COMMANDS:
        return argv, None
    options = _options(commands[argv[i]])
    j = i + 1
    while j < len(argv):
        token = argv[j]
        if token == "--" or not token.startswith("-") or token == "-":
            return argv, None
        known, takes = _option_at(options, token)
        if not known:
            return [*argv[:j], _QUERY_MARK, *argv[j + 1:]], token
        j += 2 if takes else 1
    return argv, None


def data_dir_from(args: argparse.Namespace | SimpleNamespace) -> Path | None:
    value = getattr(args, "data_dir", None) or os.environ.get("SCODA_DATA_DIR")
    return Path(value).expanduser() if value else None


def _dispatch(args: argparse.Namespace | SimpleNamespace) -> int:
    command = args.command or "gui"
    if command in ("clean", "extract"):
        from scoda_desktop.cli import clean

        return clean.run(command, args)
    if command == "gui":
        from scoda_desktop.ui.app import run_gui

        return run_gui(args, data_dir_from(args))
    from scoda_desktop.cli import workflow

    if command in workflow.COMMANDS:
        return workflow.run(command, args, data_dir_from(args))
    from scoda_desktop.cli import search

    return search.run(command, args, data_dir_from(args))


def main(argv: list[str] | None = None, *, one_shot: bool = False) -> int:
    """Run one command; its exit code. ``one_shot``: the process ends when this returns
    (``python -m scoda_desktop``, the bundle), so a ``search`` of one query runs without
    the cyclic garbage collector and ends without the interpreter's teardown
    (``_quick_exit``): together ~30-40 ms of a ~200 ms process, measured in
    docs/PERFORMANCE.md (issue 17). The query makes next to no cyclic garbage; a first
    start's index build switches the collector back on (``search.ensure_index``)."""
    for stream in (sys.stdout, sys.stderr):
        # file names that are not UTF-8 (surrogate escapes) and consoles that are not
        # UTF-8 must print escaped, not fail the command after its work is done
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="backslashreplace")
    argv = list(sys.argv[1:] if argv is None else argv)
    parser: argparse.ArgumentParser | None = None
    args: argparse.Namespace | SimpleNamespace | None = plain_search(argv)
    if args is None:
        parser = build_parser(command_of(argv, COMMAND_NAMES))
        argv, query = protect_query(parser, argv)
        args = parser.parse_args(argv)
        if query is not None and getattr(args, "query", None) == _QUERY_MARK:
            args.query = query
    debug = getattr(args, "debug", False)
    quick = one_shot and args.command == "search" and getattr(args, "batch", None) is None
    if quick:
        gc.disable()  # before the imports: they are most of the collector's work
        defer_imports(DEFERRED)
    code = _run(parser, args, debug)
    if quick:
        _quick_exit(code)
    return code


# Standard-library modules a one-query process imports only because a module it needs
# imports them at its top, and then (mostly) never uses: ``dataclasses`` imports
# ``inspect`` (with ast, dis, tokenize) for the signature of a dataclass without a
# docstring, whoosh.util.times ``calendar`` (with locale), shutil ``bz2`` and ``lzma``,
# Whoosh ``tempfile``, ``queue`` and (whoosh.util, for temporary file names) ``random`` for
# writing; ``unicodedata`` is used by some queries. ``hashlib`` (OpenSSL's ``_hashlib``) is
# imported by whoosh.filedb.filetables for ``md5`` alone, the term files' key hash: its
# stand-in holds the built-in ``_md5.md5`` (the same digests), see ``_preset``.
DEFERRED = ("inspect", "calendar", "bz2", "lzma", "tempfile", "queue", "unicodedata",
            "random", "hashlib")


def _preset(name: str) -> dict[str, Any]:
    """Names a stand-in holds before its module runs (a look-up of one runs nothing)."""
    if name == "hashlib":
        try:
            from _md5 import md5
        except ImportError:  # a Python built without its own md5: hashlib's is used
            return {}
        return {"md5": md5}
    return {}


def defer_imports(names: tuple[str, ...]) -> None:
    """Put a stand-in for each of ``names`` in ``sys.modules``: ``import inspect`` then
    gives it without running the module; the first look-up of a name it lacks
    (``inspect.signature``) runs the real module, puts it in ``sys.modules`` and copies
    its names into the stand-in, so code that uses the module sees the whole of it, and
    code that only imports it costs nothing. A one-query ``search`` only (issue 17).
    (``importlib.util.LazyLoader`` would do, but on Python 3.11 every ``import`` of a
    lazy module reads its ``__spec__``, which runs it.)"""
    import importlib.util

    for name in names:
        if name in sys.modules:
            continue
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.loader is not None:
            stand_in = _Deferred(name, spec)
            vars(stand_in).update(_preset(name))
            sys.modules[name] = stand_in


class _Deferred(ModuleType):
    """A module whose code runs at the first look-up of a name it does not have yet."""

    def __init__(self, name: str, spec: Any) -> None:
        super().__init__(name)
        self.__spec__ = spec
        self.__loader__ = spec.loader

    def __getattr__(self, attr: str) -> Any:
        import importlib.util

        spec = self.__spec__
        if attr == "__path__" and spec.submodule_search_locations is None:
            # ``from hashlib import md5`` asks whether hashlib is a package first: a
            # module is not, and the question must not run it
            raise AttributeError(attr)
        if sys.modules.get(self.__name__) is self:
            real = importlib.util.module_from_spec(spec)
            sys.modules[self.__name__] = real
            try:
                spec.loader.exec_module(real)
            except BaseException:
                sys.modules[self.__name__] = self
                raise
            vars(self).update(vars(real))
        return getattr(sys.modules[self.__name__], attr)


def _quick_exit(code: int) -> None:
    """End the process now: output flushed, no module teardown (the corpus is closed,
    its lock released; nothing of ours or Whoosh's registers exit handlers)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:  # a reader that stopped early: as main() answers it
            pass
        except (OSError, ValueError):  # a full disk: what Python's own exit answers
            code = code or 120
    os._exit(code)


def _run(parser: argparse.ArgumentParser | None, args: argparse.Namespace | SimpleNamespace,
         debug: bool) -> int:
    """``parser``: None when ``plain_search`` read the arguments (built for a usage error)."""
    from scoda_desktop.cli.common import UsageError

    try:
        return _dispatch(args)
    except UsageError as exc:
        (parser or build_parser(args.command)).error(str(exc))  # exits 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the one place a failure becomes a message
        if debug:
            import traceback  # only here: it costs every command's start-up ~8 ms

            traceback.print_exc()
        else:
            print(f"scoda-desktop: error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    return 0
