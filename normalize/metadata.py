"""Document metadata from a document's first pages: municipality, organ, year, document type.

Pure functions over the text (and the document's path relative to the input folder).
Every field says in ``evidence`` where it came from.  The title is the first
heading-like line that names a document type ("Internkontrollplan 2023",
"Kommunstyrelsens riskanalys och interna kontrollplan 2020"); organ and year
are read from it first, then from labels and lines beside it, then from the body;
the municipality comes from "<Name> kommun"/"<Name>s stad"/"Region Gotland"
mentions (letterhead and title area weigh more), else from a folder of the path.
All patterns tolerate the vowel damage of an English-model OCR ("Uppfoljning",
"Norrtélje kommun", "Arbetsmarknadsnamnden", "internkontrollplanen fér").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import PurePosixPath

from riskrad.model.settings import MetadataSettings
from riskrad.normalize.municipalities import (
    EDGE_PUNCTUATION,
    OCR_VOWEL_SLOT,
    Municipality,
    fold,
    lookup,
    ocr_pattern,
)
from riskrad.normalize.organs import canonical_organ

DOCUMENT_TYPES = ("riskanalys", "internkontrollplan", "uppfoljning", "internkontrollrapport")

_INTERN = r"intern(?:a|t)?[\s\-]*kontroll"
TYPE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("uppfoljning", re.compile(r"uppf\S{1,3}?ljning|terrapportering", re.I)),
    (
        "internkontrollrapport",
        re.compile(
            rf"{_INTERN}[\s\-]*rapport|rapport\s+(?:om\s+|av\s+|f\S{{1,2}}r\s+)?{_INTERN}", re.I
        ),
    ),
    ("riskanalys", re.compile(r"risi?[kc][\s\-]*analys", re.I)),
    (
        "internkontrollplan",
        re.compile(rf"{_INTERN}[\s\-]*plan|plan\s+f\S{{1,2}}r\s+(?:den\s+)?{_INTERN}", re.I),
    ),
)

# "Uppföljning" alone is an everyday word: it names the type only beside a word of internal
# control ("Helårsuppföljning av ... Internkontrollplan", "Uppföljning intern kontroll").
GENERIC_TYPES = frozenset({"uppfoljning"})
CONTROL_CONTEXT = re.compile(rf"{_INTERN}|kontroll\s*-?\s*(?:plan|moment)|risk", re.I)

_NAMND = ocr_pattern("nämnd")
_LETTERS = r"[^\W_]"  # letters, and digits an OCR may read for å/ä/ö ("Milj6")
ORGAN_PATTERN = re.compile(
    rf"""
    (?P<co>\bstyrelsen\s+(?:för|i)\s+(?:[^\W\d_][\w&.-]*\s+){{1,5}}(?:AB|aktiebolag)\b)
    | (?P<ks>\bkommunstyrelse(?:ns|n))\b(?:\s+(?P<ksau>{_LETTERS}*utskott)\b)?
    | (?P<kf>\bkommunfullm{OCR_VOWEL_SLOT}ktige)s?\b
    | (?P<rs>\bregionstyrelse(?:ns|n))\b
    | (?P<rf>\bregionfullm{OCR_VOWEL_SLOT}ktige)s?\b
    | (?P<adj>\b{_LETTERS}+(?:iska|ala)\s+{_NAMND})(?:ens|en)\b
    | (?P<nd>(?:\b{_LETTERS}+-\s*(?:och|&)\s+)?\b{_LETTERS}*?{_NAMND})(?:ens|en)\b
      (?:\s+(?P<ndau>{_LETTERS}*utskott)\b)?
    """,
    re.IGNORECASE | re.VERBOSE,
)
ASSEMBLIES = frozenset({"Kommunfullmäktige", "Regionfullmäktige"})
GENERIC_ADJECTIVES = frozenset(
    {"kommunala", "politiska", "lokala", "centrala", "regionala", "formella", "normala"}
)
GENERIC_NAMND_PREFIXES = frozenset({"", "fack", "respektive", "berörd", "ansvarig", "varje"})
KNOWN_ORGANS = (
    "Kommunstyrelsen",
    "Kommunfullmäktige",
    "Regionstyrelsen",
    "Regionfullmäktige",
    "Arbetsmarknadsnämnden",
    "Barn- och utbildningsnämnden",
    "Barn- och ungdomsnämnden",
    "Bildningsnämnden",
    "Byggnadsnämnden",
    "Bygg- och miljönämnden",
    "Fritidsnämnden",
    "Förskolenämnden",
    "Grundskolenämnden",
    "Gymnasienämnden",
    "Individ- och familjeomsorgsnämnden",
    "Kultur- och fritidsnämnden",
    "Kulturnämnden",
    "Miljö- och byggnadsnämnden",
    "Miljö- och hälsoskyddsnämnden",
    "Miljö- och samhällsbyggnadsnämnden",
    "Miljönämnden",
    "Omsorgsnämnden",
    "Samhällsbyggnadsnämnden",
    "Samhällsutvecklingsnämnden",
    "Servicenämnden",
    "Socialnämnden",
    "Stadsbyggnadsnämnden",
    "Tekniska nämnden",
    "Utbildningsnämnden",
    "Valnämnden",
    "Vård- och omsorgsnämnden",
    "Äldrenämnden",
    "Överförmyndarnämnden",
)
ORGAN_LABEL = re.compile(
    r"(?:^|\W)(?:organisation|nämnd(?:/styrelse)?|styrelse(?:/nämnd)?|organ|ansvarig\ nämnd)"
    r"\W*:\W*(.*)$",
    re.I,
)

POSSESSIVE = re.compile(r"\b(?:kommuns|stads)$", re.I)
MUNICIPALITY_SUFFIX = re.compile(r"\b(?:kommun(?:koncern)?s?|stads?)\b", re.I)
REGION_MENTION = re.compile(r"\bRegion\s+[A-ZÅÄÖ][\w\-]+")
MUNICIPALITY_LABEL = re.compile(r"\bkommun(?:namn)?\s*:[ \t*]*([^\n]{1,60})", re.I)
NAME_TOKEN_BREAK = re.compile(r"[,;:()\[\]{}<>|]")

_YEAR = r"(?:19|20)\d\d"
YEAR_IN_TEXT = re.compile(rf"(?<![\d/.:\-–])({_YEAR})(?!\d)")
DATE_IN_TEXT = re.compile(rf"(?<![\d\-])({_YEAR})-[01]\d-[0-3]\d(?![\d\-])")
YEAR_CONTINUATION = re.compile(r"\s?[\-–/]\s?(\d+)")
_MONTHS = "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december"
YEAR_PHRASE = re.compile(
    rf"""\b(?:per|t\.?\s?o\.?\s?m\.?|till\ och\ med|avseende|g\S{{1,2}}llande|f\S{{1,2}}r|under
        |verksamhets\S{{1,2}}r(?:et)?|budget\S{{1,2}}r(?:et)?|rapportperiod\W*)
        \s+(?:den\s+)?(?:\d{{1,2}}\s+)?(?:(?:\S{{1,2}}r(?:et)?|{_MONTHS})\s+)?(?={_YEAR}(?!\d))""",
    re.IGNORECASE | re.VERBOSE,
)
FOLDER_YEAR = re.compile(rf"^{_YEAR}$")
HEADING_MARKUP = re.compile(r"^\s*(?:#+\s*|\d{1,2}[.)]\s+|[-•*]\s+)?")


DEFAULT_SETTINGS = MetadataSettings()


@dataclass(frozen=True, slots=True)
class DocumentMetadata:
    """What a document is: whose, by which organ, for which year, of which type, and why."""

    municipality: str | None
    municipality_code: str | None
    organ: str | None
    year: int | None
    document_type: str | None
    evidence: dict[str, str] = field(default_factory=dict, hash=False)


@dataclass(frozen=True, slots=True)
class MunicipalityMention:
    """One mention of a municipality in the text ("Kalmar kommuns", "Region Gotland")."""

    municipality: Municipality
    text: str
    start: int
    line: int
    weight: int


@dataclass(frozen=True, slots=True)
class OrganMention:
    """One mention of an organ in the text, with its normalised name."""

    organ: str
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Title:
    """The title: the first heading-like line naming a document type, and its wrapped lines.

    ``running_header`` is set when the line recurs (a page header repeating the title): the
    lines beside it then belong to the page, not to the title."""

    line: int
    lines: tuple[int, ...]
    document_type: str
    running_header: bool = False


# ---------------------------------------------------------------- lines and headings


def line_starts(text: str) -> tuple[int, ...]:
    """Given a text, the character offset at which each of its lines starts."""
    starts = [0]
    starts.extend(m.end() for m in re.finditer(r"\n", text))
    return tuple(starts)


def line_of(starts: Sequence[int], offset: int) -> int:
    """Given line start offsets and a character offset, the 0-based line holding it."""
    low, high = 0, len(starts) - 1
    while low < high:
        mid = (low + high + 1) // 2
        if starts[mid] <= offset:
            low = mid
        else:
            high = mid - 1
    return low


def heading_text(line: str) -> str:
    """Given a line, its text without markdown emphasis, list markers and edge spaces."""
    bare = line.replace("**", "").replace("__", "")
    return " ".join(HEADING_MARKUP.sub("", bare).split())


def full_line_length(lines: Sequence[str], settings: MetadataSettings) -> int | None:
    """Given all lines, the length from which a line counts as a wrapped paragraph line."""
    lengths = sorted(len(line.strip()) for line in lines if len(line.strip()) >= 40)
    if len(lengths) < settings.full_line_min_lines:
        return None
    p90 = lengths[min(len(lengths) - 1, int(len(lengths) * 0.9))]
    return int(p90 * settings.full_line_share)


def continues_below(lines: Sequence[str], index: int) -> bool:
    """Given the lines and an index, whether the next line goes on in lower case (a wrap)."""
    following = lines[index + 1].strip() if index + 1 < len(lines) else ""
    return following[:1].islower()


def is_heading_like(
    lines: Sequence[str],
    index: int,
    full_length: int | None,
    settings: MetadataSettings,
    *,
    wrapped: bool = False,
) -> bool:
    """Given the lines and an index (and whether the line goes on with a heading above),
    whether that line can be a heading (no sentence/cell/wrap): it starts in a capital or a
    digit, or in a small letter when it goes on with a heading wrapped mid-phrase
    ("Tekniska nämnden – Uppföljning av" / "internkontrollplan 2026"); it ends in no
    sentence's or list's mark, but may end in a comma where a heading goes on below
    ("Internkontrollrapport 2019 – Tekniska nämnden," / "Nässjö kommun") or in a compound's
    hyphen ("… 2023 – Kultur-" / "och fritidsnämnden, Torsby kommun")."""
    line = lines[index]
    text = heading_text(line)
    if not text or "\t" in line or "|" in line:
        return False
    if len(text) > settings.title_max_chars or len(text.split()) > settings.title_max_words:
        return False
    wraps = full_length is not None and len(line.strip()) >= full_length
    if wraps and continues_below(lines, index):
        return False
    opens = text[0].isupper() or text[0].isdigit() or (wrapped and text[0].islower())
    if opens and text.endswith(",") and index + 1 < len(lines):  # a heading wrapped at a comma
        return is_heading_like(lines, index + 1, full_length, settings, wrapped=True)
    if opens and re.search(r"\w-$", text) and index + 1 < len(lines):  # "… – Kultur-" / "och
        return is_heading_like(lines, index + 1, full_length, settings, wrapped=True)  # fritids…"
    return opens and not text.endswith((".", ",", ";", "-"))


def type_in(text: str, context: str | None = None) -> tuple[str, int] | None:
    """Given a text and its title block, the type its earliest type word names, and where."""
    controlled = CONTROL_CONTEXT.search(text if context is None else context) is not None
    hits = [
        (m.start(), kind)
        for kind, p in TYPE_PATTERNS
        for m in [p.search(text)]
        if m and (controlled or kind not in GENERIC_TYPES)
    ]
    if not hits:
        return None
    start, kind = min(hits)
    return kind, start


def repeated_lines(lines: Sequence[str]) -> frozenset[str]:
    """Given the lines, the (casefolded heading) texts that occur more than once: page headers."""
    seen: dict[str, int] = {}
    for line in lines:
        key = heading_text(line).casefold()
        if len(key) >= 8:
            seen[key] = seen.get(key, 0) + 1
    return frozenset(key for key, count in seen.items() if count > 1)


def wrapped_lines(
    lines: Sequence[str], index: int, full_length: int | None, settings: MetadataSettings
) -> list[int]:
    """Given the lines and a title line, the heading-like lines right below it (no blank)."""
    extra: list[int] = []
    for follower in range(index + 1, min(len(lines), index + 1 + settings.title_extra_lines)):
        if not lines[follower].strip() or not is_heading_like(
            lines, follower, full_length, settings, wrapped=True
        ):
            break
        extra.append(follower)
    return extra


def find_title(lines: Sequence[str], settings: MetadataSettings) -> Title | None:
    """Given the lines, the first heading-like line naming a document type, with wrapped lines
    (also a type's name that the title's wrapping breaks: it starts on the line)."""
    full_length = full_line_length(lines, settings)
    repeated = repeated_lines(lines)
    for index, line in enumerate(lines):
        if not is_heading_like(lines, index, full_length, settings):
            continue
        extra = wrapped_lines(lines, index, full_length, settings)
        block = " ".join(heading_text(lines[i]) for i in (index, *extra))
        found = type_in(heading_text(line), block)
        wrapped = type_in(block) if found is None else None
        if wrapped is not None and wrapped[1] < len(heading_text(line)):
            found = wrapped  # the type's name broken by the title's wrapping: "… – Plan för
            #                                                    intern" / "kontroll 2022"
        if found is None:
            continue
        if heading_text(line).casefold() in repeated:
            return Title(index, (index,), found[0], running_header=True)
        return Title(index, (index, *extra), found[0])
    return None


def near_lines(lines: Sequence[str], title: Title, settings: MetadataSettings) -> list[int]:
    """Given the lines and the title, the non-empty lines around it, nearest and after first."""
    if title.running_header:
        return []
    after = [i for i in range(title.lines[-1] + 1, len(lines)) if lines[i].strip()]
    before = [i for i in range(title.line - 1, -1, -1) if lines[i].strip()]
    after, before = after[: settings.near_title_lines], before[: settings.near_title_lines]
    merged: list[int] = []
    for k in range(max(len(after), len(before))):
        merged.extend(side[k] for side in (after, before) if k < len(side))
    return merged


def excerpt(text: str, limit: int = 90) -> str:
    """Given a text, it on one line and cut to a readable length for evidence."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


