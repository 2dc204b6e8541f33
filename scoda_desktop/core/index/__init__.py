"""The index: Whoosh only — schema, writer, engine, query, snippets, vocabulary, facets."""

import functools
import sys
import types

if "cached_property" not in sys.modules:
    # whoosh.reading imports the ``cached_property`` backport for one attribute
    # (``SegmentReader.deleted_docs_set``); the backport imports asyncio, ~20 ms of every
    # search process's start-up for nothing. The standard library's cached_property does
    # the same for that attribute (caches in the instance's __dict__); no other package we
    # use imports the backport (tests/core/test_cli_startup.py checks what a search imports).
    _shim = types.ModuleType("cached_property")
    _shim.cached_property = functools.cached_property  # type: ignore[attr-defined]
    sys.modules["cached_property"] = _shim
