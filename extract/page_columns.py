"""Text set in two page columns: read the left column down, then the right one.

A verksamhetsplan or delårsrapport set in two columns puts a left-column line and a
right-column line at the same height; read across, a risk's "Kontroll: …" line runs on
into the other column's text. A band of lines that no word crosses at one place near the
middle of the text (a gutter), with text on both sides of it, is two columns: its lines
are split there and read column by column. A line across the gutter (a heading over both
columns) ends the band.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Callable, Sequence
from typing import TypeVar

import numpy as np

from riskrad.model import vocabulary as vocab
from riskrad.model.records import Word
from riskrad.model.text import opens_with_labelled_value

L = TypeVar("L")

MIDDLE = (0.3, 0.7)  # the gutter lies in this share of the text's width
GUTTER = 1.2  # font sizes: the gutter is at least this wide
SIDE_LINES = 4  # lines of text on each side of the gutter in a band
FILLED = 0.7  # the longer lines of each side reach this share of their column's width
FILLED_SHARE = 0.25  # ... the longest quarter of them
PROSE_WORDS = 4  # ... holding this many words (a card's labels, one or two words, do not)


def covers(words: Sequence[Word], x: float, half: float) -> bool:
    """Given a line's words, an x position and half the gutter's width, whether a word
    stands within the gutter around x."""
    return any(w.bbox.x0 - half < x < w.bbox.x1 + half for w in words)


def gutter(lines: Sequence[Sequence[Word]], left: float, right: float) -> float | None:
    """Given a page's lines (words) and its text's left and right edges, the x of a gutter
    near the middle that the most lines do not cross, with the most lines of text on both
    sides (the middle of the widest such stretch); None when no place has enough lines on
    each side. Places one point apart are scored at once (arrays: a page's lines by places)."""
    sizes = [max(w.font_size or w.bbox.height, 1.0) for line in lines for w in line]
    if not sizes or right - left <= 0:
        return None
    half = GUTTER * statistics.median(sizes) / 2
    xs = np.arange(left + MIDDLE[0] * (right - left), left + MIDDLE[1] * (right - left), 1.0)
    if not len(xs):
        return None
    covered = np.zeros((len(lines), len(xs)), dtype=bool)
    firsts = np.empty(len(lines))
    lasts = np.empty(len(lines))
    for i, line in enumerate(lines):
        for w in line:
            a, b = np.searchsorted(xs, (w.bbox.x0 - half, w.bbox.x1 + half), side="right")
            covered[i, a:b] = True
        firsts[i] = min(w.bbox.x1 for w in line)
        lasts[i] = max(w.bbox.x0 for w in line)
    clear = ~covered
    on_left = (clear & (firsts[:, None] < xs[None, :])).sum(axis=0)
    on_right = (clear & (lasts[:, None] > xs[None, :])).sum(axis=0)
    scores = np.minimum(on_left, on_right)
    top = int(scores.max())
    if top < SIDE_LINES:
        return None
    best = np.flatnonzero(scores == top)  # the places scoring best, in runs one point apart
    runs = np.split(best, np.flatnonzero(np.diff(best) > 1) + 1)
    widest = max(runs, key=len)
    return float(xs[widest[0]] + xs[widest[-1]]) / 2  # the widest run's middle: the gutter's


LABEL_WORDS = 4  # a table's column label: at most this many words, no colon
CELL_GAP = 2.0  # font sizes: a gap this wide inside one side parts a table's cells
TABLE_SHARE = 0.1  # a band whose sides' lines hold such gaps this often is a table


def has_cell_gap(part: Sequence[Word]) -> bool:
    """Given the words of one side of a line, whether a gap between two of them is wider
    than a word space in justified prose (two cells of a table, not a page column's text)."""
    ordered = sorted(part, key=lambda w: w.bbox.x0)
    return any(
        b.bbox.x0 - a.bbox.x1 > CELL_GAP * max(a.font_size or a.bbox.height, 1.0)
        for a, b in itertools.pairwise(ordered)
    )


def header_across(left: Sequence[Word], right: Sequence[Word]) -> bool:
    """Given a line's words left and right of the gutter, whether they are two column
    labels of a table ("Risk" | "Kontrollmoment"): a table's two columns, not two pages'."""
    texts = [" ".join(w.text for w in side) for side in (left, right)]
    return all(
        text
        and ":" not in text
        and len(text.split()) <= LABEL_WORDS
        and vocab.classify_header(text) is not None
        for text in texts
    )


def filled(parts: Sequence[Sequence[Word]], start: float, end: float) -> bool:
    """Given one side's parts of lines and its column's edges, whether its longer lines
    reach across the column in words (prose set in a column, not a table's short cells nor
    a card's labels)."""
    widths = sorted(
        (
            (max(w.bbox.x1 for w in part) - min(w.bbox.x0 for w in part)) / (end - start),
            PROSE_WORDS if labelled_part(part) else len(part),
        )
        for part in parts
    )
    longest = widths[int(len(widths) * (1 - FILLED_SHARE)) :]
    return (
        bool(longest)
        and statistics.median(w for w, _ in longest) >= FILLED
        and statistics.median(n for _, n in longest) >= PROSE_WORDS
    )


def labelled_part(part: Sequence[Word]) -> bool:
    """Given one side's part of a line, whether it opens with a label and its value
    ("Kontrollansvarig: Säkerhetssamordnare"): a key-value block's line, written as prose
    is, not a card's label cell beside its value."""
    ordered = sorted(part, key=lambda w: w.bbox.x0)
    return opens_with_labelled_value(" ".join(w.text for w in ordered))


Edges = tuple[float, float]


def column_order(
    lines: Sequence[L], words_of: Callable[[L], Sequence[Word]], make: Callable[[list[Word]], L]
) -> list[tuple[L, Edges | None]]:
    """Given a page's lines in reading order (with how to get a line's words and make a
    line of words), the lines with each band of two page columns split at its gutter and
    read left column first, each with its page column's edges (None: the page's)."""
    words = [words_of(line) for line in lines]
    if len(lines) < 2 * SIDE_LINES:
        return [(line, None) for line in lines]
    left = min(w.bbox.x0 for ws in words for w in ws)
    right = max(w.bbox.x1 for ws in words for w in ws)
    x = gutter(words, left, right)
    if x is None:
        return [(line, None) for line in lines]
    sizes = [max(w.font_size or w.bbox.height, 1.0) for ws in words for w in ws]
    half = GUTTER * statistics.median(sizes) / 2
    out: list[tuple[L, Edges | None]] = []
    band: list[int] = []
    for i in [*range(len(lines)), -1]:
        if i >= 0 and not covers(words[i], x, half):
            band.append(i)
            continue
        out.extend(band_lines(band, lines, words, x, left, right, make))
        band = []
        if i >= 0:
            out.append((lines[i], None))
    return out


def band_lines(
    band: list[int],
    lines: Sequence[L],
    words: Sequence[Sequence[Word]],
    x: float,
    left: float,
    right: float,
    make: Callable[[list[Word]], L],
) -> list[tuple[L, Edges | None]]:
    """Given a band's line positions, the page's lines and words, the gutter and the text's
    edges, the band's lines: left parts then right parts (each with its column's edges)
    when both sides hold enough lines of prose, else the lines as they are."""
    lefts = [[w for w in words[i] if w.bbox.x1 <= x] for i in band]
    rights = [[w for w in words[i] if w.bbox.x0 >= x] for i in band]
    if any(header_across(a, b) for a, b in zip(lefts, rights, strict=True)):
        return [(lines[i], None) for i in band]  # a table's header: its columns, not pages'
    lefts = [part for part in lefts if part]
    rights = [part for part in rights if part]
    if sum(map(has_cell_gap, lefts + rights)) > TABLE_SHARE * len(lefts + rights):
        return [(lines[i], None) for i in band]  # cells of a table set apart on each side
    if (
        len(lefts) < SIDE_LINES
        or len(rights) < SIDE_LINES
        or not filled(lefts, left, x)
        or not filled(rights, x, right)
    ):
        return [(lines[i], None) for i in band]
    split: list[tuple[L, Edges | None]] = [(make(part), (left, x)) for part in lefts]
    return split + [(make(part), (x, right)) for part in rights]


def column_text(words: Sequence[Word]) -> str:
    """Given a page's words, its text with lines read column by column where it is set in
    two page columns (:func:`column_order`): a heading of one column is a line of its own."""
    from riskrad.extract.tables import page_lines

    ordered = column_order(page_lines(tuple(words)), lambda line: line, lambda ws: ws)
    return "\n".join(" ".join(w.text for w in line) for line, _ in ordered)
