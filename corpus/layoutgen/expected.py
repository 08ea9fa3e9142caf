"""Expected rows of a generated document, from the same records it was drawn from.

Same format as the sample corpus' ``NAME.expected.json`` (see corpus/build.py and
bench/evaluate.py), plus the family, engine, seed, split and the drawn choices.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .model import GeneratedDoc, GRisk


def risk_row(risk: GRisk, page: int | None) -> dict[str, Any]:
    """Given a risk record and its page, the expected risks row."""
    return {
        "page": page,
        "process": risk.process,
        "risk": risk.title,
        "description": risk.description,
        "risk_category": risk.category,
        "responsible": risk.owner,
        "probability": risk.probability,
        "consequence": risk.consequence,
        "risk_value": risk.risk_value,
        "risk_level": risk.stated_level,
        "existing_controls": risk.existing,
        "planned_handling": risk.decision,
        "follows_plan": risk.follows_plan,
        "comment": risk.comment,
    }


def expected_document(doc: GeneratedDoc, pages: dict[str, int], n_pages: int, *, engine: str,
                      variant: str, split: str, ocr_pages: int = 0) -> dict[str, Any]:
    """Given a composed document and the page of each mark, the expectation as a dict."""
    missing = [r.key for r in doc.risks if r.key not in pages] + [
        c.key for r in doc.risks for c in r.controls if c.key not in pages]
    if missing:
        raise ValueError(f"{doc.family} seed {doc.seed}: no page found for {missing[:5]}")
    risks: list[dict[str, Any]] = []
    controls: list[dict[str, Any]] = []
    for index, risk in enumerate(doc.risks):
        risks.append(risk_row(risk, pages[risk.key]))
        for c in risk.controls:
            controls.append({
                "risk_index": index,
                "page": pages[c.key],
                "control": c.control,
                "description": None,
                "responsible": c.responsible,
                "frequency": c.frequency,
                "method": c.method,
                "result": c.result,
                "comment": c.comment,
                "action": c.action,
            })
    m = doc.meta
    return {
        "layout": doc.family,
        "variant": variant,
        "engine": engine,
        "family": doc.family,
        "split": split,
        "seed": doc.seed,
        "document": {
            "status": "ok",
            "municipality": m.municipality,
            "municipality_code": m.municipality_code,
            "organ": m.organ,
            "year": m.year,
            "document_type": m.document_type,
            "pages": n_pages,
            "pages_ocr": ocr_pages,
        },
        "choices": doc.choices,
        "risks": risks,
        "controls": controls,
    }


def write_expected(data: dict[str, Any], path: Path) -> None:
    """Given an expectation, write it as stable, readable JSON."""
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n",
                    encoding="utf-8")
