"""Candidate spellings for one token: OCR/diacritic channel variants, words and compounds.

A token is read into *variants*: a skeleton (lower case, å/ä as a, ö as o) plus, per
skeleton position, the letters the intended word may have there, and a channel cost for
the rewrites used (e.g. '6' read as ö). Words are found in the skeleton index, compounds
by splitting the skeleton into known parts. All costs are in log10 units like Zipf.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final, NamedTuple

from riskrad.model.lexicon import (
    PART_MIN_LEN,
    Lexicon,
    PartEntry,
    Spellings,
    load_lexicon,
    skeleton,
)
from riskrad.model.wordstore import BatchMap

DIACRITIC_COST: Final = 0.3
PART_DIACRITIC_COST: Final = 0.1
MAX_VARIANTS: Final = 48
MAX_COMPOUND_VARIANTS: Final = 8
MAX_COSTLY: Final = 2
COSTLY: Final = 1.0
COMPOUND_CAP: Final = 3.0
COMPOUND_BASE: Final = 2.0
PART_COST: Final = 7.0
EXTRA_PART: Final = 1.5
COMPOUND_MIN_LEN: Final = 7
LONG_WORD_FLOOR: Final = 3.0
# A word no list has, whose inflected forms a dictionary has ('tertial' from 'tertialet').
INFLECTIONS: Final = ("en", "et", "er", "ar", "or", "na", "erna", "arna", "s")
INFLECTION_MIN_LEN: Final = 5
INFLECTED_ZIPF: Final = 2.0
PART_DOMINANCE: Final = 1.0

# (read text, skeleton piece, allowed letters, cost); '' allowed means "the piece itself".
_LOWER_OPTIONS: Final[dict[str, tuple[tuple[str, str, float], ...]]] = {
    "a": (("a", "aåä", 0.0),),
    "o": (("o", "oö", 0.0),),
    "å": (("a", "å", 0.0),),
    "ä": (("a", "ä", 0.0),),
    "ö": (("o", "ö", 0.0),),
    "é": (("é", "é", 0.0), ("o", "ö", 0.1), ("a", "ä", 0.8)),
    "è": (("è", "è", 0.0), ("o", "ö", 0.5), ("a", "ä", 0.5)),
    "ë": (("ë", "ë", 0.0), ("o", "ö", 0.5), ("a", "ä", 0.5)),
    "6": (("o", "ö", 0.2),),
    "0": (("o", "ö", 0.6),),
    "&": (("a", "ä", 0.3), ("a", "å", 0.8)),
    "4": (("a", "ä", 0.4), ("a", "å", 0.5)),
    "|": (("l", "l", 0.3),),
    "1": (("l", "l", 1.0),),
    "d": (("d", "d", 0.0), ("a", "ä", 1.2), ("o", "ö", 1.3)),
    "i": (("i", "i", 0.0), ("a", "ä", 1.8), ("l", "l", 2.0)),
    "m": (("m", "m", 0.0), ("rn", "rn", 1.5)),
    "w": (("w", "w", 0.0), ("v", "v", 1.5), ("vv", "vv", 1.5)),
}
_PAIR_OPTIONS: Final[dict[str, tuple[tuple[str, str, float], ...]]] = {
    "dé": (("o", "ö", 0.5),),
    "oé": (("o", "ö", 0.5),),
    "éo": (("o", "ö", 0.5),),
    "éa": (("a", "ä", 0.5),),
    "aé": (("a", "ä", 0.5),),
    "6é": (("o", "ö", 0.3),),
    "é6": (("o", "ö", 0.3),),
    "o6": (("o", "ö", 0.5),),
    "6o": (("o", "ö", 0.3),),
    "oo": (("o", "ö", 1.5),),
    "ao": (("o", "ö", 1.0),),
    "rn": (("m", "m", 2.0),),
}
# Capitals inside a lower-case word that the English model reads for Swedish letters.
_INNER_CAPITALS: Final[dict[str, tuple[tuple[str, str, float], ...]]] = {
    "G": (("o", "ö", 0.8),),
    "O": (("o", "ö", 0.3),),
    "A": (("a", "ä", 0.5), ("a", "å", 0.8)),
}
_INNER_PAIRS: Final[dict[str, tuple[tuple[str, str, float], ...]]] = {
    "oO": (("o", "ö", 0.3),),
    "éO": (("o", "ö", 0.3),),
    "Od": (("o", "ö", 0.5),),
}
_SYMBOLS: Final = frozenset("6&4|10")


class Variant(NamedTuple):
    """One reading of a token: skeleton, allowed letters per position, channel cost."""

    skel: str
    allowed: tuple[str, ...]
    cost: float


class Candidate(NamedTuple):
    """One intended lower-case spelling with its frequency and channel cost."""

    word: str
    zipf: float
    cost: float
    added: int
    compound: bool

    @property
    def score(self) -> float:
        """Given the candidate, return Zipf minus channel cost at the default diacritic cost."""
        return self.zipf - self.cost - DIACRITIC_COST * self.added

    def score_at(self, diacritic: float) -> float:
        """Given a cost per restored diacritic, return Zipf minus channel cost."""
        return self.zipf - self.cost - diacritic * self.added


# How namedtuple's own __new__ and _make make an instance. Called directly it makes the
# same tuple without the Python frame of the generated __new__, which a compiled caller
# (native.py) otherwise pays for each of the thousands of readings a pass makes.
_TUPLE_NEW: Final = tuple.__new__


def new_candidate(word: str, zipf: float, cost: float, added: int, compound: bool) -> Candidate:
    """Given a candidate's fields, Candidate(word, zipf, cost, added, compound)."""
    return _TUPLE_NEW(Candidate, (word, zipf, cost, added, compound))


