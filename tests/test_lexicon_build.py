"""The shipped lexicon and bigram counts are what their build rule makes of their sources.

``python bench/repair_bench.py build-lexicon`` writes riskrad/model/data/sv_lexicon.tsv.gz
and sv_bigrams.tsv.gz from bench/data/repair_train_*.txt; this rebuilds both into a
temporary folder and compares bytes, so a changed rule or source without a rebuild (or
a hand-edited file) fails.
"""

from __future__ import annotations

import gzip
from pathlib import Path

from bench.repair_bench import LEXICON_DATA, build_lexicon


def test_shipped_files_are_the_build_of_their_sources(tmp_path: Path) -> None:
    for built in build_lexicon(tmp_path):
        shipped = LEXICON_DATA / built.name
        want = gzip.decompress(shipped.read_bytes()).decode("utf-8").splitlines()
        got = gzip.decompress(built.read_bytes()).decode("utf-8").splitlines()
        assert got == want, f"{built.name}: {len(set(got) ^ set(want))} lines differ; rebuild"
        assert built.read_bytes() == shipped.read_bytes(), built.name


def test_the_build_is_deterministic(tmp_path: Path) -> None:
    runs = []
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        runs.append([p.read_bytes() for p in build_lexicon(tmp_path / name)])
    assert runs[0] == runs[1]


def test_numbers_are_one_class() -> None:
    """Numbers never enter the lexicon; in bigrams they are '<num>' (what the repair looks up)."""
    words = gzip.decompress((LEXICON_DATA / "sv_lexicon.tsv.gz").read_bytes()).decode("utf-8")
    assert not any(ch.isdigit() for line in words.splitlines() for ch in line.split("\t")[0])
    pairs = gzip.decompress((LEXICON_DATA / "sv_bigrams.tsv.gz").read_bytes()).decode("utf-8")
    keys = [line.split("\t")[0] for line in pairs.splitlines()]
    assert not any(ch.isdigit() for key in keys for ch in key)
    assert any(key.startswith("<num> ") for key in keys)
