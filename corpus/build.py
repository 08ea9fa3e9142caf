"""Build the sample corpus: born-digital PDFs plus their expected rows.

Run as ``.venv/bin/python corpus/build.py [OUT_DIR]``.  Every run writes the same
bytes: reportlab runs with ``invariant=1``, dates are fixed and no randomness is
used here.  Each PDF is rendered from structured data parsed from the texts in
``corpus/sources/``; the same data gives ``NAME.expected.json``, and the page of
every risk and control is recorded while the page is drawn (``PageMark``).
"""

from __future__ import annotations

import csv
import html
import json
import re
import sys
import tempfile
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import ftfy
import reportlab
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from riskrad.model.schema import CONTROLS, RISKS

sys.path.insert(0, str(Path(__file__).resolve().parent))
import damage

CORPUS = Path(__file__).resolve().parent
SOURCES = CORPUS / "sources"
FONT_DIR = Path(reportlab.__file__).resolve().parent / "fonts"

# ids, keys and scores are the pipeline's own; "flags" is validation output, not content
RISK_EXCLUDED = ("risk_id", "document_id", "risk_key", "confidence", "flags", "scale_max",
                 "value_normalised", "risk_level", "risk_category_canonical",
                 "risk_theme", "risk_theme_score")  # computed by the pipeline, not written
CONTROL_EXCLUDED = ("control_id", "risk_id", "document_id", "confidence", "flags", "risk_theme")
TERMINAL = (".", "!", "?", ":", ";")


# --------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class RiskRow:
    """One expected risk row; ``key`` names the PageMark drawn with it."""

    key: str
    process: str | None
    risk: str | None
    description: str | None = None
    risk_category: str | None = None
    responsible: str | None = None
    probability: int | None = None
    consequence: int | None = None
    risk_value: int | None = None
    existing_controls: str | None = None
    planned_handling: str | None = None
    follows_plan: bool | None = None
    comment: str | None = None


@dataclass(frozen=True, slots=True)
class ControlRow:
    """One expected control row, linked to a risk by its index in the risk list."""

    key: str
    risk_index: int | None
    control: str | None
    description: str | None = None
    responsible: str | None = None
    frequency: str | None = None
    method: str | None = None
    result: str | None = None
    comment: str | None = None
    action: str | None = None


@dataclass(frozen=True, slots=True)
class DocMeta:
    """What the documents table should say about one PDF."""

    municipality: str
    municipality_code: str
    organ: str
    year: int
    document_type: str | None
    title: str
    header: str


@dataclass(frozen=True, slots=True)
class Built:
    """A document ready to render: its story, page size and expected rows."""

    name: str
    folder: str
    layout: str
    seed: str
    meta: DocMeta
    story: list[Flowable]
    risks: list[RiskRow]
    controls: list[ControlRow]
    pagesize: tuple[float, float] = A4
    marks: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Rendered:
    """A rendered PDF: where it is, how many pages, and the page of each mark."""

    path: Path
    pages: int
    marks: dict[str, int]


# --------------------------------------------------------------------------- text helpers


def collapse(text: str) -> str:
    """Given any text, the text with runs of whitespace collapsed to one space."""
    return re.sub(r"\s+", " ", text).strip()


def strip_tags(text: str) -> str:
    """Given a cell with HTML tags, its text without tags (entities unescaped)."""
    return html.unescape(re.sub(r"<[^>]+>", " ", text))


def cell_paragraphs(cell: str) -> list[str]:
    """Given a raw cell (maybe ``<p>``-wrapped), its paragraphs as plain texts."""
    parts = re.findall(r"<p>(.*?)</p>", cell, flags=re.S)
    texts = parts if parts else [cell]
    return [collapse(strip_tags(t)) for t in texts if collapse(strip_tags(t))]


def joined(paragraphs: Sequence[str]) -> str | None:
    """Given paragraphs, their text joined by one space, or None when empty."""
    text = collapse(" ".join(paragraphs))
    return text or None


def markup(text: str) -> str:
    """Given plain text with ``**b**``/``*i*``/``<i>``, reportlab Paragraph markup."""
    keep = re.sub(r"</?i>", lambda m: "\x01" if m.group(0) == "<i>" else "\x02", text)
    safe = html.escape(strip_tags(keep), quote=False)
    safe = safe.replace("\x01", "<i>").replace("\x02", "</i>")
    safe = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", safe)
    return re.sub(r"(?<![\w*])\*(\S.*?)\*(?![\w*])", r"<i>\1</i>", safe)


def blocks_of(lines: Sequence[str]) -> list[list[str]]:
    """Given text lines, the blank-line separated blocks of stripped non-empty lines."""
    out: list[list[str]] = []
    cur: list[str] = []
    for raw in lines:
        line = raw.rstrip("\n")
        if line.strip():
            cur.append(line.strip(" ") if "\t" in line else line.strip())
        elif cur:
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return out


def is_bullets(block: Sequence[str]) -> bool:
    """Given a block, whether every line is a ``- `` bullet."""
    return all(line.startswith("- ") for line in block)


def is_table(block: Sequence[str]) -> bool:
    """Given a block, whether its lines are tab-separated table rows."""
    return any("\t" in line for line in block)


def merge_broken_paragraphs(blocks: list[list[str]]) -> list[list[str]]:
    """Given blocks, blocks with a paragraph broken before a lowercase start re-joined."""
    out: list[list[str]] = []
    for block in blocks:
        prev = out[-1] if out else None
        plain = not is_bullets(block) and not is_table(block)
        if (
            prev is not None
            and plain
            and not is_bullets(prev)
            and not is_table(prev)
            and block[0][:1].islower()
            and not prev[-1].endswith(TERMINAL)
        ):
            out[-1] = [collapse(" ".join(prev)) + " " + collapse(" ".join(block))]
        else:
            out.append(block)
    return out


# --------------------------------------------------------------------------- fonts and styles


VERA = (("Vera", "Vera.ttf"), ("VeraBd", "VeraBd.ttf"), ("VeraIt", "VeraIt.ttf"),
        ("VeraBI", "VeraBI.ttf"))


def register_fonts(ascii_readable: bool = True) -> None:
    """Given reportlab's bundled Vera fonts, register them as the 'Vera' family.

    With ``ascii_readable`` false, glyph codes are handed out in order of first use
    in each new document instead of keeping ASCII codes, so a text layer without
    /ToUnicode is unreadable. (reportlab never replaces a registered font, so the
    flag is set on the registered font objects; it is read when a document starts.)"""
    from reportlab.lib.fonts import addMapping

    for name, file in VERA:
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / file)))
        pdfmetrics.getFont(name)._asciiReadable = int(ascii_readable)
    addMapping("Vera", 0, 0, "Vera")
    addMapping("Vera", 1, 0, "VeraBd")
    addMapping("Vera", 0, 1, "VeraIt")
    addMapping("Vera", 1, 1, "VeraBI")


