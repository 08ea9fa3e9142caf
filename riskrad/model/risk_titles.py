"""A risk's title as documents number it, and the values they state right after it.

"Risk 7 …", "R3 …", "1.2 …", "EK-01 …" number a risk in a heading, a cell or a paragraph;
"2.3 Title (S 3, K 4, R 12). …" opens a paragraph that is one risk in running text. The
table finder (such a paragraph's first line is no table header), the recognizer (the risk
it reads) and the evidence check (risk content on a page) read them alike.
"""

from __future__ import annotations

import re

from riskrad.model import vocabulary as vocab

NUMBERED_TITLE = re.compile(
    r"^\s*(?:(?:Risk\s+|R\s?|Nr\.?\s*)?(\d{1,3}(?:\.\d{1,3})?)"
    r"|([A-ZÅÄÖ]{1,4}-\d{1,3}(?:\.\d{1,2})?))[.:)]?\s+(?=[A-ZÅÄÖ])"
)  # "Risk 7 …", "R3 …", "3. …", "Risk 3: …", "1.2 …" (a risk numbered within its area),
#    "EK-01 …", "IK-3 …" (an area's code and number: a register's id)


RISK_ID = re.compile(
    r"^(?:(?:risk|nr|r)\.?\s?)?(?P<number>\d{1,3}(?:\.\d{1,3})?)[.)]?$"
    r"|^(?P<letter>[A-ZÅÄÖ])\s?\.?\s?(?P<under>\d{1,3})[.)]?$"
    r"|^(?P<code>[A-ZÅÄÖ]{1,4})\s?-\s?(?P<coded>\d{1,3}(?:\.\d{1,2})?)$",
    re.IGNORECASE,
)  # "3", "R3", "Risk 3", "3.", "1.2" | "A.1", "A1" (under the area "A.") | "EK-01", "IS-2"


def numbers_key(digits: str) -> str:
    """Given a number or numbers with a full stop between ("03", "1.02"), them without
    leading zeros ("3", "1.2")."""
    return ".".join(str(int(part)) for part in digits.split("."))


def risk_id(text: str) -> str | None:
    """Given a cell or a heading's number that is a risk's number or id and nothing else,
    the one key a risk and a row naming it both give: "3", "R3", "Risk 3", "3." -> "3";
    "1.2" -> "1.2"; "A.1", "A1", "A 1" -> "A.1"; "EK-01", "EK-1" -> "EK-1"; else None."""
    match = RISK_ID.match(" ".join(text.split()))
    if match is None:
        return None
    if match.group("number") is not None:
        return numbers_key(match.group("number"))
    if match.group("letter") is not None:
        return f"{match.group('letter').upper()}.{int(match.group('under'))}"
    return f"{match.group('code').upper()}-{numbers_key(match.group('coded'))}"


def numbered_title(text: str) -> tuple[str | None, str]:
    """Given a risk's title as a heading or its cell prints it ("Risk 7 Delegationsbeslut
    anmäls inte", "R3 Brister i …", "3. Felaktiga …", "1.2 Sena …", "EK-01 Felaktiga …"),
    the risk's number or id (or None) and the title without it."""
    match = NUMBERED_TITLE.match(text)
    if match is None:
        return None, text
    number, code = match.group(1), match.group(2)
    if code is not None:
        return code, text[match.end() :]
    return (number if "." in number else str(int(number))), text[match.end() :]


def number_key(number: str | None) -> str | None:
    """Given a risk's number as a title or a cell printed it ("EK-01", "R3", "1.2"), the key
    a reference to it is compared by (``risk_id``: "EK-1", "3", "1.2")."""
    return None if number is None else risk_id(number) or number


STATED_VALUE = re.compile(
    r"^\s*(?P<label>[^\W\d_][^\d:=()]{0,24}?)\s*[:=]?\s*(?P<value>\d{1,2})\s*$"
)
STATED_PARTS = re.compile(r"[,;]|\boch\b")
STATED_FIELDS = frozenset({"probability", "consequence", "risk_value"})


def stated_values(text: str) -> dict[str, str] | None:
    """Given the text of a risk's assessment in brackets or a sentence of its own ("S 3, K 4,
    R 12", "sannolikhet 3, konsekvens 4", "riskvärde 12; S 3, K 4"), each value by its field;
    None unless every part is a value under a name the vocabulary reads as S, K or R, two
    of them or more, or one under its word ("riskvärde 12", not "S 3": "(bilaga 2)", "(3 %,
    4 mnkr)", "(se avsnitt 4)" state no risk)."""
    found: dict[str, str] = {}
    label = ""
    for part in STATED_PARTS.split(text):
        if not part.strip():
            continue
        match = STATED_VALUE.match(part)
        if match is None:
            return None
        label = match.group("label").strip()
        field = vocab.classify_header(label)
        if field not in STATED_FIELDS or field in found:
            return None
        found[field] = match.group("value")
    if len(found) >= 2 or (len(found) == 1 and len(label) > 1):
        return found
    return None


# "1.2 Title (S 3, K 4, R 12)." or "1.2 Title. Sannolikhet 3, konsekvens 4." at a paragraph's
# start: the title is one phrase (no sentence ends in it), its values right after it
BRACKETED_VALUES = re.compile(r"^(?P<title>[^()]*?)\s*\((?P<values>[^()]{3,80})\)\s*\.?")
SENTENCE_VALUES = re.compile(r"^(?P<title>[^().]*?)\.\s+(?P<values>[^().]{3,80})\.(?=\s|$)")
TITLE_END = re.compile(r"[.!?;:]\s")


def valued_title(text: str, max_title: int) -> tuple[str, str, dict[str, str], str] | None:
    """Given a paragraph's text (or its first lines), (its number, its title, the values its
    title states, the text after them) when it opens with a numbered risk title stating the
    risk's values in brackets or in the sentence after it ("2.3 Title (S 3, K 4, R 12). …",
    "2.3 Title. Sannolikhet 3, konsekvens 4. …"), else None."""
    number, rest = numbered_title(text)
    if number is None:
        return None
    for pattern in (BRACKETED_VALUES, SENTENCE_VALUES):
        match = pattern.match(rest)
        if match is None:
            continue
        title = match.group("title").strip()
        if not title or len(title) > max_title or TITLE_END.search(title):
            continue
        values = stated_values(match.group("values"))
        if values is not None:
            return number, title, values, rest[match.end() :]
    return None
