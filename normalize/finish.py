"""The dataset-wide last step: validation flags, row confidence and risk keys.

These need more than one row at a time (a document's own scale, the same
organ's risks across years), so they run once over the mapped tables.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from riskrad.model.settings import LineageSettings
from riskrad.normalize.lineage import assign_risk_keys
from riskrad.normalize.validate import flag_controls, flag_risks, row_confidence, split_flags

Row = dict[str, Any]


def finish_dataset(
    documents: list[Row],
    risks: list[Row],
    controls: list[Row],
    lineage: LineageSettings | None = None,
) -> None:
    """Given the mapped tables, add flags, confidence and risk_key to their rows in place."""
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
            row["confidence"] = row_confidence(
                row.pop("ocr_confidence", 1.0), row.pop("repair_share", 0.0), split_flags(flag)
            )
    if controls:
        flags = flag_controls(pd.DataFrame(controls))
        for row, flag in zip(controls, flags.tolist(), strict=True):
            row["flags"] = flag or None
            row["confidence"] = row_confidence(
                row.pop("ocr_confidence", 1.0), row.pop("repair_share", 0.0), split_flags(flag)
            )
