"""An auditor's corrections (``corrections.csv``), applied to every run.

A correction names its row by the document's sha256, the table, the row's page
and a fingerprint of the row's text, not by its ordinal: when extraction
improves and rows are renumbered, split or re-read, the correction still finds
its row, or finds none and says so (it is then reported, never applied to
another row).  See the README ("Corrections") for the file format.

Matching: among the document's rows of the table on the correction's page (on
the pages next to it when that page has none), the row whose fingerprint is
most similar (difflib ratio, at least :data:`MATCH_THRESHOLD`); a tie is broken
by the row id the correction was made on, else the correction is orphaned.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from riskrad.model.contract_row import ContractRow, Row
from riskrad.model.errors import UsageError
from riskrad.model.records import Provenance
from riskrad.model.rows import CellRow, ControlRow, RepairRow, RiskRow
from riskrad.model.schema import CONTROL_TEXT_FIELDS, RISK_INT_FIELDS, RISK_TEXT_FIELDS

COLUMNS: tuple[str, ...] = (
    "sha256",
    "table",
    "page",
    "row_id",
    "fingerprint",
    "action",
    "field",
    "value",
    "corrected_by",
    "corrected_at",
    "note",
)
ACTIONS: tuple[str, ...] = ("accept", "set", "not_risk", "add")
EDITABLE: dict[str, tuple[str, ...]] = {
    "risks": (*RISK_TEXT_FIELDS, *RISK_INT_FIELDS, "follows_plan"),
    "controls": CONTROL_TEXT_FIELDS,
}
MAIN_TEXT: dict[str, tuple[str, ...]] = {
    "risks": ("risk", "description", "process"),
    "controls": ("control", "description"),
}
ID_COLUMN = {"risks": "risk_id", "controls": "control_id"}
ROW_TYPES: dict[str, type[ContractRow]] = {"risks": RiskRow, "controls": ControlRow}
MATCH_THRESHOLD = 0.8
TIE_MARGIN = 0.02
FINGERPRINT_CHARS = 80
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_BOOLS = {"ja": True, "nej": False, "true": True, "false": False, "1": True, "0": False}


@dataclass(frozen=True, slots=True)
class Correction:
    """One line of a corrections file."""

    line: int
    sha256: str
    table: str
    page: int
    row_id: str
    fingerprint: str
    action: str
    field: str
    value: Any
    corrected_by: str
    corrected_at: str

    @property
    def document_id(self) -> str:
        return self.sha256[:16]

    def describe(self) -> str:
        """Given the correction, a short description for logs."""
        what = f"{self.action} {self.field}".strip()
        return f"line {self.line}: {what} on {self.table} {self.row_id or '?'} page {self.page}"


@dataclass
class CorrectionReport:
    """What applying a corrections file did in one run."""

    applied: list[Correction] = field(default_factory=list)
    orphaned: list[tuple[Correction, str]] = field(default_factory=list)
    not_in_run: list[Correction] = field(default_factory=list)
    checked: set[str] = field(default_factory=set)  # row ids an auditor accepted or corrected
    removed: set[str] = field(default_factory=set)  # row ids marked not a risk

    def log_lines(self) -> list[str]:
        """Given the report, its lines for run.log."""
        lines = [
            f"corrections: {len(self.applied)} applied, {len(self.orphaned)} orphaned, "
            f"{len(self.not_in_run)} for documents not in this run"
        ]
        lines += [f"  orphaned: {c.describe()}: {why}" for c, why in self.orphaned]
        lines += [f"  not in this run: {c.describe()}" for c in self.not_in_run]
        return lines


class _CombiningDropped(dict[int, int | None]):
    """A str.translate table that deletes combining characters and keeps the rest, filled
    as characters are met."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_WITHOUT_COMBINING = _CombiningDropped()


def fingerprint(text: str | None) -> str:
    """Given a row's main text, its fingerprint: casefolded letters and digits, å/ä/ö folded,
    single spaces, the first 80 characters."""
    if not text:
        return ""
    folded = unicodedata.normalize("NFKD", text.casefold())
    plain = folded if folded.isascii() else folded.translate(_WITHOUT_COMBINING)
    return " ".join(re.findall(r"[a-z0-9]+", plain))[:FINGERPRINT_CHARS]


