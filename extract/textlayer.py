"""Reading a page's text layer with PDFium: words with boxes, rulings, image cover.

PDFium (pypdfium2) reads a dense page in about 15 ms, twenty times faster
than pdfminer, which is what lets the born-digital route run at many pages a
second.  Characters whose font has no Unicode map are written as "(cid:N)",
as pdfminer does, so the route decision sees broken fonts the same way.
"""

from __future__ import annotations

import ctypes
import itertools
import math
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from riskrad.extract import charscan
from riskrad.extract.page_decision import image_cover
from riskrad.extract.spaced import join_spaced_letters
from riskrad.extract.tables import words_to_text
from riskrad.model.records import (
    BBox,
    Fill,
    Ruling,
    Word,
    make_words,
)
from riskrad.model.settings import TextLayerSettings
from riskrad.model.text import CID_GLYPH

DEFAULT = TextLayerSettings()
SPACES = frozenset(" \t\r\n\u00a0\u2002\u2003\u2009\u200b\ufffe")
LINE_END_HYPHEN = 0x02  # what FPDFText_GetUnicode returns for a hyphen ending a line


@dataclass(frozen=True, slots=True)
class TextLayerPage:
    """What the text layer of one page holds, before the route decision."""

    page: int
    width: float
    height: float
    words: tuple[Word, ...]
    rulings: tuple[Ruling, ...]
    text: str
    image_cover: float
    fills: tuple[Fill, ...] = ()

    def __reduce__(self) -> tuple[Callable[..., TextLayerPage], tuple[Any, ...]]:
        """Given a page, how pickle rebuilds it: its words as one list per field (a reading
        child sends every page by pickle; a list of each field is a third of the work of a
        rebuild call per word and per box)."""
        words = self.words
        return page_of_columns, (
            self.page,
            self.width,
            self.height,
            self.rulings,
            self.text,
            self.image_cover,
            self.fills,
            [w.text for w in words],
            [w.bbox.x0 for w in words],
            [w.bbox.top for w in words],
            [w.bbox.x1 for w in words],
            [w.bbox.bottom for w in words],
            [w.origin for w in words],
            [w.confidence for w in words],
            [w.font_size for w in words],
            [w.bold for w in words],
            [w.turned for w in words],
        )


def page_of_columns(
    page: int,
    width: float,
    height: float,
    rulings: tuple[Ruling, ...],
    text: str,
    image_cover: float,
    fills: tuple[Fill, ...],
    *columns: list[Any],
) -> TextLayerPage:
    """Given a page's fields and its words' fields as columns (``TextLayerPage.__reduce__``),
    the page."""
    words = tuple(make_words(*columns))
    return TextLayerPage(page, width, height, words, rulings, text, image_cover, fills)


@dataclass(frozen=True, slots=True)
class Upright:
    """The turn that makes a page's text run left to right, top to bottom.

    PDF page space has its origin at the bottom-left of the unrotated page
    (width x height). ``quarter`` counts quarter turns of the text's direction:
    0 for ordinary text, 1 for text running upwards (a landscape table set
    sideways), 2 upside down, 3 running downwards. Points map into a top-left
    space in which that text is horizontal.
    """

    quarter: int
    width: float
    height: float

    def point(self, x: float, y: float) -> tuple[float, float]:
        """Given a page-space point, the point in upright, top-left coordinates."""
        if self.quarter == 1:
            return y, x
        if self.quarter == 2:
            return self.width - x, y
        if self.quarter == 3:
            return self.height - y, self.width - x
        return x, self.height - y

    def box(self, left: float, bottom: float, right: float, top: float) -> BBox:
        """Given a page-space box, the upright box."""
        (ax, ay), (bx, by) = self.point(left, bottom), self.point(right, top)
        return BBox(min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))

    @property
    def size(self) -> tuple[float, float]:
        return (self.height, self.width) if self.quarter % 2 else (self.width, self.height)


