"""Train the risk-theme model from the labelled set; report cross-validated and held-out accuracy.

    .venv/bin/python bench/train_themes.py            # train, write the shipped model, report
    .venv/bin/python bench/train_themes.py --check    # refit, compare with the shipped model

The labelled set (normalize/data/risk_theme_labels.tsv) is split once by a hash of
each text: a fifth is held out and never used to train or to choose anything.
Five-fold cross-validation on the rest chooses the ``ovrigt`` threshold; the
shipped model is trained on the training part only, so the held-out figures
describe the model that ships. Training is full-batch gradient descent on a
multinomial logistic regression with an L2 penalty: deterministic, numpy only.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import sys
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from riskrad.normalize import themes

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "normalize" / "data"
LABELS = DATA / themes.LABELS_FILE
MODEL = DATA / themes.MODEL_FILE
L2_CHOICES = (0.002, 0.02)
STEPS = 600
RATE = 3.0
MIN_FEATURE_COUNT = 1
THRESHOLDS = (0.0, 0.15, 0.2, 0.25, 0.3, 0.35)
FOLDS = 5


@dataclass(frozen=True)
class Example:
    theme: str
    text: str
    source: str


def load_labels(path: Path = LABELS) -> list[Example]:
    """Given the labels file, its examples."""
    with path.open(encoding="utf-8") as fh:
        return [
            Example(r["theme"], r["text"], r["source"]) for r in csv.DictReader(fh, delimiter="\t")
        ]


def is_held_out(example: Example) -> bool:
    """Given an example, whether it is held out: a fifth by a hash of its text, and every
    ``sealed`` example (written after the model's design was fixed, scored once)."""
    if example.source == "sealed":
        return True
    return hashlib.sha256(example.text.encode("utf-8")).digest()[0] % 5 == 0


@cache
def features_of(text: str) -> frozenset[str]:
    """Given a text, its features (computed once per text)."""
    return frozenset(themes.text_features(text))


def design(
    examples: list[Example], vocabulary: list[str] | None = None
) -> tuple[npt.NDArray[np.float64], list[str]]:
    """Given examples (and a fixed vocabulary), the binary feature matrix and its vocabulary."""
    feature_sets = [features_of(e.text) for e in examples]
    if vocabulary is None:
        counts = Counter(f for fs in feature_sets for f in fs)
        vocabulary = sorted(f for f, n in counts.items() if n >= MIN_FEATURE_COUNT)
    index = {f: i for i, f in enumerate(vocabulary)}
    matrix = np.zeros((len(examples), len(vocabulary)))
    for row, fs in enumerate(feature_sets):
        for f in fs:
            if f in index:
                matrix[row, index[f]] = themes.feature_value(f)
    return matrix, vocabulary


def train(
    x: npt.NDArray[np.float64], y: npt.NDArray[np.int64], classes: int, l2: float
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Given features and labels, weights and bias of an L2 multinomial logistic regression."""
    weights = np.zeros((x.shape[1], classes))
    bias = np.zeros(classes)
    target = np.eye(classes)[y]
    for _ in range(STEPS):
        scores = x @ weights + bias
        scores -= scores.max(axis=1, keepdims=True)
        prob = np.exp(scores)
        prob /= prob.sum(axis=1, keepdims=True)
        grad = (prob - target) / len(y)
        weights -= RATE * (x.T @ grad + l2 * weights)
        bias -= RATE * grad.sum(axis=0)
    return weights, bias


def predict(
    x: npt.NDArray[np.float64],
    weights: npt.NDArray[np.float64],
    bias: npt.NDArray[np.float64],
    classes: list[str],
    threshold: float,
) -> list[str]:
    """Given features and a model, the predicted theme per row (``ovrigt`` under threshold)."""
    scores = x @ weights + bias
    scores -= scores.max(axis=1, keepdims=True)
    prob = np.exp(scores)
    prob /= prob.sum(axis=1, keepdims=True)
    best = prob.argmax(axis=1)
    return [classes[b] if prob[i, b] >= threshold else themes.OTHER for i, b in enumerate(best)]


def fit(
    examples: list[Example], classes: list[str], l2: float
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], list[str]]:
    """Given training examples, the fitted weights, bias and vocabulary."""
    x, vocabulary = design(examples)
    y = np.array([classes.index(e.theme) for e in examples])
    weights, bias = train(x, y, len(classes), l2)
    return weights, bias, vocabulary


def cross_validate(
    examples: list[Example], classes: list[str], l2: float
) -> dict[float, list[str]]:
    """Given the training part, threshold -> out-of-fold predictions (folds by position)."""
    predictions: dict[float, list[str]] = {t: [""] * len(examples) for t in THRESHOLDS}
    for fold in range(FOLDS):
        train_part = [e for i, e in enumerate(examples) if i % FOLDS != fold]
        test_rows = [i for i in range(len(examples)) if i % FOLDS == fold]
        weights, bias, vocabulary = fit(train_part, classes, l2)
        x, _ = design([examples[i] for i in test_rows], vocabulary)
        for t in THRESHOLDS:
            for i, p in zip(test_rows, predict(x, weights, bias, classes, t), strict=True):
                predictions[t][i] = p
    return predictions


def accuracy(truth: list[str], predicted: list[str]) -> float:
    """Given true and predicted themes, the share equal."""
    return sum(a == b for a, b in zip(truth, predicted, strict=True)) / max(len(truth), 1)


def confusions(truth: list[str], predicted: list[str], top: int = 6) -> list[tuple[str, str, int]]:
    """Given true and predicted themes, the most frequent (true, predicted) mistakes."""
    pairs = Counter((a, b) for a, b in zip(truth, predicted, strict=True) if a != b)
    return [(a, b, n) for (a, b), n in pairs.most_common(top)]


def model_json(
    weights: npt.NDArray[np.float64],
    bias: npt.NDArray[np.float64],
    vocabulary: list[str],
    classes: list[str],
    threshold: float,
    l2: float,
) -> bytes:
    """Given a fitted model, its shipped form (rounded, sorted: byte-stable)."""
    kept = {
        f: [round(float(w), 4) for w in weights[i]]
        for i, f in enumerate(vocabulary)
        if np.abs(weights[i]).max() >= 0.001
    }
    data = {
        "classes": classes,
        "bias": [round(float(b), 4) for b in bias],
        "min_score": threshold,
        "l2": l2,
        "weights": dict(sorted(kept.items())),
    }
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return gzip.compress(text.encode("utf-8"), mtime=0)


def check(train_part: list[Example], classes: list[str]) -> int:
    """Given the training part, refit with the shipped model's chosen L2 and threshold and
    compare bytes with the shipped model (the choice itself is remade by a full run)."""
    shipped = json.loads(gzip.decompress(MODEL.read_bytes()))
    l2, threshold = float(shipped["l2"]), float(shipped["min_score"])
    weights, bias, vocabulary = fit(train_part, classes, l2)
    blob = model_json(weights, bias, vocabulary, classes, threshold, l2)
    same = gzip.decompress(MODEL.read_bytes()) == gzip.decompress(blob)
    print("shipped model matches the rebuild" if same else "shipped model DIFFERS from rebuild")
    return 0 if same else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the shipped model")
    args = parser.parse_args(argv)
    examples = load_labels()
    classes = [t.slug for t in themes.load_themes()]
    train_part = [e for e in examples if not is_held_out(e)]
    held_out = [e for e in examples if is_held_out(e)]
    if args.check:
        return check(train_part, classes)
    truth = [e.theme for e in train_part]
    runs = {l2: cross_validate(train_part, classes, l2) for l2 in L2_CHOICES}
    l2, threshold = max(
        ((l2, t) for l2 in L2_CHOICES for t in THRESHOLDS),
        key=lambda c: (round(accuracy(truth, runs[c[0]][c[1]]), 4), -c[1], -c[0]),
    )
    cv = runs[l2]
    weights, bias, vocabulary = fit(train_part, classes, l2)
    blob = model_json(weights, bias, vocabulary, classes, threshold, l2)
    x_held, _ = design(held_out, vocabulary)
    held_pred = predict(x_held, weights, bias, classes, threshold)
    held_truth = [e.theme for e in held_out]
    print(f"labelled examples: {len(examples)} ({len(train_part)} train, {len(held_out)} held out)")
    print(
        f"5-fold CV accuracy on train (chosen by CV: L2 {l2}, ovrigt under {threshold}): "
        f"{accuracy(truth, cv[threshold]):.3f}"
    )
    print(f"held-out accuracy: {accuracy(held_truth, held_pred):.3f} ({len(held_out)} examples)")
    for source in sorted({e.source for e in held_out}):
        rows = [i for i, e in enumerate(held_out) if e.source == source]
        sub = accuracy([held_truth[i] for i in rows], [held_pred[i] for i in rows])
        print(f"  held out, source {source}: {sub:.3f} ({len(rows)})")
    print("most frequent confusions (CV, true -> predicted):")
    for a, b, n in confusions(truth, cv[threshold]):
        print(f"  {a} -> {b}: {n}")
    print("held-out confusions:", confusions(held_truth, held_pred) or "none")
    other = sum(p == themes.OTHER for p in held_pred) / max(len(held_pred), 1)
    print(f"share predicted ovrigt on held out: {other:.3f}")
    MODEL.write_bytes(blob)
    print(f"wrote {MODEL.relative_to(ROOT)} ({len(blob)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
