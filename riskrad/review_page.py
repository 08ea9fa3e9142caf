"""review.html: each row beside the crop of its source page, for an auditor to check and correct.

One self-contained page (opens offline, like report.html): the rows ``review``
lists first and, on demand, every row of a document; the page image around the
row's cells (one compressed crop per page, embedded once, cut by the browser to
the row's band with its cells outlined); each field's value beside the raw text
it came from.  The auditor accepts a row, corrects a field, marks a row as not a
risk or adds a missed row; the page keeps that work in localStorage and exports
it as ``corrections.csv`` for ``riskrad extract --corrections``.

All data is embedded as JSON in ``<script type="application/json">`` blocks with
``<`` escaped, and the page's script writes text only through ``textContent``
and input values, so text from a PDF is never run or parsed as markup.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import re
from collections.abc import Callable, Mapping, Sequence
from functools import cache, lru_cache
from operator import attrgetter
from typing import Any

from riskrad.corrections import row_fingerprint
from riskrad.model.contract_row import ContractRow, column_set
from riskrad.model.records import BBox
from riskrad.model.rows import CellRow
from riskrad.model.schema import CONTROLS, RISKS
from riskrad.report_assets import asset

Rows = Sequence[Mapping[str, Any]]

FIELDS: dict[str, tuple[str, ...]] = {
    "risks": (
        "risk",
        "description",
        "process",
        "risk_category",
        "responsible",
        "probability",
        "consequence",
        "risk_value",
        "existing_controls",
        "planned_handling",
        "follows_plan",
        "comment",
    ),
    "controls": (
        "control",
        "description",
        "responsible",
        "frequency",
        "method",
        "result",
        "comment",
        "action",
    ),
}
LABELS: dict[str, str] = {
    "risk": "Risk",
    "description": "Beskrivning",
    "process": "Process/område",
    "risk_category": "Riskkategori",
    "responsible": "Ansvarig",
    "probability": "Sannolikhet (S)",
    "consequence": "Konsekvens (K)",
    "risk_value": "Riskvärde (R)",
    "existing_controls": "Befintliga kontroller",
    "planned_handling": "Hantering",
    "follows_plan": "Följer plan",
    "comment": "Kommentar",
    "control": "Kontrollmoment",
    "frequency": "Frekvens",
    "method": "Metod",
    "result": "Resultat",
    "action": "Åtgärd",
}
ID_COLUMN = {"risks": "risk_id", "controls": "control_id"}
TABLE_LETTER = {"risks": "r", "controls": "c"}
_CONTRACT = {"risks": {c.name for c in RISKS}, "controls": {c.name for c in CONTROLS}}


def _plain(value: Any) -> Any:
    """Given a cell value (pandas NA, numpy scalars), a JSON value."""
    if value is None:
        return None
    kind = type(value)
    if kind is str or kind is int or kind is bool:
        return value
    if kind is float:
        return None if math.isnan(value) else value
    if isinstance(value, float) and math.isnan(value):
        return None
    if type(value).__name__ in ("NAType", "NaTType"):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def _round1(value: float) -> float:
    """Given a coordinate, it rounded to 0.1 (remembered: cells share their rows' and
    columns' edges, and rounding a float to digits is slow; 0.0 and -0.0, one key to a
    cache, are rounded each time)."""
    return _round1_known(value) if value else round(value, 1)


@lru_cache(maxsize=1 << 16)
def _round1_known(value: float) -> float:
    """Given a non-zero coordinate, it rounded to 0.1."""
    return round(value, 1)


def _box(cell: Mapping[str, Any]) -> list[float] | None:
    """Given a cells row, its bounding box [x0, top, x1, bottom] rounded, or None."""
    if type(cell) is CellRow:  # typed: read the fields (None, int or float)
        x0, top, x1, bottom = parts = (cell.x0, cell.top, cell.x1, cell.bottom)
        if (
            type(x0) is float
            and type(top) is float
            and type(x1) is float
            and type(bottom) is float
            and x0 == x0  # not NaN
            and top == top
            and x1 == x1
            and bottom == bottom
        ):
            return [_round1(x0), _round1(top), _round1(x1), _round1(bottom)]
    else:
        parts = (cell.get("x0"), cell.get("top"), cell.get("x1"), cell.get("bottom"))
    box = []
    for part in parts:
        kind = type(part)
        value = part if kind is float or kind is int else _plain(part)
        if value is None or (kind is float and math.isnan(value)):
            return None
        box.append(round(float(value), 1))
    return box


def page_regions(cells: Rows) -> dict[tuple[str, int], BBox]:
    """Given the cells, per (document, page) the band holding all its cells' boxes."""
    bands: dict[tuple[str, int], list[float]] = {}  # as BBox.union grows them, one by one
    for cell in cells:
        box = _box(cell)
        page = _plain(cell.page if type(cell) is CellRow else cell.get("page"))
        if box is None or page is None:
            continue
        document_id = cell.document_id if type(cell) is CellRow else cell["document_id"]
        key = (str(document_id), int(page))
        band = bands.get(key)
        if band is None:
            bands[key] = box
            continue
        band[0], band[1] = min(band[0], box[0]), min(band[1], box[1])
        band[2], band[3] = max(band[2], box[2]), max(band[3], box[3])
    return {key: BBox(*band) for key, band in bands.items()}


