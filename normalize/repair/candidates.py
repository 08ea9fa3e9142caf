"""Candidate spellings for one token: OCR/diacritic channel variants, words and compounds.

A token is read into *variants*: a skeleton (lower case, å/ä as a, ö as o) plus, per
skeleton position, the letters the intended word may have there, and a channel cost for
the rewrites used (e.g. '6' read as ö). Words are found in the skeleton index, compounds
by splitting the skeleton into known parts. All costs are in log10 units like Zipf.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from normalize.repair.lexicon import PART_MIN_LEN, Lexicon, load_lexicon, skeleton

DIACRITIC_COST = 0.3
MAX_VARIANTS = 48
MAX_COSTLY = 2
COSTLY = 1.0
COMPOUND_CAP = 3.2
COMPOUND_PART_PENALTY = 0.4
COMPOUND_MIN_LEN = 7
PART_FLOOR = 2.5
PART_DOMINANCE = 0.5

# (read text, skeleton piece, allowed letters, cost); '' allowed means "the piece itself".
_LOWER_OPTIONS: dict[str, tuple[tuple[str, str, float], ...]] = {
    "a": (("a", "aåä", 0.0),),
    "o": (("o", "oö", 0.0),),
    "å": (("a", "å", 0.0),),
    "ä": (("a", "ä", 0.0),),
    "ö": (("o", "ö", 0.0),),
    "é": (("é", "é", 0.0), ("o", "ö", 0.3), ("a", "ä", 0.5)),
    "è": (("è", "è", 0.0), ("o", "ö", 0.5), ("a", "ä", 0.5)),
    "ë": (("ë", "ë", 0.0), ("o", "ö", 0.5), ("a", "ä", 0.5)),
    "6": (("o", "ö", 0.2),),
    "0": (("o", "ö", 0.6),),
    "&": (("a", "ä", 0.3), ("a", "å", 0.8)),
    "4": (("a", "å", 0.4), ("a", "ä", 0.8)),
    "|": (("l", "l", 0.3),),
    "1": (("l", "l", 1.0),),
    "d": (("d", "d", 0.0), ("o", "ö", 1.2), ("a", "ä", 1.6)),
    "i": (("i", "i", 0.0), ("l", "l", 2.0)),
}
_PAIR_OPTIONS: dict[str, tuple[tuple[str, str, float], ...]] = {
    "dé": (("o", "ö", 0.5),),
    "oé": (("o", "ö", 0.5),),
    "éo": (("o", "ö", 0.5),),
    "éa": (("a", "ä", 0.5),),
    "ao": (("o", "ö", 1.0),),
    "rn": (("m", "m", 2.0),),
}
_SYMBOLS = frozenset("6&4|10")


@dataclass(frozen=True)
class Variant:
    """One reading of a token: skeleton, allowed letters per position, channel cost."""

    skel: str
    allowed: tuple[str, ...]
    cost: float


@dataclass(frozen=True)
class Candidate:
    """One intended lower-case spelling with its frequency and channel cost."""

    word: str
    zipf: float
    cost: float
    compound: bool

    @property
    def score(self) -> float:
        """Given the candidate, return Zipf minus channel cost."""
        return self.zipf - self.cost


def _options(token: str, index: int) -> list[tuple[int, str, str, float]]:
    """Given a token and a position, return (length read, skeleton, allowed, cost) options."""
    char = token[index]
    found: list[tuple[int, str, str, float]] = []
    pair = token[index : index + 2].lower()
    for skel, allowed, cost in _PAIR_OPTIONS.get(pair, ()):
        found.append((2, skel, allowed, cost))
    if char == "I" and index + 1 < len(token) and not token[index + 1].isupper():
        found.append((1, "l", "l", 0.5))
        found.append((1, "i", "i", 0.4))
        return found
    lower = char.lower()
    if lower in _LOWER_OPTIONS:
        found.extend((1, s, a, c) for s, a, c in _LOWER_OPTIONS[lower])
    else:
        found.append((1, lower, lower, 0.0))
    return found


def read_variants(token: str) -> tuple[Variant, ...]:
    """Given a token as written, return its cheapest readings (at most MAX_VARIANTS)."""
    results: list[Variant] = []

    def walk(index: int, skel: str, allowed: tuple[str, ...], cost: float, costly: int) -> None:
        if len(results) >= MAX_VARIANTS * 4:
            return
        if index == len(token):
            results.append(Variant(skel, allowed, round(cost, 3)))
            return
        for length, piece, letters, step in _options(token, index):
            heavy = costly + (1 if step >= COSTLY else 0)
            if heavy <= MAX_COSTLY:
                walk(index + length, skel + piece, (*allowed, letters), cost + step, heavy)

    walk(0, "", (), 0.0, 0)
    results.sort(key=lambda v: v.cost)
    return tuple(results[:MAX_VARIANTS])


def fits(word: str, allowed: tuple[str, ...]) -> bool:
    """Given a word and allowed letters per position, say whether the word fits them all."""
    return len(word) == len(allowed) and all(c in a for c, a in zip(word, allowed, strict=True))


def diacritic_cost(word: str, skel: str, allowed: tuple[str, ...]) -> float:
    """Given a word read from a plain skeleton, return the cost of the diacritics it adds."""
    added = sum(1 for c, s, a in zip(word, skel, allowed, strict=True) if c != s and len(a) > 1)
    return DIACRITIC_COST * added


def _part_zipf(lexicon: Lexicon, part: str) -> float:
    """Given a compound part (maybe with a linking s or a dropped vowel), return its Zipf."""
    for base in (part, part[:-1], part + "e", part + "a", part[:-1] + "e", part[:-1] + "a"):
        if base in lexicon.zipf:
            return lexicon.zipf[base]
    return PART_FLOOR


def _best_part(
    lexicon: Lexicon, skel: str, allowed: tuple[str, ...], final: bool
) -> tuple[str, float] | None:
    """Given a skeleton piece, return the best fitting compound part and its score.

    A part read as written must not have a much more frequent spelling with other
    letters ('ater' when 'åter' exists): that is the damage this repair looks for.
    """
    table = lexicon.final_parts if final else lexicon.inner_parts
    forms = table.get(skel, ())
    for word in forms:
        if fits(word, allowed):
            zipf = _part_zipf(lexicon, word)
            if word != forms[0] and _part_zipf(lexicon, forms[0]) > zipf + PART_DOMINANCE:
                return None
            return word, zipf - diacritic_cost(word, skel, allowed)
    return None


def split_compound(lexicon: Lexicon, variant: Variant) -> Candidate | None:
    """Given a variant, return the best reading as a compound of known parts, if any."""
    skel, allowed = variant.skel, variant.allowed
    size = len(skel)
    if size < COMPOUND_MIN_LEN:
        return None
    best: list[tuple[float, list[str], float] | None] = [None] * (size + 1)
    best[0] = (0.0, [], 99.0)
    for start in range(size):
        here = best[start]
        if here is None:
            continue
        for end in range(start + PART_MIN_LEN, size + 1):
            if end < size and size - end < PART_MIN_LEN:
                continue
            part = _best_part(lexicon, skel[start:end], allowed[start:end], end == size)
            if part is None:
                continue
            total = here[0] + part[1] - 6.0
            lowest = min(here[2], part[1])
            current = best[end]
            if current is None or total > current[0]:
                best[end] = (total, [*here[1], part[0]], lowest)
    final = best[size]
    if final is None or len(final[1]) < 2:
        return None
    parts = final[1]
    zipf = min(COMPOUND_CAP, final[2] - COMPOUND_PART_PENALTY * (len(parts) - 1))
    return Candidate("".join(parts), round(zipf, 3), variant.cost, True)


def word_candidates(lexicon: Lexicon, variant: Variant) -> list[Candidate]:
    """Given a variant, return the whole words that fit it."""
    words = list(lexicon.by_skeleton.get(variant.skel, ()))
    if variant.skel in lexicon.zipf:
        words.append(variant.skel)
    return [
        Candidate(
            w,
            lexicon.zipf[w],
            variant.cost + diacritic_cost(w, variant.skel, variant.allowed),
            False,
        )
        for w in words
        if fits(w, variant.allowed)
    ]


@lru_cache(maxsize=200_000)
def candidates(token: str) -> tuple[Candidate, ...]:
    """Given a token as written, return its candidate spellings, best score first."""
    lexicon = load_lexicon()
    found: dict[str, Candidate] = {}
    for variant in read_variants(token):
        options = word_candidates(lexicon, variant)
        if not any(not c.compound and c.zipf >= 3.0 for c in options):
            compound = split_compound(lexicon, variant)
            if compound is not None:
                options.append(compound)
        for option in options:
            known = found.get(option.word)
            if known is None or option.score > known.score:
                found[option.word] = option
    return tuple(sorted(found.values(), key=lambda c: -c.score))


def as_is(token: str) -> Candidate:
    """Given a token as written, return it as a candidate: its own Zipf or compound reading."""
    lexicon = load_lexicon()
    lower = token.lower()
    if lower in lexicon.zipf:
        return Candidate(lower, lexicon.zipf[lower], 0.0, False)
    fixed = Variant(lower, tuple(lower), 0.0)
    compound = split_compound(lexicon, fixed) if lower.isalpha() else None
    return compound if compound is not None else Candidate(lower, 0.0, 0.0, False)


def is_plain_skeleton(word: str) -> bool:
    """Given a lower-case word, say whether it is its own skeleton (no å/ä/ö)."""
    return skeleton(word) == word
