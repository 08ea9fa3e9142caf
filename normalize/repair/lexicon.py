"""Swedish word knowledge for the repairs: frequencies, known forms, skeleton and part indexes.

Sources, all loaded once: wordfreq's Swedish list (frequencies), spaCy's Swedish lemma
table from spacy-lookups-data (inflected forms, so rare but real words are known), and
the project's own lexicon and bigram counts built from clean Swedish text
(normalize/data/sv_lexicon.tsv.gz, normalize/data/sv_bigrams.tsv.gz).
"""

from __future__ import annotations

import gzip
import math
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import wordfreq

from riskrad.normalize.swedish_lemmas import lemma_table

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
LEXICON_FILE = "sv_lexicon.tsv.gz"
BIGRAM_FILE = "sv_bigrams.tsv.gz"
SPACY_ONLY_ZIPF = 2.5
DOMAIN_DISCOUNT = 1.0
PART_MIN_ZIPF = 2.5
PART_MIN_LEN = 3
SHORT_STEM = 4
_SKELETON = str.maketrans({"å": "a", "ä": "a", "ö": "o"})
_VOWEL_ENDS = ("a", "e", "o")


def skeleton(word: str) -> str:
    """Given a lower-case word, return it with å/ä turned to a and ö to o."""
    return word.translate(_SKELETON)


@dataclass(frozen=True)
class Lexicon:
    """Everything the letter repair looks up, precomputed as plain dicts and sets."""

    zipf: dict[str, float]
    english: dict[str, float]
    spacy_forms: frozenset[str]
    domain: dict[str, int]
    bigrams: dict[tuple[str, str], int]
    left_totals: dict[str, int]
    right_totals: dict[str, int]
    by_skeleton: dict[str, list[str]]

    def word_zipf(self, word: str) -> float:
        """Given a lower-case word, return its Zipf frequency (0.0 if unknown)."""
        return self.zipf.get(word, 0.0)

    def is_known(self, word: str) -> bool:
        """Given a lower-case word, say whether any source lists it."""
        return word in self.zipf


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


def _zipf_table(spacy_forms: frozenset[str], domain: dict[str, int]) -> dict[str, float]:
    """Given the other sources, return one Zipf table: wordfreq, then domain and spaCy floors."""
    table = {
        word: round(math.log10(freq) + 9.0, 2)
        for word, freq in wordfreq.get_frequency_dict("sv").items()
        if freq >= 1e-8 and word.isalpha()
    }
    total = max(sum(domain.values()), 1)
    for word, count in domain.items():
        domain_zipf = math.log10(count / total) + 9.0 - DOMAIN_DISCOUNT
        if domain_zipf > table.get(word, 0.0):
            table[word] = round(domain_zipf, 2)
    for form in spacy_forms:
        table.setdefault(form, SPACY_ONLY_ZIPF)
    return table


def _skeleton_index(zipf: dict[str, float]) -> dict[str, list[str]]:
    """Given the Zipf table, return skeleton -> words with å/ä/ö that have that skeleton."""
    grouped: dict[str, list[str]] = {}
    for word in zipf:
        skel = word.translate(_SKELETON)
        if skel != word:
            grouped.setdefault(skel, []).append(word)
    return grouped


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
    """Given nothing, load and index every source once; later calls reuse the result."""
    domain = _read_counts(LEXICON_FILE)
    bigram_rows = _read_counts(BIGRAM_FILE)
    bigrams = {
        (key.split(" ", 1)[0], key.split(" ", 1)[1]): count
        for key, count in bigram_rows.items()
        if " " in key
    }
    spacy_forms = _spacy_forms()
    zipf = _zipf_table(spacy_forms, domain)
    english = {
        word: round(math.log10(freq) + 9.0, 2)
        for word, freq in wordfreq.get_frequency_dict("en").items()
        if freq >= 1e-6
    }
    by_skeleton = _skeleton_index(zipf)
    left, right = _bigram_totals(bigrams)
    return Lexicon(
        zipf=zipf,
        english=english,
        spacy_forms=spacy_forms,
        domain=domain,
        bigrams=bigrams,
        left_totals=left,
        right_totals=right,
        by_skeleton=by_skeleton,
    )


def spellings(skel: str) -> tuple[str, ...]:
    """Given a skeleton, return the known words that have it, most frequent first."""
    return _spellings(skel)


@lru_cache(maxsize=400_000)
def _spellings(skel: str) -> tuple[str, ...]:
    """Given a skeleton, return the known words that have it (cached)."""
    lexicon = load_lexicon()
    words = list(lexicon.by_skeleton.get(skel, ()))
    if skel in lexicon.zipf:
        words.append(skel)
    return tuple(sorted(words, key=lambda w: -lexicon.zipf[w]))


def _part_word(lexicon: Lexicon, word: str) -> bool:
    """Given a known word, say whether it may be a compound part."""
    return len(word) >= PART_MIN_LEN and (
        lexicon.zipf[word] >= PART_MIN_ZIPF
        or word in lexicon.domain
        or (len(word) > PART_MIN_LEN and word in lexicon.spacy_forms)
    )


@lru_cache(maxsize=400_000)
def part_forms(skel: str, final: bool) -> tuple[str, ...]:
    """Given a skeleton piece, return the compound parts that have it.

    Final parts are part words; inner parts add linking forms: word+s, short word+e,
    and a word with its final vowel dropped (with or without s).
    """
    lexicon = load_lexicon()
    forms = [w for w in _spellings(skel) if _part_word(lexicon, w)]
    if not final:
        if skel.endswith("s"):
            forms += [
                w + "s"
                for w in _spellings(skel[:-1])
                if not w.endswith("s") and _part_word(lexicon, w)
            ]
        if skel.endswith("e") and len(skel) <= SHORT_STEM + 1:
            forms += [
                w + "e"
                for w in _spellings(skel[:-1])
                if w[-1] not in "aeiouyåäö" and _part_word(lexicon, w)
            ]
        for vowel in _VOWEL_ENDS:
            for stem in (skel + vowel, skel[:-1] + vowel if skel.endswith("s") else ""):
                if len(stem) > PART_MIN_LEN:
                    tail = "s" if stem != skel + vowel else ""
                    forms += [
                        w[:-1] + tail
                        for w in _spellings(stem)
                        if w.endswith(vowel) and _part_word(lexicon, w)
                    ]
    return tuple(dict.fromkeys(forms))
