"""The lexicon store's text values read back (riskrad/model/lexicon_values.py) are what
lexicon_tables.py wrote, compiled or not."""

from __future__ import annotations

import pytest

import riskrad.model.lexicon  # noqa: F401  (first: it loads the compiled decoders, when built)
from riskrad.model.lexicon_tables import PartEntry, _encode_parts, _encode_spellings, part_entry
from riskrad.model.lexicon_values import decode_parts, decode_spellings


@pytest.mark.parametrize(
    "spelled",
    [(("arbete", 4.52),), (("for", 5.1), ("för", 6.83), ("fór", 0.1)), (("x", 1e-05),)],
)
def test_spellings_read_back_are_the_written_ones(spelled: tuple[tuple[str, float], ...]) -> None:
    decoded = decode_spellings(_encode_spellings(spelled))
    assert decoded == spelled and type(decoded) is tuple
    assert all(type(pair) is tuple and type(pair[1]) is float for pair in decoded)


@pytest.mark.parametrize(
    ("words", "scores", "final"),
    [
        (("plan",), (4.25,), 1),
        (("plan",), (4.25,), 0),
        (("arbets", "arbete", "arbet"), (3.5, 4.75, 2.0), 2),
        (("ater", "åter"), (1.0, 5.5), 0),
    ],
)
def test_part_entries_read_back_are_the_written_ones(
    words: tuple[str, ...], scores: tuple[float, ...], final: int
) -> None:
    entry = part_entry(words, scores, final)
    decoded = decode_parts(_encode_parts(entry))
    assert decoded == entry and type(decoded) is PartEntry
    assert repr(decoded) == repr(entry)
