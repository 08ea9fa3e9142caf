"""What the lexicon store holds: the Swedish word lists read, merged and indexed, and
each table as the store's rows.

Everything that decides the store's contents is here, and only that: this module's
source is part of the store's digest (riskrad/model/lexicon.py, which serves the
words, names the store by it), so a change here builds a new store (about 80 CPU-s)
and a change to how the store is read (the decoders in lexicon.py) does not.

Sources: wordfreq's Swedish list (web frequencies), spaCy's Swedish lemma table from
spacy-lookups-data (inflected forms and their lemmas, read straight from its JSON:
0.8 s where spaCy's own Lookups take about 5 s), and the project's lexicon and
bigram counts built from clean Swedish text (``data/sv_lexicon.tsv.gz``,
``data/sv_bigrams.tsv.gz`` beside this module; ``bench/repair_bench.py build``
writes them).
"""

from __future__ import annotations

import gzip
import json
import math
from collections.abc import Container, Iterator, Mapping
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from riskrad.model.wordstore import BatchMap, ComputedMap, DictMap

DATA_DIR = Path(__file__).resolve().parent / "data"
LEXICON_FILE = "sv_lexicon.tsv.gz"
BIGRAM_FILE = "sv_bigrams.tsv.gz"

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


# --- the sources ------------------------------------------------------------------------


@lru_cache(maxsize=1)
def lemma_table() -> dict[str, str]:
    """Given nothing, the Swedish form -> lemma table of spacy-lookups-data."""
    table = resources.files("spacy_lookups_data") / "data" / "sv_lemma_lookup.json.gz"
    data: dict[str, str] = json.loads(gzip.decompress(table.read_bytes()))
    return data


@cache
def web_zipf_table() -> dict[str, float]:
    """Given nothing, wordfreq's Swedish list as word -> zipf, every word (loaded once)."""
    import wordfreq

    freq = wordfreq.get_frequency_dict("sv", wordlist="best")
    return {word: round(math.log10(f) + 9, 2) for word, f in freq.items() if f > 0}


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
    # The pieces that may end a compound, reversed (see _part_ends).
    part_ends: BatchMap[int]


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


def _encode_parts(entry: PartEntry) -> str:
    """Given a part entry, its store text: final count, then part, score, part, score..."""
    pairs = "\t".join(f"{w}\t{z!r}" for w, z in zip(entry.words, entry.scores, strict=True))
    return f"{entry.final}\t{pairs}"


def _bigram_totals(bigrams: dict[tuple[str, str], int]) -> tuple[dict[str, int], dict[str, int]]:
    """Given bigram counts, return how often each word starts and ends a bigram."""
    left: dict[str, int] = {}
    right: dict[str, int] = {}
    for (first, second), count in bigrams.items():
        left[first] = left.get(first, 0) + count
        right[second] = right.get(second, 0) + count
    return left, right


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
        part_ends=DictMap({}),
    )
    part_words = _part_words(lexicon, web, by_skeleton)
    del web
    scores: dict[str, float] = {}
    parts = ComputedMap(
        lambda skel: _part_entry(lexicon, part_words, skel, scores), _part_keys(part_words)
    )
    return replace(lexicon, parts=parts, part_ends=DictMap(_part_ends(part_words)))


def _part_ends(part_words: Mapping[str, list[str]]) -> dict[str, int]:
    """Given part words by skeleton, the pieces that may end a compound (the part index's
    keys with final parts), each reversed, with its number of final parts: one prefix
    search of a reversed skeleton names the pieces that end it."""
    return {
        skel[::-1]: len(words) for skel, words in part_words.items() if len(skel) >= PART_MIN_LEN
    }


# --- the store's rows --------------------------------------------------------------


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
        "part_ends": iter(lexicon.part_ends.items()),
    }