def _new_variant(skel: str, allowed: tuple[str, ...], cost: float) -> Variant:
    """Given a variant's fields, Variant(skel, allowed, cost)."""
    return _TUPLE_NEW(Variant, (skel, allowed, cost))


# round(cost, 3) by cost (round is slow; a pass meets few distinct costs: sums of a few
# step costs, and compound Zipfs).
_ROUNDED: Final[dict[float, float]] = {}


def _round3(value: float) -> float:
    """Given a float, round(value, 3) (remembered)."""
    found = _ROUNDED.get(value)
    if found is None:
        if len(_ROUNDED) > CACHE_LIMIT:
            _ROUNDED.clear()
        found = _ROUNDED[value] = round(value, 3)
    return found


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
    inner = 0 < index < len(token) - 1 and token[index - 1].islower()
    if inner or (index == 0 and len(token) > 1 and token[1].islower()):
        for skel, allowed, cost in _INNER_PAIRS.get(token[index : index + 2], ()):
            found.append((2, skel, allowed, cost))
    if char in _INNER_CAPITALS and inner and token[index + 1].islower():
        found.append((1, char.lower(), char.lower(), 0.0))
        found.extend((1, s, a, c) for s, a, c in _INNER_CAPITALS[char])
        return found
    lower = char.lower()
    if lower in _LOWER_OPTIONS:
        found.extend((1, s, a, c) for s, a, c in _LOWER_OPTIONS[lower])
    else:
        found.append((1, lower, lower, 0.0))
    return found


Step = tuple[int, str, tuple[str, ...], float, int]


def _steps(token: str, index: int) -> tuple[Step, ...]:
    """Given a token and a position, return (length read, skeleton, allowed per skeleton
    letter, cost, 1 if costly) for each option there.

    A lower-case letter that begins no pair _options knows has the options of the letter
    alone (cached by letter: most positions are such letters).
    """
    char = token[index]
    window = token[index : index + 2]
    if char.islower() and window not in _INNER_PAIRS and window.lower() not in _PAIR_OPTIONS:
        found = _LETTER_STEPS.get(char)
        if found is None:
            found = _LETTER_STEPS[char] = _steps_in("", char)
        return found
    return _steps_in(token[index - 1] if index else "", window)


