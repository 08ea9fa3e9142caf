"""One self-contained HTML report of the dataset (inline CSS, JS and SVG; no network).

Sections: overview, per municipality totals (bar chart), per organ the
year-over-year changes (slope chart and change counts), per document a risk
matrix (sannolikhet × konsekvens, counts per cell, coloured green/yellow/red by
the value S×K as the documents colour theirs) or, for documents that give only a
riskvärde, a bar chart of the values; tables beside each figure.

Every figure is an ``<svg class="fig">``; the inline script checks after load
that each one has a drawn, non-empty bounding box, and sets ``data-ok="1"``,
``data-figures`` and ``data-drawn`` on ``<body>`` (``data-error`` on a script
error), which the headless-browser test reads.  All text is HTML-escaped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from riskrad.model.contract_row import is_missing
from riskrad.model.schema import CONTROLS, DOCUMENTS, REVIEW, RISK_CHANGES, RISKS, THEME_SUMMARY
from riskrad.normalize.themes import load_themes
from riskrad.normalize.validate import Scale, document_scales, split_flags
from riskrad.report_assets import asset
from riskrad.theme_summary import theme_rows
from riskrad.views import (
    CHANGES,
    Record,
    _typed,
    cell_counts,
    cell_int,
    comparable_value,
    missing_last,
    organ_risks,
    review_rows,
    risk_colour,
    totals_rows,
)

if TYPE_CHECKING:
    import pandas as pd

COLOURS = {"green": "#8fd19e", "yellow": "#ffe08a", "red": "#f1948a"}
CHANGE_COLOURS = {
    "new": "#2b6cb0",
    "removed": "#718096",
    "value_up": "#c53030",
    "value_down": "#2f855a",
    "unchanged": "#a0aec0",
    "no_value": "#d69e2e",
}
CHANGE_LABELS = {
    "new": "ny",
    "removed": "borttagen",
    "value_up": "högre värde",
    "value_down": "lägre värde",
    "unchanged": "oförändrad",
    "no_value": "värde saknas",
}
UNKNOWN = "(okänd)"
SCALE_SOURCES = {"header": "enligt rubriken", "values": "härledd ur värdena", "default": "antagen"}


_MARKUP = re.compile("[&<>\"']")  # what html.escape(quote=True) replaces


def esc(value: object) -> str:
    """Given any cell value, its HTML-escaped text ('' for missing values)."""
    if is_missing(value):
        return ""
    text = str(value)
    return html.escape(text, quote=True) if _MARKUP.search(text) else text


def _pandas_str(value: object) -> str:
    """Given a typed cell, its text as ``astype(str)`` of a nullable column gives it ('<NA>'
    for a missing value)."""
    return "<NA>" if is_missing(value) else str(value)


def _str_or_empty(value: object) -> str:
    """Given a typed cell, its text ('' for a missing value)."""
    return "" if is_missing(value) else str(value)


def _table(headers: Sequence[str], rows: Iterable[Sequence[object]], css: str = "") -> str:
    """Given headers and rows of cells, an escaped, sortable HTML table."""
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in rows)
    return (
        f'<table class="sortable {css}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
    )


def _svg(width: int, height: int, label: str, body: str) -> str:
    """Given a size, an accessible label and SVG content, one figure element."""
    return (
        f'<svg class="fig" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-label="{esc(label)}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}"><title>{esc(label)}</title>{body}</svg>'
    )


def matrix_svg(counts: dict[tuple[int, int], int], scale: Scale, label: str) -> str:
    """Given risk counts per (S, K) cell and the scale, the risk-matrix figure."""
    steps = list(range(scale.low, scale.high + 1))
    cell, left, top = 44, 56, 16
    size = cell * len(steps)
    parts: list[str] = []
    for row, k in enumerate(reversed(steps)):
        for col, s in enumerate(steps):
            colour = COLOURS[risk_colour(scale.combined(s, k), scale)]
            n = counts.get((s, k), 0)
            x, y = left + col * cell, top + row * cell
            tip = f"S {s} × K {k} = {scale.combined(s, k)}: {n} risker"
            parts.append(
                f'<g class="cell" data-s="{s}" data-k="{k}" data-n="{n}"><title>{esc(tip)}</title>'
                f'<rect x="{x}" y="{y}" width="{cell}" height="{cell}" fill="{colour}" '
                f'stroke="#fff" stroke-width="2"/>'
                + (
                    f'<text x="{x + cell / 2}" y="{y + cell / 2 + 6}" class="count">{n}</text>'
                    if n
                    else ""
                )
                + "</g>"
            )
        parts.append(
            f'<text x="{left - 8}" y="{top + row * cell + cell / 2 + 4}" class="tick" '
            f'text-anchor="end">{k}</text>'
        )
    for col, s in enumerate(steps):
        parts.append(
            f'<text x="{left + col * cell + cell / 2}" y="{top + size + 16}" '
            f'class="tick">{s}</text>'
        )
    parts.append(
        f'<text x="{left + size / 2}" y="{top + size + 34}" class="axis">Sannolikhet</text>'
        f'<text x="14" y="{top + size / 2}" class="axis" '
        f'transform="rotate(-90 14 {top + size / 2})">Konsekvens</text>'
    )
    return _svg(left + size + 10, top + size + 42, label, "".join(parts))


def value_bars_svg(values: Sequence[int], scale: Scale, label: str) -> str:
    """Given the riskvärden of a document without S/K, a bar chart of how many risks have each."""
    counts: dict[int, int] = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    keys = sorted(counts)
    bar, gap, left, top, height = 30, 8, 30, 12, 120
    most = max(counts.values())
    parts: list[str] = []
    for i, value in enumerate(keys):
        h = height * counts[value] / most
        x = left + i * (bar + gap)
        colour = COLOURS[risk_colour(value, scale)] if 1 <= value <= scale.max_value else "#ccc"
        parts.append(
            f'<g class="bar"><title>{esc(f"riskvärde {value}: {counts[value]} risker")}</title>'
            f'<rect x="{x}" y="{top + height - h:.1f}" width="{bar}" height="{h:.1f}" '
            f'fill="{colour}"/><text x="{x + bar / 2}" y="{top + height - h - 3:.1f}" '
            f'class="tick">{counts[value]}</text>'
            f'<text x="{x + bar / 2}" y="{top + height + 14}" class="tick">{value}</text></g>'
        )
    parts.append(
        f'<text x="{left + len(keys) * (bar + gap) / 2}" y="{top + height + 32}" '
        f'class="axis">Riskvärde</text>'
    )
    width = left + len(keys) * (bar + gap) + 20
    return _svg(max(width, 160), top + height + 40, label, "".join(parts))


def hbar_svg(rows: Sequence[tuple[str, Sequence[tuple[str, float, str]]]], label: str) -> str:
    """Given (name, [(series, value, colour)]) rows, a grouped horizontal bar chart."""
    left, bar, gap, width = 150, 12, 10, 360
    most = max((v for _, series in rows for _, v, _ in series), default=0) or 1
    parts: list[str] = []
    y = 8
    for name, series in rows:
        parts.append(
            f'<text x="{left - 8}" y="{y + bar * len(series) / 2 + 4}" '
            f'class="name">{esc(name)}</text>'
        )
        for key, value, colour in series:
            w = width * value / most
            parts.append(
                f'<g class="bar"><title>{esc(f"{name}: {key} {value:g}")}</title>'
                f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar - 2}" fill="{colour}"/>'
                f'<text x="{left + w + 4:.1f}" y="{y + bar - 3}" class="value">{value:g}</text></g>'
            )
            y += bar
        y += gap
    legend = _legend([(k, c) for k, _, c in rows[0][1]] if rows else [], left, y + 4)
    return _svg(left + width + 60, y + 24, label, "".join(parts) + legend)


def _legend(items: Sequence[tuple[str, str]], x: float, y: float) -> str:
    """Given (label, colour) items and a position, a one-line legend."""
    parts = []
    for label, colour in items:
        parts.append(
            f'<rect x="{x}" y="{y}" width="10" height="10" fill="{colour}"/>'
            f'<text x="{x + 14}" y="{y + 9}" class="legend">{esc(label)}</text>'
        )
        x += 24 + 7 * len(label)
    return "".join(parts)


@dataclass(frozen=True, slots=True)
class ValueAxis:
    """A vertical value axis: maps a riskvärde to a y coordinate."""

    top: float
    height: float
    top_value: int

    def __post_init__(self) -> None:
        if self.height <= 0 or self.top_value <= 0:
            raise ValueError(f"ValueAxis needs height > 0 and top_value > 0, got {self!r}")

    def y(self, value: int) -> float:
        """Given a value, its y coordinate."""
        return self.top + self.height - self.height * value / self.top_value


def slope_svg(changes: Sequence[Record], label: str) -> str:
    """Given one organ's change rows, a slope chart: value in year_from → value in year_to."""
    pairs = sorted({(r["year_from"], r["year_to"]) for r in changes})
    values = [cell_int(r["risk_value_from"]) for r in changes]
    values += [cell_int(r["risk_value_to"]) for r in changes]
    axis = ValueAxis(14, 180, max([v for v in values if v is not None] + [4]))
    left, span = 40, 160
    parts: list[str] = []
    for tick in range(0, axis.top_value + 1, max(1, axis.top_value // 4)):
        parts.append(
            f'<line x1="{left}" x2="{left + span * len(pairs)}" y1="{axis.y(tick):.1f}" '
            f'y2="{axis.y(tick):.1f}" class="grid"/><text x="{left - 6}" '
            f'y="{axis.y(tick) + 4:.1f}" class="tick" text-anchor="end">{tick}</text>'
        )
    bottom = axis.top + axis.height
    for i, (year_from, year_to) in enumerate(pairs):
        x0, x1 = left + i * span, left + (i + 1) * span
        for x, year in ((x0, year_from), (x1, year_to)):
            parts.append(f'<text x="{x}" y="{bottom + 16}" class="tick">{esc(year)}</text>')
        rows = [r for r in changes if r["year_from"] == year_from and r["year_to"] == year_to]
        parts.extend(_slope_mark(row, x0, x1, axis) for row in rows)
    present = {r["change"] for r in changes}
    legend = _legend(
        [(CHANGE_LABELS[c], CHANGE_COLOURS[c]) for c in CHANGES if c in present], left, bottom + 26
    )
    width = max(left + span * len(pairs) + 80, 460)
    return _svg(width, int(bottom) + 44, label, "".join(parts) + legend)


def _first_text(*values: object) -> str:
    """Given cell values, the first that holds text."""
    for value in values:
        text = esc(value)
        if text:
            return text
    return ""


def _slope_mark(row: Mapping[Any, Any], x0: int, x1: int, axis: ValueAxis) -> str:
    """Given one change row, its slope-chart line (or end dot for a new or removed risk)."""
    change = str(row["change"])
    colour = CHANGE_COLOURS.get(change, "#000")
    a, b = cell_int(row["risk_value_from"]), cell_int(row["risk_value_to"])
    shown = f"{'–' if a is None else a} → {'–' if b is None else b}"
    name = _first_text(row["risk_to"], row["risk_from"])
    tip = f"{name} ({esc(CHANGE_LABELS.get(change, change))}: {shown})"
    head = f'<g class="slope {esc(change)}"><title>{tip}</title>'
    if a is not None and b is not None:
        return (
            f'{head}<line x1="{x0}" y1="{axis.y(a):.1f}" x2="{x1}" y2="{axis.y(b):.1f}" '
            f'stroke="{colour}" stroke-width="2" opacity="0.7"/></g>'
        )
    if a is None and b is None:
        return ""
    x, value = (x1, b) if b is not None else (x0, a)
    assert value is not None
    return f'{head}<circle cx="{x}" cy="{axis.y(value):.1f}" r="4" fill="{colour}"/></g>'


def change_counts_svg(changes: Sequence[Record], label: str) -> str:
    """Given one organ's change rows, a bar per year pair and change kind with its count."""
    rows: list[tuple[str, Sequence[tuple[str, float, str]]]] = []
    pairs: dict[tuple[Any, Any], dict[str, int]] = {}
    for r in changes:
        counted = pairs.setdefault((r["year_from"], r["year_to"]), {})
        counted[r["change"]] = counted.get(r["change"], 0) + 1
    for (year_from, year_to), counts in sorted(pairs.items()):
        series = [(CHANGE_LABELS[c], float(counts.get(c, 0)), CHANGE_COLOURS[c]) for c in CHANGES]
        rows.append((f"{year_from}→{year_to}", series))
    return hbar_svg(rows, label)


def _organ_name(row: Mapping[str, Any]) -> str:
    """Given a change or document row, 'Municipality: Organ'."""
    municipality = esc(row["municipality"]) or UNKNOWN
    return f"{municipality}: {esc(row['organ']) or UNKNOWN}"


def organ_sections(changes: Sequence[Record]) -> str:
    """Given the RISK_CHANGES rows, one section per organ with its figures and changed risks."""
    if not changes:
        return "<p>Inga organ med risker i två eller fler år.</p>"
    out: list[str] = []
    groups: dict[tuple[str, ...], list[Record]] = {}
    for r in changes:
        key = tuple(_str_or_empty(r[c]) for c in ("municipality", "municipality_code", "organ"))
        groups.setdefault(key, []).append(r)
    for key in sorted(groups):
        group = groups[key]
        name = _organ_name(group[0])
        moved = [r for r in group if r["change"] != "unchanged"]
        table = _table(
            ["År", "Förändring", "Risk", "S", "K", "Riskvärde", "S nu", "K nu", "Riskvärde nu"],
            (
                (
                    f"{r['year_from']}→{r['year_to']}",
                    CHANGE_LABELS.get(str(r["change"]), r["change"]),
                    r["risk_to"] if isinstance(r["risk_to"], str) else r["risk_from"],
                    r["probability_from"],
                    r["consequence_from"],
                    r["risk_value_from"],
                    r["probability_to"],
                    r["consequence_to"],
                    r["risk_value_to"],
                )
                for r in moved
            ),
        )
        out.append(
            f'<section class="organ"><h3>{name}</h3><div class="figs">'
            f"{slope_svg(group, f'Riskvärden år för år, {name}')}"
            f"{change_counts_svg(group, f'Förändringar, {name}')}</div>"
            f"<details><summary>{len(moved)} ändrade, nya eller borttagna risker "
            f"({len(group) - len(moved)} oförändrade)</summary>{table}</details></section>"
        )
    return "".join(out)


def municipality_section(
    documents: list[Record], risks: list[Record], controls: list[Record]
) -> str:
    """Given the three tables as typed rows, the per-municipality bar chart and table."""
    totals = totals_rows(documents, risks, controls)
    if not totals:
        return "<p>Inga dokument.</p>"
    series = (
        ("risker", "risks", "#4a5568"),
        ("höga risker", "high_risks", "#c53030"),
        ("kontroller", "controls", "#2b6cb0"),
        ("dokument", "documents", "#a0aec0"),
    )
    rows = [
        (str(r["municipality"]), [(lbl, float(r[col]), colour) for lbl, col, colour in series])
        for r in totals
    ]
    columns = ("municipality", "documents", "organs", "risks", "controls", "high_risks")
    table = _table(
        ["Kommun", "Dokument", "Organ", "Risker", "Kontroller", "Höga risker"],
        ([r[c] for c in columns] for r in totals),
    )
    return hbar_svg(rows, "Risker, höga risker, kontroller och dokument per kommun") + table


def _document_title(doc: Mapping[Any, Any]) -> str:
    """Given a document row, its heading text (escaped)."""
    parts = [
        esc(doc["municipality"]) or UNKNOWN,
        esc(doc["organ"]) or UNKNOWN,
        esc(doc["document_type"]),
        esc(cell_int(doc["year"])),
    ]
    return " · ".join(p for p in parts if p)


def document_figure(doc_risks: Sequence[Mapping[str, Any]], scale: Scale, title: str) -> str:
    """Given one document's risk rows and scale, its matrix, value bars or a note."""
    pairs = ((r["probability"], r["consequence"]) for r in doc_risks)
    counts = cell_counts(pairs, scale)
    if counts:
        return matrix_svg(counts, scale, f"Riskmatris, {title}")
    values = [cell_int(r["risk_value"]) for r in doc_risks]
    given = [v for v in values if v is not None]
    if given:
        return value_bars_svg(given, scale, f"Riskvärden, {title}")
    return '<p class="note">Dokumentet anger inga sannolikhets-, konsekvens- eller riskvärden.</p>'


DOCUMENT_RISK_COLUMNS = (
    "page",
    "process",
    "risk",
    "probability",
    "consequence",
    "risk_value",
    "flags",
    "confidence",
)


def document_sections(documents: list[Record], risks: list[Record], controls: list[Record]) -> str:
    """Given the three tables as typed rows, one section per document with its figure and risk
    table."""
    scales = document_scales(risks) if len(risks) else {}
    n_controls: dict[str, int] = {}
    for control in controls:
        document_id = _pandas_str(control["document_id"])
        n_controls[document_id] = n_controls.get(document_id, 0) + 1
    out: list[str] = []
    ordered = sorted(
        documents,
        key=lambda d: tuple(
            missing_last(d[c]) for c in ("municipality", "organ", "year", "document_id")
        ),
    )
    by_document: dict[str, list[Record]] = {}
    for record in risks:
        by_document.setdefault(_pandas_str(record["document_id"]), []).append(record)
    for doc in ordered:
        document_id = str(doc["document_id"])
        doc_risks = by_document.get(document_id, [])
        title = _document_title(doc)
        status = str(doc["status"])
        header = (
            f'<section class="doc" id="doc-{esc(document_id)}"><h3>{title}</h3>'
            f'<p class="meta">{esc(doc["source_file"])} · status {esc(status)} · '
            f"{len(doc_risks)} risker · {n_controls.get(document_id, 0)} kontroller"
            + (f' · <span class="error">{esc(doc["error"])}</span>' if esc(doc["error"]) else "")
            + "</p>"
        )
        if not doc_risks:
            out.append(header + "</section>")
            continue
        scale = scales.get(document_id, Scale())
        table = _table(
            ["Sida", "Process", "Risk", "S", "K", "Riskvärde", "Flaggor", "Tillförlitlighet"],
            (
                (
                    r["page"],
                    r["process"],
                    r["risk"],
                    r["probability"],
                    r["consequence"],
                    r["risk_value"],
                    ", ".join(split_flags(r.get("flags"))),
                    r["confidence"],
                )
                for r in doc_risks
            ),
        )
        out.append(
            header
            + f'<div class="figs">{document_figure(doc_risks, scale, title)}'
            + f'<p class="scale">Skala {scale.low}–{scale.high} '
            + f"({'S×K' if scale.combine == 'product' else 'S+K'}; "
            + f"{esc(SCALE_SOURCES.get(scale.source, scale.source))})</p></div>"
            + f"<details><summary>Risker</summary>{table}</details></section>"
        )
    return "".join(out)


REVIEW_ROWS_SHOWN = 200


def review_section(review: Sequence[Record]) -> str:
    """Given the REVIEW rows, a table of the rows to check first (lowest confidence first)."""
    if not review:
        return "<p>Inga rader under tröskeln och inga flaggor.</p>"
    shown = review[:REVIEW_ROWS_SHOWN]
    columns = ("table", "row_id", "source_file", "page", "text", "confidence", "reason")
    table = _table(
        ["Tabell", "Rad", "Fil", "Sida", "Text", "Tillförlitlighet", "Skäl"],
        ([r[c] for c in columns] for r in shown),
    )
    more = f" (de {len(shown)} första visas)" if len(review) > len(shown) else ""
    return (
        f"<details><summary>{len(review)} rader att granska först{more}</summary>{table}</details>"
    )


def _overview(documents: list[Record], risks: list[Record], controls: list[Record]) -> str:
    """Given the three tables as typed rows, the overview paragraph and the not-ok documents."""
    values = [comparable_value(r["probability"], r["consequence"], r["risk_value"]) for r in risks]
    with_values = sum(v is not None for v in values)
    bad = [d for d in documents if _pandas_str(d["status"]) != "ok"]
    listing = "".join(
        f"<li>{esc(d['source_file'])}: {esc(d['status'])} – {esc(d['error'])}</li>" for d in bad
    )
    municipalities = {d["municipality"] for d in documents if d["municipality"] is not None}
    return (
        f'<p class="summary"><b>{len(documents)}</b> dokument, <b>{len(risks)}</b> risker '
        f"({with_values} med värden), <b>{len(controls)}</b> kontroller, "
        f"<b>{len(municipalities)}</b> kommuner.</p>"
        + (f"<p>Dokument som inte lästes helt:</p><ul>{listing}</ul>" if listing else "")
    )


THEME_CELL_W, THEME_CELL_H, THEME_LEFT, THEME_TOP = 34, 20, 150, 118


def heat_colour(high_share: float) -> str:
    """Given the share of a cell's risks rated high, its fill (light grey-blue to red)."""
    share = min(max(high_share, 0.0), 1.0)
    red, green, blue = (
        round(237 + (197 - 237) * share),
        round(242 + (48 - 242) * share),
        round(247 + (48 - 247) * share),
    )
    return f"rgb({red},{green},{blue})"


def count_pairs(
    keys: Sequence[tuple[object, object] | None], summary: Sequence[Record]
) -> dict[tuple[object, object], list[int]]:
    """Given a key per THEME_SUMMARY row (None: the row left out) and the summary, risks and
    high risks summed per key (a missing count is 0)."""
    totals: dict[tuple[object, object], list[int]] = {}
    for key, row in zip(keys, summary, strict=True):
        if key is None:
            continue
        risks, high = row["risks"], row["risks_high"]
        entry = totals.setdefault(key, [0, 0])
        entry[0] += 0 if is_missing(risks) else int(risks)
        entry[1] += 0 if is_missing(high) else int(high)
    return totals


def heat_map_svg(summary: Sequence[Record]) -> str:
    """Given THEME_SUMMARY, municipality rows × theme columns: risks, shaded by share high."""
    themes = [t.slug for t in load_themes()]
    names = {t.slug: t.name for t in load_themes()}
    keys: list[tuple[object, object] | None] = [
        (
            str(r["municipality"]) if not is_missing(r["municipality"]) else "okänd",
            r["risk_theme"],
        )
        for r in summary
    ]
    totals = count_pairs(keys, summary)  # (municipality, theme) -> risks, high
    municipalities = sorted({str(name) for name, _theme in totals})
    parts: list[str] = []
    for col, slug in enumerate(themes):
        x = THEME_LEFT + col * THEME_CELL_W + THEME_CELL_W / 2
        parts.append(
            f'<text class="tick" transform="translate({x:.0f},{THEME_TOP - 6}) rotate(-55)" '
            f'text-anchor="start">{esc(names[slug])}</text>'
        )
    for row, municipality in enumerate(municipalities):
        y = THEME_TOP + row * THEME_CELL_H
        parts.append(
            f'<text x="{THEME_LEFT - 8}" y="{y + 14}" class="name">{esc(municipality)}</text>'
        )
        for col, slug in enumerate(themes):
            risks, high = totals.get((municipality, slug), (0, 0))
            x = THEME_LEFT + col * THEME_CELL_W
            fill = heat_colour(high / risks) if risks else "#ffffff"
            label = f"{municipality}, {names[slug]}: {risks} risker, {high} höga"
            parts.append(
                f'<g><title>{esc(label)}</title><rect x="{x}" y="{y}" width="{THEME_CELL_W - 2}" '
                f'height="{THEME_CELL_H - 2}" fill="{fill}" stroke="#e2e8f0"/>'
                + (f'<text x="{x + THEME_CELL_W / 2 - 1}" y="{y + 14}" class="tick">{risks}</text>'
                   if risks else "")
                + "</g>"
            )  # fmt: skip
    width = THEME_LEFT + THEME_CELL_W * len(themes) + 20
    height = THEME_TOP + THEME_CELL_H * max(len(municipalities), 1) + 10
    label = "Risker per kommun och tema (färg: andel höga risker)"
    return _svg(width, height, label, "".join(parts))


def theme_years_table(summary: Sequence[Record]) -> str:
    """Given THEME_SUMMARY, one row per theme: risks and high risks per year, all municipalities."""
    names = {t.slug: t.name for t in load_themes()}
    years = sorted({int(r["year"]) for r in summary if not is_missing(r["year"])})
    themes = [r["risk_theme"] for r in summary]
    listed: set[object] = set(themes)  # themes with a row, with a year or without
    keys: list[tuple[object, object] | None] = [
        None if is_missing(r["year"]) else (r["risk_theme"], int(r["year"])) for r in summary
    ]
    totals = count_pairs(keys, summary)  # (theme, year) -> risks, high
    rows = []
    for slug in [t.slug for t in load_themes()]:
        if slug not in listed:
            continue
        cells: list[object] = [names[slug]]
        for year in years:
            risks, high = totals.get((slug, year), (0, 0))
            cells.append(f"{risks} ({high} höga)")
        rows.append(cells)
    return _table(["Tema", *map(str, years)], rows)


def theme_section(summary: Sequence[Record]) -> str:
    """Given THEME_SUMMARY, the report's theme section."""
    if not summary:
        return "<p>Inga risker med år att jämföra.</p>"
    note = (
        "<p class='note'>Varje risk har ett gemensamt tema (risks.risk_theme, se README "
        "'Risk themes'); en kommuns organ räknas med ett dokument per organ och år.</p>"
    )
    return (
        note
        + heat_map_svg(summary)
        + "<h3>Tema år för år (alla kommuner)</h3>"
        + theme_years_table(summary)
    )


def render_report(
    documents: pd.DataFrame,
    risks: pd.DataFrame,
    controls: pd.DataFrame,
    changes: pd.DataFrame,
    title: str = "riskrad – riskanalyser och internkontroll",
    review: pd.DataFrame | None = None,
    themes: pd.DataFrame | None = None,
) -> str:
    """Given the three dataset tables and the RISK_CHANGES frame, the report's HTML text (see
    :func:`report_html`; ``review`` defaults to the tables' review list, ``themes`` to their
    theme summary)."""
    typed_documents = _typed(DOCUMENTS, documents)
    typed_risks = _typed(RISKS, risks)
    typed_controls = _typed(CONTROLS, controls)
    review_of = (
        review_rows(typed_documents, typed_risks, typed_controls)
        if review is None
        else _typed(REVIEW, review)
    )
    themes_of = (
        theme_rows(organ_risks(typed_risks, typed_documents), typed_documents)
        if themes is None
        else _typed(THEME_SUMMARY, themes)
    )
    return report_html(
        typed_documents,
        typed_risks,
        typed_controls,
        _typed(RISK_CHANGES, changes),
        review_of,
        themes_of,
        title,
    )


def report_html(
    documents: list[Record],
    risks: list[Record],
    controls: list[Record],
    changes: list[Record],
    review: list[Record],
    themes: list[Record],
    title: str = "riskrad – riskanalyser och internkontroll",
) -> str:
    """Given the three dataset tables, the RISK_CHANGES, REVIEW and THEME_SUMMARY rows, all as
    typed rows (views.typed_records), the report's HTML text."""
    body = (
        f"<header><h1>{esc(title)}</h1>{_overview(documents, risks, controls)}</header>"
        "<nav><a href='#kommuner'>Per kommun</a> · <a href='#organ'>År för år</a> · "
        "<a href='#teman'>Teman</a> · <a href='#dokument'>Per dokument</a> · "
        "<a href='#granska'>Att granska</a> · "
        "<a href='review.html'>Granska rader mot källan (review.html)</a></nav>"
        f"<h2 id='kommuner'>Per kommun</h2>{municipality_section(documents, risks, controls)}"
        f"<h2 id='organ'>År för år, per organ</h2>{organ_sections(changes)}"
        f"<h2 id='teman'>Teman över kommuner</h2>"
        f"{theme_section(themes)}"
        f"<h2 id='dokument'>Per dokument</h2>{document_sections(documents, risks, controls)}"
        f"<h2 id='granska'>Att granska</h2>{review_section(review)}"
    )
    return (
        '<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>{asset('report.css')}</style></head>"
        f"<body>{body}<script>{asset('report.js')}</script></body></html>\n"
    )
