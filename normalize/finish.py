"""The dataset-wide last step: validation flags, row confidence and risk keys.

These need more than one row at a time (a document's own scale, the same
organ's risks across years), so they run once over the mapped tables. Risks and
controls are frozen rows: each is replaced in its list by its finished copy.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from riskrad.model.contract_row import Row, plain_rows
from riskrad.model.records import Provenance
from riskrad.model.rows import ControlRow, RiskRow
from riskrad.model.settings import LineageSettings
from riskrad.normalize.categories import canonical_category
from riskrad.normalize.levels import normalised_value, parse_bands, risk_level
from riskrad.normalize.lineage import risk_keys
from riskrad.normalize.organs import canonical_organ
from riskrad.normalize.themes import assign_themes
from riskrad.normalize.validate import (
    Scale,
    control_flags,
    document_scales,
    risk_flags,
    row_confidence,
    split_flags,
)


def canonicalise_organs(documents: list[Row]) -> None:
    """Given the documents rows, their organ made canonical and its organ_type set, in place."""
    for row in documents:
        organ = canonical_organ(row.get("organ"))
        row["organ"] = organ.organ if organ else None
        row["organ_type"] = organ.organ_type if organ else None


def _int(value: Any) -> int | None:
    """Given a row value, its int or None."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def add_levels(documents: list[Row], risks: list[RiskRow], scales: dict[str, Scale]) -> None:
    """Given the rows and each document's scale, every risk's scale_max, normalised value
    and risk_level (the level word the risk value cell holds, else the document's stated
    bands, else the rule), each risk replaced in its list."""
    bands = {str(d.get("document_id")): parse_bands(d.get("risk_levels")) for d in documents}
    for index, row in enumerate(risks):
        document_id = str(row.document_id)
        scale = scales.get(document_id, Scale())
        s, k, r = (_int(v) for v in (row.probability, row.consequence, row.risk_value))
        value = r
        if value is None and s is not None and k is not None:
            value = scale.combined(s, k)
        risks[index] = row.but(
            scale_max=scale.high,
            value_normalised=normalised_value(value, scale.max_value),
            risk_level=row.risk_level  # the document's own word for this risk's level
            or risk_level(value, scale.max_value, bands.get(document_id, ())),
        )


def confidence(row_id: str, flag: str, made: Mapping[str, Provenance]) -> float:
    """Given a row's id, its flags and every row's provenance, the row's confidence (a row
    without provenance counts as read from the text layer, unrepaired)."""
    provenance = made.get(row_id) or Provenance(row_id, "unknown")
    return row_confidence(provenance.ocr_confidence, provenance.repair_share, split_flags(flag))


def finish_dataset(
    documents: list[Row],
    risks: list[RiskRow],
    controls: list[ControlRow],
    lineage: LineageSettings | None = None,
    provenance: Mapping[str, Provenance] | None = None,
    themes: Mapping[str, Sequence[Any]] | None = None,
) -> list[Row]:
    """Given the mapped tables (and each row's provenance by row id), add canonical organs
    to the documents in place, and flags, confidence, risk_key, risk levels, theme and
    canonical category to each risk and control (replaced in its list); the themes'
    evidence rows (the theme_evidence audit table). ``themes``: risks' themes found already,
    by text (normalize/themes.py: themes_by_text)."""
    made = provenance or {}
    canonicalise_organs(documents)
    if risks:
        risk_rows = plain_rows(risks)
        flags = risk_flags(risk_rows)
        keys = risk_keys(risk_rows, documents, lineage)
        for index, (flag, key) in enumerate(zip(flags, keys, strict=True)):
            row = risks[index]
            risks[index] = row.but(
                flags=flag or None,
                risk_key=key,
                confidence=confidence(str(row.risk_id), flag, made),
                risk_category_canonical=canonical_category(row.risk_category),
            )
        add_levels(documents, risks, document_scales(risk_rows))
    evidence = assign_themes(risks, controls, themes)
    if controls:
        for index, flag in enumerate(control_flags(controls)):
            control = controls[index]
            controls[index] = control.but(
                flags=flag or None, confidence=confidence(str(control.control_id), flag, made)
            )
    return evidence
