"""A `search` process imports only what a search needs: no Qt, no cleaning or extraction,
no process pool, no asyncio, no HTTP client (whoosh.compat's urllib.request), and no numpy
(one query is answered by the lite engine: numpy's import was a third of the process)
(start-up time is measured in benchmarks, not here)."""

from __future__ import annotations

import json
import subprocess
import sys

from scoda_desktop.core.corpus import Corpus
from tests.core.corpus_fixtures import ROOT, drain

PROBE = """
import json, os, runpy, sys
sys.argv = ["scoda_desktop", "--data-dir", sys.argv[1], "search", "freight", "--json"]
exits = []
os._exit = lambda code: (exits.append(code), sys.exit(code))  # record the quick exit
try:
    runpy.run_module("scoda_desktop", run_name="__main__")
except SystemExit:
    pass
sys.stderr.write(json.dumps({"exits": exits, "modules": sorted(sys.modules)}))
"""

NOT_FOR_A_SEARCH = ("PySide6", "pyqtgraph", "scoda_desktop.ui", "scoda_desktop.core.extract",
                    "scoda_desktop.core.ingest", "scoda_desktop.core.pipeline.prepare",
                    "scoda_desktop.core.pipeline.sync", "bs4", "lxml", "multiprocessing",
                    "concurrent.futures", "asyncio", "traceback",
                    "urllib.request", "http.client", "numpy",
                    # round 4: a plain search reads its arguments without argparse, and
                    # builds no Document, Entity, Metric, Progress or SyncReport, and reads
                    # the collections (the workflow modules) only for a note: query
                    "argparse", "gettext", "scoda_desktop.core.records",
                    "scoda_desktop.core.workflow",
                    # imported by dataclasses, whoosh.util.times and shutil but never used:
                    # stand-ins whose code never runs (cli.DEFERRED)
                    "ast", "dis", "tokenize", "locale", "_bz2", "_lzma",
                    # whoosh.util's random (temporary names when writing) and OpenSSL's
                    # hashlib for whoosh.filedb.filetables' md5 (the built-in _md5 serves)
                    "_random", "_sha512", "_hashlib", "_blake2")