def text_quarter(textpage: pdfium.PdfTextPage, sample: int = 400) -> int:
    """Given a text page, the quarter turn most of its characters are set at."""
    counts = [0, 0, 0, 0]
    total = textpage.count_chars()
    step = max(total // sample, 1)
    raw_page = ctypes.c_void_p(ctypes.cast(textpage.raw, ctypes.c_void_p).value)
    asked = range(0, total, step)
    for angle in _ask(_CHAR_ANGLE, raw_page, asked, len(asked), np.float64).tolist():
        if angle >= 0:
            counts[(4 - round(angle / (math.pi / 2))) % 4] += 1  # PDFium turns clockwise
    return max(range(4), key=lambda q: (counts[q], q == 0))


def is_bold(fontname: str, weight: int = -1, settings: TextLayerSettings = DEFAULT) -> bool:
    """Given a font name ('ABCDEF+Arial-BoldMT') and weight, whether it is a bold face."""
    if weight >= settings.bold_weight:
        return True
    name = fontname.split("+", 1)[-1].lower()
    style = name.split("-", 1)[-1] if "-" in name else name.split(",", 1)[-1]
    return any(marker in style for marker in settings.bold_markers) or name.endswith("bd")


# is_bold of a font name and weight, kept (a page's text objects share a few fonts)
_bold_face = lru_cache(maxsize=1024)(is_bold)


def font_of(textpage: pdfium.PdfTextPage, index: int) -> tuple[str, int]:
    """Given a text page and a char index, the char's font name and weight."""
    buffer = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    pdfium_c.FPDFText_GetFontInfo(textpage.raw, index, buffer, 128, flags)
    weight = int(pdfium_c.FPDFText_GetFontWeight(textpage.raw, index))
    return buffer.value.decode("latin-1", "replace"), weight


def _bare(function: Any, restype: Any) -> Any:
    """Given a pypdfium2 raw function and its C return type, the same C function without
    ctypes' argument conversion (a third of the cost of a call; the caller passes the handle
    as a ``c_void_p``, indices as ints and structures by reference)."""
    bare = ctypes.cast(function, type(function))
    bare.restype = restype
    return bare


# the per-character calls of read_words
_GET_UNICODE = _bare(pdfium_c.FPDFText_GetUnicode, ctypes.c_uint)
_IS_GENERATED = _bare(pdfium_c.FPDFText_IsGenerated, ctypes.c_int)
_MAP_ERROR = _bare(pdfium_c.FPDFText_HasUnicodeMapError, ctypes.c_int)
_LOOSE_BOX = _bare(pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_int)
_TEXT_OBJECT = _bare(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p)
_OBJECT_ID = _bare(pdfium_c.FPDFText_GetTextObject, ctypes.c_size_t)  # an int, 0 for none
_CHAR_ANGLE = _bare(pdfium_c.FPDFText_GetCharAngle, ctypes.c_float)
_FONT_SIZE = _bare(pdfium_c.FPDFText_GetFontSize, ctypes.c_double)


def read_words_by_char(
    textpage: pdfium.PdfTextPage, upright: Upright, settings: TextLayerSettings = DEFAULT
) -> list[Word]:
    """Given a PDFium text page, its words in content order: characters joined, broken at
    spaces, generated characters, gaps and new lines; one character at a time (what
    ``read_words`` computes by arrays, and its fallback). Text turned against the page is
    not told apart here: on a page read this way (a box holding a zero or a value that is
    not finite) a turned label's letters stay one word each.

    PDFium is called directly (without ctypes' argument conversion, one reused
    rectangle) and each word's box, size and boldness are kept as it grows: this loop
    runs once per character of every page. A box is the min and max of the
    character's two upright corners; ``a if not b < a else b`` is ``min(a, b)``,
    value for value."""
    raw_page = ctypes.c_void_p(ctypes.cast(textpage.raw, ctypes.c_void_p).value)
    font_cache: dict[tuple[float, int], bool] = {}
    # a text object's characters share its font size (PDFium reads the size off the object):
    # size and boldness are read once per object
    of_object: dict[int, tuple[float, bool]] = {}
    printable: dict[int, str] = {}
    rect = pdfium_c.FS_RECTF()
    rect_ref = ctypes.byref(rect)
    get_unicode = _GET_UNICODE
    is_generated = _IS_GENERATED
    map_error = _MAP_ERROR
    loose_box = _LOOSE_BOX
    font_size = pdfium_c.FPDFText_GetFontSize
    text_object = _TEXT_OBJECT
    quarter, width, height = upright.quarter, upright.width, upright.height
    word_gap = settings.word_gap
    words: list[Word] = []
    texts: list[str] = []  # the current word's characters
    wx0 = wtop = wx1 = wbottom = wsize = 0.0
    letters = bold_letters = bold_all = False
    # the last character of the current word (None after a break)
    last: tuple[float, float, float, float, float] | None = None

    def close() -> None:
        words.append(
            Word(
                text="".join(texts),
                bbox=BBox(wx0, wtop, wx1, wbottom),
                origin="text",
                confidence=1.0,
                font_size=wsize,
                bold=bold_letters if letters else bold_all,
            )
        )
        texts.clear()

    for index in range(textpage.count_chars()):
        code = get_unicode(raw_page, index)
        if code == 0 or is_generated(raw_page, index):
            if texts:
                close()
            last = None
            continue
        if map_error(raw_page, index):
            text = f"(cid:{code})"
        elif code == LINE_END_HYPHEN:
            text = "-"  # pdfium marks a hyphen at a line's end; "Dokument-" / "och" keeps it
        else:
            seen = printable.get(code)  # the character, or "" for one that breaks a word
            if seen is None:
                char = chr(code)
                seen = printable[code] = char if char not in SPACES and char.isprintable() else ""
            text = seen
            if not text:
                if texts:
                    close()
                last = None
                continue
        if not loose_box(raw_page, index, rect_ref):
            raise pdfium.PdfiumError("Failed to get charbox.")
        obj = text_object(raw_page, index) or 0
        known = of_object.get(obj) if obj else None
        if known is not None:
            size, bold = known
        else:
            size = float(font_size(textpage.raw, index))
            cached = font_cache.get((size, obj))
            if cached is None:
                cached = font_cache[(size, obj)] = is_bold(*font_of(textpage, index), settings)
            bold = cached
            if obj:
                of_object[obj] = (size, bold)
        if quarter == 0:
            ax, ay, bx, by = rect.left, height - rect.bottom, rect.right, height - rect.top
        elif quarter == 1:
            ax, ay, bx, by = rect.bottom, rect.left, rect.top, rect.right
        elif quarter == 2:
            ax, ay, bx, by = width - rect.left, rect.bottom, width - rect.right, rect.top
        else:
            ax, ay, bx, by = (
                height - rect.bottom,
                width - rect.left,
                height - rect.top,
                (width - rect.right),
            )
        x0 = bx if bx < ax else ax
        top = by if by < ay else ay
        x1 = bx if bx > ax else ax
        bottom = by if by > ay else ay
        if last is not None:
            _, ltop, lx1, lbottom, lsize = last
            gap = x0 - lx1
            last_height = lbottom - ltop
            # ``1.0 if v < 1.0 else v`` is ``max(v, 1.0)``, value for value (NaN too)
            same_line = abs((top + bottom) / 2 - (ltop + lbottom) / 2) <= (
                (1.0 if last_height < 1.0 else last_height) * 0.6
            )
            if not same_line or gap > word_gap * (1.0 if lsize < 1.0 else lsize) or gap < -lsize:
                close()
        if texts:
            wx0 = x0 if x0 < wx0 else wx0
            wtop = top if top < wtop else wtop
            wx1 = x1 if x1 > wx1 else wx1
            wbottom = bottom if bottom > wbottom else wbottom
            wsize = size if size > wsize else wsize
        else:
            wx0, wtop, wx1, wbottom, wsize = x0, top, x1, bottom, size
            letters, bold_letters, bold_all = False, True, True
        if text.isalpha():
            letters = True
            bold_letters = bold_letters and bold
        bold_all = bold_all and bold
        texts.append(text)
        last = (x0, top, x1, bottom, size)
    if texts:
        close()
    return words


@dataclass(frozen=True, slots=True)
class PageChars:
    """A text page's characters that belong to words, in content order: their text, their
    index on the page, their loose boxes in page space (left, top, right, bottom, as
    PDFium's FS_RECTF), their font size and boldness, whether each is a letter, and for each
    the position (in this order) of the first character of its text object (itself when it
    has none): the characters of one object share its font and matrix."""

    texts: list[str]
    indices: npt.NDArray[np.intp]
    boxes: npt.NDArray[np.float64]
    sizes: npt.NDArray[np.float64]
    bold: npt.NDArray[np.bool_]
    alpha: npt.NDArray[np.bool_]
    firsts: npt.NDArray[np.intp]


def _ask(function: Any, raw_page: ctypes.c_void_p, indices: Any, count: int, dtype: Any) -> Any:
    """Given a per-character PDFium function, the text page's handle and character indices
    (a range, a sequence of ints or an integer array), its answer for each character as an
    array: asked from C when the character scanner is built (extract/charscan.py), else one
    ctypes call per character."""
    scanner = charscan.loaded()
    if scanner is not None:
        answers = scanner.ask(function, raw_page, indices, count, dtype)
        if answers is not None:
            return answers
    if isinstance(indices, np.ndarray):
        indices = indices.tolist()  # ctypes takes Python ints
    return np.fromiter(
        map(function, itertools.repeat(raw_page, count), indices), dtype=dtype, count=count
    )


def loose_boxes(
    raw_page: ctypes.c_void_p, positions: npt.NDArray[np.intp]
) -> npt.NDArray[np.float64]:
    """Given a text page's handle and character indices (an array), their loose boxes in page space
    (left, top, right, bottom, as PDFium's FS_RECTF); PdfiumError when one has none."""
    count = len(positions)
    scanner = charscan.loaded()
    if scanner is not None:
        found, read = scanner.boxes(_LOOSE_BOX, raw_page, positions, count)
        if read < count:
            raise pdfium.PdfiumError("Failed to get charbox.")
        return found.astype(np.float64)
    at = positions.tolist()
    rects = (pdfium_c.FS_RECTF * count)()
    size = ctypes.sizeof(pdfium_c.FS_RECTF)
    refs = [ctypes.byref(rects, size * k) for k in range(count)]
    if not all(map(_LOOSE_BOX, itertools.repeat(raw_page, count), at, refs)):
        raise pdfium.PdfiumError("Failed to get charbox.")
    return np.frombuffer(rects, dtype=np.float32).reshape(count, 4).astype(np.float64)


def distinct_values(values: npt.NDArray[Any]) -> npt.NDArray[Any]:
    """Given an array, its distinct values in ascending order (``np.unique`` without its
    masked-array check, which imports ``numpy.ma`` in every forked page reader)."""
    ordered = np.sort(values)
    if len(ordered) < 2:
        return ordered
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))]


