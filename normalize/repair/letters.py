"""Repair 3: restore Swedish letters (stripped å/ä/ö, English-model OCR confusions).

A noisy-channel choice per token among candidate spellings (see candidates.py), scored
by Swedish frequency minus channel cost, plus a bigram context score from clean Swedish
text. A token that is a plausible word as it stands keeps a bonus, larger when the text
shows no sign of damage, so correct text is left alone.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from riskrad.model.lexicon import Lexicon, load_lexicon
from riskrad.model.settings import LetterSettings
from riskrad.normalize.repair.candidates import (
    Candidate,
    as_is,
    candidates,
    new_candidate,
    reads_as_lower,
    settled,
)
from riskrad.normalize.repair.model import Change, apply_changes

REPAIR_NAME: Final = "letters"
_TOKEN: Final = re.compile(r"[^\W_]*[A-Za-zÅÄÖåäöÉéèë|&][^\W_]*(?:[&|][^\W_]+)*|[&|][^\W_]+")
_NUMBER: Final = re.compile(r"\d+(?:[.,:/-]\d+)*")
_WORD_OR_NUMBER: Final = re.compile(f"(?:{_TOKEN.pattern})|(?:{_NUMBER.pattern})")
NUMBER_CLASS: Final = "<num>"
# A spelling this much rarer than the token as written cannot win, even with context.
HOPELESS_GAP: Final = 4.0
_PROTECTED: Final = re.compile(r"\S*(?:://|www\.|@)\S*")
_BREAK: Final = re.compile(r"[.!?:;\n()\[\]\"”“]")
_OCR_DIGITS: Final = frozenset("6041")
_ORDINAL: Final = re.compile(r"\d+[aeAE]")
_SWEDISH: Final = frozenset("åäöÅÄÖ")
# A capital after a lower-case letter ('iPad'): a code, not a word. A, G, I and O are left
# out: the English model reads them inside Swedish words.
_UPPER_AFTER_LOWER: Final = re.compile(r"[a-zåäöé][B-FH-HJ-NP-ZÅÄÖ]")


SETTINGS = LetterSettings()


class Slot:
    """One word or number token of the text, its as-is reading and its candidates (read
    only; a plain class, so compiled its fields are read directly)."""

    def __init__(
        self,
        start: int,
        end: int,
        token: str,
        eligible: bool,
        stay: Candidate,
        options: tuple[Candidate, ...],
    ) -> None:
        """Given the slot's fields, the slot."""
        self.start: Final = start
        self.end: Final = end
        self.token: Final = token
        self.eligible: Final = eligible
        self.stay: Final = stay
        self.options: Final = options


@lru_cache(maxsize=200_000)
def eligible(token: str) -> bool:
    """Given a token, say whether the letter repair may touch it (not codes or acronyms;
    cached)."""
    if token.isalpha():  # the common case, with the same answer as below (no digits)
        if all(map(str.isupper, token)):
            return len(token) >= 6
        return _UPPER_AFTER_LOWER.search(token) is None
    letters = [c for c in token if c.isalpha()]
    if not letters:
        return False
    digits = [c for c in token if c.isdigit()]
    if digits and (
        not set(digits) <= _OCR_DIGITS or len(digits) > len(letters) or _ORDINAL.fullmatch(token)
    ):
        return False
    if all(c.isupper() for c in letters):
        return len(letters) >= 6 and not digits
    return _UPPER_AFTER_LOWER.search(token) is None


def restore_case(token: str, word: str) -> str:
    """Given the written token and a lower-case spelling, return the spelling in its case."""
    if token.islower():  # no capital, so none of the cases below (the common case)
        return word
    letters = [c for c in token if c.isalpha() and c not in "I"]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return word.upper()
    first = token[0]
    if first.isupper() and first != "I":
        return word[:1].upper() + word[1:]
    if first == "I" and word.startswith("i"):
        return "I" + word[1:]
    return word


@lru_cache(maxsize=200_000)
def analyse(token: str) -> tuple[Candidate, tuple[Candidate, ...]]:
    """Given a token, return its as-is reading and its top candidates (cached)."""
    return as_is(token), candidates(token)[:6]


@lru_cache(maxsize=200_000)
def _reading(token: str) -> tuple[bool, Candidate, tuple[Candidate, ...]]:
    """Given a token, return (eligible, as-is reading, candidates if any differ from it);
    a capitalised word reads as its lower-case form (cached)."""
    if reads_as_lower(token):
        return _reading(token.lower())
    if not eligible(token):
        word = NUMBER_CLASS if _NUMBER.fullmatch(token) else token.lower()
        return False, new_candidate(word, 0.0, 0.0, 0, False), ()
    settled_word = settled(token, HOPELESS_GAP)
    if settled_word is not None:
        return True, settled_word, ()
    stay, options = analyse(token)
    hopeless = stay.zipf - HOPELESS_GAP
    options = tuple(o for o in options if o.word == stay.word or o.zipf >= hopeless)
    if all(option.word == stay.word for option in options):
        options = ()
    return True, stay, options


