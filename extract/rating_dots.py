"""Ratings given as dots on a scanned page: found in the page image, put in its words.

A plan may rate a risk's probability and consequence with filled dots on its scale
("●●●○" = 3 of 4, "●●○○○" = 2 of 5). The text layer gives the dots as glyphs, which
``normalize/values.rating_symbols`` counts; Tesseract has no reading for them and gives
"@@00", "6400", "9909" or "@000", which read as no value, 0 or 6400. Here the dots are
found in the page image as connected components: a disc is a round component (near-square,
its bounding box's corners paper) whose inner area is ink, a ring one whose inner area is
paper. A rating is a run of two to ten such components of one size side by side on one
line, closer than their size, at least one of them a disc (rings alone are letters "o" as
often as open dots, a disc beside a ring of its size is neither a letter nor a bullet). The
run becomes one word of "●" and "○" in its place, and the OCR words its ink produced are
taken out (``checkboxes``: the characters over the run, by their share of the word's width).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import numpy as np
import numpy.typing as npt

from riskrad.extract.checkboxes import CAP_TO_SIZE, mark_fill, reading_place, word_without
from riskrad.extract.image_rulings import ink_components
from riskrad.model.records import BBox, Word

FILLED_GLYPH = "●"
OPEN_GLYPH = "○"

# Measured on the tune scans of plan_dot_ratings (seeds 0-5, 200 and 300 dpi): discs
# 5.5-7.4 pt, fill 1.00, their bounding box's area inked 0.77-0.82; rings fill <= 0.05, area
# 0.38-0.44; letters of the text around them fill 0.04-0.73, corners paper as well.
MIN_DOT_PT = 3.0  # a dot is at least this tall and wide (a period, a bullet's dot: smaller)
MAX_DOT_PT = 12.0  # and at most this
ROUND = 0.8  # its shorter side at least this share of its longer
CORNER = 0.15  # its bounding box's corners are squares this share of its size (2 px at least)
CORNER_INK = 0.15  # each at most this share ink: round, no square box or letter's stem
DISC_FILL = 0.85  # inner area inked this much or more: a filled dot
RING_FILL = 0.2  # this much or less: an open one
DOTTED_FILL = 0.85  # a thin ring (not a disc's area) whose inner area is inked this much holds
# a dot of its own ("◉": ring 0.28 of its box, inner area 0.99 on plan_radio_values' tune scans)
DISC_AREA = 0.65  # a disc inks this share of its bounding box at least (a ring ~0.4)
PEER_SIZE = 0.2  # the dots of a run differ in height by at most this share
PEER_LINE = 0.25  # and their middles by at most this share of their height
RUN_GAP = 0.8  # and stand at most this share of their height apart
MIN_RUN, MAX_RUN = 2, 10  # dots in a rating
WRAP_SHIFT = 0.5  # a run's rest on the line below starts this share of its height from it
WRAP_GAP = 1.0  # and at most this share of its height under it
SPECK = 0.05  # ink of less than this share of a line's height squared is a speck, no letter
GLYPH = 3.0  # a glyph's ink (or a few touching) is at most this many line heights tall and wide
CLEAR = 0.3  # a rating has no ink this share of its height before or after it
CHAIN_SLACK = 0.3  # a chain of n joined dots is n times its height wide, give or take this
RADIO_GAP = 3.5  # a form's options stand at most this share of their height apart (their
# number labels between: "○1 ○2 ●3 ○4", or a space: "○ ○ ● ○")
MIN_OPTIONS = 3  # options in a form's row at least (on a scale of 3 to MAX_RUN)
EVEN_GAPS = 0.6  # the gaps between a row's options differ by at most this share of the widest
DOT_CONFIDENCE = 0.9


@dataclass(frozen=True, slots=True)
class Dot:
    """A round component of a page image: its box in pixels and whether it is filled."""

    x0: int
    top: int
    x1: int
    bottom: int
    filled: bool

    @property
    def height(self) -> int:
        return self.bottom - self.top


def _round_corners(own: npt.NDArray[np.bool_]) -> bool:
    """Given a component's own pixels in its bounding box, whether the box's corners (squares
    CORNER of its height) are paper but for CORNER_INK: round ends, no box or stem."""
    c = max(2, round(CORNER * min(own.shape)))
    corners = (own[:c, :c], own[:c, -c:], own[-c:, :c], own[-c:, -c:])
    return max(float(k.mean()) for k in corners) <= CORNER_INK


def _dot(
    grey: npt.NDArray[np.uint8], own: npt.NDArray[np.bool_], x: int, y: int, corners: bool
) -> Dot | None:
    """Given the page's grey levels, a dot-sized piece's own pixels in its box (at x, y) and
    whether its box's corners must be paper, the piece as a disc or a ring (a ring holding a
    dot, "◉", counts as filled: a form's chosen option), or None."""
    bh, bw = own.shape
    if corners and not _round_corners(own):
        return None
    fill = mark_fill(grey, own, x, y, min(bw, bh))
    if fill >= DISC_FILL and own.mean() >= DISC_AREA:
        return Dot(x, y, x + bw, y + bh, True)
    if fill <= RING_FILL:
        return Dot(x, y, x + bw, y + bh, False)
    if fill >= DOTTED_FILL and own.mean() < DISC_AREA:
        return Dot(x, y, x + bw, y + bh, True)  # a ring holding a dot: a chosen option "◉"
    return None


