"""Drawing a composed document with reportlab (platypus), recording each record's page.

Deterministic: ``invariant=1`` (fixed dates and ids), fonts from fixed TTF files.
"""

from __future__ import annotations

import html
from dataclasses import replace
from pathlib import Path
from typing import Any

import reportlab
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.fonts import addMapping
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageTemplate,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus import PageBreak as RLPageBreak

from .model import Block, Cell, ColumnFlow, GeneratedDoc, PageBreak, PageTurn, Para
from .model import Table as GTable

RL_FONTS = Path(reportlab.__file__).resolve().parent / "fonts"
SYS_FONTS = Path("/usr/share/fonts/truetype")
FONT_FILES: dict[str, tuple[Path, Path]] = {
    "vera": (RL_FONTS / "Vera.ttf", RL_FONTS / "VeraBd.ttf"),
    "dejavu": (SYS_FONTS / "dejavu/DejaVuSans.ttf", SYS_FONTS / "dejavu/DejaVuSans-Bold.ttf"),
    "liberation_sans": (SYS_FONTS / "liberation/LiberationSans-Regular.ttf",
                        SYS_FONTS / "liberation/LiberationSans-Bold.ttf"),
    "liberation_serif": (SYS_FONTS / "liberation/LiberationSerif-Regular.ttf",
                         SYS_FONTS / "liberation/LiberationSerif-Bold.ttf"),
}
GRID = colors.HexColor("#404040")
LIGHT = colors.HexColor("#b0b0b0")


def font_names(font: str) -> tuple[str, str]:
    """Given a font key, its registered (regular, bold) names (falls back to Vera)."""
    regular, bold = FONT_FILES.get(font, FONT_FILES["vera"])
    if not regular.exists() or not bold.exists():
        font = "vera"
        regular, bold = FONT_FILES["vera"]
    names = (f"G-{font}", f"G-{font}-Bd")
    for name, path in zip(names, (regular, bold), strict=True):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(path)))
    addMapping(names[0], 0, 0, names[0])
    addMapping(names[0], 1, 0, names[1])
    addMapping(names[0], 0, 1, names[0])
    addMapping(names[0], 1, 1, names[1])
    return names


class PageMark(Flowable):  # type: ignore[misc]
    """A zero-size flowable that records the page it is drawn on under its key."""

    def __init__(self, key: str, sink: dict[str, int]) -> None:
        super().__init__()
        self.key, self.sink, self.width, self.height = key, sink, 0, 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """Given the available space, take none."""
        return (0, 0)

    def draw(self) -> None:
        """Given the canvas, record the current page (first drawing wins)."""
        self.sink.setdefault(self.key, self.canv.getPageNumber())


class TurnedLabel(Flowable):  # type: ignore[misc]
    """A one-line label drawn turned a quarter (read bottom to top), as spreadsheets print
    the labels of narrow columns."""

    def __init__(self, text: str, font: str, size: float, colour: Any) -> None:
        super().__init__()
        self.text, self.font, self.size, self.colour = text, font, size, colour
        self.width = size * 1.25
        self.height = pdfmetrics.stringWidth(text, font, size) + 2

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """Given the available space, a line's height across and the text's length up."""
        return (self.width, self.height)

    def draw(self) -> None:
        """Given the canvas, the text turned about its start."""
        canv = self.canv
        canv.saveState()
        canv.setFont(self.font, self.size)
        canv.setFillColor(self.colour)
        canv.translate(self.size * 0.95, 1)
        canv.rotate(90)
        canv.drawString(0, 0, self.text)
        canv.restoreState()


