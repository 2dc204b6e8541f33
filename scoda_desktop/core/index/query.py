"""The forgiving query language: text -> Whoosh query, a readable echo, and repair notes.

Why a hand-written parser instead of Whoosh's QueryParser: every odd input must come back as
the best query we can make of it plus a sentence saying what we changed ("closed the quote"),
never an exception; and words must go through our own analysis (stems, CJK bigrams) and our
own vocabulary (prefix*, wild?card and fuzzy~ match the words people wrote, not stems).

Syntax: words are ANDed; "exact phrase"; OR; NOT a; -a; +a; (groups); prefix*; wild?card;
fuzzy~ / fuzzy~2; field:value, field:"phrase", field:(a b); date:[2023-01-01 TO 2024-06-30];
year:2024. Only upper-case AND/OR/NOT are operators. Curly quotes count as straight ones.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from whoosh import query as wq

from scoda_desktop.core.documents import Marks
from scoda_desktop.core.index.analysis import CJK_RUN_RE, WORD_RE, cjk_terms, keyword, term_of
from scoda_desktop.core.index.schema import DEFAULT_FIELDS, KEYWORD_FIELDS, TEXT_FIELDS

MAX_TOKENS = 64
MAX_CHARS = 1000
MAX_EXPANSION = 512
# ``note:`` is not an index field: the corpus hands the parser the notes of the collections
# (doc id -> note text) and a note query becomes a query on those documents' ids.
NOTE_FIELD = "note"
FIELDS = frozenset((*TEXT_FIELDS, *KEYWORD_FIELDS, "year", "date", NOTE_FIELD))
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"',
                         "\u00bb": '"', "\u2033": '"', "\uff02": '"', "\uff08": "(",
                         "\uff09": ")", "\uff1a": ":"})
_BARE_RE = re.compile(r'[^\s()"]+')
_FIELD_RE = re.compile(r"^([A-Za-z]+):(.*)$", re.S)
_FUZZY_RE = re.compile(r"^(.*?)~(\d*)$", re.S)
_DATE_RE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


class Vocabulary(Protocol):
    """What the parser asks the index (the service implements it; tests may fake it)."""

    def match_words(self, glob: str) -> list[str]: ...
    def fuzzy_words(self, word: str, maxdist: int) -> list[str]: ...
    def keyword_values(self, fieldname: str, value: str) -> list[str]: ...


@dataclass
class Parsed:
    """A query as parsed: the Whoosh query, its echo, repair notes and what to mark."""

    query: wq.Query
    shown: str  # the parsed query, shown back to the user
    messages: list[str] = field(default_factory=list)
    highlight: set[str] = field(default_factory=set)  # body terms to mark in snippets
    empty: bool = False  # nothing to search for: list every document
    # Terms wanted only as part of a phrase ("freight train routes") are marked only where the
    # whole phrase stands; ``loose`` terms (words, wildcards, fuzzy) are marked anywhere.
    phrases: list[tuple[str, ...]] = field(default_factory=list)
    loose: set[str] = field(default_factory=set)

    def marks(self) -> Marks:
        """What to mark in snippets and the reading view (expansions included)."""
        return Marks(sorted(self.loose), list(self.phrases))


class _Node:
    """One parsed piece of a query: its Whoosh query and its echo (``neg``: excluded).

    A plain class, not a dataclass: generating a dataclass's methods costs every ``search``
    process ~1 ms, and nodes are only built and read (issue 17)."""

    __slots__ = ("q", "shown", "neg")

    def __init__(self, q: wq.Query, shown: str, neg: bool = False) -> None:
        self.q, self.shown, self.neg = q, shown, neg


def _tokens(text: str, notes: list[str]) -> list[tuple]:
    """Split into (kind, value, field) tokens, repairing quotes and ranges as we go."""
    out: list[tuple] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
        elif c in "()":
            out.append(("LP" if c == "(" else "RP", c, None))
            i += 1
        elif c == '"':
            end = text.find('"', i + 1)
            if end < 0:
                notes.append("closed the unbalanced quote")
                end = n
            out.append(("PHRASE", text[i + 1 : end], None))
            i = end + 1
        elif c in "-+" and i + 1 < n and not text[i + 1].isspace() and text[i + 1] not in "-+)":
            out.append(("MOD", c, None))
            i += 1
        else:
            m = _BARE_RE.match(text, i)
            assert m is not None
            word, i = m.group(), m.end()
            if word in ("AND", "OR", "NOT"):
                out.append((word, word, None))
                continue
            fm = _FIELD_RE.match(word)
            if not fm or fm.group(1).lower() not in FIELDS:
                out.append(("WORD", word, None))
                continue
            name, rest = fm.group(1).lower(), fm.group(2)
            if rest.startswith(("[", "{")):
                close = "]" if rest[0] == "[" else "}"
                start = m.start() + len(name) + 2
                end = text.find(close, start)
                if end < 0:
                    notes.append(f"closed the range after {name}:")
                    end = n
                out.append(("RANGE", text[start:end], name))
                i = end + 1
            elif rest:
                out.append(("WORD", rest, name))
            elif i < n and text[i] == '"':
                end = text.find('"', i + 1)
                if end < 0:
                    notes.append("closed the unbalanced quote")
                    end = n
                out.append(("PHRASE", text[i + 1 : end], name))
                i = end + 1
            elif i < n and text[i] == "(":
                out.append(("FIELDLP", "(", name))
                i += 1
            else:
                notes.append(f"ignored '{name}:' with nothing after it")
    return out


class _Parser:
    def __init__(self, tokens: list[tuple], vocab: Vocabulary | None, notes: list[str],
                 doc_notes: Mapping[str, str] | None = None) -> None:
        self.toks = tokens
        # not ``doc_notes or {}``: asking a mapping its length may read the notes (NotesOnDemand)
        self.doc_notes = doc_notes if doc_notes is not None else {}
        self.i = 0
        self.vocab = vocab
        self.notes = notes
        self.highlight: set[str] = set()
        self.phrases: list[tuple[str, ...]] = []
        self.loose: set[str] = set()
        self.fields: list[str | None] = [None]

    def peek(self) -> str | None:
        return self.toks[self.i][0] if self.i < len(self.toks) else None

    def take(self) -> tuple:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    # -- grammar -------------------------------------------------------------------------
    def parse_top(self) -> _Node | None:
        parts = []
        while True:
            node = self.parse_or()
            if node:
                parts.append(node)
            if self.peek() == "RP":
                self.take()
                self.note("ignored an unmatched ')'")
                continue
            if self.peek() is None:
                break
        return _and(parts)

    def parse_or(self) -> _Node | None:
        alts = []
        first = self.parse_and()
        if first:
            alts.append(first)
        while self.peek() == "OR":
            self.take()
            if not alts:
                self.note("ignored an OR with nothing before it")
            nxt = self.parse_and()
            if nxt is None:
                self.note("ignored an OR with nothing after it")
            else:
                alts.append(nxt)
        if len(alts) <= 1:
            return alts[0] if alts else None
        qs = [_positive(a) for a in alts]
        shown = " OR ".join(("NOT " if a.neg else "") + a.shown for a in alts)
        return _Node(wq.Or(qs), f"({shown})")

    def parse_and(self) -> _Node | None:
        parts: list[_Node] = []
        while self.peek() not in (None, "RP", "OR"):
            if self.peek() == "AND":
                self.take()
                if not parts or self.peek() in (None, "RP", "OR"):
                    self.note("ignored an AND with nothing on one side")
                continue
            node = self.parse_unary()
            if node:
                parts.append(node)
        return _and(parts)

    def parse_unary(self) -> _Node | None:
        kind = self.peek()
        if kind == "NOT" or (kind == "MOD" and self.toks[self.i][1] == "-"):
            self.take()
            if self.peek() in (None, "RP", "OR", "AND"):
                self.note(f"ignored a {'NOT' if kind == 'NOT' else '-'} with nothing after it")
                return None
            before = set(self.highlight), list(self.phrases), set(self.loose)
            node = self.parse_unary()
            # excluded words are not marked in snippets
            self.highlight, self.phrases, self.loose = before
            if node:
                node.neg = not node.neg
            return node
        if kind == "MOD":
            self.take()
            if self.peek() in (None, "RP", "OR", "AND"):
                self.note("ignored a + with nothing after it")
                return None
            return self.parse_unary()
        return self.parse_atom()

    def parse_atom(self) -> _Node | None:
        if self.peek() is None:
            return None
        kind, value, fname = self.take()
        if kind in ("LP", "FIELDLP"):
            self.fields.append(fname if kind == "FIELDLP" else self.fields[-1])
            node = self.parse_or()
            self.fields.pop()
            if self.peek() == "RP":
                self.take()
            else:
                self.note("added a missing ')'")
            return node
        if kind in ("AND", "OR", "NOT", "MOD"):
            return None
        fname = fname or self.fields[-1]
        if kind == "RANGE":
            return self.range_node(fname, value)
        if kind == "PHRASE":
            return self.phrase_node(fname, value)
        return self.word_node(fname, value)

    # -- leaves --------------------------------------------------------------------------
    def text_fields(self, fname: str | None) -> tuple[str, ...]:
        return (fname,) if fname else DEFAULT_FIELDS

    def terms_query(self, fname: str | None, terms: list[str], text: str = "") -> wq.Query:
        if fname in (None, "title", "body"):
            # CJK runs are marked whole ("上合示范区"), not as their bigrams
            runs = CJK_RUN_RE.findall(text)
            bigrams = {r[i : i + 2] for r in runs for i in range(len(r) - 1)}
            self.highlight.update(t for t in terms if t not in bigrams)
            self.highlight.update(runs)
            if len(terms) > 1 and not runs:
                self.phrases.append(tuple(terms))
            else:
                self.loose.update(t for t in terms if t not in bigrams)
                self.loose.update(runs)
        qs = [wq.Term(f, terms[0]) if len(terms) == 1 else wq.Phrase(f, terms)
              for f in self.text_fields(fname)]
        return qs[0] if len(qs) == 1 else wq.Or(qs)

    def phrase_node(self, fname: str | None, text: str) -> _Node | None:
        if fname == NOTE_FIELD:
            return self.note_node(text, phrase=True)
        if fname in KEYWORD_FIELDS or fname in ("year", "date"):
            return self.word_node(fname, text, quoted=True)
        terms = query_terms(text)
        if not terms:
            self.note(f'ignored "{text}" (no words in it)')
            return None
        prefix = f"{fname}:" if fname else ""
        return _Node(self.terms_query(fname, terms, text), f'{prefix}"{text.strip()}"')

    def word_node(self, fname: str | None, word: str, quoted: bool = False) -> _Node | None:
        if fname == NOTE_FIELD:
            return self.note_node(word, phrase=quoted)
        if fname in KEYWORD_FIELDS:
            return self.keyword_node(fname, word)
        if fname == "year":
            if re.fullmatch(r"\d{4}", word):
                return _Node(wq.Term("year", word), f"year:{word}")
            self.note(f"ignored year:{word} (a year is four digits)")
            return None
        if fname == "date":
            return self.date_node(word)
        fuzzy = _FUZZY_RE.match(word) if not quoted else None
        if fuzzy and ("*" not in word and "?" not in word):
            return self.fuzzy_node(fname, fuzzy.group(1), fuzzy.group(2))
        if not quoted and ("*" in word or "?" in word):
            return self.wildcard_node(fname, word)
        terms = query_terms(word)
        if not terms:
            self.note(f"ignored '{word}' (no letters or digits)")
            return None
        prefix = f"{fname}:" if fname else ""
        return _Node(self.terms_query(fname, terms, word), prefix + word)

    def expansion_node(self, fname: str | None, terms: list[str], shown: str) -> _Node:
        if len(terms) > MAX_EXPANSION:
            self.note(f"{shown} matches too many words; used the {MAX_EXPANSION} first")
            terms = terms[:MAX_EXPANSION]
        if fname in (None, "title", "body"):
            self.highlight.update(terms)
            self.loose.update(terms)
        qs = [wq.Term(f, t) for f in self.text_fields(fname) for t in terms]
        if not qs:
            return _Node(wq.NullQuery, shown)
        return _Node(qs[0] if len(qs) == 1 else wq.Or(qs), shown)

    def wildcard_node(self, fname: str | None, word: str) -> _Node | None:
        core = keyword(word)
        if not re.search(r"[^\W_]", core):
            self.note(f"ignored '{word}' (a wildcard needs at least one letter)")
            return None
        words = self.vocab.match_words(core) if self.vocab else []
        prefix = f"{fname}:" if fname else ""
        return self.expansion_node(fname, sorted({term_of(w) for w in words}), prefix + core)

    def fuzzy_node(self, fname: str | None, word: str, dist: str) -> _Node | None:
        core = keyword(word)
        if not re.search(r"[^\W_]", core):
            self.note("ignored '~' with no word before it")
            return None
        maxdist = min(int(dist), 2) if dist else (2 if len(core) >= 6 else 1)
        words = self.vocab.fuzzy_words(core, maxdist) if self.vocab else []
        terms = sorted({term_of(w) for w in words} | set(query_terms(core)))
        prefix = f"{fname}:" if fname else ""
        return self.expansion_node(fname, terms, f"{prefix}{core}~{maxdist}")

    def keyword_node(self, fname: str, value: str) -> _Node | None:
        kw = keyword(value)
        if not kw:
            self.note(f"ignored '{fname}:' with nothing after it")
            return None
        if "*" in kw or "?" in kw:
            q: wq.Query = wq.Wildcard(fname, kw) if kw.rstrip("*").count("*") or "?" in kw \
                else wq.Prefix(fname, kw.rstrip("*"))
            return _Node(q, f"{fname}:{kw}")
        values = self.vocab.keyword_values(fname, kw) if self.vocab else [kw]
        qs = [wq.Term(fname, v) for v in dict.fromkeys([kw, *values])]
        shown = f'{fname}:"{kw}"' if " " in kw else f"{fname}:{kw}"
        return _Node(qs[0] if len(qs) == 1 else wq.Or(qs), shown)

    def note_node(self, value: str, phrase: bool) -> _Node | None:
        """Documents whose collection note has these words (stems, like the body), this
        phrase, or a word matching this wildcard; a query on their ids."""
        shown = f'note:"{value.strip()}"' if phrase else f"note:{value}"
        ids = notes_matching(self.doc_notes, value, phrase)
        if ids is None:
            self.note(f"ignored '{shown}' (no letters or digits)")
            return None
        qs = [wq.Term("id", doc_id) for doc_id in ids]
        return _Node(qs[0] if len(qs) == 1 else wq.Or(qs) if qs else wq.NullQuery, shown)

    def date_node(self, value: str) -> _Node | None:
        if _DATE_RE.match(value):
            q = wq.Term("date", value) if len(value) == 10 else wq.Prefix("date", value)
            return _Node(q, f"date:{value}")
        self.note(f"ignored date:{value} (write dates as 2024-06-30, 2024-06 or 2024)")
        return None

    def range_node(self, fname: str, body: str) -> _Node | None:
        parts = re.split(r"\s+TO\s+|\s+to\s+", body.strip(), maxsplit=1)
        lo, hi = (parts + ["*"])[:2] if len(parts) == 2 else (parts[0], "*")
        lo, hi = lo.strip() or "*", hi.strip() or "*"
        if fname not in ("date", "year"):
            self.note(f"ranges work on date: and year: only; searched {fname}:{body} as words")
            return self.word_node(fname, body)
        ok = all(v == "*" or (_DATE_RE.match(v) and (fname == "date" or len(v) == 4))
                 for v in (lo, hi))
        if not ok:
            self.note(f"ignored the range {fname}:[{body}] (write it as "
                      f"date:[2023-01-01 TO 2024-06-30])")
            return None
        start = None if lo == "*" else lo
        end = None if hi == "*" else hi + "~"  # "2024-06~" sorts after every day of June
        return _Node(wq.TermRange(fname, start, end), f"{fname}:[{lo} TO {hi}]")


def query_terms(text: str) -> list[str]:
    """Terms of a query word or phrase, in order: stems, and CJK bigram chains."""
    terms: list[str] = []
    for m in WORD_RE.finditer(text):
        word = m.group()
        last = 0
        for run in CJK_RUN_RE.finditer(word):
            terms.extend(term_of(w) for w in WORD_RE.findall(word[last : run.start()]))
            terms.extend(cjk_terms(run.group()))
            last = run.end()
        terms.extend(term_of(w) for w in WORD_RE.findall(word[last:]))
    return terms


def notes_matching(doc_notes: Mapping[str, str], value: str,
                   phrase: bool = False) -> list[str] | None:
    """Ids whose note matches ``value``: every word of it (by term), the words in a row for
    a phrase, or any note word for a wildcard (``frei*``). None when ``value`` has no word."""
    if not phrase and ("*" in value or "?" in value):
        core = keyword(value)
        if not re.search(r"[^\W_]", core):
            return None
        rx = re.compile(fnmatch.translate(core), re.IGNORECASE)
        return sorted(i for i, note in doc_notes.items()
                      if any(rx.match(keyword(w)) for w in WORD_RE.findall(note)))
    wanted = query_terms(value)
    if not wanted:
        return None
    out = []
    for doc_id, note in doc_notes.items():
        have = query_terms(note)
        if phrase and len(wanted) > 1:
            n = len(wanted)
            ok = any(have[i:i + n] == wanted for i in range(len(have) - n + 1))
        else:
            ok = set(wanted) <= set(have)
        if ok:
            out.append(doc_id)
    return sorted(out)


def _positive(node: _Node) -> wq.Query:
    return wq.AndNot(wq.Every(), node.q) if node.neg else node.q


def _and(parts: list[_Node]) -> _Node | None:
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    pos = [p for p in parts if not p.neg]
    neg = [p for p in parts if p.neg]
    shown = " AND ".join(("NOT " if p.neg else "") + p.shown for p in pos + neg)
    q: wq.Query = wq.Every() if not pos else pos[0].q if len(pos) == 1 else wq.And(
        [p.q for p in pos])
    if neg:
        q = wq.AndNot(q, neg[0].q if len(neg) == 1 else wq.Or([p.q for p in neg]))
    return _Node(q, shown)


def filter_query(fname: str, value: str, vocab: Vocabulary | None = None,
                 notes: list[str] | None = None,
                 doc_notes: Mapping[str, str] | None = None) -> tuple[wq.Query, str] | None:
    """A filter (``source`` = "PR Newswire", ``year`` = "2024", ``org`` = ...) as a query node
    of its field built from the value itself, and how it is shown; None when the value holds
    nothing to match (or the field is unknown).

    Why not ``parse_query(f'{fname}:"{value}"')``: a value is data, not query syntax; quotes,
    brackets or operators in it must never change the query. The node is the one a quoted
    ``field:"value"`` would give, and a filter marks nothing.
    """
    fname = fname.lower()
    if fname not in FIELDS:
        if notes is not None:
            notes.append(f"ignored the filter {fname} (no such field)")
        return None
    if fname in TEXT_FIELDS:  # quotes are no words (the terms are the same): echo cleanly
        value = value.replace('"', " ")
    parser = _Parser([], vocab, [], doc_notes)
    node = parser.phrase_node(fname, value)
    if node is None:
        if notes is not None and value.strip():
            notes.append(f'ignored the filter {fname} "{value.strip()}" (it has no words to match)')
        return None
    return node.q, node.shown


def parse_query(text: str, vocab: Vocabulary | None = None,
                doc_notes: Mapping[str, str] | None = None) -> Parsed:
    """Parse ``text``; never raises. An empty result means "every document".
    ``doc_notes`` (doc id -> note text) is what ``note:`` searches."""
    notes: list[str] = []
    text = (text or "").translate(_QUOTES)
    if len(text) > MAX_CHARS:
        notes.append(f"the query is very long: used its first {MAX_CHARS} characters")
        text = text[:MAX_CHARS]
    tokens = _tokens(text, notes)
    if len(tokens) > MAX_TOKENS:
        notes.append(f"the query is very long: used its first {MAX_TOKENS} parts")
        tokens = tokens[:MAX_TOKENS]
    parser = _Parser(tokens, vocab, notes, doc_notes)
    try:
        node = parser.parse_top()
    except Exception:  # noqa: BLE001 - a parser bug must cost the syntax, not the search
        words = " ".join(WORD_RE.findall(text))
        if words == text.strip():
            raise
        fallback = parse_query(words, vocab, doc_notes)
        fallback.messages.insert(0, "could not read the query's syntax: searched its words")
        return fallback
    if node is None:
        if text.strip():
            notes.append("nothing left to search for: showing every document")
        return Parsed(wq.Every(), "", notes, set(), empty=True)
    return Parsed(_positive(node), ("NOT " if node.neg else "") + node.shown, notes,
                  parser.highlight, phrases=parser.phrases, loose=parser.loose)