def _read(
    grey: npt.NDArray[np.uint8], labels: npt.NDArray[np.int_], stats: npt.NDArray[np.int32], i: int
) -> list[Dot]:
    """Given the page's grey levels, its components' labels and stats and a component of a
    dot's height, its dots: itself as a disc or a ring, or the pieces of a chain a scan's
    blur joined ("○○○" as one component at 200 dpi: about a whole number of times as wide as
    tall, cut in that many pieces, each a disc or a ring, the chain's outer corners paper)."""
    x, y, bw, bh = (int(v) for v in stats[i, :4])
    own = labels[y : y + bh, x : x + bw] == i
    if bw <= bh / ROUND:
        dot = _dot(grey, own, x, y, corners=True)
        return [dot] if dot is not None else []
    n = round(bw / bh)
    if n < MIN_RUN or abs(bw / bh - n) > CHAIN_SLACK or not _round_corners(own):
        return []
    ends = [round(k * bw / n) for k in range(n + 1)]
    pieces = [_dot(grey, own[:, a:b], x + a, y, corners=False) for a, b in pairwise(ends)]
    return [p for p in pieces if p is not None] if None not in pieces else []


def dots(grey: npt.NDArray[np.uint8], scale: float) -> list[Dot]:
    """Given a straightened page's grey levels and its pixels per point, its round
    components of a dot's size that may make a rating: discs, and the rings (and chains,
    ``_read``) near a disc, on its line, the next or the one before within a rating's reach
    (a page without
    a disc has no rating: its letters "o" are not read one by one)."""
    _, labels, stats = ink_components(grey)
    w, h = stats[:, 2].astype(np.int64), stats[:, 3].astype(np.int64)
    sized = (h >= MIN_DOT_PT * scale) & (h <= MAX_DOT_PT * scale)
    picks = np.nonzero(sized & (w >= ROUND * h) & (w <= MAX_RUN * h))[0]
    picks = picks[picks > 0]
    dense = stats[picks, 4] >= DISC_AREA * w[picks] * h[picks]  # a disc inks its box densely
    read = {int(i): _read(grey, labels, stats, int(i)) for i in picks[dense]}
    discs = [d for found in read.values() for d in found if d.filled]
    if not discs:
        return []
    near = np.zeros(len(picks), dtype=bool)
    x0, top = stats[picks, 0], stats[picks, 1]
    for d in discs:
        reach = MAX_RUN * (1 + RUN_GAP) * d.height
        below = d.bottom + (1 + WRAP_GAP) * d.height  # the line a run wraps onto
        above = d.top - (1 + WRAP_GAP) * d.height  # a form's row wrapped onto the disc's line
        near |= (np.abs(x0 - d.x0) <= reach) & (top >= above) & (top <= below)
    for i in picks[near & ~dense].tolist():
        read[i] = _read(grey, labels, stats, i)
    return [d for found in read.values() for d in found]


