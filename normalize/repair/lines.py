"""Repair 2: broken lines and hyphenation.

A word split at a line end ('grans-\\nkas') is joined when the joined word is Swedish
(known, a compound of known parts, or a damaged spelling of one); real hyphens stay
('HR-chef', 'e-utbildning', 'kvalitets- och hållbarhetsperspektiv'). Other line breaks
inside a paragraph become spaces; blank lines and list items keep their breaks.
"""

from __future__ import annotations

import re

from riskrad.model.lexicon import is_swedish_word
from riskrad.model.text import LIST_ITEM_GLYPHS
from riskrad.normalize.repair.glued import repair_glued
from riskrad.normalize.repair.letters import analyse
from riskrad.normalize.repair.model import Change, apply_changes
from riskrad.normalize.repair.unicode_fix import diff_changes

REPAIR_NAME = "lines"
CONJUNCTIONS = frozenset({"och", "eller", "samt", "respektive", "resp", "till", "som", "men"})
_HYPHEN_BREAK = re.compile(
    r"(?P<left>[^\s-]+(?:-[^\s-]+)*)-[ \t]*\n(?:[ \t]*\n)?[ \t]*(?P<right>[^\W\d_][^\s]*)"
)
_LINE_BREAK = re.compile(r"(?<=\S)[ \t]*\n[ \t]*(?=\S)")
_LIST_ITEM = re.compile(rf"(?:[{re.escape(LIST_ITEM_GLYPHS)}]\s|\d{{1,2}}[.)]\s|[a-zA-Z]\)\s)")
_WORD_END = re.compile(r"[^\W\d_]+$")
_WORD_START = re.compile(r"^[^\W\d_]+")
MIN_WORD_ZIPF = 1.5


def word_zipf(word: str) -> float:
    """Given a word (maybe with damaged letters), return the Zipf of its best Swedish reading."""
    stay, options = analyse(word)
    best = max((c.score for c in options if c.zipf >= MIN_WORD_ZIPF), default=0.0)
    return max(stay.zipf, best)


def _joinable_chain(chain: list[str]) -> bool:
    """Given the hyphen-separated pieces before a line break, say whether all may be joined."""
    first = chain[0]
    return (
        len(first) > 1
        and not first.isupper()
        and first.isalpha()
        and all(piece[:1].islower() and piece.isalpha() for piece in chain[1:])
    )


def join_hyphen(left: str, right: str) -> tuple[str, float]:
    """Given the text before and after a line-end hyphen, return the joiner and its score."""
    left_piece = _WORD_END.search(left)
    right_piece = _WORD_START.search(right)
    if left_piece is None or right_piece is None:
        return "-", 0.0
    head, tail = left_piece.group(0), right_piece.group(0)
    if tail.lower() in CONJUNCTIONS:
        return "- ", 1.0
    if not tail[0].islower() or len(head) == 1 or head.isupper():
        return "-", 1.0
    chain = left.split("-")
    if (
        len(chain) > 1
        and _joinable_chain(chain)
        and (word_zipf("".join(chain) + tail) >= MIN_WORD_ZIPF)
    ):
        return "", 0.5
    joined = word_zipf(head + tail)
    if joined >= MIN_WORD_ZIPF:
        return "", joined
    if word_zipf(tail) >= MIN_WORD_ZIPF and word_zipf(head) >= MIN_WORD_ZIPF:
        return "-", 0.5
    return "", 0.1


def repair_lines(text: str) -> tuple[str, tuple[Change, ...]]:
    """Given a text, return it with split words joined, paragraph lines unwrapped and words a
    lost space glued split ("månadsvisi" -> "månadsvis i": see repair/glued.py)."""
    joined, changes = join_lines(text)
    split, glued = repair_glued(joined)
    if not glued:
        return joined, changes
    return split, diff_changes(text, split, REPAIR_NAME, 1.0)


def join_lines(text: str) -> tuple[str, tuple[Change, ...]]:
    """Given a text, return it with split words joined and paragraph lines unwrapped."""
    if "\n" not in text:
        return text, ()
    changes: list[Change] = []
    taken: list[tuple[int, int]] = []
    for match in _HYPHEN_BREAK.finditer(text):
        left, right = match.group("left"), match.group("right")
        joiner, score = join_hyphen(left, right)
        start = match.start() + len(left)
        end = match.start("right")
        whole_chain = joiner == "" and score == 0.5
        if whole_chain:
            start = match.start()
            new = left.replace("-", "")
        else:
            new = joiner
        changes.append(Change(start, end, text[start:end], new, REPAIR_NAME, round(score, 2)))
        taken.append((match.start(), end))
    for match in _LINE_BREAK.finditer(text):
        start, end = match.span()
        if any(a <= start < b for a, b in taken) or _LIST_ITEM.match(text, end):
            continue
        changes.append(Change(start, end, text[start:end], " ", REPAIR_NAME, 1.0))
    changes.sort(key=lambda c: c.start)
    return apply_changes(text, tuple(changes)), tuple(changes)


DOCUMENT_WORD_REPAIR = "document_word"
_BROKEN_AT_LINE_END = re.compile(r"(?P<head>[^\W\d_]+)[ \t]*\n[ \t]*(?P<tail>[^\W\d_A-ZÅÄÖ]+)")
_TOKEN_EDGE = ".,;:()\"'!?"


def words_written_whole(texts: list[str]) -> frozenset[str]:
    """Given a document's cell texts, the case-folded words it writes whole on a line."""
    return frozenset(
        token.strip(_TOKEN_EDGE).casefold() for text in texts for token in text.split()
    )


def join_words_written_whole(
    text: str, whole: frozenset[str]
) -> tuple[str, tuple[Change, ...]]:
    """Given a cell's text and the words its document writes whole, the text with a word a
    narrow cell broke over a line end without a hyphen made whole where the piece above is
    no word of its own and the document writes the joined word whole elsewhere
    ("Lönehandl\\näggare"). Where both pieces are words ("väl\\nfungerande", "Kvartals\\nvis")
    only the line's length could tell, which the text no longer has: they are left."""
    changes: list[Change] = []
    for match in _BROKEN_AT_LINE_END.finditer(text):
        head, tail = match.group("head"), match.group("tail")
        if (head + tail).casefold() in whole and not is_swedish_word(head.casefold()):
            changes.append(Change(match.start(), match.end(), match.group(0), head + tail,
                                  DOCUMENT_WORD_REPAIR, 1.0))
    return apply_changes(text, tuple(changes)), tuple(changes)
