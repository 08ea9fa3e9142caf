"""Swedish word knowledge, one module for every stage, each source loaded once per process.

Sources: wordfreq's Swedish list (web frequencies), spaCy's Swedish lemma table from
spacy-lookups-data, and the project's lexicon and bigram counts built from clean
Swedish text; riskrad/model/lexicon_tables.py reads, merges and indexes them.

Served to three users:

- the route decision (extract/page_decision.py) asks whether a text-layer word is
  Swedish, or looks like Swedish damaged by an English OCR model:
  :func:`is_swedish_word`, :func:`looks_like_stripped_diacritics`,
  :func:`looks_like_ocr_standin` (wordfreq only, so it loads fast);
- the letter repair (normalize/repair/) reads the merged :class:`Lexicon`
  (:func:`load_lexicon`) and its skeleton and compound-part indexes
  (:func:`skeleton`, :func:`spellings`, :func:`part_forms`);
- risk lineage (normalize/lineage.py) reads lemmas (:func:`lemma_of`).

Loading and indexing the sources as dicts takes seconds, on every start. So they are
built once (``python -m riskrad.model.lexicon build``, run by ``make setup``, or at
first use) into a binary store (riskrad/model/wordstore.py: one folder of MARISA tries
and value arrays in the cache folder, named by a digest of the sources and of
lexicon_tables.py, which decides what the store holds); a process maps it into memory
in milliseconds and reads only the words it meets. This module reads the store (its text
values decoded by lexicon_values.py): a change to how it decodes a value builds no new
store. Where no store can be written,
the sources are loaded into dicts as before.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from functools import cache
from importlib import metadata
from pathlib import Path

from riskrad.model import lexicon_tables
from riskrad.model.cachedir import cache_root, find_cached
from riskrad.model.lexicon_tables import (
    BIGRAM_FILE as BIGRAM_FILE,
)
from riskrad.model.lexicon_tables import (
    DATA_DIR as DATA_DIR,
)
from riskrad.model.lexicon_tables import (
    LEXICON_FILE as LEXICON_FILE,
)
from riskrad.model.lexicon_tables import (
    PART_MIN_LEN as PART_MIN_LEN,
)
from riskrad.model.lexicon_tables import (
    Lexicon as Lexicon,
)
from riskrad.model.lexicon_tables import (
    PartEntry as PartEntry,
)
from riskrad.model.lexicon_tables import (
    Spellings as Spellings,
)
from riskrad.model.lexicon_tables import (
    build_lexicon as build_lexicon,
)
from riskrad.model.lexicon_tables import (
    lemma_table as lemma_table,
)
from riskrad.model.lexicon_tables import (
    part_entry as part_entry,
)
from riskrad.model.lexicon_tables import (
    skeleton as skeleton,
)
from riskrad.model.lexicon_tables import (
    web_zipf_table as web_zipf_table,
)
from riskrad.model.native import LEXICON_MODULES, load_group
from riskrad.model.wordstore import StoredMap, StoredPairs, WordStore, build_store

load_group(LEXICON_MODULES)  # the store's value decoders compiled, when built (native.py)

from riskrad.model.lexicon_values import decode_parts, decode_spellings  # noqa: E402

# The route decision's damage model (wordfreq zipf units).
SWEDISH_MIN_ZIPF = 2.0
COMPOUND_PART_MIN_ZIPF = 3.0
COMPOUND_PART_MIN_LEN = 3
# a word in no list whose å/ä/ö spelling is listed this often is that word stripped
STRIPPED_LISTED_MIN_ZIPF = 2.5
MAX_VARIANT_SLOTS = 7
SWEDISH_LETTERS = frozenset("åäöÅÄÖ")
# characters an English model puts where Swedish letters were
OCR_STANDINS = {
    "6": "ö",
    "0": "ö",
    "4": "å",
    "&": "ä",
    "|": "l",
    "1": "l",
    "é": "ö",
    "è": "ä",
    "d": "ö",
    "i": "l",
}
DIACRITIC_VARIANTS = {"a": "aäå", "o": "oö", "e": "eé"}
UNACCENTED_VARIANTS = {"a": "aäå", "o": "oö"}  # the same, é left out
EDGE_PUNCT = "\"'()[]{}.,;:!?«»”“’‘-–—/*•"

# --- lemmas (spaCy's table): the repair's word forms, lineage's lemmas ---------------


@cache
def _lemmas() -> Mapping[str, str]:
    """Given nothing, the lemma table as the store serves it (or loaded whole)."""
    store = word_store()
    return lemma_table() if store is None else StoredMap(store, "lemma")


def lemma_of(form: str) -> str:
    """Given a word form, its lemma by the table (the form itself when unknown)."""
    table = _lemmas()
    return table.get(form) or table.get(form.lower()) or form


# --- the route decision: is a text-layer word Swedish, or Swedish damaged by OCR? -----


@cache
def _web_zipf() -> Mapping[str, float]:
    """Given nothing, wordfreq's Swedish zipf table as the store serves it (or whole)."""
    store = word_store()
    return web_zipf_table() if store is None else StoredMap(store, "web")


