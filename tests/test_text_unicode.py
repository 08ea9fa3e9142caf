"""Unicode clean-up: text that fix_unicode_text passes by unchanged is text ftfy leaves alone."""

from __future__ import annotations

import random
from pathlib import Path

from riskrad.model.text import _SUSPECT, _fixed_by_ftfy, fix_unicode_text

ROOT = Path(__file__).resolve().parent.parent
SWEDISH = "åäöÅÄÖéÉ"
ASCII = [chr(code) for code in range(0x20, 0x7F)] + ["\t", "\n", "\r"]


def _random_texts(count: int, seed: int) -> list[str]:
    """Given a count and a seed, short texts of printable ASCII, spaces and å/ä/ö/Å/Ä/Ö/é/É."""
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        size = rng.randint(1, 12)
        texts.append(
            "".join(
                rng.choice(SWEDISH) if rng.random() < 0.35
                else " " if rng.random() < 0.2 else rng.choice(ASCII)
                for _ in range(size)
            )
        )
    return texts


def test_text_of_ascii_and_swedish_letters_is_what_ftfy_leaves_alone() -> None:
    passed = 0
    for text in _random_texts(30_000, seed=15):
        if not _SUSPECT.search(text):
            passed += 1
            assert _fixed_by_ftfy(text) == text, repr(text)
            assert fix_unicode_text(text) == text
    assert passed > 20_000


def test_the_bench_texts_read_alike_with_and_without_the_shortcut() -> None:
    lines = [
        line
        for path in sorted((ROOT / "bench" / "data").glob("repair_*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    assert sum(1 for line in lines if not _SUSPECT.search(line) and not line.isascii()) > 500
    for line in lines:
        assert fix_unicode_text(line) == _fixed_by_ftfy(line), repr(line)


def test_mojibake_and_an_a_ring_before_a_space_still_go_to_ftfy() -> None:
    assert fix_unicode_text("Ã¤r") == "är"
    assert fix_unicode_text("Ä§") == _fixed_by_ftfy("Ä§") != "Ä§"
    assert _SUSPECT.search("Å ") and _SUSPECT.search("è") and _SUSPECT.search("a\x0bb")
    assert not _SUSPECT.search("Åtgärd för öppna ärenden")
    assert not _SUSPECT.search("Atgérd fér éppna É ")


def test_short_texts_with_e_acute_skip_ftfy_and_are_what_ftfy_leaves_alone() -> None:
    letters = ASCII + list(SWEDISH)
    texts = [a + b for a in letters for b in letters if "é" in a + b or "É" in a + b]
    texts += [a + b + c for a in "éÉ" for b in letters for c in (" ", "?", "a", "é", "É", "\t")]
    passed = [text for text in texts if not _SUSPECT.search(text)]
    assert len(passed) > 0.9 * len(texts)
    for text in passed:
        assert _fixed_by_ftfy(text) == text, repr(text)
