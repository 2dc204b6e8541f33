"""Every use of Whoosh's private names, in one place, each with why (speed).

Whoosh's public API is enough to write and search an index, but two hot paths are too slow
through it (measured in docs/PERFORMANCE.md, "Where we started ... and what changed"):
the commit of a bulk import (a Python call chain and asserts per posting) and reading a
term's postings (one matcher step per document). The functions below reach into Whoosh's
``whoosh3`` codec and its block matchers for those two paths only, and nowhere else does
the code touch a name of Whoosh's that starts with an underscore.

The names are those of whoosh-reloaded 2.7.x: ``pyproject.toml`` pins ``>=2.7.5,<2.8`` and
``tests/core/test_stock_whoosh.py`` holds our writer and evaluator against stock Whoosh
(the segments we write read back with stock Whoosh the same as its own writer's; our hit
sets equal ``searcher.search``'s). A Whoosh that lacks one of these names makes those tests
fail, or (matchers) falls back to the public per-document API.
"""

from __future__ import annotations

import itertools
import pickle
from collections.abc import Iterator
from typing import Any

from whoosh.system import _INT_SIZE  # Positions values start with the count (see below)
from whoosh.writing import SegmentWriter

# ---------------------------------------------------------------------------------------
# Writing (core/index/writer.py)
# ---------------------------------------------------------------------------------------


class HookedSegmentWriter(SegmentWriter):
    """``SegmentWriter`` with public hooks for the private steps ``FastWriter`` needs.

    ``FastWriter.add_document`` files pre-analysed postings in bulk instead of Whoosh's
    per-posting ``add_document`` (PERFORMANCE.md, change 1: the main process's cost of
    filing postings 2.40 -> 0.51 s at 1k), so it must do the bookkeeping Whoosh's own
    ``add_document`` does: check the writer is open and the field names exist, and mark
    that a document was added. Its segment is written by ``flush_segment`` (Whoosh calls
    the private ``_flush_segment`` at commit).
    """

    def check_open(self) -> None:
        self._check_state()

    def check_fields(self, schema: Any, names: list[str]) -> None:
        self._check_fields(schema, names)

    def mark_added(self) -> None:
        self._added = True

    def flush_segment(self) -> None:  # overridden by FastWriter
        super()._flush_segment()

    def _flush_segment(self) -> None:
        self.flush_segment()


def _stored_column() -> Any | None:
    """whoosh3's stored-fields column when it is the one ``stored_record`` imitates (a
    protocol-2 pickle of the fields dict, zlib-compressed), else None."""
    from whoosh.codec.whoosh3 import STORED_COLUMN
    from whoosh.columns import CompressedBytesColumn, PickleColumn

    child = getattr(STORED_COLUMN, "_child", None)
    if type(STORED_COLUMN) is PickleColumn and type(child) is CompressedBytesColumn \
            and child._module == "zlib":
        return STORED_COLUMN
    return None


def stored_record(values: dict[str, Any]) -> bytes:
    """A document's stored fields as whoosh3's stored column writes them (run in worker
    processes): ``zlib.compress(pickle.dumps(values, 2), level)``.

    Why: pickling and compressing each document's stored fields (its whole clean text) was
    ~0.8 ms of the main process per document while it files postings; made in the workers,
    the main process only writes the bytes (``add_stored_record``), and the document crosses
    from the worker compressed (a third of its text's size).
    """
    import zlib

    column = _stored_column()
    level = column._child._level if column is not None else 3
    return zlib.compress(pickle.dumps(values, 2), level)


def stored_values(record: bytes) -> dict[str, Any]:
    """The stored fields of a ``stored_record`` (for writers that take values)."""
    import zlib

    return pickle.loads(zlib.decompress(record))  # noqa: S301 - our worker's own record


def add_stored_record(perdocwriter: Any, record: bytes) -> bool:
    """Write the current document's stored fields from their ``stored_record``, as
    ``W3PerDocWriter.finish_doc`` would have written them from the values; False (nothing
    written) when the writer or the column is not the whoosh3 one this knows."""
    from whoosh.codec.whoosh3 import W3PerDocWriter
    from whoosh.columns import VarBytesColumn

    column = _stored_column()
    if type(perdocwriter) is not W3PerDocWriter or column is None:
        return False
    if not perdocwriter._has_column("_stored"):
        perdocwriter._create_column("_stored", column)
    compressed = perdocwriter._get_column("_stored")._child  # PickleColumn -> zlib writer
    VarBytesColumn.Writer.add(compressed, perdocwriter._docnum, record)
    return True


