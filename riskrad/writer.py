"""Writing the dataset: every table as CSV and Parquet, atomically.

The only module that writes to the output folder.  Files are first written
into a staging folder inside OUT, then moved into place one by one with
os.replace (atomic on one file system); the manifest ``run.json`` is moved
last.  A run that dies leaves the previous outputs whole.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from operator import attrgetter
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from riskrad.model.contract_row import ContractRow, column_set
from riskrad.model.errors import RiskradError
from riskrad.model.schema import TABLES, arrow_schema, column_names

LOCK_NAME = ".riskrad.lock"
_held: set[Path] = set()  # output folders whose lock this process holds


class OutputLockedError(RiskradError):
    """Another riskrad run is writing to the same output folder."""

    def __init__(self, out_dir: Path, holder: str) -> None:
        super().__init__(
            f"another riskrad run ({holder or 'unknown process'}) is writing to {str(out_dir)!r}: "
            "wait until it has finished, or give this run another --out folder"
        )


@contextmanager
def output_lock(out_dir: Path) -> Iterator[None]:
    """Given the output folder, hold its lock file for the block; OutputLockedError at once
    when another process holds it (the kernel drops the lock when its holder dies)."""
    key = out_dir.resolve()
    if key in _held:
        yield
        return
    out_dir.mkdir(parents=True, exist_ok=True)
    handle = (out_dir / LOCK_NAME).open("a+", encoding="utf-8")
    try:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            raise OutputLockedError(out_dir, handle.read().strip()) from None
        handle.seek(0)
        handle.truncate()
        started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        handle.write(f"pid {os.getpid()}, started {started}")
        handle.flush()
        _held.add(key)
        try:
            yield
        finally:
            _held.discard(key)
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    finally:
        handle.close()


class UnknownColumnError(ValueError):
    """A row handed to the writer holds a field its table's contract has no column for."""

    def __init__(self, table: str, unknown: Sequence[str], row: int) -> None:
        names = ", ".join(repr(n) for n in unknown)
        super().__init__(
            f"the {table} table has no column {names} (row {row}): rows carry contract "
            "columns only (riskrad/model/schema.py); provenance travels beside the row"
        )


def check_columns(table: str, rows: Sequence[Mapping[str, Any]]) -> None:
    """Given a table name and its rows, raise UnknownColumnError at the first row holding a
    field the table's contract has no column for (never drop it silently)."""
    names = frozenset(column_names(table))
    fits: set[type] = set()  # row classes whose every row has the same, known fields
    for index, row in enumerate(rows):
        if type(row) in fits:
            continue
        if not names.issuperset(row.keys()):
            raise UnknownColumnError(table, sorted(set(row.keys()) - names), index)
        if isinstance(row, ContractRow):
            fits.add(type(row))


def to_arrow(table: str, rows: Sequence[Mapping[str, Any]]) -> pa.Table:
    """Given a table name and its rows, an Arrow table with the contract's exact schema
    (UnknownColumnError when a row holds a field the contract does not have)."""
    check_columns(table, rows)
    names = column_names(table)
    kinds = {type(row) for row in rows}
    kind = kinds.pop() if len(kinds) == 1 else None
    if kind is not None and issubclass(kind, ContractRow):  # typed rows: read the fields
        known = column_set(kind)
        columns = {
            name: list(map(attrgetter(name), rows)) if name in known else [None] * len(rows)
            for name in names
        }
    else:
        columns = {name: [row.get(name) for row in rows] for name in names}
    schema = arrow_schema(TABLES[table])
    return pa.Table.from_arrays(
        [column_array(columns[f.name], f.type) for f in schema], schema=schema
    )


_PLAIN_TYPES: dict[pa.DataType, type] = {
    pa.string(): str,
    pa.int32(): int,
    pa.float64(): float,
    pa.bool_(): bool,
}