def is_member(values: npt.NDArray[Any], members: npt.NDArray[Any]) -> npt.NDArray[np.bool_]:
    """Given character codes and distinct codes of at most ``sys.maxunicode``, whether each
    code is one of them (``np.isin`` by a lookup table: its sorting path, taken for a page
    with a large code, sorts both arrays and imports ``numpy.ma``)."""
    found = np.zeros(len(values), dtype=bool)
    if len(members) == 0:
        return found
    table = np.zeros(int(members.max()) + 1, dtype=bool)
    table[members] = True
    inside = values < len(table)
    found[inside] = table[values[inside]]
    return found


def char_texts(
    raw_page: ctypes.c_void_p, count: int
) -> tuple[npt.NDArray[np.intp], list[str], npt.NDArray[np.bool_]]:
    """Given a text page's handle and its character count, the characters that belong to
    words (positions on the page), their texts and whether each is a letter: "(cid:N)" for
    a glyph without a Unicode map, "-" for a hyphen ending a line; left out, the characters
    that break a word (generated by PDFium, empty, a space or not printable). PDFium is
    asked for every character's code and map error in bulk, whether it was generated only
    for the characters that would be kept, and each distinct code is looked at once."""
    codes = _ask(_GET_UNICODE, raw_page, range(count), count, np.uint32)
    unmapped = _ask(_MAP_ERROR, raw_page, range(count), count, np.int32)
    error = unmapped != 0
    mapped = (codes != 0) & ~error
    distinct = distinct_values(codes[mapped]).tolist()
    table: dict[int, str] = {}  # a plain code's text, "" for one that breaks a word
    for code in distinct:
        if code > sys.maxunicode:
            table[code] = ""  # no character: an error below if a kept character has it
        elif code == LINE_END_HYPHEN:
            table[code] = "-"  # pdfium marks a hyphen at a line's end; "Dokument-" / "och" keeps it
        else:
            char = chr(code)
            table[code] = char if char not in SPACES and char.isprintable() else ""
    kept_codes = np.asarray([code for code in distinct if table[code]], dtype=np.uint32)
    letters = np.asarray([code for code in distinct if table[code].isalpha()], dtype=np.uint32)
    beyond = mapped & (codes > sys.maxunicode)  # asked too: chr() refuses a plain one
    known = mapped & is_member(codes, kept_codes)
    wanted = np.flatnonzero(known | ((codes != 0) & error) | beyond)
    generated = _ask(_IS_GENERATED, raw_page, wanted, len(wanted), np.int32)
    plain = wanted[generated == 0]
    if beyond[plain].any():
        chr(int(codes[plain[beyond[plain]][0]]))  # ValueError, as for every plain code
    positions = plain[~beyond[plain]]
    kept = codes[positions]
    texts = [table.get(code, "") for code in kept.tolist()]
    cid = error[positions]
    for k in np.flatnonzero(cid).tolist():
        texts[k] = f"(cid:{int(kept[k])})"
    alpha = is_member(kept, letters) & ~cid
    return positions, texts, alpha


