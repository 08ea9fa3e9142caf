"""A fixed-seed subset of `make fuzz`: one file per mutation kind, riskrad run over each.

No run crashes, every file is in documents with a status, and a file that is not ok has an
error that says what to do (corpus/fuzz.py ADVICE)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus"))
import fuzz


def test_fuzz_subset_never_crashes(tmp_path: Path) -> None:
    files = fuzz.plan(len(fuzz.MUTATIONS), seed=7, scans_share=0.0)
    assert {f.kind for f in files} == set(fuzz.MUTATIONS)
    fuzz.write_files(files, tmp_path / "files")
    again = tmp_path / "again"
    fuzz.write_files(files, again)  # the same seed gives the same files
    for f in files:
        assert (again / f.name).read_bytes() == (tmp_path / "files" / f.name).read_bytes()
    records = fuzz.run_folder(tmp_path / "files", tmp_path, {"page_seconds": 60}, 100, 0)
    table = fuzz.summarise(files, records)
    assert sum(row["files"] for row in table.values()) == len(files)
    for kind, row in table.items():
        assert row["crash"] == row["missing"] == 0, (kind, records)
        assert row["unhelpful_error"] == row["unexpected_error"] == 0, (kind, records)