def _next_to(a: Dot, b: Dot, gap: float = RUN_GAP) -> bool:
    """Given a dot and one right of it (and how many of their heights apart at most), whether
    b goes on a's run: one size, one line, close."""
    tall = max(a.height, b.height)
    return (
        abs(a.height - b.height) <= PEER_SIZE * tall
        and abs((a.top + a.bottom) - (b.top + b.bottom)) / 2 <= PEER_LINE * tall
        and 0 <= b.x0 - a.x1 <= gap * tall
    )


def _chain(
    found: list[Dot], i: int, taken: set[int], gap: float = RUN_GAP, even: bool = False
) -> list[int]:
    """Given the dots in order of their left ends, one of them, those taken, how far apart
    its dots stand at most (their heights: RUN_GAP for a rating, RADIO_GAP for a form's
    options) and whether they stand evenly (a form's options: a wider gap starts the next
    cell's row), the indices of the run of dots that starts with it (``_next_to``)."""
    at = [i]
    for j in range(i + 1, len(found)):
        last = found[at[-1]]
        apart = found[j].x0 - last.x1
        if apart > gap * last.height * (1 + PEER_SIZE):
            break  # the dots are in order of their left ends: none further on is close
        if even and len(at) >= 2:
            first = found[at[1]].x0 - found[at[0]].x1
            if apart > (1 + EVEN_GAPS) * first + PEER_SIZE * last.height:
                continue
        if j not in taken and _next_to(last, found[j], gap):
            at.append(j)
    return at


def _wrapped(run: list[Dot], dot: Dot) -> bool:
    """Given a run and a dot, whether the dot starts the run's rest on the line below (a
    narrow cell wraps "●●●●○" as "●●●●" / "○"): of its size, under its first dot."""
    first, tall = run[0], max(d.height for d in run)
    return (
        abs(dot.height - first.height) <= PEER_SIZE * tall
        and abs(dot.x0 - first.x0) <= WRAP_SHIFT * tall
        and 0 <= dot.top - max(d.bottom for d in run) <= WRAP_GAP * tall
    )


def _inked_between(stats: npt.NDArray[np.int32], top: int, bottom: int, x0: int, x1: int) -> bool:
    """Given the page's ink components' stats and a stretch of a line (pixels), whether a
    glyph's ink stands in it: more than a speck (SPECK of the line's height squared), at
    most GLYPH times the line's height tall and wide (a table's rules are one component
    around its cells)."""
    if x1 <= x0:
        return False
    line = bottom - top
    x, y, w, h, area = (stats[1:, k] for k in range(5))
    return bool(
        np.any(
            (x < x1)
            & (x + w > x0)
            & (y < bottom)
            & (y + h > top)
            & (area >= SPECK * line**2)
            & (h <= GLYPH * line)
            & (w <= GLYPH * line)
        )
    )


def _apart(run: list[Dot], stats: npt.NDArray[np.int32]) -> bool:
    """Given a run of dots and the page's ink components' stats, whether the run stands
    apart as a word of its own: no ink between its dots (a bold "e" blurred solid, "e l e"
    of "elever", is a disc beside a disc with a letter between) nor within CLEAR of its
    height before or after it (a rating stands alone in its cell, letters of a word close)."""
    top, bottom = min(d.top for d in run), max(d.bottom for d in run)
    clear = round(CLEAR * (bottom - top))
    if any(_inked_between(stats, top, bottom, a.x1, b.x0) for a, b in pairwise(run)):
        return False
    return not (
        _inked_between(stats, top, bottom, run[0].x0 - clear, run[0].x0)
        or _inked_between(stats, top, bottom, run[-1].x1, run[-1].x1 + clear)
    )