def object_firsts(handles: npt.NDArray[np.uint64]) -> npt.NDArray[np.intp]:
    """Given each character's text object handle (0 for none), the position of the first
    character of the same object (its own position for a character without one)."""
    _, first, which = np.unique(handles, return_index=True, return_inverse=True)
    return np.where(handles == 0, np.arange(len(handles)), first[which.reshape(-1)])


def asked_once(firsts: npt.NDArray[np.intp]) -> npt.NDArray[np.intp]:
    """Given each character's first position of its object, the positions to ask PDFium
    about (each object's first character and each character without one), ascending."""
    wanted = np.zeros(len(firsts), dtype=bool)
    wanted[firsts] = True
    return np.flatnonzero(wanted)


def char_fonts(
    textpage: pdfium.PdfTextPage,
    indices: npt.NDArray[np.intp],
    firsts: npt.NDArray[np.intp],
    handles: npt.NDArray[np.uint64],
    settings: TextLayerSettings = DEFAULT,
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_]]:
    """Given a text page, character indices, the first position of each one's text object
    and the objects' handles, each character's font size and boldness: read once per text
    object (its characters share its size), per character without one; boldness once per
    size and object."""
    wanted = asked_once(firsts)
    at = indices[wanted].tolist()
    raw_page = ctypes.c_void_p(ctypes.cast(textpage.raw, ctypes.c_void_p).value)
    sizes = _ask(_FONT_SIZE, raw_page, at, len(at), np.float64)
    font_cache: dict[tuple[float, int], bool] = {}
    bold: list[bool] = []
    for index, size, obj in zip(at, sizes.tolist(), handles[wanted].tolist(), strict=True):
        key = (size, obj)
        known = font_cache.get(key)
        if known is None:
            known = font_cache[key] = _bold_face(*font_of(textpage, index), settings)
        bold.append(known)
    where = np.searchsorted(wanted, firsts)
    return sizes[where], np.asarray(bold, dtype=bool)[where]