def row_fingerprint(table: str, row: Mapping[str, Any]) -> str:
    """Given a table and one of its rows, the row's fingerprint (its first non-empty main text)."""
    for name in MAIN_TEXT[table]:
        value = row.get(name)
        if isinstance(value, str) and value.strip():
            return fingerprint(value)
    return ""


def _value(table: str, name: str, text: str) -> Any:
    """Given a field and the value text of a correction, the typed value; ValueError if bad."""
    text = text.strip()
    if not text:
        return None
    if name in RISK_INT_FIELDS and table == "risks":
        if not re.fullmatch(r"-?\d+", text):
            raise ValueError(f"{name} must be a whole number, got {text!r}")
        return int(text)
    if name == "follows_plan":
        if text.casefold() not in _BOOLS:
            raise ValueError(f"follows_plan must be Ja/Nej (or true/false), got {text!r}")
        return _BOOLS[text.casefold()]
    return " ".join(text.split())


def _parse_line(number: int, raw: Mapping[str, str | None]) -> Correction:
    """Given a line number and a csv.DictReader row, the correction; ValueError if bad."""
    get = {k: (raw.get(k) or "").strip() for k in COLUMNS}
    sha = get["sha256"].lower()
    if not _SHA256.match(sha):
        raise ValueError(f"sha256 must be 64 hex digits, got {get['sha256']!r}")
    table = get["table"]
    if table not in EDITABLE:
        raise ValueError(f"table must be risks or controls, got {table!r}")
    action = get["action"]
    if action not in ACTIONS:
        raise ValueError(f"action must be one of {', '.join(ACTIONS)}, got {action!r}")
    if action == "not_risk" and table != "risks":
        raise ValueError("not_risk applies to risks only")
    if not re.fullmatch(r"\d+", get["page"]) or int(get["page"]) < 1:
        raise ValueError(f"page must be a page number (1, 2, ...), got {get['page']!r}")
    name = get["field"]
    if action in ("set", "add"):
        if name not in EDITABLE[table]:
            allowed = ", ".join(EDITABLE[table])
            raise ValueError(f"field {name!r} cannot be set in {table}; one of: {allowed}")
        value = _value(table, name, raw.get("value") or "")
    elif name:
        raise ValueError(f"{action} takes no field, got {name!r}")
    else:
        value = None
    if action != "add" and not get["fingerprint"]:
        raise ValueError(f"{action} needs the row's fingerprint")
    if action == "add" and not get["row_id"]:
        raise ValueError("add needs a row_id naming the added row (e.g. new-1)")
    return Correction(
        number,
        sha,
        table,
        int(get["page"]),
        get["row_id"],
        get["fingerprint"],
        action,
        name,
        value,
        get["corrected_by"],
        get["corrected_at"],
    )


def parse_corrections(text: str, source: str = "corrections.csv") -> list[Correction]:
    """Given a corrections file's text, its corrections; a UsageError listing every bad line."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = reader.fieldnames or []
    missing = [c for c in COLUMNS if c not in header and c != "note"]
    if missing:
        raise UsageError(f"{source} line 1: missing column(s) {', '.join(missing)}")
    out: list[Correction] = []
    errors: list[str] = []
    for raw in reader:
        number = reader.line_num
        if not any((v or "").strip() for v in raw.values() if isinstance(v, str)):
            continue
        if None in raw:
            errors.append(f"{source} line {number}: more fields than the header has")
            continue
        try:
            out.append(_parse_line(number, raw))
        except ValueError as exc:
            errors.append(f"{source} line {number}: {exc}")
    errors += _check_adds(out, source)
    if errors:
        raise UsageError("bad corrections file:\n  " + "\n  ".join(errors))
    return out


def _check_adds(corrections: Sequence[Correction], source: str) -> list[str]:
    """Given the corrections, an error for each added row whose lines disagree on place."""
    first: dict[tuple[str, str], Correction] = {}
    errors = []
    for c in corrections:
        if c.action != "add":
            continue
        seen = first.setdefault((c.sha256, c.row_id), c)
        if (seen.table, seen.page) != (c.table, c.page):
            errors.append(
                f"{source} line {c.line}: added row {c.row_id!r} was on {seen.table} page "
                f"{seen.page} at line {seen.line}"
            )
    return errors


def read_corrections(path: Path) -> list[Correction]:
    """Given the path of a corrections file, its corrections (UsageError when unusable)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read corrections file {str(path)!r}: {exc}") from exc
    return parse_corrections(text, path.name)


