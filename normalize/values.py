"""Field values: cell text to the contract's text, integer and boolean values."""

from __future__ import annotations

import re

HTML_TAG = re.compile(r"</?(p|br|span|div|b|i|strong|em)\b[^>]*>", re.IGNORECASE)
WHITESPACE = re.compile(r"\s+")
# The first number of a cell, whole: not part of a longer number, a decimal, a date or a range.
LEADING_INT = re.compile(r"^\D{0,40}?(?<![\d,.])(\d{1,3})(?!\d)(?![,.\-/]\d)")
BOOL_TRUE = frozenset({"ja", "j", "yes", "x", "✓", "✔", "uppfylld", "följer"})
BOOL_FALSE = frozenset({"nej", "n", "no", "ej", "inte"})
# English-model OCR renders digits inside small cells with look-alike letters.
DIGIT_LOOKALIKES = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "|": "1", "S": "5"})


def strip_markup(text: str) -> str:
    """Given cell text, the text without HTML tags a converter left in it."""
    return HTML_TAG.sub(" ", text)


def collapse_whitespace(text: str) -> str:
    """Given text, the text with every run of whitespace as one space, trimmed."""
    return WHITESPACE.sub(" ", text).strip()


def clean_text(text: str | None) -> str | None:
    """Given a cell's (repaired) text, the contract's text value (None when empty)."""
    if text is None:
        return None
    cleaned = collapse_whitespace(strip_markup(text))
    return cleaned or None


FOOTNOTE_MARK = re.compile(r"(?<=[^\s*†‡¹²³⁴⁵⁶⁷⁸⁹⁰])[*†‡¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3}$")
UNIT = re.compile(r"(?:^|[\s\d])[kcd]?m$")  # "m²", "100 km²": a power, not a mark


def strip_footnote_mark(text: str | None) -> tuple[str | None, str]:
    """Given a cell's contract text, the text without a footnote mark set on its last word
    ("Löpande*", "Månadsvis¹", "Controller†") and the mark ("" when none): the note is under
    the table, the mark is no part of the value. A power on a unit ("m²") is no mark."""
    if text is None:
        return None, ""
    match = FOOTNOTE_MARK.search(text)
    if match is None or UNIT.search(text[: match.start()]):
        return text, ""
    return text[: match.start()], match.group()


CONTINUED_MARK = re.compile(
    r"(?:\s*[(\[]\s*forts(?:\.|ättning|\b)\s*[)\]]|\s*[,:;–—-]\s*forts(?:\.|ättning\b)|\s+forts\.)"
    r"\s*$|^forts(?:\.|ättning\b)\s*[:,–—-]?\s*(?=\S)",
    re.IGNORECASE,
)


def strip_continued_mark(text: str | None) -> tuple[str | None, str]:
    """Given a heading's contract text, the text without the mark of an area continued from a
    page before ("Ekonomi (forts.)", "Ekonomi, forts.", "Ekonomi – fortsättning", "Forts.
    Ekonomi") and the mark ("" when none): the risks under it are the area's, as above the
    break. A heading that is only the mark stays."""
    if text is None:
        return None, ""
    match = CONTINUED_MARK.search(text)
    if match is None or not (rest := CONTINUED_MARK.sub("", text, count=1).strip()):
        return text, ""
    return rest, match.group()


SCALE_STEP = re.compile(r"^(\d{1,2}) ?/ ?(\d{1,2})$")  # "2/4": step 2 of a scale of 4
SCALE_TOP = 10


FILLED = "●◉⬤★■▪◆♦"  # a rating's filled symbols; their open twins mark the steps not reached
OPEN = "○◯☆□▫◇♢"


def rating_symbols(text: str) -> int | None:
    """Given a cell's text, its value when it rates with symbols; else None. Two symbols at
    least, of one kind of rating, at most ten, no other text. A reader tells two forms
    apart by where the filled marks stand:

    * a run of filled marks from the left, then open ones, is a rating: the filled ones
      counted ("●●●○" = 3 of 4, "★★☆☆☆" = 2 of 5);
    * one filled mark after open ones is a form's row of options with the chosen one
      filled: its position among the options ("○ ○ ◉ ○ ○" = 3 of 5).

    Both readings agree where they meet ("●○○○" is 1 either way). Other rows (several
    filled marks not from the left) keep the count of the filled ones."""
    marks = "".join(text.split())
    if not 2 <= len(marks) <= SCALE_TOP or any(ch not in FILLED + OPEN for ch in marks):
        return None
    places = [i for i, ch in enumerate(marks) if ch in FILLED]
    if len(places) == 1:
        return places[0] + 1
    return len(places) or None


def parse_int(text: str | None) -> int | None:
    """Given a cell such as '9', '3 (Sannolik)', 'Sannolik (3)', '2/4' (a step of a scale
    of at most ten, given with its top) or '●●○○' (a rating in symbols), its integer, or
    None."""
    if text is None:
        return None
    stripped = collapse_whitespace(strip_markup(text))
    if not stripped:
        return None
    step = SCALE_STEP.match(stripped)
    if step is not None:
        value, top = int(step.group(1)), int(step.group(2))
        return value if 1 <= value <= top <= SCALE_TOP else None
    dots = rating_symbols(stripped)
    if dots is not None:
        return dots
    if len(stripped) <= 2 and not stripped.isdigit():
        stripped = stripped.translate(DIGIT_LOOKALIKES)
    match = LEADING_INT.match(stripped)
    return int(match.group(1)) if match else None


COMBINED = re.compile(  # the times sign as a scan's OCR reads it too: "4xXx4=16", "2Xx3"
    r"(?<![\d,.])(\d{1,2})\s*(\+|[xX×*·]{1,3})\s*(\d{1,2})(?:\s*=\s*(\d{1,3}))?(?![\d,.])"
)


def parse_risk_value(text: str | None) -> int | None:
    """Given a riskvärde cell, its value: the result of a stated sum or product ("3×4=12",
    "3 x 4", "2+3=5"; a result that ends in the sum or product but differs from it is that
    with a stray mark before it: "2x4=38"), else its integer as ``parse_int`` reads it."""
    if text is None:
        return None
    match = COMBINED.search(collapse_whitespace(strip_markup(text)))
    if match is None:
        return parse_int(text)
    a, b = int(match.group(1)), int(match.group(3))
    worked = a + b if match.group(2) == "+" else a * b
    stated = match.group(4)
    if stated is not None and not (stated != str(worked) and stated.endswith(str(worked))):
        return int(stated)
    return worked


def parse_bool(text: str | None) -> bool | None:
    """Given a cell such as 'Ja' or 'Nej', its boolean, or None when it says neither."""
    if text is None:
        return None
    folded = collapse_whitespace(strip_markup(text)).casefold().rstrip(".:")
    if folded in BOOL_TRUE:
        return True
    if folded in BOOL_FALSE:
        return False
    first = folded.split(" ", 1)[0].rstrip(",.") if folded else ""
    if first in {"ja"}:
        return True
    if first in {"nej"}:
        return False
    return None
