"""Values misread in place in a column of values, read again upright.

Tesseract's page read takes a lone number standing in a narrow column for a bit of turned
text or a mark: "3" comes out as "W" or "w", "4" as ">", "6" as "[op]" or "1Ö", "20" as
"N O", a decimal "5,7" as "SÅ", two numbers "5, 7" as "NTA". Such a short reading without a
digit's shape, standing alone on its line in a column where lone numbers stand above or
below it, is cropped and read again enlarged as a block of text (upright; in the one
Tesseract run over the page's cell crops, extract/cell_ocr.read_cells); the reading
replaces the page read's when it is a value and surer than it. A column of S/K pairs
("S1 K3") is a column of values too: a pair misread there ("SLIK2", "SS5KS", "S2 Kl",
"-S1 K3") is read again the same way and replaced by a pair read surer.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, replace

from riskrad.model.records import BBox, Word

NUMBER = re.compile(r"^[-–]?\d{1,3}(?:[,.]\d{1,2})?$")  # a value: "4", "20", "-1", "5,7"
LISTED = re.compile(r"^\d{1,3},$")  # a number before the next of a list ("5," of "5, 7")
PAIR = re.compile(r"^S[:=]?\d{1,2}[,;/]?K[:=]?\d{1,2}$", re.IGNORECASE)  # "S1 K3", spaces out
PAIR_SHORT = 6  # a run of at most this many characters in a column of pairs may be one misread
PAIR_PART = re.compile(r"^([SK][:=]?)([0-9lI|Oo]{1,2})([,;/]?)$", re.IGNORECASE)  # "Kl", "SI"
DIGIT_LOOKALIKES = str.maketrans("lI|Oo", "11100")  # a digit's place in a pair holds a digit
JOIN_EM = 0.8  # words on a line this near (share of their height) are one run of text
UNSURE = 0.9  # a run read with a word less sure than this (0..1) may be misread
SHORT = 4  # a run of at most this many characters (spaces aside) may be a misread number
COLUMN_EM = 1.0  # a number stands in the run's column when its middle is this near its sides
COLUMN_REACH_PT = 250.0  # and at most this far above or below
COLUMN_PEERS = 1  # a run has a column of numbers when this many lone numbers stand in it
PEER_HEIGHT = 0.75  # and is at least this share of their median height (no dash, no speck;
# a larger heading's "4.3" above a column of row numbers sets no bar)
PAD_PT = 2.0  # a run's crop reaches this far around its words
MARK_WIDE = 3.0  # a lone mark at most this many times wider than tall may be a number
VERY_UNSURE = 0.7  # a short run read less sure than this (0..1) beside a value on its line, or
# a number so read in a column of values ("225" for the "2" and "1" of two columns), is read again
STACK_WIDE = 2.5  # a turned run this many times as wide as its column's values at most
STACK_ROWS = 2.0  # and this many times as tall at least, may be their numbers stacked
LINE_REACH_EM = 8.0  # a value beside a run on its line stands this many of its heights away at most


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


def _is_pair(run: Run, words: tuple[Word, ...]) -> bool:
    """Given a run and the page's words, whether it is an S/K pair ("S1 K3", "S: 2, K: 4")."""
    return bool(PAIR.match(_text(run, words)))


def pair_digits(texts: list[str]) -> list[str] | None:
    """Given words read as an S/K pair with a letter like a digit in a digit's place ("S2",
    "Kl"; "SI", "K3"), the words with those letters as the digits they look like ("K1"),
    when that makes a pair; None otherwise (a pair's digits are digits)."""
    parts = [PAIR_PART.match(t) for t in texts]
    if not parts or any(m is None for m in parts):
        return None
    fixed = [m.group(1) + m.group(2).translate(DIGIT_LOOKALIKES) + m.group(3) for m in parts if m]
    return fixed if PAIR.match("".join(fixed)) else None


def is_value_reading(texts: list[str]) -> bool:
    """Given the words read again in a run's crop (in reading order), whether they are one
    value: a number ("4", "5,7"), numbers listed ("5, 7") or side by side ("2" "1": a run
    read over two columns' values) or an S/K pair ("S1 K3")."""
    if not texts:
        return False
    if PAIR.match("".join(texts)):
        return True
    if all(NUMBER.match(t) for t in texts):  # values side by side or one above another
        return True
    return all(LISTED.match(t) for t in texts[:-1]) and bool(NUMBER.match(texts[-1]))


