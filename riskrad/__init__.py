"""riskrad: Swedish municipal internal-control PDFs to one comparable dataset.

In a notebook: ``riskrad.load(OUT)`` gives the tables of a run as typed pandas
DataFrames, ``riskrad.duckdb(OUT)`` a DuckDB connection with one view per table.
Both are imported on first use, so ``import riskrad`` stays light (it loads no
pipeline, no PDF or OCR library).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"  # the one place of the version (pyproject reads it)
__all__ = ["__version__", "duckdb", "load"]

if TYPE_CHECKING:
    from riskrad.data import duckdb, load


def __getattr__(name: str) -> Any:
    """Given a name of the notebook entry points, it, imported on first use."""
    if name in ("load", "duckdb"):
        from riskrad import data

        return getattr(data, name)
    raise AttributeError(f"module 'riskrad' has no attribute {name!r}")
