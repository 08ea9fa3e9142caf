"""OCR page images with Tesseract (pytesseract) into words with boxes in PDF points.

``ocr_page_words`` reads one page image; ``run_job`` renders, straightens,
OCRs (through the on-disk cache) and finds ruling lines for many pages in a
process pool with one single-threaded Tesseract per worker.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import tempfile
import time
from dataclasses import astuple, dataclass, replace
from pathlib import Path

import pytesseract
from PIL import Image

from riskrad.extract.cell_ocr import (
    CELL_READ_VERSION,
    MARK_PAD_PT,
    MARK_ZOOM,
    cell_config,
    empty_cells,
    lone_marks,
    lone_numbers,
    read_cells,
    read_crops,
    stack_boxes,
    stacked_rows,
    table_cells,
)
from riskrad.extract.checkboxes import box_words, check_boxes, erase_boxes
from riskrad.extract.column_numbers import crop_box, misread_numbers, replace_misread
from riskrad.extract.image_rulings import grey_array
from riskrad.extract.line_reread import LINE_REREAD_VERSION, reread_fragments
from riskrad.extract.ocr_cache import OcrCache, cache_key
from riskrad.extract.ocr_words import correct_words
from riskrad.extract.raised import raised_marks
from riskrad.extract.rating_dots import dot_words, dots, radio_runs, radio_words, rating_runs
from riskrad.extract.render import deskew, grey_copy, render_with_colour, rotate_colour
from riskrad.extract.scan_image import (
    PREPROCESS_VERSION,
    SIDEWAYS_RATIO,
    SURELY_SIDEWAYS,
    bold_words,
    cell_fills,
    clean_for_ocr,
    complete_header_columns,
    complete_row_columns,
    continue_table_columns,
    detect_turn,
    page_lines,
    profile_ratio,
)
from riskrad.extract.tesseract_api import prepare, read_tsv
from riskrad.extract.tesseract_batch import tesseract_batch, tesseract_version, word_table
from riskrad.extract.turned_ocr import read_turned
from riskrad.model.records import (
    BBox,
    Fill,
    PageDecision,
    PageRecord,
    Ruling,
    Word,
    mean_confidence,
)
from riskrad.model.settings import OcrSettings, TableSettings

DEFAULT = OcrSettings()
DEFAULT_TABLES = TableSettings()
DEFAULT_DPI = DEFAULT.dpi
DEFAULT_LANG = DEFAULT.lang
DEFAULT_PSM = DEFAULT.psm

log = logging.getLogger("riskrad.ocr")


def tesseract_config(dpi: int, psm: int = DEFAULT_PSM) -> str:
    """Given a resolution and a page segmentation mode, the Tesseract command-line config."""
    return f"--oem 1 --psm {psm} --dpi {dpi} -c preserve_interword_spaces=1"


def _write_pgm(image: Image.Image, directory: str) -> str:
    """Given an image and a directory, the path of it saved there as uncompressed PGM."""
    fd, path = tempfile.mkstemp(prefix="riskrad_ocr_", suffix=".pgm", dir=directory)
    with os.fdopen(fd, "wb") as handle:
        image.convert("L").save(handle, format="PPM")
    return path


def tesseract_table(image: Image.Image, lang: str, config: str) -> dict[str, list[str]]:
    """Given an image, a language and a config, Tesseract's image_to_data word table."""
    # Tesseract's OpenMP threads fight each other and the process pool: one thread each
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    tsv = read_tsv([image], lang, config, tesseract_version())
    if tsv is not None:  # this process's engine (extract/tesseract_api.py)
        return word_table(tsv)
    directory = tempfile.gettempdir()
    path = _write_pgm(image, directory)
    try:
        data: dict[str, list[str]] = pytesseract.image_to_data(
            path, lang=lang, config=config, output_type=pytesseract.Output.DICT
        )
    finally:
        os.unlink(path)
    return data


def words_from_tsv(
    data: dict[str, list[str]],
    *,
    scale_x: float,
    scale_y: float,
    min_confidence: float = DEFAULT.min_confidence,
) -> tuple[Word, ...]:
    """Given Tesseract's word table and pixel-to-point scales, the words with boxes in points."""
    words: list[Word] = []
    for i, text in enumerate(data["text"]):
        text = str(text).strip()
        conf = float(data["conf"][i])
        if not text or int(data["level"][i]) != 5 or conf < min_confidence:
            continue
        left, top = float(data["left"][i]), float(data["top"][i])
        width, height = float(data["width"][i]), float(data["height"][i])
        box = BBox(
            x0=left * scale_x,
            top=top * scale_y,
            x1=(left + width) * scale_x,
            bottom=(top + height) * scale_y,
        )
        words.append(
            Word(
                text=text,
                bbox=box,
                origin="ocr",
                confidence=min(max(conf / 100.0, 0.0), 1.0),
                font_size=box.height,
            )
        )
    return tuple(words)


