"""Views over the dataset for the auditor and the analyst.

The views are computed on plain rows (dicts of contract column -> Python value, None for a
missing value), so a run writes them without pandas; the same views over pandas frames
(typed with the contract's nullable dtypes) are kept for notebooks and tests:

* :func:`change_rows` / :func:`risk_changes`: one row per risk_key and pair of consecutive
  years of an organ, with both years' values and what changed (``RISK_CHANGES`` columns).
* :func:`review_rows` / :func:`review_list`: rows to check first (low confidence or flags),
  with document, page and reason (``REVIEW`` columns).
* :func:`matrix_counts`, :func:`totals_rows` / :func:`municipality_totals`: what the report
  draws.
* :func:`typed_records` (plain rows) and :func:`typed_frame`, :func:`read_csv_tables`
  (frames; pandas' nullable dtypes: string, Int32, Float64, boolean): contract types.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

from riskrad.model.contract_row import is_missing
from riskrad.model.schema import (
    BOOL,
    CONTROLS,
    DOCUMENTS,
    FLOAT,
    INT,
    REVIEW,
    RISK_CHANGES,
    RISKS,
    STR,
    TABLES,
    Column,
)
from riskrad.normalize.levels import normalised_value, parse_bands, risk_level
from riskrad.normalize.lineage import organ_slug
from riskrad.normalize.validate import Scale, document_scales, split_flags

if TYPE_CHECKING:
    import pandas as pd

CHANGES: tuple[str, ...] = ("new", "removed", "value_up", "value_down", "unchanged", "no_value")
DOCUMENT_TYPE_ORDER: tuple[str, ...] = (
    "riskanalys",
    "internkontrollplan",
    "uppfoljning",
    "internkontrollrapport",
)
REVIEW_THRESHOLD = 0.6
Record = dict[Any, Any]

_PANDAS_DTYPES: dict[Any, Any] = {
    STR: "string",
    INT: "Int32",
    FLOAT: "Float64",
    BOOL: "boolean",
}
_BOOL_TEXT = {"true": True, "false": False, "1": True, "0": False, "ja": True, "nej": False}


def pandas_dtype(column: Column) -> Any:
    """Given a contract column, the pandas nullable dtype that holds it."""
    return _PANDAS_DTYPES[column.type]


def _to_bool(value: object) -> object:
    """Given a CSV cell, True/False/NA."""
    import pandas as pd

    if isinstance(value, bool):
        return value
    if is_missing(value):
        return pd.NA
    return _BOOL_TEXT.get(str(value).strip().casefold(), pd.NA)


def missing_last(value: object) -> tuple[bool, Any]:
    """Given a cell, a sort key that orders missing values after all others (pandas'
    ``na_position="last"``)."""
    return (True, 0) if is_missing(value) else (False, value)


def sort_missing_last(
    rows: list[dict[str, Any]],
    columns: Sequence[str],
    ranks: Mapping[str, Mapping[Any, int]] | None = None,
) -> None:
    """Given rows, the columns to order them by (and for some columns a rank of their
    values), the rows sorted in place, missing values last in each column."""
    ranks = ranks or {}
    rows.sort(
        key=lambda r: tuple(
            missing_last(ranks[c].get(r[c]) if c in ranks else r[c]) for c in columns
        )
    )


def _number(value: object) -> float | int | None:
    """Given a cell, it as a number the way ``pd.to_numeric(errors="coerce")`` reads it
    ('' and text that is not a number: None)."""
    if is_missing(value) or value == "":
        return None
    if isinstance(value, int | float):
        return value
    try:
        number = float(str(value))
    except ValueError:
        return None
    return int(number) if number.is_integer() and "." not in str(value) else number


def typed_value(column: Column, value: object) -> Any:
    """Given a contract column and a cell, the cell as the column's type holds it (None when
    missing), as :func:`typed_frame` converts it."""
    kind = column.type
    if kind == STR:
        return None if is_missing(value) else str(value)
    if kind == BOOL:
        if isinstance(value, bool):
            return value
        if is_missing(value):
            return None
        return _BOOL_TEXT.get(str(value).strip().casefold())
    number = _number(value)
    if number is None:
        return None
    if kind == FLOAT:
        return float(number)
    if isinstance(number, float) and not number.is_integer():
        raise TypeError(f"cannot safely cast non-equivalent float {number!r} to int32")
    return int(number)


def typed_records(columns: Sequence[Column], rows: Iterable[Mapping[str, Any]]) -> list[Record]:
    """Given contract columns and rows, each row as a dict with those columns in order, typed
    (a missing column is None); other fields of a row follow, unchanged."""
    names = {c.name for c in columns}
    out = []
    for row in rows:
        record = {c.name: typed_value(c, row.get(c.name)) for c in columns}
        for name, value in row.items():
            if name not in names:
                record[name] = value
        out.append(record)
    return out


def typed_frame(columns: Sequence[Column], frame: pd.DataFrame) -> pd.DataFrame:
    """Given contract columns and a frame, the frame with those columns in order and dtypes.

    Missing columns are added as nulls; extra columns (e.g. ``flags``) are kept
    after the contract columns; empty strings in non-text columns become nulls.
    A frame that is typed already comes back as a copy.
    """
    import pandas as pd

    if is_typed(columns, frame):
        return frame.copy()
    data: dict[str, Any] = {}
    for column in columns:
        values = frame[column.name] if column.name in frame else pd.Series(pd.NA, index=frame.index)
        dtype = pandas_dtype(column)
        if dtype == "boolean":
            data[column.name] = values.map(_to_bool).astype("boolean")
        elif dtype == "string":
            data[column.name] = values.astype("string")
        else:
            numeric = pd.to_numeric(values.replace("", pd.NA), errors="coerce")
            data[column.name] = numeric.astype(dtype)
    for name in frame.columns:
        if name not in data:
            data[name] = frame[name]
    return pd.DataFrame(data, index=frame.index)


def is_typed(columns: Sequence[Column], frame: pd.DataFrame) -> bool:
    """Given contract columns and a frame, whether it starts with them, in order and dtypes."""
    names = [c.name for c in columns]
    if list(frame.columns[: len(names)]) != names or frame.columns.has_duplicates:
        return False
    dtypes = frame.dtypes
    return all(dtypes.iloc[i] == _pandas_dtype_object(c) for i, c in enumerate(columns))


@cache
def _pandas_dtype_object(column: Column) -> Any:
    """Given a contract column, the dtype object ``astype`` gives it."""
    import pandas as pd

    return pd.api.types.pandas_dtype(pandas_dtype(column))


def read_csv_tables(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Given a folder with documents.csv, risks.csv, controls.csv, the three typed frames."""
    import pandas as pd

    frames = []
    for table in ("documents", "risks", "controls"):
        raw = pd.read_csv(folder / f"{table}.csv", dtype=str, keep_default_na=False)
        raw = raw.replace({"": pd.NA})
        frames.append(typed_frame(TABLES[table], raw))
    return frames[0], frames[1], frames[2]