def _in_column(run: Run, other: Run) -> bool:
    """Given a run and another, whether the other's middle stands in the run's column
    (within COLUMN_EM of its height of its sides) within COLUMN_REACH_PT above or below."""
    reach = COLUMN_EM * run.box.height
    return (
        run.box.x0 - reach <= other.box.xmid <= run.box.x1 + reach
        and abs(other.box.ymid - run.box.ymid) <= COLUMN_REACH_PT
        and other is not run
    )


def misread_numbers(words: tuple[Word, ...], marks: list[BBox] | None = None) -> list[Run]:
    """Given a page's OCR words (and the boxes of lone marks the page read dropped, to be read
    in the same run), the runs that may be a value misread in place: not a value, a word of
    it read less sure than UNSURE, standing in a column with at least COLUMN_PEERS values
    (lone numbers, S/K pairs, marks of a number's shape: the page read often drops a column's
    numbers and misreads one) and about as tall as most of them are, of at most SHORT characters
    (PAIR_SHORT when a pair is among those values)."""
    found = runs(words)
    values = [r for r in found if _is_number(r, words) or _is_pair(r, words)]
    values += [Run((), m) for m in marks or [] if m.width <= MARK_WIDE * m.height]
    out = []
    for run in found:
        text = _text(run, words)
        if _is_pair(run, words):
            continue
        sure = min(words[i].confidence for i in run.members)
        peers = [n for n in values if _in_column(run, n)]
        if sure < UNSURE and _stacked_values(run, words, peers):
            out.append(run)  # "Mm N in", "UTN": a column's numbers over rows read turned
            continue
        if len(text) > PAIR_SHORT:
            continue
        if _is_number(run, words):
            if sure < VERY_UNSURE and (peers or _beside_value(run, values)):
                out.append(run)  # "225" over the "2" and "1" of two columns
            continue
        if len(text) == 1 and _between(run, peers) and _as_tall(run, peers):
            out.append(run)  # "W", "N", "S" between a column's numbers, however sure
            continue
        if sure >= UNSURE:
            continue
        if sure < VERY_UNSURE and len(text) <= SHORT and _beside_value(run, values):
            out.append(run)  # "SIE" for "5 3" beside the row's "15"
            continue
        if len(peers) < COLUMN_PEERS:
            continue
        if len(text) > SHORT and not any(_is_pair(n, words) for n in peers):
            continue
        if _as_tall(run, peers):
            out.append(run)
    return out


def _stacked_values(run: Run, words: tuple[Word, ...], peers: list[Run]) -> bool:
    """Given a run, the page's words and the values of its run's column, whether it is read
    turned, as narrow as STACK_WIDE of the widest of them and as tall as STACK_ROWS of their
    median height: numbers of the column's rows one above another, read as a turned word."""
    if not peers or not all(words[i].turned for i in run.members):
        return False
    height = statistics.median(n.box.height for n in peers)
    return (
        run.box.width <= STACK_WIDE * max(n.box.width for n in peers)
        and run.box.height >= STACK_ROWS * height
    )


def _as_tall(run: Run, peers: list[Run]) -> bool:
    """Given a run and the values of its column, whether it is PEER_HEIGHT of their median
    height or taller (no dash, no speck)."""
    return bool(peers) and run.box.height >= PEER_HEIGHT * statistics.median(
        n.box.height for n in peers
    )


def _between(run: Run, peers: list[Run]) -> bool:
    """Given a run and the values of its column, whether values stand above it and below it
    (a column's label stands over them all)."""
    return any(n.box.ymid < run.box.top for n in peers) and any(
        n.box.ymid > run.box.bottom for n in peers
    )


def _beside_value(run: Run, values: list[Run]) -> bool:
    """Given a run and the page's values, whether one stands on its line within
    LINE_REACH_EM of its height on either side (a row of values: S, K, R)."""
    reach = LINE_REACH_EM * run.box.height
    return any(
        n is not run
        and _same_line(run.box, n.box)
        and (0 <= n.box.x0 - run.box.x1 <= reach or 0 <= run.box.x0 - n.box.x1 <= reach)
        for n in values
    )


