"""No silent zero: where a document's text shows risk or control content.

A page shows risk content when it names two of the assessment words
(Sannolikhet, Konsekvens, Riskvärde, Risknivå, Kontrollmoment, …, or the document's
name: Internkontrollplan, Riskanalys), carries a
table header the vocabulary reads, holds values in columns on three rows or more
(with one such word; or, whatever the words, two columns whose numbers multiply to a
third's, row after row: S, K and R), or lists numbered risks ("R1", "Risk 3"), or opens
paragraphs with numbered titles stating risk values ("2.3 Title (S 3, K 4, R 12). …"), or
holds an internal-control section in prose (a heading "Intern kontroll" over sentences
that name risks). An OCR'd page whose words do not make lines (most of its lines one word:
read turned, or its layout lost) hides what it shows: in a document that names internal
control or risks and gives no rows, it is a shortfall too.
A sentence such as "26 riskpunkter" announces how many risks to expect. A
document whose text shows this but gives no rows, or far fewer than it
announces or numbers (distinct risk numbers "R1" … "R9"), is not "ok": the
pipeline marks it partial and sends the pages to review with what was seen there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from riskrad.extract.recognize.headings import strip_numbering
from riskrad.extract.tables import page_lines
from riskrad.extract.unruled import header_segments
from riskrad.model import vocabulary as vocab
from riskrad.model.records import PageRecord, Word
from riskrad.model.risk_titles import valued_title
from riskrad.model.settings import RecognizerSettings, UnruledSettings

TERMS = {
    "sannolikhet": "Sannolikhet",
    "konsekvens": "Konsekvens",
    "riskvarde": "Riskvärde",
    "riskniva": "Risknivå",
    "riskbedomning": "Riskbedömning",
    "kontrollmoment": "Kontrollmoment",
    "internkontrollmoment": "Kontrollmoment",
    "kontrollaktivitet": "Kontrollmoment",
    "riskmatris": "Riskmatris",
    # the document's own name: with one more term, a page of such a document
    "internkontrollplan": "Internkontrollplan",
    "internkontrollrapport": "Internkontrollrapport",
    "riskanalys": "Riskanalys",
}
ANNOUNCED = re.compile(
    r"\b(\d{1,3})\s+(?:st\s+)?(?:identifierade\s+|utvalda\s+|vasentliga\s+)?"
    r"(riskpunkter|risker|riskomraden|kontrollmoment|kontrollpunkter)\b"
)
NUMBERED_RISK = re.compile(r"^(?:r\s?\d{1,3}|risk\s+\d{1,3})\b")
MIN_TERMS = 2
MIN_NUMBERED = 3
MIN_WRITTEN = 2  # numbered titles stating values: risks written in running text
HEADER_FIELDS = 3
SMALL_VALUE = re.compile(r"^\d{1,2}$")  # S, K or R as a whole number ("4", "12")
VALUE_MAX = 25
SK_MAX = 10  # S and K on a scale of at most ten
VALUE_ROWS = 3  # rows with values in two recurring columns: a risk table, whatever its labels
COLUMN_SLACK = 3.0  # points: values of one column start this close (right-aligned: end)
UNREADABLE_LINES = 15  # an OCR'd page of this many lines or more ...
UNREADABLE_SHARE = 0.5  # ... this share of them a single word: its words make no lines
# (upright OCR'd pages of 92 held-out families' scans: at most 0.29 of 15+ lines; the
# page of narrow columns read turned that gave a document no rows with status ok: 0.60)


@dataclass(frozen=True, slots=True)
class PageSignal:
    """What on one page shows risk or control content."""

    page: int
    seen: tuple[str, ...]
    numbers: frozenset[str] = frozenset()  # the risk numbers lines start with ("r3")


@dataclass(frozen=True, slots=True)
class Shortfall:
    """A document that shows risk content but gives no rows or too few."""

    message: str
    pages: dict[int, str]  # page -> what was seen there


def page_signal(
    record: PageRecord, gaps: UnruledSettings | None = None
) -> tuple[PageSignal | None, int]:
    """Given a page (and the gap that splits a header line into cells), what on it shows
    risk content (or None), and the count it announces."""
    lines = page_lines(record.words)
    texts = [" ".join(w.text for w in line) for line in lines]
    folded = [vocab.fold(t) for t in texts]
    words = {w for f in folded for w in f.split()}
    seen = sorted({label for term, label in TERMS.items() if term in words})
    found: list[str] = seen if len(seen) >= MIN_TERMS else []
    headers = 0
    for line in lines:
        size = max((w.font_size or w.bbox.height) for w in line)
        segments = header_segments(tuple(line), size, settings=gaps or UnruledSettings())
        fields = vocab.header_fields([" ".join(w.text for w in s) for s in segments])
        if sum(f is not None for f in fields) >= HEADER_FIELDS and vocab.is_header_row(fields):
            headers += 1
    if headers:
        found.append(f"{headers} table header line(s) in the risk vocabulary")
    listed = [line for line, text in zip(lines, texts, strict=True) if not toc(text)]
    rows = value_rows(listed)
    if rows >= VALUE_ROWS and seen:  # a term, not only the word "risk": tables of other
        found.append(f"{rows} rows with values in two columns")  # things hold numbers too;
    #                                            the labels may be ones no vocabulary knows
    elif (products := product_rows(listed)) >= VALUE_ROWS:  # no term, but S, K and S × K
        found.append(f"{products} rows with two values and their product")
    starts = numbered_starts(folded)
    numbered = len(starts)
    if numbered >= MIN_NUMBERED:
        found.append(f"{numbered} numbered risks")
    written = written_starts(texts)
    if len(written) >= MIN_WRITTEN:
        found.append(f"{len(written)} numbered titles stating risk values ('{written[0]} …')")
    announced, phrase = announcement(folded, texts)
    if announced:
        found.append(phrase)
    if (section := prose_section(texts, folded)) is not None:
        found.append(section)
    numbers = frozenset({*(re.sub(r"\D", "", n) for n in starts), *written})
    signal = PageSignal(record.page, tuple(dict.fromkeys(found)), numbers) if found else None
    return signal, announced


def numbered_starts(folded: list[str]) -> list[str]:
    """Given a page's folded lines, the risk numbers lines start with ("r3", "risk 12")."""
    return [m.group(0) for m in map(NUMBERED_RISK.match, folded) if m is not None]


