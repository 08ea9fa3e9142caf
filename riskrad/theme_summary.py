"""The theme_summary view: risks per municipality, organ type, year and theme.

It answers questions such as "how many municipalities rate procurement risks
high, and how did that change since 2020?" straight from one table. Risks are
counted once per organ and year: where an organ has several documents in a year
(a plan and its follow-up), the one that stands for the year in ``risk_changes``
stands for it here too.
"""

from __future__ import annotations

import pandas as pd

from riskrad.model.schema import DOCUMENTS, RISKS, THEME_SUMMARY
from riskrad.views import empty_frame, organ_risks, typed_frame

HIGH_LEVELS = ("high", "very high")
KEYS = ["municipality", "municipality_code", "organ_type", "year", "risk_theme"]


def theme_summary(
    risks: pd.DataFrame, documents: pd.DataFrame, chosen: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Given risks (with risk_key, risk_theme) and documents (and their ``organ_risks`` when
    found already), the THEME_SUMMARY frame."""
    risks = typed_frame(RISKS, risks)
    documents = typed_frame(DOCUMENTS, documents)
    if risks.empty or documents.empty:
        return empty_frame(THEME_SUMMARY)
    chosen = organ_risks(risks, documents) if chosen is None else chosen.copy()
    if chosen.empty:
        return empty_frame(THEME_SUMMARY)
    # the same file twice in a folder gives two documents rows with one document_id
    organ_types = documents.drop_duplicates("document_id").set_index("document_id")["organ_type"]
    chosen["organ_type"] = chosen["document_id"].map(organ_types)
    chosen["_high"] = chosen["risk_level"].isin(HIGH_LEVELS)
    chosen["_with_level"] = chosen["risk_level"].notna()
    grouped = chosen.groupby(KEYS, dropna=False, sort=True).agg(
        risks=("risk_id", "size"),
        risks_high=("_high", "sum"),
        risks_with_level=("_with_level", "sum"),
        mean_value_normalised=("value_normalised", "mean"),
    )
    frame = grouped.reset_index()
    frame["mean_value_normalised"] = frame["mean_value_normalised"].astype(float).round(4)
    return typed_frame(THEME_SUMMARY, frame[[c.name for c in THEME_SUMMARY]])
