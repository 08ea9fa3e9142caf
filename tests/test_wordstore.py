"""The binary word store: tables read by key, and prefix indexes that answer for them."""

from __future__ import annotations

from pathlib import Path

from riskrad.model.wordstore import DictMap, StoredMap, WordStore, build_store

ROWS = {"ris": 1, "risk": 2, "riskanalys": 3, "ana": 4, "analys": 5}


def _store(tmp_path: Path, prefixed: tuple[str, ...]) -> StoredMap[int]:
    """Given a folder and the tables to index, a store of ROWS and its map."""
    path = tmp_path / "words.sqlite"
    build_store(path, {"words": iter(ROWS.items())}, prefixed=prefixed)
    return StoredMap(WordStore(path), "words", int)


def test_prefix_index_names_the_keys_that_begin_a_text(tmp_path: Path) -> None:
    indexed = _store(tmp_path, ("words",))
    assert indexed.store.prefix_index("words") is not None
    assert indexed.prefixes("riskanalysen") == ["ris", "risk", "riskanalys"]
    assert indexed.prefixes("analys") == ["ana", "analys"]
    assert indexed.prefixes("xris") == []
    assert indexed.prefixes("riskanalysen") == DictMap(ROWS).prefixes("riskanalysen")


def test_indexed_and_unindexed_tables_answer_alike(tmp_path: Path) -> None:
    indexed = _store(tmp_path / "a", ("words",))
    plain = _store(tmp_path / "b", ())
    assert plain.store.prefix_index("words") is None
    keys = ["risk", "riskan", "analys", "x", "ris", "risk"]
    for table in (indexed, plain):
        assert table.fetch_many(keys) == {"risk": 2, "analys": 5, "ris": 1}
        assert table.get("riskanalys") == 3 and table.get("riskanaly") is None
        assert "ana" in table and "an" not in table
        assert table.prefixes("risken") == ["ris", "risk"]