# The steps of a lower-case letter that begins no pair: letter -> steps.
_LETTER_STEPS: Final[dict[str, tuple[Step, ...]]] = {}
# The letters some pair _options knows begins with (lower case, as _steps compares them).
_PAIR_STARTS: Final = frozenset(pair[0] for pair in (*_PAIR_OPTIONS, *_INNER_PAIRS))


@lru_cache(maxsize=20_000)
def _steps_in(before: str, window: str) -> tuple[Step, ...]:
    """Given the letter before a position ('' at the start) and the one or two letters
    from it, the steps there: all that _options reads of a token (cached)."""
    token = before + window
    return tuple(
        (length, piece, (letters,) if len(piece) == 1 else tuple(piece), cost, cost >= COSTLY)
        for length, piece, letters, cost in _options(token, len(before))
    )


@lru_cache(maxsize=200_000)
def read_variants(token: str) -> tuple[Variant, ...]:
    """Given a token as written, return its cheapest readings (at most MAX_VARIANTS): the
    first MAX_VARIANTS * 4 readings of the walk (see _walk), sorted by cost (cached; a stable
    sort of their positions by rounded cost, so only the kept ones are made)."""
    readings = _walk(token)[: MAX_VARIANTS * 4]
    costs = [_round3(cost) for _, _, cost in readings]
    kept = sorted(range(len(readings)), key=costs.__getitem__)[:MAX_VARIANTS]
    return tuple(_new_variant(readings[i][0], readings[i][1], costs[i]) for i in kept)


Reading = tuple[str, tuple[str, ...], float]


# The last token walked and its readings: settled walks a word, and when it does not settle
# it, read_variants asks for the same token's readings next (most tokens are walked once, so
# the readings are not kept beyond that).
_LAST_WALK: Final[list[tuple[str | None, tuple[Reading, ...]]]] = [(None, ())]


def _walk(token: str) -> tuple[Reading, ...]:
    """Given a token as written, its readings within MAX_COSTLY costly steps as (skeleton,
    allowed letters, cost), walked depth first with options in order, stopping after
    MAX_VARIANTS * 4 + 1 (more than MAX_VARIANTS * 4 means "too many to check"); a run of
    positions with one option each is read in one go (the last token's are remembered:
    settled and read_variants both read them)."""
    last = _LAST_WALK[0]
    if last[0] == token:
        return last[1]
    readings = _walk_readings(token)
    _LAST_WALK[0] = (token, readings)
    return readings


def _walk_readings(token: str) -> tuple[Reading, ...]:
    """Given a token as written, its readings (see _walk)."""
    size = len(token)
    letter_steps = _LETTER_STEPS
    steps = []
    for index, char in enumerate(token):
        found = letter_steps.get(char)
        if found is None:
            found = _steps(token, index)
        elif char in _PAIR_STARTS:  # a lower-case letter: _steps' test, inline
            window = token[index : index + 2]
            if window in _INNER_PAIRS or window.lower() in _PAIR_OPTIONS:
                found = _steps_in(token[index - 1] if index else "", window)
        steps.append(found)
    runs: dict[int, Run] = {}
    results: list[Reading] = []
    if sum(1 for options in steps if len(options) > 1) <= MAX_WALK_DEPTH:
        _walk_from(steps, runs, size, 0, "", (), 0.0, 0, results)
        return tuple(results)
    limit = MAX_VARIANTS * 4 + 1
    todo: list[tuple[int, str, tuple[str, ...], float, int]] = [(0, "", (), 0.0, 0)]
    while todo:
        index, skel, allowed, cost, costly = todo.pop()
        run = runs.get(index)
        if run is None:
            run = runs[index] = _run(steps, index)
        end, piece, letters, costs, heavy = run
        if heavy:
            costly += heavy
            if costly > MAX_COSTLY:
                continue
        for step in costs:
            cost += step
        skel, allowed = skel + piece, allowed + letters
        if end == size:
            results.append((skel, allowed, cost))
            if len(results) >= limit:
                break
            continue
        for length, piece, letters, step, heavy in reversed(steps[end]):
            if costly + heavy <= MAX_COSTLY:
                todo.append(
                    (end + length, skel + piece, allowed + letters, cost + step, costly + heavy)
                )
    return tuple(results)


