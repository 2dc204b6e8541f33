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


def _deferred(modname: str, names: tuple[str, ...]) -> types.ModuleType:
    """A stand-in for ``modname`` whose functions ``names`` import the real module (and
    call it) the first time they are called; the stand-in leaves sys.modules at once."""
    import importlib

    stub = types.ModuleType(modname)

    def real() -> types.ModuleType:
        if sys.modules.get(modname) is stub:
            del sys.modules[modname]
        return importlib.import_module(modname)

    for name in names:
        def call(*args, _name=name, **kwargs):  # type: ignore[no-untyped-def]
            return getattr(real(), _name)(*args, **kwargs)

        setattr(stub, name, call)
    return stub


if "whoosh.query" not in sys.modules:
    # Whoosh's query and analysis packages import, for query types and filters we never use
    # (``Variations``, Porter-1 ``StemFilter``; our analysis stems with porter2), two
    # modules that compile 19 large regular expressions at import: ~40 ms of every search
    # process. They stay stand-ins until something calls them.
    _stubs = {name: _deferred(name, funcs) for name, funcs in (
        ("whoosh.lang.morph_en", ("variations",)), ("whoosh.lang.porter", ("stem",)))}
    for _name, _module in _stubs.items():
        sys.modules.setdefault(_name, _module)
    try:
        import whoosh.analysis  # noqa: F401
        import whoosh.query  # noqa: F401
    finally:
        for _name, _module in _stubs.items():
            if sys.modules.get(_name) is _module:
                del sys.modules[_name]
