"""Mapping raw risks and controls to the contract's rows, repairing every text field.

Each text field goes through the repair chain; the raw text is kept beside
the repaired text (the ``cells`` table) and every change is logged (the
``repairs`` table), so an auditor can see how a value came to be. How each row
was read (its layout rule, OCR confidence, repair share) is its Provenance,
kept beside the row, not in it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from riskrad.model.contract_row import Row
from riskrad.model.records import Cell, LayoutResult, Provenance, RawControl, RawRisk
from riskrad.model.rows import CellRow, ControlRow, RepairRow, RiskRow
from riskrad.model.schema import CONTROL_TEXT_FIELDS, RISK_INT_FIELDS, RISK_TEXT_FIELDS
from riskrad.normalize.levels import stated_level
from riskrad.normalize.repair.lines import join_words_written_whole, words_written_whole
from riskrad.normalize.repair.model import Change, Repaired
from riskrad.normalize.values import (
    clean_text,
    parse_bool,
    parse_int,
    parse_risk_value,
    strip_continued_mark,
    strip_footnote_mark,
)

RepairFn = Callable[[str], Repaired]

WORDED_FIELDS = ("probability", "consequence")  # fields stated as a scale's word and number
LEVEL_WORD = re.compile(r"[^\W\d_]{3,}")  # a word of a level's name ("Mycket", "sällan")


def level_words(text: str) -> str:
    """Given a value cell's text, its words of three letters or more, folded, in order
    ("Mycket sällan (1)": "mycket sällan"): the scale step's name."""
    return " ".join(w.casefold() for w in LEVEL_WORD.findall(text))


def word_values(risks: Sequence[RawRisk]) -> dict[tuple[str, str], int]:
    """Given a document's raw risks, for S and K the number each step's name stands for where
    the document states it with its number ("Mycket sällan (1)") and always the same one: a
    scan's OCR drops a thin "1" between brackets ("Mycket sällan ()"), the name still tells."""
    seen: dict[tuple[str, str], set[int]] = {}
    for risk in risks:
        for name in WORDED_FIELDS:
            cell = risk.fields.get(name)
            if cell is None:
                continue
            key = level_words(cell.raw)
            number = cell.number if cell.number is not None else parse_int(cell.raw)
            if key and number is not None:
                seen.setdefault((name, key), set()).add(number)
    return {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}


@dataclass(frozen=True, slots=True)
class MappedRows:
    """A document's contract rows plus the audit trail of how their text was made, and each
    risk's and control's provenance."""

    risks: list[RiskRow]
    controls: list[ControlRow]
    cells: list[CellRow]
    repairs: list[RepairRow]
    provenance: list[Provenance]