@cache
def _fields_of(table: str, kind: type) -> Callable[[Any], tuple[Any, ...]] | None:
    """Given a table and a row class, a getter of the review fields of its rows in FIELDS
    order, when the class is a typed row holding them all (None: read the rows by name)."""
    if issubclass(kind, ContractRow) and column_set(kind).issuperset(FIELDS[table]):
        return attrgetter(*FIELDS[table])
    return None


def _field_values(table: str, row: Mapping[str, Any]) -> tuple[Any, ...]:
    """Given a table and one of its rows, the values of its review fields in FIELDS order."""
    getter = _fields_of(table, type(row))
    if getter is not None:
        return getter(row)
    return tuple(row.get(name) for name in FIELDS[table])


def _cells_by_row(cells: Rows) -> dict[str, dict[str, Mapping[str, Any]]]:
    """Given the cells, row id -> field -> cell."""
    out: dict[str, dict[str, Mapping[str, Any]]] = {}
    for cell in cells:
        if type(cell) is CellRow:
            row_id, name = cell.row_id, cell.field
        else:
            row_id, name = cell["row_id"], cell["field"]
        out.setdefault(str(row_id), {})[str(name)] = cell
    return out


def review_data(
    documents: Rows,
    tables: Mapping[str, Rows],
    cells: Rows,
    review: Rows,
    crops: Mapping[tuple[str, int], Any],
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Given the dataset's rows, the review list and the page crops, the page's data and its
    images (both JSON-ready)."""
    docs = list(documents)
    doc_index = {str(d["document_id"]): i for i, d in enumerate(docs)}
    by_row = _cells_by_row(cells)
    rows: list[list[Any]] = []
    row_index: dict[str, int] = {}
    review_reason = {str(r["row_id"]): _plain(r.get("reason")) for r in review}
    counts: dict[int, int] = {}
    for table in ("risks", "controls"):
        id_column = ID_COLUMN[table]
        for row in tables.get(table, ()):
            row_id = str(row[id_column])
            document = doc_index.get(str(row["document_id"]))
            if document is None:
                continue
            fields = by_row.get(row_id, {})
            values: list[list[Any] | None] = []
            for name, field_value in zip(FIELDS[table], _field_values(table, row), strict=True):
                cell = fields.get(name)
                value = _plain(field_value)
                if value is None and cell is None:
                    values.append(None)
                    continue
                raw = None if cell is None else _plain(cell.get("raw"))
                box = None if cell is None else _box(cell)
                cell_page = None if cell is None else _plain(cell.get("page"))
                values.append([value, raw, box, cell_page])
            page = _plain(row.get("page"))
            counts[document] = counts.get(document, 0) + 1
            row_index[row_id] = len(rows)
            rows.append(
                [
                    TABLE_LETTER[table],
                    row_id,
                    document,
                    page,
                    row_fingerprint(table, row),
                    _plain(row.get("confidence")),
                    _plain(row.get("flags")),
                    review_reason.get(row_id),
                    values,
                ]
            )
    listed = [row_index[str(r["row_id"])] for r in review if str(r["row_id"]) in row_index]
    orphans = [
        {
            "kind": "page" if r.get("table") == "pages" else "orphan",
            "reason": _plain(r.get("reason")),
            "text": _plain(r.get("text")),
            "file": _plain(r.get("source_file")),
            "page": _plain(r.get("page")),
        }
        for r in review
        if str(r["row_id"]) not in row_index
    ]
    images: dict[str, Any] = {}
    for (document_id, page), crop in crops.items():
        if crop is None or document_id not in doc_index:
            continue
        images[f"{doc_index[document_id]}:{page}"] = [
            data_url(crop.mime, crop.data),
            round(crop.region.x0, 2),
            round(crop.region.top, 2),
            round(crop.scale, 5),
            crop.width,
            crop.height,
        ]
    doc_rows = [
        [
            str(d["document_id"]),
            _plain(d.get("sha256")),
            _plain(d.get("source_file")),
            " · ".join(
                str(p)
                for p in (
                    _plain(d.get("municipality")),
                    _plain(d.get("organ")),
                    _plain(d.get("year")),
                )
                if p is not None
            ),
            counts.get(i, 0),
        ]
        for i, d in enumerate(docs)
    ]
    key_source = json.dumps([[d[0] for d in doc_rows], len(rows)], ensure_ascii=True)
    data = {
        "key": hashlib.sha256(key_source.encode("ascii")).hexdigest()[:16],
        "fields": {t: list(f) for t, f in FIELDS.items()},
        "labels": LABELS,
        "docs": doc_rows,
        "rows": rows,
        "review": listed,
        "orphans": orphans,
    }
    return data, images


class DataUrl(str):
    """A base64 ``data:`` URL of a plain MIME type: JSON text as it is (no escapes needed)."""

    __slots__ = ()


_PLAIN_MIME = re.compile(r"[a-z]+/[a-z0-9.+-]+")


def data_url(mime: str, data: bytes) -> str:
    """Given an image's MIME type and bytes, its base64 data URL (a DataUrl when the type is
    plain: base64 and such a type hold no character JSON or HTML must escape)."""
    url = f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
    return DataUrl(url) if _PLAIN_MIME.fullmatch(mime) else url


def _image_json(images: Mapping[str, Any]) -> str:
    """Given the page images, the same text as ``json.dumps(images, ensure_ascii=False,
    separators=(",", ":"))``, with the data URLs copied rather than scanned for escapes."""
    parts: list[str] = []
    for key, value in images.items():
        head = value[0] if isinstance(value, list) and value else None
        if type(head) is DataUrl:
            rest = json.dumps(value[1:], ensure_ascii=False, separators=(",", ":"))
            item = f'["{head}"' + ("]" if rest == "[]" else "," + rest[1:])
        else:
            item = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        parts.append(json.dumps(key, ensure_ascii=False) + ":" + item)
    return "{" + ",".join(parts) + "}"


def _json_script(element_id: str, value: Any, text: str | None = None) -> str:
    """Given an id and a JSON value (or its JSON text), a non-executed script block holding
    it, "<" escaped."""
    if text is None:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" id="{element_id}">{text}</script>'


def render_review(data: Mapping[str, Any], images: Mapping[str, Any]) -> str:
    """Given the page's data and images, review.html's text."""
    return "".join(review_parts(data, images))


def review_html(data: Mapping[str, Any], images: Mapping[str, Any]) -> bytes:
    """Given the page's data and images, review.html's UTF-8 bytes (each part encoded on its
    own: the large ASCII images block is never widened into one text with the rest)."""
    return b"".join(part.encode("utf-8") for part in review_parts(data, images))


def review_parts(data: Mapping[str, Any], images: Mapping[str, Any]) -> list[str]:
    """Given the page's data and images, review.html's text in parts: the page before the
    data, the data block, the images block, the rest."""
    title = "riskrad – granska mot källan"
    header = (
        f"<header><h1>{title}</h1>"
        '<select id="mode" aria-label="Visa"><option value="review">Att granska först</option>'
        "</select>"
        '<label>Granskare <input id="who" size="12" autocomplete="off"></label>'
        '<button id="add" type="button">Lägg till saknad rad</button>'
        '<button id="export" type="button">Exportera corrections.csv</button>'
        '<span class="count" id="edit-count"></span>'
        '<a href="report.html">Rapporten</a>'
        '<span class="help">j/↓ nästa · k/↑ föregående · a godkänn · n inte en risk</span>'
        "</header>"
    )
    dialog = (
        '<dialog id="add-dialog"><form method="dialog"><h2>Lägg till en rad som saknas</h2>'
        '<label>Tabell <select id="add-table"><option value="risks">risker</option>'
        '<option value="controls">kontroller</option></select></label>'
        '<label>Dokument <select id="add-doc"></select></label>'
        '<label>Sida <input id="add-page" type="number" min="1" value="1"></label>'
        '<div id="add-fields"></div><p id="add-error" class="reason"></p>'
        '<button id="add-save">Lägg till</button> <button id="add-cancel">Avbryt</button>'
        "</form></dialog>"
    )
    page = (
        '<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title><style>{asset('review.css')}</style></head>"
        f'<body>{header}<main><div id="list" role="listbox"></div><div id="detail"></div></main>'
        f"{dialog}"
    )
    return [
        page,
        _json_script("review-data", data),
        _json_script("review-images", images, _image_json(images)),
        f"<script>{asset('review.js')}</script></body></html>\n",
    ]
