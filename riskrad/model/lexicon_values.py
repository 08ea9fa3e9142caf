"""The lexicon store's text values read back: a skeleton's spellings and a skeleton
piece's compound parts (riskrad/model/lexicon_tables.py writes them, lexicon.py reads
the store).

A first pass over unseen text decodes thousands of them, so this module runs compiled
when a build exists (riskrad/model/native.py), loaded by lexicon.py before it imports
it; its Python source is the fallback, with the same values. Import it after lexicon.py:
imported first, it runs as Python in that process.
"""

from __future__ import annotations

from typing import Final

from riskrad.model.lexicon_tables import PartEntry, Spellings

# How namedtuple's own __new__ makes an instance, without the Python frame of the
# generated one (the same tuple).
_TUPLE_NEW: Final = tuple.__new__


def decode_spellings(value: str) -> Spellings:
    """Given a store text of spellings (word, Zipf, word, Zipf... tab-separated), the
    spellings (the store wrote them in pairs; one pair, the common case, is read directly)."""
    items = value.split("\t")
    if len(items) == 2:
        return ((items[0], float(items[1])),)
    return tuple(zip(items[::2], map(float, items[1::2]), strict=False))


def decode_parts(value: str) -> PartEntry:
    """Given a store text of a part entry (final count, then part, score, part, score...
    tab-separated), the entry, its top scores as part_entry gives them."""
    items = value.split("\t")
    final = int(items[0])
    if len(items) == 3:  # one part, the common case
        score = float(items[2])
        return _part_entry((items[1],), (score,), final, score if final else 0.0, score)
    scores = tuple([float(score) for score in items[2::2]])
    top_final = max(scores[:final]) if final else 0.0
    return _part_entry(tuple(items[1::2]), scores, final, top_final, max(scores))


def _part_entry(
    words: tuple[str, ...], scores: tuple[float, ...], final: int, top_final: float,
    top_inner: float,
) -> PartEntry:
    """Given an entry's fields, PartEntry(words, scores, final, top_final, top_inner)."""
    return _TUPLE_NEW(PartEntry, (words, scores, final, top_final, top_inner))