def _lift(seen: int, total: int, base: float, smoothing: float) -> float:
    """Given a bigram count, its context total and the word's base rate, return log10 lift.

    P(w|ctx) = l * seen/total + (1 - l) * base with l = total / (total + smoothing);
    the lift is log10(P(w|ctx) / base), 0 when the pair was never seen.
    """
    if seen == 0 or total == 0:
        return 0.0
    weight = total / (total + smoothing)
    return math.log10(1.0 + weight * (seen / total) / ((1.0 - weight) * base))


def _pair_totals(lexicon: Lexicon, prev: str | None, nxt: str | None) -> tuple[int, int]:
    """Given a slot's neighbours, how many pairs the one before starts and the one after
    ends (0 for no neighbour): the same for every spelling of the slot (see _context)."""
    before = lexicon.left_totals.get(prev, 0) if prev is not None else 0
    after = lexicon.right_totals.get(nxt, 0) if nxt is not None else 0
    return before, after


def _context(
    lexicon: Lexicon,
    prev: str | None,
    word: str,
    nxt: str | None,
    totals: tuple[int, int],
    smoothing: float,
) -> float:
    """Given neighbours and their pair totals (_pair_totals), return log10 of how much the
    bigrams prefer word over its base rate."""
    # A pair never seen lifts by 0.0: a pair is looked up only when its first word starts
    # some pair and its second word ends some pair.
    score = 0.0
    before, after = totals
    seen_before = seen_after = 0
    if before and prev is not None and word in lexicon.right_totals:
        seen_before = lexicon.bigrams.get((prev, word), 0)
    if after and nxt is not None and word in lexicon.left_totals:
        seen_after = lexicon.bigrams.get((word, nxt), 0)
    if seen_before or seen_after:
        base = 10.0 ** (lexicon.zipf.get(word, 1.0) - 9.0)
        if seen_before:
            score += _lift(seen_before, before, base, smoothing)
        if seen_after:
            score += _lift(seen_after, after, base, smoothing)
    return score


def _dictionary_word(stay: Candidate) -> bool:
    """Given an as-is reading, say whether a dictionary (spaCy's table, project texts) has it."""
    lexicon = load_lexicon()
    return not stay.compound and (stay.word in lexicon.spacy_forms or stay.word in lexicon.domain)


def _is_english(lexicon: Lexicon, word: str, margin: float) -> bool:
    """Given a lower-case word, say whether it reads as English rather than Swedish."""
    english = lexicon.english.get(word, 0.0)
    return english >= 3.0 and english - lexicon.zipf.get(word, 0.0) >= margin


def _english_context(lexicon: Lexicon, slots: list[Slot], index: int, margin: float) -> bool:
    """Given a slot, say whether it and its word neighbours (not acronyms) read as English."""
    slot = slots[index]
    if not _is_english(lexicon, slot.token.lower(), margin):
        return False
    neighbours = [
        slots[i].token
        for i in (index - 1, index + 1)
        if 0 <= i < len(slots) and not slots[i].token.isupper()
    ]
    return bool(neighbours) and all(_is_english(lexicon, n.lower(), margin) for n in neighbours)


def _slots(text: str) -> list[Slot]:
    """Given a text, return its word tokens with readings (protected ones not eligible)."""
    # A protected span has '://', 'www.' or '@' in it: a text without them has none (the
    # pattern's scan is slow on long texts).
    protected = (
        [m.span() for m in _PROTECTED.finditer(text)]
        if "@" in text or "://" in text or "www." in text
        else []
    )
    slots: list[Slot] = []
    for match in _WORD_OR_NUMBER.finditer(text):
        start, end = match.span()
        token = match.group(0)
        ok, stay, options = _reading(token)
        if ok and protected and any(a <= start < b for a, b in protected):
            ok, stay, options = False, new_candidate(token.lower(), 0.0, 0.0, 0, False), ()
        slots.append(Slot(start, end, token, ok, stay, options))
    return slots


@dataclass(frozen=True)
class Mode:
    """How much a text's own letters are trusted: bonus for keeping a word, cost per diacritic."""

    name: str
    stay: float
    diacritic: float


def text_mode(slots: list[Slot], settings: LetterSettings) -> Mode:
    """Given the slots of a text, return its mode: clean, damaged, or stripped of å/ä/ö.

    Evidence of damage is a token whose best reading beats it by evidence_margin; a text
    of several words with no å/ä/ö at all is read as stripped.
    """
    swedish_letters = 0
    words = 0
    evidence = False
    for slot in slots:
        if not slot.eligible:
            continue
        words += 1
        if not _SWEDISH.isdisjoint(slot.token):
            swedish_letters += 1
        if slot.options and slot.options[0].word != slot.stay.word:
            best = slot.options[0]
            if best.zipf >= settings.min_candidate_zipf and (
                best.score - slot.stay.zipf >= settings.evidence_margin
            ):
                evidence = True
    if swedish_letters == 0 and (evidence or words >= settings.stripped_min_words):
        return _mode("stripped", settings.stay_stripped, settings.diacritic_stripped)
    if evidence or (swedish_letters == 0 and words >= settings.damaged_min_words):
        return _mode("damaged", settings.stay_damaged, settings.diacritic_damaged)
    return _mode("clean", settings.stay_clean, settings.diacritic_damaged)