def ocr_page_words(
    image: Image.Image,
    *,
    page_width_pt: float,
    page_height_pt: float,
    lang: str = DEFAULT_LANG,
    dpi: int = DEFAULT_DPI,
    psm: int = DEFAULT_PSM,
    min_confidence: float = DEFAULT.min_confidence,
    reread: bool = DEFAULT.reread_fragments,
    stacks: bool = DEFAULT.read_cells,
    cells: list[BBox] | None = None,
) -> tuple[Word, ...]:
    """Given a page image and the page size in points, its OCR words (boxes in points, top-left);
    with ``reread``, lines where the page read broke words into fragments read again piece by
    piece (extract/line_reread.py); with ``stacks``, a column of lone items the page read took
    for turned text read again item by item, upright (cell_ocr.stacked_rows), and turned
    labels the page read took for upright text read again turned upright
    (turned_ocr.read_turned; a tall one of the table ``cells`` in points around one read
    whole)."""
    data = tesseract_table(image, lang, tesseract_config(dpi, psm))
    if reread:
        data = reread_fragments(image, data, lang=lang, dpi=dpi)
    stacked = stacked_rows(data) if stacks else []
    if stacked:
        gone = set(stacked)
        data = {**data, "text": ["" if i in gone else t for i, t in enumerate(data["text"])]}
    words = words_from_tsv(
        data,
        scale_x=page_width_pt / image.width,
        scale_y=page_height_pt / image.height,
        min_confidence=min_confidence,
    )
    scale = image.width / page_width_pt
    if stacked:
        boxes = stack_boxes(data, stacked, scale)
        words += read_cells(image, boxes, scale, lang=lang, dpi=dpi, zoom=[MARK_ZOOM] * len(boxes))
    if not stacks:
        return words
    return read_turned(image, words, scale, lang=lang, dpi=dpi, cells=cells)


SECOND_OPINION_LANG = DEFAULT.second_opinion_lang
SECOND_OPINION_VERSION = 2  # bump when the re-read rule changes (it is part of the cache key)


_SECOND_OPINION_MARKS = frozenset("$")  # what the Swedish model makes of "§"


def second_opinion_config(dpi: int) -> str:
    """Given a resolution, the Tesseract config numbers are read again with (one line)."""
    return f"--oem 1 --psm 7 --dpi {dpi}"


def engine_setups(settings: OcrSettings) -> list[tuple[str, str]]:
    """Given the OCR settings, the (language, config) of the Tesseract reads most pages of a
    job make: the page, its numbers again, its empty cells."""
    setups = [(settings.lang, tesseract_config(settings.dpi, settings.psm))]
    if settings.second_opinion:
        setups.append((settings.second_opinion_lang, second_opinion_config(settings.dpi)))
    if settings.read_cells:
        setups.append((settings.lang, cell_config(settings.dpi)))
    return setups


def prepare_engines(settings: OcrSettings) -> None:
    """Given the OCR settings, this process's Tesseract engines for the reads most pages make
    set up now (extract/tesseract_api.py), so that a page read in a child forked from here
    has them without loading a model (one fork per page: extract/limits.py)."""
    version = tesseract_version()
    for lang, config in engine_setups(settings):
        prepare(lang, config, version)


def _has_digit_no_letter(text: str) -> bool:
    """Given a word's text, whether it is letter-free with a digit or "$" ("20", "27960", "$")."""
    return not any(ch.isalpha() for ch in text) and any(
        ch.isdigit() or ch in _SECOND_OPINION_MARKS for ch in text
    )


def _word_crops(image: Image.Image, boxes: list[BBox], scale: float, pad: int) -> list[Image.Image]:
    """Given a page image and word boxes in points, the words' crops with a margin."""
    return [
        image.crop(
            (
                max(0, int(box.x0 * scale) - pad),
                max(0, int(box.top * scale) - pad),
                min(image.width, int(box.x1 * scale) + pad),
                min(image.height, int(box.bottom * scale) + pad),
            )
        )
        for box in boxes
    ]


def _readings_by_crop(data: dict[str, list[str]]) -> dict[int, tuple[str, float]]:
    """Given Tesseract's word table over a list of crops, each crop's text and lowest confidence."""
    texts: dict[int, list[str]] = {}
    confs: dict[int, float] = {}
    for i, text in enumerate(data["text"]):
        text = str(text).strip()
        if int(data["level"][i]) != 5 or not text:
            continue
        crop = int(data["page_num"][i]) - 1
        texts.setdefault(crop, []).append(text)
        confs[crop] = min(confs.get(crop, 100.0), float(data["conf"][i]))
    return {k: (" ".join(v), confs[k] / 100.0) for k, v in texts.items()}


