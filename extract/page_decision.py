"""Decide per page whether its text comes from the text layer or from OCR.

``measure_text_quality`` turns a page's text-layer text into a
:class:`~riskrad.model.records.TextQuality` (how Swedish, how many unmapped
glyphs, how many words look like English-model OCR damage, whether ftfy
repairs mojibake); ``decide_route`` turns that into a
:class:`~riskrad.model.records.PageDecision` with a reason, which is also logged.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from riskrad.model.lexicon import (
    EDGE_PUNCT,
    SWEDISH_LETTERS,
    is_swedish_word,
    looks_like_ocr_standin,
    looks_like_stripped_diacritics,
)
from riskrad.model.records import PageDecision, Route, TextQuality
from riskrad.model.settings import DecisionSettings
from riskrad.model.text import CID_GLYPH, page_mojibake_repair

DEFAULT_DECISION = DecisionSettings()

log = logging.getLogger(__name__)

_WORD_RE = re.compile(r"\S+")  # str.split() parts: the same whitespace (tests/test_fast_paths.py)
_LETTERS_RE = re.compile(r"[^\W\d_]+")
_CODE_RE = re.compile(r"^([^\W\d_]{1,2})(\d{1,3})$")
MIN_CODE_SERIES = 3  # numbers one letter prefix takes on a page to read as codes


def code_series(tokens: Iterable[str]) -> set[str]:
    """Given a page's case-folded tokens, those that are codes of a numbered series: one or
    two letters and a number ("r4", "s1", "k3"), where the page numbers the same letters
    three times or more (risks R1..R11, a matrix's axes S1..S5). They are labels, not
    Swedish words whose å/ö an English OCR model read as 4 or 6 ("s4" for "så")."""
    matches = {t: m for t in tokens if (m := _CODE_RE.match(t.strip(EDGE_PUNCT)))}
    by_prefix: dict[str, set[str]] = {}
    for match in matches.values():
        by_prefix.setdefault(match.group(1), set()).add(match.group(2))
    return {t for t, m in matches.items() if len(by_prefix[m.group(1)]) >= MIN_CODE_SERIES}


def unmapped_char_count(text: str) -> int:
    """Given text, how many characters are unmapped glyphs ((cid:N), U+FFFD, PUA, controls).

    Text that is printable but for tabs and line breaks holds no private-use, control or
    surrogate character (none is printable): only its U+FFFD are counted. (They are taken
    out by ``str.replace``: ``str.translate`` looks each character up in a dict.)"""
    count = sum(len(m) for m in CID_GLYPH.findall(text))
    rest = CID_GLYPH.sub("", text)
    if rest.replace("\n", "").replace("\r", "").replace("\t", "").isprintable():
        return count + rest.count("\ufffd")
    for ch in rest:
        if ch == "\ufffd":
            count += 1
            continue
        cat = unicodedata.category(ch)
        if cat == "Co" or (cat == "Cc" and ch not in "\n\r\t") or cat == "Cs":
            count += 1
    return count


@lru_cache(maxsize=1 << 16)
def _is_suspect(token: str) -> bool:
    """Given a case-folded token, whether it looks like English-model OCR damage of Swedish
    (kept for the run's most recent 65,536 tokens: a page's words recur on its other pages)."""
    core = token.strip(EDGE_PUNCT)
    if core.isalpha():
        return looks_like_stripped_diacritics(core) or looks_like_ocr_standin(core)
    return looks_like_ocr_standin(core)


# a case-folded word's judgment, kept for the run's most recent 65,536 words (as _is_suspect)
_is_swedish = lru_cache(maxsize=1 << 16)(is_swedish_word)


def measure_text_quality(text: str, *, image_cover: float) -> TextQuality:
    """Given a page's text-layer text and the share of the page covered by images, its quality."""
    chars = sum(map(len, text.split()))  # the characters that are not whitespace
    unmapped = unmapped_char_count(text)
    repaired = page_mojibake_repair(text)
    usable = CID_GLYPH.sub(" ", repaired if repaired is not None else text)
    tokens = [t.casefold() for t in usable.split()]  # _WORD_RE's matches
    alpha_words = [m for t in tokens if (m := t.strip(EDGE_PUNCT)).isalpha()]
    wordlike = [t for t in tokens if t.isalpha() or any(map(str.isalpha, t))]
    letters = sum(len(m) for m in _LETTERS_RE.findall(usable))
    diacritics = sum(map(usable.count, SWEDISH_LETTERS))
    swedish = sum(1 for w in alpha_words if _is_swedish(w))
    codes = code_series(wordlike)
    suspect = sum(1 for t in wordlike if t not in codes and _is_suspect(t))
    return TextQuality(
        chars=chars,
        words=len(wordlike),
        swedish_word_share=swedish / len(alpha_words) if alpha_words else 0.0,
        unmapped_share=unmapped / chars if chars else 0.0,
        diacritic_rate=diacritics / letters if letters else 0.0,
        suspect_share=suspect / len(wordlike) if wordlike else 0.0,
        mojibake_repairable=repaired is not None,
        image_cover=min(max(image_cover, 0.0), 1.0),
    )


def image_cover(
    boxes: Iterable[tuple[float, float, float, float]], *, width: float, height: float
) -> float:
    """Given image boxes (x0, top, x1, bottom) on a page, the share of the page they cover."""
    if width <= 0 or height <= 0:
        return 0.0
    area = 0.0
    for x0, top, x1, bottom in boxes:
        w = min(x1, width) - max(x0, 0.0)
        h = min(bottom, height) - max(top, 0.0)
        if w > 0 and h > 0:
            area += w * h
    return min(area / (width * height), 1.0)


def _route_reason(q: TextQuality, s: DecisionSettings) -> tuple[Route, str]:
    """Given a page's text quality and the thresholds, the route and the reason for it."""
    if q.chars == 0:
        return "ocr", f"no text layer (image_cover={q.image_cover:.2f})"
    if q.unmapped_share > s.max_unmapped_share:
        return "ocr", (
            f"unmapped glyphs: {q.unmapped_share:.1%} of characters are (cid:N)/U+FFFD/"
            f"private-use (> {s.max_unmapped_share:.1%}): font without a usable Unicode map"
        )
    if q.words == 0:
        return "ocr", f"no words in the text layer ({q.chars} stray glyphs)"
    if q.image_cover >= s.scan_image_cover and q.words < s.min_words_on_scan:
        return "ocr", (
            f"scanned page: an image covers {q.image_cover:.0%} of it and the text layer has "
            f"only {q.words} words (< {s.min_words_on_scan}): stamp/header, not the page text"
        )
    fixed = "after ftfy mojibake repair, " if q.mojibake_repairable else ""
    if q.words >= s.min_words_for_language and q.swedish_word_share < s.min_swedish_share:
        return "ocr", (
            f"{fixed}garbled text layer: only {q.swedish_word_share:.0%} of words are Swedish "
            f"(< {s.min_swedish_share:.0%}); font without a usable Unicode map or broken OCR"
        )
    suspect_words = round(q.suspect_share * q.words)
    if (
        q.words >= s.min_words_for_language
        and q.suspect_share > s.max_suspect_share
        and suspect_words >= s.min_suspect_words
    ):
        return "ocr", (
            f"English-model OCR layer: {q.suspect_share:.1%} of words look like Swedish with "
            f"å/ä/ö stripped or misread (> {s.max_suspect_share:.1%}); re-OCR with Swedish "
            f"model (layer repair not available)"
        )
    letters_estimate = q.chars - q.chars * q.unmapped_share
    if letters_estimate >= s.min_letters_for_diacritics and q.diacritic_rate < s.min_diacritic_rate:
        return "ocr", (
            f"å/ä/ö missing: {q.diacritic_rate:.2%} of letters (< {s.min_diacritic_rate:.2%}, "
            f"Swedish prose has about 4%): English-model OCR layer; re-OCR with Swedish model"
        )
    if q.mojibake_repairable:
        return "text", (
            f"text layer with mojibake that ftfy repairs fully; keep and repair "
            f"({q.swedish_word_share:.0%} Swedish words after repair)"
        )
    return "text", (
        f"usable text layer: {q.words} words, {q.swedish_word_share:.0%} Swedish, "
        f"{q.suspect_share:.1%} suspect, å/ä/ö rate {q.diacritic_rate:.2%}"
    )


def decide_route(
    quality: TextQuality, *, settings: DecisionSettings = DEFAULT_DECISION
) -> PageDecision:
    """Given a page's text quality, the route (text layer or OCR) with the reason, logged."""
    route, reason = _route_reason(quality, settings)
    log.info("page route=%s: %s", route, reason)
    return PageDecision(route=route, reason=reason, quality=quality)