class SpacedLabel(Flowable):  # type: ignore[misc]
    """A label set with expanded letter spacing (a Word template's "S A N N O L I K H E T"),
    wrapped at its spaces."""

    def __init__(self, text: str, font: str, size: float, colour: Any, spacing: float,
                 leading: float) -> None:
        super().__init__()
        self.text, self.font, self.size, self.colour = text, font, size, colour
        self.spacing, self.leading = spacing, leading
        self.lines: list[str] = []

    def measure(self, text: str) -> float:
        """Given a line, its width with the spacing after every character."""
        return float(pdfmetrics.stringWidth(text, self.font, self.size)) + self.spacing * len(text)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """Given the available width, the lines the words fill and their height."""
        lines: list[str] = []
        for part in self.text.split("\n"):
            cur = ""
            for whole in part.split():
                word = whole
                while len(word) > 1 and self.measure(word) > availWidth:  # broken at the edge
                    cut = 1
                    while cut < len(word) and self.measure(word[:cut + 1]) <= availWidth:
                        cut += 1
                    if cur:
                        lines.append(cur)
                        cur = ""
                    lines.append(word[:cut])
                    word = word[cut:]
                trial = f"{cur} {word}" if cur else word
                if cur and self.measure(trial) > availWidth:
                    lines.append(cur)
                    cur = word
                else:
                    cur = trial
            lines.append(cur)
        self.lines = lines
        self.width, self.height = availWidth, len(lines) * self.leading
        return (self.width, self.height)

    def draw(self) -> None:
        """Given the canvas, the lines with their character spacing."""
        canv = self.canv
        canv.saveState()
        for i, line in enumerate(self.lines):
            text = canv.beginText(0, self.height - self.size - i * self.leading)
            text.setFont(self.font, self.size)
            text.setCharSpace(self.spacing)
            text.setFillColor(self.colour)
            text.textLine(line)
            canv.drawText(text)
        canv.restoreState()


def esc(text: str) -> str:
    """Given plain text, reportlab paragraph markup."""
    return html.escape(text, quote=False)


class Styles:
    """Paragraph styles for one document's font and size."""

    def __init__(self, font: str, size: float) -> None:
        regular, bold = font_names(font)
        base = ParagraphStyle("b", fontName=regular, fontSize=size + 1.5,
                              leading=(size + 1.5) * 1.3, spaceAfter=5)
        self.regular, self.bold = regular, bold
        self.body = base
        self.title = ParagraphStyle("t", base, fontName=bold, fontSize=17, leading=21,
                                    spaceAfter=6)
        self.subtitle = ParagraphStyle("st", base, fontName=bold, fontSize=12, leading=15)
        self.meta = ParagraphStyle("m", base, fontSize=size, leading=size * 1.3,
                                   textColor=colors.HexColor("#333333"))
        self.heading = ParagraphStyle("h", base, fontName=bold, fontSize=size + 4,
                                      leading=(size + 4) * 1.25, spaceBefore=8, spaceAfter=4,
                                      keepWithNext=1)
        self.risk_title = ParagraphStyle("rt", base, fontName=bold, fontSize=size + 1.5,
                                         spaceBefore=6, spaceAfter=3, keepWithNext=1)
        self.cell = ParagraphStyle("c", base, fontSize=size, leading=size * 1.22, spaceAfter=0,
                                   alignment=TA_LEFT)
        self.cell_bold = ParagraphStyle("cb", self.cell, fontName=bold)
        self.label = ParagraphStyle("l", base, spaceAfter=2)


def para_flowables(p: Para, st: Styles, sink: dict[str, int]) -> list[Flowable]:
    """Given a paragraph block, its flowables (with its page mark)."""
    if p.style == "spacer":
        return [Spacer(1, 8)]
    style = {"title": st.title, "subtitle": st.subtitle, "meta": st.meta,
             "heading": st.heading, "heading_caps": st.heading, "risk_title": st.risk_title,
             "label": st.label}.get(p.style, st.body)
    text = esc(p.text)
    if p.label is not None:
        text = f"<b>{esc(p.label)}:</b> {text}"
    out: list[Flowable] = []
    if p.mark is not None:
        for key in p.mark.split("|"):  # "r3|c3_0": the records one paragraph holds
            mark = PageMark(key, sink)
            mark.keepWithNext = 1
            out.append(mark)
    out.append(Paragraph(text, style))
    return out