@lru_cache(maxsize=64)
def _mode(name: str, stay: float, diacritic: float) -> Mode:
    """Given a mode's name and weights, the Mode (made once: a text's mode is one of three)."""
    return Mode(name, stay, diacritic)


def _neighbour(
    text: str, slots: list[Slot], index: int, step: int, chosen: list[str]
) -> str | None:
    """Given a slot index, return the adjacent word (chosen spelling) in the same clause."""
    other = index + step
    if other < 0 or other >= len(slots):
        return None
    left, right = (slots[other], slots[index]) if step < 0 else (slots[index], slots[other])
    between = right.start - left.end
    if not (between == 1 and text[left.end] == " ") and _BREAK.search(
        text, left.end, right.start
    ):  # one space between, the common case, is no break
        return None
    return chosen[other]


def _total(
    lexicon: Lexicon,
    c: Candidate,
    extra: float,
    diacritic: float,
    weight: float,
    prev: str | None,
    nxt: str | None,
    totals: tuple[int, int],
    smoothing: float,
) -> float:
    """Given a candidate, a bonus, the mode's cost per diacritic, the context's weight, the
    slot's neighbours and their pair totals, the candidate's score in that mode and context
    (c.score_at(diacritic) written out: a compiled call, no bound method made)."""
    score = c.zipf - c.cost - diacritic * c.added
    return score + extra + weight * _context(lexicon, prev, c.word, nxt, totals, smoothing)


def _choose(
    lexicon: Lexicon,
    slot: Slot,
    prev: str | None,
    nxt: str | None,
    mode: Mode,
    settings: LetterSettings,
    english: bool,
) -> tuple[Candidate, float] | None:
    """Given a slot and its neighbours, return the winning change and its margin, if any."""
    stay = slot.stay
    options = [
        c
        for c in slot.options
        if c.zipf >= settings.min_candidate_zipf and not (c.compound and _dictionary_word(stay))
    ]
    if not options:
        return None
    known = stay.zipf > 0.0
    if known and (mode.name == "clean" or english):
        bonus = settings.stay_clean
    elif stay.compound:
        bonus = min(settings.stay_compound, mode.stay)
    else:
        bonus = mode.stay
    beta = settings.context_smoothing
    weight = settings.context_weight
    totals = _pair_totals(lexicon, prev, nxt)
    diacritic = mode.diacritic
    best = options[0]
    best_total = _total(lexicon, best, 0.0, diacritic, weight, prev, nxt, totals, beta)
    for option in options[1:]:
        option_total = _total(lexicon, option, 0.0, diacritic, weight, prev, nxt, totals, beta)
        if option_total > best_total:
            best, best_total = option, option_total
    if best.word == stay.word:
        return None
    if known:
        margin = best_total - _total(lexicon, stay, bonus, diacritic, weight, prev, nxt, totals,
                                     beta)
    else:
        margin = best.score_at(mode.diacritic) - settings.min_unknown_score
    return (best, margin) if margin > 0 else None


def repair_letters_with(text: str, settings: LetterSettings) -> tuple[str, tuple[Change, ...]]:
    """Given a text and settings, return it with Swedish letters restored, and the changes."""
    slots = _slots(text)
    if not any(s.eligible and s.options for s in slots):
        return text, ()
    lexicon = load_lexicon()
    mode = text_mode(slots, settings)
    chosen = [s.stay.word for s in slots]
    for index, slot in enumerate(slots):
        if slot.eligible and slot.options and slot.options[0].word != slot.stay.word:
            chosen[index] = slot.options[0].word
    changes: list[Change] = []
    for index, slot in enumerate(slots):
        if not slot.eligible or not slot.options:
            continue
        prev = _neighbour(text, slots, index, -1, chosen)
        nxt = _neighbour(text, slots, index, 1, chosen)
        english = _english_context(lexicon, slots, index, settings.english_margin)
        picked = _choose(lexicon, slot, prev, nxt, mode, settings, english)
        if picked is None:
            chosen[index] = slot.stay.word
            continue
        best, margin = picked
        chosen[index] = best.word
        new = restore_case(slot.token, best.word)
        if new != slot.token:
            changes.append(
                Change(slot.start, slot.end, slot.token, new, REPAIR_NAME, round(margin, 2))
            )
    return apply_changes(text, tuple(changes)), tuple(changes)


def repair_letters(text: str) -> tuple[str, tuple[Change, ...]]:
    """Given a text, return it with Swedish letters restored, and the changes made."""
    return repair_letters_with(text, SETTINGS)