def second_opinion_numbers(
    image: Image.Image,
    words: tuple[Word, ...],
    *,
    page_width_pt: float,
    dpi: int,
    lang: str = SECOND_OPINION_LANG,
    crop_pad_px: int = DEFAULT.crop_pad_px,
) -> tuple[Word, ...]:
    """Given a page image and its OCR words, numbers re-read by a second model where it is surer.

    The Swedish model reads "%" as "26"/"20"/"246" and "§" as "$"; every word
    with a digit and no letter is cropped and read again (one Tesseract run
    over all crops, --psm 7); the second reading replaces the first when it is
    one letter-free word read with higher confidence.
    """
    picks = [i for i, w in enumerate(words) if _has_digit_no_letter(w.text)]
    if not picks:
        return words
    scale = image.width / page_width_pt
    crops = _word_crops(image, [words[i].bbox for i in picks], scale, crop_pad_px)
    data = tesseract_batch(crops, lang, second_opinion_config(dpi), "riskrad_crops_")
    readings = _readings_by_crop(data)
    out = list(words)
    for n, i in enumerate(picks):
        text, conf = readings.get(n, ("", 0.0))
        old = words[i]
        if (
            text
            and " " not in text
            and not any(ch.isalpha() for ch in text)
            and (text != old.text and conf > old.confidence)
        ):
            out[i] = replace(old, text=text, confidence=conf)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class OcrJob:
    """One page to OCR: which PDF page, with which settings, cached where."""

    pdf_path: Path
    page_index: int  # 0-based
    settings: OcrSettings = DEFAULT
    cache_dir: Path | None = None  # None: RISKRAD_CACHE_DIR or ~/.cache/riskrad/ocr
    use_cache: bool = True
    tables: TableSettings = DEFAULT_TABLES  # the run's: which cells are read one by one

    def __post_init__(self) -> None:
        if self.page_index < 0:
            raise ValueError(f"OcrJob.page_index must be >= 0, got {self.page_index!r}")


@dataclass(frozen=True, slots=True)
class OcrResult:
    """The OCR of one page: words and rulings in PDF points, skew corrected, cache use."""

    pdf_path: Path
    page_index: int
    width: float
    height: float
    words: tuple[Word, ...]
    rulings: tuple[Ruling, ...]
    skew_degrees: float
    mean_confidence: float | None
    cached: bool
    seconds: float
    turn_degrees: int = 0  # clockwise turn applied to read the page upright
    fills: tuple[Fill, ...] = ()  # coloured table cells (colour scans only)
    shades: tuple[Fill, ...] = ()  # table cells darker than paper (greyscale scans only)


_LINE_GLYPHS = frozenset("|¦_-—–[]!lI1/\\:.,'")


def _touches(box: BBox, ruling: Ruling, tolerance: float) -> bool:
    """Given a word box and a ruling, whether the ruling runs through the box (with tolerance)."""
    return (
        ruling.x0 - tolerance <= box.x1
        and box.x0 <= ruling.x1 + tolerance
        and ruling.top - tolerance <= box.bottom
        and box.top <= ruling.bottom + tolerance
    )


NUMBER_CLEAR_PT = 0.75  # a number's box this far clear of a ruling was set beside it


def _number_beside(word: Word, ruling: Ruling) -> bool:
    """Given an OCR word and a ruling near it, whether the word is a number set beside the
    ruling, not read from it: digits only ("1", "11") in a box clear of the ruling by
    NUMBER_CLEAR_PT. A value set right in its cell ends a point or two before the cell's
    border (Excel's "1" in a grid read at 0.96); a trace of the line itself lies on it."""
    if not word.text.isdigit():
        return False
    box, clear = word.bbox, NUMBER_CLEAR_PT
    if ruling.orientation == "v":
        return box.x1 <= ruling.x0 - clear or box.x0 >= ruling.x1 + clear
    return box.bottom <= ruling.top - clear or box.top >= ruling.bottom + clear


def _bar_at(x: float, box: BBox, verticals: list[Ruling], reach: float) -> bool:
    """Given an x position on a word box, whether a vertical ruling beside the word runs there."""
    return any(
        abs(r.x0 - x) <= reach and r.top <= box.bottom and box.top <= r.bottom for r in verticals
    )


def _trim_edge_bars(word: Word, verticals: list[Ruling], reach: float) -> Word | None:
    """Given an OCR word and vertical rulings, it without a "|" read from a ruling at its edge."""
    text, box = word.text, word.bbox
    if text.startswith("|") and _bar_at(box.x0, box, verticals, reach):
        text = text.lstrip("|")
        ink = len(word.text) - len(text)
        box = BBox(box.x0 + box.width * ink / len(word.text), box.top, box.x1, box.bottom)
    if text.endswith("|") and _bar_at(box.x1, box, verticals, reach):
        stripped = text.rstrip("|")
        ink = len(text) - len(stripped)
        box = BBox(box.x0, box.top, box.x1 - box.width * ink / len(text), box.bottom)
        text = stripped
    if not text:
        return None
    return word if text == word.text else replace(word, text=text, bbox=box)