# ---------------------------------------------------------------- municipality


def name_before(text: str, end: int) -> tuple[Municipality, int] | None:
    """Given a text and the start of a "kommun"/"stad" word, the municipality named before it."""
    head = text[max(0, end - 80) : end]
    if not head or not head[-1].isspace():
        return None
    words = head.split()[-3:]
    for count in (3, 2, 1):
        chosen = words[-count:] if len(words) >= count else None
        if chosen is None:
            continue
        name = " ".join(chosen).lstrip(EDGE_PUNCTUATION)
        if not name or name[0].islower() or NAME_TOKEN_BREAK.search(name):
            continue
        found = lookup(name)
        if found is not None:
            first = chosen[0]
            offset = head.rfind(first) + len(first) - len(first.lstrip(EDGE_PUNCTUATION))
            return found, offset + max(0, end - 80)
    return None


def name_at_start(value: str) -> tuple[Municipality, int] | None:
    """Given a label's value, the municipality its first words name and their length."""
    words = value.split()[:3]
    for count in (3, 2, 1):
        if len(words) < count:
            continue
        name = " ".join(words[:count]).strip(EDGE_PUNCTUATION)
        found = lookup(name) if name and not NAME_TOKEN_BREAK.search(name) else None
        if found is not None:
            return found, value.find(words[count - 1]) + len(words[count - 1])
    return None


