"""Swedish word knowledge, one module for every stage, each source loaded once per process.

Sources: wordfreq's Swedish list (web frequencies), spaCy's Swedish lemma table from
spacy-lookups-data (inflected forms and their lemmas, read straight from its JSON:
0.8 s where spaCy's own Lookups take about 5 s), and the project's lexicon and
bigram counts built from clean Swedish text (``data/sv_lexicon.tsv.gz``,
``data/sv_bigrams.tsv.gz`` beside this module; ``bench/repair_bench.py build``
writes them).

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
and value arrays in the cache folder, named by a digest of the sources and of this
module); a process maps it into memory in milliseconds and reads only the words it
meets. Where no store can be written, the sources are loaded into dicts as before.
"""

from __future__ import annotations

import gzip
import itertools
import json
import math
from collections.abc import Container, Iterator, Mapping
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any, NamedTuple

from riskrad.model.wordstore import (
    BatchMap,
    ComputedMap,
    DictMap,
    StoredMap,
    StoredPairs,
    WordStore,
    build_store,
    cache_root,
    default_cache_root,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
LEXICON_FILE = "sv_lexicon.tsv.gz"
BIGRAM_FILE = "sv_bigrams.tsv.gz"

# The route decision's damage model (wordfreq zipf units).
SWEDISH_MIN_ZIPF = 2.0
COMPOUND_PART_MIN_ZIPF = 3.0
COMPOUND_PART_MIN_LEN = 3
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
EDGE_PUNCT = "\"'()[]{}.,;:!?«»”“’‘-–—/*•"

# The repair lexicon (merged zipf table and compound parts).
SPACY_ONLY_ZIPF = 2.5
DOMAIN_DISCOUNT = 1.0
PART_MIN_ZIPF = 2.5
PART_MIN_LEN = 3
DOMAIN_PART_MIN_COUNT = 2
SHORT_STEM = 4
_SKELETON = str.maketrans({"å": "a", "ä": "a", "ö": "o"})
_VOWEL_ENDS = ("a", "e", "o")
# A compound part's score: the Zipf of its best stem, at most PART_CAP (function words
# are not compound parts), PART_FLOOR when no stem is known; short parts, stems only the
# web list knows, and stems other than the part itself pay.
PART_FLOOR = 2.5
PART_CAP = 5.0
STEM_PENALTY = 0.3
PLURAL_LINK_PENALTY = 1.5
PLURAL_ENDINGS = ("ar", "er", "or")
SHORT_PART_PENALTY = 1.0
WEB_ONLY_PENALTY = 1.0


# --- lemmas (spaCy's table): the repair's word forms, lineage's lemmas ---------------


@lru_cache(maxsize=1)
def lemma_table() -> dict[str, str]:
    """Given nothing, the Swedish form -> lemma table of spacy-lookups-data."""
    table = resources.files("spacy_lookups_data") / "data" / "sv_lemma_lookup.json.gz"
    data: dict[str, str] = json.loads(gzip.decompress(table.read_bytes()))
    return data


@cache
def _lemmas() -> Mapping[str, str]:
    """Given nothing, the lemma table as the store serves it (or loaded whole)."""
    store = word_store()
    return lemma_table() if store is None else StoredMap(store, "lemma", str)


def lemma_of(form: str) -> str:
    """Given a word form, its lemma by the table (the form itself when unknown)."""
    table = _lemmas()
    return table.get(form) or table.get(form.lower()) or form


# --- the route decision: is a text-layer word Swedish, or Swedish damaged by OCR? -----


@cache
def web_zipf_table() -> dict[str, float]:
    """Given nothing, wordfreq's Swedish list as word -> zipf, every word (loaded once)."""
    import wordfreq

    freq = wordfreq.get_frequency_dict("sv", wordlist="best")
    return {word: round(math.log10(f) + 9, 2) for word, f in freq.items() if f > 0}


@cache
def _web_zipf() -> Mapping[str, float]:
    """Given nothing, wordfreq's Swedish zipf table as the store serves it (or whole)."""
    store = word_store()
    return web_zipf_table() if store is None else StoredMap(store, "web", float)


def web_zipf(word: str) -> float:
    """Given a case-folded word, its zipf in wordfreq's Swedish list (0 when unknown)."""
    return _web_zipf().get(word, 0.0)


@cache
def is_compound(word: str) -> bool:
    """Given a case-folded word, whether it splits into known Swedish parts (linking s allowed)."""
    n = len(word)
    for cut in range(COMPOUND_PART_MIN_LEN, n - COMPOUND_PART_MIN_LEN + 1):
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


def diacritic_variants(word: str) -> list[str]:
    """Given a case-folded word, its spellings with a/o/e replaced by å/ä, ö, é (not itself)."""
    slots = [i for i, ch in enumerate(word) if ch in DIACRITIC_VARIANTS]
    if not slots or len(slots) > MAX_VARIANT_SLOTS:
        return []
    choices = [DIACRITIC_VARIANTS[word[i]] for i in slots]
    out = []
    for combo in itertools.product(*choices):
        chars = list(word)
        for i, ch in zip(slots, combo, strict=True):
            chars[i] = ch
        candidate = "".join(chars)
        if candidate != word:
            out.append(candidate)
    return out


def best_web_zipf(words: list[str]) -> float:
    """Given candidate words, the highest Swedish zipf among them (compounds count as 3)."""
    best = 0.0
    for w in words:
        z = web_zipf(w)
        if z < COMPOUND_PART_MIN_ZIPF and len(w) >= 6 and is_compound(w):
            z = COMPOUND_PART_MIN_ZIPF
        best = max(best, z)
    return best


@cache
def looks_like_stripped_diacritics(word: str) -> bool:
    """Given a case-folded alphabetic word, whether adding å/ä/ö makes a much likelier word."""
    if any(ch in SWEDISH_LETTERS for ch in word):
        return False
    variants = [v for v in diacritic_variants(word) if "é" not in v]
    if not variants:
        return False
    best = best_web_zipf(variants)
    return best >= 3.0 and best >= best_web_zipf([word]) + 1.5


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
    expanded = candidates + [v for c in candidates for v in diacritic_variants(c) if "é" not in v]
    alpha = [c for c in expanded if c.isalpha()]
    if not alpha:
        return False
    own = best_web_zipf([core]) if core.isalpha() else 0.0
    best = best_web_zipf(alpha)
    return best >= 2.5 and best >= own + 1.5


# --- the repair lexicon: merged frequencies, skeleton and compound-part indexes --------


def skeleton(word: str) -> str:
    """Given a lower-case word, return it with å/ä turned to a and ö to o."""
    return word.translate(_SKELETON)


# The known words that have one skeleton, (word, Zipf), most frequent first.
Spellings = tuple[tuple[str, float], ...]


class PartEntry(NamedTuple):
    """The compound parts one skeleton piece can be read as, with their part scores: the
    first `final` of them may end a compound, all of them may stand inside one."""

    words: tuple[str, ...]
    scores: tuple[float, ...]
    final: int
    top_final: float
    top_inner: float


def part_entry(words: tuple[str, ...], scores: tuple[float, ...], final: int) -> PartEntry:
    """Given parts, their scores and how many may end a compound, the entry with top scores."""
    return PartEntry(words, scores, final, max(scores[:final], default=0.0), max(scores))


@dataclass(frozen=True)
class Lexicon:
    """Everything the letter repair looks up, precomputed as plain dicts and sets."""

    zipf: Mapping[str, float]
    english: Mapping[str, float]
    spacy_forms: Container[str]
    domain: Mapping[str, int]
    bigrams: Mapping[tuple[str, str], int]
    left_totals: Mapping[str, int]
    right_totals: Mapping[str, int]
    by_skeleton: BatchMap[Spellings]
    parts: BatchMap[PartEntry]

    def word_zipf(self, word: str) -> float:
        """Given a lower-case word, return its Zipf frequency (0.0 if unknown)."""
        return self.zipf.get(word, 0.0)

    def is_known(self, word: str) -> bool:
        """Given a lower-case word, say whether any source lists it."""
        return word in self.zipf

    def has_dictionary_word(self, words: list[str]) -> bool:
        """Given lower-case words, say whether spaCy's table or the project's texts have any
        (a table none of whose keys begins as all the words begin is not asked for each)."""
        start = _common_start(words)
        for table in (self.spacy_forms, self.domain):
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


def _read_counts(name: str) -> dict[str, int]:
    """Given a shipped 'word<TAB>count' gz file name, return its counts (empty if absent)."""
    path = DATA_DIR / name
    if not path.exists():
        return {}
    counts: dict[str, int] = {}
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            key, _, count = line.rstrip("\n").rpartition("\t")
            if key:
                counts[key] = int(count)
    return counts


def _spacy_forms() -> frozenset[str]:
    """Given nothing, return the lower-case Swedish forms in spaCy's lemma lookup table."""
    lookup = lemma_table()
    forms = {key.lower() for key in lookup}
    forms.update(value.lower() for value in lookup.values())
    return frozenset(form for form in forms if form.isalpha())


def _wordfreq_zipf() -> dict[str, float]:
    """Given nothing, wordfreq's alphabetic Swedish words (Zipf >= 1) as word -> Zipf."""
    import wordfreq

    return {
        word: round(math.log10(freq) + 9.0, 2)
        for word, freq in wordfreq.get_frequency_dict("sv").items()
        if freq >= 1e-8 and word.isalpha()
    }


def _zipf_table(
    web: dict[str, float], spacy_forms: frozenset[str], domain: dict[str, int]
) -> dict[str, float]:
    """Given wordfreq's table and the other sources, return one Zipf table: wordfreq,
    then domain and spaCy floors."""
    table = dict(web)
    total = max(sum(domain.values()), 1)
    for word, count in domain.items():
        domain_zipf = math.log10(count / total) + 9.0 - DOMAIN_DISCOUNT
        if domain_zipf > table.get(word, 0.0):
            table[word] = round(domain_zipf, 2)
    for form in sorted(spacy_forms):  # sorted: the same order, and store, on every build
        table.setdefault(form, SPACY_ONLY_ZIPF)
    return table


def _skeleton_index(zipf: dict[str, float]) -> dict[str, Spellings]:
    """Given the Zipf table, return skeleton -> the words that have it, most frequent first
    (ties: words with å/ä/ö in table order, then the skeleton itself); a word with å/ä/ö
    is also a key, with itself alone (a compound read as written is split into words)."""
    grouped: dict[str, list[str]] = {}
    for word in zipf:
        skel = word.translate(_SKELETON)
        if skel != word:
            grouped.setdefault(skel, []).append(word)
    for word in zipf:
        grouped.setdefault(word, []).append(word)
    return {
        skel: tuple((w, zipf[w]) for w in sorted(words, key=lambda w: -zipf[w]))
        for skel, words in grouped.items()
    }


def _part_word(lexicon: Lexicon, web: Mapping[str, float], word: str) -> bool:
    """Given the lexicon, wordfreq's table and a known word, say whether it may be a
    compound part: a list other than the project's knows it (wordfreq at PART_MIN_ZIPF,
    spaCy's table), or the project's texts have it. A word they have fewer than
    DOMAIN_PART_MIN_COUNT times may be a typo ('tertiäl', once, would turn 'tertialvis'
    into 'tertiälvis'), so it is a part only without å/ä/ö: it may read a word as
    written ('kontrollmomentet') but never add letters to one."""
    if len(word) < PART_MIN_LEN:
        return False
    listed = web.get(word, SPACY_ONLY_ZIPF if word in lexicon.spacy_forms else 0.0)
    count = lexicon.domain.get(word, 0)
    return (
        listed >= PART_MIN_ZIPF
        or (len(word) > PART_MIN_LEN and word in lexicon.spacy_forms)
        or count >= DOMAIN_PART_MIN_COUNT
        or (count > 0 and word.translate(_SKELETON) == word)
    )


def _part_words(
    lexicon: Lexicon, web: Mapping[str, float], index: Mapping[str, Spellings]
) -> dict[str, list[str]]:
    """Given the lexicon, wordfreq's table and the skeleton index, skeleton -> its part
    words (index order)."""
    found: dict[str, list[str]] = {}
    for skel, spelled in index.items():
        words = [w for w, _ in spelled if _part_word(lexicon, web, w)]
        if words:
            found[skel] = words
    return found


def _part_forms(part_words: Mapping[str, list[str]], skel: str, final: bool) -> list[str]:
    """Given part words by skeleton and a skeleton piece, return the compound parts it has.

    Final parts are part words; inner parts add linking forms: word+s, short word+e,
    and a word with its final vowel dropped (with or without s).
    """
    forms = list(part_words.get(skel, ()))
    if not final:
        if skel.endswith("s"):
            forms += [w + "s" for w in part_words.get(skel[:-1], ()) if not w.endswith("s")]
        if skel.endswith("e") and len(skel) <= SHORT_STEM + 1:
            forms += [w + "e" for w in part_words.get(skel[:-1], ()) if w[-1] not in "aeiouyåäö"]
        for vowel in _VOWEL_ENDS:
            for stem in (skel + vowel, skel[:-1] + vowel if skel.endswith("s") else ""):
                if len(stem) > PART_MIN_LEN:
                    tail = "s" if stem != skel + vowel else ""
                    forms += [w[:-1] + tail for w in part_words.get(stem, ()) if w.endswith(vowel)]
    return list(dict.fromkeys(forms))


def _stem_penalty(part: str, stem: str) -> float:
    """Given a compound part and the word it is read as, return the cost of that reading.

    A linking s after a plural-looking stem ('delar' + s) is rare in Swedish compounds.
    """
    if stem == part:
        return 0.0
    if part.endswith("s") and stem == part[:-1] and stem.endswith(PLURAL_ENDINGS):
        return PLURAL_LINK_PENALTY
    return STEM_PENALTY


def part_score(lexicon: Lexicon, part: str) -> float:
    """Given a compound part (maybe with a linking s/e or a dropped vowel), return its score.

    The best of the part's possible stems counts, capped at PART_CAP; short parts, and
    stems that only the web frequency list knows (not spaCy's table nor the project's
    texts), pay a penalty.
    """
    penalty = SHORT_PART_PENALTY if len(part) <= PART_MIN_LEN else 0.0
    scores = [
        min(lexicon.zipf[stem], PART_CAP)
        - (0.0 if stem in lexicon.spacy_forms or stem in lexicon.domain else WEB_ONLY_PENALTY)
        - _stem_penalty(part, stem)
        for stem in (part, part[:-1], part + "e", part + "a", part[:-1] + "e", part[:-1] + "a")
        if stem in lexicon.zipf
    ]
    return max(scores, default=PART_FLOOR) - penalty


def _part_entry(
    lexicon: Lexicon, part_words: Mapping[str, list[str]], skel: str, scores: dict[str, float]
) -> PartEntry | None:
    """Given part words by skeleton and a skeleton piece, its parts with scores, or None."""
    inner = _part_forms(part_words, skel, False)
    if not inner:
        return None
    final = len(part_words.get(skel, ()))
    for word in inner:
        if word not in scores:
            scores[word] = part_score(lexicon, word)
    return part_entry(tuple(inner), tuple(scores[w] for w in inner), final)


def _part_keys(part_words: Mapping[str, list[str]]) -> list[str]:
    """Given part words by skeleton, every skeleton piece that has parts (sorted): the
    skeleton itself, with a linking s or e, and without a final vowel (with or without s)."""
    keys: set[str] = set()
    for skel, words in part_words.items():
        keys.add(skel)
        if any(not w.endswith("s") for w in words):
            keys.add(skel + "s")
        if len(skel) < SHORT_STEM + 1 and any(w[-1] not in "aeiouyåäö" for w in words):
            keys.add(skel + "e")
        if len(skel) > PART_MIN_LEN and skel[-1] in _VOWEL_ENDS and any(
            w.endswith(skel[-1]) for w in words
        ):
            keys.update((skel[:-1], skel[:-1] + "s"))
    return sorted(key for key in keys if len(key) >= PART_MIN_LEN)


def _encode_spellings(spelled: Spellings) -> str:
    """Given spellings, their store text: word, Zipf, word, Zipf... tab-separated."""
    return "\t".join(f"{w}\t{z!r}" for w, z in spelled)


def _decode_spellings(value: str) -> Spellings:
    """Given a store text of spellings, the spellings."""
    items = value.split("\t")
    return tuple(zip(items[::2], map(float, items[1::2]), strict=True))


def _encode_parts(entry: PartEntry) -> str:
    """Given a part entry, its store text: final count, then part, score, part, score..."""
    pairs = "\t".join(f"{w}\t{z!r}" for w, z in zip(entry.words, entry.scores, strict=True))
    return f"{entry.final}\t{pairs}"


def _decode_parts(value: str) -> PartEntry:
    """Given a store text of a part entry, the entry."""
    items = value.split("\t")
    return part_entry(tuple(items[1::2]), tuple(map(float, items[2::2])), int(items[0]))


def _bigram_totals(bigrams: dict[tuple[str, str], int]) -> tuple[dict[str, int], dict[str, int]]:
    """Given bigram counts, return how often each word starts and ends a bigram."""
    left: dict[str, int] = {}
    right: dict[str, int] = {}
    for (first, second), count in bigrams.items():
        left[first] = left.get(first, 0) + count
        right[second] = right.get(second, 0) + count
    return left, right


@cache
def load_lexicon() -> Lexicon:
    """Given nothing, the lexicon: served by the store (built on first use), or loaded and
    indexed whole where no store can be written; once per process."""
    store = word_store()
    if store is None:
        return build_lexicon()
    return Lexicon(
        zipf=StoredMap(store, "zipf", float),
        english=StoredMap(store, "english", float),
        spacy_forms=StoredMap(store, "spacy_forms", int),
        domain=StoredMap(store, "domain", int),
        bigrams=StoredPairs(StoredMap(store, "bigrams", int)),
        left_totals=StoredMap(store, "left_totals", int),
        right_totals=StoredMap(store, "right_totals", int),
        by_skeleton=StoredMap(store, "by_skeleton", _decode_spellings),
        parts=StoredMap(store, "parts", _decode_parts),
    )


def build_lexicon() -> Lexicon:
    """Given nothing, load and index every source into dicts (seconds)."""
    import wordfreq

    domain = _read_counts(LEXICON_FILE)
    bigram_rows = _read_counts(BIGRAM_FILE)
    bigrams = {
        (key.split(" ", 1)[0], key.split(" ", 1)[1]): count
        for key, count in bigram_rows.items()
        if " " in key
    }
    spacy_forms = _spacy_forms()
    web = _wordfreq_zipf()
    zipf = _zipf_table(web, spacy_forms, domain)
    english = {
        word: round(math.log10(freq) + 9.0, 2)
        for word, freq in wordfreq.get_frequency_dict("en").items()
        if freq >= 1e-6
    }
    by_skeleton = _skeleton_index(zipf)
    left, right = _bigram_totals(bigrams)
    lexicon = Lexicon(
        zipf=zipf,
        english=english,
        spacy_forms=spacy_forms,
        domain=domain,
        bigrams=bigrams,
        left_totals=left,
        right_totals=right,
        by_skeleton=DictMap(by_skeleton),
        parts=DictMap({}),
    )
    part_words = _part_words(lexicon, web, by_skeleton)
    del web
    scores: dict[str, float] = {}
    parts = ComputedMap(
        lambda skel: _part_entry(lexicon, part_words, skel, scores), _part_keys(part_words)
    )
    return replace(lexicon, parts=parts)


# --- the binary store: built once, opened in milliseconds -----------------------------

STORE_FORMAT = 4


def store_digest() -> str:
    """Given nothing, a digest of everything the store is built from: the word lists'
    package versions, the project's data files and this module's code (STORE_FORMAT
    names the layout wordstore.build_store writes)."""
    import hashlib

    digest = hashlib.sha256(f"v{STORE_FORMAT}".encode())
    for package in ("wordfreq", "spacy-lookups-data"):
        try:
            digest.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package}=absent".encode())
    for path in (DATA_DIR / LEXICON_FILE, DATA_DIR / BIGRAM_FILE, Path(__file__)):
        digest.update(path.read_bytes() if path.exists() else b"absent")
    return digest.hexdigest()


