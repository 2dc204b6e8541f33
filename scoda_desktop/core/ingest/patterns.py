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


@dataclass(frozen=True, slots=True)
class Boilerplate:
    patterns: tuple[LinePattern, ...]
    wires: dict[str, str]  # "PRNewswire" -> "PR Newswire"


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
            out.append(LinePattern(regex, reason, int(group.get("max_words", 30)), hard))
    return out


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
    return Boilerplate(tuple(patterns), wires)


def match_line(text: str, words: int) -> LinePattern | None:
    """The first pattern that names this line as boilerplate, if any."""
    for pattern in load_boilerplate().patterns:
        if words <= pattern.max_words and pattern.regex.search(text):
            return pattern
    return None