def mention_weight(
    line: str, mention: str, rank: int, heading: bool, settings: MetadataSettings
) -> int:
    """Given a mention and its line, its weight: more in a heading of the head, more alone,
    one more in the possessive ("Örnsköldsviks kommuns verksamhet": the text's own)."""
    weight = 1 + (settings.head_weight if rank < settings.head_lines and heading else 0)
    standalone = fold(heading_text(line).strip(EDGE_PUNCTUATION)) == fold(mention)
    possessive = POSSESSIVE.search(mention) is not None
    return weight + (settings.standalone_weight if standalone else 0) + int(possessive)


def find_municipality_mentions(
    text: str, settings: MetadataSettings = DEFAULT_SETTINGS
) -> list[MunicipalityMention]:
    """Given a text, its "X kommun", "Xs stad", "Region X", "Kommun: X" mentions."""
    lines = text.split("\n")
    starts = line_starts(text)
    nonempty_rank = _nonempty_ranks(lines)
    full_length = full_line_length(lines, settings)
    mentions: list[MunicipalityMention] = []
    candidates: list[tuple[Municipality, str, int]] = []
    for suffix in MUNICIPALITY_SUFFIX.finditer(text):
        found = name_before(text, suffix.start())
        if found is not None:
            municipality, start = found
            candidates.append((municipality, text[start : suffix.end()], start))
    for label in MUNICIPALITY_LABEL.finditer(text):
        named = name_at_start(label.group(1))
        if named is not None:
            candidates.append(
                (
                    named[0],
                    label.group(0)[: label.start(1) - label.start() + named[1]],
                    label.start(),
                )
            )
    for region in REGION_MENTION.finditer(text):
        municipality_or_none = lookup(region.group(0))
        if municipality_or_none is not None:
            candidates.append((municipality_or_none, region.group(0), region.start()))
    for municipality, mention_text, start in sorted(candidates, key=lambda c: c[2]):
        line = line_of(starts, start)
        heading = is_heading_like(lines, line, full_length, settings) or (
            line > 0  # a heading's wrapped line ("… – Kultur-" / "och fritidsnämnden, Torsby
            and is_heading_like(lines, line - 1, full_length, settings)  #         kommun")
            and is_heading_like(lines, line, full_length, settings, wrapped=True)
        )
        weight = mention_weight(lines[line], mention_text, nonempty_rank[line], heading, settings)
        mentions.append(MunicipalityMention(municipality, mention_text, start, line, weight))
    return mentions


