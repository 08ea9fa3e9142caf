"""The one Swedish lexicon module: its public interface for route decision, repair, lineage."""

from __future__ import annotations

from pathlib import Path

import pytest

from riskrad.model import lexicon


def test_sources_ship_beside_the_module() -> None:
    for name in (lexicon.LEXICON_FILE, lexicon.BIGRAM_FILE):
        assert (lexicon.DATA_DIR / name).stat().st_size > 1000


def test_route_decision_words() -> None:
    assert lexicon.is_swedish_word("kommunstyrelsen") and lexicon.is_swedish_word("riskanalys")
    assert not lexicon.is_swedish_word("xqzvw")
    assert lexicon.looks_like_stripped_diacritics("atgarder")
    assert lexicon.looks_like_ocr_standin("f6r")
    assert lexicon.web_zipf_table() is lexicon.web_zipf_table()  # loaded once
    assert "ö" in lexicon.OCR_STANDINS.values()


def test_skeleton_and_lemmas() -> None:
    assert lexicon.skeleton("åtgärdsförslag") == "atgardsforslag"
    assert lexicon.lemma_of("riskerna") == "risk"
    assert lexicon.lemma_of("xqzvw") == "xqzvw"
    assert lexicon.lemma_table() is lexicon.lemma_table()


def test_the_store_serves_what_its_sources_give() -> None:
    """The repair's indexes precomputed in the store (spellings by skeleton, compound parts
    by skeleton piece) equal what the dict build computes from the sources."""
    stored, built = lexicon.load_lexicon(), lexicon.build_lexicon()
    words = ["förvaltningsberättelse", "åtgärdsplanen", "enkätutskick", "kommunstyrelsens",
             "riskanalyserna", "verksamhetsplanering", "kravställda", "fardigställande"]
    pieces = {
        form[start:end]
        for word in words
        for form in (word, lexicon.skeleton(word))
        for start in range(len(form))
        for end in range(start + 1, len(form) + 1)
    }
    assert stored.by_skeleton.fetch_many(pieces) == built.by_skeleton.fetch_many(pieces)
    assert stored.parts.fetch_many(pieces) == built.parts.fetch_many(pieces)
    rests = {form[start:] for form in pieces for start in range(len(form))}
    for rest in rests:  # the store's prefix indexes name exactly the keys the tables have
        assert stored.parts.prefixes(rest) == built.parts.prefixes(rest), rest
        assert stored.by_skeleton.prefixes(rest) == built.by_skeleton.prefixes(rest), rest
        ending = rest[::-1]  # the pieces that may end a compound, by their reversed index
        assert stored.part_ends.prefixes(ending) == built.part_ends.prefixes(ending), rest
    for piece in pieces:  # that index holds exactly the pieces with parts that may end one
        entry = built.parts.get(piece)
        assert (piece[::-1] in stored.part_ends) == (entry is not None and entry.final > 0)
    assert stored.parts.prefixes("forvaltningsberattelse")[:2] == ["for", "forvalt"]
    assert lexicon.part_forms("forvaltnings", False)[:1] == ("förvaltnings",)
    assert lexicon.spellings("atgard")[0] == "åtgärd"


def test_a_run_with_its_own_cache_folder_reads_the_shared_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store of the same digest in the default cache folder is read, not built again."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("RISKRAD_CACHE_DIR", str(tmp_path / "own"))
    shared = tmp_path / "home" / ".cache" / "riskrad" / lexicon.store_path().name
    shared.mkdir(parents=True)  # its tables are mapped on first read, which this test does not do
    lexicon.word_store.cache_clear()
    try:
        store = lexicon.word_store()
        assert store is not None and store.path == shared
        assert not (tmp_path / "own").exists()
    finally:
        lexicon.word_store.cache_clear()