def drop_ruling_artifacts(
    words: tuple[Word, ...], rulings: tuple[Ruling, ...], settings: OcrSettings = DEFAULT
) -> tuple[Word, ...]:
    """Given OCR words and rulings, the words minus table lines read as "|", "_", "I", "|word",
    and minus glyphs a cell's border left at a line's start or end in the cell ("=",
    ":Kontroll")."""
    if not rulings:
        return words
    verticals = [r for r in rulings if r.orientation == "v"]
    kept: list[Word] = []
    for w in words:
        if set(w.text) <= _LINE_GLYPHS and any(
            _touches(w.bbox, r, settings.ruling_tolerance_pt) and not _number_beside(w, r)
            for r in rulings
        ):
            continue
        trimmed = _trim_edge_bars(w, verticals, settings.edge_bar_pt)
        if trimmed is not None:
            kept.append(trimmed)
    return _drop_border_glyphs(tuple(kept), verticals)


FLAT_GLYPHS = frozenset("-–—=_~")  # strokes across: each glyph is wider than tall
UPRIGHT_STROKE = 3.0  # a flat glyph's box this many times taller than wide is an upright stroke
SURE_GLYPH = 0.9  # a flat glyph read this sure (0..1) in a box less tall than that is one


def drop_upright_strokes(words: tuple[Word, ...]) -> tuple[Word, ...]:
    """Given OCR words, those without a word of flat strokes only ("—", "-", "=") whose box
    is taller than wide: such glyphs are wider than tall, so the ink read as one is a speck
    or an upright stroke (on the tune scans 102 of 135 "—" and 107 of 207 "=" were so, nearly
    all read unsure), which stood in a cell's text ("vid — bokslut", "Genomgå = ng") or, in
    the gap between two columns, broke a row of a table without lines in two. One read
    surely (SURE_GLYPH) in a box less than UPRIGHT_STROKE times taller than wide is kept:
    Tesseract boxes a real "=" narrowly at times ("3 = Kännbar" in a scale's legend)."""
    return tuple(w for w in words if not _upright_stroke(w))


def _upright_stroke(word: Word) -> bool:
    """Given an OCR word, whether it is flat strokes only read in a box taller than wide,
    unsure or UPRIGHT_STROKE times taller than wide."""
    box = word.bbox
    if not word.text or not set(word.text) <= FLAT_GLYPHS or box.height <= box.width:
        return False
    return word.confidence < SURE_GLYPH or box.height >= UPRIGHT_STROKE * box.width


ONE_GLYPH_WIDTH = 1.0  # a box this wide for its height holds one capital, not two letters


def one_capital(word: Word) -> Word:
    """Given an OCR word, a capital and its own lower-case letter ("Ss", "Kk"; before digits:
    "Ss4", a matrix's axis label) in a box no wider than one letter (ONE_GLYPH_WIDTH × its
    height) per character but one, read as that capital: Tesseract reads a lone bold "S"
    header as "Ss"; the word otherwise."""
    text, box = word.text, word.bbox
    if len(text) < 2 or not text[0].isupper() or text[1] != text[0].lower():
        return word
    if not text[2:].isdigit() and text[2:]:
        return word
    wide = box.width > ONE_GLYPH_WIDTH * box.height * (len(text) - 1)
    return word if wide else replace(word, text=text[0] + text[2:])


BULLET_READINGS = frozenset({"»", "«", "»«", "«»"})  # how Tesseract reads a bullet "•"
DASH_GLYPHS = frozenset("-–—")  # a dash item's mark, read as one to three of these
ITEM_GAP_EM = 1.0  # a mark stands at most this many of its text's heights before it
ITEM_CLEAR_EM = 2.0  # and at least this many after the text on its left (another cell's)


def _item_glyph(text: str) -> str | None:
    """Given an OCR word's text, the list-item mark it may be a reading of ("•" for "»",
    "«"; "–" for "-", "—-"), or None."""
    if text in BULLET_READINGS:
        return "•"
    if len(text) <= 3 and set(text) <= DASH_GLYPHS:
        return "–"
    return None


def item_marks(words: tuple[Word, ...], rulings: tuple[Ruling, ...] = ()) -> tuple[Word, ...]:
    """Given a page's OCR words, those that are a list item's mark read as another glyph
    ("»" or "«" for "•", "—-" or "-" for "–") as that mark: a word of such glyphs that starts
    a line (the nearest word on its left is ITEM_CLEAR_EM of the next word's height away or
    more: another cell's text) with a word within ITEM_GAP_EM of that height after it. The
    text layer gives "• Kontroll av …" for a cell's items; Tesseract "» Kontroll av …" and
    "« Kontroll av …" in one cell, so the cell was no list of items. Words on its left
    beyond a column line (of the ``rulings``) are another cell's: the first of a cell's
    items stands near the value of a narrow column before it ("12 | - Kontroll av …")."""
    verticals = [r for r in rulings if r.orientation == "v"]
    out = list(words)
    for n, word in enumerate(words):
        glyph = _item_glyph(word.text)
        if glyph is None or glyph == word.text:
            continue
        box = word.bbox
        line = [o for o in words if o is not word and o.bbox.top <= box.ymid <= o.bbox.bottom]
        after = min(
            (o for o in line if o.bbox.x0 >= box.x1 - 0.5), key=lambda o: o.bbox.x0, default=None
        )
        if after is None or after.bbox.x0 - box.x1 > ITEM_GAP_EM * after.bbox.height:
            continue
        before = [o.bbox.x1 for o in line if o.bbox.x1 <= box.x0 + 0.5]
        if before and any(
            max(before) <= (v.x0 + v.x1) / 2 <= box.x0 and v.top <= box.ymid <= v.bottom
            for v in verticals
        ):
            before = []
        if before and box.x0 - max(before) < ITEM_CLEAR_EM * after.bbox.height:
            continue
        out[n] = replace(word, text=glyph)
    return tuple(out)