def find_row(correction: Correction, rows: Sequence[Row], table: str) -> tuple[Row | None, str]:
    """Given a correction and its document's rows of its table, the row it names, or None and
    why not."""
    id_column = ID_COLUMN[table]
    for pages in ({correction.page}, {correction.page - 1, correction.page + 1}):
        candidates = [r for r in rows if r.get("page") in pages]
        if not candidates:
            continue
        scored = sorted(
            (
                (
                    SequenceMatcher(
                        None, correction.fingerprint, row_fingerprint(table, r)
                    ).ratio(),
                    r,
                )
                for r in candidates
            ),
            key=lambda pair: -pair[0],
        )
        best_score = scored[0][0]
        if best_score < MATCH_THRESHOLD:
            continue
        best = [r for score, r in scored if best_score - score <= TIE_MARGIN]
        if len(best) == 1:
            return best[0], ""
        hinted = [r for r in best if r.get(id_column) == correction.row_id]
        if len(hinted) == 1:
            return hinted[0], ""
        return None, f"{len(best)} rows on page {correction.page} match equally well"
    return None, (
        f"no row on page {correction.page} (or the pages next to it) has text like "
        f"{correction.fingerprint[:40]!r}"
    )


def _set_cell(cells: list[CellRow], row: Row, table: str, correction: Correction) -> None:
    """Given the cells, a row and a set/add correction, the field's cell marked manual (the
    cell replaced in the list, or added)."""
    row_id = row[ID_COLUMN[table]]
    value = correction.value
    text = None if value is None else str(value)
    if isinstance(value, bool):
        text = "Ja" if value else "Nej"
    manual: dict[str, Any] = {
        "text": text,
        "source": "manual",
        "corrected_by": correction.corrected_by or None,
        "corrected_at": correction.corrected_at or None,
    }
    for index, cell in enumerate(cells):
        if cell.row_id == row_id and cell.field == correction.field:
            cells[index] = cell.but(**manual)
            return
    cells.append(
        CellRow(
            row_id=row_id,
            document_id=row["document_id"],
            field=correction.field,
            page=row.get("page"),
            raw=None,
            confidence=None,
            **manual,
        )
    )


def _new_row(table: str, document_id: str, ordinal: int, page: int) -> Row:
    """Given a table, a document and an ordinal, an empty manual row (id ``…-rm001``)."""
    letter = "r" if table == "risks" else "c"
    row: Row = {
        ID_COLUMN[table]: f"{document_id}-{letter}m{ordinal:03d}",
        "document_id": document_id,
        "page": page,
    }
    if table == "controls":
        row["risk_id"] = None
    for name in EDITABLE[table]:
        row[name] = None
    return row


def apply_corrections(
    corrections: Iterable[Correction],
    documents: Sequence[Row],
    tables: Mapping[str, list[Any]],
    cells: list[CellRow],
    repairs: list[RepairRow] | None = None,
    provenance: dict[str, Provenance] | None = None,
) -> CorrectionReport:
    """Given the corrections and a run's rows (typed risks and controls by table, cells,
    repairs, provenance; before validation), the rows corrected (each table's list holds
    the corrected rows; an added row's provenance is "manual") and the report of what was
    applied and what was orphaned.  Lines apply in file order: a later line for one field
    wins."""
    editable = {table: [dict(row) for row in rows] for table, rows in tables.items()}
    report = edit_rows(corrections, documents, editable, cells, repairs, provenance)
    for table, rows in editable.items():
        tables[table][:] = [ROW_TYPES[table].from_mapping(row) for row in rows]
    return report


