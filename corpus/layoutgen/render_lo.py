"""Drawing a composed document with LibreOffice Writer: flat ODT (.fodt) -> PDF.

Writer draws text, cell borders, fills and page breaks its own way (as documents
exported from Word-like editors do). The page of each record is found afterwards in the
PDF's words (``locate_pages``): the record's anchor text is followed word by word, along
its line and down its cell's column, from the page of the record before.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pdfplumber
from reportlab.pdfbase import pdfmetrics

from .model import Cell, ColumnFlow, GeneratedDoc, PageBreak, PageTurn, Para
from .model import Table as GTable
from .render_rl import Styles as RLStyles
from .render_rl import fitted_widths, grid_positions

FONT_FAMILIES = {"vera": "DejaVu Sans", "dejavu": "DejaVu Sans",
                 "liberation_sans": "Liberation Sans", "liberation_serif": "Liberation Serif"}
NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"'
)
ALIGN_SUFFIX = {"right": "R", "center": "C"}  # cell paragraph styles of aligned values
BORDER = "0.5pt solid #404040"
LIGHT = "0.25pt solid #b0b0b0"


class Styles:
    """The automatic styles a document needs, created on first use."""

    def __init__(self) -> None:
        self.cells: dict[tuple[str, ...], str] = {}
        self.xml: list[str] = []

    def cell(self, fill: str | None, border: str | None, bottom: str | None = None,
             turned: bool = False, valign: str = "top") -> str:
        """Given a fill, borders, whether the text is turned and where it stands in a tall
        cell, a table-cell style's name."""
        key = (fill or "", border or "", bottom or "", "turned" if turned else "",
               "" if valign == "top" else valign)
        if key not in self.cells:
            name = f"CE{len(self.cells) + 1}"
            self.cells[key] = name
            props = ['fo:padding="0.06cm"']
            if fill:
                props.append(f'fo:background-color="{fill}"')
            if border:
                props.append(f'fo:border="{border}"')
            elif bottom:
                props.append(f'fo:border-bottom="{bottom}"')
            else:
                props.append('fo:border="none"')
            if turned:
                props.append('style:writing-mode="bt-lr"')
            if valign != "top":
                props.append(f'style:vertical-align="{valign}"')
            self.xml.append(f'<style:style style:name="{name}" style:family="table-cell">'
                            f'<style:table-cell-properties {" ".join(props)}/></style:style>')
        return self.cells[key]


KEEP_STYLES = ("Pbody", "Ptitle", "Psubtitle", "Pmeta", "Phead", "Prisk", "Plabel")


def para_xml(p: Para, keep: bool = False) -> str:
    """Given a paragraph block (and whether it is kept in one column: a page column's
    paragraphs are not split, as Word's widow and orphan control keeps a short one whole),
    its ODF paragraph."""
    if p.style == "spacer":
        return '<text:p text:style-name="Pbody"/>'
    style = {"title": "Ptitle", "subtitle": "Psubtitle", "meta": "Pmeta", "heading": "Phead",
             "heading_caps": "Phead", "risk_title": "Prisk", "label": "Plabel"}.get(p.style,
                                                                                   "Pbody")
    text = escape(p.text)
    if p.label is not None:
        text = f'<text:span text:style-name="Tb">{escape(p.label)}:</text:span> {text}'
    if keep:
        style += "K"
    return f'<text:p text:style-name="{style}">{text}</text:p>'


def cell_border(style: str, header: bool) -> tuple[str | None, str | None]:
    """Given a table style, the (all-sides border, bottom-only border) of a cell."""
    if style in ("ruled", "shaded_header"):
        return (BORDER if style == "ruled" else LIGHT), None
    if style == "light_grid":
        return LIGHT, None
    if style == "zebra":
        return None, LIGHT
    return None, (BORDER if header else None)


def spaced_style(pstyle: str, spacing: float) -> str:
    """Given a cell paragraph style and a letter spacing, the spaced style's name."""
    return f"{pstyle}S{round(spacing * 10)}"