TURNED_RATIO = 2.0  # a word of two letters or more read this many times taller than wide ran up
TURNED_GAP_EM = (
    1.5  # words of one turned line stand at most this many of its letters' heights apart
)
_STROKES = frozenset("lI1|i!")  # a rule's remains read as letters: no turned word


def _is_turned(word: Word) -> bool:
    """Given an OCR word, whether its box says it was read off text set a quarter turn against
    the page: two letters or digits or more (not only strokes) in a box TURNED_RATIO times
    taller than wide."""
    letters = [ch for ch in word.text if ch.isalnum()]
    box = word.bbox
    return (
        len(letters) >= 2
        and not set(letters) <= _STROKES
        and box.bottom - box.top >= TURNED_RATIO * (box.x1 - box.x0)
    )


def turned_words(words: tuple[Word, ...]) -> tuple[Word, ...]:
    """Given a page's OCR words (in Tesseract's reading order), the words read off a turned
    label (a narrow column's "Risk (S×K)" read bottom to top) marked turned, the words of one
    turned line (one after the other, across one another, at most TURNED_GAP_EM of their
    letters' height apart) joined into one word in reading order, its size its letters'
    height (the box's width): the text layer gives such a label as one turned word, which
    the table reader sets in its header row; Tesseract gave upright-looking words in a
    line of their own that split the header row."""
    out: list[Word] = []
    joinable = False
    for word in words:
        if not _is_turned(word):
            out.append(word)
            joinable = False
            continue
        word = replace(word, turned=True, font_size=word.bbox.x1 - word.bbox.x0)
        last = out[-1] if joinable else None
        if last is not None and _same_turned_line(last, word):
            a, b = last.bbox, word.bbox
            box = BBox(min(a.x0, b.x0), min(a.top, b.top), max(a.x1, b.x1), max(a.bottom, b.bottom))
            out[-1] = replace(
                last,
                text=f"{last.text} {word.text}",
                bbox=box,
                confidence=min(last.confidence, word.confidence),
                font_size=max(last.font_size, word.font_size),
            )
            continue
        out.append(word)
        joinable = True
    return tuple(out)


def _same_turned_line(last: Word, word: Word) -> bool:
    """Given two turned words read one after the other, whether they are of one turned line:
    across one another (their spans across overlap by half the narrower) and at most
    TURNED_GAP_EM of their letters' height apart along it."""
    a, b = last.bbox, word.bbox
    across = min(a.x1, b.x1) - max(a.x0, b.x0)
    narrower = min(a.x1 - a.x0, b.x1 - b.x0)
    gap = max(a.top, b.top) - min(a.bottom, b.bottom)
    return across >= 0.5 * narrower and gap <= TURNED_GAP_EM * max(last.font_size, word.font_size)


# An OCR word's box is its ink: "som" stands on the x-height, "Ekonomi" reaches the cap
# height, "inköp" both the cap height and the descenders. Shares of the type size (em):
INK_TALL = 0.72  # cap height (ascenders, digits, dots and rings about as high)
INK_X = 0.5  # x-height
INK_DESCENT = 0.21  # descenders below the baseline
_TALL = frozenset("bdfhijklt0123456789åäöÅÄÖ()[]{}|/\\!?%&#$§@'\"")
_DESCENDING = frozenset("gjpqyQ()[]{}|/,;")


def full_height(word: Word) -> Word:
    """Given an OCR word, it with the height of the ink a word reaching both the cap height
    and the descenders would have at its size: its letters tell which of the x-height, the
    cap height and the descenders its box spans ("Ekonomi", a one-word heading, comes out as
    tall as "Upphandling" in the same type; a turned word's letters stand across its box, so
    its width); a word of no letter or digit is left alone."""
    text = word.text
    if not any(ch.isalnum() for ch in text):
        return word
    tall = any(ch in _TALL or ch.isupper() for ch in text)
    span = (INK_TALL if tall else INK_X) + (INK_DESCENT if _DESCENDING.intersection(text) else 0.0)
    ink = word.bbox.width if word.turned else word.bbox.height
    size = ink * (INK_TALL + INK_DESCENT) / span
    return word if abs(size - ink) < 1e-9 else replace(word, font_size=size)


_ALONE_GLYPHS = frozenset("=|¦[]!~_:;")  # no cell text has these as a word at a line's end
# nor up to three of these glued before a capitalised word at its start
_GLUED = re.compile(r"^([=|¦\[\]!~_:;'‘’`\-—–\"“”„]{1,3})(?=[A-ZÅÄÖ][a-zåäö])")