def edit_rows(
    corrections: Iterable[Correction],
    documents: Sequence[Row],
    tables: Mapping[str, list[Row]],
    cells: list[CellRow],
    repairs: list[RepairRow] | None,
    provenance: dict[str, Provenance] | None,
) -> CorrectionReport:
    """Given the corrections and a run's rows as plain dicts by table, the dicts corrected in
    place and the report (see :func:`apply_corrections`)."""
    report = CorrectionReport()
    manual: set[int] = set()
    in_run = {str(d.get("sha256")) for d in documents if d.get("sha256")}
    by_document: dict[tuple[str, str], list[Row]] = {}
    for table, rows in tables.items():
        for row in rows:
            by_document.setdefault((table, str(row["document_id"])), []).append(row)
    added: dict[tuple[str, str], Row] = {}
    for correction in corrections:
        if correction.sha256 not in in_run:
            report.not_in_run.append(correction)
            continue
        table = correction.table
        rows = by_document.setdefault((table, correction.document_id), [])
        if correction.action == "add":
            key = (correction.sha256, correction.row_id)
            if key not in added:
                ordinal = sum(id(r) in manual for r in rows) + 1
                added[key] = _new_row(table, correction.document_id, ordinal, correction.page)
                row_id = str(added[key][ID_COLUMN[table]])
                if provenance is not None:
                    provenance[row_id] = Provenance(row_id, "manual")
                manual.add(id(added[key]))
                tables[table].append(added[key])
                rows.append(added[key])
            _apply_one(correction, added[key], table, cells, report)
            continue
        found, why = find_row(correction, [r for r in rows if id(r) not in manual], table)
        if found is None:
            report.orphaned.append((correction, why))
            continue
        _apply_one(correction, found, table, cells, report)
    _remove(report.removed, tables, cells, repairs if repairs is not None else [])
    report.checked -= report.removed
    return report


def _apply_one(
    correction: Correction, row: Row, table: str, cells: list[CellRow], report: CorrectionReport
) -> None:
    """Given a correction and the row it found, the row changed and the report updated."""
    row_id = str(row[ID_COLUMN[table]])
    if correction.action == "not_risk":
        report.removed.add(row_id)
    elif correction.action in ("set", "add"):
        row[correction.field] = correction.value
        _set_cell(cells, row, table, correction)
        report.checked.add(row_id)
    else:
        report.checked.add(row_id)
    report.applied.append(correction)


def _remove(
    removed: set[str],
    tables: Mapping[str, list[Row]],
    cells: list[CellRow],
    repairs: list[RepairRow],
) -> None:
    """Given the ids marked not a risk, those rows, their cells and repairs dropped, their
    controls unlinked, in place."""
    if not removed:
        return
    tables["risks"][:] = [r for r in tables["risks"] if r["risk_id"] not in removed]
    for control in tables.get("controls", []):
        if control.get("risk_id") in removed:
            control["risk_id"] = None
    cells[:] = [c for c in cells if c["row_id"] not in removed]
    repairs[:] = [r for r in repairs if r["row_id"] not in removed]


def mark_cell_sources(cells: list[CellRow], pages: Sequence[Row]) -> None:
    """Given the cells and the pages table, each cell's source: its page's route (text, ocr);
    each cell replaced in the list."""
    route = {(str(p["document_id"]), p["page"]): p.get("route") for p in pages}
    for index, cell in enumerate(cells):
        if cell.source != "manual":
            source = route.get((str(cell.document_id), cell.page))
            if source != cell.source:
                cells[index] = cell.but(source=source)


def mark_checked(report: CorrectionReport, tables: Mapping[str, list[Any]]) -> None:
    """Given the report and the finished typed rows, confidence 1 for every row an auditor
    checked (the row replaced in its list)."""
    for table, rows in tables.items():
        for index, row in enumerate(rows):
            if row[ID_COLUMN[table]] in report.checked:
                rows[index] = row.but(confidence=1.0)


def orphan_review_rows(report: CorrectionReport, files: Mapping[str, str]) -> list[Row]:
    """Given the report and each document id's file, one review row per orphaned correction."""
    return [
        {
            "table": c.table,
            "row_id": f"{c.row_id or c.document_id}@line{c.line}",  # never a row of this run
            "document_id": c.document_id,
            "source_file": files.get(c.document_id),
            "page": c.page,
            "text": c.fingerprint[:120] or None,
            "confidence": None,
            "flags": "",
            "reason": f"correction at line {c.line} ({c.action} {c.field}".rstrip()
            + f") no longer finds its row: {why}; check it and correct again",
        }
        for c, why in report.orphaned
    ]