def table_xml(t: GTable, styles: Styles, index: int | str, width_cm: float,
              metrics: RLStyles) -> str:
    """Given a table block, its ODF table (spans, fills, header rows repeated or not)."""
    ncols = len(t.widths)
    rows = [r.cells for r in t.header] + [r.cells for r in t.body]
    kinds = ["header"] * len(t.header) + [r.kind for r in t.body]
    placed = grid_positions(rows, ncols)
    covered = set()
    for r, cells in enumerate(placed):
        for col, c in cells:
            for dr in range(c.rowspan):
                for dc in range(c.colspan):
                    if dr or dc:
                        covered.add((r + dr, col + dc))
    points = fitted_widths(t, metrics, width_cm / 2.54 * 72)
    name = f"Tab{index}"
    styles.xml.append(f'<style:style style:name="{name}" style:family="table">'
                      f'<style:table-properties style:width="{width_cm:.2f}cm" '
                      'table:align="left" fo:margin-bottom="0.2cm"/></style:style>')
    cols = []
    for i, w in enumerate(points):
        cname = f"{name}.C{i}"
        styles.xml.append(f'<style:style style:name="{cname}" style:family="table-column">'
                          f'<style:table-column-properties style:column-width='
                          f'"{w / 72 * 2.54:.3f}cm"/></style:style>')
        cols.append(f'<table:table-column table:style-name="{cname}"/>')
    out = [f'<table:table table:name="T{index}" table:style-name="{name}">', *cols]
    nh = len(t.header)
    body_rows: list[str] = []
    header_rows: list[str] = []
    for r, cells in enumerate(placed):
        header = kinds[r] == "header"
        by_col = {col: c for col, c in cells}
        parts: list[str] = []
        for col in range(ncols):
            if (r, col) in covered:
                parts.append("<table:covered-table-cell/>")
                continue
            c = by_col.get(col, Cell(""))
            fill = c.fill
            if header and t.style == "shaded_header":
                fill = "#1f4e79"
            elif header and t.style == "ruled":
                fill = fill or "#eeeeee"
            elif t.style == "zebra" and not header and (r - nh) % 2 == 1 and not fill:
                fill = "#eef2f7"
            border, bottom = cell_border(t.style, header)
            attrs = (f'table:style-name='
                     f'"{styles.cell(fill, border, bottom, c.rotated, c.valign)}"')
            if c.colspan > 1:
                attrs += f' table:number-columns-spanned="{c.colspan}"'
            if c.rowspan > 1:
                attrs += f' table:number-rows-spanned="{c.rowspan}"'
            pstyle = "Pcellw" if header and t.style == "shaded_header" else (
                "Pcellb" if header or c.bold else "Pcell")
            if c.align != "left":
                pstyle += ALIGN_SUFFIX[c.align]
            if c.spacing:
                pstyle = spaced_style(pstyle, c.spacing)
            if c.indent:
                pstyle = f"{pstyle}I{round(c.indent)}"
            paras = "".join(f'<text:p text:style-name="{pstyle}">{escape(line)}</text:p>'
                            for line in (c.text.split("\n") if c.text else [""]))
            if c.bold_first and "\n" in c.text:  # the title's paragraph bold
                title, _, rest = c.text.partition("\n")
                bold = "Pcellb" + (ALIGN_SUFFIX[c.align] if c.align != "left" else "")
                paras = (f'<text:p text:style-name="{bold}">{escape(title)}</text:p>'
                         + "".join(f'<text:p text:style-name="{pstyle}">{escape(line)}</text:p>'
                                   for line in rest.split("\n")))
            if c.inner is not None:  # a nested table under the cell's text (if any)
                inside = sum(points[col:col + c.colspan]) / 72 * 2.54 - 0.12
                paras = (paras if c.text else "") + table_xml(
                    c.inner, styles, f"{index}_{r}_{col}", inside, metrics)
            parts.append(f'<table:table-cell {attrs} office:value-type="string">{paras}'
                         '</table:table-cell>')
        rstyle = "Rsplit" if t.split_rows else "Rkeep"
        turned = [c.text for _, c in cells if c.rotated]
        if turned:  # the row is as tall as its longest turned label
            rstyle = f"{name}.R{r}"
            tall = max(pdfmetrics.stringWidth(x, metrics.bold, metrics.cell.fontSize)
                       for x in turned) + 8
            styles.xml.append(f'<style:style style:name="{rstyle}" style:family="table-row">'
                              f'<style:table-row-properties style:min-row-height='
                              f'"{tall / 72 * 2.54:.3f}cm"/></style:style>')
        row = (f'<table:table-row table:style-name="{rstyle}">'
               + "".join(parts) + "</table:table-row>")
        (header_rows if header and t.repeat_header else body_rows).append(row)
    if header_rows:
        out.append("<table:table-header-rows>" + "".join(header_rows) +
                   "</table:table-header-rows>")
    out.extend(body_rows)
    out.append("</table:table>")
    return "".join(out)


