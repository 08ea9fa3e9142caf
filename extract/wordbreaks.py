"""Words broken at a cell's edge: whether the piece at a line's end and the piece at the next
line's start are one word the cell was too narrow for.

A cell's line may end inside a word (a narrow column: Excel, a report tool, a table set
with "break words"), leaving "Lönehandlägg" / "are" or "Kvartals" / "vis". Whether two
pieces are one word is read from the line's geometry (the piece above runs to the column's
text edge, the piece below goes on in small letters), from the words (a piece that is no
word; two pieces more frequent as one word than as two).
"""

from __future__ import annotations

from riskrad.model.lexicon import SWEDISH_MIN_ZIPF, is_swedish_word, web_zipf
from riskrad.model.records import Word

ONE_LETTER_WORDS = frozenset({"i", "å", "ö"})


def break_candidate(upper: Word, lower: Word, right: float) -> bool:
    """Given the last word of a cell's line, the first word of the next and the cell's right
    text edge, whether a word may be broken there: the piece above runs to the edge and the
    piece below goes on in lower case, or both pieces are digits (a number too wide for a
    narrow cell, "1" / "2")."""
    size = max(upper.font_size or upper.bbox.height, 1.0)
    if upper.bbox.x1 < right - 0.8 * size or lower.bbox.top <= upper.bbox.top:
        return False
    if upper.text.isdigit() and lower.text.isdigit():
        return True
    return upper.text[-1:].isalpha() and lower.text[:1].isalpha() and lower.text[:1].islower()


DEFINITE_GENITIVE = ("ets", "ens", "nas")
# log10 of how much rarer a line broken inside a word is than one broken between words
MIDWORD_BREAK_ODDS = 2.0
# endings a word broken before its last letters leaves on the next line
INFLECTIONS = frozenset(
    {"a", "e", "n", "s", "t", "ar", "er", "or", "et", "na", "en", "ens", "ets", "ret"}
    | {"arna", "erna", "orna", "het", "heten", "ing", "ingen", "ning", "ningen"}
)


def common_word(piece: str) -> bool:
    """Given a folded piece of text, whether it is a word of its own (in the word list)."""
    if len(piece) == 1:
        return piece in ONE_LETTER_WORDS
    return web_zipf(piece) >= SWEDISH_MIN_ZIPF


def own_word(piece: str) -> bool:
    """Given a folded piece of text, whether it is a word (or compound) of its own."""
    return common_word(piece) or (len(piece) > 1 and is_swedish_word(piece))


RARE_SHORT_ZIPF = 5.0  # a piece of one or two letters rarer than this is no running word


def one_word(head: Word, tail: Word, rest: str) -> bool:
    """Given the word at a line's end and the word at the next line's start (with the
    pieces that go on from it on further lines), whether they are one broken word
    (:func:`one_broken_word`)."""
    return one_broken_word(head.text, tail.text, rest)


def one_broken_word(head: str, tail: str, rest: str = "") -> bool:
    """Given the piece of text at a line's end and the piece at the next line's start (with
    the pieces that go on from it on further lines), whether they are one broken word.

    In order: two pieces that make a listed word more frequent than the two words apart
    (a line is broken inside a word far less often than between words) join ("kommentar"
    + "er"; not "för" + "nya", "med" + "tagna", nor a letter alone: "t" + "ex"); a word of
    its own above joins an ending below when the two make a known word
    ("verksamhetssystem" + "en"), and a piece read only as a compound ("Verksamhetsri")
    a rare piece of one or two letters below ("sk"), else only a piece
    below that is no word ("Säkerhetssamordnar" + "e"; not "för" before an unlisted
    compound); a piece above that is no word joins when the two make a known word (or
    compound), unless it ends as a definite genitive, which starts no compound
    ("leverantörsregistrets" + "ändringar"), or when the piece below is no word either.
    Digits join digits; other pieces that are not all letters are left apart; above a slash
    only the last word counts
    ("Åtgärd/kon" + "troll").
    """
    if head.isdigit() and tail.isdigit():
        return True  # a number broken at the cell's edge: the cell holds one number
    above = fold_piece(head).rpartition("/")[2]  # "Åtgärd/kon"
    first = fold_piece(tail)
    below = fold_piece(tail + rest)
    if not (above.isalpha() and below.replace("-", "").isalpha()):
        return False  # damaged text (mojibake, OCR glyphs) is no evidence either way
    if len(above) == 1 and common_word(first):
        return False  # a letter alone before a listed word is an abbreviation ("t" + "ex")
    joined = web_zipf(above + first)
    apart = web_zipf(above) + web_zipf(first) - 9 + MIDWORD_BREAK_ODDS
    if len(first) > 1 and joined > 0.0 and joined > apart:
        return True  # a unigram model: one word (log p = zipf - 9) likelier than two
    if len(first) > 1 and joined > 0.0 and min(web_zipf(above), web_zipf(first)) == 0.0:
        return True  # a listed word over a piece no list holds ("kvart" + "alsvis")
    known = is_swedish_word(above + below)
    if own_word(above):
        if (
            known
            and web_zipf(above) < SWEDISH_MIN_ZIPF
            and len(first) <= 2
            and (web_zipf(first) < RARE_SHORT_ZIPF)
        ):
            return True  # a compound reading only above, two rare letters below ("ri" + "sk")
        if known and len(above) >= 5 and below in INFLECTIONS:
            return True  # a long word and its ending ("verksamhetssystem" + "en")
        return known and not own_word(below)
    if known:
        return not (above.endswith(DEFINITE_GENITIVE) and own_word(first))
    return not own_word(first)


def fold_piece(text: str) -> str:
    """Given a piece of text at a line's end or start, it case-folded without the
    punctuation around it."""
    return text.casefold().strip(".,;:()\"'")
