"""A fixed-seed subset of `make fuzz`: one file per mutation kind, riskrad run over each.

No run crashes, every file is in documents with a status, and a file that is not ok has an
error that says what to do (corpus/fuzz.py ADVICE)."""

from __future__ import annotations

import hashlib
import os
import subprocess
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


def test_no_two_fuzz_files_are_alike(tmp_path: Path) -> None:
    # make fuzz's seed: file 40 (huge_images) repeated file 18's bytes before re-drawing
    files = fuzz.plan(60, seed=11)
    fuzz.write_files(files, tmp_path)
    digests = {hashlib.sha256((tmp_path / f.name).read_bytes()).hexdigest() for f in files}
    assert len(digests) == len(files)
    kinds = (list(fuzz.MUTATIONS) * 6)[:60]
    assert [f.name for f in files] == [f"{n:05d}_{kind}.pdf" for n, kind in enumerate(kinds)]
    assert any(f.draw > 0 for f in files)


def test_the_same_seed_gives_the_same_files_in_another_process(tmp_path: Path) -> None:
    # broken_fonts walked a page's fonts in set order, which changes with PYTHONHASHSEED
    script = (
        "import sys; sys.path.insert(0, 'corpus'); import fuzz, pathlib; "
        "text, _ = fuzz.sources(0.0); "
        "files = [fuzz.FuzzFile(f'{n:05d}.pdf', 'broken_fonts', p.relative_to(fuzz.CORPUS)"
        ".as_posix(), n) for n, p in enumerate(text)]; "
        "fuzz.write_files(files, pathlib.Path(sys.argv[1]))"
    )
    root = Path(fuzz.ROOT)
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        subprocess.run(
            [sys.executable, "-c", script, str(tmp_path / hash_seed)], cwd=root, env=env, check=True
        )
    names = sorted(p.name for p in (tmp_path / "1").iterdir())
    assert names
    for name in names:
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes(), name