def _first_in_cell(word: Word, line: list[Word], verticals: list[Ruling], left: bool) -> bool:
    """Given a word, the words of its line and the vertical rulings, whether a ruling on the
    given side runs beside the word with no other word of the line between: the word is
    the first (left) or last (right) of its line in a ruled cell."""
    box = word.bbox
    beside = [
        r.x0
        for r in verticals
        if r.top <= box.ymid <= r.bottom
        and (r.x0 <= box.x0 + 1.0 if left else r.x0 >= box.x1 - 1.0)
    ]
    if not beside:
        return False
    side = max(beside) if left else min(beside)
    lo, hi = (side, box.x0) if left else (box.x1, side)
    return not any(
        o is not word and lo - 0.5 <= (o.bbox.x0 + o.bbox.x1) / 2 <= hi + 0.5 for o in line
    )


def _on_line(word: Word, words: tuple[Word, ...]) -> list[Word]:
    """Given a word and all words, those on its line (their middles within its height)."""
    box = word.bbox
    return [
        o
        for o in words
        if box.top <= o.bbox.ymid <= box.bottom or o.bbox.top <= box.ymid <= o.bbox.bottom
    ]


def _drop_border_glyphs(words: tuple[Word, ...], verticals: list[Ruling]) -> tuple[Word, ...]:
    """Given OCR words and the vertical rulings, the words without the glyphs a cell's
    border leaves at a line's ends inside the cell: a word of only such glyphs ("=", ":")
    first or last on its line in the cell is dropped, and up to three of them glued before a
    capitalised word that starts its line in the cell (":Myndighetsutövning",
    "=:Kontroll", "-Verksamhetsrisk"; '"Kontroll' beside a coloured value cell's edge) are
    cut off."""
    if not verticals:
        return words
    out: list[Word] = []
    for w in words:
        alone = set(w.text) <= _ALONE_GLYPHS
        glued = None if alone else _GLUED.match(w.text)
        if not alone and glued is None:
            out.append(w)
            continue
        line = _on_line(w, words)
        if alone:
            if _first_in_cell(w, line, verticals, left=True) or _first_in_cell(
                w, line, verticals, left=False
            ):
                continue
            out.append(w)
            continue
        assert glued is not None
        if not _first_in_cell(w, line, verticals, left=True):
            out.append(w)
            continue
        cut = len(glued.group(1))
        box = w.bbox
        x0 = box.x0 + box.width * cut / len(w.text)
        out.append(replace(w, text=w.text[cut:], bbox=BBox(x0, box.top, box.x1, box.bottom)))
    return tuple(out)


def cache_config(settings: OcrSettings, tables: TableSettings | None = None) -> str:
    """Given the OCR settings (and the table settings the cells are found with), the config
    part of the cache key: every setting that changes the cached words (settings at their
    defaults add nothing, so old keys stay valid)."""
    config = tesseract_config(settings.dpi, settings.psm)
    if settings.second_opinion:
        config += f" +numbers:{settings.second_opinion_lang}:v{SECOND_OPINION_VERSION}"
        if settings.crop_pad_px != DEFAULT.crop_pad_px:
            config += f" +crop_pad:{settings.crop_pad_px}"
    if settings.min_confidence != DEFAULT.min_confidence:
        config += f" +min_conf:{settings.min_confidence}"
    if settings.reread_fragments:
        config += f" +lines:v{LINE_REREAD_VERSION}"
    if settings.clean:
        config += f" +clean:v{PREPROCESS_VERSION}"
    if settings.read_cells:
        config += f" +cells:v{CELL_READ_VERSION}"
        if tables is not None and tables != DEFAULT_TABLES:
            config += " +tables:" + ",".join(f"{v:g}" for v in astuple(tables))
    return config


def rulings_tag(rulings: tuple[Ruling, ...]) -> str:
    """Given a page's rulings, a short digest of them (to 0.1 pt) for the cache key: the
    cached words hold the empty cells read between them, so other rulings of the same
    cleaned image (a change of the line search that erases the same ink) are another entry."""
    text = ";".join(f"{r.x0:.1f},{r.top:.1f},{r.x1:.1f},{r.bottom:.1f}" for r in rulings)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def words_key(
    image: Image.Image,
    settings: OcrSettings,
    tables: TableSettings | None,
    rulings: tuple[Ruling, ...] | None,
) -> str:
    """Given the cleaned page image OCR reads, the settings, the run's table settings and
    the page's rulings (None when not searched), the cache key of its words."""
    config = cache_config(settings, tables)
    if settings.read_cells and rulings is not None:
        config += f" +rulings:{rulings_tag(rulings)}"
    version = tesseract_version()
    return cache_key(image, dpi=settings.dpi, lang=settings.lang, version=version, config=config)


@dataclass(frozen=True, slots=True)
class _Reading:
    """One upright page image read: words and rulings in points, skew, cache use."""

    words: tuple[Word, ...]
    rulings: tuple[Ruling, ...]
    angle: float
    cached: bool


