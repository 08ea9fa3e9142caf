"""Risk lineage: the same risk of the same organ gets the same ``risk_key`` across years.

A title is reduced to content lemmas:

1. casefold, drop a list prefix ("a) ", "1. ", "- "), the boilerplate opening
   ("Risk för att", "Risk att", "Det finns risk för", "Risken för") and punctuation;
2. lemmatise with spaCy's Swedish lookup lemmatizer (its tokens, normalize/sv_tokens.py, plus
   the ``sv_lemma_lookup`` table of spacy-lookups-data; no trained model needed);
3. drop Swedish function words (spaCy's Swedish stop list, which includes
   "inte": negation rarely separates two risks of one organ), reduce each lemma
   with the Snowball Swedish stemmer (the lookup table misses inflected compounds
   and is inconsistent on some words: "lön"->"lona" but "löner"->"lon") and
   fold å/ä/ö/é to a/a/o/e so OCR-stripped diacritics ("sakerstalla") still match.

Two titles are compared on their stem sets: stems are paired one-to-one
(heaviest pairs first) when equal, when one is a long prefix of the other (≥ 0.8
of the longer), or, for stems of 6+ letters, when their difflib similarity ratio
is ≥ 0.85 (a misspelt or OCR-damaged word: "miljökada"/"miljöskada").  With M the
weight of the paired stems and A, B the weights of each title's stems,

    similarity = ( M / (A + B − M)  +  M / min(A, B) ) / 2

the mean of the weighted Jaccard (penalises added words) and the weighted
containment (forgives a title that only adds a qualifier: "Risk för
dubbelarbete" / "Risk för dubbelarbete mellan enheter").  Every stem weighs 1
by default, so an organ's keys do not change when other documents are added to
the dataset; ``idf_weights`` gives optional inverse-document-frequency weights
(words in many titles, like "brist" or "hantering", weigh little), which did not
do better on the labelled pairs (see ``bench/lineage_eval.py --idf``).
THRESHOLD 0.62 lies in the middle of the range (0.59..0.66) where the F1 of
same-risk decisions on tests/data/lineage_pairs_dev.csv is highest.
:data:`THRESHOLD` was chosen on labelled pairs (tests/data/lineage_pairs_dev.csv;
``bench/lineage_eval.py PAIRS.csv`` prints precision/recall for any pairs file).

Keys: risks are grouped by organ (municipality code, else municipality name, and
organ); documents are visited by year, and each document's risks are matched
one-to-one (best similarity first) to the organ's risks already keyed.  A risk
with no match above the threshold starts a new key
``<municipality_code or municipality slug>:<organ slug>:<slug of the earliest title>``
(with "~2", "~3" appended when two different risks of one organ share the slug).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from riskrad.model.contract_row import column_values, is_missing
from riskrad.model.lexicon import lemma_of
from riskrad.model.settings import LineageSettings
from riskrad.model.text import strip_diacritics
from riskrad.normalize.sv_tokens import stop_words, tokens

if TYPE_CHECKING:
    import pandas as pd

THRESHOLD = LineageSettings().threshold
SLUG_WORDS = 8

_LIST_PREFIX = re.compile(r"^\s*(?:[a-zåäö]|\d{1,2}|[ivx]{1,4})\s*[).:]\s+|^\s*[-–•*]\s+")
_BOILERPLATE = re.compile(
    r"^(?:det\s+finns\s+(?:en\s+)?)?(?:risk(?:en|er|erna)?)\s+"
    r"(?:f[öo]r\s+att|f[öo]r|att|i|med|kring|gällande|avseende)?\s*",
)
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*|\d+")
_LIGATURES = str.maketrans({"æ": "a", "ø": "o"})
_EXTRA_STOP = frozenset({"risk", "risken", "risker", "riskerna", "finnas", "finne", "föra", "samt"})
_VOWELS = "aeiouyäåö"
_STEP1_TEXT = (
    "a arna erna heterna orna ad e ade ande arne are aste en anden aren heten ern ar "
    "er heter or as arnas ernas ornas es ades andes ens arens hetens erns at andet het ast"
)
_STEP1 = tuple(sorted(_STEP1_TEXT.split(), key=len, reverse=True))
_S_ENDING = set("bcdfghjklmnoprtvy")
_STEP2 = ("dd", "gd", "nn", "dt", "gt", "kt", "tt")
_STEP3 = (("fullt", "full"), ("löst", "lös"), ("lig", ""), ("els", ""), ("ig", ""))


@lru_cache(maxsize=1)
def _lemmatizer() -> Callable[[str], list[tuple[str, str]]]:
    """Given nothing, a function from text to (token, lemma) pairs: spaCy's Swedish
    tokens (normalize/sv_tokens.py, spaCy not imported) and its lookup lemma table."""

    def lemmas(text: str) -> list[tuple[str, str]]:
        return [(t.casefold(), lemma_of(t).casefold()) for t in tokens(text)]

    return lemmas


def strip_boilerplate(title: str) -> str:
    """Given a risk title, it casefolded without list prefix and "Risk för att"-opening."""
    text = unicodedata.normalize("NFC", " ".join(title.split())).casefold()
    previous = None
    while previous != text:
        previous = text
        text = _LIST_PREFIX.sub("", text)
        text = _BOILERPLATE.sub("", text)
    return text.strip(" .,:;–-")


def _r1(word: str) -> int:
    """Given a word, the start of its Snowball R1 region (at least 3)."""
    for i in range(1, len(word)):
        if word[i] not in _VOWELS and word[i - 1] in _VOWELS:
            return max(3, i + 1)
    return len(word)


def swedish_stem(word: str) -> str:
    """Given a lowercase Swedish word, its Snowball (Porter) Swedish stem."""
    r1 = _r1(word)
    for suffix in _STEP1:
        if word.endswith(suffix) and len(word) - len(suffix) >= r1:
            word = word[: -len(suffix)]
            break
    else:
        if word.endswith("s") and len(word) - 1 >= r1 and len(word) > 1 and word[-2] in _S_ENDING:
            word = word[:-1]
    if any(word.endswith(d) and len(word) - 2 >= r1 for d in _STEP2):
        word = word[:-1]
    for suffix, replacement in _STEP3:
        if word.endswith(suffix) and len(word) - len(suffix) >= r1:
            word = word[: -len(suffix)] + replacement
            break
    return word


def _fold(word: str) -> str:
    """Given a lemma, it with accents dropped (å/ä/ö/é/ü) and æ/ø as a/o."""
    return strip_diacritics(word.translate(_LIGATURES))


@lru_cache(maxsize=20000)
def title_lemmas(title: str) -> tuple[str, ...]:
    """Given a risk title, its distinct content lemmas (folded), in order of appearance."""
    text = strip_boilerplate(title)
    words = " ".join(_WORD.findall(text))
    out: list[str] = []
    for token, lemma in _lemmatizer()(words):
        if not _WORD.fullmatch(lemma):
            continue
        if {token, lemma} & (stop_words() | _EXTRA_STOP):
            continue
        folded = _fold(swedish_stem(lemma))
        if folded not in out:
            out.append(folded)
    return tuple(out)


@lru_cache(maxsize=200_000)
def _lemmas_match(a: str, b: str, settings: LineageSettings) -> bool:
    """Given two stems, whether they are equal, share a long prefix or are nearly equal."""
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) < settings.min_prefix:
        return False
    common = 0
    for x, y in zip(short, long_, strict=False):
        if x != y:
            break
        common += 1
    if common >= settings.min_prefix and common >= settings.prefix_match * len(long_):
        return True
    if len(short) < settings.fuzzy_min_length:
        return False
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return (
        matcher.real_quick_ratio() >= settings.fuzzy_ratio
        and matcher.quick_ratio() >= settings.fuzzy_ratio
        and matcher.ratio() >= settings.fuzzy_ratio
    )


def idf_weights(titles: Iterable[str]) -> dict[str, float]:
    """Given a collection of titles, each lemma's smoothed inverse document frequency."""
    docs = [set(title_lemmas(t)) for t in titles]
    counts: Counter[str] = Counter(lemma for d in docs for lemma in d)
    n = len(docs)
    return {lemma: math.log((n + 1) / (df + 1)) + 1.0 for lemma, df in counts.items()}


