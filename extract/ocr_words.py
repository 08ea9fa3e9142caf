"""OCR words a Swedish word list can put right: spaces Tesseract lost, "l" read as "I" and
"I" as "l", a mark glued to a word, one letter misread.

Small type on a 200 dpi scan loses the narrow space before or after a short word
("månadsvisi" for "månadsvis i", "Resultatethar", "i8"); an "l" at a line's or word's start
is read as a capital "I" ("I edningsgruppen", "anstäl" / "Iningsregistret"), and a capital
"I" at a word's start as "l" ("lakttagelser", a form's label); a speck
becomes a mark at a word's start (":Förvaltningschef", "=Inventering"); one letter is read
as a look-alike ("uttämnande" for "utlämnande", "Avwvikelser"). Each fix
applies only where the word as read is no word (in no list, from no parts) and the fix
gives one word the lists know well, so correct Swedish, names and codes stay as read. The
words come from Tesseract's table (cached); this runs after the cache, on every read.
"""

from __future__ import annotations

from dataclasses import replace

from riskrad.model.glued import (
    EDGE,
    MIN_PIECE,
    core_and_tail,
    glued_split,
    is_solid,
    is_word,
    wordlike,
)
from riskrad.model.lexicon import is_compound
from riskrad.model.records import BBox, Word

MIN_CONFUSED = 6  # a word this long at least may have one letter misread
NEIGHBOUR_REACH = 20  # a line's piece in the same column stands this many heights away at most
ENDING = 2  # letters at a word's end no look-alike fix changes
# letters Tesseract reads for others at small sizes (read: the letters meant)
LOOKALIKES = {"t": "lf", "l": "t", "f": "t", "n": "r", "r": "n", "e": "c", "c": "e"}
LEAD_MARKS = ":;=<>~^|«"  # a speck read before a word (not »: a bullet, a Swedish quote; not
# -: dashes; « glued to a word opens no Swedish quote, which is »…»)
NO_LEAD = "<«"  # marks no word starts with: off also before a word piece ("<Verksamhe")

def misread_letter(text: str) -> str | None:
    """Given an OCR token, it with one look-alike letter put right ("uttämnande" ->
    "utlämnande") when it is no word and exactly one such change makes a sure word."""
    core, tail = core_and_tail(text)
    if len(core) < MIN_CONFUSED or not core.isalpha() or not core[1:].islower():
        return None
    low = core.casefold()
    if is_word(low) or is_compound(low):
        return None
    options: set[str] = set()
    for i, ch in enumerate(low[:-ENDING]):  # not in an ending: "-en" and "-er" are both words
        for other in LOOKALIKES.get(ch, ""):
            options.add(low[:i] + other + low[i + 1 :])
        if ch == "w":
            options.add(low[:i] + low[i + 1 :])
            options.add(low[:i] + "v" + low[i + 1 :])
    sure = [o for o in options if is_word(o)]
    if len(sure) != 1:
        return None
    fixed = sure[0]
    return (fixed[0].upper() + fixed[1:] if core[0].isupper() else fixed) + tail


def stray_marks(text: str) -> str | None:
    """Given an OCR token, it without a speck read as a mark before it (":Förvaltningschef",
    "=Inventering") when what is left is a word, or a piece of one after "<" or "«"
    ("<Verksamhe" of "Verksamhe" / "tschef"); else None. Quote marks stay (a quotation's
    other mark may stand lines away)."""
    start = 0
    while start < len(text) and text[start] in LEAD_MARKS:
        start += 1
    no_lead = set(text[:start]) <= set(NO_LEAD)
    if not start or len(text) - start < (2 if no_lead else MIN_PIECE):
        return None
    core, _ = core_and_tail(text[start:])
    if not core.isalpha() or not (no_lead or wordlike(core.casefold())):
        return None
    return text[start:]


def _same_line(a: Word, b: Word) -> bool:
    h = max(min(a.bbox.height, b.bbox.height), 1.0)
    return abs(a.bbox.top - b.bbox.top) < 0.5 * h and abs(a.bbox.bottom - b.bbox.bottom) < 0.6 * h


