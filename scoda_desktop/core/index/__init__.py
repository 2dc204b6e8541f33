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


def _urlretrieve(*args, **kwargs):  # type: ignore[no-untyped-def]
    import importlib

    return importlib.import_module("urllib.request").urlretrieve(*args, **kwargs)


if "whoosh.compat" not in sys.modules and "urllib.request" not in sys.modules:
    # whoosh.compat imports urllib.request for ``urlretrieve``, which neither our code nor
    # the parts of Whoosh we use call: with it come http.client, email, ssl's friends, ~60 ms
    # of every search process's start-up. For that one import urllib.request is a stand-in
    # whose urlretrieve imports the real module when called; the stand-in leaves
    # sys.modules right after, so any later ``import urllib.request`` gets the real one.
    _stub = types.ModuleType("urllib.request")
    _stub.urlretrieve = _urlretrieve  # type: ignore[attr-defined]
    sys.modules["urllib.request"] = _stub
    try:
        import whoosh.compat  # noqa: F401
    finally:
        if sys.modules.get("urllib.request") is _stub:
            del sys.modules["urllib.request"]