def pair_similarity(
    a: str,
    b: str,
    weights: Mapping[str, float] | None = None,
    settings: LineageSettings | None = None,
) -> float:
    """Given two risk titles (and optional stem weights), their 0..1 similarity (module doc)."""
    cfg = settings or LineageSettings()
    la, lb = title_lemmas(a), title_lemmas(b)
    if not la or not lb:
        return 1.0 if strip_boilerplate(a) == strip_boilerplate(b) and la == lb else 0.0
    if weights is None:
        return _uniform_similarity(la, lb, cfg)
    return _stem_similarity(la, lb, weights, cfg)


@lru_cache(maxsize=200_000)
def _uniform_similarity(la: tuple[str, ...], lb: tuple[str, ...], cfg: LineageSettings) -> float:
    """Given two stem tuples, their similarity with every stem weighing 1 (cached)."""
    return 1.0 if la == lb else _stem_similarity(la, lb, None, cfg)


def _stem_similarity(
    la: tuple[str, ...],
    lb: tuple[str, ...],
    weights: Mapping[str, float] | None,
    cfg: LineageSettings,
) -> float:
    """Given two non-empty stem tuples and optional weights, the module doc's similarity."""
    default = max(weights.values()) if weights else 1.0

    def weight(lemma: str) -> float:
        return weights.get(lemma, default) if weights else 1.0

    candidates = sorted(
        (
            (weight(x) + weight(y), i, j)
            for i, x in enumerate(la)
            for j, y in enumerate(lb)
            if _lemmas_match(x, y, cfg)
        ),
        reverse=True,
    )
    used_a: set[int] = set()
    used_b: set[int] = set()
    matched = 0.0
    for pair_weight, i, j in candidates:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        matched += pair_weight / 2
    total_a = sum(weight(x) for x in la)
    total_b = sum(weight(y) for y in lb)
    union = total_a + total_b - matched
    if union <= 0 or min(total_a, total_b) <= 0:
        return 0.0
    return (matched / union + matched / min(total_a, total_b)) / 2