def _read_upright(job: OcrJob, image: Image.Image, width: float, height: float) -> _Reading:
    """Given a job and its page image turned upright (size in points), the page straightened,
    its lines found, cleaned, OCR'd via the cache, words split at the rulings they straddle."""
    s = job.settings
    angle = 0.0
    if s.straighten:
        image, angle = deskew(image)
    lines = page_lines(image, dpi=s.dpi) if s.find_rulings or s.clean else None
    ocr_image = clean_for_ocr(image, lines) if s.clean and lines is not None else image
    scale = image.width / width
    page_grey = lines.grey if lines is not None else grey_array(image)
    checks = check_boxes(page_grey, scale)
    page_dots = dots(page_grey, scale)  # the round marks, read once for both searches
    ratings = rating_runs(page_grey, scale, page_dots)
    options = radio_runs(page_grey, scale, ratings, page_dots)
    ocr_image = erase_boxes(ocr_image, checks)  # the boxes' labels read alone
    store = OcrCache(job.cache_dir) if job.use_cache else None
    key = words_key(ocr_image, s, job.tables, lines.rulings if lines is not None else None)
    words = store.get(key) if store is not None else None
    cached = words is not None
    if words is None:
        words = ocr_page_words(
            ocr_image,
            page_width_pt=width,
            page_height_pt=height,
            lang=s.lang,
            dpi=s.dpi,
            psm=s.psm,
            min_confidence=s.min_confidence,
            reread=s.reread_fragments,
            stacks=s.read_cells,
            cells=table_cells(lines.rulings, job.tables) if lines is not None else None,
        )
        if s.second_opinion:
            words = second_opinion_numbers(
                ocr_image,
                words,
                page_width_pt=width,
                dpi=s.dpi,
                lang=s.second_opinion_lang,
                crop_pad_px=s.crop_pad_px,
            )
        if s.read_cells and lines is not None:
            scale = ocr_image.width / width
            boxes = empty_cells(ocr_image, words, lines.rulings, scale, job.tables)
            labels = [w.bbox for w in words if w.turned]  # its letters are no cell's or mark's
            inked = [
                m
                for m in lone_marks(ocr_image, words, scale)
                if not any(_overlap(m, b) for b in labels)
            ]
            marks = [  # a mark in an empty cell is read with its cell
                m
                for m in inked
                if not any(b.x0 <= m.xmid <= b.x1 and b.top <= m.ymid <= b.bottom for b in boxes)
            ]
            # every mark is a peer of a misread value in its column: the page read drops a
            # column's numbers (their cells read as empty cells) and misreads one ("un", "N")
            misread = misread_numbers(words, [_unpadded(m, MARK_PAD_PT) for m in inked])
            again = [crop_box(r) for r in misread]  # read enlarged, and at print size
            zoom = [1] * len(boxes) + [MARK_ZOOM] * (len(marks) + len(again)) + [1] * len(again)
            crops = read_crops(
                ocr_image, boxes + marks + again + again, scale, lang=s.lang, dpi=s.dpi, zoom=zoom
            )
            cut = len(crops) - len(again)
            read = tuple(w for crop in crops[:cut] for w in crop)
            plain = tuple(w for crop in crops[cut:] for w in crop)
            words, read = replace_misread(words, misread, read, plain)
            words += tuple(
                w for w in lone_numbers(read, marks) if not any(_overlap(w.bbox, b) for b in labels)
            )
        if store is not None:
            store.put(key, words)
    words = box_words(words, checks, scale)  # ☒ / ☐ where the boxes were
    words = dot_words(words, ratings, scale)  # ●●○○ where a rating's dots were
    words = radio_words(words, options, scale)  # ○○●○ where a form's options were
    rulings = lines.rulings if lines is not None and s.find_rulings else ()
    words = drop_ruling_artifacts(split_at_rulings(words, rulings), rulings, s)
    words = turned_words(drop_upright_strokes(words))
    words = item_marks(tuple(full_height(one_capital(w)) for w in words), rulings)
    words = correct_words(words) if s.lang.startswith("swe") else words
    words = raised_marks(ocr_image, words, ocr_image.width / width)
    words = bold_words(ocr_image, words, ocr_image.width / width)
    rulings = continue_table_columns(complete_header_columns(rulings, words), words)
    rulings = complete_row_columns(rulings, words)
    return _Reading(words, rulings, angle, cached)


def _unpadded(box: BBox, pad: float) -> BBox:
    """Given a box padded on every side and the padding, the box without it."""
    return BBox(box.x0 + pad, box.top + pad, box.x1 - pad, box.bottom - pad)


def _overlap(a: BBox, b: BBox) -> bool:
    """Given two boxes, whether they share some area."""
    return a.x0 < b.x1 and b.x0 < a.x1 and a.top < b.bottom and b.top < a.bottom


def _turned(
    image: Image.Image, width: float, height: float, turn: int
) -> tuple[Image.Image, float, float]:
    """Given a page image (grey or RGB), its size in points and a clockwise turn
    (0/90/180/270), it turned (white fill)."""
    if turn % 360 == 0:
        return image, width, height
    turned = image.rotate(-turn, expand=True, fillcolor="white")
    return (turned, height, width) if turn % 180 else (turned, width, height)