def rating_runs(
    grey: npt.NDArray[np.uint8], scale: float, page_dots: list[Dot] | None = None
) -> list[list[Dot]]:
    """Given a straightened page's grey levels and its pixels per point (and its ``dots``, when
    found already), its ratings in dots, a line each: runs of MIN_RUN to MAX_RUN dots of one
    size side by side, a disc among them, standing apart (``_apart``), and the dots such a run
    wraps onto the line below (``_wrapped``), at most MAX_RUN in all."""
    found = sorted(dots(grey, scale) if page_dots is None else page_dots, key=lambda d: d.x0)
    if not found:
        return []
    stats = ink_components(grey)[2]
    taken: set[int] = set()
    runs: list[list[Dot]] = []
    for i in range(len(found)):
        if i in taken:
            continue
        at = _chain(found, i, taken)
        run = [found[j] for j in at]
        if not (MIN_RUN <= len(run) <= MAX_RUN and any(d.filled for d in run)):
            continue
        if not _apart(run, stats):
            continue
        taken.update(at)
        runs.append(run)
        below = next((j for j, d in enumerate(found) if j not in taken and _wrapped(run, d)), None)
        if below is not None:
            rest = _chain(found, below, taken)
            if len(run) + len(rest) <= MAX_RUN and _apart([found[j] for j in rest], stats):
                taken.update(rest)
                runs.append([found[j] for j in rest])
    return runs


def _even(line: list[Dot]) -> bool:
    """Given a line of options, whether they stand evenly apart (a form's row: each option
    with its label; not round letters of a text)."""
    gaps = [b.x0 - a.x1 for a, b in pairwise(line)]
    return not gaps or min(gaps) >= (1 - EVEN_GAPS) * max(gaps)


def _under(line: list[Dot], dot: Dot) -> bool:
    """Given a line of options and a dot, whether the dot starts the row's rest on the line
    below (a narrow cell wraps "○1 ○2 ○3" / "●4", centred or not): of their size, under
    the line's width, at most WRAP_GAP of their height below."""
    first, tall = line[0], max(d.height for d in line)
    return (
        abs(dot.height - first.height) <= PEER_SIZE * tall
        and line[0].x0 - tall <= dot.x0 <= line[-1].x1
        and 0 <= dot.top - max(d.bottom for d in line) <= (1 + WRAP_GAP) * tall
    )


def radio_runs(
    grey: npt.NDArray[np.uint8],
    scale: float,
    ratings: list[list[Dot]],
    page_dots: list[Dot] | None = None,
) -> list[list[list[Dot]]]:
    """Given a straightened page's grey levels, its pixels per point, its ratings in dots
    (``rating_runs``, whose dots are no options) and its ``dots`` when found already, the rows
    of a form's options (radio buttons): MIN_OPTIONS to MAX_RUN round marks of one size, evenly
    apart on a line (and the line below it wraps onto), their number labels or a space between,
    exactly one of them filled (the chosen option: its place is the value), no ink right before
    the first. Each row comes as its lines of options, in reading order."""
    used = {(d.x0, d.top) for run in ratings for d in run}
    found = sorted(
        (
            d
            for d in (dots(grey, scale) if page_dots is None else page_dots)
            if (d.x0, d.top) not in used
        ),
        key=lambda d: d.x0,
    )
    if len(found) < MIN_OPTIONS:
        return []
    stats = ink_components(grey)[2]
    taken: set[int] = set()
    rows: list[list[list[Dot]]] = []
    for i in range(len(found)):
        if i in taken:
            continue
        at = _chain(found, i, taken, RADIO_GAP, even=True)
        line = [found[j] for j in at]
        if len(line) < 2 or not _even(line):
            continue
        row, lines = list(line), [at]
        step: int | None = None
        while len(row) < MAX_RUN:  # the lines the row wraps onto, evenly spaced
            last = [found[j] for j in lines[-1]]
            inside = {j for ls in lines for j in ls}
            under = [
                j
                for j, d in enumerate(found)
                if j not in taken and j not in inside and _under(last, d)
            ]
            if not under:
                break
            below = min(under, key=lambda j: (found[j].top, found[j].x0))
            rest = _chain(found, below, taken | inside, RADIO_GAP, even=True)
            down = found[below].top - last[0].top
            if (
                len(rest) > len(line)
                or not _even([found[j] for j in rest])
                or (step is not None and down > (1 + PEER_SIZE) * step)
                or len(row) + len(rest) > MAX_RUN
            ):
                break
            step = down if step is None else step
            row += [found[j] for j in rest]
            lines.append(rest)
        top, bottom = line[0].top, line[0].bottom
        clear = round(CLEAR * (bottom - top))
        if not (
            MIN_OPTIONS <= len(row) <= MAX_RUN
            and sum(d.filled for d in row) == 1
            and not _inked_between(stats, top, bottom, line[0].x0 - clear, line[0].x0)
        ):
            continue
        for at_line in lines:
            taken.update(at_line)
        rows.append([[found[j] for j in at_line] for at_line in lines])
    return rows


