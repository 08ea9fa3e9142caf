"""Words a lost space glued together: "månadsvisi" for "månadsvis i", "Resultatethar",
"i8". Small type on a scan loses the narrow space beside a short word; a word a narrow cell
broke over lines is joined from pieces the same way. A token is split only where it is no
word (in no list) and one cut leaves a short word that never ends or begins a compound and a
word the lists know well, so correct Swedish stays as written. Shared by the OCR word fixes
(extract/ocr_words.py) and the repair chain (normalize/repair/glued.py).
"""

from __future__ import annotations

import re
from functools import cache

from riskrad.model.lexicon import SWEDISH_MIN_ZIPF, is_compound, load_lexicon, web_zipf

# short words a lost space glues to a word's end or start; a compound never ends in one
# of the first set (a word ending so, "därför", "därmed", is listed itself), and the
# second set begins no compound part a word list lacks (not "av", "för", "med", "vid":
# "avrapportering", "vidtagna")
GLUED_TAILS = frozenset({"i", "av", "och", "har", "med", "är", "till", "för", "om", "på",
                         "som", "att", "inte", "vid", "per", "tas"})
GLUED_HEADS = frozenset({"i", "är", "har", "och", "att", "som", "per", "inte", "det"})
GLUED_BEFORE_NUMBER = frozenset({"i", "av", "på", "vid", "per", "om", "för", "till", "med",
                                 "och", "ca"})
SOLID_ZIPF = 2.5  # a word this frequent (or in the domain list) is a sure reading
MIN_PIECE = 4  # a word a space was lost beside has at least this many letters ("utg" is an
# abbreviation the lists know: "utgatt" is no "utg att")
LONG_PART = 8  # a piece this long may be a compound of known parts ("aktgranskning")
EDGE = ".,;:!?)"
LETTERS = "abcdefghijklmnopqrstuvwxyzåäöé"
TRIPLE = re.compile(r"(.)\1\1")


@cache
def known_zipf(word: str) -> float:
    """Given a case-folded word, its frequency (zipf) in the web list or the lexicon."""
    lexicon = load_lexicon()
    return max(web_zipf(word), float(lexicon.zipf.get(word) or 0.0))


def is_word(word: str) -> bool:
    """Given a case-folded word, whether a list knows it as a word (not only its parts)."""
    return known_zipf(word) >= SWEDISH_MIN_ZIPF or word in load_lexicon().spacy_forms


def is_solid(word: str) -> bool:
    """Given a case-folded word, whether it is a word read this way for sure (frequent, or
    in the domain's own list)."""
    return known_zipf(word) >= SOLID_ZIPF or load_lexicon().domain.get(word) is not None


def wordlike(word: str) -> bool:
    """Given a case-folded word, whether it is a word or a long compound of known parts (no
    letter three times in a row: Swedish writes "kontrollen", never "kontrolllen")."""
    if TRIPLE.search(word):
        return False
    return is_word(word) or (len(word) >= LONG_PART and is_compound(word))


def core_and_tail(text: str) -> tuple[str, str]:
    """Given a token, its letters and the punctuation after them."""
    core = text.rstrip(EDGE)
    return core, text[len(core):]


def glued_split(text: str) -> tuple[str, str] | None:
    """Given an OCR token, the two words it holds when a space was lost beside a short word
    ("månadsvisi" -> "månadsvis", "i"; "i8" -> "i", "8"), else None."""
    core, tail = core_and_tail(text)
    low = core.casefold()
    if low[-1:].isdigit():
        number = low.lstrip(LETTERS)
        head = low[: len(low) - len(number)]
        if head in GLUED_BEFORE_NUMBER and number.isdigit() and core[: len(head)].islower():
            return core[: len(head)], core[len(head):] + tail
        return None
    if len(core) <= MIN_PIECE or not core.isalpha() or not core[1:].islower():
        return None
    cuts = {len(low) - len(t) for t in GLUED_TAILS if low.endswith(t)}
    if core[0].islower():  # "Ident." is an abbreviation, no "I dent."
        cuts |= {len(h) for h in GLUED_HEADS if low.startswith(h)}
    if not cuts or is_word(low):
        return None
    found = [
        c for c in cuts
        if min(c, len(low) - c) >= 1
        and max(c, len(low) - c) >= MIN_PIECE
        and _solid_pair(low[:c], low[c:])
    ]
    if len(found) != 1:
        return None
    cut = found[0]
    if low[cut:] == "i" and is_compound(low):
        return None  # "kommunalekonomi": a compound's last part may end in i
    return core[:cut], core[cut:] + tail


def _solid_pair(left: str, right: str) -> bool:
    """Given two folded pieces, whether one is a glued short word and the other a sure word."""
    if left in GLUED_HEADS and is_solid(right) and len(right) >= MIN_PIECE:
        return True
    if right not in GLUED_TAILS or len(left) < MIN_PIECE:
        return False
    return is_solid(left) or (right != "i" and len(left) >= LONG_PART and is_compound(left))