def written_starts(texts: list[str]) -> list[str]:
    """Given a page's lines, the numbers of the risks lines open in running text: a numbered
    title stating the risk's values ("2.3 Title (S 3, K 4, R 12). …", the brackets closing
    on the next line at the latest; ``risk_titles.valued_title``)."""
    found: list[str] = []
    for index, text in enumerate(texts):
        if text.count("(") > text.count(")") and index + 1 < len(texts):
            text = f"{text} {texts[index + 1]}"
        opened = valued_title(text, len(text))
        if opened is not None:
            found.append(opened[0])
    return found


def announcement(folded: list[str], texts: list[str]) -> tuple[int, str]:
    """Given a page's folded lines and their texts, the largest count of risks a line
    announces ("26 riskpunkter"; 0 if none) and the phrase that does."""
    announced, phrase = 0, ""
    for text, line_text in zip(folded, texts, strict=True):
        if toc(line_text):
            continue  # "3 Risker ........ 12": a contents line announces nothing
        for match in ANNOUNCED.finditer(text):
            if int(match.group(1)) > announced:
                announced = int(match.group(1))
                phrase = f"'{match.group(0)}' announced"
    return announced, phrase


def may_fall_short(
    records: list[PageRecord], risks: int, controls: int, settings: RecognizerSettings
) -> bool:
    """Given a document's pages and the rows read from it, False when ``shortfall`` finds
    none whatever the pages' signals: rows were read, no page announces more risks than the
    share read allows, and the pages' lines do not number enough risks (all pages' numbers,
    a superset of those ``shortfall`` counts: only pages with a signal count there)."""
    if risks == 0 and controls == 0:
        return True
    announced = 0
    numbers: set[str] = set()
    for record in records:
        texts = [" ".join(w.text for w in line) for line in page_lines(record.words)]
        folded = [vocab.fold(t) for t in texts]
        announced = max(announced, announcement(folded, texts)[0])
        numbers.update(re.sub(r"\D", "", n) for n in numbered_starts(folded))
        numbers.update(written_starts(texts))
    if announced and max(risks, controls) < settings.announced_share * announced:
        return True
    return len(numbers) >= MIN_NUMBERED and risks < settings.announced_share * len(numbers)


