"""Writes riskrad/model/rows.py, the typed rows, from the contract (schema.py).

``python -m riskrad.model.rowgen`` rewrites the file; tests/test_rows.py fails when
the file and the contract differ, so each column stays defined once, in schema.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pyarrow as pa

from riskrad.model.schema import TABLES, Column

ROW_CLASSES = {
    "risks": "RiskRow",
    "controls": "ControlRow",
    "cells": "CellRow",
    "repairs": "RepairRow",
}
PYTHON_TYPES = {pa.string(): "str", pa.int32(): "int", pa.float64(): "float", pa.bool_(): "bool"}
TARGET = Path(__file__).with_name("rows.py")

HEADER = '''"""Typed rows: one frozen record per row of a table, its fields the table's columns.

Generated from riskrad/model/schema.py by ``python -m riskrad.model.rowgen``: do not
edit; tests/test_rows.py fails when this file and the contract differ. Every field
may be None until its stage fills it (risk_key, confidence and the theme are set by
normalize/finish.py); the contract's nullability is the schema's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from riskrad.model.contract_row import ContractRow
'''


def field_line(column: Column) -> str:
    """Given a column, its field line: name, Python type, None default."""
    return f"    {column.name}: {PYTHON_TYPES[column.type]} | None = None"


def row_class(table: str, name: str) -> str:
    """Given a table and its class name, the class's source."""
    lines = [
        "",
        "",
        "@dataclass(frozen=True, slots=True, kw_only=True)",
        f"class {name}(ContractRow):",
        f'    """One row of the ``{table}`` table (meanings: schema.py, README)."""',
        "",
        f'    TABLE: ClassVar[str] = "{table}"',
        "",
    ]
    lines += [field_line(column) for column in TABLES[table]]
    return "\n".join(lines) + "\n"


def render() -> str:
    """Given the contract, the source of rows.py."""
    return HEADER + "".join(row_class(t, n) for t, n in ROW_CLASSES.items())


def main() -> None:
    """Given nothing, rows.py rewritten from the contract (or its path with --check when
    it differs)."""
    if "--check" in sys.argv[1:]:
        sys.exit(0 if TARGET.read_text("utf-8") == render() else f"{TARGET} is out of date")
    TARGET.write_text(render(), "utf-8")


if __name__ == "__main__":
    main()
