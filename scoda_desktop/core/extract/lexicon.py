"""Name lists the rule extractor looks up: places, the default entity list, the user's list.

Why a lexicon: names of countries, cities, agencies and the zone itself are what readers
filter on, and a list is exact where a statistical model guesses. Loading must stay cheap
because every indexing worker process loads it once: one gzip read and a dict build, cached.
"""

from __future__ import annotations

import gzip
import logging
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from scoda_desktop.resources import resource_path

log = logging.getLogger(__name__)

ENTITY_FILE = "entities.tsv"
PLACES_FILE = "places.tsv.gz"
GROUPS_FILE = "groups.tsv"
_TYPE_NAMES = {
    "PERSON": "PERSON", "PER": "PERSON", "ORG": "ORG", "PLACE": "PLACE", "LOC": "PLACE",
    "GPE": "PLACE", "FACILITY": "FACILITY", "FAC": "FACILITY", "EVENT": "EVENT",
    "GROUP": "GROUP", "NORP": "GROUP", "MISC": "GROUP",
}


@dataclass(frozen=True, slots=True)
class Known:
    """What a listed name resolves to."""

    type: str
    canonical: str
    kind: str = ""  # for places: country, region, subdivision, city
    place: str = ""  # for groups: the place a nationality belongs to ("German" -> "Germany")


@dataclass(slots=True)
class Lexicon:
    """Names (exact case) -> Known, plus an upper-cased index for all-caps datelines.

    ``prefixes`` holds every word prefix of a listed name ("Shanghai", "Shanghai
    Cooperation" of "Shanghai Cooperation Organization"; apostrophes as ``'``): a matcher
    that walks a capitalised phrase word by word stops as soon as no name goes on, instead
    of looking up every longer window (most phrases start no listed name at all). Write
    names through ``add`` (or the constructor) so it stays complete."""

    names: dict[str, Known] = field(default_factory=dict)
    upper: dict[str, Known] = field(default_factory=dict)
    max_words: int = 1
    prefixes: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        for name in (*self.names, *self.upper):
            self._add_prefixes(name)

    def add(self, name: str, known: Known) -> None:
        name = " ".join(name.split())
        if not name:
            return
        self.names[name] = known
        self.upper[name.upper()] = known
        self.max_words = max(self.max_words, len(name.replace("-", " ").split()))
        self._add_prefixes(name)
        self._add_prefixes(name.upper())

    def _add_prefixes(self, name: str) -> None:
        if " " in name:
            flat = name.replace("’", "'")
            cut = flat.find(" ")
            while cut > 0:
                self.prefixes.add(flat[:cut])
                cut = flat.find(" ", cut + 1)

    def continues(self, phrase: str) -> bool:
        """Could a listed name start with ``phrase`` followed by a space? (What ``get``
        accepts, apostrophe forms and upper case included.)"""
        return phrase.replace("’", "'") in self.prefixes

    def get(self, name: str) -> Known | None:
        hit = self.names.get(name)
        if hit is None and ("'" in name or "’" in name):
            # Lists and articles write "Xi’an" and "Xi'an" either way.
            hit = self.names.get(name.replace("'", "’")) or self.names.get(name.replace("’", "'"))
        if hit is None and name.isupper() and len(name) > 3:
            hit = self.upper.get(name)
        return hit


def parse_entity_lines(lines: list[str], source: str = "") -> list[tuple[str, str, list[str]]]:
    """``TYPE<TAB>canonical<TAB>alias|alias`` lines -> (type, canonical, aliases).

    Bad lines are logged and skipped: a typo in a user's file must not stop extraction.
    """
    out: list[tuple[str, str, list[str]]] = []
    for number, raw in enumerate(lines, 1):
        line = raw.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.split("\t")
        type_name = _TYPE_NAMES.get(parts[0].strip().upper())
        if type_name is None or len(parts) < 2 or not parts[1].strip():
            log.warning("%s:%d: not TYPE<TAB>name[<TAB>aliases]: %r", source, number, line)
            continue
        aliases = [a.strip() for a in parts[2].split("|")] if len(parts) > 2 else []
        out.append((type_name, parts[1].strip(), [a for a in aliases if a]))
    return out


def load_user_entities(path: str | os.PathLike[str]) -> list[tuple[str, str, list[str]]]:
    """Read a user's entity list; a missing or unreadable file is simply empty."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        if not isinstance(exc, FileNotFoundError):
            log.warning("cannot read entity list %s: %s", path, exc)
        return []
    return parse_entity_lines(text.splitlines(), str(path))


def user_entities_path() -> Path:
    """Where the app looks for the user's own list (created by the user, never by us)."""
    from platformdirs import user_config_dir

    return Path(user_config_dir("scoda-desktop")) / ENTITY_FILE


def _load_places(lex: Lexicon) -> None:
    path = resource_path(PLACES_FILE)
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            lines = fh.read().splitlines()
    except OSError as exc:
        log.warning("place list %s unavailable: %s", path, exc)
        return
    # Later rows must not override earlier (more important) ones: countries come first.
    # Plain dict stores here (no per-name normalisation): this runs in every worker process.
    names, upper = lex.names, lex.upper
    longest = 1
    for line in reversed(lines):
        if line.startswith("#"):
            continue
        kind, canonical, aliases = (line.split("\t") + ["", ""])[:3]
        known = Known("PLACE", canonical, kind)
        for name in (*aliases.split("|"), canonical) if aliases else (canonical,):
            names[name] = known
            upper[name.upper()] = known
            if " " in name:
                lex._add_prefixes(name)
                lex._add_prefixes(name.upper())
            longest = max(longest, name.count(" ") + name.count("-") + 1)
    lex.max_words = max(lex.max_words, longest)


def _plurals(name: str) -> list[str]:
    """"Germans", "Kazakhs", "Israelis": nationalities ending so take an s as people."""
    return [name + "s"] if name[-1] in "nikhz" and " " not in name else []


def _load_groups(lex: Lexicon) -> None:
    """Nationalities and peoples: their own type, linked to their place where they have one."""
    try:
        lines = resource_path(GROUPS_FILE).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        log.warning("group list unavailable: %s", exc)
        return
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        canonical, place, variants = (line.split("\t") + ["", ""])[:3]
        known = Known("GROUP", canonical, "group", place)
        for name in (canonical, *(v for v in variants.split("|") if v)):
            for form in (name, *_plurals(name)):
                lex.add(form, known)


def group_place(lex: Lexicon, canonical: str) -> str | None:
    """The place a group belongs to ("Kazakh" -> "Kazakhstan"), for panels that link them."""
    known = lex.get(canonical)
    return known.place or None if known is not None and known.type == "GROUP" else None


# Two-letter forms news writes for countries ("under US sanctions" is no organisation).
_SHORT_COUNTRY_NAMES = {"US": "United States", "UK": "United Kingdom"}


@lru_cache(maxsize=8)
def load_lexicon(user_file: str | None = None) -> Lexicon:
    """Places + default entity list + the user's list (if given); cached per user file."""
    lex = Lexicon()
    _load_places(lex)
    for short, country in _SHORT_COUNTRY_NAMES.items():  # the place list keeps 3+ letters
        known = lex.get(country)
        if known is not None and lex.get(short) is None:
            lex.add(short, known)
    _load_groups(lex)
    entries = load_user_entities(resource_path(ENTITY_FILE))
    if user_file:
        entries += load_user_entities(user_file)
    for type_name, canonical, aliases in entries:
        known = Known(type_name, canonical)
        for name in (canonical, *aliases):
            lex.add(name, known)
    return lex
