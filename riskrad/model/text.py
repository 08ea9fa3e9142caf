"""Unicode clean-up: mojibake and soft hyphens (ftfy), pure functions.

``demojibake``/``fix_unicode_text`` clean short text (a header, a cell, a line);
``page_mojibake_repair`` judges a whole page's text layer for the route decision
(a repair counts only when it removes every UTF-8-as-Latin-1 mark). ``CID_GLYPH``
is the one pattern of an unmapped glyph, "(cid:N)".

It sits in the model layer because every stage reads text through it: the
header vocabulary, the page blocks, metadata and the repair chain.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from types import ModuleType

    import ftfy


@cache
def _ftfy() -> ModuleType:
    """Given nothing, ftfy, imported on first use (a re-run from the result cache needs none;
    its import also registers the sloppy-windows-1252 codec)."""
    import ftfy

    return ftfy


@cache
def _config() -> ftfy.TextFixerConfig:
    """Given nothing, the ftfy settings of fix_unicode_text."""
    return _ftfy().TextFixerConfig(  # type: ignore[no-any-return]
        unescape_html=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_character_width=False,
        explain=False,
    )


# What fix_unicode_text may change: anything but printable ASCII, tab, line breaks and
# å/ä/ö/Å/Ä/Ö/é/É, and 'Å' before a space. Swedish text without these needs no ftfy. Why
# the letters are safe (ftfy 6.3's steps with _config): its encoding fix decodes
# re-encoded text as UTF-8, where these letters become lead bytes with no continuation
# byte after them (latin-1 and its kin) or continuation bytes with no lead byte
# (MacRoman, cp437), so every decode fails; the one continuation byte it makes is U+A0
# from a space after byte C5, which is 'Å' ("Å " is therefore suspect); its other fixers
# act on characters outside this set, and NFC leaves the set as it is.
# tests/test_text_unicode.py checks the installed ftfy agrees (é/É: the English OCR model
# reads ö as é, so OCR text has them on most lines).
_SUSPECT = re.compile(r"[^\x00-\x7fåäöÅÄÖéÉ]|Å |[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CP1252_TAIL = (
    "\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
_SHORT_MOJIBAKE = re.compile(f"(?:[ÃÂ][{_CP1252_TAIL}])+")
_SOFT_HYPHEN = "\u00ad"
_MOJIBAKE_MARK = re.compile("Ã|Â|â€")
_LATIN_LETTERS = set("åäöÅÄÖéÉüÜèÈáÁàÀíÍóÓúÚñÑçÇøØæÆßêÊëËîÏôÔ§°«»")
_MOJIBAKE_RE = re.compile("[ÃÂ][\u0080-\u00bf]|Ã|Â")
# second bytes 0x80-0xBF as Windows-1252 shows them (C1 range plus its printable stand-ins)
_PAIR_RE = re.compile("[ÂÃ][\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]")
# An unmapped glyph as PDFium and pdfminer write it: a font without a Unicode map.
CID_GLYPH = re.compile(r"\(cid:\d+\)")
# marks a list item starts with ("• Stickprov", "– Avstämning"), for the cell lists of the
# recognizer and the line breaks the text repair keeps
LIST_ITEM_GLYPHS = "•●▪■◦·‣∙*-–—"
GLYPH_ITEM = re.compile(rf"^\s*([{re.escape(LIST_ITEM_GLYPHS)}])\s+(?=\S)")
NUMBER_ITEM = re.compile(r"^\s*(\d{1,2})[.)]\s+(?=\D)")


def item_mark(line: str) -> tuple[str, int | None] | None:
    """Given a line of a cell, its item mark and number (None for a glyph), or None."""
    glyph = GLYPH_ITEM.match(line)
    if glyph is not None:
        return glyph.group(1), None
    number = NUMBER_ITEM.match(line)
    if number is not None:
        return "n" + line.strip()[len(number.group(1))], int(number.group(1))
    return None


def _fix_short_mojibake(match: re.Match[str]) -> str:
    """Given a run like 'Ã¥', return its UTF-8 reading if that gives Latin letters."""
    run = match.group(0)
    try:
        fixed = run.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return run
    return fixed if all(ch in _LATIN_LETTERS for ch in fixed) else run


def fix_unicode_text(text: str) -> str:
    """Given a text, return it with mojibake, soft hyphens and odd Unicode fixed."""
    if not _SUSPECT.search(text):
        return text
    return _fixed_by_ftfy(text)


def _fixed_by_ftfy(text: str) -> str:
    """Given a text, ftfy's fix of it (see _config), with the short mojibake and the soft
    hyphens that ftfy leaves fixed too."""
    fixed = _ftfy().fix_text(text, _config())
    fixed = _SHORT_MOJIBAKE.sub(_fix_short_mojibake, fixed)
    return fixed.replace(_SOFT_HYPHEN, "")


def demojibake(text: str) -> str:
    """Given short text (a header, a line), it repaired when it shows UTF-8-as-cp1252 marks.

    The mark test is cheap, so this can run on every line; clean text is returned as is.
    """
    return fix_unicode_text(text) if _MOJIBAKE_MARK.search(text) else text


def page_mojibake_repair(text: str) -> str | None:
    """Given text, ftfy's repair when it removes every UTF-8-as-Latin-1 sequence, else None.

    ``ftfy.fix_text`` judges line by line and leaves a short ambiguous line
    ("Ã¥rsredovisning.") alone, so the whole page is also tried at once with
    ``ftfy.fix_encoding`` and what still remains is decoded pair by pair with
    ftfy's sloppy-windows-1252 codec; the page's other lines are the evidence.
    """
    if not _MOJIBAKE_RE.search(text):
        return None
    ftfy = _ftfy()
    first = ftfy.fix_text(text)
    for fixed in (first, ftfy.fix_text(ftfy.fix_encoding(text)), _decode_pairs(first)):
        if fixed != text and not _MOJIBAKE_RE.search(fixed):
            return fixed
    return None


def _decode_pair(match: re.Match[str]) -> str:
    """Given a two-character mojibake match ("Ã¥"), the character it encodes ("å"), or itself."""
    _ftfy()  # registers the codec
    try:
        return match.group().encode("sloppy-windows-1252").decode("utf-8")
    except UnicodeError:
        return match.group()


def _decode_pairs(text: str) -> str:
    """Given text with UTF-8-read-as-Windows-1252 pairs left over, those pairs decoded."""
    return _PAIR_RE.sub(_decode_pair, text)


# The combining characters of the Combining Diacritical Marks block (U+0300-U+036F; not
# U+034F, which combines with nothing): the accents of Latin letters, taken out at once by
# strip_diacritics; other combining characters are found one by one.
_COMBINING_MARKS = re.compile(
    "[" + "".join(ch for ch in map(chr, range(0x300, 0x370)) if unicodedata.combining(ch)) + "]"
)


def strip_diacritics(text: str) -> str:
    """Given text, it with combining accents dropped (å -> a, é -> e; æ, ø stay).

    The core of every comparison key: header words (vocabulary.fold), municipality
    names (municipalities.fold), label prefixes and lineage lemmas.
    """
    if text.isascii():  # NFKD leaves ASCII as it is, and it has no accents
        return text
    stripped = _COMBINING_MARKS.sub("", unicodedata.normalize("NFKD", text))
    if stripped.isascii():  # no combining character is left
        return stripped
    return "".join(ch for ch in stripped if not unicodedata.combining(ch))


def spaceless(text: str) -> str:
    """Given a text, it case-folded without white space: a cell's words compared whatever
    the lines they were broken over ("Riskkateg" / "ori", "Nämndens beslut" / "verkställs")."""
    return "".join(text.split()).casefold()


LABELLED_VALUE = re.compile(r"(?:^|\s)[^\W\d][^:\d]{1,38}:\s*[^\s:]")  # "Konsekvens: 4"


def labelled_values(text: str) -> int:
    """Given a line's text, how many labels with their value after a colon it holds
    ("Sannolikhet: 3 Konsekvens: 4" holds two; "Kontrollansvarig: Controller" one)."""
    return len(LABELLED_VALUE.findall(text))


def opens_with_labelled_value(text: str) -> bool:
    """Given a line's text, whether it opens with a label and its value after a colon."""
    return LABELLED_VALUE.match(text) is not None