# a heading naming the internal control or risk work ("5. Intern kontroll", "Riskanalys 2025")
SECTION_HEADING = re.compile(
    r"\b(?:interna? ?kontroll\w*|internkontroll\w*|riskanalys\w*|riskbedomning\w*"
    r"|riskhantering\w*|risker)\b"
)
HEADING_WORDS = 7  # a heading line holds at most this many words (its number not counted)
SECTION_WORDS = 30  # a section in prose: this many words under its heading on the page
SECTION_RISK_WORDS = 2  # ... naming risks ("risk", "risken", "riskerna", "riskbedömning")


def prose_section(texts: list[str], folded: list[str]) -> str | None:
    """Given a page's lines (as printed and folded), the internal-control section it holds
    in prose, if any: a heading line naming the internal control or risks ("5. Intern
    kontroll"; short, no sentence's end, not a contents line) over at least 30 words that
    name risks twice. Read only for a document that gives no rows: the section's risks and
    controls are sentences no table or label marks."""
    for i, (text, fold) in enumerate(zip(texts, folded, strict=True)):
        title = strip_numbering(text)
        words = title.split()
        if not words or len(words) > HEADING_WORDS or not title[:1].isupper():
            continue
        if title.endswith((".", ",", ":", ";")) or toc(text) or not SECTION_HEADING.search(fold):
            continue
        body = [w for f in folded[i + 1 :] for w in f.split()]
        risky = sum(w.startswith("risk") for w in body)
        if len(body) >= SECTION_WORDS and risky >= SECTION_RISK_WORDS:
            return f"a section '{title}' in prose naming risks {risky} times"
    return None


LEADER = re.compile(r"(?:\.\s?){4,}|…{2,}|_{4,}")  # a contents line's leader to its page


def toc(text: str) -> bool:
    """Given a line's text, whether it is a line of contents: leader dots run to a page."""
    return LEADER.search(text) is not None


def column_values(lines: list[list[Word]]) -> dict[int, list[tuple[int, int]]]:
    """Given a page's lines, per line (by its index) the small whole numbers (1-25: S, K, R) on
    it that stand in a column of them recurring on three lines or more (a column's numbers
    start, or end, at one place), left to right, each as (its column, its value)."""
    places = [
        (word.bbox.x0, word.bbox.x1, index, int(word.text))
        for index, line in enumerate(lines)
        for word in line
        if SMALL_VALUE.match(word.text) and 1 <= int(word.text) <= VALUE_MAX
    ]
    column: dict[int, int] = {}  # place (by its index) -> its recurring column
    for side in (0, 1):
        order = sorted(range(len(places)), key=lambda k: places[k][side])
        clusters: list[list[int]] = []
        for k in order:
            if clusters and places[k][side] - places[clusters[-1][-1]][side] <= COLUMN_SLACK:
                clusters[-1].append(k)
            else:
                clusters.append([k])
        for number, cluster in enumerate(clusters):
            if len({places[k][2] for k in cluster}) >= VALUE_ROWS:
                for k in cluster:  # a start's column first, an end's where no start recurs
                    column.setdefault(k, number + side * len(places))
    per_line: dict[int, list[tuple[int, int]]] = {}
    for k in sorted(column, key=lambda k: places[k][0]):
        per_line.setdefault(places[k][2], []).append((column[k], places[k][3]))
    return per_line


def value_rows(lines: list[list[Word]]) -> int:
    """Given a page's lines, how many hold two or more small whole numbers each in a recurring
    column of them (``column_values``)."""
    return sum(1 for values in column_values(lines).values() if len(values) >= 2)


def product_rows(lines: list[list[Word]]) -> int:
    """Given a page's lines, on how many two columns' numbers multiply to a third column's
    (S, K and S × K = R), the same three columns on each, counting only where two or more
    of them multiply numbers above 1 ("1 | 4 | 4" alone is any count)."""
    rows: dict[tuple[int, int, int], list[int]] = {}  # columns -> the smaller factor per row
    for values in column_values(lines).values():
        for columns, factor in product_columns(values):
            rows.setdefault(columns, []).append(factor)
    counts = [len(f) for f in rows.values() if sum(1 for m in f if m > 1) >= 2]
    return max(counts, default=0)