def same_risk(
    a: str,
    b: str,
    weights: Mapping[str, float] | None = None,
    settings: LineageSettings | None = None,
) -> bool:
    """Given two risk titles of one organ, whether they name the same risk."""
    cfg = settings or LineageSettings()
    return pair_similarity(a, b, weights, cfg) >= cfg.threshold


def slug(text: str, max_words: int = SLUG_WORDS) -> str:
    """Given a text, a lowercase ASCII slug of at most ``max_words`` words joined by '-'."""
    folded = unicodedata.normalize("NFKD", _fold(text.casefold()))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_text)
    return "-".join(words[:max_words]) or "x"


def organ_slug(
    municipality_code: object, municipality: object, organ: object, document_id: object = ""
) -> str:
    """Given a document's municipality code, municipality, organ and id, the key's organ part.

    An unknown municipality or organ is never shared between documents: its part
    names the document ("okand-3f2a…", "okant-organ-3f2a…"), so two documents
    whose organ is unknown never get each other's keys.
    """
    document = slug(_text(document_id)[:16] or "x")
    where = _text(municipality_code) or slug(_text(municipality) or f"okand-{document}")
    return f"{where}:{slug(_text(organ)) if _text(organ) else f'okant-organ-{document}'}"


def _text(value: object) -> str:
    """Given a frame cell, its stripped text ('' for None/NA)."""
    if is_missing(value):
        return ""
    return str(value).strip()