def fodt(doc: GeneratedDoc) -> str:
    """Given a composed document, its flat ODT text."""
    look = doc.look
    family = FONT_FAMILIES.get(look.font, "DejaVu Sans")
    w, h = (29.7, 21.0) if look.landscape else (21.0, 29.7)
    if look.paper == "a3":
        w, h = (42.0, 29.7) if look.landscape else (29.7, 42.0)
    margin = 1.6
    width_cm = w - 2 * margin
    styles = Styles()
    metrics = RLStyles("dejavu" if look.font == "vera" else look.font, look.size)
    body: list[str] = []
    tables = 0
    section = 0
    for block in doc.blocks:
        if isinstance(block, Para):
            body.append(para_xml(block, keep=section > 1))
        elif isinstance(block, PageBreak):
            body.append('<text:p text:style-name="Pbreak"/>')
        elif isinstance(block, PageTurn):  # a new page under the other master page
            turned = block.landscape != look.landscape
            body.append(f'<text:p text:style-name="{"Pturn" if turned else "Pstandard"}"/>')
            width_cm = (h if turned else w) - 2 * margin
        elif isinstance(block, ColumnFlow):  # a new page, in a section of that many columns
            if section:
                body.append("</text:section>")
            body.append('<text:p text:style-name="Pbreak"/>')
            section = block.columns if block.columns > 1 else 0
            if section:
                body.append(f'<text:section text:style-name="Sect{section}" '
                            f'text:name="Columns{len(body)}">')
        else:
            tables += 1
            body.append(table_xml(block, styles, tables, width_cm, metrics))
    if section:
        body.append("</text:section>")
    styles.xml.extend(
        f'<style:style style:name="Sect{n}" style:family="section"><style:section-properties>'
        f'<style:columns fo:column-count="{n}" fo:column-gap="0.6cm"/>'
        '</style:section-properties></style:style>'
        for n in sorted({b.columns for b in doc.blocks if isinstance(b, ColumnFlow)} - {1}))
    if any(isinstance(b, ColumnFlow) for b in doc.blocks):
        styles.xml.extend(
            f'<style:style style:name="{name}K" style:family="paragraph" '
            f'style:parent-style-name="{name}"><style:paragraph-properties '
            'fo:keep-together="always"/></style:style>' for name in KEEP_STYLES)
    s = look.size
    para_styles = "".join(
        f'<style:style style:name="{name}" style:family="paragraph">'
        f'<style:paragraph-properties fo:margin-top="{top}pt" fo:margin-bottom="{bottom}pt"'
        f'{" fo:keep-with-next=" + quoteattr("always") if keep else ""}/>'
        f'<style:text-properties fo:font-size="{size}pt"'
        f'{" fo:font-weight=" + quoteattr("bold") if bold else ""}'
        f'{" fo:color=" + quoteattr(colour) if colour else ""}/></style:style>'
        for name, size, bold, top, bottom, keep, colour in (
            ("Pbody", s + 1.5, False, 0, 5, False, None),
            ("Ptitle", 17, True, 0, 6, True, None),
            ("Psubtitle", 12, True, 0, 4, True, None),
            ("Pmeta", s, False, 0, 4, False, "#333333"),
            ("Phead", s + 4, True, 8, 4, True, None),
            ("Prisk", s + 1.5, True, 6, 3, True, None),
            ("Plabel", s + 1.5, False, 0, 2, False, None),
            ("Pcell", s, False, 0, 0, False, None),
            ("Pcellb", s, True, 0, 0, False, None),
            ("Pcellw", s, True, 0, 0, False, "#ffffff"),
            ("Pheader", 7.5, False, 0, 0, False, None),
        ))
    cells = [c for b in doc.blocks if isinstance(b, GTable) for c in all_cells(b)]
    aligns = sorted({c.align for c in cells} - {"left"})
    para_styles += "".join(  # only in documents with aligned cells (the rest stay as they were)
        f'<style:style style:name="{base}{ALIGN_SUFFIX[a]}" style:family="paragraph" '
        f'style:parent-style-name="{base}"><style:paragraph-properties fo:text-align='
        f'"{"end" if a == "right" else "center"}"/></style:style>'
        for a in aligns for base in ("Pcell", "Pcellb", "Pcellw"))
    para_styles += "".join(  # only in documents with letter-spaced cells
        f'<style:style style:name="{spaced_style(base, gap)}" style:family="paragraph" '
        f'style:parent-style-name="{base}"><style:text-properties fo:letter-spacing='
        f'"{gap:.1f}pt"/></style:style>'
        for gap in sorted({c.spacing for c in cells} - {0.0})
        for base in ("Pcell", "Pcellb", "Pcellw"))
    para_styles += "".join(  # only in documents with indented cells (a tree's levels)
        f'<style:style style:name="{base}I{round(step)}" style:family="paragraph" '
        f'style:parent-style-name="{base}"><style:paragraph-properties fo:margin-left='
        f'"{round(step)}pt"/></style:style>'
        for step in sorted({c.indent for c in cells} - {0.0})
        for base in ("Pcell", "Pcellb", "Pcellw"))
    header = (f'<style:header><text:p text:style-name="Pheader">{escape(look.running_header)}'
              "</text:p></style:header>" if look.running_header else "")
    footer = ('<style:footer><text:p text:style-name="Pheader">'
              f'{escape(look.footer) + " · " if look.footer else ""}'
              'Sida <text:page-number text:select-page="current"/></text:p></style:footer>')
    turns = turn_styles(w, h, margin, look.landscape, header + footer) \
        if any(isinstance(b, PageTurn) for b in doc.blocks) else ("", "", "")
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document {NS} office:version="1.2" '
        'office:mimetype="application/vnd.oasis.opendocument.text">'
        f'<office:font-face-decls><style:font-face style:name="F" '
        f'svg:font-family="{quoteattr(family)[1:-1]}"/></office:font-face-decls>'
        '<office:styles><style:default-style style:family="paragraph">'
        '<style:text-properties style:font-name="F" fo:font-size="9pt" fo:language="sv" '
        'fo:country="SE" fo:hyphenate="false"/></style:default-style>'
        f'{para_styles}'
        '<style:style style:name="Pbreak" style:family="paragraph">'
        '<style:paragraph-properties fo:break-before="page"/></style:style>'
        '<style:style style:name="Tb" style:family="text"><style:text-properties '
        f'fo:font-weight="bold"/></style:style>{turns[0]}</office:styles>'
        '<office:automatic-styles>'
        '<style:style style:name="Rsplit" style:family="table-row">'
        '<style:table-row-properties fo:keep-together="auto"/></style:style>'
        '<style:style style:name="Rkeep" style:family="table-row">'
        '<style:table-row-properties fo:keep-together="always"/></style:style>'
        f'<style:page-layout style:name="pm1"><style:page-layout-properties '
        f'fo:page-width="{w}cm" fo:page-height="{h}cm" style:print-orientation='
        f'"{"landscape" if look.landscape else "portrait"}" fo:margin-top="1.0cm" '
        f'fo:margin-bottom="1.2cm" fo:margin-left="{margin}cm" fo:margin-right="{margin}cm"/>'
        '<style:header-style><style:header-footer-properties fo:min-height="0.4cm" '
        'fo:margin-bottom="0.3cm"/></style:header-style>'
        '<style:footer-style><style:header-footer-properties fo:min-height="0.4cm" '
        'fo:margin-top="0.3cm"/></style:footer-style></style:page-layout>'
        f'{turns[1]}{"".join(styles.xml)}</office:automatic-styles>'
        '<office:master-styles><style:master-page style:name="Standard" '
        f'style:page-layout-name="pm1">{header}<style:footer><text:p text:style-name="Pheader">'
        f'{escape(look.footer) + " · " if look.footer else ""}'
        'Sida <text:page-number text:select-page="current"/></text:p></style:footer>'
        f'</style:master-page>{turns[2]}</office:master-styles>'
        f'<office:body><office:text>{"".join(body)}</office:text></office:body>'
        '</office:document>\n'
    )


