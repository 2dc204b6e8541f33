"""Bytes to clean Unicode: encoding detection and space normalisation.

Scraped news arrives in whatever the site used: UTF-8 (with or without a BOM), UTF-16 from
Windows tools, GBK/GB18030 and Big5 from Chinese sites, Windows-1252 from old Western CMSs.
UTF-8 is tried strictly first because it is by far the most common and charset-normalizer can
mistake short UTF-8 text for something else; legacy encodings are left to charset-normalizer.
Odd spaces (the seeds have U+00A0 inside names and units) would split words and defeat
matching, so every one becomes a plain space, and invisible zero-width characters go.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

# NBSP, the U+2000 block of typographic spaces, narrow NBSP, math space, ideographic space,
# Ogham space mark: all become " ".
_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# Zero-width space/joiners, word joiner, BOM used as ZWNBSP, soft hyphen, Mongolian vowel sep.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e]")
# C0/C1 controls other than tab and newline; they mark binary data or broken conversions.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


class DecodeError(ValueError):
    """The bytes are not text in any encoding we accept."""


def normalize_text(text: str) -> str:
    """NFC, one kind of newline, plain spaces, no zero-width characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.isascii():  # no odd space, no invisible character, already NFC
        return text.replace("\x0c", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n").replace("\x0c", "\n")
    text = _SPACES.sub(" ", text)
    text = _INVISIBLE.sub("", text)
    return unicodedata.normalize("NFC", text)


def _looks_binary(text: str) -> bool:
    """Many control characters in decoded text mean it was never text."""
    if not text:
        return False
    bad = len(_CONTROLS.findall(text[:20000]))
    return bad > max(4, len(text[:20000]) // 200)


def _detect(data: bytes) -> str:
    """Decode bytes that are not UTF-8, using charset-normalizer's best guess."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise DecodeError("not text in a known encoding")
    encoding = best.encoding
    if encoding in {"gb2312", "gbk"}:
        encoding = "gb18030"  # a superset: never fails where the narrower one would succeed
    elif encoding == "big5":
        encoding = "big5hkscs"
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return str(best)


_AS_BROWSERS = {"latin-1": "cp1252", "iso8859-1": "cp1252", "ascii": "cp1252",
                "iso8859-9": "cp1254", "gb2312": "gb18030", "gbk": "gb18030"}


def _declared(data: bytes, encoding: str | None) -> str | None:
    """The bytes in the charset the file names, if they decode in it (UTF-8 already failed)."""
    try:
        name = codecs.lookup(encoding).name if encoding else "utf-8"
        if name == "utf-8":
            return None
        # as browsers read them (WHATWG): Latin-1 and ASCII labels mean windows-1252
        return data.decode(_AS_BROWSERS.get(name, name))
    except (UnicodeDecodeError, LookupError):
        return None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without a BOM (some Windows tools do): text in Latin script has a NUL in
    every other byte, on the odd side for little-endian and the even side for big-endian.
    Binary files have NULs too, but not in that regular pattern, and rarely decode cleanly."""
    head = data[:8192]
    if len(data) % 2 or len(head) < 8:
        return None
    odd, even = head[1::2].count(0), head[0::2].count(0)
    half = len(head) // 2
    if odd > half * 0.2 and even < half * 0.02:
        encoding = "utf-16-le"
    elif even > half * 0.2 and odd < half * 0.02:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return None if "\x00" in text or _looks_binary(text) else text


def _text_with_stray_nuls(data: bytes) -> str | None:
    """A text page with a few NUL bytes (a broken save, a CMS bug) is still a text page.

    Binary formats are full of NULs and other control bytes; a handful of NULs in bytes
    that are otherwise valid text (few controls once the NULs are gone) is not binary.
    """
    nuls = data.count(0)
    if nuls > max(8, len(data) // 1000):
        return None
    rest = data.replace(b"\x00", b"")
    try:
        text = rest.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = _detect(rest)
        except DecodeError:
            return None
    bad = len(_CONTROLS.findall(text[:20000]))
    return None if bad > max(2, len(text[:20000]) // 2000) else text


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few broken bytes (a pasted Latin-1 word, a truncated character) is still
    UTF-8: many valid multi-byte characters and few invalid bytes. A guesser asked instead
    reads the whole page as Mac Roman or cp1250 and every accented letter breaks ("MĂ¤scot").
    A legacy-encoded file has almost no valid multi-byte sequences, so it never passes."""
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    wide = sum(1 for c in text if c > "\x7f") - bad
    return text if wide >= 20 * bad else None


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode file bytes to normalised text; raise DecodeError when they are not text.

    Order: a BOM wins (UTF-8, UTF-16, UTF-32); then strict UTF-8, then UTF-8 with a few
    broken bytes; NUL bytes without a BOM mean UTF-16 if they fall in UTF-16's pattern and
    decode cleanly, else a binary file; then the charset the file declares (``declared``: an
    HTML page's ``<meta charset>``), then charset-normalizer's guess.
    """
    if data.startswith(codecs.BOM_UTF8):
        try:
            text = data[len(codecs.BOM_UTF8):].decode("utf-8")
        except UnicodeDecodeError:
            text = data[len(codecs.BOM_UTF8):].decode("utf-8", "replace")
    elif data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        try:
            text = data.decode("utf-32")
        except UnicodeDecodeError as exc:
            raise DecodeError("broken UTF-32 text") from exc
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DecodeError("broken UTF-16 text") from exc
    elif b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is None:
            text = _text_with_stray_nuls(data)
        if text is None:
            raise DecodeError("binary file (contains NUL bytes)")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _mostly_utf8(data) or _declared(data, declared) or _detect(data)
    if _looks_binary(text):
        raise DecodeError("binary file (control characters)")
    # the few stray controls of a text file (a NUL in UTF-16, an ESC) are not words and
    # would reach the index and the reading view as invisible characters
    return normalize_text(_CONTROLS.sub("", text))