def _line_start_l(word: Word, words: tuple[Word, ...]) -> str | None:
    """Given a word read "I…" that is no word and the page's words, "l…" where a piece on the
    line above makes one word with it so ("ofu" / "Ilständig": "ofullständig")."""
    rest = word.text[1:]
    low = "l" + rest.casefold().rstrip(EDGE)
    h = max(word.bbox.height, 1.0)
    for above in words:
        gap = word.bbox.top - above.bbox.bottom
        if not -0.3 * h <= gap <= 1.2 * h or above.bbox.x1 < word.bbox.x0:
            continue
        piece = above.text.casefold()
        if not piece.isalpha() or is_word(piece):
            continue
        if wordlike(piece + low):
            return "l" + rest
    return None


def _joins_line_neighbour(word: Word, words: tuple[Word, ...]) -> bool:
    """Given a word and the page's words, whether it may be a piece of a word a narrow cell
    broke over a line end: with a word starting the line below in its column, or ending the
    line above, it makes a word ("kommuni" / "ceras", "Kontrol" / "ningar")."""
    box, h = word.bbox, max(word.bbox.height, 1.0)
    own = word.text.casefold().strip(EDGE)
    for other in words:
        piece = other.text.casefold().strip(EDGE)
        if other is word or not piece.isalpha():
            continue
        near = other.bbox.x0 <= box.x1 + NEIGHBOUR_REACH * h
        near = near and other.bbox.x1 >= box.x0 - NEIGHBOUR_REACH * h
        below = -0.3 * h <= other.bbox.top - box.bottom <= 1.2 * h
        above = -0.3 * h <= box.top - other.bbox.bottom <= 1.2 * h
        starts_below = below and near and other.bbox.x0 <= box.x0 + 2 * h
        if (starts_below and wordlike(own + piece)) or (above and near and wordlike(piece + own)):
            return True
    return False


def _split_box(box: BBox, share: float) -> tuple[BBox, BBox]:
    cut = box.x0 + box.width * share
    return BBox(box.x0, box.top, cut, box.bottom), BBox(cut, box.top, box.x1, box.bottom)


def correct_words(words: tuple[Word, ...]) -> tuple[Word, ...]:
    """Given a page's OCR words, them with the fixes above (a split word becomes two words,
    its box shared by letters; "I" before a word that "l" completes joins it)."""
    out: list[Word] = []
    ordered = list(words)
    skip: set[int] = set()
    for i, word in enumerate(ordered):
        if i in skip:
            continue
        text = word.text
        if text == "I" and i + 1 < len(ordered):
            nxt = ordered[i + 1]
            low = nxt.text.casefold().rstrip(EDGE)
            if (
                _same_line(word, nxt)
                and nxt.bbox.x0 - word.bbox.x1 < nxt.bbox.height
                and low.isalpha()
                and not is_word(low)
                and wordlike("l" + low)
            ):
                box = BBox(word.bbox.x0, min(word.bbox.top, nxt.bbox.top), nxt.bbox.x1,
                           max(word.bbox.bottom, nxt.bbox.bottom))
                out.append(replace(nxt, text="l" + nxt.text, bbox=box))
                skip.add(i + 1)
                continue
        if len(text) > 3 and text[0] == "I" and text[1:].rstrip(EDGE).islower():
            low = text.casefold().rstrip(EDGE)
            if not is_word(low) and not is_compound(low):
                if is_solid("l" + low[1:]):
                    text = "l" + text[1:]
                else:
                    text = _line_start_l(word, words) or text
        if len(text) > 3 and text[0] == "l" and text[1:].rstrip(EDGE).islower():
            low = text.casefold().rstrip(EDGE)
            if (
                low.isalpha()
                and not is_word(low)
                and not is_compound(low)
                and is_solid("i" + low[1:])
                and not _joins_line_neighbour(word, words)
            ):
                text = "I" + text[1:]  # a capital "I" read as "l": "lakttagelser"
        text = stray_marks(text) or text
        fixed = misread_letter(text)
        if fixed is not None and not _joins_line_neighbour(word, words):
            text = fixed
        pair = glued_split(text)
        if pair is not None and not _joins_line_neighbour(word, words):
            left, right = pair
            a, b = _split_box(word.bbox, len(left) / (len(left) + len(right)))
            out.append(replace(word, text=left, bbox=a))
            out.append(replace(word, text=right, bbox=b))
            continue
        out.append(word if text == word.text else replace(word, text=text))
    return tuple(out)
