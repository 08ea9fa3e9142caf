"""The dataset-wide last step: validation flags, row confidence and risk keys.

These need more than one row at a time (a document's own scale, the same
organ's risks across years), so they run once over the mapped tables.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from riskrad.model.records import Provenance
from riskrad.model.settings import LineageSettings
from riskrad.normalize.categories import canonical_category
from riskrad.normalize.levels import normalised_value, parse_bands, risk_level
from riskrad.normalize.lineage import assign_risk_keys
from riskrad.normalize.organs import canonical_organ
from riskrad.normalize.themes import assign_themes
from riskrad.normalize.validate import (
    Scale,
    document_scales,
    flag_controls,
    flag_risks,
    row_confidence,
    split_flags,
)

Row = dict[str, Any]


def canonicalise_organs(documents: list[Row]) -> None:
    """Given the documents rows, their organ made canonical and its organ_type set, in place."""
    for row in documents:
        organ = canonical_organ(row.get("organ"))
        row["organ"] = organ.organ if organ else None
        row["organ_type"] = organ.organ_type if organ else None


def _int(value: Any) -> int | None:
    """Given a row value, its int or None."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def add_levels(documents: list[Row], risks: list[Row], scales: dict[str, Scale]) -> None:
    """Given the rows and each document's scale, every risk's scale_max, normalised value
    and risk_level (the document's stated bands, else the rule), in place."""
    bands = {str(d.get("document_id")): parse_bands(d.get("risk_levels")) for d in documents}
    for row in risks:
        document_id = str(row["document_id"])
        scale = scales.get(document_id, Scale())
        s, k, r = (_int(row.get(n)) for n in ("probability", "consequence", "risk_value"))
        value = r
        if value is None and s is not None and k is not None:
            value = scale.combined(s, k)
        row["scale_max"] = scale.high
        row["value_normalised"] = normalised_value(value, scale.max_value)
        row["risk_level"] = risk_level(value, scale.max_value, bands.get(document_id, ()))


def confidence(row: Row, id_column: str, flag: str, made: Mapping[str, Provenance]) -> float:
    """Given a row, its id column, its flags and every row's provenance, the row's confidence
    (a row without provenance counts as read from the text layer, unrepaired)."""
    provenance = made.get(str(row[id_column])) or Provenance(str(row[id_column]), "unknown")
    return row_confidence(provenance.ocr_confidence, provenance.repair_share, split_flags(flag))


def finish_dataset(
    documents: list[Row],
    risks: list[Row],
    controls: list[Row],
    lineage: LineageSettings | None = None,
    provenance: Mapping[str, Provenance] | None = None,
) -> list[Row]:
    """Given the mapped tables (and each row's provenance by row id), add canonical organs,
    flags, confidence, risk_key, risk levels, theme and canonical category to their rows in
    place; the themes' evidence rows (the theme_evidence audit table)."""
    made = provenance or {}
    canonicalise_organs(documents)
    if risks:
        risk_frame = pd.DataFrame(risks)
        doc_frame = pd.DataFrame(documents)
        for column in ("municipality", "municipality_code", "organ", "year"):
            if column not in doc_frame:
                doc_frame[column] = None
        flags = flag_risks(risk_frame)
        keys = assign_risk_keys(risk_frame, doc_frame, lineage)
        for row, flag, key in zip(risks, flags.tolist(), keys.tolist(), strict=True):
            row["flags"] = flag or None
            row["risk_key"] = key
            row["confidence"] = confidence(row, "risk_id", flag, made)
        add_levels(documents, risks, document_scales(risk_frame))
    for row in risks:
        row["risk_category_canonical"] = canonical_category(row.get("risk_category"))
    evidence = assign_themes(risks, controls)
    if controls:
        flags = flag_controls(pd.DataFrame(controls))
        for row, flag in zip(controls, flags.tolist(), strict=True):
            row["flags"] = flag or None
            row["confidence"] = confidence(row, "control_id", flag, made)
    return evidence