def _nonempty_ranks(lines: Sequence[str]) -> list[int]:
    """Given the lines, for each line how many non-empty lines come before it."""
    ranks: list[int] = []
    count = 0
    for line in lines:
        ranks.append(count)
        count += 1 if line.strip() else 0
    return ranks


@dataclass(frozen=True, slots=True)
class Choice:
    """A field's value (None when the evidence is weak or split) and the evidence either way."""

    value: Municipality | None
    why: str


def municipality_scores(
    mentions: Sequence[MunicipalityMention],
) -> list[tuple[int, int, MunicipalityMention]]:
    """Given the mentions, per municipality (weight, count, first mention), strongest first."""
    scores: dict[str, list[int]] = {}
    first: dict[str, MunicipalityMention] = {}
    for mention in mentions:
        code = mention.municipality.code
        score = scores.setdefault(code, [0, 0])
        score[0] += mention.weight
        score[1] += 1
        first.setdefault(code, mention)
    ranked = [(w, n, first[code]) for code, (w, n) in scores.items()]
    return sorted(ranked, key=lambda item: (-item[0], item[2].start))


def only_in_passing(
    mentions: Sequence[MunicipalityMention], code: str, settings: MetadataSettings
) -> bool:
    """Given the mentions and a municipality's code, whether it is named only in running
    prose (never in a heading, alone on a line or as the text's own) and seldom: a partner
    or neighbour the text talks about, not the text's author."""
    own = [m for m in mentions if m.municipality.code == code]
    return all(m.weight <= 1 for m in own) and len(own) < settings.min_passing_mentions