def web_zipf(word: str) -> float:
    """Given a case-folded word, its zipf in wordfreq's Swedish list (0 when unknown)."""
    return _web_zipf().get(word, 0.0)


def _head_cuts(word: str) -> Sequence[int]:
    """Given a case-folded word, the cuts where a compound's head may end, in order: every
    cut, or, when the store serves the list, only where the head or the head less a linking
    s is a listed word (the trie's keys that begin the word, shortest first, in one call)."""
    first, last = COMPOUND_PART_MIN_LEN, len(word) - COMPOUND_PART_MIN_LEN
    table = _web_zipf()
    if not isinstance(table, StoredMap):
        return range(first, last + 1)
    cuts: list[int] = []
    for key in table.prefixes(word):
        end = len(key)
        if end > last:
            break
        if end >= first and (not cuts or cuts[-1] != end):
            cuts.append(end)
        if word[end] == "s" and first <= end + 1 <= last:
            cuts.append(end + 1)
    return cuts


@cache
def is_compound(word: str) -> bool:
    """Given a case-folded word, whether it splits into known Swedish parts (linking s allowed)."""
    for cut in _head_cuts(word):
        head, tail = word[:cut], word[cut:]
        heads = [head] + ([head[:-1]] if head.endswith("s") and len(head) > 3 else [])
        if not any(web_zipf(h) >= COMPOUND_PART_MIN_ZIPF for h in heads):
            continue
        if web_zipf(tail) >= COMPOUND_PART_MIN_ZIPF or (
            len(tail) >= 2 * COMPOUND_PART_MIN_LEN and is_compound(tail)
        ):
            return True
    return False


def is_swedish_word(word: str) -> bool:
    """Given a case-folded alphabetic word, whether it is a known Swedish word or compound."""
    return web_zipf(word) >= SWEDISH_MIN_ZIPF or (len(word) >= 6 and is_compound(word))


def _respellings(word: str, choices: Mapping[str, str]) -> list[str]:
    """Given a word and the letters each letter may be spelled with (itself first), every
    spelling of the word but itself, in ``itertools.product``'s order (its first is the
    word)."""
    return ["".join(p) for p in itertools.product(*[choices.get(ch, ch) for ch in word])][1:]


def _slot_count(word: str) -> int:
    """Given a word, how many of its letters are a, o or e (DIACRITIC_VARIANTS' keys)."""
    return sum(map(word.count, DIACRITIC_VARIANTS))


def diacritic_variants(word: str) -> list[str]:
    """Given a case-folded word, its spellings with a/o/e replaced by å/ä, ö, é (not itself)."""
    slots = _slot_count(word)
    if not slots or slots > MAX_VARIANT_SLOTS:
        return []
    return _respellings(word, DIACRITIC_VARIANTS)


def unaccented_variants(word: str) -> list[str]:
    """Given a case-folded word, ``diacritic_variants(word)`` less those holding "é", in the
    same order: made without é (none when the word has one: every variant keeps it)."""
    slots = _slot_count(word)
    if not slots or slots > MAX_VARIANT_SLOTS or "é" in word:
        return []
    return _respellings(word, UNACCENTED_VARIANTS)


def best_web_zipf(words: list[str]) -> float:
    """Given candidate words, the highest Swedish zipf among them (compounds count as 3)."""
    best = 0.0
    for w in words:
        z = web_zipf(w)
        if z < COMPOUND_PART_MIN_ZIPF and len(w) >= 6 and is_compound(w):
            z = COMPOUND_PART_MIN_ZIPF
        best = max(best, z)
    return best


def reaches_web_zipf(words: list[str], target: float) -> bool:
    """Given candidate words and a zipf, whether ``best_web_zipf(words) >= target``: the
    words' own zipfs first, then, only where a compound's 3 reaches the target, whether
    one of them is a compound (most words' variants are never split)."""
    if target <= 0.0 or any(web_zipf(w) >= target for w in words):
        return True
    if target > COMPOUND_PART_MIN_ZIPF:
        return False
    return any(
        len(w) >= 6 and web_zipf(w) < COMPOUND_PART_MIN_ZIPF and is_compound(w) for w in words
    )


@cache
def looks_like_stripped_diacritics(word: str) -> bool:
    """Given a case-folded alphabetic word, whether adding å/ä/ö makes a much likelier word."""
    if any(ch in SWEDISH_LETTERS for ch in word):
        return False
    variants = unaccented_variants(word)
    if not variants:
        return False
    own = web_zipf(word)
    if own < SWEDISH_MIN_ZIPF and any(
        web_zipf(v) >= max(STRIPPED_LISTED_MIN_ZIPF, own + 1.5) for v in variants
    ):
        # the word is in no list (its parts may be: "namn|den", "inne|hall") but a spelling
        # with å/ä/ö is: "namnden" is "nämnden", not a compound
        return True
    return reaches_web_zipf(variants, max(3.0, best_web_zipf([word]) + 1.5))


