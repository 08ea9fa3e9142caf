"""The spaCy-free Swedish tokens and stop words give what spaCy itself gives."""

from __future__ import annotations

import re

import spacy
import wordfreq
from spacy.lang.sv.stop_words import STOP_WORDS

from riskrad.normalize.sv_tokens import stop_words, tokens

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*|\d+")  # the words lineage tokenizes


def test_tokens_match_spacy_on_the_swedish_word_list() -> None:
    tokenizer = spacy.blank("sv").tokenizer
    words = [w for w in wordfreq.get_frequency_dict("sv") if _WORD.fullmatch(w)][:60000]
    words += ["köru", "hr-chef", "e-post", "2020", "it-säkerhet", "a-b-c"]
    for start in range(0, len(words), 500):
        text = " ".join(words[start : start + 500]).casefold()
        expected = [t.text for t in tokenizer(text) if not t.is_space]
        assert tokens(text) == expected


def test_stop_words_are_spacys() -> None:
    assert stop_words() == frozenset(STOP_WORDS)
    assert "inte" in stop_words()