def turn_styles(w: float, h: float, margin: float, landscape: bool, header_footer: str
                ) -> tuple[str, str, str]:
    """Given the first pages' size and orientation and their header and footer, the styles
    that turn the pages: paragraph styles starting a page under the other master page
    ("Pturn") or the first one again ("Pstandard"), the other page layout, its master page."""
    paragraphs = ''.join(
        f'<style:style style:name="{name}" style:family="paragraph" '
        f'style:master-page-name="{master}"><style:paragraph-properties '
        'fo:margin-top="0pt" fo:margin-bottom="0pt"/><style:text-properties '
        'fo:font-size="2pt"/></style:style>'
        for name, master in (("Pturn", "Turned"), ("Pstandard", "Standard")))
    layout = (
        f'<style:page-layout style:name="pm2"><style:page-layout-properties '
        f'fo:page-width="{h}cm" fo:page-height="{w}cm" style:print-orientation='
        f'"{"portrait" if landscape else "landscape"}" fo:margin-top="1.0cm" '
        f'fo:margin-bottom="1.2cm" fo:margin-left="{margin}cm" fo:margin-right="{margin}cm"/>'
        '<style:header-style><style:header-footer-properties fo:min-height="0.4cm" '
        'fo:margin-bottom="0.3cm"/></style:header-style>'
        '<style:footer-style><style:header-footer-properties fo:min-height="0.4cm" '
        'fo:margin-top="0.3cm"/></style:footer-style></style:page-layout>')
    master = (f'<style:master-page style:name="Turned" style:page-layout-name="pm2">'
              f'{header_footer}</style:master-page>')
    return paragraphs, layout, master


