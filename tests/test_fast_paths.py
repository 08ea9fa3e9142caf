"""Fast paths that must give what the plain code gives, value for value."""

from __future__ import annotations

import math
import pickle
import random

from riskrad.extract.tables import nearest_index
from riskrad.model.records import BBox, Word, make_bbox, make_word


def nearest_by_min(bounds: tuple[float, ...], value: float) -> int:
    """Given sorted boundaries and a value, the nearest boundary's index as ``min`` finds it."""
    return min(range(len(bounds)), key=lambda i: abs(bounds[i] - value))


def test_nearest_index_is_the_first_nearest_boundary() -> None:
    """Bisection gives min's answer: ties at midpoints, values on a boundary, outside the
    bounds, infinities and NaN, and large values whose distances round alike."""
    rnd = random.Random(7)
    for _ in range(20_000):
        k = rnd.randint(1, 12)
        mode = rnd.random()
        if mode < 0.3:
            bounds = tuple(sorted({round(rnd.uniform(0, 800), 1) for _ in range(k)}))
            value = rnd.choice(bounds) + rnd.choice([0.0, 0.05, -0.05, rnd.uniform(-60, 60)])
        elif mode < 0.6:
            bounds = tuple(sorted({float(rnd.randint(0, 20)) for _ in range(k)}))
            value = rnd.randint(-2, 22) + rnd.choice([0.0, 0.5, 0.25])
        elif mode < 0.8:
            base = rnd.choice([1e16, 1e17, 2.0**53])
            bounds = tuple(sorted({base + rnd.randint(0, 8) * 2.0 for _ in range(k)}))
            value = rnd.choice([-1e300, 1e300, base * 3, 0.0])
        else:
            bounds = tuple(sorted({rnd.uniform(0, 800) for _ in range(k)}))
            value = rnd.choice([math.inf, -math.inf, math.nan, rnd.uniform(-1, 801)])
        assert nearest_index(bounds, value) == nearest_by_min(bounds, value), (bounds, value)


def test_records_made_by_their_slots_are_the_records() -> None:
    """make_bbox / make_word give what the dataclasses' constructors give (equal, same
    hash and repr), and pickle rebuilds them equal."""
    box = make_bbox(1.5, 2.0, 30.25, 12.0)
    assert box == BBox(1.5, 2.0, 30.25, 12.0)
    assert hash(box) == hash(BBox(1.5, 2.0, 30.25, 12.0))
    word = make_word("Risk", box, "ocr", 0.5, 9.0, True, True)
    plain = Word("Risk", BBox(1.5, 2.0, 30.25, 12.0), "ocr", 0.5, 9.0, True, True)
    assert word == plain and hash(word) == hash(plain) and repr(word) == repr(plain)
    assert make_word("a", box) == Word("a", box)
    assert pickle.loads(pickle.dumps(plain)) == plain
    assert type(pickle.loads(pickle.dumps(plain)).bbox) is BBox