def choose_municipality(
    mentions: Sequence[MunicipalityMention], settings: MetadataSettings = DEFAULT_SETTINGS
) -> Choice | None:
    """Given the mentions, the municipality that clearly outweighs every other, and why; a
    Choice without value when the evidence is weak (little weight) or split (no clear lead)."""
    if not mentions:
        return None
    ranked = municipality_scores(mentions)
    weight, count, where = ranked[0]
    described = ", ".join(
        f"{m.municipality.name} weight {w} ({n} mention(s), first at line {m.line + 1})"
        for w, n, m in ranked[:4]
    )
    if weight < settings.min_municipality_weight or only_in_passing(
        mentions, where.municipality.code, settings
    ):
        return Choice(
            None, f"weak evidence: only {excerpt(where.text)!r} named in passing ({described})"
        )
    if len(ranked) > 1 and weight < settings.municipality_dominance * ranked[1][0]:
        return Choice(None, f"split evidence: {described}")
    others = ", ".join(f"{m.municipality.name}={w}" for w, _, m in ranked[1:])
    why = (
        f"text: {excerpt(where.text)!r} at line {where.line + 1}, {count} mention(s), "
        f"weight {weight}" + (f"; outweighed {others}" if others else "")
    )
    return Choice(where.municipality, why)


def path_folders(source_path: str) -> tuple[str, ...]:
    """Given a relative source path (either slash), its folder names, outermost first."""
    return PurePosixPath(source_path.replace("\\", "/")).parts[:-1]


def municipality_from_path(source_path: str) -> tuple[Municipality, str] | None:
    """Given a source path, the municipality its innermost municipality-named folder names."""
    for folder in reversed(path_folders(source_path)):
        found = lookup(folder)
        if found is not None:
            return found, f"path: folder {folder!r}"
    return None


# ---------------------------------------------------------------- organ


def normalise_organ(raw: str) -> str:
    """Given an organ as written (genitive, any case, OCR-damaged), its canonical name."""
    text = " ".join(raw.split())
    text = re.sub(r"-\s*(och|&)\s+", r"- \1 ", text)
    text = re.sub(_NAMND + r"(?:ens|en)?$", "nämnden", text, flags=re.I)
    text = text.lower()
    folded = fold(text)
    for known, key, pattern in known_organ_keys():
        if key == folded or pattern.fullmatch(text):
            return known
    return text[:1].upper() + text[1:]


@cache
def known_organ_keys() -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    """Given nothing, each known organ with its folded name and its OCR-tolerant pattern
    (made once, not for every organ mention)."""
    return tuple((k, fold(k), re.compile(ocr_pattern(k), re.I)) for k in KNOWN_ORGANS)


def organ_from_match(match: re.Match[str]) -> str | None:
    """Given a match of ORGAN_PATTERN, the organ it names, or None for a generic "nämnden";
    a company's board as printed, its first word capitalised ("Styrelsen för X AB")."""
    if match.group("co"):
        board = " ".join(match.group("co").split())
        return board[:1].upper() + board[1:]
    if match.group("ks"):
        committee = match.group("ksau")
        if committee and match.group("ks").lower().endswith("s"):
            return f"Kommunstyrelsens {committee.lower()}"
        return "Kommunstyrelsen"
    if match.group("kf"):
        return "Kommunfullmäktige"
    if match.group("rs"):
        return "Regionstyrelsen"
    if match.group("rf"):
        return "Regionfullmäktige"
    if match.group("adj"):
        adjective = match.group("adj").split()[0].lower()
        return None if adjective in GENERIC_ADJECTIVES else normalise_organ(match.group("adj"))
    raw = match.group("nd")
    prefix = re.sub(_NAMND + "$", "", raw, flags=re.I).strip().lower()
    if prefix in GENERIC_NAMND_PREFIXES or len(prefix) < 3:
        return None
    organ = normalise_organ(raw)
    committee = match.group("ndau")
    return f"{organ}s {committee.lower()}" if committee else organ


def find_organs(text: str) -> list[OrganMention]:
    """Given a text, every mention of a named organ, in order."""
    found: list[OrganMention] = []
    for match in ORGAN_PATTERN.finditer(text):
        organ = organ_from_match(match)
        if organ is not None:
            found.append(OrganMention(organ, match.group(0), match.start(), match.end()))
    return found


def organ_from_label(lines: Sequence[str], title: Title | None) -> tuple[str, str] | None:
    """Given the lines, the organ of the "Organisation:"-style label nearest the title."""
    labelled: list[tuple[int, str]] = []
    for index, line in enumerate(lines):
        label = ORGAN_LABEL.search(line.replace("**", ""))
        if label is None:
            continue
        value = label.group(1).strip() or next(
            (lines[k] for k in range(index + 1, min(len(lines), index + 3)) if lines[k].strip()),
            "",
        )
        organs = find_organs(value)
        if organs:
            labelled.append((index, organs[0].organ))
    if not labelled:
        return None
    anchor = title.line if title is not None else 0
    index, organ = min(labelled, key=lambda item: (abs(item[0] - anchor), item[0] < anchor))
    return organ, f"label: line {index + 1} {excerpt(lines[index])!r}"