def all_cells(t: GTable) -> list[Cell]:
    """Given a table, its cells and those of the tables nested in them."""
    out: list[Cell] = []
    for row in (*t.header, *t.body):
        for c in row.cells:
            out.append(c)
            if c.inner is not None:
                out.extend(all_cells(c.inner))
    return out


def soffice() -> str:
    """Given the system, the LibreOffice binary (a clear error when it is missing)."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise RuntimeError("LibreOffice is not installed: run `bash scripts/system-deps.sh "
                       "libreoffice-writer-nogui` (make generated does)")


def convert(sources: Sequence[Path], outdir: Path) -> None:
    """Given .fodt files, convert them to PDF in outdir with one private LibreOffice."""
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        env = dict(os.environ, HOME=profile)
        subprocess.run(
            [soffice(), f"-env:UserInstallation=file://{profile}", "--headless",
             "--norestore", "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(outdir),
             *map(str, sources)],
            check=True, capture_output=True, env=env, timeout=1800)


def locate_pages(pdf: Path, doc: GeneratedDoc) -> dict[str, int]:
    """Given a rendered PDF and its document, the page of every record (by its anchor)."""
    with pdfplumber.open(pdf) as opened:
        pages = [page.extract_words(keep_blank_chars=False, use_text_flow=False)
                 for page in opened.pages]
    keys: list[str] = []
    for risk in doc.risks:
        keys.append(risk.key)
        keys.extend(c.key for c in risk.controls)
    # all risks, then the plan (or the strip of the control columns)
    if doc.choices.get("structure") == "analysis_then_plan" \
            or doc.choices.get("print_strips", "none") != "none":
        keys = [r.key for r in doc.risks] + [c.key for r in doc.risks for c in r.controls]
    if doc.choices.get("structure") == "findings_appendix":  # the controls, then the risks
        keys = [c.key for r in doc.risks for c in r.controls] + [r.key for r in doc.risks]
    if doc.choices.get("structure") == "controls_first":  # per area its controls, its risks
        keys = []
        for i, risk in enumerate(doc.risks):
            if i == 0 or risk.process != doc.risks[i - 1].process:
                area = [r for r in doc.risks[i:] if r.process == risk.process]
                keys += [c.key for r in area for c in r.controls] + [r.key for r in area]
    found: dict[str, int] = {}
    cursor = 0
    if doc.choices.get("merged_valign", "top") != "top":
        return locate_groups(pages, doc, pdf)
    for key in keys:
        anchor = doc.anchors.get(key, "").split()
        if not anchor:
            continue
        page = find_anchor(pages, anchor, cursor)
        if page is None:
            raise ValueError(f"{pdf.name}: anchor of {key} not found: {' '.join(anchor)[:60]}")
        found[key] = page + 1
        cursor = page
    return found


def locate_groups(pages: list[list[dict[str, object]]], doc: GeneratedDoc, pdf: Path
                  ) -> dict[str, int]:
    """Given the pages' words of a document whose merged risk cells put the title in their
    middle or at their bottom (a page break may fall inside the merged cell, the title then
    on a later page than the risk's first control), the page of every record: each risk and
    its controls looked for from the first page of the risk before."""
    found: dict[str, int] = {}
    cursor = 0
    for risk in doc.risks:
        group: list[int] = []
        for key in (risk.key, *(c.key for c in risk.controls)):
            anchor = doc.anchors.get(key, "").split()
            if not anchor:
                continue
            page = find_anchor(pages, anchor, cursor)
            if page is None:
                raise ValueError(f"{pdf.name}: anchor of {key} not found: "
                                 f"{' '.join(anchor)[:60]}")
            found[key] = page + 1
            group.append(page)
        cursor = min(group, default=cursor)
    return found


def find_anchor(pages: list[list[dict[str, object]]], anchor: list[str], start: int
                ) -> int | None:
    """Given the pages' words, an anchor's words and the first page to look at, the page
    where the anchor's text starts (followed along its line and down its cell, and on to
    the top of the next page when its row is split by the page break)."""
    for p in range(start, len(pages)):
        words = pages[p]
        for i, w in enumerate(words):
            if not anchor[0].startswith(str(w["text"])):
                continue
            rest = follow(words, i, " ".join(anchor[:10]))
            if rest == "":
                return p
            if rest is None or p + 1 >= len(pages):
                continue
            x0 = float(w["x0"])  # type: ignore[arg-type]
            nxt = pages[p + 1]
            if any(abs(float(v["x0"]) - x0) < 3 and follow(nxt, k, rest) == ""  # type: ignore[arg-type]
                   for k, v in enumerate(nxt)):
                return p
    return None


def eat(text: str, rest: str) -> str | None:
    """Given a word on the page and the anchor text left, the text left after it (None
    when the word does not continue the anchor; a word may be cut by a line break)."""
    if rest == text or rest.startswith(text + " "):
        return rest[len(text):].lstrip()
    if text and rest.startswith(text):
        return rest[len(text):]
    return None


def follow(words: list[dict[str, object]], i: int, text: str) -> str | None:
    """Given a page's words, a start index and the anchor text, the text left once it is
    followed from there: "" when all of it is, the rest when its cell ends at the page's
    foot (nothing below in the column), None when it is not the anchor. Where two words
    could continue it (right on the line, or the column's next line) both are tried."""
    x0 = float(words[i]["x0"])  # type: ignore[arg-type]
    rest = eat(str(words[i]["text"]), text)
    if rest is None:
        return None
    return follow_from(words, words[i], rest, x0)


def follow_from(words: list[dict[str, object]], cur: dict[str, object], rest: str, x0: float
                ) -> str | None:
    """Given the last word matched and the anchor text left, as ``follow``."""
    if not rest:
        return ""
    cut: str | None = None
    for w in next_words(words, cur, x0):
        left = eat(str(w["text"]), rest)
        if left is None:
            continue
        got = follow_from(words, w, left, x0)
        if got == "":
            return ""
        if got is not None and cut is None:
            cut = got
    if cut is not None:
        return cut
    top = float(cur["top"])  # type: ignore[arg-type]
    height = float(cur["bottom"]) - top  # type: ignore[arg-type]
    below = any(0 < float(w["top"]) - top < height * 2.2  # type: ignore[arg-type]
                and abs(float(w["x0"]) - x0) < 3 for w in words)  # type: ignore[arg-type]
    return None if below else rest


def next_words(words: list[dict[str, object]], cur: dict[str, object], x0: float
               ) -> list[dict[str, object]]:
    """Given a word, the words that may come next in its text: the one right of it on its
    line, and the first word of the next line starting at the column's left edge."""
    top, x1 = float(cur["top"]), float(cur["x1"])  # type: ignore[arg-type]
    height = float(cur["bottom"]) - top  # type: ignore[arg-type]
    out: list[dict[str, object]] = []
    right = [w for w in words if abs(float(w["top"]) - top) < 2  # type: ignore[arg-type]
             and 0 <= float(w["x0"]) - x1 < height * 1.2]  # type: ignore[arg-type]
    if right:
        out.append(min(right, key=lambda w: float(w["x0"])))  # type: ignore[arg-type]
    below = [w for w in words if 0 < float(w["top"]) - top < height * 2.2  # type: ignore[arg-type]
             and abs(float(w["x0"]) - x0) < 3]  # type: ignore[arg-type]
    if below:
        out.append(min(below, key=lambda w: float(w["top"])))  # type: ignore[arg-type]
    return out


def render_libreoffice(doc: GeneratedDoc, path: Path) -> dict[str, int]:
    """Given a composed document, write its PDF through LibreOffice; the records' pages."""
    with tempfile.TemporaryDirectory(prefix="gen-lo-") as tmp:
        src = Path(tmp) / (path.stem + ".fodt")
        src.write_text(fodt(doc), encoding="utf-8")
        convert([src], Path(tmp))
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(Path(tmp) / (path.stem + ".pdf")), path)
    return locate_pages(path, doc)
