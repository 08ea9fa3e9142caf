"""Words broken at a cell's edge: whether the piece at a line's end and the piece at the next
line's start are one word the cell was too narrow for.

A cell's line may end inside a word (a narrow column: Excel, a report tool, a table set
with "break words"), leaving "Lönehandlägg" / "are" or "Kvartals" / "vis". Whether two
pieces are one word is read from the line's geometry (the piece above runs to the column's
text edge, the piece below goes on in small letters), from the words (a piece that is no
word; two pieces more frequent as one word than as two).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from riskrad.model.lexicon import (
    SWEDISH_MIN_ZIPF,
    is_swedish_word,
    lemma_of,
    load_lexicon,
    web_zipf,
)
from riskrad.model.lexicon_tables import SPACY_ONLY_ZIPF
from riskrad.model.records import Word

ONE_LETTER_WORDS = frozenset({"i", "å", "ö"})


BreakKind = Literal["edge", "forced"]


def break_kind(
    upper: Word, lower: Word, right: float, left: float | None = None
) -> BreakKind | None:
    """Given the last word of a cell's line, the first word of the next and the cell's text
    edges, whether a word may be broken there and how sure the geometry is: "forced" when
    the two pieces as one word are wider than the column, so no line could hold it and a
    layout had to break it (the piece above then runs to within two letters of the edge:
    "kom" / "municeras"); "edge" when the piece above runs to the edge; None otherwise. The
    piece below goes on in lower case (or both are capitals), or both pieces are digits (a
    number too wide for a narrow cell, "1" / "2")."""
    size = max(upper.font_size or upper.bbox.height, 1.0)
    if lower.bbox.top <= upper.bbox.top or upper.bbox.x1 < right - FORCED_EDGE_SIZES * size:
        return None
    digits = upper.text.isdigit() and lower.text.isdigit()
    letters = upper.text[-1:].isalpha() and lower.text[:1].isalpha() and (
        lower.text[:1].islower() or (upper.text.isupper() and lower.text.isupper())
    )  # or a word in capitals ("KONTROLLMOME" / "NT")
    if not (digits or letters):
        return None
    joined = upper.bbox.width + lower.bbox.width
    if left is not None and joined > right - left - FORCED_WIDTH_SLACK * size:
        return "forced"
    return "edge" if upper.bbox.x1 >= right - EDGE_SIZES * size else None


EDGE_SIZES = 0.8  # a piece above within this many font sizes of the edge runs to it
FORCED_EDGE_SIZES = 2.0  # a word too wide for the column is broken within two letters
FORCED_WIDTH_SLACK = 0.5  # the cell's padding, unknown when the box is the text's own


DEFINITE_GENITIVE = ("ets", "ens", "nas")


def definite_genitive(piece: str) -> bool:
    """Given a folded piece, whether it ends as a definite genitive ("registrets",
    "sjukfrånvarons"), which starts no compound; not a noun in -het with its linking s
    ("verksamhets", "säkerhets": "verksamhetssystemet")."""
    return piece.endswith(DEFINITE_GENITIVE) and not piece.endswith("hets")


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


def one_word(head: Word, tail: Word, rest: str, kind: BreakKind = "edge") -> bool:
    """Given the word at a line's end and the word at the next line's start (with the
    pieces that go on from it on further lines) and how sure the geometry is of a break,
    whether they are one broken word (:func:`one_broken_word`)."""
    return one_broken_word(head.text, tail.text, rest, forced=kind == "forced")


def one_broken_word(head: str, tail: str, rest: str = "", forced: bool = False) -> bool:
    """Given the piece of text at a line's end and the piece at the next line's start (with
    the pieces that go on from it on further lines), whether they are one broken word.

    In order: two pieces that make a listed word more frequent than the two words apart
    (a line is broken inside a word far less often than between words) join ("kommentar"
    + "er", "g" + "ånger"; not "för" + "nya", "med" + "tagna", nor a letter alone before a
    short word: "t" + "ex"); a word of
    its own above joins an ending below when the two make a known word
    ("verksamhetssystem" + "en"), and a piece read only as a compound ("Verksamhetsri")
    a rare piece of one or two letters below ("sk"), else only a piece
    below that is no word ("Säkerhetssamordnar" + "e"; not "för" before an unlisted
    compound); a piece above that is no word joins when the two make a known word (or
    compound), unless it ends as a definite genitive, which starts no compound
    ("leverantörsregistrets" + "ändringar"), or when the piece below is no word either.
    Digits join digits, but for a thousands group ("50" / "000"); other pieces that are
    not all letters are left apart; above a slash only the last word counts
    ("Åtgärd/kon" + "troll"). Where the geometry forced a break (`forced`), the pieces'
    compound parts decide first (:func:`forced_one_word`).
    """
    if head.isdigit() and tail.isdigit():  # a number broken at the cell's edge, not
        return not (len(tail) == 3 and len(head) <= 3)  # a thousands group ("50" / "000")
    above = fold_piece(head).rpartition("/")[2]  # "Åtgärd/kon"
    first = fold_piece(tail)
    below = fold_piece(tail + rest)
    if not (above.isalpha() and below.replace("-", "").isalpha()):
        return False  # damaged text (mojibake, OCR glyphs) is no evidence either way
    if len(above) == 1 and common_word(first) and len(first) <= 2:
        return False  # a letter alone before a short listed word: an abbreviation ("t" + "ex")
    if forced:
        found = forced_one_word(above, first, below)
        if found is not None:
            return found
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
        if rare_listed_below(above, first):
            return False  # "sent" / "inrapporterade": two words, the join no listed one
        return known and not own_word(below)
    if known:
        return not (definite_genitive(above) and own_word(first)) and not running_word_below(
            above, first
        )
    return not own_word(first)


def rare_listed_below(above: str, first: str) -> bool:
    """Given the folded pieces at a break, whether a common word above (Zipf 4 or more)
    stands over a word the frequency list holds, rare as it is, that the two do not make as
    one listed word ("sent" / "inrapporterade")."""
    return (
        len(first) > SHORT_ENDING
        and web_zipf(above) >= COMMON_ZIPF
        and web_zipf(first) > 0.0
        and web_zipf(above + first) == 0.0
    )


def running_word_below(above: str, first: str) -> bool:
    """Given the folded pieces at a break, whether a listed word above stands over a common
    word of four letters or more below that the two do not make as one listed word
    ("attesterar" / "egna": "attesteraregna" reads only as an odd compound)."""
    return (
        len(first) > SHORT_ENDING
        and form_zipf(first) >= RUNNING_WORD_ZIPF
        and form_zipf(above) > 0.0
        and form_zipf(above + first) == 0.0
        and not above.endswith("s")  # a compound's first part ("introduktions" / "plan")
    )


def fold_piece(text: str) -> str:
    """Given a piece of text at a line's end or start, it case-folded without the
    punctuation around it."""
    return text.casefold().strip(".,;:()\"'")


CACHED_PIECES = 65_536  # pieces whose zipf and parts a process keeps (a page's words recur)
# a compound part: a listed word of at least four letters, or of three at this zipf
PART_ZIPF = {3: 3.0}
PART_MIN_LETTERS = 3


@lru_cache(maxsize=CACHED_PIECES)
def form_zipf(word: str) -> float:
    """Given a folded word, its zipf in wordfreq's Swedish list, or SPACY_ONLY_ZIPF for a
    form only spaCy's lemma table has ("periodiseringar"), else 0."""
    zipf = web_zipf(word)
    if zipf == 0.0 and word in load_lexicon().spacy_forms:
        return SPACY_ONLY_ZIPF
    return zipf


