"""A common theme for every risk: the shipped taxonomy and an explainable linear model.

The themes are ``normalize/data/risk_themes.csv`` (part of the dataset contract).
A risk's title and description become features an auditor can read back:

- ``w:<lemma>``: a word by its lemma (spaCy's Swedish lemma table), so
  "upphandlingar" and "upphandling" count as one;
- ``k:<theme>``: a typical word of a theme, from the taxonomy, found in the text,
  also inside a compound ("direkt|upphandling", "leverantörs|faktura"); these
  carry the taxonomy's knowledge and weigh ``KEYWORD_VALUE`` times a word.
(Four-letter pieces of words were tried as compound features: on the training
part's cross-validation they overfit the small labelled set, so they are out.)

A multinomial logistic regression over these features, trained by
``bench/train_themes.py`` on the labelled set ``normalize/data/risk_theme_labels.tsv``
(ships as ``risk_theme_model.json.gz``), scores each theme. The evidence of a
decision is the words whose features pushed most towards the chosen theme.
"""

from __future__ import annotations

import csv
import gzip
import json
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from riskrad.model.lexicon import lemma_of
from riskrad.model.rows import ControlRow, RiskRow

DATA_PACKAGE = "riskrad.normalize.data"
THEMES_FILE = "risk_themes.csv"
LABELS_FILE = "risk_theme_labels.tsv"
MODEL_FILE = "risk_theme_model.json.gz"
OTHER = "ovrigt"
KEYWORD_VALUE = 3.0
EVIDENCE_WORDS = 3
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Theme:
    """One theme of the taxonomy."""

    slug: str
    name: str
    definition: str
    keywords: tuple[str, ...]
    examples: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ThemeResult:
    """A risk's theme, the model's probability for it, and the words that decided it."""

    slug: str
    score: float
    evidence: tuple[str, ...]
    runner_up: str | None = None
    runner_up_score: float = 0.0


@dataclass(frozen=True, slots=True)
class ThemeModel:
    """A linear model: per feature one weight per theme, plus a bias per theme."""

    classes: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    min_score: float


def fold(word: str) -> str:
    """Given a word, lower case with combining marks kept (å/ä/ö stay distinct)."""
    return unicodedata.normalize("NFC", word.casefold())


def words_of(text: str) -> list[str]:
    """Given a text, its words folded (letters and inner hyphens only)."""
    return [fold(w) for w in _WORD.findall(text)]


@cache
def load_themes() -> tuple[Theme, ...]:
    """Given nothing, the shipped taxonomy in file order."""
    text = resources.files(DATA_PACKAGE).joinpath(THEMES_FILE).read_text(encoding="utf-8")
    themes = []
    for row in csv.DictReader(text.splitlines()):
        themes.append(
            Theme(
                slug=row["slug"],
                name=row["name"],
                definition=row["definition"],
                keywords=tuple(fold(k) for k in row["typical_words"].split(";") if k.strip()),
                examples=tuple(e.strip() for e in row["examples"].split("|") if e.strip()),
            )
        )
    return tuple(themes)


def keyword_matches(word: str, key: str) -> bool:
    """Given a folded word and a typical word, whether the word holds it.

    A keyword of four or more letters also counts inside a compound
    ("leverantörsfaktura" holds "faktura"); shorter ones ("lön", "sol") and those
    marked "=" ("=handling": not "handlingsplan") only as the whole word, its
    lemma, or the word's end.
    """
    whole = key.startswith("=") or len(key) < 4
    key = key.lstrip("=")
    if not whole:
        return key in word
    lemma = fold(lemma_of(word))
    return word == key or lemma == key or word.endswith(key)


def keyword_hits(words: Iterable[str], themes: Iterable[Theme]) -> dict[str, list[str]]:
    """Given folded words, theme slug -> the words holding one of its (one-word) keywords."""
    themes_of = _word_matcher(tuple(themes))
    hits: dict[str, list[str]] = {}
    for word in set(words):
        for slug in themes_of(word):
            hits.setdefault(slug, []).append(word)
    return hits


_MATCHERS: dict[int, tuple[tuple[Theme, ...], Callable[[str], tuple[str, ...]]]] = {}


def _word_matcher(themes: tuple[Theme, ...]) -> Callable[[str], tuple[str, ...]]:
    """Given themes, a function from a folded word to the slugs of the themes whose one-word
    keywords it holds (``keyword_matches``), remembering each word: a folder's risks share
    most of their words, and a word's lemma is looked up once, not once per keyword."""
    known = _MATCHERS.get(id(themes))
    if known is not None and known[0] is themes:
        return known[1]
    keys = [
        (theme.slug, [(k.lstrip("="), k.startswith("=") or len(k) < 4) for k in theme.keywords])
        for theme in themes
    ]
    single = [(slug, [(k, whole) for k, whole in pairs if " " not in k]) for slug, pairs in keys]

    @lru_cache(maxsize=1 << 16)
    def themes_of(word: str) -> tuple[str, ...]:
        lemma: str | None = None
        slugs = []
        for slug, pairs in single:
            for key, whole in pairs:
                if not whole:
                    if key in word:
                        break
                    continue
                if lemma is None:
                    lemma = fold(lemma_of(word))
                if word == key or lemma == key or word.endswith(key):
                    break
            else:
                continue
            slugs.append(slug)
        return tuple(slugs)

    _MATCHERS[id(themes)] = (themes, themes_of)
    return themes_of


def word_features(word: str) -> list[str]:
    """Given a folded word, its lemma feature."""
    return [f"w:{fold(lemma_of(word))}"]