def product_columns(
    values: list[tuple[int, int]],
) -> Iterator[tuple[tuple[int, int, int], int]]:
    """Given one line's column values, each two columns (at most SK_MAX each) whose product
    stands in a third, as (the three columns, the smaller factor)."""
    for i, (ca, a) in enumerate(values):
        for cb, b in values[i + 1 :]:
            if a <= SK_MAX and b <= SK_MAX:
                for cc, c in values:
                    if c == a * b and cc not in (ca, cb):
                        yield (ca, cb, cc), min(a, b)


def unreadable(record: PageRecord) -> str | None:
    """Given a page, why its OCR text is unreadable, if it is: an OCR'd page of 15 lines or
    more, half of them or more a single word (text read in the wrong orientation, or words
    whose places were lost, make no lines)."""
    if record.decision.route != "ocr":
        return None
    lines = page_lines(record.words)
    single = sum(1 for line in lines if len(line) == 1)
    if len(lines) < UNREADABLE_LINES or single < UNREADABLE_SHARE * len(lines):
        return None
    return f"OCR text unreadable ({single} of its {len(lines)} lines a single word)"


def names_the_work(records: list[PageRecord]) -> str | None:
    """Given a document's pages, the first words naming internal control or risks on them
    ("Intern kontroll", "Riskanalys", "risker"), if any."""
    for record in records:
        for line in page_lines(record.words):
            folded = vocab.fold(" ".join(w.text for w in line))
            if (match := SECTION_HEADING.search(folded)) is not None:
                return match.group(0)
    return None


def unread_pages(records: list[PageRecord]) -> Shortfall | None:
    """Given the pages of a document that gave no rows, the shortfall of its unreadable OCR
    pages when the document names internal control or risks (and has such pages)."""
    pages = {r.page: why for r in records if (why := unreadable(r)) is not None}
    named = names_the_work(records) if pages else None
    if named is None:
        return None
    where = "; ".join(f"p{p}: {why}" for p, why in pages.items())
    reason = f"no rows read from a document naming '{named}'"
    return Shortfall(
        f"{reason} ({where}): check these pages (a scan turned or too faint?)",
        {p: f"{reason}: {why}" for p, why in pages.items()},
    )


def shortfall(
    records: list[PageRecord],
    risks: int,
    controls: int,
    settings: RecognizerSettings,
    gaps: UnruledSettings | None = None,
) -> Shortfall | None:
    """Given a document's pages and the rows read from it (and the run's unruled-table
    settings), the shortfall to report, if any."""
    if not may_fall_short(records, risks, controls, settings):
        return None
    signals: list[PageSignal] = []
    announced = 0
    for record in records:
        signal, count = page_signal(record, gaps)
        announced = max(announced, count)
        if signal is not None:
            signals.append(signal)
    strong = [s for s in signals if len(s.seen) > 1 or not s.seen[0].startswith("'")]
    seen = {s.page: ", ".join(s.seen) for s in signals}
    where = "; ".join(f"p{p}: {what}" for p, what in seen.items())
    if risks == 0 and controls == 0 and len(strong) >= settings.signal_pages_min:
        reason = "risk or control content seen but no rows read"
    elif announced and max(risks, controls) < settings.announced_share * announced:
        reason = f"{announced} risks announced but {max(risks, controls)} read"
    elif len(numbers := frozenset().union(*(s.numbers for s in signals))) >= MIN_NUMBERED and (
        risks < settings.announced_share * len(numbers)
    ):  # "R1 …" … "R9 …" on the pages, a few controls and no risk read: not ok either
        reason = f"{len(numbers)} numbered risks seen but {risks} read"
    elif risks == 0 and controls == 0:
        return unread_pages(records)
    else:
        return None
    pages = {p: f"{reason}: {what}" for p, what in seen.items()}
    return Shortfall(f"{reason} ({where}): check these pages", pages)