def organ_beside_type_word(text: str) -> tuple[str, str] | None:
    """Given a text, the first organ written against a type word on its line ("Xs
    internkontrollplan"; not a table's last cell "Kommunstyrelsens arbetsutskott" over the
    next row's "Uppföljning av …")."""
    organs = find_organs(text)
    hits: list[tuple[int, str, str]] = []
    for _, pattern in TYPE_PATTERNS:
        for word in pattern.finditer(text):
            for organ in organs:
                gap = text[organ.end : word.start()]
                if 0 <= word.start() - organ.end <= 2 and not gap.strip() and "\n" not in gap:
                    hits.append((organ.start, organ.organ, text[organ.start : word.end()]))
            tail = re.match(r"\w*\s+(?:f\S{1,2}r|inom|hos)\s+", text[word.end() : word.end() + 40])
            if tail is not None:
                at = word.end() + tail.end()
                follower = next((o for o in organs if o.start == at), None)
                if follower is not None:
                    hits.append((word.start(), follower.organ, text[word.start() : follower.end]))
    if not hits:
        return None
    _, named, phrase = min(hits)
    return named, f"beside type word: {excerpt(phrase)!r}"


# a document adopted by an organ ("Antagen av socialnämnden 2023-11-22, § 145", "Tekniska
# nämnden har antagit ...") or proposed for its decision ("Samhällsbyggnadsnämnden beslutar
# att anta ...")
ADOPTED_BY = re.compile(
    r"\b(?:antagen|antaget|antagna|fastställd|fastställt|beslutad|beslutat|godkänd|godkänt)"
    r"\s+(?:av|i)\s+",
    re.IGNORECASE,
)
DECIDES_TO_ADOPT = re.compile(
    r"\s+(?:beslutar\s+(?:att\s+)?(?:anta|fastställa|godkänna)"
    r"|(?:har\s+)?(?:antagit|antog|fastställt|fastställde|godkänt|godkände))\b",
    re.IGNORECASE,
)


def organ_adopting(text: str) -> tuple[str, str] | None:
    """Given a text, the organ it says adopted the document ("Antagen av X", "X har antagit")
    or decides to adopt it ("X beslutar att anta"), the first such phrase."""
    hits: list[tuple[int, str, str]] = []
    for organ in find_organs(text):
        before = text[max(0, organ.start - 20) : organ.start]
        adopted = list(ADOPTED_BY.finditer(before))
        if adopted and adopted[-1].end() == len(before):
            hits.append((organ.start, organ.organ, before[adopted[-1].start() :] + organ.text))
        decides = DECIDES_TO_ADOPT.match(text, organ.end)
        if decides is not None:
            hits.append((organ.start, organ.organ, text[organ.start : decides.end()]))
    if not hits:
        return None
    _, named, phrase = min(hits)
    return named, f"adopted by: {excerpt(phrase)!r}"


ADOPTED_BY_BOARD = re.compile(
    r"\b(?:antagen|antaget|fastställd|fastställt|beslutad|beslutat|godkänd|godkänt)"
    r"\s+av\s+(?:bolagets\s+)?styrelse(?:n)?\b(?!\s+(?:för|i)\b)",
    re.IGNORECASE,
)
COMPANY = re.compile(r"\b(?:för|i)\s+((?:[^\W\d_][\w&.-]*\s+){1,5}AB)\b")


def board_of_company(text: str) -> tuple[str, str] | None:
    """Given a text, the board of the company it is the plan of when a board adopted it
    ("Antagen av styrelsen") and it names a company ("Plan för intern kontroll 2020 för
    Mörbylånga Renhållning AB"): "Styrelsen för Mörbylånga Renhållning AB"."""
    adopted = ADOPTED_BY_BOARD.search(text)
    company = COMPANY.search(text)
    if adopted is None or company is None:
        return None
    name = " ".join(company.group(1).split())
    return f"Styrelsen för {name}", f"adopted by the board of: {excerpt(company.group(0))!r}"


def canonical_name(organ: str) -> str:
    """Given an organ as detected, its canonical name (an utskott is its parent's)."""
    found = canonical_organ(organ)
    return found.organ if found is not None else organ


def most_frequent_organ(text: str, dominance: float = 1.5) -> tuple[str | None, str] | None:
    """Given a text, the organ named most often (an assembly only when no other is named)."""
    organs = find_organs(text)
    if not organs:
        return None
    counts: dict[str, int] = {}
    order: list[str] = []
    for mention in organs:
        organ = canonical_name(mention.organ)  # KSAU and Kommunstyrelsen are one organ
        counts[organ] = counts.get(organ, 0) + 1
        order.append(organ)
    pool = [o for o in counts if o not in ASSEMBLIES] or list(counts)
    ranked = sorted(pool, key=lambda organ: (-counts[organ], order.index(organ)))
    best = ranked[0]
    if len(ranked) > 1 and counts[best] < dominance * counts[ranked[1]]:
        named = ", ".join(f"{o!r} {counts[o]} time(s)" for o in ranked[:4])
        return None, f"split evidence: no organ named clearly most often ({named})"
    return best, f"most frequent: {best!r} named {counts[best]} time(s)"


