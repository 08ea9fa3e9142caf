"""Views over the dataset for the auditor and the analyst (pandas in, pandas out).

* :func:`risk_changes`: one row per risk_key and pair of consecutive years of an
  organ, with both years' values and what changed (``RISK_CHANGES`` columns).
* :func:`review_list`: rows to check first (low confidence or flags), with
  document, page and reason (``REVIEW`` columns).
* :func:`matrix_counts`, :func:`municipality_totals`: what the report draws.
* :func:`typed_frame`, :func:`read_csv_tables`: contract dtypes for frames read
  from CSV (pandas' nullable dtypes: string, Int32, Float64, boolean).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa

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

CHANGES: tuple[str, ...] = ("new", "removed", "value_up", "value_down", "unchanged", "no_value")
DOCUMENT_TYPE_ORDER: tuple[str, ...] = (
    "riskanalys",
    "internkontrollplan",
    "uppfoljning",
    "internkontrollrapport",
)
REVIEW_THRESHOLD = 0.6
Record = dict[Any, Any]

_PANDAS_DTYPES: dict[pa.DataType, Any] = {
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
    if isinstance(value, bool):
        return value
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return pd.NA
    return _BOOL_TEXT.get(str(value).strip().casefold(), pd.NA)


def typed_frame(columns: Sequence[Column], frame: pd.DataFrame) -> pd.DataFrame:
    """Given contract columns and a frame, the frame with those columns in order and dtypes.

    Missing columns are added as nulls; extra columns (e.g. ``flags``) are kept
    after the contract columns; empty strings in non-text columns become nulls.
    A frame that is typed already comes back as a copy.
    """
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
    return pd.api.types.pandas_dtype(pandas_dtype(column))


def read_csv_tables(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Given a folder with documents.csv, risks.csv, controls.csv, the three typed frames."""
    frames = []
    for table in ("documents", "risks", "controls"):
        raw = pd.read_csv(folder / f"{table}.csv", dtype=str, keep_default_na=False)
        raw = raw.replace({"": pd.NA})
        frames.append(typed_frame(TABLES[table], raw))
    return frames[0], frames[1], frames[2]


def empty_frame(columns: Sequence[Column]) -> pd.DataFrame:
    """Given contract columns, an empty frame with those columns and dtypes."""
    return pd.DataFrame({c.name: pd.Series(dtype=pandas_dtype(c)) for c in columns})


def cell_int(value: object) -> int | None:
    """Given a frame cell, its int or None."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    try:
        return int(value)  # type: ignore[call-overload, no-any-return]
    except (TypeError, ValueError):
        return None


def _text(value: object) -> str | None:
    """Given a frame cell, its text or None."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
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


