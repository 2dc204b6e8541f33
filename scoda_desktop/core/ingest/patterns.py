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
                                   _anchored(source)))
    return out


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
        patterns = [LinePattern(p.regex, p.reason, p.max_words, p.hard) for p in patterns]
    return Boilerplate(tuple(patterns), wires, starts)


def match_line(text: str, words: int) -> LinePattern | None:
    """The first pattern that names this line as boilerplate, if any."""
    boilerplate = load_boilerplate()
    skip_anchored = boilerplate.starts is not None and not boilerplate.starts.match(text)
    for pattern in boilerplate.patterns:
        if words <= pattern.max_words and not (skip_anchored and pattern.anchored) \
                and pattern.regex.search(text):
            return pattern
    return None
