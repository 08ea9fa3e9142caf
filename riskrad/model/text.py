"""Unicode clean-up of short text: mojibake and soft hyphens (ftfy), pure functions.

It sits in the model layer because every stage reads text through it: the
header vocabulary, the page blocks, metadata and the repair chain.
"""

from __future__ import annotations

import re

import ftfy

_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_character_width=False,
    explain=False,
)
_SUSPECT = re.compile(r"[^\x00-\x7f]|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CP1252_TAIL = (
    "\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
_SHORT_MOJIBAKE = re.compile(f"(?:[ÃÂ][{_CP1252_TAIL}])+")
_SOFT_HYPHEN = "\u00ad"
_MOJIBAKE_MARK = re.compile("Ã|Â|â€")
_LATIN_LETTERS = set("åäöÅÄÖéÉüÜèÈáÁàÀíÍóÓúÚñÑçÇøØæÆßêÊëËîÏôÔ§°«»")


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
    fixed = ftfy.fix_text(text, _CONFIG)
    fixed = _SHORT_MOJIBAKE.sub(_fix_short_mojibake, fixed)
    return fixed.replace(_SOFT_HYPHEN, "")


def demojibake(text: str) -> str:
    """Given short text (a header, a line), it repaired when it shows UTF-8-as-cp1252 marks.

    The mark test is cheap, so this can run on every line; clean text is returned as is.
    """
    return fix_unicode_text(text) if _MOJIBAKE_MARK.search(text) else text