def cell_flowables(c: Cell, st: Styles, sink: dict[str, int], header: bool,
                   white: bool, width: float = 0.0) -> list[Flowable] | str:
    """Given a cell (and its width inside the padding), its flowables (paragraphs, led by its
    page mark; a nested table under them)."""
    if c.inner is not None:
        inner = table_flowable(c.inner, st, sink, width)
        text = cell_flowables(replace(c, inner=None), st, sink, header, white) if c.text else ""
        return [*text, Spacer(1, 2), inner] if text else [inner]
    if not c.text and c.mark is None:
        return ""
    style = st.cell_bold if (c.bold or header) else st.cell
    if white:
        style = ParagraphStyle("cw", style, textColor=colors.white)
    if c.align != "left":
        style = ParagraphStyle("ca", style, alignment=TA_RIGHT if c.align == "right"
                               else TA_CENTER)
    if c.indent:
        style = ParagraphStyle("ci", style, leftIndent=c.indent)
    if c.rotated:
        return [TurnedLabel(c.text.replace("\n", " "), style.fontName, style.fontSize,
                            style.textColor)]
    if c.spacing:
        return [SpacedLabel(c.text, style.fontName, style.fontSize, style.textColor, c.spacing,
                            style.leading)]
    out: list[Flowable] = [PageMark(c.mark, sink)] if c.mark is not None else []
    first = ParagraphStyle("cf", style, fontName=st.bold) if c.bold_first else style
    for i, line in enumerate(c.text.split("\n")):
        line_mark = c.line_marks[i] if i < len(c.line_marks) else None
        if line_mark is not None:
            out.append(PageMark(line_mark, sink))
        out.append(Paragraph(esc(line), first if i == 0 else style))
    return out


def grid_positions(rows: list[tuple[Cell, ...]], ncols: int) -> list[list[tuple[int, Cell]]]:
    """Given rows of cells with spans, each cell's column index (spans from above skipped)."""
    taken: set[tuple[int, int]] = set()
    out: list[list[tuple[int, Cell]]] = []
    for r, cells in enumerate(rows):
        col = 0
        placed: list[tuple[int, Cell]] = []
        for c in cells:
            while (r, col) in taken:
                col += 1
            placed.append((col, c))
            for dr in range(c.rowspan):
                for dc in range(c.colspan):
                    taken.add((r + dr, col + dc))
            col += c.colspan
        if col > ncols:
            raise ValueError(f"row {r} has {col} columns, the table {ncols}")
        out.append(placed)
    return out


def column_needs(t: GTable, st: Styles) -> list[float]:
    """Given a table, each column's least width in points: its longest word (a nested
    table's least width in a cell holding one)."""
    ncols = len(t.widths)
    rows = [r.cells for r in t.header] + [r.cells for r in t.body]
    kinds = ["header"] * len(t.header) + [r.kind for r in t.body]
    need = [0.0] * ncols
    for r, cells in enumerate(grid_positions(rows, ncols)):
        for col, c in cells:
            if c.colspan != 1 or c.rotated:
                continue
            bold = c.bold or kinds[r] == "header"
            font = st.bold if bold else st.regular
            # (a letter-spaced word wider than this breaks at the cell's edge, as in Word)
            longest = max((pdfmetrics.stringWidth(w, font, st.cell.fontSize)
                           for w in c.text.split()), default=0.0)
            if c.bold_first:  # the title's words are bold
                longest = max([longest, *(pdfmetrics.stringWidth(w, st.bold, st.cell.fontSize)
                                          for w in c.text.split("\n")[0].split())])
            if c.inner is not None:
                longest = max(longest, sum(column_needs(c.inner, st)) + 3.0)
            need[col] = max(need[col], longest + 9.0)
    return need


def fitted_widths(t: GTable, st: Styles, width: float) -> list[float]:
    """Given a table, column widths in points: each at least its longest word, the rest
    shared by the table's relative widths (so words are not broken inside a cell)."""
    need = column_needs(t, st)
    total = sum(t.widths)
    share = [width * w / total for w in t.widths]
    widths = [max(a, b) for a, b in zip(need, share, strict=True)]
    over = sum(widths) - width
    if over <= 0:
        return widths
    slack = [w - n for w, n in zip(widths, need, strict=True)]
    room = sum(slack)
    if room <= over:  # the words alone do not fit: scale the minimum widths
        return [n * width / sum(need) for n in need]
    return [w - over * x / room for w, x in zip(widths, slack, strict=True)]


