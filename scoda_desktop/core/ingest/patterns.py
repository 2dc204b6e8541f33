"""Boilerplate patterns, loaded once from ``resources/boilerplate.json``.

Why a data file: what a site's furniture says ("Global Edition", "Powered by MetInfo") changes
with every site a user imports; a maintainer can add a line there without touching the cleaner,
and the code keeps only the general heuristic. A missing or broken file must not stop imports,
so it degrades to "no patterns" (the heuristic still works, only less precisely).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from scoda_desktop.resources import resource_path


@dataclass(frozen=True, slots=True)
class LinePattern:
    """One compiled pattern and what a match means."""

    regex: re.Pattern[str]
    reason: str
    max_words: int
    hard: bool  # True: the line ends the article body (a related list, the site footer)
    anchored: bool = False  # matches only at the start of a line (``Boilerplate.starts``)
    # ASCII text every match holds (lower-case; ``_literal``), or None: an ASCII line whose
    # lower-case form lacks it cannot match, and is not searched
    literal: str | None = None


@dataclass(frozen=True, slots=True)
class Boilerplate:
    patterns: tuple[LinePattern, ...]
    wires: dict[str, str]  # "PRNewswire" -> "PR Newswire"
    # Every anchored pattern as one alternation, tried once at the start of a line: when it
    # fails, no anchored pattern can match and ``match_line`` skips them (most of the 61
    # patterns start with ``^``; most lines match none of them).
    starts: re.Pattern[str] | None = None


def _compile(groups: list[dict], hard_reasons: set[str]) -> list[LinePattern]:
    out: list[LinePattern] = []
    for group in groups:
        reason = str(group.get("reason", "boilerplate"))
        hard = reason in hard_reasons and not group.get("soft", False)
        for source in group.get("patterns", []):
            try:
                regex = re.compile(source, re.I)
            except re.error:
                continue  # one bad pattern in user-edited data must not disable the rest
            out.append(LinePattern(regex, reason, int(group.get("max_words", 30)), hard,
                                   _anchored(source), _literal(regex)))
    return out


def _literal(regex: re.Pattern[str]) -> str | None:
    """The longest run of plain characters at the top level of the pattern (so in every
    match, in that order), when it is ASCII and at least 3 long; None otherwise.

    Why: the few patterns tried on most lines (those without ``^``) each searched the
    whole line, two thirds of a line's labelling. On an ASCII line, case-insensitive
    matching is plain ``lower()`` equality (the Unicode case folds that make "ſ" match "s"
    or "K" match "k" need a non-ASCII character in the line), so ``literal in
    line.lower()`` is a test every matching ASCII line passes. Read from the parsed
    pattern (``re._parser``); on any surprise there, no literal: the line is searched."""
    try:
        from re import _parser

        parsed = list(_parser.parse(regex.pattern, regex.flags))
        literal_op, at_op = _parser.LITERAL, _parser.AT
    except Exception:  # noqa: BLE001 - a private module: without it, search every line
        return None
    best, run = "", []
    for op, arg in [*parsed, (None, None)]:
        if op is literal_op:
            run.append(chr(arg))
        elif op is not at_op:  # a zero-width assertion (\b, $) leaves the run whole
            best = max(best, "".join(run), key=len)
            run = []
    best = best.lower()
    return best if len(best) >= 3 and best.isascii() and not regex.flags & re.VERBOSE else None


def _anchored(source: str) -> bool:
    """True when the pattern can only match at the start of the text: it begins with ``^``
    and has no ``|`` outside groups and classes (``^a|b`` also matches ``b`` anywhere), no
    back-reference or named group (which would clash in one alternation)."""
    if not source.startswith("^") or re.search(r"\\[1-9]|\(\?P", source):
        return False
    depth, i, in_class = 0, 1, False
    while i < len(source):
        c = source[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            if source[i + 1 : i + 2] == "]":  # "[]...]": the first ] is a member
                i += 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            return False
        i += 1
    return True


def _starts(patterns: list[LinePattern]) -> re.Pattern[str] | None:
    sources = [p.regex.pattern for p in patterns if p.anchored]
    try:
        return re.compile("|".join(f"(?:{s})" for s in sources), re.I) if sources else None
    except re.error:
        return None


@lru_cache(maxsize=1)
def load_boilerplate() -> Boilerplate:
    """The patterns of ``resources/boilerplate.json`` (empty when the file is unusable)."""
    try:
        data = json.loads(resource_path("boilerplate.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Boilerplate((), {})
    hard_reasons = set(data.get("hard_reasons", []))
    patterns = _compile(data.get("general", []), hard_reasons)
    patterns += _compile(data.get("sites", []), hard_reasons)
    wires = {str(k): str(v) for k, v in data.get("wires", {}).items()}
    starts = _starts(patterns)
    if starts is None:  # no usable alternation: every pattern is tried on its own
        patterns = [LinePattern(p.regex, p.reason, p.max_words, p.hard, False, p.literal)
                    for p in patterns]
    return Boilerplate(tuple(patterns), wires, starts)


def match_line(text: str, words: int) -> LinePattern | None:
    """The first pattern that names this line as boilerplate, if any."""
    boilerplate = load_boilerplate()
    skip_anchored = boilerplate.starts is not None and not boilerplate.starts.match(text)
    low = text.lower() if text.isascii() else None  # see LinePattern.literal
    for pattern in boilerplate.patterns:
        if words <= pattern.max_words and not (skip_anchored and pattern.anchored) \
                and (low is None or pattern.literal is None or pattern.literal in low) \
                and pattern.regex.search(text):
            return pattern
    return None
