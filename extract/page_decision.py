"""Decide per page whether its text comes from the text layer or from OCR.

``measure_text_quality`` turns a page's text-layer text into a
:class:`~riskrad.model.records.TextQuality` (how Swedish, how many unmapped
glyphs, how many words look like English-model OCR damage, whether ftfy
repairs mojibake); ``decide_route`` turns that into a
:class:`~riskrad.model.records.PageDecision` with a reason, which is also logged.
"""

from __future__ import annotations

import itertools
import logging
import math
import re
import unicodedata
from collections.abc import Iterable
from functools import cache

import ftfy
import wordfreq

from riskrad.model.records import PageDecision, Route, TextQuality
from riskrad.model.settings import DecisionSettings

DEFAULT_DECISION = DecisionSettings()

log = logging.getLogger(__name__)

SWEDISH_MIN_ZIPF = 2.0
_COMPOUND_PART_MIN_ZIPF = 3.0
_COMPOUND_PART_MIN_LEN = 3
_MAX_VARIANT_SLOTS = 7

_CID_RE = re.compile(r"\(cid:\d+\)")
_WORD_RE = re.compile(r"\S+")
_LETTERS_RE = re.compile(r"[^\W\d_]+")
_MOJIBAKE_RE = re.compile("[ÃÂ][\u0080-\u00bf]|Ã|Â")
# second bytes 0x80-0xBF as Windows-1252 shows them (C1 range plus its printable stand-ins)
_PAIR_RE = re.compile("[ÂÃ][\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]")
_DIACRITICS = frozenset("åäöÅÄÖ")
# characters an English model puts where Swedish letters were
_OCR_STANDINS = {
    "6": "ö",
    "0": "ö",
    "4": "å",
    "&": "ä",
    "|": "l",
    "1": "l",
    "é": "ö",
    "è": "ä",
    "d": "ö",
    "i": "l",
}
_VARIANTS = {"a": "aäå", "o": "oö", "e": "eé"}
_EDGE_PUNCT = "\"'()[]{}.,;:!?«»”“’‘-–—/*•"


@cache
def swedish_zipf() -> dict[str, float]:
    """Given nothing, the wordfreq Swedish list as word -> zipf (loaded once)."""
    freq = wordfreq.get_frequency_dict("sv", wordlist="best")
    return {word: round(math.log10(f) + 9, 2) for word, f in freq.items() if f > 0}


def _zipf(word: str) -> float:
    """Given a case-folded word, its Swedish zipf frequency (0 when unknown)."""
    return swedish_zipf().get(word, 0.0)


@cache
def _is_compound(word: str) -> bool:
    """Given a case-folded word, whether it splits into known Swedish parts (linking s allowed)."""
    n = len(word)
    for cut in range(_COMPOUND_PART_MIN_LEN, n - _COMPOUND_PART_MIN_LEN + 1):
        head, tail = word[:cut], word[cut:]
        heads = [head] + ([head[:-1]] if head.endswith("s") and len(head) > 3 else [])
        if not any(_zipf(h) >= _COMPOUND_PART_MIN_ZIPF for h in heads):
            continue
        if _zipf(tail) >= _COMPOUND_PART_MIN_ZIPF or (
            len(tail) >= 2 * _COMPOUND_PART_MIN_LEN and _is_compound(tail)
        ):
            return True
    return False


def is_swedish_word(word: str) -> bool:
    """Given a case-folded alphabetic word, whether it is a known Swedish word or compound."""
    return _zipf(word) >= SWEDISH_MIN_ZIPF or (len(word) >= 6 and _is_compound(word))


def _diacritic_variants(word: str) -> list[str]:
    """Given a case-folded word, its spellings with a/o/e replaced by å/ä, ö, é (not itself)."""
    slots = [i for i, ch in enumerate(word) if ch in _VARIANTS]
    if not slots or len(slots) > _MAX_VARIANT_SLOTS:
        return []
    choices = [_VARIANTS[word[i]] for i in slots]
    out = []
    for combo in itertools.product(*choices):
        chars = list(word)
        for i, ch in zip(slots, combo, strict=True):
            chars[i] = ch
        candidate = "".join(chars)
        if candidate != word:
            out.append(candidate)
    return out


def _best_zipf(words: list[str]) -> float:
    """Given candidate words, the highest Swedish zipf among them (compounds count as 3)."""
    best = 0.0
    for w in words:
        z = _zipf(w)
        if z < _COMPOUND_PART_MIN_ZIPF and len(w) >= 6 and _is_compound(w):
            z = _COMPOUND_PART_MIN_ZIPF
        best = max(best, z)
    return best