def page_top_lines(lines: Sequence[str]) -> list[int]:
    """Given the lines of pages joined by blank lines, the index of each page's first line."""
    return [
        i for i, line in enumerate(lines) if line.strip() and (i == 0 or not lines[i - 1].strip())
    ]


def organ_in_running_header(lines: Sequence[str]) -> tuple[str, str] | None:
    """Given the lines (pages joined by blank lines), the one organ the document's running
    header names: a page's first line repeated at the top of two or more pages ("Ekerö
    kommun · Bildningsnämnden") naming a single organ (not a card's value repeated on a
    page, "Rapporteras till Kommunstyrelsens arbetsutskott")."""
    tops = page_top_lines(lines)
    seen: dict[str, int] = {}
    for index in tops:
        key = heading_text(lines[index]).casefold()
        seen[key] = seen.get(key, 0) + 1
    named: dict[str, int] = {}
    for index in tops:
        if seen[heading_text(lines[index]).casefold()] < 2:
            continue
        organs = {canonical_name(o.organ) for o in find_organs(lines[index])}
        if len(organs) == 1:
            named.setdefault(organs.pop(), index)
    if len(named) != 1:
        return None
    organ, index = next(iter(named.items()))
    return organ, f"running header: line {index + 1} {excerpt(lines[index])!r}"


def choose_organ(
    text: str, lines: Sequence[str], title: Title | None, settings: MetadataSettings
) -> tuple[str | None, str] | None:
    """Given the text and its title, the organ: title, label, type phrase, running header,
    adoption phrase, beside title, count."""
    if title is not None:
        organs = find_organs(lines[title.line])
        if organs:
            return organs[0].organ, f"title: line {title.line + 1} {excerpt(lines[title.line])!r}"
    labelled = (
        organ_from_label(lines, title)
        or organ_beside_type_word(text)
        or organ_in_running_header(lines)
        or organ_adopting(text)
        or board_of_company(text)
    )
    if labelled is not None:
        return labelled
    if title is not None:
        full_length = full_line_length(lines, settings)
        beside = [*title.lines[1:], *near_lines(lines, title, settings)]
        for index in beside:
            organs = find_organs(lines[index])
            if organs and is_heading_like(lines, index, full_length, settings):
                return organs[0].organ, f"beside title: line {index + 1} {excerpt(lines[index])!r}"
    return most_frequent_organ(text, settings.organ_dominance)


# ---------------------------------------------------------------- year


def years_in(text: str, settings: MetadataSettings) -> list[tuple[int, int]]:
    """Given a text, its plausible years (not dates, not case numbers) with their offsets."""
    found: list[tuple[int, int]] = []
    for match in YEAR_IN_TEXT.finditer(text):
        year = int(match.group(1))
        if not settings.min_year <= year <= settings.max_year:
            continue
        continuation = YEAR_CONTINUATION.match(text, match.end())
        if continuation is not None:
            digits = continuation.group(1)
            is_range = len(digits) == 4 and settings.min_year <= int(digits) <= settings.max_year
            if not is_range or re.match(r"[\-–/]\d", text[continuation.end() :]):
                continue
        found.append((match.start(), year))
    return found


def year_phrase(text: str, settings: MetadataSettings) -> tuple[int, str] | None:
    """Given a text, the year of its first "per april 2025"/"för 2023"-style phrase."""
    for match in YEAR_PHRASE.finditer(text):
        years = years_in(text[match.end() : match.end() + 12], settings)
        if years and years[0][0] == 0:
            phrase = text[match.start() : match.end() + 4]
            return years[0][1], f"phrase: {excerpt(phrase)!r}"
    return None


def folder_year(source_path: str) -> int | None:
    """Given a source path, the year of its innermost folder named like a year."""
    for folder in reversed(path_folders(source_path)):
        if FOLDER_YEAR.match(folder):
            return int(folder)
    return None


def choose_year(
    text: str,
    lines: Sequence[str],
    title: Title | None,
    source_path: str,
    settings: MetadataSettings,
) -> tuple[int, str] | None:
    """Given the text, its title and path: year of title, heading, title date, phrase, folder."""
    if title is not None:
        full_length = full_line_length(lines, settings)
        nearby = [i for i in near_lines(lines, title, settings) if i > title.line]
        nearby = [i for i in nearby if is_heading_like(lines, i, full_length, settings)]
        for source, indices in (("title", title.lines), ("beside title", nearby)):
            for index in indices:
                years = years_in(lines[index], settings)
                if years:
                    return years[0][1], f"{source}: line {index + 1} {excerpt(lines[index])!r}"
        for index in title.lines:
            date = DATE_IN_TEXT.search(lines[index])
            if date is not None and settings.min_year <= int(date.group(1)) <= settings.max_year:
                return int(date.group(1)), f"title date: line {index + 1} {date.group(0)!r}"
    phrased = year_phrase(text, settings)
    if phrased is not None:
        return phrased
    year = folder_year(source_path)
    return (year, f"path: folder {year}") if year is not None else None


# ---------------------------------------------------------------- document type