@cache
def looks_like_ocr_standin(token: str) -> bool:
    """Given a case-folded token, whether it is Swedish with å/ä/ö misread as 6, 4, &, é, d."""
    core = token.strip(EDGE_PUNCT)
    if len(core) < 2 or not any(ch.isalpha() for ch in core):
        return False
    has_odd = any(not ch.isalpha() for ch in core) or "é" in core or "è" in core
    if not has_odd and "d" not in core:
        return False
    if not has_odd and is_swedish_word(core):
        return False
    slots = [i for i, ch in enumerate(core) if ch in OCR_STANDINS]
    if not slots or len(slots) > MAX_VARIANT_SLOTS:
        return False
    candidates = []
    for mask in itertools.product((False, True), repeat=len(slots)):
        if not any(mask):
            continue
        chars = list(core)
        for i, on in zip(slots, mask, strict=True):
            if on:
                chars[i] = OCR_STANDINS[core[i]]
        candidates.append("".join(chars))
    # the repaired word may itself still miss other diacritics ("uppfdéljningen")
    expanded = candidates + [v for c in candidates for v in unaccented_variants(c)]
    alpha = [c for c in expanded if c.isalpha()]
    if not alpha:
        return False
    own = best_web_zipf([core]) if core.isalpha() else 0.0
    return reaches_web_zipf(alpha, max(2.5, own + 1.5))


# --- the repair lexicon, read from the store (lexicon_tables.py writes it) ----------------


@cache
def load_lexicon() -> Lexicon:
    """Given nothing, the lexicon: served by the store (built on first use), or loaded and
    indexed whole where no store can be written; once per process."""
    store = word_store()
    if store is None:
        return build_lexicon()
    return Lexicon(
        zipf=StoredMap(store, "zipf"),
        english=StoredMap(store, "english"),
        spacy_forms=StoredMap(store, "spacy_forms"),
        domain=StoredMap(store, "domain"),
        bigrams=StoredPairs(StoredMap(store, "bigrams")),
        left_totals=StoredMap(store, "left_totals"),
        right_totals=StoredMap(store, "right_totals"),
        by_skeleton=StoredMap(store, "by_skeleton", decode_spellings),
        parts=StoredMap(store, "parts", decode_parts),
        part_ends=StoredMap(store, "part_ends"),
    )


# --- the binary store: built once, opened in milliseconds -----------------------------

STORE_FORMAT = 4


def store_digest() -> str:
    """Given nothing, a digest of everything the store is built from: the word lists'
    package versions, the project's data files and the code of lexicon_tables.py, which
    decides what the store holds (STORE_FORMAT names the layout wordstore.build_store
    writes); how this module reads the store is not part of it."""
    import hashlib

    digest = hashlib.sha256(f"v{STORE_FORMAT}".encode())
    for package in ("wordfreq", "spacy-lookups-data"):
        try:
            digest.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package}=absent".encode())
    tables = Path(lexicon_tables.__file__)
    for path in (DATA_DIR / LEXICON_FILE, DATA_DIR / BIGRAM_FILE, tables):
        digest.update(path.read_bytes() if path.exists() else b"absent")
    return digest.hexdigest()


def store_path() -> Path:
    """Given nothing, where the store for these sources lives in the cache folder."""
    return cache_root() / f"lexicon-{store_digest()[:24]}"


@cache
def word_store() -> WordStore | None:
    """Given nothing, the store (built now if missing), or None where it cannot be written.

    With $RISKRAD_CACHE_DIR set (a run or test keeping its caches apart), a store of the
    same digest in the default cache folder (built by ``make setup``) is read instead of
    building another: it is named by what it holds and never written once built.
    """
    path = store_path()
    found = find_cached(path.name)
    if found is not None:
        return WordStore(found)
    try:
        build_store(path, lexicon_tables.store_tables())
    except OSError:
        return None
    return WordStore(path)


def spellings(skel: str) -> tuple[str, ...]:
    """Given a skeleton, return the known words that have it, most frequent first."""
    return tuple(w for w, _ in load_lexicon().by_skeleton.get(skel, ()))


def part_forms(skel: str, final: bool) -> tuple[str, ...]:
    """Given a skeleton piece, return the compound parts that have it (final: may end one).

    Final parts are part words; inner parts add linking forms: word+s, short word+e,
    and a word with its final vowel dropped (with or without s).
    """
    entry = load_lexicon().parts.get(skel)
    if entry is None:
        return ()
    return entry.words[: entry.final] if final else entry.words


if __name__ == "__main__":
    import sys

    if sys.argv[1:] != ["build"]:
        sys.exit("usage: python -m riskrad.model.lexicon build")
    built = word_store()
    print(built.path if built is not None else "no store: the cache folder is not writable")