@lru_cache(maxsize=CACHED_PIECES)
def part_count(piece: str) -> int | None:
    """Given a folded piece of letters, the fewest listed words (:func:`form_zipf`) that
    spell it (a linking s allowed after an inner part: "verksamhets" + "systemen"), or
    None when none do; a listed word is one part whatever its length."""
    if form_zipf(piece) >= SWEDISH_MIN_ZIPF:
        return 1
    size = len(piece)
    fewest: list[int | None] = [0] + [None] * size
    for end in range(PART_MIN_LETTERS, size + 1):
        best: int | None = None
        for start in range(0, end - PART_MIN_LETTERS + 1):
            before = fewest[start]
            if before is None or (best is not None and before + 1 >= best):
                continue
            part = piece[start:end]
            if is_part(part) or (end < size and part.endswith("s") and is_part(part[:-1])):
                best = before + 1
        fewest[end] = best
    return fewest[size]


def is_part(part: str) -> bool:
    """Given a folded piece, whether it is a listed word (:func:`form_zipf`) long and
    frequent enough to be a compound part."""
    if len(part) < PART_MIN_LETTERS:
        return False
    return form_zipf(part) >= PART_ZIPF.get(len(part), SWEDISH_MIN_ZIPF)


SHORT_ENDING = 3  # a piece of three letters or fewer below may be a word's ending