def page_chars(textpage: pdfium.PdfTextPage, settings: TextLayerSettings = DEFAULT) -> PageChars:
    """Given a PDFium text page, the characters that belong to words, with boxes and fonts."""
    raw_page = ctypes.c_void_p(ctypes.cast(textpage.raw, ctypes.c_void_p).value)
    indices, texts, alpha = char_texts(raw_page, textpage.count_chars())
    count = len(indices)
    boxes = loose_boxes(raw_page, indices)
    handles = _ask(_OBJECT_ID, raw_page, indices, count, np.uint64)
    firsts = object_firsts(handles)
    sizes, bold = char_fonts(textpage, indices, firsts, handles, settings)
    return PageChars(texts, indices, boxes, sizes, bold, alpha, firsts)


def char_quarters(
    textpage: pdfium.PdfTextPage, indices: npt.NDArray[np.intp], firsts: npt.NDArray[np.intp]
) -> npt.NDArray[np.intp]:
    """Given a text page, character indices and the first position of each one's text
    object, the quarter turn each character is set at (as ``text_quarter`` counts them; -1
    where PDFium gives no angle): read once per text object (its characters share its
    matrix), per character without one."""
    raw_page = ctypes.c_void_p(ctypes.cast(textpage.raw, ctypes.c_void_p).value)
    wanted = asked_once(firsts)
    read = _ask(_CHAR_ANGLE, raw_page, indices[wanted], len(wanted), np.float64)
    angles = read[np.searchsorted(wanted, firsts)]
    quarters = (4 - np.rint(angles / (math.pi / 2)).astype(np.intp)) % 4
    return np.where(angles >= 0, quarters, -1)


def upright_boxes(boxes: npt.NDArray[np.float64], upright: Upright) -> npt.NDArray[np.float64]:
    """Given page-space loose boxes (left, top, right, bottom), the upright boxes (x0, top,
    x1, bottom): the min and max of each box's two upright corners, as Upright.box."""
    left, top, right, bottom = boxes.T
    width, height = upright.width, upright.height
    if upright.quarter == 0:
        ax, ay, bx, by = left, height - bottom, right, height - top
    elif upright.quarter == 1:
        ax, ay, bx, by = bottom, left, top, right
    elif upright.quarter == 2:
        ax, ay, bx, by = width - left, bottom, width - right, top
    else:
        ax, ay, bx, by = height - bottom, width - left, height - top, width - right
    return np.stack(
        [
            np.where(bx < ax, bx, ax),
            np.where(by < ay, by, ay),
            np.where(bx > ax, bx, ax),
            np.where(by > ay, by, ay),
        ],
        axis=1,
    )