def read_length_column(reader: Any, fieldname: str, doccount: int,
                       default: int) -> list[int] | None:
    """A field's lengths for every document, from its length column read once; None when
    ``reader`` is not Whoosh's ``whoosh3`` per-document reader (then ask it per document).

    Why: Whoosh's ``doc_field_length`` does not remember a missing column (keyword fields
    have no lengths) and ``stat``s the file system once per document and field: at 10,000
    articles 120,000 calls, ~1.2 s of the commit (PERFORMANCE.md, change 7).
    """
    from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3PerDocReader, _lenfield
    from whoosh.util.numeric import byte_to_length

    if type(reader) is not W3PerDocReader:
        return None
    lenfield = _lenfield(fieldname)
    if not reader.has_column(lenfield):
        return [default] * doccount
    table = [default] + [byte_to_length(b) for b in range(1, 256)]
    column = reader.column_reader(lenfield, LENGTHS_COLUMN)
    return [table[b] for b in column][:doccount]


def bulk_writable(fieldwriter: Any) -> bool:
    """True when ``fieldwriter`` is the ``whoosh3`` field writer ``PostingBlocks`` knows."""
    from whoosh.codec.whoosh3 import W3FieldWriter

    return type(fieldwriter) is W3FieldWriter


class PostingBlocks:
    """The current term's posting writer, filled a block at a time.

    Whoosh's own loop makes three Python calls per posting (``add_postings`` ->
    ``W3FieldWriter.add`` -> ``W3PostingsWriter.add_posting``, with type asserts and
    min/max bookkeeping); at 10,000 articles that was most of the serial commit
    (PERFORMANCE.md, change 6: 10.8 -> 9.4 s). ``append`` puts up to ``limit`` postings into
    the posting writer's buffers at once with the same statistics, and blocks are written
    at the same points (a full block when one more posting arrives; the last one by
    ``finish_term``), so the segment is the one Whoosh's loop writes.
    """

    def __init__(self, fieldwriter: Any) -> None:
        self.pw = fieldwriter._postwriter
        self.limit: int = self.pw._blocklimit
        if type(self.pw) is not _protocol4_writer() and type(self.pw) is _W3_WRITER[0]:
            self.pw.__class__ = _protocol4_writer()  # this field's blocks: see below

    def write_full_block(self) -> None:
        self.pw._write_block()

    def append(self, ids: list[int], weights: list[float], values: list[bytes],
               lens: list[int] | None) -> None:
        """One block's worth of postings (at most ``limit``), in doc order."""
        pw = self.pw
        pw._ids.extend(ids)
        pw._weights.extend(weights)
        top = max(weights)
        if top > pw._maxweight:
            pw._maxweight = top
        pw._values.extend(filter(None, values))  # Whoosh keeps no empty value
        if lens is not None:
            nonzero = [n for n in lens if n]
            if nonzero:
                low = min(nonzero)
                if pw._minlength is None or low < pw._minlength:
                    pw._minlength = low
                high = max(nonzero)
                if high > pw._maxlength:
                    pw._maxlength = high


BLOCK_PROTOCOL = 4  # pickle protocol of the postings blocks FastWriter writes (Whoosh: 2)


def _w3_postings_writer() -> type:
    from whoosh.codec.whoosh3 import W3PostingsWriter

    return W3PostingsWriter


_PROTOCOL4: list[type] = []
_W3_WRITER: list[type] = []  # whoosh3's own postings writer, once _protocol4_writer ran


