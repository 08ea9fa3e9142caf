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
from collections.abc import Iterator
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from riskrad.extract.page_decision import image_cover
from riskrad.extract.tables import words_to_text
from riskrad.model.records import BBox, Fill, Ruling, Word
from riskrad.model.settings import TextLayerSettings
from riskrad.model.text import CID_GLYPH

DEFAULT = TextLayerSettings()
SPACES = frozenset(" \t\r\n\u00a0\u2002\u2003\u2009\u200b\ufffe")


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


@dataclass(frozen=True, slots=True)
class Glyph:
    """One character of the text layer with its box (top-left origin) and font."""

    text: str
    box: BBox
    size: float
    bold: bool


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
    for index in range(0, total, step):
        angle = pdfium_c.FPDFText_GetCharAngle(textpage.raw, index)
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


def font_of(textpage: pdfium.PdfTextPage, index: int) -> tuple[str, int]:
    """Given a text page and a char index, the char's font name and weight."""
    buffer = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    pdfium_c.FPDFText_GetFontInfo(textpage.raw, index, buffer, 128, flags)
    weight = int(pdfium_c.FPDFText_GetFontWeight(textpage.raw, index))
    return buffer.value.decode("latin-1", "replace"), weight


def glyphs_of(
    textpage: pdfium.PdfTextPage, upright: Upright, settings: TextLayerSettings = DEFAULT
) -> Iterator[Glyph | None]:
    """Given a PDFium text page, its glyphs in content order (None marks a word break).

    PDFium is called directly (one reused rectangle, the text object's address read
    from its pointer's buffer): this loop runs once per character of every page."""
    raw_page = textpage.raw
    font_cache: dict[tuple[float, int], bool] = {}
    rect = pdfium_c.FS_RECTF()
    get_unicode = pdfium_c.FPDFText_GetUnicode
    is_generated = pdfium_c.FPDFText_IsGenerated
    map_error = pdfium_c.FPDFText_HasUnicodeMapError
    loose_box = pdfium_c.FPDFText_GetLooseCharBox
    font_size = pdfium_c.FPDFText_GetFontSize
    text_object = pdfium_c.FPDFText_GetTextObject
    address = ctypes.c_void_p.from_buffer
    box = upright.box
    for index in range(textpage.count_chars()):
        code = get_unicode(raw_page, index)
        if is_generated(raw_page, index) or code == 0:
            yield None
            continue
        if map_error(raw_page, index):
            text = f"(cid:{code})"
        else:
            text = chr(code)
            if text in SPACES or not text.isprintable():
                yield None
                continue
        if not loose_box(raw_page, index, rect):
            raise pdfium.PdfiumError("Failed to get charbox.")
        size = float(font_size(raw_page, index))
        key = (size, address(text_object(raw_page, index)).value or 0)
        bold = font_cache.get(key)
        if bold is None:
            bold = font_cache[key] = is_bold(*font_of(textpage, index), settings)
        yield Glyph(text, box(rect.left, rect.bottom, rect.right, rect.top), size, bold)


def glyphs_to_words(
    glyphs: Iterator[Glyph | None], settings: TextLayerSettings = DEFAULT
) -> list[Word]:
    """Given glyphs with word breaks, the words: broken at spaces, gaps and new lines."""
    words: list[Word] = []
    current: list[Glyph] = []
    word_gap = settings.word_gap

    def close() -> None:
        if current:
            boxes = [g.box for g in current]
            box = BBox(
                min(b.x0 for b in boxes),
                min(b.top for b in boxes),
                max(b.x1 for b in boxes),
                max(b.bottom for b in boxes),
            )
            letters = [g for g in current if g.text.isalpha()] or current
            words.append(
                Word(
                    text="".join(g.text for g in current),
                    bbox=box,
                    origin="text",
                    confidence=1.0,
                    font_size=max(g.size for g in current),
                    bold=all(g.bold for g in letters),
                )
            )
            current.clear()

    last: Glyph | None = None
    for glyph in glyphs:
        if glyph is None:
            close()
            last = None
            continue
        if last is not None:
            lb, gb = last.box, glyph.box
            gap = gb.x0 - lb.x1
            last_height = lb.bottom - lb.top
            same_line = abs((gb.top + gb.bottom) / 2 - (lb.top + lb.bottom) / 2) <= (
                max(last_height, 1.0) * 0.6
            )
            if not same_line or gap > word_gap * max(last.size, 1.0) or gap < -last.size:
                close()
        current.append(glyph)
        last = glyph
    close()
    return words


def path_points(obj: pdfium.PdfObject) -> list[list[tuple[float, float]]]:
    """Given a path object, its subpaths as lists of points in page space."""
    matrix = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFPageObj_GetMatrix(obj.raw, matrix)
    subpaths: list[list[tuple[float, float]]] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    for index in range(pdfium_c.FPDFPath_CountSegments(obj.raw)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj.raw, index)
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
    obj: pdfium.PdfObject, upright: Upright, settings: TextLayerSettings = DEFAULT
) -> list[Ruling]:
    """Given a path object, the rulings it draws: its straight segments or a thin box."""
    left, bottom, right, top = obj.get_bounds()
    if min(right - left, top - bottom) <= settings.max_ruling_thickness:
        box = upright.box(left, bottom, right, top)
        ruling = Ruling(box.x0, box.top, box.x1, box.bottom)
        length = max(right - left, top - bottom)
        return [ruling] if length >= settings.min_ruling_length else []
    rulings: list[Ruling] = []
    for points in path_points(obj):
        for a, b in itertools.pairwise(points):
            segment = segment_ruling(a, b, upright, settings)
            if segment is not None:
                rulings.append(segment)
    return rulings


def path_fill(
    obj: pdfium.PdfObject, upright: Upright, settings: TextLayerSettings = DEFAULT
) -> Fill | None:
    """Given a path object, the coloured area it fills, when it is a filled box without outline.

    A cell's background (a coloured value, a shaded header) is a filled
    rectangle with no stroke: an area with a colour, not table borders.
    """
    left, bottom, right, top = obj.get_bounds()
    if min(right - left, top - bottom) <= settings.max_ruling_thickness:
        return None
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(obj.raw, fill_mode, stroke):
        return None
    if fill_mode.value == 0 or stroke.value:
        return None
    r, g, b, a = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    if not pdfium_c.FPDFPageObj_GetFillColor(obj.raw, r, g, b, a) or a.value == 0:
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
        words = tuple(glyphs_to_words(glyphs_of(textpage, upright, settings), settings))
    finally:
        textpage.close()
    rulings: list[Ruling] = []
    fills: list[Fill] = []
    images: list[tuple[float, float, float, float]] = []
    for obj in page.get_objects(
        filter=(pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE), max_depth=2
    ):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH:
            fill = path_fill(obj, upright, settings)
            if fill is not None:
                fills.append(fill)
            else:
                rulings.extend(path_rulings(obj, upright, settings))
        else:
            left, bottom, right, top = obj.get_bounds()
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