@dataclass(frozen=True, slots=True)
class Styles:
    """The paragraph styles every layout shares."""

    title: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    body: ParagraphStyle
    bullet: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    label: ParagraphStyle
    meta: ParagraphStyle
    bullet_char: str


def make_styles(cell_size: float = 8.0, text: Callable[[str], str] | None = None) -> Styles:
    """Given a table cell font size and the text transform, the shared paragraph styles."""
    base = ParagraphStyle("body", fontName="Vera", fontSize=9.5, leading=12.5, spaceAfter=5)
    return Styles(
        title=ParagraphStyle("title", base, fontName="VeraBd", fontSize=18, leading=22,
                             spaceAfter=10, keepWithNext=1),
        h1=ParagraphStyle("h1", base, fontName="VeraBd", fontSize=14, leading=17,
                          spaceBefore=10, spaceAfter=6, keepWithNext=1),
        h2=ParagraphStyle("h2", base, fontName="VeraBd", fontSize=12, leading=15,
                          spaceBefore=8, spaceAfter=4, keepWithNext=1),
        h3=ParagraphStyle("h3", base, fontName="VeraBd", fontSize=10.5, leading=13,
                          spaceBefore=6, spaceAfter=3, keepWithNext=1),
        body=base,
        bullet=ParagraphStyle("bullet", base, leftIndent=14, bulletIndent=4, spaceAfter=1,
                              bulletFontName="Vera"),
        cell=ParagraphStyle("cell", base, fontSize=cell_size, leading=cell_size * 1.25,
                            spaceAfter=2, alignment=TA_LEFT),
        cell_bold=ParagraphStyle("cellb", base, fontName="VeraBd", fontSize=cell_size,
                                 leading=cell_size * 1.25, spaceAfter=0),
        label=ParagraphStyle("label", base, fontName="VeraBd", fontSize=9, leading=11,
                             spaceBefore=4, spaceAfter=2, keepWithNext=1),
        meta=ParagraphStyle("meta", base, fontSize=8.5, leading=11,
                            textColor=colors.HexColor("#333333")),
        bullet_char=(text or identity)("•"),
    )


# --------------------------------------------------------------------------- page marks


class PageMark(Flowable):  # type: ignore[misc]
    """A zero-size flowable that records the page it is drawn on under its key."""

    def __init__(self, key: str, sink: dict[str, int]) -> None:
        super().__init__()
        self.key = key
        self.sink = sink
        self.width = 0
        self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """Given the available space, take none."""
        return (0, 0)

    def draw(self) -> None:
        """Given the canvas, record the current page number (first drawing wins)."""
        self.sink.setdefault(self.key, self.canv.getPageNumber())


def marked(key: str, sink: dict[str, int], *flowables: Flowable) -> list[Flowable]:
    """Given flowables, the same list led by a PageMark kept with the next flowable."""
    mark = PageMark(key, sink)
    mark.keepWithNext = 1
    return [mark, *flowables]


# --------------------------------------------------------------------------- shared builders


GRID = colors.HexColor("#404040")
HEAD_BG = colors.HexColor("#d9e2ec")
SECTION_BG = colors.HexColor("#eeeeee")


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """Given plain text and a style, a Paragraph (text escaped, light markup kept)."""
    return Paragraph(markup(text), style)


def cell(paragraphs: Sequence[str], style: ParagraphStyle) -> list[Flowable]:
    """Given a cell's paragraphs, the flowables of that cell."""
    return [para(t, style) for t in paragraphs]


def ruled_style(header_rows: int, extra: Sequence[tuple[Any, ...]] = ()) -> TableStyle:
    """Given the number of header rows, a fully ruled table style."""
    cmds: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header_rows:
        cmds.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), HEAD_BG))
    cmds.extend(extra)
    return TableStyle(cmds)


def longest_word(value: Any) -> float:
    """Given a table cell (a Paragraph, a list of flowables or a string), the width of
    its longest word in its own font."""
    items = value if isinstance(value, list | tuple) else [value]
    widest = 0.0
    for item in items:
        if isinstance(item, Paragraph):
            words = html.unescape(strip_tags(item.text)).split()
            font, size = item.style.fontName, item.style.fontSize
            widest = max([widest, *(pdfmetrics.stringWidth(w, font, size) for w in words)])
    return widest


def fit_widths(data: Sequence[Sequence[Any]], widths: Sequence[float], pad: float = 7.0,
               ) -> list[float]:
    """Given table data and wanted column widths, widths where every column holds its
    longest word (so words are not broken mid-word), the extra taken from columns with
    room to spare in proportion to that room; the total width is kept."""
    ncols = len(widths)
    need = [max([0.0, *(longest_word(row[i]) + pad for row in data if i < len(row))])
            for i in range(ncols)]
    out = list(widths)
    short = sum(max(n - w, 0.0) for n, w in zip(need, out, strict=True))
    room = [max(w - n, 0.0) for n, w in zip(need, out, strict=True)]
    if short <= 0 or sum(room) < short:
        return out
    take = short / sum(room)
    return [max(n, w) if n > w else w - r * take for n, w, r in zip(need, out, room,
                                                                       strict=True)]


def simple_table(rows: Sequence[Sequence[str]], width: float, st: Styles) -> Table:
    """Given tab-table rows (first is the header), a small ruled table over ``width``."""
    ncols = max(len(r) for r in rows)
    padded = [list(r) + [""] * (ncols - len(r)) for r in rows]
    first = width * (0.34 if ncols > 2 else 0.3)
    rest = (width - first) / max(ncols - 1, 1)
    widths = [first] + [rest] * (ncols - 1)
    data = [
        [cell([c] if c.strip() else [], st.cell_bold if i == 0 else st.cell) for c in r]
        for i, r in enumerate(padded)
    ]
    return Table(data, colWidths=fit_widths(data, widths), repeatRows=1, style=ruled_style(1))


def prose_story(blocks: Sequence[Sequence[str]], width: float, st: Styles) -> list[Flowable]:
    """Given text blocks, flowables: headings, paragraphs, bullet lists and tab tables."""
    story: list[Flowable] = []
    for i, block in enumerate(blocks):
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if is_table(block):
            rows = [line.split("\t") for line in block]
            story += [simple_table(rows, width, st), Spacer(1, 6)]
        elif is_bullets(block):
            story += [Paragraph(markup(line[2:]), st.bullet, bulletText=st.bullet_char)
                      for line in block]
            story.append(Spacer(1, 4))
        elif is_heading(block, nxt):
            story.append(para(block[0], st.h2))
        else:
            story.append(para(collapse(" ".join(block)), st.body))
    return story


