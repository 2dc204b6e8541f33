"""A term's positions in many documents at once: the walk both engines check phrases with.

Why a module of its own: a phrase of two common words at 10,000 articles needs the
positions of 20,000 (document, word) pairs; decoded one ``pickle.loads`` and one
generator step per document they were most of the query (PERFORMANCE.md, issue 17,
"cheaper phrases"). Here the wanted documents' raw values are picked a block at a time
at C speed and decoded together, by one unpickling of them all. Whoosh's value layout
(``Positions``: a count, then a protocol-2 pickle of the gaps) is read as
``whoosh_private.position_gaps`` reads it, and checked: anything else falls back to
decoding value by value.
"""

from __future__ import annotations

import pickle
import sys
from array import array
from collections.abc import Iterator, Sequence
from itertools import chain, compress, repeat
from operator import itemgetter
from typing import Any

from whoosh.system import _INT_SIZE

from scoda_desktop.core.index import whoosh_private as wp


def position_gaps_in(subs: Sequence[tuple[Any, int]], field: str, btext: bytes,
                     wanted: set[int]) -> tuple[list[int], list[list[int]]]:
    """The doc numbers (in doc order) among ``wanted`` that hold a term, and the gaps
    between its positions in each, in the sub-searchers ``subs`` (with their doc number
    offsets): the one walk both engines decode positions with. From the raw blocks where
    Whoosh's private layout is known (``whoosh_private.value_blocks``), the wanted
    documents' values picked at C speed and decoded in one ``pickle.loads`` of them all
    (``_gap_lists``; a phrase of two common words at 10,000 articles decodes 20,000
    values, 90 ms one by one); else through the matcher."""
    docs: list[int] = []
    gaps: list[list[int]] = []
    for sub, offset in subs:
        found = _sub_values(sub, offset, field, btext, wanted)
        if found is not None:
            docs.extend(found[0])
            gaps.extend(_gap_lists(found[1]))
        else:
            for d, g in _sub_gaps(sub, offset, field, btext, wanted):
                docs.append(d)
                gaps.append(g)
    return docs, gaps


def position_gaps_flat(subs: Sequence[tuple[Any, int]], field: str, btext: bytes,
                       wanted: set[int]) -> tuple[list[int], list[int], list[int]]:
    """``position_gaps_in`` as (doc numbers, each one's count of positions, all the gaps
    one after the other): what the numpy engine makes arrays of, without a list per
    document (``_flat_gaps``)."""
    docs: list[int] = []
    lens: list[int] = []
    flat: list[int] = []
    for sub, offset in subs:
        found = _sub_values(sub, offset, field, btext, wanted)
        if found is not None:
            docs.extend(found[0])
            both = _flat_gaps(found[1])
            if both is None:
                gaps = _gap_lists(found[1])
                both = list(map(len, gaps)), list(chain.from_iterable(gaps))
            lens.extend(both[0])
            flat.extend(both[1])
        else:
            for d, g in _sub_gaps(sub, offset, field, btext, wanted):
                docs.append(d)
                lens.append(len(g))
                flat.extend(g)
    return docs, lens, flat


def _sub_values(sub: Any, offset: int, field: str, btext: bytes, wanted: set[int]
                ) -> tuple[list[int], list[bytes]] | None:
    """The wanted documents of one sub-searcher holding the term, and their raw values,
    a block at a time; None when its matcher is not a block matcher."""
    m = _matcher(sub.reader(), field, btext)
    if m is None:
        return [], []
    blocks = wp.value_blocks(m)
    if blocks is None:
        return None
    docs: list[int] = []
    values: list[bytes] = []
    for block_ids, block_values in blocks:
        ids = [d + offset for d in block_ids] if offset else list(block_ids)
        keep = list(map(wanted.__contains__, ids))
        docs.extend(compress(ids, keep))
        values.extend(compress(block_values, keep))
    return docs, values


def _sub_gaps(sub: Any, offset: int, field: str, btext: bytes, wanted: set[int]
              ) -> Iterator[tuple[int, list[int]]]:
    """Through the matcher, one document at a time (not a block matcher)."""
    m = _matcher(sub.reader(), field, btext)
    while m is not None and m.is_active():
        if m.id() + offset in wanted:
            pos = m.value_as("positions")
            yield m.id() + offset, [b - a for a, b in zip([0, *pos], pos, strict=False)]
        m.next()


_BODY = itemgetter(slice(_INT_SIZE, None))  # a Positions value: its count, then the pickle


def _gap_lists(values: list[bytes]) -> list[list[int]]:
    """``whoosh_private.position_gaps`` of each value, as one pickle: each value's body
    (a protocol-2 pickle of its gap list, its STOP cut off as ``position_gaps`` does) is
    one item of an outer list (MARK ... APPENDS), so the unpickler runs once in C."""
    if not values:
        return []
    bodies = map(bytes.removesuffix, map(_BODY, values), repeat(b"."))
    out = pickle.loads(b"\x80\x02](" + b"".join(bodies) + b"e.")
    if len(out) != len(values):  # never, for Whoosh's values: one list each
        return [wp.position_gaps(v) for v in values]
    return out


_HEAD = itemgetter(slice(0, _INT_SIZE))
_LIST = b"\x80\x02]q\x00"  # a protocol-2 pickle of a list: PROTO 2, EMPTY_LIST, BINPUT 0
_ITEMS = itemgetter(slice(len(_LIST), None))


def _flat_gaps(values: list[bytes]) -> tuple[array, list[int]] | None:
    """Each value's count of positions (its first ``_INT_SIZE`` bytes, big-endian) and
    all the gaps in one list: each value's pickle less its list header is appends (MARK
    items APPENDS, or item APPEND, or nothing) to the list below: one outer list. None
    when a value is not that shape or the counts disagree (the caller decodes as lists)."""
    heads = array("I")
    if heads.itemsize != _INT_SIZE:
        return None
    heads.frombytes(b"".join(map(_HEAD, values)))
    if sys.byteorder == "little":
        heads.byteswap()
    bodies = list(map(bytes.removesuffix, map(_BODY, values), repeat(b".")))
    if sum(map(bytes.startswith, bodies, repeat(_LIST))) != len(bodies):
        return None
    flat = pickle.loads(b"\x80\x02]" + b"".join(map(_ITEMS, bodies)) + b".")
    return (heads, flat) if len(flat) == sum(heads) else None


def _matcher(reader: Any, field: str, btext: bytes) -> Any:
    from whoosh.reading import TermNotFound

    try:
        return reader.postings(field, btext)
    except TermNotFound:
        return None
