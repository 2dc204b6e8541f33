"""Readers for the formats archives come in besides plain text and HTML.

One module per format, each wrapping one field library behind one function of ours so it can
be replaced: ``warc`` (warcio: WARC and ARC, streamed record by record), ``pdf`` (pypdf),
``mhtml`` (the standard ``email`` package), ``docx`` (zipfile + lxml), and ``web`` (what a
page says about its own address and how its bytes are encoded, shared by all of them).

A *container* (a web archive) holds many documents; every other file is one document.
"""

from __future__ import annotations

# File name endings, longest first so ".warc.gz" is not taken for ".gz".
CONTAINER_SUFFIXES = (".warc.gz", ".arc.gz", ".warc", ".arc")
DOCUMENT_SUFFIXES = (".pdf", ".docx", ".mhtml", ".mht")


def suffix_of(name: str) -> str:
    """The format ending of a file name (``.warc.gz`` as one), lower case."""
    low = name.lower()
    for suffix in CONTAINER_SUFFIXES:
        if low.endswith(suffix):
            return suffix
    dot = low.rfind(".")
    return low[dot:] if dot > max(low.rfind("/"), low.rfind("\\")) else ""


HTML_SUFFIXES = (".html", ".htm")
SUFFIXES = (".txt", ".md", *HTML_SUFFIXES, *DOCUMENT_SUFFIXES, *CONTAINER_SUFFIXES)
EXPECTED = ("expected .txt, .md, .html, .htm, .pdf, .docx, .mhtml, .mht, .warc, .warc.gz "
            "or .arc.gz")
_ONE_DOT_SUFFIXES = frozenset(s for s in SUFFIXES if s.count(".") == 1)


def is_supported(name: str) -> bool:
    """True for a file name the reader takes (``x.warc.gz`` included, ``x.tar.gz`` not).
    The last dot's ending decides alone unless it is ``.gz`` (a re-sync asks this of every
    file: a third of ``suffix_of``'s cost)."""
    ext = name[name.rfind("."):].lower()
    if ext in _ONE_DOT_SUFFIXES:
        return True
    return ext == ".gz" and suffix_of(name) in SUFFIXES


def is_container(name: str) -> bool:
    """True for a web archive: one file, many documents (read with ``warc.iter_records``)."""
    return suffix_of(name) in CONTAINER_SUFFIXES
