"""Typed, frozen records passed between the pipeline's stages.

Coordinates are PDF points with the origin at the top-left of the page (the
convention of pdfplumber): ``x0 < x1`` and ``top < bottom``.  OCR words are
converted into the same space, so every later stage sees one representation
of a page whichever route produced it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Sequence, Sized
from dataclasses import dataclass, field, fields
from itertools import repeat
from typing import Literal, overload

Origin = Literal["text", "ocr"]
Route = Literal["text", "ocr", "skipped"]  # skipped: page triage left it without OCR


@dataclass(frozen=True, slots=True)
class BBox:
    """A rectangle in PDF points, origin top-left."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def xmid(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def ymid(self) -> float:
        return (self.top + self.bottom) / 2

    def __reduce__(self) -> tuple[Callable[..., BBox], tuple[float, float, float, float]]:
        """Given a box, how pickle rebuilds it (faster than the dataclass's field state)."""
        return make_bbox, (self.x0, self.top, self.x1, self.bottom)

    def union(self, other: BBox) -> BBox:
        """Given two boxes, the smallest box holding both."""
        return make_bbox(
            min(self.x0, other.x0),
            min(self.top, other.top),
            max(self.x1, other.x1),
            max(self.bottom, other.bottom),
        )


@dataclass(frozen=True, slots=True)
class Word:
    """One word of a page, from the text layer or from OCR.

    ``confidence`` is 1.0 for text-layer words and Tesseract's word
    confidence scaled to 0..1 for OCR words.  ``font_size`` is the glyph
    height in points (for OCR words: the box height); ``bold`` is only known
    for text-layer words (False otherwise). ``turned`` marks a text-layer word set a
    quarter turn against the page (a narrow column's label read bottom to top): its box
    is tall and narrow.
    """

    text: str
    bbox: BBox
    origin: Origin = "text"
    confidence: float = 1.0
    font_size: float = 0.0
    bold: bool = False
    turned: bool = False

    def __reduce__(
        self,
    ) -> tuple[Callable[..., Word], tuple[str, BBox, Origin, float, float, bool, bool]]:
        """Given a word, how pickle rebuilds it (pages go from the reading child by pickle)."""
        return make_word, (
            self.text,
            self.bbox,
            self.origin,
            self.confidence,
            self.font_size,
            self.bold,
            self.turned,
        )


_new = object.__new__
# the slot setters of the frozen records, in field order (frozen: __setattr__ refuses)
_BBOX_SLOTS = tuple(getattr(BBox, f.name).__set__ for f in fields(BBox))
_WORD_SLOTS = tuple(getattr(Word, f.name).__set__ for f in fields(Word))


def make_bbox(x0: float, top: float, x1: float, bottom: float) -> BBox:
    """Given a box's four values, the box: what ``BBox(x0, top, x1, bottom)`` makes, its
    slots set directly (about half the cost of the frozen dataclass's ``__init__``, for
    the many boxes of a page's words)."""
    box = _new(BBox)
    set_x0, set_top, set_x1, set_bottom = _BBOX_SLOTS
    set_x0(box, x0)
    set_top(box, top)
    set_x1(box, x1)
    set_bottom(box, bottom)
    return box


def make_word(
    text: str,
    bbox: BBox,
    origin: Origin = "text",
    confidence: float = 1.0,
    font_size: float = 0.0,
    bold: bool = False,
    turned: bool = False,
) -> Word:
    """Given a word's fields in ``Word``'s order, the word (as ``make_bbox``: slots set
    directly)."""
    word = _new(Word)
    set_text, set_bbox, set_origin, set_confidence, set_size, set_bold, set_turned = _WORD_SLOTS
    set_text(word, text)
    set_bbox(word, bbox)
    set_origin(word, origin)
    set_confidence(word, confidence)
    set_size(word, font_size)
    set_bold(word, bold)
    set_turned(word, turned)
    return word


def make_words(
    texts: Sequence[str],
    x0s: Iterable[float],
    tops: Iterable[float],
    x1s: Iterable[float],
    bottoms: Iterable[float],
    origins: Iterable[Origin],
    confidences: Iterable[float],
    font_sizes: Iterable[float],
    bolds: Iterable[bool],
    turneds: Iterable[bool],
) -> list[Word]:
    """Given words' fields as columns in ``Word``'s order, a word's box as its four values
    (a column a sequence as long as ``texts`` or an endless iterator, such as
    ``itertools.repeat``), the words: what ``make_word(text, make_bbox(x0, top, x1, bottom),
    ...)`` makes for each, their slots set a column at a time, without a Python call per
    word (a page's words come from the reading child this way)."""
    count = len(texts)
    columns = (x0s, tops, x1s, bottoms, origins, confidences, font_sizes, bolds, turneds)
    if any(len(column) != count for column in columns if isinstance(column, Sized)):
        raise ValueError("make_words: columns of different lengths")
    boxes = list(map(_new, repeat(BBox, count)))
    for set_slot, column in zip(_BBOX_SLOTS, columns[:4], strict=True):
        deque(map(set_slot, boxes, column), maxlen=0)
    words = list(map(_new, repeat(Word, count)))
    for set_slot, values in zip(_WORD_SLOTS, (texts, boxes, *columns[4:]), strict=True):
        deque(map(set_slot, words, values), maxlen=0)
    return words