def _protocol4_writer() -> type:
    """whoosh3's postings writer with its ``_write_block`` pickling each block's data with
    ``BLOCK_PROTOCOL`` instead of protocol 2; nothing else differs (the code is Whoosh's).

    Why: a block's values are a tuple of bytes, which protocol 2 can only pickle as a
    ``_codecs.encode(str, "latin1")`` call each; protocol 4 writes bytes as bytes. A block of
    128 postings pickles 8x faster (0.56 -> 0.07 s for 5,000 blocks), unpickles 8x faster
    (phrase queries decode the blocks of their candidates), and is 40% smaller. Readers
    are unchanged: Whoosh reads a block with ``pickle.loads``, which takes any protocol, so
    stock Whoosh reads these segments (``tests/core/test_stock_whoosh.py``). Blocks that
    Whoosh's own code writes (segments merged by ``add_reader``) stay protocol 2.
    """
    if _PROTOCOL4:
        return _PROTOCOL4[0]
    import itertools
    import operator
    import zlib

    from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, length_to_byte

    class Protocol4PostingsWriter(_w3_postings_writer()):
        def _write_block(self, last: bool = False) -> None:
            if not self._blockcount:
                self._postfile.write(WHOOSH3_HEADER_MAGIC)
            self._terminfo.add_block(self)
            data = (self._mini_ids(), self._mini_weights(), self._mini_values())
            databytes = pickle.dumps(data, BLOCK_PROTOCOL)
            comp = self._compression  # (Whoosh's "< 20 bytes: no compression" is overwritten)
            if comp:
                databytes = zlib.compress(databytes, comp)
            ids = self._ids
            infobytes = pickle.dumps((len(ids), ids[-1], self._maxweight, comp,
                                      length_to_byte(self._minlength),
                                      length_to_byte(self._maxlength)), 2)
            postfile = self._postfile
            blocklength = len(infobytes) + len(databytes)
            postfile.write_int(-blocklength if last else blocklength)
            postfile.write(infobytes)
            postfile.write(databytes)
            self._blockcount += 1
            self._new_block()

        # Whoosh's two minifiers below, with its per-posting generators done in C
        # (``delta_encode``; ``all(w == ...)``): same tuples, same None / single weight.
        def _mini_ids(self) -> tuple[Any, ...]:
            ids = self._ids
            if self._byteids:
                return tuple(ids)
            return tuple(map(operator.sub, ids, itertools.chain((0,), ids)))

        def _mini_weights(self) -> Any:
            weights = self._weights
            if weights.count(1.0) == len(weights):
                return None
            if weights.count(weights[0]) == len(weights):
                return weights[0]
            return tuple(weights)

    _PROTOCOL4.append(Protocol4PostingsWriter)
    _W3_WRITER.append(_w3_postings_writer())
    return Protocol4PostingsWriter


# ---------------------------------------------------------------------------------------
# Reading (core/index/engine.py)
# ---------------------------------------------------------------------------------------

_PEEK = 16384  # the unpickler asks for 128 KB; a block's pickle is a few KB


class _ViewFile:
    """A read-only, seekable file over a memoryview: ``read`` copies only what it returns."""

    def __init__(self, view: memoryview) -> None:
        self._view = view
        self._pos = 0
        self._len = len(view)

    def read(self, n: int | None = -1) -> bytes:
        start = self._pos
        end = self._len if n is None or n < 0 else min(start + n, self._len)
        self._pos = end
        return bytes(self._view[start:end])

    def peek(self, n: int = 1) -> bytes:
        """What ``read`` would return next, without moving: the C unpickler (a postings
        block is one ``pickle.load`` from this file) then parses from that copy and reads
        once to skip what it used, instead of calling ``read`` for each value of a block
        (a phrase of two common words at 10,000 articles: 3,700 calls, ~30 ms)."""
        start = self._pos
        return bytes(self._view[start:min(start + max(n, 1), start + _PEEK, self._len)])

    def readinto(self, buf: Any) -> int:
        data = self.read(len(buf))
        buf[: len(data)] = data
        return len(data)

    def readline(self, size: int = -1) -> bytes:
        out = bytearray()
        while self._pos < self._len and (size < 0 or len(out) < size):
            chunk = self.read(256 if size < 0 else min(256, size - len(out)))
            cut = chunk.find(b"\n")
            if cut >= 0:
                self._pos -= len(chunk) - cut - 1
                out += chunk[: cut + 1]
                break
            out += chunk
        return bytes(out)

    def __iter__(self) -> Iterator[bytes]:
        while line := self.readline():
            yield line

    def seek(self, pos: int, whence: int = 0) -> int:
        base = (0, self._pos, self._len)[whence]
        self._pos = max(0, base + pos)
        return self._pos

    def tell(self) -> int:
        return self._pos

    def flush(self) -> None:
        pass

    def close(self) -> None:
        pass