def word_starts(
    indices: npt.NDArray[np.intp],
    boxes: npt.NDArray[np.float64],
    sizes: npt.NDArray[np.float64],
    settings: TextLayerSettings = DEFAULT,
    by_index: bool = True,
) -> npt.NDArray[np.intp]:
    """Given the word characters' page indices, upright boxes and sizes, the positions where
    a word starts: after a character that breaks words (unless ``by_index`` is off: text
    turned against the page, whose glyphs PDFium may split by generated characters), on a
    new line (middles apart by
    more than 0.6 of the last character's height, at least 1), after a gap wider than
    ``word_gap`` sizes of the last character, or a step back further than its size."""
    count = len(indices)
    starts = np.ones(count, dtype=bool)
    if count > 1:
        x0, top, x1, bottom = boxes.T
        last_size = sizes[:-1]
        gap = x0[1:] - x1[:-1]
        last_height = bottom[:-1] - top[:-1]
        same_line = np.abs((top[1:] + bottom[1:]) / 2 - (top[:-1] + bottom[:-1]) / 2) <= (
            np.where(last_height < 1.0, 1.0, last_height) * 0.6
        )
        apart = (
            ~same_line
            | (gap > settings.word_gap * np.where(last_size < 1.0, 1.0, last_size))
            | (gap < -last_size)
        )
        after_break = np.diff(indices) != 1
        starts[1:] = (apart | after_break) if by_index else apart
    return np.flatnonzero(starts)


def read_words(
    textpage: pdfium.PdfTextPage, upright: Upright, settings: TextLayerSettings = DEFAULT
) -> list[Word]:
    """Given a PDFium text page, its words in content order: characters joined, broken at
    spaces, generated characters, gaps and new lines; a word's box is the min and max of
    its characters' boxes, its size their largest, bold when all its letters are (or, with
    no letters, all its characters).

    The characters are read from PDFium in bulk and their boxes compared as arrays.
    Pages whose boxes hold a zero (-0.0 and 0.0 tie) or a value that is not finite, or a
    size that is not, are read one character at a time (``read_words_by_char``, of which
    this is the same computation)."""
    chars = page_chars(textpage, settings)
    if not len(chars.indices):
        return []
    boxes = upright_boxes(chars.boxes, upright)
    if not (np.isfinite(boxes).all() and np.isfinite(chars.sizes).all()) or (boxes == 0).any():
        return read_words_by_char(textpage, upright, settings)
    quarters = char_quarters(textpage, chars.indices, chars.firsts)
    turned = (quarters >= 0) & (quarters != upright.quarter)
    if not turned.any():
        everything = np.arange(len(chars.indices))
        return [word for _, word in chars_to_words(chars, everything, boxes, boxes, settings)]
    set_at = np.where(turned, quarters, upright.quarter)
    words: list[tuple[int, Word]] = []
    for quarter in distinct_values(set_at).tolist():
        lines = (
            boxes
            if quarter == upright.quarter
            else upright_boxes(chars.boxes, Upright(quarter, upright.width, upright.height))
        )
        words.extend(
            chars_to_words(chars, np.flatnonzero(set_at == quarter), lines, boxes, settings)
        )
    return [word for _, word in sorted(words, key=lambda pair: pair[0])]


def chars_to_words(
    chars: PageChars,
    group: npt.NDArray[np.intp],
    lines: npt.NDArray[np.float64],
    boxes: npt.NDArray[np.float64],
    settings: TextLayerSettings = DEFAULT,
) -> list[tuple[int, Word]]:
    """Given a page's characters, a group of them set at one quarter turn, their boxes
    upright for that turn (``lines``: where words break) and upright for the page
    (``boxes``: where words are), the group's words. Text turned against the page (a
    narrow column's label read bottom to top) is read along its own lines and keeps its
    box on the page, a tall narrow word. Each word comes with its first character's
    position on the page (content order)."""
    everything = len(group) == len(chars.texts)  # group is then every character, in order
    indices = chars.indices if everything else chars.indices[group]
    sizes = chars.sizes if everything else chars.sizes[group]
    turned = lines is not boxes
    upright_lines = lines if everything else lines[group]
    starts = word_starts(indices, upright_lines, sizes, settings, by_index=not turned)
    bold = chars.bold if everything else chars.bold[group]
    texts = chars.texts if everything else [chars.texts[i] for i in group.tolist()]
    alpha = chars.alpha if everything else chars.alpha[group]
    page_boxes = boxes if everything else boxes[group]
    ends = [*starts[1:].tolist(), len(indices)]
    lows = [np.minimum.reduceat(page_boxes[:, c], starts).tolist() for c in (0, 1)]
    highs = [np.maximum.reduceat(page_boxes[:, c], starts).tolist() for c in (2, 3)]
    word_sizes = np.maximum.reduceat(sizes, starts).tolist()
    letters = np.add.reduceat(alpha.astype(np.intp), starts)
    bold_letters = np.add.reduceat((alpha & bold).astype(np.intp), starts) == letters
    bold_all = np.add.reduceat(bold.astype(np.intp), starts) == np.diff([*starts, len(bold)])
    word_bold = np.where(letters > 0, bold_letters, bold_all).tolist()
    firsts = group[starts].tolist()
    spans = zip(starts.tolist(), ends, strict=True)
    word_texts = ["".join(texts[start:end]) for start, end in spans]
    (x0s, tops), (x1s, bottoms) = lows, highs
    words = make_words(
        word_texts,
        x0s,
        tops,
        x1s,
        bottoms,
        itertools.repeat("text"),
        itertools.repeat(1.0),
        word_sizes,
        word_bold,
        itertools.repeat(turned),
    )
    pairs = list(zip(firsts, words, strict=True))
    if not turned:
        return pairs
    own = lines[group]
    own_lows = [np.minimum.reduceat(own[:, c], starts).tolist() for c in (0, 1)]
    own_highs = [np.maximum.reduceat(own[:, c], starts).tolist() for c in (2, 3)]
    return join_turned_phrases(pairs, list(zip(*own_lows, *own_highs, strict=True)))