def empty_frame(columns: Sequence[Column]) -> pd.DataFrame:
    """Given contract columns, an empty frame with those columns and dtypes."""
    import pandas as pd

    return pd.DataFrame({c.name: pd.Series(dtype=pandas_dtype(c)) for c in columns})


def frame_records(frame: pd.DataFrame) -> list[Record]:
    """Given a frame, its rows as plain Python values (pandas' missing values as None)."""
    clean = frame.astype(object).where(frame.notna(), None)
    return [{str(k): v for k, v in row.items()} for row in clean.to_dict(orient="records")]


def records_frame(columns: Sequence[Column], records: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """Given contract columns and plain rows, the typed frame of them (empty: no rows)."""
    import pandas as pd

    if not records:
        return empty_frame(columns)
    return typed_frame(columns, pd.DataFrame([dict(r) for r in records]))


def _typed(columns: Sequence[Column], table: Any) -> list[Record]:
    """Given contract columns and a table (a frame, or plain rows), its typed plain rows."""
    if isinstance(table, Sequence):
        return typed_records(columns, table)
    return frame_records(typed_frame(columns, table))


def cell_int(value: object) -> int | None:
    """Given a frame cell, its int or None."""
    if is_missing(value):
        return None
    try:
        return int(value)  # type: ignore[call-overload, no-any-return]
    except (TypeError, ValueError):
        return None


def _text(value: object) -> str | None:
    """Given a frame cell, its text or None."""
    if is_missing(value):
        return None
    return str(value)


def comparable_value(probability: object, consequence: object, risk_value: object) -> int | None:
    """Given S, K, R cells, the value compared across years: R, else S×K, else None."""
    r = cell_int(risk_value)
    if r is not None:
        return r
    s, k = cell_int(probability), cell_int(consequence)
    return s * k if s is not None and k is not None else None


def classify_change(
    before: int | None, after: int | None, present_before: bool, present_after: bool
) -> str:
    """Given both years' compared values and presence, the change name (see CHANGES)."""
    if not present_before:
        return "new"
    if not present_after:
        return "removed"
    if before is None or after is None:
        return "no_value"
    if after > before:
        return "value_up"
    if after < before:
        return "value_down"
    return "unchanged"


def level_records(risks: list[Record], documents: list[Record]) -> list[Record]:
    """Given typed risk and document rows, the risks with scale_max, value_normalised and
    risk_level filled where scale_max is empty (rows not written by a run)."""
    if all(r["scale_max"] is not None for r in risks):
        return risks
    scales = document_scales(risks)
    bands = {str(d["document_id"]): parse_bands(d["risk_levels"]) for d in documents}
    out = []
    for row in risks:
        if row["scale_max"] is None:
            scale = scales.get(str(row["document_id"]), Scale())
            value = comparable_value(row["probability"], row["consequence"], row["risk_value"])
            level = risk_level(value, scale.max_value, bands.get(str(row["document_id"]), ()))
            row = row | {
                "scale_max": scale.high,
                "value_normalised": normalised_value(value, scale.max_value),
                "risk_level": level,
            }
        out.append(row)
    return out


def with_levels(risks: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Given typed risks and documents, the risks with scale_max, value_normalised and
    risk_level filled where they are empty (frames not written by a run)."""
    if not risks["scale_max"].isna().any():
        return risks
    filled = level_records(_typed(RISKS, risks), _typed(DOCUMENTS, documents))
    frame = records_frame(RISKS, filled)
    frame.index = risks.index
    return frame


_ORGAN_DOCUMENT_COLUMNS = (
    "municipality",
    "municipality_code",
    "organ",
    "year",
    "document_type",
)


def organ_rows(risks: list[Record], documents: list[Record]) -> list[Record]:
    """Given typed risk rows (levels filled) and document rows, one risk row per organ, year
    and risk_key (the preferred document of the organ's year), with its document's fields and
    ``_organ`` (the organ's key) and ``_value`` (the compared value)."""
    docs_of: dict[object, list[Record]] = {}
    for doc in documents:
        part = {name: doc[name] for name in _ORGAN_DOCUMENT_COLUMNS}
        docs_of.setdefault(doc["document_id"], []).append(part)
    type_rank = {t: i for i, t in enumerate(DOCUMENT_TYPE_ORDER)}
    slugs: dict[tuple[object, ...], str] = {}  # found once per document, not per risk
    merged: list[Record] = []
    for risk in risks:
        for doc in docs_of.get(risk["document_id"], ()):
            if doc["year"] is None:
                continue
            document_id = risk["document_id"]
            where = (doc["municipality_code"], doc["municipality"], doc["organ"], document_id)
            found = slugs.get(where)
            if found is None:
                found = slugs[where] = organ_slug(*where)
            value = comparable_value(risk["probability"], risk["consequence"], risk["risk_value"])
            merged.append(
                risk
                | doc
                | {
                    "_organ": found,
                    "_type_rank": type_rank.get(str(doc["document_type"]), len(type_rank)),
                    "_value": value,
                }
            )
    with_values: dict[object, int] = {}
    counts: dict[object, int] = {}
    for row in merged:
        document_id = row["document_id"]
        counts[document_id] = counts.get(document_id, 0) + 1
        with_values[document_id] = with_values.get(document_id, 0) + (row["_value"] is not None)
    merged.sort(
        key=lambda r: (
            r["_organ"],
            r["year"],
            r["_type_rank"],
            -with_values[r["document_id"]],
            -counts[r["document_id"]],
            missing_last(r["document_id"]),
            missing_last(r["risk_id"]),
        )
    )
    chosen: dict[tuple[str, int], object] = {}
    for row in merged:
        chosen.setdefault((row["_organ"], row["year"]), row["document_id"])
    out: list[Record] = []
    seen: set[tuple[str, int, object]] = set()
    for row in merged:
        if chosen[(row["_organ"], row["year"])] != row["document_id"]:
            continue
        key = (row["_organ"], row["year"], row["risk_key"])
        if key not in seen:
            seen.add(key)
            out.append(row)
    return out


def organ_risks(risks: list[Record], documents: list[Record]) -> list[Record]:
    """Given typed risk rows (with risk_key) and document rows, the risks ``change_rows`` and
    ``theme_rows`` compare: one per organ, year and risk_key, levels filled (see
    :func:`organ_rows`)."""
    return organ_rows(level_records(risks, documents), documents)


def change_rows(chosen: list[Record]) -> list[Record]:
    """Given the risks :func:`organ_rows` chose, the RISK_CHANGES rows, typed and sorted.

    An organ is a municipality (code, else name) and organ; its years are the
    years where it has risks.  When an organ has several documents in one year,
    one of them stands for the year: the first by type (riskanalys,
    internkontrollplan, uppfoljning, internkontrollrapport), then the one with
    most risks with values, then most risks, then document_id; comparing whole
    documents keeps a partial follow-up from listing risks as removed.  The
    compared value is riskvärde, else sannolikhet × konsekvens; when the scale
    changed between the two years (1–4 to 1–5), the normalised value (value over
    the scale's highest value) is compared instead and ``compared_on`` says so.
    """
    rows: list[dict[str, object]] = []
    organs: dict[str, dict[int, dict[str, Record]]] = {}
    for record in chosen:
        year = int(record["year"])
        organs.setdefault(str(record["_organ"]), {}).setdefault(year, {})
        organs[str(record["_organ"])][year][str(record["risk_key"])] = record
    for organ in sorted(organs):
        by_year = organs[organ]
        years = sorted(by_year)
        first = by_year[years[0]][next(iter(by_year[years[0]]))]
        for year_from, year_to in pairwise(years):
            before, after = by_year[year_from], by_year[year_to]
            keys = list(before) + [k for k in after if k not in before]
            for key in keys:
                rows.append(
                    _change_row(key, first, year_from, year_to, before.get(key), after.get(key))
                )
    typed = typed_records(RISK_CHANGES, rows)
    columns = ("municipality_code", "municipality", "organ", "year_from", "change", "risk_key")
    sort_missing_last(typed, columns, {"change": {c: i for i, c in enumerate(CHANGES)}})
    return typed


def risk_changes(risks: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Given risks (with risk_key) and documents frames, the RISK_CHANGES frame (see
    :func:`change_rows`)."""
    chosen = organ_risks(_typed(RISKS, risks), _typed(DOCUMENTS, documents))
    return records_frame(RISK_CHANGES, change_rows(chosen))


def _change_row(
    key: str,
    organ: Record,
    year_from: int,
    year_to: int,
    a: Record | None,
    b: Record | None,
) -> dict[str, object]:
    """Given a key, the organ's first row, two years and the key's rows in them, one change row."""

    def get(row: Record | None, name: str) -> object:
        return None if row is None else row[name]

    return {
        "risk_key": key,
        "municipality": organ["municipality"],
        "municipality_code": organ["municipality_code"],
        "organ": organ["organ"],
        "year_from": year_from,
        "year_to": year_to,
        "risk_id_from": get(a, "risk_id"),
        "risk_id_to": get(b, "risk_id"),
        "risk_from": get(a, "risk"),
        "risk_to": get(b, "risk"),
        "probability_from": cell_int(get(a, "probability")),
        "consequence_from": cell_int(get(a, "consequence")),
        "risk_value_from": cell_int(get(a, "risk_value")),
        "probability_to": cell_int(get(b, "probability")),
        "consequence_to": cell_int(get(b, "consequence")),
        "risk_value_to": cell_int(get(b, "risk_value")),
        "scale_max_from": cell_int(get(a, "scale_max")),
        "scale_max_to": cell_int(get(b, "scale_max")),
        "risk_level_from": _text(get(a, "risk_level")),
        "risk_level_to": _text(get(b, "risk_level")),
        **compare(a, b),
    }


def compare(a: Record | None, b: Record | None) -> dict[str, object]:
    """Given a risk key's rows in two years (None when absent), the change and what it compared:
    the value on one scale, the normalised value when the scale changed between the years."""
    before = cell_int(None if a is None else a["_value"])
    after = cell_int(None if b is None else b["_value"])
    change = classify_change(before, after, a is not None, b is not None)
    if change in ("new", "removed", "no_value") or a is None or b is None:
        return {"change": change, "compared_on": None}
    scale_a, scale_b = cell_int(a["scale_max"]), cell_int(b["scale_max"])
    if scale_a is None or scale_b is None or scale_a == scale_b:
        return {"change": change, "compared_on": "risk_value"}
    norm_a, norm_b = a["value_normalised"], b["value_normalised"]
    if is_missing(norm_a) or is_missing(norm_b):
        return {"change": "no_value", "compared_on": None}
    if abs(float(norm_b) - float(norm_a)) < 1e-9:
        change = "unchanged"
    else:
        change = "value_up" if float(norm_b) > float(norm_a) else "value_down"
    return {"change": change, "compared_on": "value_normalised"}


def _reason(confidence: float | None, flags: tuple[str, ...], threshold: float) -> str:
    """Given a row's confidence and flags, the review reason in words."""
    from riskrad.normalize.validate import FLAG_MEANINGS

    parts = [f"{f}: {FLAG_MEANINGS.get(f, 'flagged')}" for f in flags]
    if confidence is not None and confidence < threshold:
        parts.insert(0, f"confidence {confidence:.2f} below {threshold:.2f}")
    return "; ".join(parts)


def page_review_rows(
    pages: Sequence[Mapping[str, Any]] | None, files: dict[str, Any]
) -> list[dict[str, object]]:
    """Given the pages rows and each document's file, a review row per page with an error."""
    if not pages or not any("error" in page for page in pages):
        return []
    rows: list[dict[str, object]] = []
    for page_row in pages:
        error = _text(page_row.get("error"))
        if not error:
            continue
        document_id = page_row.get("document_id")
        number = cell_int(page_row.get("page"))
        rows.append(
            {
                "table": "pages",
                "row_id": f"{document_id}-p{number:03d}",
                "document_id": document_id,
                "source_file": files.get(str(document_id)),
                "page": number,
                "text": error[:120],
                "confidence": None,
                "flags": "",
                "reason": error,
            }
        )
    return rows


def review_rows(
    documents: list[Record],
    risks: list[Record],
    controls: list[Record],
    threshold: float = REVIEW_THRESHOLD,
    pages: Sequence[Mapping[str, Any]] | None = None,
    checked: Collection[str] = (),
    extra: Sequence[Mapping[str, object]] = (),
) -> list[Record]:
    """Given the three tables as typed rows, REVIEW rows, lowest confidence first.

    With ``pages``, every page with an error (not read, or risk content seen
    but no rows read from it) is a review row too.  Rows in ``checked`` (accepted
    or corrected by an auditor) are not listed; ``extra`` rows (orphaned
    corrections) are listed first.
    """
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"review threshold must be in 0..1, got {threshold!r}")
    files = {str(d["document_id"]): d["source_file"] for d in documents}
    rows: list[dict[str, object]] = []
    for table, table_rows, id_col, text_col in (
        ("risks", risks, "risk_id", "risk"),
        ("controls", controls, "control_id", "control"),
    ):
        for row in table_rows:
            flags = split_flags(row.get("flags"))
            confidence_value = row["confidence"]
            confidence = None if is_missing(confidence_value) else float(confidence_value)
            if not flags and (confidence is None or confidence >= threshold):
                continue
            row_id = row[id_col]
            if str(row_id) in checked:
                continue
            text = _text(row[text_col]) or ""
            rows.append(
                {
                    "table": table,
                    "row_id": row_id,
                    "document_id": row["document_id"],
                    "source_file": files.get(str(row["document_id"])),
                    "page": cell_int(row["page"]),
                    "text": text[:120],
                    "confidence": confidence,
                    "flags": ";".join(flags),
                    "reason": _reason(confidence, flags, threshold),
                }
            )
    rows.extend(page_review_rows(pages, files))
    listed = typed_records(REVIEW, rows)
    sort_missing_last(listed, ("confidence", "table", "row_id"))
    return typed_records(REVIEW, [dict(e) for e in extra]) + listed


def review_list(
    documents: pd.DataFrame,
    risks: pd.DataFrame,
    controls: pd.DataFrame,
    threshold: float = REVIEW_THRESHOLD,
    pages: pd.DataFrame | None = None,
    checked: Collection[str] = (),
    extra: Sequence[Mapping[str, object]] = (),
) -> pd.DataFrame:
    """Given the three frames (risks, controls may carry ``flags``), the REVIEW frame, lowest
    first (see :func:`review_rows`)."""
    page_rows = None if pages is None else frame_records(pages)
    rows = review_rows(
        _typed(DOCUMENTS, documents),
        _typed(RISKS, risks),
        _typed(CONTROLS, controls),
        threshold,
        page_rows,
        checked,
        extra,
    )
    return records_frame(REVIEW, rows)


def matrix_counts(risks: pd.DataFrame, scale: Scale) -> dict[tuple[int, int], int]:
    """Given one document's risks and its scale, risk counts per (probability, consequence) cell."""
    return cell_counts(zip(risks["probability"], risks["consequence"], strict=True), scale)


def cell_counts(pairs: Iterable[tuple[object, object]], scale: Scale) -> dict[tuple[int, int], int]:
    """Given (probability, consequence) cells of one document's risks and its scale, risk
    counts per cell inside the scale."""
    counts: dict[tuple[int, int], int] = {}
    for s_value, k_value in pairs:
        s, k = cell_int(s_value), cell_int(k_value)
        if (
            s is None
            or k is None
            or not (scale.low <= s <= scale.high and scale.low <= k <= scale.high)
        ):
            continue
        counts[(s, k)] = counts.get((s, k), 0) + 1
    return counts


def scales_by_document(risks: Any) -> dict[str, Scale]:
    """Given the risks table, each document's scale (re-exported for the report)."""
    return document_scales(risks)


TOTALS_COLUMNS = ("municipality", "documents", "organs", "risks", "controls", "high_risks")


def totals_rows(
    documents: list[Record], risks: list[Record], controls: list[Record]
) -> list[Record]:
    """Given the three tables as typed rows, per municipality (sorted): documents, organs,
    risks, controls, high risks.

    "high" counts risks whose value is at least half the document scale's
    maximum (the red band of :func:`risk_colour`).
    """
    scales = document_scales(risks) if len(risks) else {}
    municipality_of: dict[str, str] = {}
    organs: dict[str, set[object]] = {}
    rows: dict[str, dict[str, int]] = {}
    for doc in documents:
        name = str(doc["municipality"]) if doc["municipality"] is not None else "(okänd)"
        municipality_of[str(doc["document_id"])] = name
        entry = rows.setdefault(
            name, {"documents": 0, "organs": 0, "risks": 0, "controls": 0, "high_risks": 0}
        )
        entry["documents"] += 1
        if doc["organ"] is not None:
            organs.setdefault(name, set()).add(doc["organ"])
    for name, entry in rows.items():
        entry["organs"] = len(organs.get(name, ()))
    for risk in risks:
        m = municipality_of.get(str(risk["document_id"]), "(okänd)")
        entry = rows.setdefault(
            m, {"documents": 0, "organs": 0, "risks": 0, "controls": 0, "high_risks": 0}
        )
        entry["risks"] += 1
        value = comparable_value(risk["probability"], risk["consequence"], risk["risk_value"])
        scale = scales.get(str(risk["document_id"]), Scale())
        if value is not None and risk_colour(value, scale) == "red":
            entry["high_risks"] += 1
    for control in controls:
        m = municipality_of.get(str(control["document_id"]), "(okänd)")
        rows.setdefault(
            m, {"documents": 0, "organs": 0, "risks": 0, "controls": 0, "high_risks": 0}
        )
        rows[m]["controls"] += 1
    return [{"municipality": m, **v} for m, v in sorted(rows.items())]


def municipality_totals(
    documents: pd.DataFrame, risks: pd.DataFrame, controls: pd.DataFrame
) -> pd.DataFrame:
    """Given the three frames, per municipality: documents, organs, risks, controls, high risks
    (see :func:`totals_rows`)."""
    import pandas as pd

    rows = totals_rows(
        _typed(DOCUMENTS, documents), _typed(RISKS, risks), _typed(CONTROLS, controls)
    )
    columns = list(TOTALS_COLUMNS)
    frame = pd.DataFrame(rows, columns=columns)
    return frame.astype({"municipality": "string"} | {c: "int64" for c in columns[1:]})


def risk_colour(value: int, scale: Scale) -> str:
    """Given a riskvärde and the scale, its band: green (< 1/4 of max), yellow, red (>= 1/2 of max).

    On a 1-4 product scale: 1-3 green, 4-7 yellow, 8-16 red; on 1-5: 1-6
    green, 7-12 yellow, 13-25 red, the usual bands of Swedish risk matrices.
    """
    top = scale.max_value
    if value * 2 >= top:
        return "red"
    if value * 4 >= top:
        return "yellow"
    return "green"
