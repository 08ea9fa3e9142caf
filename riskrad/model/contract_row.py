"""The base of the typed rows (riskrad/model/rows.py): a frozen record of one table's
contract columns that also reads as a mapping of column name to value.

Reading as a mapping keeps ``row["risk"]``, ``row.get("page")`` and
``pd.DataFrame(rows)`` working; writing goes through :meth:`ContractRow.but`
(a new row), and a field the table's contract lacks cannot be set at all.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import fields
from functools import cache
from operator import attrgetter
from types import MemberDescriptorType
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


@cache
def _slot_setters(kind: type) -> tuple[Callable[[Any, Any], None], ...] | None:
    """Given a row class, the setters of its slots in column order, when filling them is all
    its ``__init__`` does (a slotted dataclass of two or more columns without
    ``__post_init__``), else None."""
    if hasattr(kind, "__post_init__") or len(column_names(kind)) < 2:
        return None
    slots = [kind.__dict__.get(name) for name in column_names(kind)]
    if not all(isinstance(slot, MemberDescriptorType) for slot in slots):
        return None
    return tuple(slot.__set__ for slot in slots)  # type: ignore[union-attr]


@cache
def _reader(kind: type) -> Callable[[Any], tuple[Any, ...]]:
    """Given a row class of two or more columns, a getter of all its values in column order."""
    return attrgetter(*column_names(kind))


@cache
def _positions(kind: type) -> dict[str, int]:
    """Given a row class, each column's position."""
    return {name: index for index, name in enumerate(column_names(kind))}


def is_missing(value: object) -> bool:
    """Given a table cell, whether it is None, a float NaN or pandas' NA (a value can be NA only
    when pandas is loaded, so this never imports it)."""
    if value is None or (isinstance(value, float) and value != value):
        return True
    pandas = sys.modules.get("pandas")
    return pandas is not None and value is pandas.NA


def column_values(table: Any, name: str) -> list[Any]:
    """Given a table (rows as mappings, or a pandas DataFrame) and a column name, the column's
    values in row order (a row without the field gives None)."""
    if isinstance(table, Sequence):
        return [row.get(name) for row in table]
    return list(table[name].tolist())


def plain_rows(rows: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Given rows, typed or plain, them with the typed ones as plain dicts (pandas builds a
    frame from dicts directly; a Mapping it first copies key by key, in sorted order)."""
    return [row.as_dict() if isinstance(row, ContractRow) else row for row in rows]


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

    @classmethod
    def to_columns(cls, rows: Sequence[ContractRow]) -> dict[str, Any]:
        """Given rows of this class, them as JSON values: the column names once, then each
        row's values in that order (a cache entry's table, half the size of row dicts)."""
        names = column_names(cls)
        if len(names) == 1:
            return {"columns": list(names), "rows": [[getattr(r, names[0])] for r in rows]}
        values = attrgetter(*names)
        return {"columns": list(names), "rows": [values(row) for row in rows]}

    @classmethod
    def from_columns(cls, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[Self]:
        """Given column names and rows of values in that order (``to_columns``), the rows;
        ValueError naming any column the table's contract lacks, or for a row of another
        length."""
        if not column_set(cls).issuperset(columns):
            names = ", ".join(repr(n) for n in sorted(set(columns) - column_set(cls)))
            raise ValueError(f"the {cls.TABLE} table has no column {names}")
        setters = _slot_setters(cls) if tuple(columns) == column_names(cls) else None
        if setters is None:
            return [cls(**dict(zip(columns, values, strict=True))) for values in rows]
        width = len(setters)
        out = []
        for values in rows:
            if len(values) != width:
                raise ValueError(f"a {cls.TABLE} row of {len(values)} values, not {width}")
            row = object.__new__(cls)
            for put, value in zip(setters, values, strict=True):
                put(row, value)
            out.append(row)
        return out

    def but(self, **changes: Any) -> Self:
        """Given new values of some columns, a copy of the row with them (TypeError naming a
        column the table lacks, as the constructor does)."""
        kind = type(self)
        setters = _slot_setters(kind)
        if setters is None:
            values = {name: getattr(self, name) for name in column_names(kind)}
            values.update(changes)
            return kind(**values)
        row = list(_reader(kind)(self))
        at = _positions(kind)
        for name, value in changes.items():
            if name not in at:
                raise TypeError(f"{kind.__name__} has no column {name!r}")
            row[at[name]] = value
        copy = object.__new__(kind)
        for put, value in zip(setters, row, strict=True):
            put(copy, value)
        return copy

    def as_dict(self) -> dict[str, Any]:
        """Given the row, its columns as a plain dict (contract order)."""
        names = column_names(type(self))
        if len(names) < 2:
            return {name: getattr(self, name) for name in names}
        return dict(zip(names, _reader(type(self))(self), strict=True))

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