def _line_box(line: list[Dot], label: int, scale: float) -> BBox:
    """Given a line of a form's options, the room a label takes after an option (pixels) and
    the pixels per point, the line's box in points with the last option's label."""
    return BBox(
        line[0].x0 / scale,
        min(d.top for d in line) / scale,
        (line[-1].x1 + label) / scale,
        max(d.bottom for d in line) / scale,
    )


def radio_words(
    words: tuple[Word, ...], rows: list[list[list[Dot]]], scale: float
) -> tuple[Word, ...]:
    """Given a page's OCR words, its forms' rows of options (``radio_runs``) and the pixels
    per point, the words with what the OCR read of each row's ink ("O10203", "el O2") taken
    out and the row as one word of "○" and "●" in its first line's place ("○○●○": the
    chosen option's place is the value)."""
    out = list(words)
    for row in rows:
        gaps = sorted(b.x0 - a.x1 for line in row for a, b in pairwise(line))
        label = gaps[len(gaps) // 2]  # as far as the options stand apart: "○1 ○2", "○ ○"
        boxes = [_line_box(line, label, scale) for line in row]
        place: int | None = None
        for n, box in enumerate(boxes):
            kept: list[Word] = []
            for word in out:
                trimmed = word_without(word, box)
                if n == 0 and trimmed is not word and place is None:
                    place = len(kept) + (trimmed is not None and trimmed.bbox.x1 <= box.x0)
                if trimmed is not None:
                    kept.append(trimmed)
            out = kept
        glyph = Word(
            text="".join(FILLED_GLYPH if d.filled else OPEN_GLYPH for line in row for d in line),
            bbox=boxes[0],
            origin="ocr",
            confidence=DOT_CONFIDENCE,
            font_size=boxes[0].height * CAP_TO_SIZE,
        )
        out.insert(reading_place(out, boxes[0]) if place is None else place, glyph)
    return tuple(out)


def dot_words(words: tuple[Word, ...], runs: list[list[Dot]], scale: float) -> tuple[Word, ...]:
    """Given a page's OCR words, its ratings in dots (``rating_runs``) and the pixels per
    point, the words with each rating as a word of "●" and "○" in its place and what the
    OCR read of its ink taken out; the words unchanged when the page has none."""
    if not runs:
        return words
    out = list(words)
    for run in sorted(runs, key=lambda r: (r[0].top, r[0].x0)):
        box = BBox(
            run[0].x0 / scale,
            min(d.top for d in run) / scale,
            run[-1].x1 / scale,
            max(d.bottom for d in run) / scale,
        )
        kept: list[Word] = []
        place: int | None = None
        for word in out:
            trimmed = word_without(word, box)
            if trimmed is not word and place is None:
                place = len(kept) + (trimmed is not None and trimmed.bbox.x1 <= box.x0)
            if trimmed is not None:
                kept.append(trimmed)
        glyph = Word(
            text="".join(FILLED_GLYPH if d.filled else OPEN_GLYPH for d in run),
            bbox=box,
            origin="ocr",
            confidence=DOT_CONFIDENCE,
            font_size=box.height * CAP_TO_SIZE,
        )
        kept.insert(reading_place(kept, box) if place is None else place, glyph)
        out = kept
    return tuple(out)
