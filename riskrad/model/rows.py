"""Typed rows: one frozen record per row of a table, its fields the table's columns.

Generated from riskrad/model/schema.py by ``python -m riskrad.model.rowgen``: do not
edit; tests/test_rows.py fails when this file and the contract differ. Every field
may be None until its stage fills it (risk_key, confidence and the theme are set by
normalize/finish.py); the contract's nullability is the schema's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from riskrad.model.contract_row import ContractRow


@dataclass(frozen=True, slots=True, kw_only=True)
class RiskRow(ContractRow):
    """One row of the ``risks`` table (meanings: schema.py, README)."""

    TABLE: ClassVar[str] = "risks"

    risk_id: str | None = None
    document_id: str | None = None
    page: int | None = None
    process: str | None = None
    risk: str | None = None
    description: str | None = None
    risk_category: str | None = None
    risk_category_canonical: str | None = None
    responsible: str | None = None
    probability: int | None = None
    consequence: int | None = None
    risk_value: int | None = None
    scale_max: int | None = None
    value_normalised: float | None = None
    risk_level: str | None = None
    existing_controls: str | None = None
    planned_handling: str | None = None
    follows_plan: bool | None = None
    comment: str | None = None
    risk_key: str | None = None
    confidence: float | None = None
    flags: str | None = None
    risk_theme: str | None = None
    risk_theme_score: float | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ControlRow(ContractRow):
    """One row of the ``controls`` table (meanings: schema.py, README)."""

    TABLE: ClassVar[str] = "controls"

    control_id: str | None = None
    risk_id: str | None = None
    document_id: str | None = None
    page: int | None = None
    control: str | None = None
    description: str | None = None
    responsible: str | None = None
    frequency: str | None = None
    method: str | None = None
    result: str | None = None
    comment: str | None = None
    action: str | None = None
    confidence: float | None = None
    flags: str | None = None
    risk_theme: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class CellRow(ContractRow):
    """One row of the ``cells`` table (meanings: schema.py, README)."""

    TABLE: ClassVar[str] = "cells"

    row_id: str | None = None
    document_id: str | None = None
    field: str | None = None
    page: int | None = None
    raw: str | None = None
    text: str | None = None
    confidence: float | None = None
    x0: float | None = None
    top: float | None = None
    x1: float | None = None
    bottom: float | None = None
    source: str | None = None
    corrected_by: str | None = None
    corrected_at: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class RepairRow(ContractRow):
    """One row of the ``repairs`` table (meanings: schema.py, README)."""

    TABLE: ClassVar[str] = "repairs"

    document_id: str | None = None
    page: int | None = None
    row_id: str | None = None
    field: str | None = None
    original: str | None = None
    repaired: str | None = None
    repair: str | None = None
    score: float | None = None
