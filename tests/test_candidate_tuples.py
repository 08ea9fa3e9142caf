"""The letter repair's shortcuts give what their definitions give: readings and
candidates made without namedtuple's generated __new__ are the tuples their classes make
(normalize/repair/candidates.py); a token's case is restored as its rules say."""

from __future__ import annotations

from riskrad.normalize.repair import candidates
from riskrad.normalize.repair.candidates import Candidate, Variant, new_candidate, read_variants
from riskrad.normalize.repair.letters import restore_case

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


def _restore_case_by_definition(token: str, word: str) -> str:
    """Given a token and a spelling, restore_case's rules with no fast path."""
    letters = [c for c in token if c.isalpha() and c not in "I"]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return word.upper()
    first = token[0]
    if first.isupper() and first != "I":
        return word[:1].upper() + word[1:]
    if first == "I" and word.startswith("i"):
        return "I" + word[1:]
    return word


def test_a_token_s_case_is_restored_as_its_rules_say() -> None:
    tokens = ["forvaltning", "Forvaltning", "FORVALTNING", "Iakttagelse", "IT-stod", "iPad",
              "uppf6ljning", "6verlamna", "ÅTGÄRD", "ǅemal", "a", "A", "I", "x1", "dé", "DÉ",
              "m&l", "M&L", "éO", "123a", "ﬁnans"]
    for token in tokens:
        for word in ("forvaltning", "åtgärd", "i", "ilska", "överlämna"):
            assert restore_case(token, word) == _restore_case_by_definition(token, word), token
