"""The base of the typed rows (riskrad/model/rows.py): a frozen record of one table's
contract columns that also reads as a mapping of column name to value.

Reading as a mapping keeps ``row["risk"]``, ``row.get("page")`` and
``pd.DataFrame(rows)`` working; writing goes through :meth:`ContractRow.but`
(a new row), and a field the table's contract lacks cannot be set at all.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import fields
from functools import cache
from typing import Any, ClassVar, Self

Row = dict[str, Any]  # a plain row: of a table without a typed row, or one being edited


@cache
def column_names(kind: type) -> tuple[str, ...]:
    """Given a row class, its field names in order (computed once per class)."""
    return tuple(f.name for f in fields(kind))


@cache
def column_set(kind: type) -> frozenset[str]:
    """Given a row class, its field names as a set (computed once per class)."""
    return frozenset(column_names(kind))


class ContractRow(Mapping[str, Any]):
    """One row of one output table; subclasses are frozen dataclasses of its columns."""

    __slots__ = ()
    TABLE: ClassVar[str] = ""

    @classmethod
    def columns(cls) -> tuple[str, ...]:
        """Given the row class, its column names in contract order."""
        return column_names(cls)

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> Self:
        """Given column values (a cache entry, a correction), the row; ValueError naming
        any field the table's contract has no column for."""
        if not column_set(cls).issuperset(values):
            names = ", ".join(repr(n) for n in sorted(set(values) - column_set(cls)))
            raise ValueError(f"the {cls.TABLE} table has no column {names}")
        return cls(**values)

    def but(self, **changes: Any) -> Self:
        """Given new values of some columns, a copy of the row with them."""
        values = {name: getattr(self, name) for name in column_names(type(self))}
        values.update(changes)
        return type(self)(**values)

    def as_dict(self) -> dict[str, Any]:
        """Given the row, its columns as a plain dict (contract order)."""
        return {name: getattr(self, name) for name in self.columns()}

    def __getitem__(self, name: str) -> Any:
        if name not in column_set(type(self)):
            raise KeyError(name)
        return getattr(self, name)

    def get(self, name: str, default: Any = None) -> Any:
        return getattr(self, name) if name in column_set(type(self)) else default

    def __iter__(self) -> Iterator[str]:
        return iter(self.columns())

    def __len__(self) -> int:
        return len(self.columns())
