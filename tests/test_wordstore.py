"""The binary word store: tables read by key, and the key tries that answer prefixes."""

from __future__ import annotations

from pathlib import Path

import pytest

from riskrad.model.wordstore import DictMap, StoredMap, WordStore, build_store

ROWS = {"ris": 1, "risk": 2, "riskanalys": 3, "ana": 4, "analys": 5}


def _store(tmp_path: Path) -> WordStore:
    """Given a folder, a store of ROWS as integers, floats and texts, and an empty table."""
    path = tmp_path / "words"
    build_store(path, {
        "ints": iter(ROWS.items()),
        "floats": ((k, v / 4) for k, v in ROWS.items()),
        "texts": ((k, f"{k}\tå{v}") for k, v in ROWS.items()),
        "empty": iter(()),
    })
    return WordStore(path)


def test_tables_answer_like_their_rows(tmp_path: Path) -> None:
    store = _store(tmp_path)
    keys = ["risk", "riskan", "analys", "x", "ris", "risk", ""]
    for table, value in (("ints", lambda v: v), ("floats", lambda v: v / 4),
                         ("texts", lambda v: v)):
        words: StoredMap[object] = StoredMap(store, table)
        expected = {k: value(ROWS[k]) for k in ("risk", "analys", "ris")}
        if table == "texts":
            expected = {k: f"{k}\tå{ROWS[k]}" for k in expected}
        assert words.fetch_many(keys) == expected
        assert words.get("riskanaly") is None and "ana" in words and "an" not in words
        assert sorted(words) == sorted(ROWS) and len(words) == len(ROWS)
    assert StoredMap(store, "floats").get("ris") == 0.25
    empty: StoredMap[int] = StoredMap(store, "empty")
    assert len(empty) == 0 and empty.get("ris") is None and empty.prefixes("risk") == []


def test_the_key_trie_names_the_keys_that_begin_a_text(tmp_path: Path) -> None:
    words: StoredMap[int] = StoredMap(_store(tmp_path), "ints")
    assert words.prefixes("riskanalysen") == ["ris", "risk", "riskanalys"]
    assert words.prefixes("analys") == ["ana", "analys"]
    assert words.prefixes("xris") == []
    assert words.prefixes("riskanalysen") == DictMap(ROWS).prefixes("riskanalysen")
    assert words.may_begin("riskan") and words.may_begin("ris") and not words.may_begin("riskx")
    assert DictMap(ROWS).may_begin("riskx")  # a map without a trie cannot rule a text out


def test_a_store_is_built_whole_or_not_at_all(tmp_path: Path) -> None:
    with pytest.raises(TypeError):
        build_store(tmp_path / "mixed", {"t": iter([("a", 1), ("b", "x")])})
    assert list(tmp_path.iterdir()) == []
    _store(tmp_path)
    _store(tmp_path)  # a second build of the same store finds it in place and keeps it
    assert [p.name for p in tmp_path.iterdir()] == ["words"]