def is_heading(block: Sequence[str], nxt: Sequence[str] | None) -> bool:
    """Given a block and the next one, whether the block reads as a heading."""
    if len(block) != 1 or nxt is None:
        return False
    text = block[0].strip()
    if len(text) > 90 or text.endswith((*TERMINAL, ",")) or (text[:1].isdigit() and len(text) < 6):
        return False
    body = collapse(" ".join(nxt))
    return len(body) >= 80 or is_bullets(nxt) or is_table(nxt)


# --------------------------------------------------------------------------- rendering


def page_decorator(meta: DocMeta) -> Callable[[Canvas, Any], None]:
    """Given document metadata, a page callback drawing the running header and footer."""

    def decorate(canvas: Canvas, doc: Any) -> None:
        w, h = doc.pagesize
        canvas.saveState()
        canvas.setFont("Vera", 7.5)
        canvas.setFillColor(colors.HexColor("#555555"))
        canvas.drawString(doc.leftMargin, h - 1.1 * cm, meta.header)
        canvas.drawRightString(w - doc.rightMargin, h - 1.1 * cm, meta.title)
        canvas.setStrokeColor(colors.HexColor("#999999"))
        canvas.setLineWidth(0.4)
        canvas.line(doc.leftMargin, h - 1.25 * cm, w - doc.rightMargin, h - 1.25 * cm)
        canvas.drawRightString(w - doc.rightMargin, 0.9 * cm, f"Sida {doc.page}")
        canvas.restoreState()

    return decorate


def render(built: Built, out_dir: Path) -> Rendered:
    """Given a built document and an output root, write the PDF and return its pages."""
    path = out_dir / built.folder / f"{built.name}.pdf"
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = SimpleDocTemplate(
        str(path),
        pagesize=built.pagesize,
        leftMargin=1.8 * cm,
        rightMargin=1.8 * cm,
        topMargin=1.8 * cm,
        bottomMargin=1.6 * cm,
        title=built.meta.title,
        author=built.meta.organ,
        subject=built.meta.header,
        creator="riskrad corpus/build.py",
        invariant=1,
    )
    deco = page_decorator(built.meta)
    doc.build(list(built.story), onFirstPage=deco, onLaterPages=deco)
    return Rendered(path=path, pages=doc.page, marks=dict(built.marks))


def row_dict(row: RiskRow | ControlRow, page: int, names: Sequence[str]) -> dict[str, Any]:
    """Given an expected row and its page, the JSON object in contract column order."""
    values = {f.name: getattr(row, f.name) for f in fields(row)}
    out: dict[str, Any] = {}
    if isinstance(row, ControlRow):
        out["risk_index"] = row.risk_index
    out["page"] = page
    for name in names:
        if name != "page":
            out[name] = values[name]
    return out


def expected_json(
    built: Built, rendered: Rendered, variant: str = "born_digital", pages_ocr: int = 0
) -> dict[str, Any]:
    """Given a built and rendered document, its expected-rows object (brief format)."""
    risk_names = [c.name for c in RISKS if c.name not in RISK_EXCLUDED]
    control_names = [c.name for c in CONTROLS if c.name not in CONTROL_EXCLUDED]
    keys = [r.key for r in built.risks] + [c.key for c in built.controls]
    missing = [k for k in keys if k not in rendered.marks]
    if missing:
        raise ValueError(f"{built.name}: marks never drawn: {missing[:5]}")
    m = built.meta
    return {
        "layout": built.layout,
        "variant": variant,
        "seed": built.seed,
        "document": {
            "status": "ok",
            "municipality": m.municipality,
            "municipality_code": m.municipality_code,
            "organ": m.organ,
            "year": m.year,
            "document_type": m.document_type,
            "pages": rendered.pages,
            "pages_ocr": pages_ocr,
        },
        "risks": [row_dict(r, rendered.marks[r.key], risk_names) for r in built.risks],
        "controls": [row_dict(c, rendered.marks[c.key], control_names) for c in built.controls],
    }


