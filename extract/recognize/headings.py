"""Paragraphs that are headings: larger, bold, numbered ("1.", "1.2", "A.") or in capitals."""

from __future__ import annotations

import re
from typing import Literal

from riskrad.extract.blocks import Paragraph
from riskrad.model.settings import RecognizerSettings
from riskrad.model.vocabulary import fold

HeadingKind = Literal["size", "numbered", "caps", "bold"]

NUMBERING = re.compile(
    r"^\s*(?:\d{1,2}\.(?:\d{1,2}\.?)*|[A-ZÅÄÖ]\.|[IVX]{1,4}\.|\d{1,2}\))\s+(?=\w)"
)
SENTENCE_END = (".", ",", ";", ":")
# Headings of a document's own structure, not of a process: after one of them the
# rows have no process until a process heading comes (an auditor would not file a
# risk under "Inledning"). Also a document title (a year, "kommun", a plan's name).
STRUCTURE_HEADING = re.compile(
    r"^(inledning|bakgrund|syfte|sammanfattning|innehall\w*|bedomningsgrund\w*|metod\w*"
    r"|riskmatris|riskbedomning|skala\w*|definitioner|forklaring\w*|teckenforklaring"
    r"|bilag\w*|beslut\w*|forslag till beslut|arendet|arendebeskrivning|slutsats\w*"
    r"|resultat|kommentar\w*|uppfoljning\w*|rapport\w*|organisation|ansvar\w*"
    r"|intern ?kontroll\w*|riskanalys\w*|kontrollplan\w*|plan for intern kontroll"
    r"|risker|kontrollmoment|atgarder|ovrigt|sammantagen bedomning|kallelse|protokoll)( |$)"
)
YEAR_OR_PLACE = re.compile(r"\b(19|20)\d\d\b|\bkommuns?\b|\bnamnden\b|\bstyrelsen\b")
# an organ's name alone ("Vård- och omsorgsnämnden", "Kommunstyrelsen"): the document's
ORGAN = re.compile(r"\w(namnden|namnd|styrelsen)$")
ORGAN_WORDS = 5


def strip_numbering(text: str) -> str:
    """Given heading text, the text without its numbering ("1.2 Lön" -> "Lön"), one line."""
    return NUMBERING.sub("", " ".join(text.split()), count=1).strip()


def is_numbered(text: str) -> bool:
    """Given a paragraph's text, whether it starts with a section number ("1.", "2.3", "A.")."""
    match = NUMBERING.match(text)
    return match is not None and text[match.end() :][:1].isupper()


def is_capitals(text: str) -> bool:
    """Given a paragraph's text, whether its letters are all capitals (at least four)."""
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 4 and all(ch.isupper() for ch in letters)


def heading_kind(
    paragraph: Paragraph, body_size: float, settings: RecognizerSettings
) -> HeadingKind | None:
    """Given a paragraph and the body type size, what marks it as a heading, or None."""
    text = paragraph.text.strip()
    if (
        len(text) > settings.heading_max_chars
        or len(paragraph.lines) > 2
        or not any(map(str.isalpha, text))
        or paragraph.is_bullet
    ):
        return None
    if text.endswith(SENTENCE_END):
        return None
    if paragraph.font_size >= settings.heading_size_ratio * body_size:
        return "size"
    if is_numbered(text) and len(paragraph.lines) == 1:
        return "numbered"
    if is_capitals(text):
        return "caps"
    if paragraph.bold and any(w.origin == "text" for w in paragraph.words):
        return "bold"
    return None


def is_structure_heading(text: str) -> bool:
    """Given a heading's text (numbering stripped), whether it names a part of the document.

    "Inledning", "Syfte", "Bedömningsgrunder", "Riskmatris", a document title
    with a year or the organ, the organ's name alone ("Vård- och omsorgsnämnden"): such a
    heading is not a process.
    """
    folded = fold(text)
    return bool(
        STRUCTURE_HEADING.match(folded) or YEAR_OR_PLACE.search(folded)
        or (ORGAN.search(folded) and len(folded.split()) <= ORGAN_WORDS)
    )


# A caption naming what the table under it holds, not an area: its noun a table's content
# ("Risker", "Kontroller", "Riskanalys", "Intern kontroll"), after at most two words saying
# which of them ("Bedömda risker", "Planerade kontroller", "Identifierade risker").
CONTENT_NOUN = re.compile(
    r"(?:intern ?)?(?:risk(?:er|erna)?|kontroll(?:er|erna)?|kontrollmoment(?:en)?"
    r"|kontrollaktivitet(?:er|erna)?|riskanalys(?:en)?|riskbedomning(?:ar|en|arna)?"
    r"|atgard(?:er|erna)?)$"
)
WHICH = re.compile(r"\w+(?:ade|da|dda|ta|na)$")  # a participle: "bedömda", "planerade", "valda"
CAPTION_WORDS = 3


def names_contents(text: str) -> bool:
    """Given a paragraph's text (numbering stripped), whether it is a caption naming what a
    table holds ("Kontroller", "Bedömda risker", "Riskanalys"): no area, no process, no risk."""
    words = fold(strip_numbering(text)).rstrip(":").split()
    if not words or len(words) > CAPTION_WORDS:
        return False
    noun = " ".join(words[-2:]) if words[-2:-1] == ["intern"] else words[-1]
    which = words[: -len(noun.split())]
    return CONTENT_NOUN.fullmatch(noun) is not None and all(WHICH.fullmatch(w) for w in which)

