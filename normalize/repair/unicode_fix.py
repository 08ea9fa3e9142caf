"""Repair 1: mojibake and Unicode clean-up with ftfy, recorded as token-level changes."""

from __future__ import annotations

import difflib
import re

import ftfy

from normalize.repair.model import Change

REPAIR_NAME = "unicode"

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


def _token_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Given a span of text, widen it to whole whitespace-delimited tokens."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end


def diff_changes(old: str, new: str, repair: str, score: float) -> tuple[Change, ...]:
    """Given a text before and after a whole-text fix, return token-level changes."""
    if old == new:
        return ()
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    spans: list[tuple[int, int, int, int]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        a1, a2 = _token_bounds(old, i1, i2)
        b1, b2 = j1 - (i1 - a1), j2 + (a2 - i2)
        if spans and a1 <= spans[-1][1]:
            p1, _, q1, _ = spans.pop()
            a1, b1 = p1, q1
        spans.append((a1, a2, b1, b2))
    return tuple(Change(a1, a2, old[a1:a2], new[b1:b2], repair, score) for a1, a2, b1, b2 in spans)


def repair_unicode(text: str) -> tuple[str, tuple[Change, ...]]:
    """Given a text, return it with mojibake fixed and the token changes that did it."""
    fixed = fix_unicode_text(text)
    return fixed, diff_changes(text, fixed, REPAIR_NAME, 1.0)