# A token with more positions of several options than this is walked with a list of
# positions to visit, not by recursion (each such position is a level of it).
MAX_WALK_DEPTH: Final = 200
Run = tuple[int, str, tuple[str, ...], tuple[float, ...], int]


def _walk_from(
    steps: list[tuple[Step, ...]],
    runs: dict[int, Run],
    size: int,
    index: int,
    skel: str,
    allowed: tuple[str, ...],
    cost: float,
    costly: int,
    results: list[Reading],
) -> bool:
    """Given a token's steps, its runs so far (filled in), its length, a position and the
    reading up to it, add the readings from there to results as _walk_readings' list walk
    adds them (depth first, options in order; a compiled recursion boxes nothing); False
    once results has MAX_VARIANTS * 4 + 1 (the walk stops)."""
    run = runs.get(index)
    if run is None:
        run = runs[index] = _run(steps, index)
    end, piece, letters, costs, heavy = run
    if heavy:
        costly += heavy
        if costly > MAX_COSTLY:
            return True
    for step in costs:
        cost += step
    skel, allowed = skel + piece, allowed + letters
    if end == size:
        results.append((skel, allowed, cost))
        return len(results) <= MAX_VARIANTS * 4
    for length, piece, letters, step, heavy in steps[end]:
        if costly + heavy <= MAX_COSTLY and not _walk_from(
            steps, runs, size, end + length, skel + piece, allowed + letters, cost + step,
            costly + heavy, results,
        ):
            return False
    return True


def _run(steps: list[tuple[Step, ...]], index: int) -> Run:
    """Given a token's steps and a position, the run of one-option positions from it:
    (where the run ends, skeleton, allowed letters, the non-zero costs in order, costly
    steps); an empty run where the position has several options."""
    size = len(steps)
    pieces: list[str] = []
    letters: tuple[str, ...] = ()
    costs: list[float] = []
    heavy = 0
    while index < size:
        options = steps[index]
        if len(options) != 1:
            break
        length, piece, more, step, costly = options[0]
        pieces.append(piece)
        letters += more
        if step:
            costs.append(step)
        heavy += costly
        index += length
    return index, "".join(pieces), letters, tuple(costs), heavy


def fits(word: str, allowed: tuple[str, ...]) -> bool:
    """Given a word and allowed letters per position, say whether the word fits them all."""
    size = len(word)
    if size != len(allowed):
        return False
    # all() over a generator mypyc compiles to a loop (map over str.__contains__ is a call)
    return all(word[index] in allowed[index] for index in range(size))


def added_diacritics(word: str, skel: str, allowed: tuple[str, ...]) -> int:
    """Given a word read from a plain skeleton, return how many diacritics it adds."""
    if word == skel:
        return 0
    if len(word) != len(skel) or len(word) != len(allowed):
        raise ValueError("a word, its skeleton and its allowed letters differ in length")
    added = 0
    for index, letter in enumerate(word):
        if letter != skel[index] and len(allowed[index]) > 1:
            added += 1
    return added


# The own scores of the compound parts this process has chosen (for the weakest part).
_PART_SCORES: Final[dict[str, float]] = {}
CACHE_LIMIT: Final = 400_000