def join_turned_phrases(
    pairs: list[tuple[int, Word]], own: list[tuple[float, float, float, float]]
) -> list[tuple[int, Word]]:
    """Given turned words (with their first character's position) and their boxes upright
    for their own turn, the words of one turned line within a word gap of 1.5 font sizes
    joined by spaces into one word: a turned label is read as one phrase ("Konsekvens
    (1–5)"), as a cell's label is."""
    out: list[tuple[int, Word]] = []
    last: tuple[float, float, float, float] | None = None
    for (first, word), box in zip(pairs, own, strict=True):
        if out and last is not None:
            height = max(last[3] - last[1], 1.0)
            same_line = abs((box[1] + box[3]) / 2 - (last[1] + last[3]) / 2) <= 0.6 * height
            gap = box[0] - last[2]
            if same_line and 0 <= gap <= 1.5 * max(word.font_size, 1.0):
                start, before = out[-1]
                a, b = before.bbox, word.bbox
                out[-1] = (
                    start,
                    Word(
                        f"{before.text} {word.text}",
                        BBox(
                            min(a.x0, b.x0),
                            min(a.top, b.top),
                            max(a.x1, b.x1),
                            max(a.bottom, b.bottom),
                        ),
                        "text",
                        1.0,
                        max(before.font_size, word.font_size),
                        before.bold and word.bold,
                        True,
                    ),
                )
                last = (last[0], min(last[1], box[1]), box[2], max(last[3], box[3]))
                continue
        out.append((first, word))
        last = box
    return out


def drawn_objects(page: pdfium.PdfPage, max_depth: int = 2) -> list[tuple[int, Any]]:
    """Given a PDFium page, its path and image objects as (type, raw handle), in the order
    and with the errors of pypdfium2's ``page.get_objects(filter=(PATH, IMAGE), max_depth)``
    (each object before those of the form it is; forms opened max_depth - 1 deep), without
    a helper object for each object of the page (each holds a finaliser)."""
    found: list[tuple[int, Any]] = []
    _walk_objects(
        page.raw, pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject, 0, max_depth, found
    )
    return found


def _walk_objects(
    parent: Any, count: Any, get: Any, level: int, max_depth: int, found: list[tuple[int, Any]]
) -> None:
    """Given a page or form object, how to count and get its objects, its nesting level and
    the depth limit, its path and image objects (and its forms') added to found."""
    total = count(parent)
    if total < 0:
        raise pdfium.PdfiumError("Failed to get number of pageobjects.")
    for index in range(total):
        raw = get(parent, index)
        if not raw:
            raise pdfium.PdfiumError("Failed to get pageobject.")
        kind = pdfium_c.FPDFPageObj_GetType(raw)
        if kind == pdfium_c.FPDF_PAGEOBJ_UNKNOWN:
            raise pdfium.PdfiumError(
                "Failed to determine pageobject type, did you pass in a valid "
                "FPDF_PAGEOBJECT handle?"
            )
        if kind in _DRAWN:
            found.append((kind, raw))
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and level < max_depth - 1:
            form_count, form_get = pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject
            _walk_objects(raw, form_count, form_get, level + 1, max_depth, found)


_DRAWN = (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE)


def object_bounds(raw: Any) -> tuple[float, float, float, float]:
    """Given a page object's raw handle, its bounds on the page (left, bottom, right, top),
    as pypdfium2's ``PdfObject.get_bounds``."""
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if not pdfium_c.FPDFPageObj_GetBounds(raw, left, bottom, right, top):
        raise pdfium.PdfiumError("Failed to locate pageobject.")
    return (left.value, bottom.value, right.value, top.value)