def choose_type(
    lines: Sequence[str], title: Title | None, source_path: str
) -> tuple[str, str] | None:
    """Given the lines, their title and the path: the type of the title, else of the file name."""
    if title is not None:
        return title.document_type, f"title: line {title.line + 1} {excerpt(lines[title.line])!r}"
    name = PurePosixPath(source_path.replace("\\", "/")).name
    found = type_in(name.replace("_", " "))
    return (found[0], f"path: file name {name!r}") if found is not None else None


# ---------------------------------------------------------------- minutes adopting a plan

MINUTES = re.compile(
    r"\b(?:sammantr\S{1,2}desprotokoll|protokollsutdrag|justerat\s+protokoll|protokoll)\b", re.I
)
_ADOPT_VERB = (
    r"(?:beslutar\s+att\s+)?(?:antar|anta|antagit|fastst\S{1,2}ller|fastst\S{1,2}lla"
    r"|godk\S{1,2}nner|godk\S{1,2}nna)"
)
ADOPTION = re.compile(rf"\b{_ADOPT_VERB}\b(?P<object>[^.\n]{{0,140}})", re.I)
ATTACHMENT = re.compile(r"^\W*bilaga\b(?P<rest>.*)$", re.I)


def is_minutes(lines: Sequence[str], settings: MetadataSettings) -> bool:
    """Given the lines, whether the document opens as minutes (protokoll, protokollsutdrag)."""
    head = [line for line in lines if line.strip()][: settings.head_lines]
    return any(MINUTES.search(heading_text(line)) for line in head)


def adopted_plan(
    lines: Sequence[str], settings: MetadataSettings
) -> tuple[str, int | None, str] | None:
    """Given the lines of minutes, the type and year of the document a paragraph adopts
    ("Kommunstyrelsen antar internkontrollplan för 2024"), preferring the one an attachment
    heading names ("Bilaga 1 ... Internkontrollplan 2024"), with the phrase as evidence."""
    found: list[tuple[str, int | None, str]] = []
    for index, line in enumerate(lines):
        for match in ADOPTION.finditer(line):
            kind = type_in(match.group("object"))
            if kind is None:
                continue
            years = years_in(match.group("object"), settings)
            phrase = f"line {index + 1} {excerpt(match.group(0))!r}"
            found.append((kind[0], years[0][1] if years else None, phrase))
    if not found:
        return None
    attached = attachment_types(lines, settings)
    for adopted in found:
        if adopted[:2] in attached or (adopted[0], None) in attached:
            return adopted
    return found[0]


def attachment_types(
    lines: Sequence[str], settings: MetadataSettings
) -> set[tuple[str, int | None]]:
    """Given the lines, the (type, year) an attachment heading or the line below it names."""
    named: set[tuple[str, int | None]] = set()
    for index, line in enumerate(lines):
        if ATTACHMENT.match(heading_text(line)) is None:
            continue
        for text in (line, lines[index + 1] if index + 1 < len(lines) else ""):
            kind = type_in(text)
            if kind is not None:
                years = years_in(text, settings)
                named.add((kind[0], years[0][1] if years else None))
    return named


# ---------------------------------------------------------------- the whole


def detect_metadata(
    text: str, source_path: str, settings: MetadataSettings = DEFAULT_SETTINGS
) -> DocumentMetadata:
    """Given a document's first pages' text and its relative path, its metadata with evidence:
    where each field was found and how often, or why it stays empty (weak or split evidence)."""
    lines = text.split("\n")
    title = find_title(lines, settings)
    evidence: dict[str, str] = {}
    chosen = choose_municipality(find_municipality_mentions(text, settings), settings)
    municipality: tuple[Municipality, str] | None = None
    if chosen is not None and chosen.value is not None:
        municipality = chosen.value, chosen.why
    else:
        from_path = municipality_from_path(source_path)
        if from_path is not None:
            doubt = f" (text: {chosen.why})" if chosen is not None else ""
            municipality = from_path[0], from_path[1] + doubt
    organ = choose_organ(text, lines, title, settings)
    year = choose_year(text, lines, title, source_path, settings)
    kind = choose_type(lines, title, source_path)
    adopted = adopted_plan(lines, settings) if is_minutes(lines, settings) else None
    if adopted is not None:
        kind = adopted[0], f"minutes adopt it: {adopted[2]}"
        if adopted[1] is not None:
            year = adopted[1], f"minutes adopt it: {adopted[2]}"
    if municipality is None and chosen is not None:
        evidence["municipality"] = f"empty: {chosen.why}"
    else:
        evidence["municipality"] = municipality[1] if municipality is not None else "not found"
    if organ is not None and organ[0] is None:
        evidence["organ"] = f"empty: {organ[1]}"
    else:
        evidence["organ"] = organ[1] if organ is not None else "not found"
    evidence["year"] = year[1] if year is not None else "not found"
    evidence["document_type"] = kind[1] if kind is not None else "not found"
    return DocumentMetadata(
        municipality=municipality[0].name if municipality else None,
        municipality_code=municipality[0].code if municipality else None,
        organ=organ[0] if organ else None,
        year=year[0] if year else None,
        document_type=kind[0] if kind else None,
        evidence=evidence,
    )