def _best_part(
    entry: PartEntry, skel: str, allowed: tuple[str, ...], final: bool
) -> tuple[str, float] | None:
    """Given a skeleton piece's parts, return the best fitting compound part and its score
    (and remember the part's own score for the compound's weakest part).

    A part read as written must not have a much more frequent spelling with other
    letters ('ater' when 'åter' exists): that is the damage this repair looks for.
    Letters read as written (one allowed letter a position) fit one word only, which is
    looked up; otherwise each part is checked (see fits and added_diacritics).
    """
    count = entry.final if final else len(entry.words)
    top = entry.top_final if final else entry.top_inner
    words, scores = entry.words, entry.scores
    written = "".join(allowed)
    if len(written) == len(allowed):  # one letter a position (none is ever empty)
        if written not in words[:count]:
            return None
        zipf = scores[words.index(written)]
        if zipf + PART_DOMINANCE < top and written == skel:
            return None
        _PART_SCORES[written] = zipf
        return written, zipf
    size = len(allowed)
    best: tuple[str, float] | None = None
    chosen = 0
    for index in range(count):
        word = words[index]
        if not fits(word, allowed):
            continue
        added = 0
        if word != skel:  # skel and allowed have the word's length: it fits them
            for position in range(size):
                if word[position] != skel[position] and len(allowed[position]) > 1:
                    added += 1
        score = scores[index] - PART_DIACRITIC_COST * added
        if best is None or score > best[1]:
            best, chosen = (word, score), index
    if best is not None:
        _PART_SCORES[best[0]] = scores[chosen]
    return best


# The best part of a piece by its allowed letters (cached: pieces recur across variants
# and words): (piece, allowed, final) -> part or None.
_FITTING: Final[dict[tuple[str, tuple[str, ...], bool], tuple[str, float] | None]] = {}
_UNFIT: Final = object()


# The pieces with parts that may start a rest: rest -> pieces, shortest first.
_PIECES: Final[dict[str, tuple[str, ...]]] = {}


def _starting_pieces(lexicon: Lexicon, rest: str) -> tuple[str, ...]:
    """Given the rest of a skeleton from one position, the pieces that begin it and have
    compound parts (at least PART_MIN_LEN long, and the whole rest or leaving at least
    PART_MIN_LEN), shortest first; the store's prefix index names them (their parts are
    read where a fit is tried). Cached: the as-is reading and the variants of a word ask
    for the same rests."""
    found = _PIECES.get(rest)
    if found is not None:
        return found
    if len(_PIECES) > CACHE_LIMIT:
        _PIECES.clear()
    size = len(rest)
    longest = size - PART_MIN_LEN
    found = _PIECES[rest] = tuple(
        piece
        for piece in lexicon.parts.prefixes(rest)
        if PART_MIN_LEN <= len(piece) <= longest or len(piece) == size
    )
    return found


def _last_final_start(lexicon: Lexicon, skel: str, allowed: tuple[str, ...]) -> int | None:
    """Given a skeleton and its allowed letters, the last position from which a fitting
    final part ends it (at least PART_MIN_LEN from either end), or None when none does
    and no compound of two parts or more can read it. The store's index of reversed
    final pieces names the pieces that end the skeleton, shortest first; their fits are
    the ones the split itself would make (kept in _FITTING)."""
    size = len(skel)
    fitting = _FITTING
    parts = lexicon.parts
    for reversed_piece in lexicon.part_ends.prefixes(skel[::-1]):
        length = len(reversed_piece)
        if length < PART_MIN_LEN:
            continue
        start = size - length
        if start < PART_MIN_LEN:
            break
        fit_key = (skel[start:], allowed[start:], True)
        part = fitting.get(fit_key, _UNFIT)
        if part is _UNFIT:
            entry = parts.get(fit_key[0])
            part = fitting[fit_key] = (
                None if entry is None else _best_part(entry, fit_key[0], fit_key[1], True)
            )
        if part is not None:
            return start
    return None