def path_points(raw: Any) -> list[list[tuple[float, float]]]:
    """Given a path object's raw handle, its subpaths as lists of points in page space."""
    matrix = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFPageObj_GetMatrix(raw, matrix)
    subpaths: list[list[tuple[float, float]]] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    for index in range(pdfium_c.FPDFPath_CountSegments(raw)):
        segment = pdfium_c.FPDFPath_GetPathSegment(raw, index)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        point = (
            matrix.a * x.value + matrix.c * y.value + matrix.e,
            matrix.b * x.value + matrix.d * y.value + matrix.f,
        )
        if (
            pdfium_c.FPDFPathSegment_GetType(segment) == pdfium_c.FPDF_SEGMENT_MOVETO
            or not subpaths
        ):
            subpaths.append([point])
        else:
            subpaths[-1].append(point)
        if pdfium_c.FPDFPathSegment_GetClose(segment) and subpaths[-1]:
            subpaths[-1].append(subpaths[-1][0])
    return subpaths


def segment_ruling(
    a: tuple[float, float],
    b: tuple[float, float],
    upright: Upright,
    settings: TextLayerSettings = DEFAULT,
) -> Ruling | None:
    """Given two page-space points, the ruling they draw (upright space), if axis-aligned."""
    (ax, ay), (bx, by) = upright.point(*a), upright.point(*b)
    x0, x1 = sorted((ax, bx))
    y0, y1 = sorted((ay, by))
    if max(x1 - x0, y1 - y0) < settings.min_ruling_length or min(x1 - x0, y1 - y0) > 1.0:
        return None
    return Ruling(x0, y0, x1, y1)


def path_rulings(
    raw: Any,
    bounds: tuple[float, float, float, float],
    upright: Upright,
    settings: TextLayerSettings = DEFAULT,
) -> list[Ruling]:
    """Given a path object's raw handle and bounds, the rulings it draws: its straight
    segments or a thin box."""
    left, bottom, right, top = bounds
    if min(right - left, top - bottom) <= settings.max_ruling_thickness:
        box = upright.box(left, bottom, right, top)
        ruling = Ruling(box.x0, box.top, box.x1, box.bottom)
        length = max(right - left, top - bottom)
        return [ruling] if length >= settings.min_ruling_length else []
    rulings: list[Ruling] = []
    for points in path_points(raw):
        for a, b in itertools.pairwise(points):
            segment = segment_ruling(a, b, upright, settings)
            if segment is not None:
                rulings.append(segment)
    return rulings


def path_fill(
    raw: Any,
    bounds: tuple[float, float, float, float],
    upright: Upright,
    settings: TextLayerSettings = DEFAULT,
) -> Fill | None:
    """Given a path object's raw handle and bounds, the coloured area it fills, when it is a
    filled box without outline.

    A cell's background (a coloured value, a shaded header) is a filled
    rectangle with no stroke: an area with a colour, not table borders.
    """
    left, bottom, right, top = bounds
    if min(right - left, top - bottom) <= settings.max_ruling_thickness:
        return None
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(raw, fill_mode, stroke):
        return None
    if fill_mode.value == 0 or stroke.value:
        return None
    r, g, b, a = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    if not pdfium_c.FPDFPageObj_GetFillColor(raw, r, g, b, a) or a.value == 0:
        return None
    return Fill(
        upright.box(left, bottom, right, top), (r.value / 255, g.value / 255, b.value / 255)
    )


def read_text_layer(
    page: pdfium.PdfPage, page_no: int, settings: TextLayerSettings = DEFAULT
) -> TextLayerPage:
    """Given a PDFium page, its words, rulings, plain text and image cover."""
    width, height = page.get_size()
    if page.get_rotation() in (90, 270):  # get_size is the displayed size
        width, height = height, width
    textpage = page.get_textpage()
    try:
        upright = Upright(text_quarter(textpage), width, height)
        words = tuple(join_spaced_letters(read_words(textpage, upright, settings)))
    finally:
        textpage.close()
    rulings: list[Ruling] = []
    fills: list[Fill] = []
    images: list[tuple[float, float, float, float]] = []
    for kind, raw in drawn_objects(page, max_depth=2):
        bounds = object_bounds(raw)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            fill = path_fill(raw, bounds, upright, settings)
            if fill is not None:
                fills.append(fill)
            else:
                rulings.extend(path_rulings(raw, bounds, upright, settings))
        else:
            left, bottom, right, top = bounds
            images.append((left, height - top, right, height - bottom))
    # a lone unmapped glyph is a symbol (a bullet from a Symbol/Dingbats font), not broken text
    text = words_to_text([w for w in words if not CID_GLYPH.fullmatch(w.text)])
    return TextLayerPage(
        page=page_no,
        width=float(upright.size[0]),
        height=float(upright.size[1]),
        words=words,
        rulings=tuple(rulings),
        fills=tuple(fills),
        text=text,
        image_cover=image_cover(images, width=width, height=height),
    )
