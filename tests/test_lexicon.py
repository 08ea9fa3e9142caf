"""The one Swedish lexicon module: its public interface for route decision, repair, lineage."""

from __future__ import annotations

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