def split_compound(lexicon: Lexicon, variant: Variant) -> Candidate | None:
    """Given a variant, return the best reading as a compound of known parts, if any.

    Parts are chosen to maximise sum(part score - PART_COST), so fewer, commoner parts
    win. The compound's Zipf is calibrated from its weakest part and its number of parts:
    COMPOUND_BASE + 0.5 * (weakest - 3) - EXTRA_PART * (parts - 2), at most COMPOUND_CAP.
    """
    skel, allowed = variant.skel, variant.allowed
    size = len(skel)
    if size < COMPOUND_MIN_LEN:
        return None
    last = _last_final_start(lexicon, skel, allowed)
    if last is None:
        return None
    # best[end]: the best sum up to a position; came[end]: where its last part starts, and it
    # (a position's best is final before any part from it is tried: parts go forward). No
    # part after `last` is tried: a split that reaches the end goes through a final part,
    # which starts at `last` or before.
    # The parts tried from a position: the best fitting part of each piece that begins
    # the rest there (see _starting_pieces), shortest first; a piece's fit is kept in
    # _FITTING (a token's variants share most rests, and words share endings). A piece
    # that ends after `last` but before the end is skipped: no final part can follow it.
    best: list[float | None] = [None] * (size + 1)
    came: list[tuple[int, str]] = [(0, "")] * (size + 1)
    best[0] = 0.0
    if len(_FITTING) > CACHE_LIMIT:
        _FITTING.clear()
    fitting = _FITTING
    entries = lexicon.parts
    for start in range(last + 1):
        here = best[start]
        if here is None:
            continue
        for piece in _starting_pieces(lexicon, skel[start:]):
            end = start + len(piece)
            if last < end < size:
                continue
            fit_key = (piece, allowed[start:end], end == size)
            part = fitting.get(fit_key, _UNFIT)
            if part is _UNFIT:
                entry = entries.get(piece)
                part = fitting[fit_key] = (
                    None if entry is None else _best_part(entry, piece, fit_key[1], end == size)
                )
            if part is None:
                continue
            total = here + part[1] - PART_COST  # type: ignore[index]
            current = best[end]
            if current is None or total > current:
                best[end] = total
                came[end] = (start, part[0])  # type: ignore[index]
    if best[size] is None:
        return None
    found: list[str] = []
    position = size
    while position:
        position, part = came[position]
        found.append(part)
    if len(found) < 2:
        return None
    parts = found[::-1]
    word = "".join(parts)
    weakest = min(_PART_SCORES[part] for part in parts)
    zipf = COMPOUND_BASE + 0.5 * (weakest - 3.0) - EXTRA_PART * (len(parts) - 2)
    added = added_diacritics(word, skel, allowed)
    return new_candidate(word, _round3(min(zipf, COMPOUND_CAP)), variant.cost, added, True)


def word_candidates(lexicon: Lexicon, variant: Variant) -> list[Candidate]:
    """Given a variant, return the whole words that fit it."""
    return _fitting_words(lexicon.by_skeleton.get(variant.skel, ()), variant)


def _fitting_words(spelled: Spellings, variant: Variant) -> list[Candidate]:
    """Given the spellings of a variant's skeleton and the variant, the whole words that fit it."""
    return [
        new_candidate(
            w,
            _word_zipf(w, zipf),
            variant.cost,
            added_diacritics(w, variant.skel, variant.allowed),
            False,
        )
        for w, zipf in spelled
        if fits(w, variant.allowed)
    ]


def _word_zipf(word: str, zipf: float) -> float:
    """Given a known word and its Zipf, return the Zipf floored for long words with å/ä/ö.

    Long words with Swedish letters are real even when rare; stripped web spellings
    have no å/ä/ö, so the floor never lifts them.
    """
    if len(word) >= COMPOUND_MIN_LEN and not is_plain_skeleton(word):
        return max(zipf, LONG_WORD_FLOOR)
    return zipf


@lru_cache(maxsize=200_000)
def candidates(token: str) -> tuple[Candidate, ...]:
    """Given a token as written, return its candidate spellings, best score first (a
    capitalised word has its lower-case form's: the channel reads them alike)."""
    if reads_as_lower(token):
        return candidates(token.lower())
    lexicon = load_lexicon()
    found: dict[str, Candidate] = {}
    lower = token.lower()
    dictionary_word = lower in lexicon.spacy_forms or lower in lexicon.domain
    variants = read_variants(token)
    spellings_of = lexicon.by_skeleton.get
    for rank, variant in enumerate(variants):
        spelled = spellings_of(variant.skel, ())  # word_candidates, inline: most have none
        options = _fitting_words(spelled, variant) if spelled else []
        if (
            not dictionary_word
            and rank < MAX_COMPOUND_VARIANTS
            and not any(not c.compound and c.zipf >= 3.0 for c in options)
        ):
            compound = split_compound(lexicon, variant)
            if compound is not None:
                options.append(compound)
        for option in options:
            known = found.get(option.word)
            if known is None or option.score > known.score:
                found[option.word] = option
    return tuple(sorted(found.values(), key=lambda c: -c.score))