def write_json(obj: dict[str, Any], path: Path) -> None:
    """Given an object and a path, write stable, readable UTF-8 JSON."""
    path.write_text(json.dumps(obj, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def title_block(meta: DocMeta, lines: Sequence[str], st: Styles) -> list[Flowable]:
    """Given metadata and title lines, the first-page header block."""
    out: list[Flowable] = [para(meta.header, st.meta), Spacer(1, 14), para(meta.title, st.title)]
    out += [para(line, st.meta) for line in lines]
    out.append(Spacer(1, 12))
    return out


def identity(text: str) -> str:
    """Given a text, the same text."""
    return text


@dataclass(frozen=True, slots=True)
class Options:
    """How to build a document: the short version, and a transform of all source text."""

    short: bool = False
    text: Callable[[str], str] = identity


FULL = Options()
SHORT = Options(short=True)


def read_source(name: str, opts: Options = FULL) -> list[str]:
    """Given a file name in corpus/sources and options, its (transformed) lines."""
    return opts.text((SOURCES / name).read_text(encoding="utf-8")).splitlines()


def transform_tree(obj: Any, text: Callable[[str], str]) -> Any:
    """Given parsed data (JSON, tuples, frozen dataclasses) and a transform, every string
    in it transformed (dict keys kept)."""
    if isinstance(obj, str):
        return text(obj)
    if isinstance(obj, list):
        return [transform_tree(v, text) for v in obj]
    if isinstance(obj, tuple):
        return tuple(transform_tree(v, text) for v in obj)
    if isinstance(obj, dict):
        return {k: transform_tree(v, text) for k, v in obj.items()}
    if hasattr(obj, "__dataclass_fields__"):
        changes = {f.name: transform_tree(getattr(obj, f.name), text) for f in fields(obj)}
        return replace(obj, **changes)
    return obj


# ------------------------------------------------------------ layout a: ruled_risk_table


def parse_ruled_table(lines: Sequence[str]) -> tuple[list[list[str]], list[list[list[str]]]]:
    """Given seed lines, the prose blocks before the table and the table's cell paragraphs."""
    first = next(i for i, line in enumerate(lines) if line.count("\t") >= 5)
    prose = blocks_of(lines[:first])
    rows: list[list[list[str]]] = []
    for line in lines[first:]:
        if line.count("\t") >= 5:
            rows.append([cell_paragraphs(c) for c in line.split("\t")])
    return prose, rows


def yes_no(text: str | None) -> bool | None:
    """Given a Ja/Nej cell, True/False, or None when it says neither."""
    low = (text or "").strip().lower()
    return True if low == "ja" else False if low == "nej" else None


def as_int(text: str | None) -> int | None:
    """Given a cell, its integer value, or None when it is not a plain integer."""
    t = (text or "").strip()
    return int(t) if re.fullmatch(r"-?\d+", t) else None


def build_ruled_risk_table(opts: Options = FULL) -> Built:
    """Given seed 000 and options, the ruled_risk_table document and its expected risks."""
    t = opts.text
    st = make_styles(8.0, t)
    size = landscape(A4)
    width = size[0] - 3.6 * cm
    marks: dict[str, int] = {}
    prose, rows = parse_ruled_table(read_source("seed_000_uppfoljning.txt", opts))
    title = collapse(" ".join(prose[0]))
    meta = DocMeta("Sigtuna", "0191", "Kommunstyrelsen", 2023, "uppfoljning", title,
                   t("Kommunstyrelsen · Kommunledningsförvaltningen"))
    story = title_block(meta, ["Datum: 2024-01-16", "Diarienummer: KS/2024:17"], st)
    story += prose_story(prose[1:3] if opts.short else prose[1:], width, st)
    header, body = rows[0], rows[1:4] if opts.short else rows[1:]
    widths = [w * width for w in (0.11, 0.16, 0.06, 0.15, 0.16, 0.06, 0.30)]
    data: list[list[Any]] = [[cell(h, st.cell_bold) for h in header]]
    ends: dict[int, int] = {}
    risks: list[RiskRow] = []
    process: str | None = None
    start = 1
    for r, cells in enumerate(body, start=1):
        cells = cells + [[]] * (7 - len(cells))
        texts = [joined(c) for c in cells]
        if texts[0]:
            process, start = texts[0], r
        elif r > 1:
            ends[start] = r
        key = f"r{len(risks)}"
        row_cells: list[Any] = [cell(c, st.cell) for c in cells]
        row_cells[1] = [PageMark(key, marks), *row_cells[1]]
        data.append(row_cells if texts[0] or r == 1 else [[], *row_cells[1:]])
        risks.append(RiskRow(key=key, process=process, risk=texts[1], risk_value=as_int(texts[2]),
                             existing_controls=texts[3], planned_handling=texts[4],
                             follows_plan=yes_no(texts[5]), comment=texts[6]))
    spans = [("SPAN", (0, a), (0, b)) for a, b in sorted(ends.items())]
    table = Table(data, colWidths=fit_widths(data, widths), repeatRows=1, splitByRow=0,
                  splitInRow=24, style=ruled_style(1, spans))
    story += [Spacer(1, 4), table]
    name = "helarsuppfoljning_internkontrollplan_2023" + ("_kort" if opts.short else "")
    return Built(name, "Sigtuna/2023", "ruled_risk_table", "000", meta, story, risks, [], size,
                 marks)


# --------------------------------------------------------------------------- layout b: risk_export


@dataclass(frozen=True, slots=True)
class ExportRisk:
    """One risk of a risk-analysis export with its tables."""

    title: str
    description: tuple[str, ...]
    values: tuple[str, ...]  # Riskkategori, Ansvarig, Riskvärde, Sannolikhet, Konsekvens
    comment: tuple[str, ...]
    controls: tuple[tuple[str, ...], ...]  # Titel, Beskrivning, Ansvarig, Frekvens, Metod
    activities: tuple[tuple[str, ...], ...]  # Titel, Beskrivning, Ansvarig, Start, Slut


@dataclass(frozen=True, slots=True)
class ExportProcess:
    """One process heading of an export: its bullet list and risks."""

    name: str
    bullets: tuple[str, ...]
    risks: tuple[ExportRisk, ...]
    section: str | None = None  # a section label (HUVUDPROCESSER …) printed before it


@dataclass
class _RiskDraft:
    """Mutable collector used only while parsing one export risk."""

    title: str
    description: list[str]
    values: tuple[str, ...]
    comment: list[str] = field(default_factory=list)
    controls: list[tuple[str, ...]] = field(default_factory=list)
    activities: list[tuple[str, ...]] = field(default_factory=list)

    def freeze(self) -> ExportRisk:
        """Given the collected parts, the frozen risk."""
        return ExportRisk(self.title, tuple(self.description), self.values, tuple(self.comment),
                          tuple(self.controls), tuple(self.activities))


def is_title_like(text: str) -> bool:
    """Given a paragraph, whether it can be a risk title (short, no closing punctuation)."""
    return len(text) <= 200 and not text.endswith(TERMINAL)


def is_section_label(block: Sequence[str]) -> bool:
    """Given a block, whether it is a one-line all-capitals section label."""
    return len(block) == 1 and block[0].isupper() and len(block[0].split()) <= 3


def table_rows(block: Sequence[str], ncols: int) -> list[tuple[str, ...]]:
    """Given a tab-table block with a header line, its data rows padded to ncols."""
    rows = [tuple(collapse(c) for c in line.split("\t")) for line in block[1:]]
    return [tuple(list(r[:ncols]) + [""] * (ncols - len(r))) for r in rows]


def parse_export(blocks: list[list[str]]) -> list[ExportProcess]:
    """Given the blocks of a risk-analysis export, its processes, risks and tables."""
    procs: list[ExportProcess] = []
    name: str | None = None
    bullets: tuple[str, ...] = ()
    section: str | None = None
    risks: list[_RiskDraft] = []
    pending: list[str] = []
    mode = "none"

    def close_process() -> None:
        if name is not None:
            procs.append(ExportProcess(name, bullets, tuple(r.freeze() for r in risks), section))

    def flush_comment() -> None:
        if risks and pending and mode == "comment":
            risks[-1].comment.extend(pending)
        pending.clear()

    i = 0
    while i < len(blocks):
        block = blocks[i]
        first = block[0]
        if is_section_label(block) and first not in ("KONTROLLMOMENT", "AKTIVITET"):
            flush_comment()
            close_process()
            name, risks, section, mode = None, [], first, "none"
        elif is_bullets(block):
            heading = pending.pop() if pending else ""
            flush_comment()
            if name is not None:
                close_process()
                section = None
            name, bullets, risks, mode = heading, tuple(b[2:].strip() for b in block), [], "none"
        elif first.startswith("Riskkategori\t"):
            t = max(j for j, p in enumerate(pending) if is_title_like(p))
            before, title, desc = pending[:t], pending[t], pending[t + 1:]
            if risks and mode == "comment":
                risks[-1].comment.extend(before)
            values = table_rows(block, 5)[0]
            risks.append(_RiskDraft(title, list(desc), values))
            pending.clear()
            mode = "risk"
        elif first == "Kommentar:":
            mode = "comment"
        elif first in ("KONTROLLMOMENT", "AKTIVITET"):
            flush_comment()
            table = blocks[i + 1]
            target = risks[-1].controls if first == "KONTROLLMOMENT" else risks[-1].activities
            target.extend(table_rows(table, 5))
            mode = "table"
            i += 1
        else:
            pending.append(collapse(" ".join(block)))
        i += 1
    flush_comment()
    close_process()
    return procs


def export_blocks(lines: Sequence[str]) -> tuple[list[list[str]], list[str], list[list[str]]]:
    """Given seed 003 lines, (agenda blocks, export title lines, export body blocks)."""
    start = next(i for i, line in enumerate(lines) if line.startswith("Fas: Intern kontroll"))
    meta_lines = [lines[start - 2].strip(), collapse(lines[start] + " " + lines[start + 1])]
    body = merge_broken_paragraphs(blocks_of(lines[start + 2:]))
    return blocks_of(lines[:start - 3]), meta_lines, body


def agenda_prose(blocks: Sequence[Sequence[str]], budget: int) -> list[list[str]]:
    """Given the agenda blocks, the leading blocks whose text fits within ``budget`` chars."""
    out: list[list[str]] = []
    used = 0
    for block in blocks:
        used += sum(len(line) for line in block)
        if used > budget:
            break
        out.append(list(block))
    return out


def export_risk_rows(procs: Sequence[ExportProcess]) -> tuple[list[RiskRow], list[ControlRow]]:
    """Given parsed export processes, the expected risk and control rows (with mark keys)."""
    risks: list[RiskRow] = []
    controls: list[ControlRow] = []
    for proc in procs:
        for risk in proc.risks:
            cat, resp, value, prob, cons = risk.values
            idx = len(risks)
            risks.append(RiskRow(
                key=f"r{idx}", process=proc.name, risk=risk.title,
                description=joined(risk.description), risk_category=cat or None,
                responsible=resp or None, probability=as_int(prob), consequence=as_int(cons),
                risk_value=as_int(value),
                planned_handling=joined([a[1] for a in risk.activities]),
                comment=joined(risk.comment)))
            for c in risk.controls:
                controls.append(ControlRow(
                    key=f"c{len(controls)}", risk_index=idx, control=c[0] or None,
                    description=c[1] or None, responsible=c[2] or None,
                    frequency=c[3] or None, method=c[4] or None))
    return risks, controls


def export_story(
    procs: Sequence[ExportProcess], risks: Sequence[RiskRow], controls: Sequence[ControlRow],
    marks: dict[str, int], width: float, st: Styles,
) -> list[Flowable]:
    """Given parsed processes and their expected rows, the export's flowables."""
    story: list[Flowable] = []
    r_i = 0
    c_i = 0
    small = [0.22, 0.26, 0.16, 0.18, 0.18]
    ctl_w = [0.17, 0.28, 0.15, 0.17, 0.23]
    act_w = [0.2, 0.4, 0.16, 0.12, 0.12]
    for proc in procs:
        if proc.section:
            story.append(para(proc.section, st.h1))
        story.append(para(proc.name, st.h2))
        story += [Paragraph(markup(b), st.bullet, bulletText=st.bullet_char) for b in proc.bullets]
        story.append(Spacer(1, 6))
        for risk in proc.risks:
            row = risks[r_i]
            r_i += 1
            story += marked(row.key, marks, para(risk.title, st.h3))
            story += [para(d, st.body) for d in risk.description]
            head = ["Riskkategori", "Ansvarig", "Riskvärde", "Sannolikhet", "Konsekvens"]
            data = [[para(h, st.cell_bold) for h in head], [para(v, st.cell) for v in risk.values]]
            story.append(Table(data, colWidths=fit_widths(data, [w * width * 0.8 for w in small]),
                               style=ruled_style(1), hAlign="LEFT"))
            story.append(Spacer(1, 5))
            if risk.comment:
                story.append(para("Kommentar:", st.label))
                story += [para(c, st.body) for c in risk.comment]
            if risk.controls:
                story.append(para("KONTROLLMOMENT", st.label))
                head = ["Titel", "Beskrivning", "Ansvarig", "Frekvens", "Metod"]
                data = [[para(h, st.cell_bold) for h in head]]
                for ctl in risk.controls:
                    key = controls[c_i].key
                    c_i += 1
                    cells: list[Any] = [cell([v] if v else [], st.cell) for v in ctl]
                    cells[0] = [PageMark(key, marks), *cells[0]]
                    data.append(cells)
                story.append(Table(data, colWidths=fit_widths(data, [w * width for w in ctl_w]),
                                   repeatRows=1,
                                   style=ruled_style(1)))
                story.append(Spacer(1, 5))
            if risk.activities:
                story.append(para("AKTIVITET", st.label))
                head = ["Titel", "Beskrivning", "Ansvarig", "Startdatum", "Slutdatum"]
                data = [[para(h, st.cell_bold) for h in head]]
                data += [[cell([v] if v else [], st.cell) for v in a] for a in risk.activities]
                story.append(Table(data, colWidths=fit_widths(data, [w * width for w in act_w]),
                                   repeatRows=1,
                                   style=ruled_style(1)))
                story.append(Spacer(1, 5))
            story.append(Spacer(1, 6))
    return story


def kalmar_export() -> tuple[list[list[str]], list[str], list[ExportProcess]]:
    """Given seed 003, its agenda blocks, export title lines and parsed processes."""
    agenda, meta_lines, body = export_blocks(read_source("seed_003_kalmar_ks.txt"))
    return agenda, meta_lines, parse_export(body)


def short_export(procs: Sequence[ExportProcess]) -> list[ExportProcess]:
    """Given export processes, the first one plus the first with controls and activities."""
    rich = next(p for p in procs if any(r.controls for r in p.risks)
                and any(r.activities for r in p.risks))
    return [procs[0], rich] if rich is not procs[0] else [rich]


def build_risk_export(
    opts: Options = FULL, procs: Sequence[ExportProcess] | None = None, year: int = 2020,
    name: str = "ks_arbetsutskott_2019-12-17_med_riskanalys_2020", with_agenda: bool = True,
) -> Built:
    """Given options and seed 003 (or edited processes), the risk_export document and rows.

    The seed is parsed as is; the options' transform is applied to the parsed text, so
    a transform (mojibake) cannot change the parse."""
    t = opts.text
    st = make_styles(7.8, t)
    width = A4[0] - 3.6 * cm
    marks: dict[str, int] = {}
    agenda, meta_lines, parsed = kalmar_export()
    procs = list(procs) if procs is not None else parsed
    if opts.short:
        procs, name = short_export(procs), f"riskanalys_{year}_kort"
    title = f"Riskanalys och intern kontrollplan {year}"
    meta = DocMeta("Kalmar", "0880", "Kommunstyrelsen", year, "riskanalys", t(title),
                   t("Kalmar kommun · Kommunledningskontoret"))
    story: list[Flowable] = []
    if with_agenda and not opts.short:
        story += title_block(replace(meta, title=t("Kommunstyrelsens arbetsutskott")),
                             [t("Kallelse och föredragningslista med bilagor")], st)
        story += prose_story(transform_tree(agenda_prose(agenda[1:], 4500), t), width, st)
        story.append(PageBreak())
    if not with_agenda:
        story += [para(meta.header, st.meta), Spacer(1, 14)]
    story += [para(t(title), st.title)]
    fas = meta_lines[1].replace("2020", str(year))
    story += [para(t(fas), st.meta), Spacer(1, 8)]
    risks, controls = export_risk_rows(procs)
    story += export_story(transform_tree(procs, t), risks, controls, marks, width, st)
    return Built(name, f"Kalmar/{year}", "risk_export", "003", meta, story, risks, controls,
                 A4, marks)


# ------------------------------------------------------------ layout c: control_report


def build_control_report(opts: Options = FULL) -> Built:
    """Given options and the hand-corrected seed 002 source, the control_report document."""
    st = make_styles(8.0)
    width = A4[0] - 3.6 * cm
    marks: dict[str, int] = {}
    raw = json.loads((SOURCES / "control_report_norrtalje_2025.json").read_text("utf-8"))
    src = transform_tree(raw, opts.text)
    meta = DocMeta("Norrtälje", "0188", src["organ"], 2025, "internkontrollrapport",
                   src["title"], opts.text("Norrtälje kommun · Kommunstyrelsekontoret"))
    lines = [src["organ"], src["subtitle"], f"Diarienummer {src['diarienummer']}"]
    story = title_block(meta, lines, st)
    if not opts.short:
        story.append(para(src["summary_heading"], st.h1))
        story += [para(p, st.body) for p in src["summary"]]
    risks: list[RiskRow] = []
    controls: list[ControlRow] = []
    widths = [w * width for w in (0.27, 0.2, 0.2, 0.23, 0.1)]
    areas = [{**src["areas"][0], "risks": src["areas"][0]["risks"][:4]}] if opts.short \
        else src["areas"]
    for area in areas:
        if not opts.short:
            story.append(PageBreak())
        story += [para(area["area"], st.h1), para(area["intro"], st.body)]
        for n, item in enumerate(area["risks"]):
            rkey, ckey = f"r{len(risks)}", f"c{len(controls)}"
            data: list[list[Any]] = []
            cmds: list[tuple[Any, ...]] = []
            if n == 0:
                data.append([para(h, st.cell_bold) for h in src["columns"]])
                cmds.append(("BACKGROUND", (0, 0), (-1, 0), HEAD_BG))
            h = len(data)
            data.append([[PageMark(rkey, marks), para(item["risk"], st.cell_bold)], "", "", "", ""])
            cmds += [("SPAN", (0, h), (-1, h)), ("BACKGROUND", (0, h), (-1, h), SECTION_BG)]
            vals = [item["control"], item["responsible"], item["frequency"], item["method"],
                    item["status"] or ""]
            ctl_cells: list[Any] = [cell([v] if v else [], st.cell) for v in vals]
            ctl_cells[0] = [PageMark(ckey, marks), *ctl_cells[0]]
            data.append(ctl_cells)
            table = Table(data, colWidths=fit_widths(data, widths), style=ruled_style(0, cmds))
            block: list[Flowable] = [Spacer(1, 6), table, Spacer(1, 4)]
            block += [para("Resultat:", st.label), para(item["result"], st.body)]
            block += [para("Kommentar:", st.label), para(item["comment"], st.body)]
            story.append(KeepTogether(block[:3]))
            story += block[3:]
            risks.append(RiskRow(key=rkey, process=collapse(area["area"]),
                                 risk=collapse(item["risk"])))
            result = " ".join(t for t in (item["status"], item["result"]) if t)
            controls.append(ControlRow(
                key=ckey, risk_index=len(risks) - 1, control=collapse(item["control"]),
                responsible=collapse(item["responsible"]), frequency=collapse(item["frequency"]),
                method=collapse(item["method"]), result=collapse(result) or None,
                comment=collapse(item["comment"]) or None))
    name = "internkontrollrapport_ks_april_2025" + ("_kort" if opts.short else "")
    return Built(name, "Norrtälje/2025", "control_report", "002", meta, story, risks, controls,
                 A4, marks)


# --------------------------------------------------------------------------- layout d: report_table


@dataclass(frozen=True, slots=True)
class ReportRow:
    """One row of a report table: a section row or a numbered row's cell paragraphs."""

    section: str | None
    cells: tuple[tuple[str, ...], ...]


def join_cell(prev: Sequence[str], more: Sequence[str]) -> tuple[str, ...]:
    """Given a cell's paragraphs and a continuation's, the paragraphs re-joined."""
    if prev and more and not prev[-1].endswith(TERMINAL):
        return (*prev[:-1], prev[-1] + " " + more[0], *more[1:])
    return (*prev, *more)


def parse_report_table(lines: Sequence[str], ncols: int = 6) -> list[ReportRow]:
    """Given table lines, its section rows and numbered rows with continuations merged."""
    rows: list[ReportRow] = []
    for line in lines:
        if "\t" not in line:
            continue
        raw = (line.split("\t") + [""] * ncols)[:ncols]
        cells = [() if re.fullmatch(r"[-:|\s]*", c) else tuple(cell_paragraphs(c)) for c in raw]
        filled = [i for i, c in enumerate(cells) if c]
        if not filled:
            continue
        if re.fullmatch(r"\d+", joined(cells[0]) or ""):
            rows.append(ReportRow(None, tuple(cells)))
        elif len(filled) == 1 and filled[0] <= 1:
            rows.append(ReportRow(joined(cells[filled[0]]), ()))
        elif rows and rows[-1].section is None:
            prev = rows[-1].cells
            rows[-1] = ReportRow(None, tuple(join_cell(p, m) for p, m in zip(prev, cells,
                                                                              strict=True)))
    return rows


def short_report_rows(rows: Sequence[ReportRow]) -> list[ReportRow]:
    """Given report rows, those of the first two sections and of the last section."""
    starts = [i for i, r in enumerate(rows) if r.section is not None]
    if len(starts) < 4:
        return list(rows)
    return [*rows[: starts[2]], *rows[starts[-1]:]]


def build_report_table(opts: Options = FULL) -> Built:
    """Given options and seed 004, the report_table document and its expected rows."""
    t = opts.text
    st = make_styles(7.6, t)
    size = landscape(A4)
    width = size[0] - 3.6 * cm
    marks: dict[str, int] = {}
    lines = read_source("seed_004_arbetsmarknadsnamnden.txt", opts)
    head_i = next(i for i, line in enumerate(lines) if line.startswith("Nr\t"))
    intro = blocks_of(lines[:head_i])
    title = collapse(" ".join(intro[0]))
    organ = collapse(" ".join(intro[1]))
    meta = DocMeta("Eskilstuna", "0484", organ, 2024, "internkontrollrapport", title,
                   f"{organ} · " + t("Integrations- och arbetsmarknadsförvaltningen"))
    story = title_block(meta, [organ, t("Bilaga till verksamhetsberättelse 2024")], st)
    story += prose_story(intro[-1:] if opts.short else intro[2:], width, st)
    header = lines[head_i].split("\t")
    rows = parse_report_table(lines[head_i + 1:], len(header))
    if opts.short:
        rows = short_report_rows(rows)
    widths = [w * width for w in (0.035, 0.15, 0.18, 0.17, 0.315, 0.15)]
    data: list[list[Any]] = [[para(h, st.cell_bold) for h in header]]
    cmds: list[tuple[Any, ...]] = []
    risks: list[RiskRow] = []
    controls: list[ControlRow] = []
    section: str | None = None
    for row in rows:
        r = len(data)
        if row.section is not None:
            section = row.section
            data.append([para(row.section, st.cell_bold)] + [""] * (len(header) - 1))
            cmds += [("SPAN", (0, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r), SECTION_BG)]
            continue
        texts = [joined(c) for c in row.cells]
        ckey = f"c{len(controls)}"
        risk_index: int | None = None
        cells: list[Any] = [cell(c, st.cell) for c in row.cells]
        cells[0] = [PageMark(ckey, marks), *cells[0]]
        if texts[1]:
            rkey = f"r{len(risks)}"
            cells[1] = [PageMark(rkey, marks), *cells[1]]
            risk_index = len(risks)
            risks.append(RiskRow(key=rkey, process=section, risk=texts[1]))
        controls.append(ControlRow(key=ckey, risk_index=risk_index, control=texts[2],
                                   method=texts[3], result=texts[4], action=texts[5]))
        data.append(cells)
    table = Table(data, colWidths=fit_widths(data, widths), repeatRows=1, splitByRow=0,
                  splitInRow=24, style=ruled_style(1, cmds))
    story += [table]
    name = "internkontrollrapport_2024_arbetsmarknadsnamnden" + ("_kort" if opts.short else "")
    return Built(name, "Eskilstuna/2024", "report_table", "004", meta, story, risks, controls,
                 size, marks)


# --------------------------------------------------------------------------- e: tables, no risks


def build_budget_document() -> Built:
    """Given seed 003's budget chapter, a document with ruled tables and no risks."""
    st = make_styles(8.0)
    width = A4[0] - 3.6 * cm
    lines = read_source("seed_003_kalmar_ks.txt")
    start = next(i for i, line in enumerate(lines) if line.strip() == "Verksamhetsmål")
    end = next(i for i, line in enumerate(lines) if i > start and line.strip() == "Bilagor")
    meta = DocMeta("Kalmar", "0880", "Kommunstyrelsen", 2020, None,
                   "Verksamhetsplan med internbudget 2020",
                   "Kalmar kommun · Kommunledningskontoret")
    story = title_block(meta, ["Kommunstyrelsen", "Beslutad av kommunstyrelsen 2020-01-15"], st)
    story += prose_story(merge_broken_paragraphs(blocks_of(lines[start:end])), width, st)
    return Built("verksamhetsplan_internbudget_2020", "Kalmar/2020", "tables_no_risks", "003",
                 meta, story, [], [], A4, {})


# ------------------------------------------------------------ a second year: lineage


@dataclass(frozen=True, slots=True)
class Lineage:
    """A next-year risk list and, for each of its risks, the title it came from."""

    procs: tuple[ExportProcess, ...]
    origin: tuple[tuple[str, str | None], ...]  # (new title, old title or None if added)


def shift_dates(row: tuple[str, ...], years: int) -> tuple[str, ...]:
    """Given a table row, the row with every ISO date moved by ``years``."""
    return tuple(re.sub(r"\b(\d{4})-(\d\d-\d\d)\b",
                        lambda m: f"{int(m.group(1)) + years}-{m.group(2)}", c) for c in row)


def changed_risk(risk: ExportRisk, ch: dict[str, Any], years: int) -> ExportRisk:
    """Given a risk and the change set, the risk as it reads the next year."""
    values = risk.values
    if risk.title in ch["values"]:
        values = (values[0], values[1], *ch["values"][risk.title])
    return replace(risk, title=ch["renamed"].get(risk.title, risk.title), values=values,
                   activities=tuple(shift_dates(a, years) for a in risk.activities))


def new_risk(item: dict[str, Any]) -> ExportRisk:
    """Given an added risk from the change set, the risk record."""
    return ExportRisk(item["title"], tuple(item["description"]), tuple(item["values"]),
                      tuple(item["comment"]), tuple(tuple(c) for c in item["controls"]),
                      tuple(tuple(a) for a in item["activities"]))


def next_year(procs: Sequence[ExportProcess], ch: dict[str, Any]) -> Lineage:
    """Given a year's processes and a change set, next year's processes and risk origins."""
    years = ch["year"] - ch["from_year"]
    added = {item["after"]: new_risk(item) for item in ch["added"]}
    out: list[ExportProcess] = []
    origin: list[tuple[str, str | None]] = []
    for proc in procs:
        risks: list[ExportRisk] = []
        for risk in proc.risks:
            if risk.title not in ch["removed"]:
                risks.append(changed_risk(risk, ch, years))
                origin.append((risks[-1].title, risk.title))
            if risk.title in added:
                risks.append(added[risk.title])
                origin.append((added[risk.title].title, None))
        out.append(replace(proc, risks=tuple(risks)))
    return Lineage(tuple(out), tuple(origin))


def kalmar_next_year() -> tuple[list[ExportProcess], Lineage, int]:
    """Given seed 003 and the 2021 change set, both years' risk lists and the new year."""
    ch = json.loads((SOURCES / "kalmar_ks_2021_changes.json").read_text("utf-8"))
    procs = kalmar_export()[2]
    return procs, next_year(procs, ch), int(ch["year"])


def build_risk_export_next_year() -> Built:
    """Given the 2021 change set, the standalone Kalmar risk analysis of 2021."""
    _, lineage, year = kalmar_next_year()
    return build_risk_export(procs=lineage.procs, year=year, with_agenda=False,
                             name=f"riskanalys_intern_kontrollplan_{year}")


def words_of(title: str) -> set[str]:
    """Given a title, its lowercase words."""
    return set(re.findall(r"\w+", title.lower()))


def similarity(a: str, b: str) -> float:
    """Given two titles, the Jaccard overlap of their words."""
    wa, wb = words_of(a), words_of(b)
    return len(wa & wb) / max(len(wa | wb), 1)


def nearest(title: str, candidates: Sequence[str], exclude: str | None) -> str:
    """Given a title, the most similar candidate other than ``exclude`` (first on ties)."""
    pool = [c for c in candidates if c != exclude and c != title]
    return max(pool, key=lambda c: similarity(title, c))


def lineage_pairs(old: Sequence[str], lineage: Lineage) -> list[tuple[str, str, bool, str]]:
    """Given last year's titles and the lineage, labelled pairs (a, b, same, kind).

    Every surviving risk gives a true pair with its origin; every new-year risk gives
    a hard negative with the most similar old risk that is not its origin; every
    removed risk gives a hard negative with its most similar new-year risk."""
    pairs: list[tuple[str, str, bool, str]] = []
    kept = {o for _, o in lineage.origin if o is not None}
    new_titles = [n for n, _ in lineage.origin]
    for new, orig in lineage.origin:
        if orig is not None:
            pairs.append((orig, new, True, "identical" if orig == new else "reworded"))
        pairs.append((nearest(new, old, orig), new, False,
                      "hard_negative" if orig is not None else "added_vs_nearest"))
    for title in old:
        if title not in kept:
            pairs.append((title, nearest(title, new_titles, None), False, "removed_vs_nearest"))
    return pairs


def write_lineage_csv(path: Path) -> Path:
    """Given a path, write the labelled 2020/2021 title pairs of Kalmar Kommunstyrelsen."""
    procs, lineage, year = kalmar_next_year()
    old = [r.title for p in procs for r in p.risks]
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["title_a", "title_b", "same", "kind", "year_a", "year_b", "organ",
                         "municipality"])
        for a, b, same, kind in lineage_pairs(old, lineage):
            writer.writerow([a, b, "true" if same else "false", kind, year - 1, year,
                             "Kommunstyrelsen", "Kalmar"])
    return path


# --------------------------------------------------------------------------- main


BUILDERS: tuple[Callable[[], Built], ...] = (
    build_ruled_risk_table,
    build_risk_export,
    build_control_report,
    build_report_table,
    build_budget_document,
    build_risk_export_next_year,
)


ShortBuilder = Callable[[Options], Built]

# Which short documents get which damage. The OCR'ed variants (scanned, eng_ocr_layer,
# broken_font) cover each layout at least once and stay small in pages.
VARIANT_PLAN: tuple[tuple[str, ShortBuilder], ...] = (
    ("scanned", build_ruled_risk_table),
    ("scanned", build_report_table),
    ("eng_ocr_layer", build_control_report),
    ("eng_ocr_layer", build_risk_export),
    ("broken_font", build_risk_export),
    ("broken_font", build_control_report),
    ("mojibake", build_ruled_risk_table),
    ("mojibake", build_risk_export),
    ("mojibake", build_control_report),
    ("mojibake", build_report_table),
)
OCR_VARIANTS = ("scanned", "eng_ocr_layer", "broken_font")
SCAN = damage.ScanSettings()


def seed_of(name: str) -> int:
    """Given a file name, a stable RNG seed for it."""
    return zlib.crc32(name.encode("utf-8"))


def variant_path(out_dir: Path, built: Built, variant: str) -> Path:
    """Given an output root, a short document and a variant, the variant PDF's path."""
    path = out_dir / built.folder / f"{built.name}_{variant}.pdf"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def check_mojibake_fixable(rows: Sequence[RiskRow | ControlRow]) -> None:
    """Given expected rows, fail unless ftfy restores every mojibaked text field exactly."""
    for row in rows:
        for f in fields(row):
            value = getattr(row, f.name)
            if isinstance(value, str) and ftfy.fix_text(damage.mojibake(value)) != value:
                raise ValueError(f"ftfy cannot undo the mojibake of {value[:60]!r}")


def build_variant(variant: str, builder: ShortBuilder, out_dir: Path, work: Path) -> Path:
    """Given a variant and a short builder, write the damaged PDF and expected JSON."""
    clean = builder(SHORT)
    clean_r = render(clean, work)
    path = variant_path(out_dir, clean, variant)
    if variant in ("scanned", "eng_ocr_layer"):
        pages = damage.scan(clean_r.path, seed_of(path.name), SCAN)
        if variant == "scanned":
            damage.image_pdf(pages, path, clean.meta.title)
        else:
            damage.ocr_layer_pdf(pages, work / f"ocr-{path.stem}", path, "eng")
        rendered = clean_r
    elif variant == "broken_font":
        register_fonts(ascii_readable=False)
        try:
            broken = builder(SHORT)
            rendered = render(broken, work / "broken")
        finally:
            register_fonts()
        path.write_bytes(damage.strip_to_unicode(rendered.path.read_bytes()))
    elif variant == "mojibake":
        check_mojibake_fixable([*clean.risks, *clean.controls])
        moji = builder(Options(short=True, text=damage.mojibake))
        rendered = render(moji, work / "mojibake")
        path.write_bytes(rendered.path.read_bytes())
    else:
        raise ValueError(f"unknown variant {variant!r}")
    pages_ocr = rendered.pages if variant in OCR_VARIANTS else 0
    exp = expected_json(clean, rendered, variant, pages_ocr)
    write_json(exp, path.with_suffix(".expected.json"))
    return path


def build_all(out_dir: Path) -> list[Path]:
    """Given an output root, build every PDF and expected JSON; the paths written."""
    register_fonts()
    written: list[Path] = []
    for builder in BUILDERS:
        built = builder()
        rendered = render(built, out_dir)
        exp = rendered.path.with_suffix(".expected.json")
        write_json(expected_json(built, rendered), exp)
        written += [rendered.path, exp]
    written.append(write_lineage_csv(out_dir / "lineage_pairs.csv"))
    with tempfile.TemporaryDirectory() as tmp:
        for variant, short_builder in VARIANT_PLAN:
            path = build_variant(variant, short_builder, out_dir, Path(tmp))
            written += [path, path.with_suffix(".expected.json")]
    return written


def main(argv: Sequence[str]) -> int:
    """Given command-line arguments (optional output root), build the corpus."""
    out = Path(argv[1]) if len(argv) > 1 else CORPUS
    for path in build_all(out):
        print(path.relative_to(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