def sideways_turn(image: Image.Image, dpi: int) -> int:
    """Given a page image, the clockwise turn that makes it upright when its ink profile says
    its lines may run down the page (``profile_ratio``): Tesseract's orientation detection's
    where it is sure; where it is not, a quarter turn only for a profile surely sideways. A
    table of narrow columns of wrapped short lines has a profile near the border: turned on
    the profile alone it read as garbage and gave no row."""
    ratio = profile_ratio(image)
    if ratio >= SIDEWAYS_RATIO:
        return 0
    found = detect_turn(image, dpi)
    if found is not None:
        return found
    turn = 90 if ratio < SURELY_SIDEWAYS else 0
    log.info("ink profile %.2f, orientation detection unsure: turned %d", ratio, turn)
    return turn


def run_job(job: OcrJob) -> OcrResult:
    """Given an OCR job, its page rendered, turned upright, straightened, lines found, cleaned
    and OCR'd via the cache. A page whose lines of text run down is turned by Tesseract's
    orientation detection before reading; one read with low confidence is checked the same
    way afterwards (upside down) and read again when turned."""
    started = time.perf_counter()
    s = job.settings
    image, colour, width, height = render_with_colour(job.pdf_path, job.page_index, s.dpi)
    turn = 0
    if s.orient:
        turn = sideways_turn(image, s.dpi)
    page, w, h = _turned(image, width, height, turn)
    reading = _read_upright(job, page, w, h)
    confidence = mean_confidence(reading.words)
    if s.orient and (confidence is None or confidence < s.orient_confidence):
        again = detect_turn(page, s.dpi)
        if again:
            turn = (turn + again) % 360
            page, w, h = _turned(image, width, height, turn)
            second = _read_upright(job, page, w, h)
            if (mean_confidence(second.words) or 0.0) > (confidence or 0.0):
                reading = second
            else:
                turn = (turn - again) % 360
                w, h = _turned(image, width, height, turn)[1:]
    fills: tuple[Fill, ...] = ()
    shades: tuple[Fill, ...] = ()
    if reading.rulings:
        small = colour if colour is not None else grey_copy(image, width, height)
        upright = _turned(small, width, height, turn)[0]
        straight = rotate_colour(upright, reading.angle)
        scale = upright.width / w
        found = cell_fills(straight, reading.rulings, scale, job.tables, grey=colour is None)
        fills, shades = (found, ()) if colour is not None else ((), found)
    return OcrResult(
        fills=fills,
        shades=shades,
        pdf_path=job.pdf_path,
        page_index=job.page_index,
        width=w,
        height=h,
        words=reading.words,
        rulings=reading.rulings,
        skew_degrees=reading.angle,
        mean_confidence=mean_confidence(reading.words),
        cached=reading.cached,
        seconds=time.perf_counter() - started,
        turn_degrees=turn,
    )


_SPLIT_MARGIN_PT = 1.5


def _split_word(word: Word, x: float) -> tuple[Word, Word] | None:
    """Given a word and an x inside its box, the word cut there at the nearest character
    boundary (boxes by character share), or None when a side would be empty."""
    box = word.bbox
    n = len(word.text)
    cut = round(n * (x - box.x0) / box.width) if box.width > 0 else 0
    left, right = word.text[:cut].rstrip(), word.text[cut:].lstrip()
    if not left or not right:
        return None
    return (
        replace(word, text=left, bbox=BBox(box.x0, box.top, x, box.bottom)),
        replace(word, text=right, bbox=BBox(x, box.top, box.x1, box.bottom)),
    )


def split_at_rulings(words: tuple[Word, ...], rulings: tuple[Ruling, ...]) -> tuple[Word, ...]:
    """Given OCR words and rulings, every word that a vertical ruling runs through (not at its
    edge) cut in two at the ruling, so no word spans two cells."""
    verticals = [r for r in rulings if r.orientation == "v"]
    if not verticals:
        return words
    out: list[Word] = []
    pending = list(words)
    while pending:
        word = pending.pop(0)
        box = word.bbox
        cut = next(
            (
                (r.x0 + r.x1) / 2
                for r in verticals
                if box.x0 + _SPLIT_MARGIN_PT < (r.x0 + r.x1) / 2 < box.x1 - _SPLIT_MARGIN_PT
                and r.top <= box.ymid <= r.bottom
            ),
            None,
        )
        parts = _split_word(word, cut) if cut is not None else None
        if parts is None:
            out.append(word)
        else:
            pending[:0] = list(parts)
    return tuple(out)


def page_record(result: OcrResult, decision: PageDecision) -> PageRecord:
    """Given an OCR result and the page's decision, the PageRecord the layout recognisers read."""
    return PageRecord(
        page=result.page_index + 1,
        width=result.width,
        height=result.height,
        words=result.words,
        rulings=result.rulings,
        decision=decision,
        ocr_confidence=result.mean_confidence,
        fills=result.fills,
        shades=result.shades,
    )