@dataclass
class Mapper:
    """Maps one document's raw records, numbering rows and logging repairs."""

    document_id: str
    repair: RepairFn
    cells: list[CellRow]
    repairs: list[RepairRow]
    whole_words: frozenset[str] = frozenset()
    worded: dict[tuple[str, str], int] | None = None  # word_values of the document

    def text(self, row_id: str, name: str, cell: Cell | None) -> tuple[str | None, float]:
        """Given a raw cell, its repaired contract text and the share of words repair changed."""
        if cell is None:
            return None, 0.0
        whole, joined = join_words_written_whole(cell.raw, self.whole_words)
        repaired = self.repair(whole)
        value, mark = strip_footnote_mark(clean_text(repaired.text))
        changes = [*joined, *repaired.changes]
        if mark and value is not None:  # the mark's place in the cleaned text
            end = len(value) + len(mark)
            changes.append(Change(len(value), end, mark, "", "footnote_mark", 1.0))
        if name == "process":  # "Ekonomi (forts.)": the area goes on from the page before
            kept, continued = strip_continued_mark(value)
            if continued and kept is not None and value is not None:
                at = 0 if value.startswith(continued) else len(kept)
                changes.append(Change(at, at + len(continued), continued, "", "continued_mark",
                                      1.0))
                value = kept
        for change in changes:
            self.repairs.append(
                RepairRow(
                    document_id=self.document_id,
                    page=cell.page,
                    row_id=row_id,
                    field=name,
                    original=change.original,
                    repaired=change.repaired,
                    repair=change.repair,
                    score=float(change.score),
                )
            )
        box = cell.bbox
        self.cells.append(
            CellRow(
                row_id=row_id,
                document_id=self.document_id,
                field=name,
                page=cell.page,
                raw=cell.raw,
                text=value,
                confidence=cell.confidence,
                x0=None if box is None else box.x0,
                top=None if box is None else box.top,
                x1=None if box is None else box.x1,
                bottom=None if box is None else box.bottom,
            )
        )
        words = max(len(cell.raw.split()), 1)
        damage = sum(1 for c in repaired.changes if c.original.strip())  # not mere line breaks
        return value, min(damage / words, 1.0)

    def confidence(self, fields: dict[str, Cell]) -> float:
        """Given a row's cells, their mean word confidence weighted by text length."""
        total = sum(len(c.raw) for c in fields.values())
        if total == 0:
            return 1.0
        return sum(c.confidence * len(c.raw) for c in fields.values()) / total

    def risk(self, raw: RawRisk, ordinal: int) -> tuple[RiskRow, Provenance]:
        """Given a raw risk and its ordinal, its contract row and its provenance."""
        risk_id = f"{self.document_id}-r{ordinal:03d}"
        row: Row = {"risk_id": risk_id, "document_id": self.document_id, "page": raw.page}
        shares = []
        for name in RISK_TEXT_FIELDS:
            row[name], share = self.text(risk_id, name, raw.fields.get(name))
            shares.append(share)
        for name in RISK_INT_FIELDS:
            cell = raw.fields.get(name)
            parse = parse_risk_value if name == "risk_value" else parse_int
            if cell is not None and cell.number is not None:
                row[name] = cell.number
            else:
                row[name] = parse(cell.raw if cell else None)
            if row[name] is None and cell is not None and self.worded:
                row[name] = self.worded.get((name, level_words(cell.raw)))
            if cell is not None:
                self.text(risk_id, name, cell)
        value_cell = raw.fields.get("risk_value")
        if value_cell is not None:
            row["risk_level"] = stated_level(value_cell.raw)  # "Hög", "12 (Hög)"
        follows = raw.fields.get("follows_plan")
        row["follows_plan"] = parse_bool(follows.raw if follows else None)
        share = max(shares, default=0.0)
        made = Provenance(risk_id, raw.layout, self.confidence(raw.fields), share)
        return RiskRow(**row), made

    def control(
        self, raw: RawControl, ordinal: int, risk_id: str | None
    ) -> tuple[ControlRow, Provenance]:
        """Given a raw control, its ordinal and its risk's id, its contract row and provenance."""
        control_id = f"{self.document_id}-c{ordinal:03d}"
        row: Row = {
            "control_id": control_id,
            "risk_id": risk_id,
            "document_id": self.document_id,
            "page": raw.page,
        }
        shares = []
        for name in CONTROL_TEXT_FIELDS:
            row[name], share = self.text(control_id, name, raw.fields.get(name))
            shares.append(share)
        share = max(shares, default=0.0)
        made = Provenance(control_id, raw.layout, self.confidence(raw.fields), share)
        return ControlRow(**row), made


def map_rows(result: LayoutResult, document_id: str, repair: RepairFn) -> MappedRows:
    """Given a document's layout result, its risks and controls as contract rows."""
    raws = [c for r in result.risks for c in r.fields.values()] + [
        c for r in result.risks for k in r.controls for c in k.fields.values()
    ] + [c for k in result.orphan_controls for c in k.fields.values()]
    whole = words_written_whole([c.raw for c in raws])
    mapper = Mapper(document_id, repair, [], [], whole, word_values(result.risks))
    risks: list[RiskRow] = []
    controls: list[ControlRow] = []
    provenance: list[Provenance] = []
    for raw_risk in result.risks:
        row, made = mapper.risk(raw_risk, len(risks) + 1)
        risks.append(row)
        provenance.append(made)
        for raw_control in raw_risk.controls:
            control, made = mapper.control(raw_control, len(controls) + 1, row.risk_id)
            controls.append(control)
            provenance.append(made)
    for raw_control in result.orphan_controls:
        control, made = mapper.control(raw_control, len(controls) + 1, None)
        controls.append(control)
        provenance.append(made)
    return MappedRows(risks, controls, mapper.cells, mapper.repairs, provenance)
