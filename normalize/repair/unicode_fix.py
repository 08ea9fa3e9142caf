"""Repair 1: mojibake and Unicode clean-up with ftfy, recorded as token-level changes."""

from __future__ import annotations

import difflib

from riskrad.model.text import demojibake, fix_unicode_text

__all__ = ["demojibake", "diff_changes", "fix_unicode_text", "repair_unicode"]
from riskrad.normalize.repair.model import Change

REPAIR_NAME = "unicode"


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