def test_a_search_process_imports_no_qt_no_extraction_no_pool(tmp_path):
    corpus = Corpus(tmp_path / "data")  # the bundled seeds, as a user's first start
    drain(corpus.sync())
    corpus.close()
    proc = subprocess.run([sys.executable, "-c", PROBE, str(tmp_path / "data")],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert json.loads(proc.stdout)["total"] > 0
    probed = json.loads(proc.stderr)
    assert probed["exits"] == [0]  # one query: ended without the interpreter's teardown
    modules = probed["modules"]
    loaded = sorted({m for m in modules for bad in NOT_FOR_A_SEARCH
                     if m == bad or m.startswith(bad + ".")})
    assert loaded == []
    assert "scoda_desktop.core.index.finder" in modules and "whoosh.searching" in modules


def test_the_one_command_parser_parses_as_the_whole_parser(capsys):
    """A plainly named command gets its parser alone (argparse's gettext look-ups for 20-odd
    parsers were 8-12 ms of a search): the same values, usage, help and errors."""

    from scoda_desktop.cli import COMMAND_NAMES, _subparsers, build_parser, command_of

    assert sorted(_subparsers(build_parser())) == sorted(COMMAND_NAMES)
    cases = [
        ["search", "freight", "--json"], ["--data-dir", "/d", "search", "--limit", "5", "a b"],
        ["--debug", "--data-dir=/d", "show", "abc"], ["saved", "add", "n", "q"],
        ["kwic", "x", "--width", "3"], ["export", "q", "--format", "ris"],
        ["search", "--limit", "x"], ["search", "--sort", "newest"], ["show"],
        ["search", "--help"], ["saved", "--help"], ["index", "--bogus"],
    ]
    for argv in cases:
        command = command_of(argv, COMMAND_NAMES)
        assert command == next(a for a in argv if a in COMMAND_NAMES), argv
        outcomes = []
        for parser in (build_parser(command), build_parser()):
            try:
                outcome: object = vars(parser.parse_args(argv))
            except SystemExit as exc:
                outcome = exc.code
            outcomes.append((outcome, capsys.readouterr()))
        assert outcomes[0] == outcomes[1], argv
    for argv in (["--help"], ["--version"], [], ["serach", "x"], ["--data", "/d", "search"]):
        assert command_of(argv, COMMAND_NAMES) is None  # these build every parser


def test_a_plain_search_is_read_as_argparse_reads_it(capsys):
    """The plainest ``search`` command lines skip argparse (its import, the parser and the
    translation look-ups were 8-12 ms of a search): the same values as argparse's, and
    every other command line is left to argparse."""

    from scoda_desktop.cli import (
        COMMAND_NAMES,
        build_parser,
        command_of,
        plain_search,
        protect_query,
    )

    taken = [
        ["search", "freight"], ["search", "freight", "--json"], ["search"], ["search", ""],
        ["--data-dir", "/d", "search", "--json", "a b", "--limit", "5"],
        ["--data-dir=/d", "--debug", "search", "--sort", "date", "x"],
        ["--debug", "search", "--limit", "007", "--limit", "3", "--sort", "date"],
        ["--data-dir", "/a", "--data-dir=/b", "search", "title:qingdao", "--json"],
        ["--data-dir=", "search", '"industrial cooperation"'], ["search", "--json", "--json"],
        ["search", "青岛", "--sort", "relevance"], ["search", "a=b", "--limit", "1"],
    ]
    for argv in taken:
        fast = plain_search(argv)
        assert fast is not None, argv
        parser = build_parser(command_of(argv, COMMAND_NAMES))
        args, query = protect_query(parser, argv)
        assert query is None
        assert vars(fast) == vars(parser.parse_args(args)), argv
    left = [
        [], ["--help"], ["search", "--help"], ["search", "-Russia"], ["search", "a", "b"],
        ["search", "--", "-x"], ["search", "--limit", "x"], ["search", "--limit", "-1"],
        ["search", "--limit"], ["search", "--sort", "newest"], ["search", "--js", "x"],
        ["search", "--limit=5", "x"], ["search", "--batch", "-"], ["search", "-"],
        ["search", "x", "--data-dir", "/d"], ["--data-dir", "-d", "search", "x"],
        ["--data", "/d", "search", "x"], ["show", "abc"], ["index"], ["--version"],
        ["export", "search"], ["search", "--limit", "٣"],
    ]
    for argv in left:
        assert plain_search(argv) is None, argv
    capsys.readouterr()


def test_a_hit_gives_the_json_asdict_gives():
    """``Hit.to_json`` is written out field by field (faster than ``asdict``): it must
    stay every field, in order, with its own copy of the list."""
    import dataclasses

    from scoda_desktop.core.documents import Hit

    hit = Hit("i", "/p", "T", "2024-01-02", "S", 1.5, "<b>x</b>", ["/q"], "u", "c", 7)
    assert list(hit.to_json().items()) == list(dataclasses.asdict(hit).items())
    assert hit.to_json()["duplicates"] is not hit.duplicates


DEFERRED_PROBE = """
import sys
from types import ModuleType
from scoda_desktop.cli import defer_imports
defer_imports(("inspect",))
import inspect
import dataclasses  # imports inspect at its top
ran_early = "ast" in sys.modules  # inspect's own imports: only when its code runs
from inspect import signature
print(ran_early, str(signature(len)), type(sys.modules["inspect"]) is ModuleType,
      inspect.isfunction(defer_imports), "ast" in sys.modules)
"""


def test_a_deferred_module_runs_at_its_first_use_and_is_then_the_whole_module():
    proc = subprocess.run([sys.executable, "-c", DEFERRED_PROBE], capture_output=True,
                          text=True, cwd=ROOT, timeout=60)
    assert proc.stdout.split() == ["False", "(obj,", "/)", "True", "True", "True"], proc.stderr


FROM_IMPORT_PROBE = """
import sys
from scoda_desktop.cli import defer_imports
defer_imports(("hashlib", "tempfile"))
from hashlib import md5  # as whoosh.filedb.filetables imports it
import whoosh.filedb.filetables as ft
ran = "_hashlib" in sys.modules or type(sys.modules["hashlib"]).__name__ != "_Deferred"
key = "freight train".encode()
mine = ft.md5_hash(key)
from hashlib import sha256  # a name the stand-in lacks: the real module runs
import hashlib
real = int(hashlib.md5(key).hexdigest(), 16) & 0xFFFFFFFF
print(ran, mine == real, sha256(b"").hexdigest()[:8], "_hashlib" in sys.modules)
"""


def test_a_name_imported_from_a_deferred_module_runs_it_only_when_it_lacks_the_name():
    """``from hashlib import md5`` (whoosh's term-file hash) takes the built-in md5 and
    runs nothing; any other name runs the real hashlib; the digests are hashlib's."""
    proc = subprocess.run([sys.executable, "-c", FROM_IMPORT_PROBE], capture_output=True,
                          text=True, cwd=ROOT, timeout=60)
    assert proc.stdout.split() == ["False", "True", "e3b0c442", "True"], proc.stderr
