"""Reading a page's text layer with pdfplumber: words with boxes, rulings, images."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pdfplumber.page import Page

from riskrad.records import BBox, Ruling, Word

BOLD_MARKERS = ("bold", "bd", "black", "heavy", "semibold", "demi")
MIN_RULING_LENGTH = 4.0  # points; shorter strokes are glyph parts, not table borders
# A lone unmapped glyph is a symbol (a bullet from a Symbol/Dingbats font), not broken text.
LONE_GLYPH = re.compile(r"\(cid:\d+\)")


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


def is_bold(fontname: str) -> bool:
    """Given a PDF font name ('ABCDEF+Arial-BoldMT'), whether it is a bold face."""
    name = fontname.split("+", 1)[-1].lower()
    style = name.split("-", 1)[-1] if "-" in name else name.split(",", 1)[-1]
    return any(marker in style for marker in BOLD_MARKERS) or name.endswith("bd")


def word_from_plumber(obj: dict[str, Any]) -> Word:
    """Given a pdfplumber word dict (with fontname and size), a text-layer Word."""
    return Word(
        text=str(obj["text"]),
        bbox=BBox(float(obj["x0"]), float(obj["top"]), float(obj["x1"]), float(obj["bottom"])),
        origin="text",
        confidence=1.0,
        font_size=float(obj.get("size") or (obj["bottom"] - obj["top"])),
        bold=is_bold(str(obj.get("fontname", ""))),
    )


def ruling_from_edge(edge: dict[str, Any]) -> Ruling | None:
    """Given a pdfplumber edge, a Ruling, or None when it is too short to be a border."""
    x0, x1 = float(edge["x0"]), float(edge["x1"])
    top, bottom = float(edge["top"]), float(edge["bottom"])
    if max(x1 - x0, bottom - top) < MIN_RULING_LENGTH:
        return None
    return Ruling(x0, top, x1, bottom)


def image_cover(page: Page) -> float:
    """Given a page, the share of its area covered by images (overlaps not merged)."""
    area = float(page.width * page.height) or 1.0
    covered = 0.0
    for image in page.images:
        x0 = max(float(image["x0"]), 0.0)
        x1 = min(float(image["x1"]), float(page.width))
        top = max(float(image["top"]), 0.0)
        bottom = min(float(image["bottom"]), float(page.height))
        if x1 > x0 and bottom > top:
            covered += (x1 - x0) * (bottom - top)
    return min(covered / area, 1.0)


def read_text_layer(page: Page, page_no: int) -> TextLayerPage:
    """Given a pdfplumber page, its words, rulings, plain text and image cover."""
    raw_words = page.extract_words(
        x_tolerance=1.5, y_tolerance=2, keep_blank_chars=False, extra_attrs=["fontname", "size"]
    )
    words = tuple(word_from_plumber(w) for w in raw_words)
    rulings = tuple(r for r in (ruling_from_edge(e) for e in page.edges) if r is not None)
    text = " ".join(w.text for w in words if not LONE_GLYPH.fullmatch(w.text))
    return TextLayerPage(
        page=page_no,
        width=float(page.width),
        height=float(page.height),
        words=words,
        rulings=rulings,
        text=text,
        image_cover=image_cover(page),
    )