def with_levels(risks: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Given typed risks and documents, the risks with scale_max, value_normalised and
    risk_level filled where they are empty (frames not written by a run)."""
    missing = risks["scale_max"].isna()
    if not missing.any():
        return risks
    risks = risks.copy()
    scales = document_scales(risks)
    bands = {
        str(d): parse_bands(_text(b))
        for d, b in zip(documents["document_id"], documents["risk_levels"], strict=True)
    }
    for index in risks.index[missing]:
        row = risks.loc[index]
        scale = scales.get(str(row["document_id"]), Scale())
        value = comparable_value(row["probability"], row["consequence"], row["risk_value"])
        risks.loc[index, "scale_max"] = scale.high
        risks.loc[index, "value_normalised"] = normalised_value(value, scale.max_value)
        level = risk_level(value, scale.max_value, bands.get(str(row["document_id"]), ()))
        risks.loc[index, "risk_level"] = level
    return risks


def _organ_risks(risks: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Given risks and documents, one row per organ, year and risk_key (preferred document)."""
    docs = documents[
        ["document_id", "municipality", "municipality_code", "organ", "year", "document_type"]
    ]
    merged = risks.merge(docs, on="document_id", how="inner", suffixes=("", "_doc"))
    merged = merged[merged["year"].notna()].copy()
    slugs: dict[tuple[object, ...], str] = {}  # found once per document, not per risk
    organs: list[str] = []
    for where in zip(
        merged["municipality_code"].tolist(),
        merged["municipality"].tolist(),
        merged["organ"].tolist(),
        merged["document_id"].tolist(),
        strict=True,
    ):
        found = slugs.get(where)
        if found is None:
            found = slugs[where] = organ_slug(*where)
        organs.append(found)
    merged["_organ"] = organs
    type_rank = {t: i for i, t in enumerate(DOCUMENT_TYPE_ORDER)}
    merged["_type_rank"] = merged["document_type"].map(
        lambda t: type_rank.get(str(t), len(type_rank))
    )
    merged["_value"] = [
        comparable_value(s, k, r)
        for s, k, r in zip(
            merged["probability"].tolist(),
            merged["consequence"].tolist(),
            merged["risk_value"].tolist(),
            strict=True,
        )
    ]
    merged["_has_value"] = merged["_value"].notna()
    per_doc = merged.groupby("document_id", sort=False).agg(
        _with_values=("_has_value", "sum"), _risks=("risk_id", "size")
    )
    merged = merged.join(per_doc, on="document_id")
    merged = merged.sort_values(
        ["_organ", "year", "_type_rank", "_with_values", "_risks", "document_id", "risk_id"],
        ascending=[True, True, True, False, False, True, True],
        kind="stable",
    )
    chosen = merged.drop_duplicates(["_organ", "year"], keep="first")[
        ["_organ", "year", "document_id"]
    ]
    merged = merged.merge(chosen, on=["_organ", "year", "document_id"], how="inner")
    return merged.drop_duplicates(["_organ", "year", "risk_key"], keep="first")


def organ_risks(risks: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Given risks (with risk_key) and documents, the risks ``risk_changes`` and
    ``theme_summary`` compare: one per organ, year and risk_key, levels filled."""
    documents = typed_frame(DOCUMENTS, documents)
    return _organ_risks(with_levels(typed_frame(RISKS, risks), documents), documents)


def risk_changes(
    risks: pd.DataFrame, documents: pd.DataFrame, chosen: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Given risks (with risk_key) and documents (and their ``organ_risks`` when found
    already), the RISK_CHANGES frame.

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
    if chosen is None:
        chosen = organ_risks(risks, documents)
    organs: dict[str, dict[int, dict[str, Record]]] = {}
    for record in chosen.to_dict("records"):
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
    if not rows:
        return empty_frame(RISK_CHANGES)
    frame = typed_frame(RISK_CHANGES, pd.DataFrame(rows))
    order = {c: i for i, c in enumerate(CHANGES)}
    frame["_order"] = frame["change"].map(order)
    frame = frame.sort_values(
        ["municipality_code", "municipality", "organ", "year_from", "_order", "risk_key"],
        kind="stable",
        na_position="last",
    )
    return frame.drop(columns="_order").reset_index(drop=True)


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
    if pd.isna(norm_a) or pd.isna(norm_b):
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


def page_review_rows(pages: pd.DataFrame | None, files: dict[str, Any]) -> list[dict[str, object]]:
    """Given the pages table and each document's file, a review row per page with an error."""
    if pages is None or pages.empty or "error" not in pages:
        return []
    rows: list[dict[str, object]] = []
    for document_id, page, page_error in zip(
        pages["document_id"].tolist(), pages["page"].tolist(), pages["error"].tolist(), strict=True
    ):
        error = _text(page_error)
        if not error:
            continue
        number = cell_int(page)
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


def review_list(
    documents: pd.DataFrame,
    risks: pd.DataFrame,
    controls: pd.DataFrame,
    threshold: float = REVIEW_THRESHOLD,
    pages: pd.DataFrame | None = None,
    checked: Collection[str] = (),
    extra: Sequence[Mapping[str, object]] = (),
) -> pd.DataFrame:
    """Given the three tables (risks, controls may carry ``flags``), REVIEW rows, lowest first.

    With ``pages``, every page with an error (not read, or risk content seen
    but no rows read from it) is a review row too.  Rows in ``checked`` (accepted
    or corrected by an auditor) are not listed; ``extra`` rows (orphaned
    corrections) are listed first.
    """
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"review threshold must be in 0..1, got {threshold!r}")
    documents = typed_frame(DOCUMENTS, documents)
    risks = typed_frame(RISKS, risks)
    controls = typed_frame(CONTROLS, controls)
    files = dict(zip(documents["document_id"].astype(str), documents["source_file"], strict=True))
    rows: list[dict[str, object]] = []
    for table, frame, id_col, text_col in (
        ("risks", risks, "risk_id", "risk"),
        ("controls", controls, "control_id", "control"),
    ):
        flags_col = frame["flags"].tolist() if "flags" in frame else [""] * len(frame)
        columns = zip(
            frame[id_col].tolist(),
            frame["document_id"].tolist(),
            frame["page"].tolist(),
            frame[text_col].tolist(),
            frame["confidence"].tolist(),
            flags_col,
            strict=True,
        )
        for row_id, document_id, page, text_value, confidence_value, flag_text in columns:
            flags = split_flags(flag_text)
            confidence = None if pd.isna(confidence_value) else float(confidence_value)
            if not flags and (confidence is None or confidence >= threshold):
                continue
            if str(row_id) in checked:
                continue
            text = _text(text_value) or ""
            rows.append(
                {
                    "table": table,
                    "row_id": row_id,
                    "document_id": document_id,
                    "source_file": files.get(str(document_id)),
                    "page": cell_int(page),
                    "text": text[:120],
                    "confidence": confidence,
                    "flags": ";".join(flags),
                    "reason": _reason(confidence, flags, threshold),
                }
            )
    rows.extend(page_review_rows(pages, files))
    if not rows and not extra:
        return empty_frame(REVIEW)
    listed = typed_frame(REVIEW, pd.DataFrame(rows)) if rows else empty_frame(REVIEW)
    listed = listed.sort_values(["confidence", "table", "row_id"], kind="stable")
    if not extra:
        return listed.reset_index(drop=True)
    first = typed_frame(REVIEW, pd.DataFrame([dict(e) for e in extra]))
    return pd.concat([first, listed], ignore_index=True)


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


def scales_by_document(risks: pd.DataFrame) -> dict[str, Scale]:
    """Given the risks table, each document's scale (re-exported for the report)."""
    return document_scales(risks)


def municipality_totals(
    documents: pd.DataFrame, risks: pd.DataFrame, controls: pd.DataFrame
) -> pd.DataFrame:
    """Given the three tables, per municipality: documents, organs, risks, controls, high risks.

    "high" counts risks whose value is at least half the document scale's
    maximum (the red band of :func:`risk_colour`).
    """
    documents = typed_frame(DOCUMENTS, documents)
    risks = typed_frame(RISKS, risks)
    controls = typed_frame(CONTROLS, controls)
    scales = document_scales(risks) if len(risks) else {}
    docs = documents.assign(_m=documents["municipality"].fillna("(okänd)").astype(str))
    municipality_of = dict(zip(docs["document_id"].astype(str), docs["_m"], strict=True))
    rows: dict[str, dict[str, int]] = {}
    for name, group in docs.groupby("_m", sort=True):
        rows[str(name)] = {
            "documents": len(group),
            "organs": int(group["organ"].dropna().nunique()),
            "risks": 0,
            "controls": 0,
            "high_risks": 0,
        }
    values = risks[["document_id", "probability", "consequence", "risk_value"]]
    for risk in values.itertuples(index=False):
        m = municipality_of.get(str(risk.document_id), "(okänd)")
        entry = rows.setdefault(
            m, {"documents": 0, "organs": 0, "risks": 0, "controls": 0, "high_risks": 0}
        )
        entry["risks"] += 1
        value = comparable_value(risk.probability, risk.consequence, risk.risk_value)
        scale = scales.get(str(risk.document_id), Scale())
        if value is not None and risk_colour(value, scale) == "red":
            entry["high_risks"] += 1
    for document_id in controls["document_id"].astype(str):
        m = municipality_of.get(document_id, "(okänd)")
        rows.setdefault(
            m, {"documents": 0, "organs": 0, "risks": 0, "controls": 0, "high_risks": 0}
        )
        rows[m]["controls"] += 1
    columns = ["municipality", "documents", "organs", "risks", "controls", "high_risks"]
    frame = pd.DataFrame(
        [{"municipality": m, **v} for m, v in sorted(rows.items())], columns=columns
    )
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