def settled(token: str, gap: float) -> Candidate | None:
    """Given a token and a gap, its as-is reading when it is a dictionary word and no other
    spelling any reading of it can reach has a Zipf within gap of it; else None.

    Exact, without building candidates: a dictionary word gets no compound candidates,
    and its word candidates come from variant skeletons, all of which are among the
    readings walked here (every reading within MAX_COSTLY costly steps, no cut-offs). A
    token with more than MAX_VARIANTS * 4 readings is left to the full path.
    """
    lexicon = load_lexicon()
    lower = token.lower()
    if not (lower in lexicon.spacy_forms or lower in lexicon.domain):
        return None
    zipf = lexicon.zipf.get(lower)
    if zipf is None:
        return None
    readings = _walk(lower if reads_as_lower(token) else token)
    if len(readings) > MAX_VARIANTS * 4:
        return None
    floor = zipf - gap
    spellings_of = lexicon.by_skeleton.get
    for skel, allowed, _ in readings:
        for word, found in spellings_of(skel, ()):
            if word != lower and fits(word, allowed) and _word_zipf(word, found) >= floor:
                return None
    return new_candidate(lower, zipf, 0.0, 0, False)


_CAPITALS_READ_AS_LOWER: Final = frozenset("ABCDEFGHJKLMNOPQRSTUVWXYZÅÄÖÉ")


def reads_as_lower(token: str) -> bool:
    """Given a token, whether its readings are its lower-case form's: a capital (not 'I',
    not the 'Od' pair) before lower-case letters; _options tells them apart nowhere else."""
    return (
        len(token) > 1
        and token[0] in _CAPITALS_READ_AS_LOWER
        and token[1:].islower()
        and not token.startswith("Od")
    )


def as_is(token: str) -> Candidate:
    """Given a token as written, return it as a candidate: its own Zipf or compound reading."""
    lexicon = load_lexicon()
    lower = token.lower()
    zipf = lexicon.zipf.get(lower)
    if zipf is not None:
        return new_candidate(lower, zipf, 0.0, 0, False)
    if len(lower) >= INFLECTION_MIN_LEN and _has_dictionary_word(
        lexicon, [lower + ending for ending in INFLECTIONS]
    ):
        return new_candidate(lower, INFLECTED_ZIPF, 0.0, 0, False)
    fixed = _new_variant(lower, tuple(lower), 0.0)
    compound = split_compound(lexicon, fixed) if lower.isalpha() else None
    return compound if compound is not None else new_candidate(lower, 0.0, 0.0, 0, False)


def _has_dictionary_word(lexicon: Lexicon, words: list[str]) -> bool:
    """Given the lexicon and lower-case words, say whether spaCy's table or the project's
    texts have any (a table none of whose keys begins as all the words begin is not asked
    for each)."""
    start = _common_start(words)
    for table in (lexicon.spacy_forms, lexicon.domain):
        if isinstance(table, BatchMap):
            if table.may_begin(start) and table.fetch_many(words):
                return True
        elif any(word in table for word in words):
            return True
    return False


def _common_start(words: list[str]) -> str:
    """Given words, the longest text they all begin with."""
    start = words[0] if words else ""
    for word in words[1:]:
        while not word.startswith(start):
            start = start[:-1]
    return start


def is_plain_skeleton(word: str) -> bool:
    """Given a lower-case word, say whether it is its own skeleton (no å/ä/ö)."""
    return skeleton(word) == word
