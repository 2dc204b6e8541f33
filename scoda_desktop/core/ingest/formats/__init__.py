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


def is_container(name: str) -> bool:
    """True for a web archive: one file, many documents (read with ``warc.iter_records``)."""
    return suffix_of(name) in CONTAINER_SUFFIXES
