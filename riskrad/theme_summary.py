"""The theme_summary view: risks per municipality, organ type, year and theme.

It answers questions such as "how many municipalities rate procurement risks
high, and how did that change since 2020?" straight from one table. Risks are
counted once per organ and year: where an organ has several documents in a year
(a plan and its follow-up), the one that stands for the year in ``risk_changes``
stands for it here too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from riskrad.model.schema import DOCUMENTS, RISKS, THEME_SUMMARY
from riskrad.views import Record, _typed, missing_last, organ_risks, records_frame, typed_records

if TYPE_CHECKING:
    import pandas as pd

HIGH_LEVELS = ("high", "very high")
KEYS = ["municipality", "municipality_code", "organ_type", "year", "risk_theme"]


def group_mean(values: list[float]) -> float | None:
    """Given a group's values (missing ones left out), their mean as pandas' grouped mean
    computes it (Kahan-compensated sum over the count); None for no values."""
    total = compensation = 0.0
    for value in values:
        y = value - compensation
        t = total + y
        compensation = t - total - y
        if compensation != compensation:  # an infinite value: keep the sum infinite
            compensation = 0.0
        total = t
    return total / len(values) if values else None


def round4(value: float | None) -> float | None:
    """Given a float (or None), it rounded to 4 decimals as numpy rounds: x·10⁴ rounded half
    to even, over 10⁴."""
    if value is None or value != value:
        return None
    return round(value * 10000.0) / 10000.0


def theme_rows(chosen: list[Record], documents: list[Record]) -> list[Record]:
    """Given the risks ``organ_risks`` chose (with risk_theme and levels) and the typed
    document rows, the THEME_SUMMARY rows, sorted by their keys (missing values last)."""
    organ_types: dict[object, object] = {}
    for doc in documents:  # the same file twice gives two documents rows with one id
        organ_types.setdefault(doc["document_id"], doc["organ_type"])
    groups: dict[tuple[Any, ...], list[Record]] = {}
    for row in chosen:
        key = tuple(
            organ_types.get(row["document_id"]) if name == "organ_type" else row[name]
            for name in KEYS
        )
        groups.setdefault(key, []).append(row)
    out: list[dict[str, object]] = []
    for key in sorted(groups, key=lambda k: tuple(missing_last(v) for v in k)):
        rows = groups[key]
        levels = [r["risk_level"] for r in rows]
        values = [float(r["value_normalised"]) for r in rows if r["value_normalised"] is not None]
        out.append(
            dict(zip(KEYS, key, strict=True))
            | {
                "risks": len(rows),
                "risks_high": sum(level in HIGH_LEVELS for level in levels),
                "risks_with_level": sum(level is not None for level in levels),
                "mean_value_normalised": round4(group_mean(values)),
            }
        )
    return typed_records(THEME_SUMMARY, out)


def theme_summary(risks: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Given risks (with risk_key, risk_theme) and documents frames, the THEME_SUMMARY frame
    (see :func:`theme_rows`)."""
    typed_risks = _typed(RISKS, risks)
    typed_documents = _typed(DOCUMENTS, documents)
    if not typed_risks or not typed_documents:
        return records_frame(THEME_SUMMARY, [])
    return records_frame(
        THEME_SUMMARY, theme_rows(organ_risks(typed_risks, typed_documents), typed_documents)
    )