def store_path() -> Path:
    """Given nothing, where the store for these sources lives in the cache folder."""
    return cache_root() / f"lexicon-{store_digest()[:24]}"


def _stored_parts(parts: BatchMap[PartEntry]) -> Iterator[tuple[str, str]]:
    """Given the computed part index, its rows for the store (each computed once, not kept)."""
    assert isinstance(parts, ComputedMap)
    for key in parts.keys_given:
        entry = parts.compute(key)
        if entry is not None:
            yield key, _encode_parts(entry)


def store_tables() -> dict[str, Iterator[tuple[str, Any]]]:
    """Given nothing, every table of the store as (key, value) rows."""
    lexicon = build_lexicon()
    return {
        "lemma": iter(lemma_table().items()),
        "web": iter(web_zipf_table().items()),
        "zipf": iter(lexicon.zipf.items()),
        "english": iter(lexicon.english.items()),
        "spacy_forms": ((form, 1) for form in lexicon.spacy_forms),  # type: ignore[attr-defined]
        "domain": iter(lexicon.domain.items()),
        "bigrams": ((f"{a}\t{b}", n) for (a, b), n in lexicon.bigrams.items()),
        "left_totals": iter(lexicon.left_totals.items()),
        "right_totals": iter(lexicon.right_totals.items()),
        "by_skeleton": ((k, _encode_spellings(v)) for k, v in lexicon.by_skeleton.items()),
        "parts": _stored_parts(lexicon.parts),
    }


@cache
def word_store() -> WordStore | None:
    """Given nothing, the store (built now if missing), or None where it cannot be written.

    With $RISKRAD_CACHE_DIR set (a run or test keeping its caches apart), a store of the
    same digest in the default cache folder (built by ``make setup``) is read instead of
    building another: it is named by what it holds and never written once built.
    """
    path = store_path()
    shared = default_cache_root() / path.name
    if not path.exists() and shared.exists():
        return WordStore(shared)
    if not path.exists():
        try:
            build_store(path, store_tables())
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
