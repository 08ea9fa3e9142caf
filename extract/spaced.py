"""Words set with letter spacing: "S A N N O L I K H E T" read back as "SANNOLIKHET".

A template that spaces its header labels' letters (Word's "expanded" character spacing, a
designer's capitals) leaves gaps between the letters wider than the text layer's word
gap, so every letter comes out as a word of its own, and no label is read. Letters of one
line, each a word of one letter, set at an even pitch closer than a word space in that
spacing, are one word again; a gap clearly wider than the letters' own (the space
between two spaced words) ends it.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Sequence

from riskrad.model.records import BBox, Word

SPACED_GAP = 0.6  # font sizes: letters of one spaced word stand at most this far apart
WORD_BREAK = 1.6  # a gap this many times the run's usual letter gap ends a spaced word
RUN_MIN = 3  # letters in a run of spaced letters


def is_letter(word: Word) -> bool:
    """Given a word, whether it is one upright letter."""
    return len(word.text) == 1 and word.text.isalpha() and not word.turned


def size_of(word: Word) -> float:
    """Given a word, its font size (its box height when unknown), at least 1."""
    return max(word.font_size or word.bbox.height, 1.0)


def letter_gap(left: Word, right: Word) -> float | None:
    """Given two words in reading order, the gap between them when they are letters on one
    line set close enough to be one spaced word's, else None."""
    if not (is_letter(left) and is_letter(right)):
        return None
    middle = (left.bbox.top + left.bbox.bottom) / 2
    if abs((right.bbox.top + right.bbox.bottom) / 2 - middle) > 0.5 * size_of(left):
        return None
    gap = right.bbox.x0 - left.bbox.x1
    return gap if 0.0 <= gap <= SPACED_GAP * size_of(left) else None


def spaced_runs(words: Sequence[Word]) -> list[tuple[int, int]]:
    """Given a page's words in reading order, the (first, last) positions of each run of
    letters set close on one line, three or more."""
    runs: list[tuple[int, int]] = []
    first = 0
    for i in range(1, len(words) + 1):
        if i < len(words) and letter_gap(words[i - 1], words[i]) is not None:
            continue
        last = i - 1
        if last - first + 1 >= RUN_MIN or capital_pair(words[first : last + 1]):
            runs.append((first, last))  # two small letters may be two words ("i" / "l" …)
        first = i
    return runs


def capital_pair(letters: Sequence[Word]) -> bool:
    """Given a run of letters set close on one line, whether it is two capitals of a spaced
    word's end on a line of its own ("K O N T R O L L M O M E" / "N T")."""
    return len(letters) == 2 and all(w.text.isupper() for w in letters)


def spaced_words(letters: Sequence[Word]) -> list[Word]:
    """Given a run of spaced letters, its words: letters joined, broken where a gap is
    clearly wider than the run's usual gap between letters."""
    gaps = [b.bbox.x0 - a.bbox.x1 for a, b in itertools.pairwise(letters)]
    usual = statistics.median(gaps)
    pieces: list[list[Word]] = [[letters[0]]]
    for gap, letter in zip(gaps, letters[1:], strict=True):
        if gap > WORD_BREAK * usual and gap > usual + 0.15 * size_of(letter):
            pieces.append([letter])
        else:
            pieces[-1].append(letter)
    return [joined(part) for piece in pieces for part in word_parts(piece)]


def word_shaped(letters: Sequence[Word]) -> bool:
    """Given a piece of spaced letters, whether they spell a word's shape: all capitals, all
    small, or a capital and small letters."""
    text = "".join(w.text for w in letters)
    return text.isupper() or text[1:].islower()


WIDEST_GAP = 1.25  # a piece spelling no word parts at a gap this many times its next widest


def word_parts(letters: Sequence[Word]) -> list[Sequence[Word]]:
    """Given a piece of spaced letters, the piece, or where it spells no word's shape and
    one gap is clearly its widest (WIDEST_GAP), the piece parted there ("S x K" / "R": a
    times-label packed beside the value's label, the cells' gap a little wider than the
    spaces inside the label)."""
    if len(letters) < 3 or word_shaped(letters):
        return [letters]
    gaps = sorted(
        ((b.bbox.x0 - a.bbox.x1, i) for i, (a, b) in enumerate(itertools.pairwise(letters))),
        reverse=True,
    )
    (widest, at), (next_widest, _) = gaps[0], gaps[1]
    if widest <= WIDEST_GAP * max(next_widest, 0.1):
        return [letters]
    return [letters[: at + 1], letters[at + 1 :]]


def joined(letters: Sequence[Word]) -> Word:
    """Given letters, the one word they spell (a box around them, their largest size, bold
    when all are)."""
    if len(letters) == 1:
        return letters[0]
    first = letters[0]
    box = BBox(
        min(w.bbox.x0 for w in letters),
        min(w.bbox.top for w in letters),
        max(w.bbox.x1 for w in letters),
        max(w.bbox.bottom for w in letters),
    )
    return Word(
        "".join(w.text for w in letters),
        box,
        origin=first.origin,
        confidence=min(w.confidence for w in letters),
        font_size=max(w.font_size for w in letters),
        bold=all(w.bold for w in letters),
    )


def join_spaced_letters(words: Sequence[Word]) -> list[Word]:
    """Given a page's words in reading order, the same words with each run of spaced
    letters read as its words ("S A N N O L I K H E T" -> "SANNOLIKHET")."""
    runs = spaced_runs(words)
    if not runs:
        return list(words)
    out: list[Word] = []
    at = 0
    for first, last in runs:
        out.extend(words[at:first])
        out.extend(spaced_words(words[first : last + 1]))
        at = last + 1
    out.extend(words[at:])
    return out