def crop_box(run: Run) -> BBox:
    """Given a run, its crop's box in points (PAD_PT around its words)."""
    b = run.box
    return BBox(b.x0 - PAD_PT, b.top - PAD_PT, b.x1 + PAD_PT, b.bottom + PAD_PT)


def _inside(word: Word, box: BBox) -> bool:
    """Given a word and a box, whether the word's middle lies in the box."""
    return box.x0 <= word.bbox.xmid <= box.x1 and box.top <= word.bbox.ymid <= box.bottom


def _less_sure(got: list[Word], run: Run, words: tuple[Word, ...]) -> bool:
    """Given a run's reading, the run and the page's words, whether the reading's least sure
    word is no surer than the run's."""
    return min(w.confidence for w in got) <= min(words[i].confidence for i in run.members)


def replace_misread(
    words: tuple[Word, ...],
    found: list[Run],
    read: tuple[Word, ...],
    plain: tuple[Word, ...] = (),
) -> tuple[tuple[Word, ...], tuple[Word, ...]]:
    """Given a page's words, the runs read again and the words read in all crops, the
    page's words with each run replaced by its reading where that is a value
    (``is_value_reading``) and surer (its least sure word) than the run's least sure word,
    and the read words that lie in no run's crop (the other crops' words). The runs' crops
    read at print size too (``plain``: an enlarged "5" read "D") give a second reading; the
    surer of the two that is a value is taken. Where crops
    overlap (a turned run over a column's rows and a letter in one of them), a reading
    twice is kept once, and a page word inside a replaced run's box goes with it."""
    drop: set[int] = set()
    extra: list[Word] = []
    taken: set[int] = set()
    used: set[int] = set()
    for run in found:
        box = crop_box(run)
        mine = [n for n, w in enumerate(read) if n not in taken and _inside(w, box)]
        taken.update(mine)
        second = [n for n, w in enumerate(plain) if n not in used and _inside(w, box)]
        used.update(second)
        readings = [
            r
            for r in (
                _value_reading([read[n] for n in mine], run, words),
                _value_reading([plain[n] for n in second], run, words),
            )
            if r is not None
        ]
        if not readings:
            continue
        got = max(readings, key=lambda r: min(w.confidence for w in r))
        drop.update(run.members)
        drop.update(i for i, w in enumerate(words) if _inside(w, run.box))
        extra += got
    kept = tuple(w for i, w in enumerate(words) if i not in drop) + tuple(extra)
    rest = tuple(w for n, w in enumerate(read) if n not in taken)
    return kept, rest


def _value_reading(read: list[Word], run: Run, words: tuple[Word, ...]) -> list[Word] | None:
    """Given the words read again in a run's crop, the run and the page's words, the reading
    in order (a reading twice kept once, a pair's digit-like letters as digits) when it is a
    value surer than the run, else None."""
    got = _once(sorted(read, key=lambda w: w.bbox.x0))
    fixed = pair_digits([w.text for w in got])
    if fixed is not None:  # "SI K3" read again, "S2 Kl" on the page: digits in a pair
        return [replace(w, text=t) for w, t in zip(got, fixed, strict=True)]
    if not is_value_reading([w.text for w in got]) or _less_sure(got, run, words):
        return None
    return got


def _once(got: list[Word]) -> list[Word]:
    """Given words read in a crop, those read twice (the same text over half the smaller
    box, from two overlapping crops) once."""
    out: list[Word] = []
    for w in got:
        if not any(o.text == w.text and _shared(o.bbox, w.bbox) for o in out):
            out.append(w)
    return out


def _shared(a: BBox, b: BBox) -> bool:
    """Given two boxes, whether they share half the smaller one's area."""
    wide = min(a.x1, b.x1) - max(a.x0, b.x0)
    tall = min(a.bottom, b.bottom) - max(a.top, b.top)
    smaller = min(a.width * a.height, b.width * b.height)
    return wide > 0 and tall > 0 and wide * tall >= 0.5 * smaller