def zero_copy_segments() -> None:
    """Make Whoosh open a compound segment's files as views of its mmap, not copies.

    Why: ``CompoundStorage.open_file`` wraps each file of a memory-mapped segment in a
    ``BufferFile``, whose ``BytesIO(memoryview)`` copies the whole file into memory. Every
    reader that opens a segment thus read and held all of its postings (72 MB for 5,000
    articles since the postings blocks are stored unzipped) and stored fields (19 MB):
    ~0.45 s of each ``search`` process, and that much RSS in each open reader (the
    enrichment's read-back, the window). The subclass keeps Whoosh's ``get`` (a slice of the
    view) and reads sequential data through ``_ViewFile``, so only what is read is copied.
    Idempotent; affects only segments opened through ``whoosh.filedb.compound``.
    """
    from whoosh.filedb import compound
    from whoosh.filedb.structfile import BufferFile

    if getattr(compound.BufferFile, "zero_copy", False):
        return

    class ViewBufferFile(BufferFile):
        zero_copy = True

        def __init__(self, buf: Any, name: str | None = None, onclose: Any = None) -> None:
            super().__init__(b"", name=name, onclose=onclose)
            self._buf = buf
            self.file = _ViewFile(memoryview(buf))

    compound.BufferFile = ViewBufferFile


def _block_leaf(matcher: Any) -> Any | None:
    """The ``whoosh3`` block matcher under a term matcher (unwrapping the deleted-documents
    filter: the engine's live mask handles deletions), or None for any other matcher."""
    leaf = getattr(matcher, "child", matcher)
    return leaf if all(hasattr(leaf, n) for n in _BLOCK_NAMES) else None


_BLOCK_NAMES = ("_next_block", "_read_ids", "_read_weights", "_read_values", "is_active")


def _blocks(matcher: Any, read: str, attr: str) -> Iterator[tuple[Any, Any]] | None:
    """``(doc ids, leaf.<attr>)`` one postings block at a time, after ``leaf.<read>()``;
    None when the matcher is not a block matcher (the caller then steps through it)."""
    leaf = _block_leaf(matcher)
    if leaf is None:
        return None

    def blocks() -> Iterator[tuple[Any, Any]]:
        while leaf.is_active():
            _read_ids(leaf)
            getattr(leaf, read)()
            yield leaf._ids, getattr(leaf, attr)
            leaf._next_block()

    return blocks()


def _read_ids(leaf: Any) -> None:
    """``W3LeafMatcher._read_ids``, the doc-number gaps summed by ``accumulate`` instead of
    Whoosh's ``delta_decode`` generator (the same tuple; ~1 ms of a common word's first
    query at 5,000 articles, issue 17)."""
    if leaf._data is None:
        leaf._read_data()
    ids = leaf._data[0]
    leaf._ids = ids if leaf._byteids else tuple(_accumulate(ids))


def weight_blocks(matcher: Any) -> Iterator[tuple[Any, Any]] | None:
    """``(doc ids, weights)`` of a term's postings, one block (up to 128) at a time; None
    when the matcher is not a block matcher (the caller then steps through it).

    Why: a term's postings come out as whole arrays instead of one ``id()``/``weight()``
    call pair per document: a common word at 10,000 articles is thousands of postings, read
    in tens of calls instead of thousands (engine.py's docstring; first query and typing).
    """
    return _blocks(matcher, "_read_weights", "_weights")


def value_blocks(matcher: Any) -> Iterator[tuple[Any, Any]] | None:
    """``(doc ids, encoded values)`` one block at a time, like ``weight_blocks``; for
    phrases, whose positions are decoded only for the candidate documents
    (PERFORMANCE.md, change 5: "industrial cooperation" at 10k 142 -> 45 ms)."""
    return _blocks(matcher, "_read_values", "_values")


def position_gaps(value: bytes) -> list[int]:
    """The gaps between positions in one encoded ``Positions`` value, undecoded further.

    Whoosh's ``Positions`` format stores a count (``_INT_SIZE`` bytes) then a protocol-2
    pickle of the gap list with its STOP opcode cut off (Whoosh's own on-disk format, which
    Whoosh itself decodes with ``loads``; the segments are Whoosh's files, not our side
    files). Reading the gaps directly skips ``decode_positions``'s running sum in Python,
    which the engine does in numpy for all candidate documents at once.
    """
    body = value[_INT_SIZE:]
    return _loads(body if body.endswith(b".") else body + b".")


_loads = pickle.loads
_accumulate = itertools.accumulate


def multiterm_terms(q: Any, reader: Any) -> Iterator[bytes]:
    """The index terms (bytes) a prefix, wildcard or range query expands to, as Whoosh's
    own matcher would expand them (``MultiTerm._btexts``), so our union of their postings
    is Whoosh's hit set."""
    return q._btexts(reader)