def forced_one_word(above: str, first: str, below: str) -> bool | None:
    """Given the folded pieces at a forced break (the piece above, the first piece below and
    all of the word below), whether they are one word, or None when the parts do not tell.

    The two as one listed word: one word when likelier than the two apart (no odds against
    a break: the geometry forced one; "genom" + "gång", not "för" + "nya"). Else one word:
    fewer compound parts joined than apart, so the break fell inside a part ("behörig" +
    "hetstilldelning", "lönehandlägg" + "are"), a compound's first part with its linking
    s before a word that is no function word (:func:`linking_form`, :func:`noun_genitive`),
    a piece below ending a word the piece above's last letters begin ("delårsbok" + "slut":
    :func:`broken_last_part`), or a piece that no list has, no part spells and the join
    neither, with an ending or another such piece below ("tertial" + "vis"). Two words:
    pieces that are words or compounds of their own with the join
    a compound of the same parts ("genomgång" + "behörighetslistan", "sjukfrånvarons" +
    "utveckling"), or a conjunction below ("delår" + "och"). A letter of its own or an
    ending below a word is left to
    :func:`one_broken_word`."""
    joined = form_zipf(above + first) if len(first) > 1 else 0.0  # not a letter alone
    apart = form_zipf(above) + form_zipf(first) - 9
    if joined >= SWEDISH_MIN_ZIPF:
        return joined > apart  # "genom" + "gång", "arbets" + "miljö"; not "för" + "nya"
    if definite_genitive(above) and own_word(first):
        return False  # "leverantörsregistrets" + "ändringar"
    if first in CONJUNCTIONS:
        return False  # "Delår" / "och" / "helår": a conjunction goes on no broken word
    if 0.0 < joined > apart:
        return True
    if web_zipf(above) >= FUNCTION_WORD_ZIPF:
        return None  # "av" + "skyddsronder": a function word starts no unlisted compound
    if below in ONE_LETTER_WORDS:
        return None
    if form_zipf(first) >= FUNCTION_WORD_ZIPF and len(first) > SHORT_ENDING and form_zipf(above):
        return False  # a listed word before "inte", "eller": no compound ends in one
    if running_word_below(above, first):
        return False  # a listed word over a common one, unlisted as one ("attesterar" / "egna")
    parts_above, parts_below = part_count(above), part_count(below)
    if parts_below is None and form_zipf(below) > 0.0 and form_zipf(above) >= COMMON_ZIPF:
        parts_below = 1  # a rare listed word below a common one ("sent" / "inrapporterade")
    parts_joined = part_count(above + below)
    if parts_joined is None:
        lost = parts_above is None and form_zipf(above) == 0.0
        return True if lost and (parts_below is None or len(below) <= SHORT_ENDING) else None
    if parts_above is None or parts_below is None or parts_joined < parts_above + parts_below:
        return True
    if (linking_form(above) or noun_genitive(above)) and web_zipf(first) < FUNCTION_WORD_ZIPF:
        return True  # "delegations" + "ordning", "skydds" + "bedömningar"; not + "inte"
    if broken_last_part(above, first):
        return True  # "delårsbok" + "slut": the break fell inside "bokslut"
    return None if below in INFLECTIONS else False  # "verksamhetsplan" + "en"


COMMON_ZIPF = 4.0  # a word this common on its own starts no word broken after it
RUNNING_WORD_ZIPF = 5.0  # a word this common below a listed word is a word of its own
CONJUNCTIONS = frozenset({"och", "eller", "samt"})  # no word ends in one ("ut", "men" do)
FUNCTION_WORD_ZIPF = 6.0  # "inte", "vid", "och": no compound ends with one


def noun_genitive(piece: str) -> bool:
    """Given a folded piece, whether it reads as a compound's first part: a noun with an s
    added ("funktions", "skydds": its lemma is the piece without the s), rare on its own
    (an indefinite genitive needs a determiner before it: "ett företags", "barns" are
    common, "skydds" is not); not a passive ("granskas", "ses": -as, -es)."""
    if not piece.endswith("s") or piece.endswith(("as", "es")) or len(piece) < 4:
        return False
    return web_zipf(piece) < GENITIVE_MAX_ZIPF and lemma_of(piece).casefold() == piece[:-1]


def broken_last_part(above: str, first: str) -> bool:
    """Given the folded pieces at a forced break, whether the piece below ends a listed
    word the piece above's last letters begin, the rest above being a compound's parts
    ("delårs" + "bok" / "slut": "bokslut"); not a function word below."""
    if web_zipf(first) >= FUNCTION_WORD_ZIPF:
        return False
    for cut in range(PART_MIN_LETTERS, len(above) - PART_MIN_LETTERS + 1):
        head, tail = above[:cut], above[cut:]
        if form_zipf(tail + first) < SWEDISH_MIN_ZIPF:
            continue
        if part_count(head) is not None or linking_form(head):
            return True
    return False


GENITIVE_MAX_ZIPF = 3.5  # an s-form this common stands on its own ("barns", "Sveriges")


def linking_form(piece: str) -> bool:
    """Given a folded piece, whether it reads as a compound's first part with its linking s
    ("delegations", "delårs"): no web list has it, without the s it is a word or parts (the
    last maybe a very common word of two letters: "år"), and no definite form
    ("sjukfrånvarons")."""
    if not piece.endswith("s") or definite_genitive(piece) or web_zipf(piece) > 0.0:
        return False
    stem = piece[:-1]
    if stem[-1:] in ("n", "t") and form_zipf(stem[:-1]) >= SWEDISH_MIN_ZIPF:
        return False  # a definite form's genitive ("sjukfrånvaron" + s)
    if form_zipf(stem) >= SWEDISH_MIN_ZIPF or part_count(stem) is not None:
        return True
    short = stem[-2:]  # a very common word of two letters ends it ("del" + "år")
    return web_zipf(short) >= SHORT_PART_ZIPF and part_count(stem[:-2]) is not None


SHORT_PART_ZIPF = 6.0  # a word of two letters this common may end a compound's first part