@dataclass(frozen=True, slots=True)
class Ruling:
    """A straight ruling line (table border) of a page, horizontal or vertical."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def orientation(self) -> Literal["h", "v"]:
        return "h" if (self.x1 - self.x0) >= (self.bottom - self.top) else "v"


@dataclass(frozen=True, slots=True)
class Fill:
    """A filled rectangle of a page (a cell's background), with its colour (0..1 RGB)."""

    bbox: BBox
    rgb: tuple[float, float, float]


@dataclass(frozen=True, slots=True)
class TextQuality:
    """Measures of how usable a page's text layer is.

    ``swedish_word_share``: share of alphabetic words that are known Swedish
    words; ``unmapped_share``: share of characters that are unmapped glyphs
    ("(cid:12)", U+FFFD, private-use or control characters);
    ``diacritic_rate``: å/ä/ö per letter (Swedish prose has about 0.04);
    ``suspect_share``: share of words that look like English-model OCR damage
    of Swedish (digits or symbols inside letters, stripped å/ä/ö spellings).
    """

    chars: int = 0
    words: int = 0
    swedish_word_share: float = 0.0
    unmapped_share: float = 0.0
    diacritic_rate: float = 0.0
    suspect_share: float = 0.0
    mojibake_repairable: bool = False
    image_cover: float = 0.0


@dataclass(frozen=True, slots=True)
class PageDecision:
    """Which route a page's text comes from, and why."""

    route: Route
    reason: str
    quality: TextQuality = field(default_factory=TextQuality)


@dataclass(frozen=True, slots=True)
class PageRecord:
    """One page as the layout recognisers see it: words with boxes and rulings."""

    page: int  # 1-based
    width: float
    height: float
    words: tuple[Word, ...]
    rulings: tuple[Ruling, ...]
    decision: PageDecision
    ocr_confidence: float | None = None  # mean word confidence when OCR'd
    fills: tuple[Fill, ...] = ()  # filled rectangles (cell backgrounds), text layer only
    shades: tuple[Fill, ...] = ()  # a greyscale scan's grey cells: values only, no structure


@dataclass(frozen=True, slots=True)
class Cell:
    """A piece of extracted text with where it came from.

    ``raw`` is the text exactly as read from the page (joined words);
    ``text`` starts equal to ``raw`` and is replaced by the repaired text in
    ``normalize``.  ``confidence`` is the mean word confidence.
    """

    raw: str
    page: int
    bbox: BBox | None = None
    confidence: float = 1.0
    text: str | None = None
    number: int | None = None  # a value read from a word scale, a colour or a risk matrix

    @property
    def value(self) -> str:
        return self.raw if self.text is None else self.text


@dataclass(frozen=True, slots=True)
class RawControl:
    """A control (kontrollmoment) as found on the page, fields keyed by contract column."""

    fields: dict[str, Cell]
    page: int
    layout: str


@dataclass(frozen=True, slots=True)
class RawRisk:
    """A risk as found on the page, fields keyed by contract column, with its controls."""

    fields: dict[str, Cell]
    page: int
    layout: str
    controls: tuple[RawControl, ...] = ()


@dataclass(frozen=True, slots=True)
class Provenance:
    """How a risk or control row came to be; it travels beside the row (keyed by its id),
    never inside it, since none of it is a contract column.

    ``layout``: the recognizer's layout rule that read the row ("manual" for a row an
    auditor added); ``ocr_confidence``: the mean word confidence of its cells, weighted
    by text length (1 on the text layer); ``repair_share``: the largest share of a text
    field's words that repair changed. The last two make the row's confidence.
    """

    row_id: str
    layout: str
    ocr_confidence: float = 1.0
    repair_share: float = 0.0


@dataclass(frozen=True, slots=True)
class LayoutResult:
    """What the layout recognisers found in one document."""

    risks: tuple[RawRisk, ...]
    orphan_controls: tuple[RawControl, ...] = ()
    layouts: tuple[str, ...] = ()


@overload
def mean_confidence(words: Iterable[Word], empty: float) -> float: ...
@overload
def mean_confidence(words: Iterable[Word], empty: None = None) -> float | None: ...
def mean_confidence(words: Iterable[Word], empty: float | None = None) -> float | None:
    """Given words, their mean confidence (``empty`` when there are none)."""
    confs = [w.confidence for w in words]
    return sum(confs) / len(confs) if confs else empty