def column_array(values: list[Any], kind: pa.DataType) -> pa.Array:
    """Given a column's Python values and its Arrow type, the Arrow array ``pa.array`` makes
    of them. Values all of the type's own Python class (or None) are laid into Arrow's buffers
    directly: any other conversion from Python objects makes pyarrow import pandas (0.3 s of a
    one-file run); other values, or values ``pa.array`` would refuse, are left to it."""
    plain = _PLAIN_TYPES.get(kind)
    if plain is None or not set(map(type, values)) <= {plain, type(None)}:
        return pa.array(values, type=kind)
    nulls = values.count(None)
    validity = None
    if nulls:
        valid = np.fromiter((v is not None for v in values), dtype=bool, count=len(values))
        validity = pa.py_buffer(np.packbits(valid, bitorder="little").tobytes())
    try:
        buffers = _value_buffers(values, plain, nulls)
    except (OverflowError, UnicodeEncodeError):
        return pa.array(values, type=kind)
    return pa.Array.from_buffers(kind, len(values), [validity, *buffers], null_count=nulls)


def _value_buffers(values: list[Any], plain: type, nulls: int) -> list[pa.Buffer]:
    """Given a column's values (all of the Python class ``plain`` or None; ``nulls`` of them
    None), Arrow's value buffers for them (offsets and data for text); OverflowError for an
    int outside int32 or text beyond 2 GB, UnicodeEncodeError for text UTF-8 cannot hold."""
    if plain is str:
        encoded = [v.encode("utf-8") if v is not None else b"" for v in values]
        ends = np.cumsum([len(e) for e in encoded], dtype=np.int64)
        if len(ends) and ends[-1] >= 2**31:
            raise OverflowError("text column beyond 2 GB")
        offsets = np.concatenate(([0], ends)).astype(np.int32)
        return [pa.py_buffer(offsets.tobytes()), pa.py_buffer(b"".join(encoded))]
    zero = plain()
    filled = [zero if v is None else v for v in values] if nulls else values
    if plain is bool:
        packed = np.packbits(np.array(filled, dtype=bool), bitorder="little")
        return [pa.py_buffer(packed.tobytes())]
    if plain is int and filled and not -(2**31) <= min(filled) <= max(filled) < 2**31:
        raise OverflowError("int outside int32")
    dtype = np.int32 if plain is int else np.float64
    return [pa.py_buffer(np.array(filled, dtype=dtype).tobytes())]


def write_file_atomically(path: Path, data: bytes) -> None:
    """Given a path and bytes, write them so readers see the old or the new file, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def progress_sink(out_dir: Path) -> Callable[[str], None]:
    """Given the output folder, a function appending a progress line to its run.log (the
    run's final run.log, written atomically at the end, replaces it and keeps the lines)."""

    def append(line: str) -> None:
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
            with (out_dir / "run.log").open("a", encoding="utf-8") as handle:
                handle.write(line + "\n")
        except OSError:
            pass  # progress is a courtesy: an unwritable log does not stop the run

    return append


def write_outputs(
    out_dir: Path,
    tables: Mapping[str, Sequence[Mapping[str, Any]]],
    manifest: Mapping[str, Any],
    extra_files: Mapping[str, bytes] | None = None,
) -> list[Path]:
    """Given the output folder, the tables, a manifest and extra files, write them all
    (holding the folder's lock: two runs never mix their files)."""
    with output_lock(out_dir):
        return _write_outputs(out_dir, tables, manifest, extra_files)


def _write_outputs(
    out_dir: Path,
    tables: Mapping[str, Sequence[Mapping[str, Any]]],
    manifest: Mapping[str, Any],
    extra_files: Mapping[str, bytes] | None,
) -> list[Path]:
    """Given the output folder (locked), the tables, a manifest and extra files, write them."""
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=out_dir))
    written: list[Path] = []
    try:
        staged: list[tuple[Path, Path]] = []
        for name, rows in tables.items():
            arrow = to_arrow(name, rows)
            parquet_path = staging / f"{name}.parquet"
            pq.write_table(arrow, parquet_path)
            csv_path = staging / f"{name}.csv"
            pa_csv.write_csv(arrow, csv_path)
            staged += [
                (parquet_path, out_dir / parquet_path.name),
                (csv_path, out_dir / csv_path.name),
            ]
        for name, data in (extra_files or {}).items():
            path = staging / name
            path.write_bytes(data)
            staged.append((path, out_dir / name))
        manifest_path = staging / "run.json"
        manifest_path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False), "utf-8")
        staged.append((manifest_path, out_dir / "run.json"))
        for source, _ in staged:
            with source.open("rb") as handle:
                os.fsync(handle.fileno())
        for source, target in staged:
            os.replace(source, target)
            written.append(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return written
