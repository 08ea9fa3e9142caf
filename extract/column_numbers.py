"""Numbers misread in place in a column of numbers, read again upright.

Tesseract's page read takes a lone number standing in a narrow column for a bit of turned
text or a mark: "3" comes out as "W" or "w", "4" as ">", "6" as "[op]" or "1Ö", "20" as
"N O", a decimal "5,7" as "SÅ". Such a short reading without a digit's shape, standing
alone on its line in a column where lone numbers stand above or below it, is cropped and
read again enlarged as a block of text (upright; in the one Tesseract run over the page's
cell crops, extract/cell_ocr.read_cells); the reading replaces the page read's when it is
numbers only and surer than it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from riskrad.model.records import BBox, Word

NUMBER = re.compile(r"^[-–]?\d{1,3}(?:[,.]\d{1,2})?$")  # a value: "4", "20", "-1", "5,7"
JOIN_EM = 0.8  # words on a line this near (share of their height) are one run of text
UNSURE = 0.9  # a run read with a word less sure than this (0..1) may be misread
SHORT = 4  # a run of at most this many characters (spaces aside) may be a misread number
COLUMN_EM = 1.0  # a number stands in the run's column when its middle is this near its sides
COLUMN_REACH_PT = 250.0  # and at most this far above or below
COLUMN_PEERS = 1  # a run has a column of numbers when this many lone numbers stand in it
PEER_HEIGHT = 0.75  # and is at least this share of their tallest's height (no dash, no speck)
PAD_PT = 2.0  # a run's crop reaches this far around its words


@dataclass(frozen=True, slots=True)
class Run:
    """Words side by side on one line with no wider gap than JOIN_EM: their indices, box."""

    members: tuple[int, ...]
    box: BBox


def _same_line(a: BBox, b: BBox) -> bool:
    """Given two boxes, whether they share half the height of the lower one."""
    overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
    return overlap >= 0.5 * min(a.height, b.height)


def runs(words: tuple[Word, ...]) -> list[Run]:
    """Given a page's words, its runs of text: words chained left to right on one line,
    each within JOIN_EM of its height of the next (turned words stand alone)."""
    order = sorted(range(len(words)), key=lambda i: words[i].bbox.x0)
    parent = {i: i for i in order}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for n, i in enumerate(order):
        a = words[i].bbox
        if words[i].turned:
            continue
        for j in order[n + 1 :]:
            b = words[j].bbox
            if b.x0 - a.x1 > JOIN_EM * max(a.height, b.height):
                break
            if not words[j].turned and _same_line(a, b):
                parent[root(j)] = root(i)
                break
    groups: dict[int, list[int]] = {}
    for i in order:
        groups.setdefault(root(i), []).append(i)
    out = []
    for members in groups.values():
        box = words[members[0]].bbox
        for i in members[1:]:
            box = box.union(words[i].bbox)
        out.append(Run(tuple(members), box))
    return out


def _text(run: Run, words: tuple[Word, ...]) -> str:
    """Given a run and the page's words, its text without spaces."""
    return "".join(words[i].text for i in run.members)


def _is_number(run: Run, words: tuple[Word, ...]) -> bool:
    """Given a run and the page's words, whether it is one lone number."""
    return len(run.members) == 1 and bool(NUMBER.match(words[run.members[0]].text))


def _in_column(run: Run, other: Run) -> bool:
    """Given a run and another, whether the other's middle stands in the run's column
    (within COLUMN_EM of its height of its sides) within COLUMN_REACH_PT above or below."""
    reach = COLUMN_EM * run.box.height
    return (
        run.box.x0 - reach <= other.box.xmid <= run.box.x1 + reach
        and abs(other.box.ymid - run.box.ymid) <= COLUMN_REACH_PT
        and other is not run
    )


def misread_numbers(words: tuple[Word, ...]) -> list[Run]:
    """Given a page's OCR words, the runs that may be a number misread in place: at most
    SHORT characters, not a number, a word of it read less sure than UNSURE, standing in a
    column with at least COLUMN_PEERS lone numbers and about as tall as they are."""
    found = runs(words)
    numbers = [r for r in found if _is_number(r, words)]
    out = []
    for run in found:
        text = _text(run, words)
        if len(text) > SHORT or _is_number(run, words):
            continue
        if min(words[i].confidence for i in run.members) >= UNSURE:
            continue
        peers = [n for n in numbers if _in_column(run, n)]
        if len(peers) < COLUMN_PEERS:
            continue
        if run.box.height >= PEER_HEIGHT * max(n.box.height for n in peers):
            out.append(run)
    return out


def crop_box(run: Run) -> BBox:
    """Given a run, its crop's box in points (PAD_PT around its words)."""
    b = run.box
    return BBox(b.x0 - PAD_PT, b.top - PAD_PT, b.x1 + PAD_PT, b.bottom + PAD_PT)


def _inside(word: Word, box: BBox) -> bool:
    """Given a word and a box, whether the word's middle lies in the box."""
    return box.x0 <= word.bbox.xmid <= box.x1 and box.top <= word.bbox.ymid <= box.bottom


def replace_misread(
    words: tuple[Word, ...], found: list[Run], read: tuple[Word, ...]
) -> tuple[tuple[Word, ...], tuple[Word, ...]]:
    """Given a page's words, the runs read again and the words read in all crops, the
    page's words with each run replaced by its reading where that is numbers only and
    surer (its least sure word) than the run's least sure word, and the read words that
    lie in no run's crop (the other crops' words)."""
    drop: set[int] = set()
    extra: list[Word] = []
    taken: set[int] = set()
    for run in found:
        box = crop_box(run)
        mine = [n for n, w in enumerate(read) if n not in taken and _inside(w, box)]
        taken.update(mine)
        got = [read[n] for n in mine]
        if not got or not all(NUMBER.match(w.text) for w in got):
            continue
        if min(w.confidence for w in got) <= min(words[i].confidence for i in run.members):
            continue
        drop.update(run.members)
        extra += got
    kept = tuple(w for i, w in enumerate(words) if i not in drop) + tuple(extra)
    rest = tuple(w for n, w in enumerate(read) if n not in taken)
    return kept, rest