def match_titles(
    new: Sequence[str],
    known: Sequence[str],
    weights: Mapping[str, float] | None = None,
    settings: LineageSettings | None = None,
) -> dict[int, int]:
    """Given new and already keyed titles, a one-to-one map new index -> known index, best first."""
    cfg = settings or LineageSettings()
    out: dict[int, int] = {}
    taken: set[int] = set()
    first_known: dict[tuple[str, ...], list[int]] = {}
    for j, y in enumerate(known):
        first_known.setdefault(title_lemmas(y), []).append(j)
    for i, x in enumerate(new):  # identical normalised titles first (score 1, cheap)
        stems = title_lemmas(x)
        free = [j for j in first_known.get(stems, []) if j not in taken] if stems else []
        if free:
            out[i] = free[0]
            taken.add(free[0])
    scored = sorted(
        (
            (pair_similarity(x, y, weights, cfg), i, j)
            for i, x in enumerate(new)
            if i not in out
            for j, y in enumerate(known)
            if j not in taken
        ),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    for score, i, j in scored:
        if score < cfg.threshold:
            break
        if i in out or j in taken:
            continue
        out[i] = j
        taken.add(j)
    return out


def _year_number(value: object) -> float:
    """Given a documents row's year, it as a number to sort by (99999 when missing or not a
    number, as ``pd.to_numeric(errors="coerce").fillna(99999)``)."""
    if isinstance(value, bool) or is_missing(value):
        return 99999.0
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(str(value))
    except ValueError:
        return 99999.0


def _document_order(documents: Any) -> list[str]:
    """Given the documents table (rows as mappings, or a DataFrame), its document ids sorted
    by year (unknown last), type and id."""
    ids = column_values(documents, "document_id")
    keys = [
        (_year_number(year), "" if is_missing(kind) else str(kind), is_missing(d), str(d))
        for year, kind, d in zip(
            column_values(documents, "year"),
            column_values(documents, "document_type"),
            ids,
            strict=True,
        )
    ]
    order = sorted(range(len(ids)), key=keys.__getitem__)
    return [str(ids[i]) for i in order]


def risk_keys(
    risks: Any,
    documents: Any,
    settings: LineageSettings | None = None,
    weights: Mapping[str, float] | None = None,
) -> list[str]:
    """Given the risks and documents tables (rows as mappings, or DataFrames), each risk's
    ``risk_key``, in row order."""
    cfg = settings or LineageSettings()
    all_titles = [_text(t) for t in column_values(risks, "risk")]
    organ_of = {
        str(d): organ_slug(code, name, organ, d)
        for code, name, organ, d in zip(
            column_values(documents, "municipality_code"),
            column_values(documents, "municipality"),
            column_values(documents, "organ"),
            column_values(documents, "document_id"),
            strict=True,
        )
    }
    keys = [""] * len(all_titles)
    known: dict[str, list[tuple[str, str]]] = {}  # organ -> [(title, key)]
    used: dict[str, set[str]] = {}
    rows_of: dict[str, list[int]] = {}  # document_id -> its risks' positions, in order
    for position, document_id in enumerate(column_values(risks, "document_id")):
        rows_of.setdefault(str(document_id), []).append(position)
    ordered_ids = _document_order(documents)
    ordered_ids += sorted(set(rows_of) - set(ordered_ids))
    for document_id in ordered_ids:
        rows = rows_of.get(document_id, [])
        if len(rows) == 0:
            continue
        organ = organ_of.get(document_id, f"okand:{slug(document_id)}")
        pool = known.setdefault(organ, [])
        taken = used.setdefault(organ, set())
        doc_titles = [all_titles[i] for i in rows]
        matches = match_titles(doc_titles, [t for t, _ in pool], weights, cfg)
        for n, index in enumerate(rows):
            if n in matches:
                key = pool[matches[n]][1]
            else:
                key = _fresh_key(organ, doc_titles[n], taken)
                pool.append((doc_titles[n], key))
            taken.add(key)
            keys[index] = key
    return keys


def assign_risk_keys(
    risks: pd.DataFrame,
    documents: pd.DataFrame,
    settings: LineageSettings | None = None,
    weights: Mapping[str, float] | None = None,
) -> pd.Series:
    """Given the risks and documents frames, each risk's ``risk_key`` (index aligned to risks;
    see :func:`risk_keys`)."""
    import pandas as pd

    keys = risk_keys(risks, documents, settings, weights)
    return pd.Series(keys, index=risks.index, dtype="string", name="risk_key")


def content_words(title: str) -> list[str]:
    """Given a risk title, its words without boilerplate opening and function words."""
    words = _WORD.findall(strip_boilerplate(title))
    return [w for w in words if w not in stop_words() and w not in _EXTRA_STOP]


def _fresh_key(organ: str, title: str, taken: set[str]) -> str:
    """Given an organ part, a title and the organ's keys so far, a new unused key."""
    words = content_words(title)
    base = f"{organ}:{slug(' '.join(words) if words else strip_boilerplate(title) or 'risk')}"
    key, n = base, 1
    while key in taken:
        n += 1
        key = f"{base}~{n}"
    return key


@dataclass(frozen=True, slots=True)
class PairEval:
    """Precision and recall of ``same_risk`` on labelled title pairs."""

    threshold: float
    pairs: int
    true_positive: int
    false_positive: int
    false_negative: int
    precision: float
    recall: float


def evaluate_pairs(
    pairs: Sequence[tuple[str, str, bool]],
    settings: LineageSettings | None = None,
    weights: Mapping[str, float] | None = None,
) -> PairEval:
    """Given labelled (title_a, title_b, same) pairs, precision/recall of same-risk decisions."""
    cfg = settings or LineageSettings()
    tp = fp = fn = 0
    for a, b, same in pairs:
        predicted = same_risk(a, b, weights, cfg)
        tp += predicted and same
        fp += predicted and not same
        fn += (not predicted) and same
    return PairEval(
        threshold=cfg.threshold,
        pairs=len(pairs),
        true_positive=tp,
        false_positive=fp,
        false_negative=fn,
        precision=tp / (tp + fp) if tp + fp else 1.0,
        recall=tp / (tp + fn) if tp + fn else 1.0,
    )