@cache
def looks_like_stripped_diacritics(word: str) -> bool:
    """Given a case-folded alphabetic word, whether adding å/ä/ö makes a much likelier word."""
    if any(ch in _DIACRITICS for ch in word):
        return False
    variants = [v for v in _diacritic_variants(word) if "é" not in v]
    if not variants:
        return False
    best = _best_zipf(variants)
    return best >= 3.0 and best >= _best_zipf([word]) + 1.5


@cache
def looks_like_ocr_standin(token: str) -> bool:
    """Given a case-folded token, whether it is Swedish with å/ä/ö misread as 6, 4, &, é, d."""
    core = token.strip(_EDGE_PUNCT)
    if len(core) < 2 or not any(ch.isalpha() for ch in core):
        return False
    has_odd = any(not ch.isalpha() for ch in core) or "é" in core or "è" in core
    if not has_odd and "d" not in core:
        return False
    if not has_odd and is_swedish_word(core):
        return False
    slots = [i for i, ch in enumerate(core) if ch in _OCR_STANDINS]
    if not slots or len(slots) > _MAX_VARIANT_SLOTS:
        return False
    candidates = []
    for mask in itertools.product((False, True), repeat=len(slots)):
        if not any(mask):
            continue
        chars = list(core)
        for i, on in zip(slots, mask, strict=True):
            if on:
                chars[i] = _OCR_STANDINS[core[i]]
        candidates.append("".join(chars))
    # the repaired word may itself still miss other diacritics ("uppfdéljningen")
    expanded = candidates + [v for c in candidates for v in _diacritic_variants(c) if "é" not in v]
    alpha = [c for c in expanded if c.isalpha()]
    if not alpha:
        return False
    own = _best_zipf([core]) if core.isalpha() else 0.0
    best = _best_zipf(alpha)
    return best >= 2.5 and best >= own + 1.5


def unmapped_char_count(text: str) -> int:
    """Given text, how many characters are unmapped glyphs ((cid:N), U+FFFD, PUA, controls)."""
    count = sum(len(m) for m in _CID_RE.findall(text))
    for ch in _CID_RE.sub("", text):
        if ch == "\ufffd":
            count += 1
            continue
        cat = unicodedata.category(ch)
        if cat == "Co" or (cat == "Cc" and ch not in "\n\r\t") or cat == "Cs":
            count += 1
    return count


def mojibake_repair(text: str) -> str | None:
    """Given text, ftfy's repair when it removes every UTF-8-as-Latin-1 sequence, else None.

    ``ftfy.fix_text`` judges line by line and leaves a short ambiguous line
    ("Ã¥rsredovisning.") alone, so the whole page is also tried at once with
    ``ftfy.fix_encoding`` and what still remains is decoded pair by pair with
    ftfy's sloppy-windows-1252 codec; the page's other lines are the evidence.
    """
    if not _MOJIBAKE_RE.search(text):
        return None
    first = ftfy.fix_text(text)
    for fixed in (first, ftfy.fix_text(ftfy.fix_encoding(text)), _decode_pairs(first)):
        if fixed != text and not _MOJIBAKE_RE.search(fixed):
            return fixed
    return None


def _decode_pair(match: re.Match[str]) -> str:
    """Given a two-character mojibake match ("Ã¥"), the character it encodes ("å"), or itself."""
    try:
        return match.group().encode("sloppy-windows-1252").decode("utf-8")
    except UnicodeError:
        return match.group()


def _decode_pairs(text: str) -> str:
    """Given text with UTF-8-read-as-Windows-1252 pairs left over, those pairs decoded."""
    return _PAIR_RE.sub(_decode_pair, text)


def _is_suspect(token: str) -> bool:
    """Given a case-folded token, whether it looks like English-model OCR damage of Swedish."""
    core = token.strip(_EDGE_PUNCT)
    if core.isalpha():
        return looks_like_stripped_diacritics(core) or looks_like_ocr_standin(core)
    return looks_like_ocr_standin(core)


def measure_text_quality(text: str, *, image_cover: float) -> TextQuality:
    """Given a page's text-layer text and the share of the page covered by images, its quality."""
    chars = sum(1 for ch in text if not ch.isspace())
    unmapped = unmapped_char_count(text)
    repaired = mojibake_repair(text)
    usable = _CID_RE.sub(" ", repaired if repaired is not None else text)
    tokens = [t.casefold() for t in _WORD_RE.findall(usable)]
    alpha_words = [m for t in tokens if (m := t.strip(_EDGE_PUNCT)).isalpha()]
    wordlike = [t for t in tokens if any(ch.isalpha() for ch in t)]
    letters = sum(len(m) for m in _LETTERS_RE.findall(usable))
    diacritics = sum(1 for ch in usable if ch in _DIACRITICS)
    swedish = sum(1 for w in alpha_words if is_swedish_word(w))
    suspect = sum(1 for t in wordlike if _is_suspect(t))
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
    if q.words >= s.min_words_for_language and q.suspect_share > s.max_suspect_share:
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
