"""The dataset in a notebook: ``riskrad.load(OUT)`` and ``riskrad.duckdb(OUT)``.

``load`` reads every table a run wrote as a pandas DataFrame with the
contract's types (nullable dtypes: ``string``, ``Int32``, ``Float64``,
``boolean``), so integers with gaps stay integers.  ``duckdb`` opens an
in-memory DuckDB connection with one view per table over its Parquet file.
Both read only; neither imports the extraction pipeline.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from riskrad.model.errors import UsageError
from riskrad.model.schema import TABLES

if TYPE_CHECKING:
    import duckdb as duckdb_module


@dataclass(frozen=True)
class Dataset(Mapping[str, pd.DataFrame]):
    """The tables of one run's output folder, by name and as attributes (``ds.risks``)."""

    folder: Path
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.tables)

    def __len__(self) -> int:
        return len(self.tables)

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = object.__getattribute__(self, "tables")
        if name in tables:
            return tables[name]  # type: ignore[no-any-return]
        raise AttributeError(f"no table {name!r}; the tables are {', '.join(tables)}")


def _folder(out: str | Path) -> Path:
    """Given an output folder, it as a Path; a clear error when it holds no run."""
    folder = Path(out)
    if not (folder / "risks.parquet").is_file():
        raise UsageError(
            f"{str(folder)!r} holds no riskrad run (no risks.parquet): "
            "pass the folder given to `riskrad extract --out`"
        )
    return folder


PANDAS_DTYPES: dict[str, Any] = {
    "string": "string",
    "int32": "Int32",
    "double": "Float64",
    "bool": "boolean",
}


def read_table(folder: Path, name: str) -> pd.DataFrame:
    """Given an output folder and a table name, the table with the contract's pandas dtypes
    (a column the file lacks, from an older run, comes as nulls)."""
    frame = pd.read_parquet(folder / f"{name}.parquet", dtype_backend="numpy_nullable")
    out = pd.DataFrame(index=frame.index)
    for column in TABLES[name]:
        dtype = PANDAS_DTYPES[str(column.type)]
        values = frame[column.name] if column.name in frame else pd.Series(pd.NA, index=frame.index)
        out[column.name] = values.astype(dtype)
    return out


def load(out: str | Path) -> Dataset:
    """Given a run's output folder, every table it holds as a typed pandas DataFrame."""
    folder = _folder(out)
    names = [n for n in TABLES if (folder / f"{n}.parquet").is_file()]
    return Dataset(folder, {name: read_table(folder, name) for name in names})


def duckdb(out: str | Path, connection: Any = None) -> duckdb_module.DuckDBPyConnection:
    """Given a run's output folder, a DuckDB connection with one view per table."""
    folder = _folder(out)
    try:
        import duckdb as duckdb_module
    except ImportError as exc:  # an optional dependency: pip install 'riskrad[notebook]'
        raise UsageError("riskrad.duckdb needs DuckDB: pip install duckdb") from exc
    con = connection if connection is not None else duckdb_module.connect()
    for name in TABLES:
        path = folder / f"{name}.parquet"
        if path.is_file():
            literal = str(path.resolve()).replace("'", "''")
            con.execute(
                f"CREATE OR REPLACE VIEW \"{name}\" AS SELECT * FROM read_parquet('{literal}')"
            )
    return con