def feature_value(feature: str) -> float:
    """Given a feature, its value when present (keywords weigh more than single words)."""
    return KEYWORD_VALUE if feature.startswith("k:") else 1.0


def text_features(text: str) -> dict[str, list[str]]:
    """Given a risk's text, feature -> the words that produced it (phrases count once)."""
    words = words_of(text)
    features: dict[str, list[str]] = {}
    for word in words:
        for feature in word_features(word):
            features.setdefault(feature, []).append(word)
    lowered = " " + " ".join(words) + " "
    themes = load_themes()
    for slug, hit_words in keyword_hits(words, themes).items():
        features[f"k:{slug}"] = hit_words
    for theme in themes:  # multi-word keywords ("lex sarah", "allmän handling")
        for key in theme.keywords:
            if " " in key and f" {key} " in lowered:
                features.setdefault(f"k:{theme.slug}", []).append(key)
    return features


@cache
def load_model() -> ThemeModel:
    """Given nothing, the shipped theme model."""
    raw = resources.files(DATA_PACKAGE).joinpath(MODEL_FILE).read_bytes()
    data = json.loads(gzip.decompress(raw))
    return ThemeModel(
        classes=tuple(data["classes"]),
        bias=tuple(data["bias"]),
        weights={k: tuple(v) for k, v in data["weights"].items()},
        min_score=float(data["min_score"]),
    )


def softmax(scores: list[float]) -> list[float]:
    """Given raw scores, probabilities."""
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


def evidence_for(features: dict[str, list[str]], model: ThemeModel, index: int) -> tuple[str, ...]:
    """Given a text's features and a theme's index, the words that pushed most towards it."""
    push: dict[str, float] = {}
    for feature, words in features.items():
        weights = model.weights.get(feature)
        if weights is None or weights[index] <= 0:
            continue
        for word in set(words):
            push[word] = push.get(word, 0.0) + feature_value(feature) * weights[index]
    ranked = sorted(push.items(), key=lambda kv: (-kv[1], kv[0]))
    return tuple(word for word, _ in ranked[:EVIDENCE_WORDS])


def classify(title: str | None, description: str | None = None) -> ThemeResult:
    """Given a risk's title (and description), its theme with score and evidence.

    Below the model's ``min_score`` no theme is sure enough and the risk is
    ``ovrigt``, scored with the model's probability for ``ovrigt``.
    """
    text = theme_text(title, description)
    model = load_model()
    features = text_features(text)
    if not features:
        return ThemeResult(OTHER, 0.0, ())
    scores = list(model.bias)
    for feature in features:
        weights = model.weights.get(feature)
        if weights is not None:
            value = feature_value(feature)
            scores = [s + value * w for s, w in zip(scores, weights, strict=True)]
    probabilities = softmax(scores)
    ranked = sorted(range(len(probabilities)), key=lambda i: (-probabilities[i], i))
    best, second = ranked[0], ranked[1]
    slug, score = model.classes[best], probabilities[best]
    runner = (model.classes[second], round(probabilities[second], 4))
    if score < model.min_score:
        other = probabilities[model.classes.index(OTHER)] if OTHER in model.classes else 0.0
        return ThemeResult(OTHER, round(other, 4), (), slug, round(score, 4))
    return ThemeResult(slug, round(score, 4), evidence_for(features, model, best), *runner)


def theme_text(title: str | None, description: str | None) -> str:
    """Given a risk's title and description, the text its theme is read from."""
    return " ".join(t for t in (title, description) if t)


def themes_by_text(risks: Iterable[RiskRow]) -> dict[str, list[Any]]:
    """Given risk rows, each one's theme as JSON values keyed by its text (a document's
    result carries them, so a cached document's risks are not classified again)."""
    out: dict[str, list[Any]] = {}
    for row in risks:
        text = theme_text(row.risk, row.description)
        if text not in out:
            found = classify(row.risk, row.description)
            out[text] = [
                found.slug,
                found.score,
                list(found.evidence),
                found.runner_up,
                found.runner_up_score,
            ]
    return out


def known_theme(known: Mapping[str, Sequence[Any]], row: RiskRow) -> ThemeResult:
    """Given themes by text (themes_by_text) and a risk row, its theme: the known one for
    its text, else classified now."""
    stored = known.get(theme_text(row.risk, row.description))
    if stored is None:
        return classify(row.risk, row.description)
    slug, score, evidence, runner_up, runner_up_score = stored
    return ThemeResult(slug, score, tuple(evidence), runner_up, runner_up_score)


def assign_themes(
    risks: list[RiskRow],
    controls: list[ControlRow],
    known: Mapping[str, Sequence[Any]] | None = None,
) -> list[dict[str, Any]]:
    """Given the dataset's risk and control rows (and themes already found, by text), each
    replaced in its list by a copy with its theme; the evidence rows."""
    evidence: list[dict[str, Any]] = []
    by_risk: dict[str, str] = {}
    for index, row in enumerate(risks):
        result = known_theme(known or {}, row)
        risks[index] = row.but(risk_theme=result.slug, risk_theme_score=result.score)
        by_risk[str(row.risk_id)] = result.slug
        evidence.append(
            {
                "risk_id": row["risk_id"],
                "document_id": row["document_id"],
                "risk_theme": result.slug,
                "risk_theme_score": result.score,
                "evidence": ";".join(result.evidence) or None,
                "runner_up": result.runner_up,
                "runner_up_score": result.runner_up_score if result.runner_up else None,
            }
        )
    for index, control in enumerate(controls):
        controls[index] = control.but(risk_theme=by_risk.get(control.risk_id or ""))
    return evidence
