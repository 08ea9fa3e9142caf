"""The repair's readings and candidates made without namedtuple's generated __new__
(normalize/repair/candidates.py) are the tuples their classes make."""

from __future__ import annotations

from riskrad.normalize.repair import candidates
from riskrad.normalize.repair.candidates import Candidate, Variant, new_candidate, read_variants

TOKENS = ["forvaltningen", "uppf6ljning", "Upphandlingsf0rfarandet", "m&l", "arbetsmiljdarbete",
          "iiiiiiii", "dddmmmwww", "Riskbedomning"]


def test_a_candidate_made_directly_is_the_class_s() -> None:
    made = new_candidate("åtgärd", 4.5, 0.3, 2, True)
    assert made == Candidate("åtgärd", 4.5, 0.3, 2, True) and type(made) is Candidate
    assert repr(made) == repr(Candidate("åtgärd", 4.5, 0.3, 2, True))


def test_the_variants_are_the_walk_s_cheapest_readings_in_walk_order() -> None:
    # the definition: every reading a Variant with its cost rounded, a stable sort by
    # cost, the first MAX_VARIANTS
    for token in TOKENS:
        readings = candidates._walk(token)[: candidates.MAX_VARIANTS * 4]
        expected = sorted(
            (Variant(skel, allowed, round(cost, 3)) for skel, allowed, cost in readings),
            key=lambda variant: variant.cost,
        )[: candidates.MAX_VARIANTS]
        found = read_variants(token)
        assert list(found) == expected and all(type(v) is Variant for v in found), token
        assert [repr(v) for v in found] == [repr(v) for v in expected]