def table_flowable(t: GTable, st: Styles, sink: dict[str, int], width: float) -> Table:
    """Given a table block, the reportlab table in its style."""
    ncols = len(t.widths)
    rows = [r.cells for r in t.header] + [r.cells for r in t.body]
    kinds = ["header"] * len(t.header) + [r.kind for r in t.body]
    placed = grid_positions(rows, ncols)
    white_header = t.style == "shaded_header"
    data: list[list[Any]] = [["" for _ in range(ncols)] for _ in rows]
    cmds: list[tuple[Any, ...]] = [("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 3),
                                   ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                                   ("TOPPADDING", (0, 0), (-1, -1), 2),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
    nh = len(t.header)
    col_widths = fitted_widths(t, st, width)
    for r, cells in enumerate(placed):
        header = kinds[r] == "header"
        for col, c in cells:
            inside = sum(col_widths[col:col + c.colspan]) - 6.0
            data[r][col] = cell_flowables(c, st, sink, header, header and white_header, inside)
            if c.colspan > 1 or c.rowspan > 1:
                cmds.append(("SPAN", (col, r), (col + c.colspan - 1, r + c.rowspan - 1)))
            if c.fill:
                cmds.append(("BACKGROUND", (col, r), (col + c.colspan - 1, r + c.rowspan - 1),
                             colors.HexColor(c.fill)))
            if c.valign != "top":  # a tall merged cell's text at its middle or bottom
                cmds.append(("VALIGN", (col, r), (col + c.colspan - 1, r + c.rowspan - 1),
                             c.valign.upper()))
    if t.style == "ruled":
        cmds.append(("GRID", (0, 0), (-1, -1), 0.5, GRID))
        if nh:
            cmds.append(("BACKGROUND", (0, 0), (-1, nh - 1), colors.HexColor("#eeeeee")))
    elif t.style == "light_grid":
        cmds.append(("GRID", (0, 0), (-1, -1), 0.25, LIGHT))
    elif t.style == "zebra":
        cmds.append(("LINEBELOW", (0, 0), (-1, -1), 0.25, LIGHT))
        if len(rows) > nh:
            cmds.append(("ROWBACKGROUNDS", (0, nh), (-1, -1),
                         [colors.white, colors.HexColor("#eef2f7")]))
    elif t.style == "shaded_header":
        cmds.append(("BOX", (0, 0), (-1, -1), 0.6, GRID))
        cmds.append(("INNERGRID", (0, 0), (-1, -1), 0.3, LIGHT))
        if nh:
            cmds.append(("BACKGROUND", (0, 0), (-1, nh - 1), colors.HexColor("#1f4e79")))
    elif t.style == "unruled" and nh:
        cmds.append(("LINEBELOW", (0, nh - 1), (-1, nh - 1), 0.8, GRID))
    # cell fills come last so they win over row backgrounds
    cmds.sort(key=lambda c: c[0] == "BACKGROUND" and c[1] != (0, 0))
    table = Table(data, colWidths=col_widths, repeatRows=nh if t.repeat_header else 0,
                  splitInRow=1 if t.split_rows else 0, hAlign="LEFT")
    table.setStyle(TableStyle(cmds))
    return table


def render_reportlab(doc: GeneratedDoc, path: Path) -> dict[str, int]:
    """Given a composed document, write its PDF; the page of every marked record."""
    look = doc.look
    paper = A3 if look.paper == "a3" else A4
    pagesize = landscape(paper) if look.landscape else paper
    st = Styles(look.font, look.size)
    sink: dict[str, int] = {}
    story: list[Flowable] = []
    margin = 1.6 * cm
    width = pagesize[0] - 2 * margin
    for block in doc.blocks:
        story.extend(block_flowables(block, st, sink, width))

    def on_page(canvas: Canvas, _doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(st.regular, 7.5)
        if look.running_header:
            canvas.drawString(margin, pagesize[1] - 1.0 * cm, look.running_header)
        if look.footer:
            canvas.drawString(margin, 0.8 * cm, look.footer)
        canvas.drawRightString(pagesize[0] - margin, 0.8 * cm, f"Sida {canvas.getPageNumber()}")
        canvas.restoreState()

    path.parent.mkdir(parents=True, exist_ok=True)
    if any(isinstance(b, PageTurn) for b in doc.blocks):
        return render_turned(doc, path, st, margin)
    flows = sorted({b.columns for b in doc.blocks if isinstance(b, ColumnFlow)})
    if flows:
        columns_template(path, pagesize, margin, on_page, flows).build(story)
        return sink
    template = SimpleDocTemplate(str(path), pagesize=pagesize, leftMargin=margin,
                                 rightMargin=margin, topMargin=margin, bottomMargin=margin,
                                 invariant=1, title="", author="", creator="", producer="")
    template.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return sink


def render_turned(doc: GeneratedDoc, path: Path, st: Styles, margin: float) -> dict[str, int]:
    """Given a document whose pages turn between portrait and landscape, write its PDF (one
    page template per orientation, tables as wide as their pages); the marks' pages."""
    look = doc.look
    paper = A3 if look.paper == "a3" else A4
    sizes = {"portrait": paper, "landscape": landscape(paper)}
    sink: dict[str, int] = {}
    story: list[Flowable] = []
    current = "landscape" if look.landscape else "portrait"
    for block in doc.blocks:
        if isinstance(block, PageTurn):
            current = "landscape" if block.landscape else "portrait"
            story.extend([NextPageTemplate(current), RLPageBreak()])
            continue
        story.extend(block_flowables(block, st, sink, sizes[current][0] - 2 * margin))

    def page_drawer(size: tuple[float, float]) -> Any:
        def on_page(canvas: Canvas, _doc: Any) -> None:
            canvas.saveState()
            canvas.setFont(st.regular, 7.5)
            if look.running_header:
                canvas.drawString(margin, size[1] - 1.0 * cm, look.running_header)
            if look.footer:
                canvas.drawString(margin, 0.8 * cm, look.footer)
            canvas.drawRightString(size[0] - margin, 0.8 * cm, f"Sida {canvas.getPageNumber()}")
            canvas.restoreState()
        return on_page

    first = "landscape" if look.landscape else "portrait"
    order = [first, *(k for k in sizes if k != first)]
    templates = [PageTemplate(id=k, frames=[Frame(margin, margin, sizes[k][0] - 2 * margin,
                                                  sizes[k][1] - 2 * margin, id=k)],
                              onPage=page_drawer(sizes[k]), pagesize=sizes[k]) for k in order]
    BaseDocTemplate(str(path), pagesize=sizes[first], pageTemplates=templates,
                    leftMargin=margin, rightMargin=margin, topMargin=margin,
                    bottomMargin=margin, invariant=1, title="", author="", creator="",
                    producer="").build(story)
    return sink


def block_flowables(block: Block, st: Styles, sink: dict[str, int], width: float
                    ) -> list[Flowable]:
    """Given a block, its flowables."""
    if isinstance(block, Para):
        return para_flowables(block, st, sink)
    if isinstance(block, PageBreak):
        return [RLPageBreak()]
    if isinstance(block, ColumnFlow):
        return [NextPageTemplate(f"cols{block.columns}"), RLPageBreak()]
    if isinstance(block, PageTurn):  # drawn by render_turned, which owns the templates
        return [NextPageTemplate("landscape" if block.landscape else "portrait"), RLPageBreak()]
    return [table_flowable(block, st, sink, width), Spacer(1, 6)]


def columns_template(path: Path, pagesize: tuple[float, float], margin: float,
                     on_page: Any, flows: list[int]) -> BaseDocTemplate:
    """Given the page and the column counts a document flows in, a document template with one
    page template per count ("cols1" first: the pages before the first switch)."""
    width, height = pagesize[0] - 2 * margin, pagesize[1] - 2 * margin
    gap = 0.6 * cm
    templates: list[PageTemplate] = []
    for n in sorted({1, *flows}):
        column = (width - gap * (n - 1)) / n
        frames = [Frame(margin + i * (column + gap), margin, column, height, id=f"c{n}.{i}")
                  for i in range(n)]
        templates.append(PageTemplate(id=f"cols{n}", frames=frames, onPage=on_page))
    return BaseDocTemplate(str(path), pagesize=pagesize, pageTemplates=templates,
                           leftMargin=margin, rightMargin=margin, topMargin=margin,
                           bottomMargin=margin, invariant=1, title="", author="", creator="",
                           producer="")
