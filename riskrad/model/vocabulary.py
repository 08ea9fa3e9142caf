"""Swedish column-header vocabulary: which contract field a table header names.

Columns are recognised by their words, not their position, so an unseen
column order or a synonym still maps.  Matching is tolerant of the damage an
English-model OCR does to headers (stripped å/ä/ö, "Kontrolimoment").
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from riskrad.model.text import demojibake, strip_diacritics

# Internal column names beyond the contract fields: they steer the table
# recognisers but are not written as such.
NUMBER = "nr"
START_DATE = "start_date"
END_DATE = "end_date"
TITLE = "title"  # "Titel": the control in a KONTROLLMOMENT table, the activity in AKTIVITET
OWNER = "owner"  # "Riskägare": the risk's responsible, beside a control's "Ansvarig"
STATUS = "status"  # "Status" (Grön/Gul/Röd, Genomförd, Pågår): a state, not the result text
IGNORED = "ignored"  # named so it is not read as another field: Rapporteras till, Avvikelse,
#                      Åtgärdsansvarig, Klart datum
SK_PAIR = "sk_pair"  # "S/K", "Bedömning (S/K)": probability and consequence in one cell


@dataclass(frozen=True, slots=True)
class HeaderRule:
    """A header pattern (on the folded header text) and the field it names."""

    field: str
    pattern: re.Pattern[str]


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Given header text, lower-case ASCII letters/digits only, words split by one space
    (remembered: the same lines and cells are folded by several stages)."""
    text = demojibake(text).replace("\u00ad", "").replace("-\n", "").casefold()
    text = strip_diacritics(text)
    text = text.replace("|", "l")
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def _rule(field: str, pattern: str) -> HeaderRule:
    return HeaderRule(field, re.compile(pattern))


# Most specific first: the first rule that matches names the field.
HEADER_RULES: tuple[HeaderRule, ...] = (
    # a risk's assessment in a given year ("Risk 2025", "Bedömning 2024"): a risk's title
    # carries no year; last year's ("Föregående bedömning") is not this year's value
    _rule(
        "risk_value",
        r"^(risk|(samlad |risk ?)?bedomning|risk ?varde|risk ?niva|risk ?poang) (19|20)\d\d$",
    ),
    # registers from templates written in English (risk management's common terms), their
    # labels alone or before a Swedish one; a Swedish label before a slash reads first
    _rule("risk_value", r"^((inherent|residual|gross|net|overall) )?risk (score|rating|level"
          r"|value|priority)( |$)|^(inherent|residual) risk$|^(risk )?score$"),
    _rule("probability", r"^((inherent|residual|gross|net) )?(likelihood|probability)( |$)"),
    _rule("consequence", r"^((inherent|residual|gross|net) )?(impact|consequences?|severity)"
          r"( |$)"),
    _rule(OWNER, r"^(risk )?owner( |$)"),
    _rule("responsible", r"^(control owner|responsible|responsibility|performed by)( |$)"),
    _rule("risk", r"^(risk (description|event|title|name)|identified risks?)( |$)"),
    _rule("nr", r"^(risk )?(id|ref|reference)( |$)"),
    _rule("process", r"^(area|business area|process area)( |$)"),
    _rule("description", r"^((root |risk )?causes?)( |$)"),
    _rule("risk_category", r"^(risk )?(category|type)( |$)"),
    _rule("existing_controls", r"^(existing|current) (controls?|mitigations?)( |$)"),
    _rule("planned_handling", r"^(risk )?(response|treatment)( |$)"),
    _rule("control", r"^(key control|control activity|control activities|control description"
          r"|controls?)( |$)"),
    _rule("method", r"^(test(ing)? method|testing|how tested)( |$)"),
    _rule("frequency", r"^(frequency|timing)( |$)"),
    _rule("result", r"^(outcome|findings?|test result)( |$)"),
    _rule("action", r"^(corrective )?actions?( plan)?( |$)"),
    _rule("comment", r"^comments?( |$)"),
    _rule(IGNORED, r"^(reported to|deviations?)( |$)"),
    _rule(
        IGNORED,
        r"^(foregaende|forra arets|fjolarets|tidigare) (ars )?(risk ?)?(bedomning|varde|niva"
        r"|poang|risk)( |$)",
    ),
    _rule(
        "existing_controls",
        r"^((befintlig\w*|nuvarande|existerande)( intern)? (atgard|kontroll|rutin|hantering)"
        r"|kontroller som finns)",
    ),
    _rule("control", r"^(beskrivning av kontroll\w*|det som kontrolleras)( |$)"),
    _rule("follows_plan", r"^genomford enligt plan( |$)"),
    _rule(
        "planned_handling",
        r"^(stallningstagande|planerad\w* (hantering|atgard)|hantering\b|beslut om hantering"
        r"|riskhantering|beslutad hantering|hur risken hanteras)",  # "Hanteras genom": a
        #                            decision or a control, as its cells show
    ),
    _rule("follows_plan", r"^foljer (plan|planen)\b"),
    # plain-language templates ask a question per column ("Vad kan hända?", "Hur troligt?")
    _rule("existing_controls", r"^vad gor vi redan( |$)"),
    _rule(
        "risk",
        r"^(beskrivning av risk\w*|vad kan ga fel|vad kan handa|(vilken|vad) ar risken)( |$)",
    ),
    _rule("description", r"^(vad beror (det|risken) pa|varfor)( |$)"),
    _rule("probability", r"^hur (troligt|sannolikt)( |$)"),
    _rule("consequence", r"^(vad blir (foljden|konsekvensen)|hur allvarligt)( |$)"),
    _rule("risk_value", r"^hur stor (ar|blir) risken( |$)"),
    # a value worked out from S and K: "Beräknat riskvärde", "Beräknad risk", "Samlat riskvärde"
    _rule("risk_value", r"^(beraknad|beraknat|uppskattad|uppskattat) risk(varde|niva|poang)?( |$)"),
    _rule("risk_category", r"^(vilken (sorts|typ av) risk)( |$)"),
    _rule(
        "method",
        r"^(hur gor vi|pa vilket satt|hur gar (kontrollen|det) till"
        r"|(sa har|hur) (har |ska |skall )?kontrollen (gjorts|genomforts|gors|genomfors"
        r"|goras|genomforas|utforas)"
        r"|sa (gors|genomfors) kontrollen)( |$)",
    ),
    _rule(IGNORED, r"^(till vem rapporteras|vem far rapporten)( |$)"),
    _rule("responsible", r"^vem (gor det|ansvarar|ar ansvarig|utfor)( |$)|^vem$"),
    _rule("control", r"^vad gor vi( at det)?$"),
    _rule("risk", r"^((oonskad|kritisk) )?\w*handelse$"),  # older tools: "Oönskad händelse"
    # the risk a control or finding concerns, by its number ("Avser risk: R2")
    _rule(NUMBER, r"^(avser risk|risk ?ref(erens|\.)?|hanvisning till risk|kopplad( till)? risk)"
          r"( |$)"),
    _rule("risk", r"^(risk ?(namn|titel|rubrik)|riskens (namn|titel|rubrik))( |$)"),  # risk
    #                                        tools' "Risknamn", "Risktitel", "Riskens namn"
    _rule(
        "risk_value",
        r"^(risk ?varde|risk ?niva|rv|r|risk ?tal|risk ?poang|risk ?bedomning|risk ?grad"
        r"|brutto ?risk|netto ?risk|rest ?risk|(samlad|sammanvagd) riskbedomning"
        r"|(inneboende|kvarvarande) risk ?(varde|niva)?"
        r"|bedomt risk ?varde|riskens varde|risk ?vardering|vardering av risk\w*"
        r"|risk ?farg|farg|fargkod)( |$)",  # a risk value written as its colour ("Orange")
    ),
    _rule("risk_value", r"^(risk )?(sannolikhet|s)( x| ganger)? (konsekvens|k)( |$)"),
    _rule("risk_value", r"^(risk )?s ?xx? ?k( |$)"),  # "SxK"; OCR reads "×" "X", "Xx"
    _rule(
        "probability", r"^((bedomd |inneboende |kvarvarande )?sannolikhet\w*|s|trolighet\w*)( |$)"
    ),
    _rule("probability", r"^(inneboende|kvarvarande|brutto|netto) s( |$)"),
    _rule("consequence", r"^(inneboende|kvarvarande|brutto|netto) (k|konsekvens\w*)( |$)"),
    _rule(
        "consequence",
        r"^((bedomd )?konsekvens\w*|k|paverkan|allvarlighet\w*|vasentlighet\w*)( |$)",
    ),
    _rule(
        "risk_category",
        r"^(risk ?kategori|kategori|risktyp|(typ|slag) av risk|riskomrade kategori)( |$)",
    ),
    # a form's request for the result ("Beskriv resultatet", "Beskrivning av utfallet")
    _rule("result", r"^beskriv\w* (av )?(kontrollens )?(resultat|utfall|iakttagelse)\w*( |$)"),
    _rule(
        "description",
        r"^(risk ?beskrivning|beskrivning|sarbarhet\w*"
        r"|((mojlig|bakomliggande|tankbar|riskens) )?orsak(er)?"
        r"|bakgrund)( |$)",
    ),
    _rule(
        "method",
        r"^(kontroll ?metod|metod|granskningsmetod|hur$|omfattning|tillvagagangssatt"
        r"|genomforande$|kontroll ?satt|satt att kontrollera)",
    ),
    _rule(STATUS, r"^(status|lage$)( |$)"),
    _rule("result", r"^(resultat|utfall|kontroll ?resultat|iakttagelse\w*)"),
    _rule(
        "control",
        r"^(kontro[l1i]+ ?moment|kontroll(er)?$|kontrollaktivitet|internkontrollmoment"
        r"|atgard ?kontr\w*|kontroll ?atgard|(gransknings|uppfoljnings)moment|kontroll ?punkt"
        r"|kontroll ?namn|intern ?kontroll$|vad (ska |skall )?kontrolleras)",
    ),
    _rule(
        "frequency",
        r"^(frekvens|tidpunkt|periodicitet|nar|tidplan|(tids ?)?intervall|hur ofta"
        r"|kontroll ?frekvens|period$|tid for kontroll|kontroll ?tillfalle)"
        r"( |$)",
    ),
    _rule(OWNER, r"^(riskagare|agare)( |$)"),
    _rule(IGNORED, r"^ansvarig for atgard"),  # the action's owner, not the control's
    _rule(
        "responsible",
        r"^(ansvarig|ansvar|kontrollansvarig|utforare|kontrollant|(granskas|utfors) av)( |$)",
    ),
    _rule(
        "action",
        r"^(atgard|atgarder|vidtagna atgarder|forslag (pa|till) atgard|atgardsforslag"
        r"|forbattringsatgard\w*|beslutade atgarder|(foreslagen|foreslagna|vidtagen|planerad"
        r"|planerade) atgard(er)?)( |$)",
    ),
    _rule(
        "comment",
        r"^(kommentar|kommentarer|anmarkning|analys$|ovrigt$|ovriga kommentarer"
        r"|analys och kommentar)( |$)",
    ),
    _rule(
        "process",
        r"^(ansvarsomrade|process|omrade|verksamhetsomrade|riskomrade|kontrollomrade|rutin"
        r"|system|process ?namn|verksamhet$|verksamhet process$|berord verksamhet)( |$)",
    ),
    _rule(NUMBER, r"^(risk ?nr|risknummer|risk ?id)( |$)"),
    _rule("risk", r"^(risk|risker|identifierad risk|riskidentifiering)( |$)"),
    _rule(NUMBER, r"^(nr|nummer|no|id|#|lop ?nr|lopnummer)( |$)"),
    _rule(IGNORED, r"^brister ja nej$"),  # "Brister (Ja/Nej)"; not "Brister i brandskyddet"
    _rule(START_DATE, r"^start ?datum"),
    _rule(END_DATE, r"^slut ?datum"),
    _rule(TITLE, r"^titel( |$)"),
    _rule(
        IGNORED,
        r"^(rapporteras|rapportering|aterrapportering|aterrapporteras|avvikelser?"
        r"|atgardsansvarig"
        r"|klart datum|klart senast|datum klart|redovisas|redovisning|rapport lamnas"
        r"|brister avvikelser$|atgardat senast|datum for atgard)( |$)",
    ),
)


@lru_cache(maxsize=1 << 16)
def classify_folded(folded: str) -> str | None:
    """Given folded header text, the field its first matching rule names, or None
    (remembered for the run's last 65,536 texts: a slash's sides and the lines of a
    table's cells come again; 18,520 questions of 7,923 texts on the bench's 118 pages)."""
    for rule in HEADER_RULES:
        if rule.pattern.search(folded):
            return rule.field
    return None


SLASH_SHAPES = frozenset("li1ftj7")  # the letters Tesseract gives a slash ("processlrutin")
SLASH_PIECE = 2  # read as at most this many characters, one of them such a letter ("lå")
SLASH_SIDE = 3  # each side of it at least this many letters
SLASH_WORDS = 3  # a header of at most this many words is tried for a slash read as a letter


def slash_read_as_letter(folded: str) -> str | None:
    """Given folded header text, the same text with a slash that OCR read as a letter
    ("Processlrutin", "Processfrutin", "Processlårutin", "AtgardIkontroll") parted again, or
    None: a piece of one or two characters holding l, i, 1, f, t, j or 7 (the shapes
    Tesseract gives a slash) inside a word whose two sides each name a field alone
    ("process", "rutin")."""
    if folded.count(" ") >= SLASH_WORDS:
        return None
    for start in range(SLASH_SIDE, len(folded) - SLASH_SIDE):
        if SLASH_SHAPES.isdisjoint(folded[start : start + SLASH_PIECE]):
            continue  # no piece starting here holds such a letter (the widest holds them all)
        for width in range(1, SLASH_PIECE + 1):
            end = start + width
            piece = folded[start:end]
            if not SLASH_SHAPES.intersection(piece) or not piece.isalnum():
                continue
            head, tail = folded[start - SLASH_SIDE : start], folded[end : end + SLASH_SIDE]
            if not (head.isalpha() and tail.isalpha()):
                continue
            left = folded[:start].rsplit(" ", 1)[-1]
            right = folded[end:].split(" ", 1)[0]
            if classify_folded(left) is not None and classify_folded(right) is not None:
                return folded[:start] + " " + folded[end:]
    return None


# Label words a compound label may end in and still name ("Huvudprocess", "Enhetsansvarig",
# "Slutresultat", "Uppföljningsstatus"); not "risk" ("Bruttorisk" is a value) nor "moment".
COMPOUND_HEADS = (
    "process", "omrade", "ansvarig", "frekvens", "metod", "status", "resultat", "kommentar",
    "kommentarer",
)  # fmt: skip
COMPOUND_PREFIX = 3  # letters before the head word at least


def compound_head(folded: str) -> str | None:
    """Given folded one-word header text, the field of the label word it ends in
    ("huvudprocess": process), or None."""
    if " " in folded:
        return None
    for head in COMPOUND_HEADS:
        if folded.endswith(head) and len(folded) - len(head) >= COMPOUND_PREFIX:
            return classify_folded(head)
    return None


# short words a scan's lost space glues before a label word ("Beskrivning avrisk")
GLUED_SHORT_WORDS = ("av", "och", "for", "per", "pa", "vid", "med", "till", "om", "i")


def short_word_parted(folded: str) -> str | None:
    """Given folded header text, the same text with words a lost space glued parted again,
    or None: a word that is no word itself (nor a label) is parted after a short word whose
    rest names a field alone ("beskrivning avrisk" -> "beskrivning av risk", "sannolikhet
    ochkonsekvens"), or after a three-letter word before a short one where the label
    then names a field and named none before ("vadkan ga fel" -> "vad kan ga fel")."""
    from riskrad.model.glued import is_word  # the word lists load only when needed

    words = folded.split(" ")
    parted = list(words)
    for n, word in enumerate(words):
        if not word.isalpha() or classify_folded(word) is not None or is_word(word):
            continue
        for short in GLUED_SHORT_WORDS:
            rest = word[len(short):]
            if word.startswith(short) and len(rest) >= 4 and classify_folded(rest) is not None:
                parted[n] = f"{short} {rest}"
                break
        else:  # two short words ("vadkan"; longer pieces may be a compound's, "processledare"),
            #    only where the label as read names no field
            left, right = word[:3], word[3:]
            if not 3 <= len(right) <= 4 or classify_folded(folded) is not None:
                continue
            trial = " ".join([*parted[:n], left, right, *words[n + 1 :]])
            if is_word(left) and is_word(right) and classify_folded(trial) is not None:
                parted[n] = f"{left} {right}"
    return " ".join(parted) if parted != words else None


def classify_text(folded: str) -> str | None:
    """Given folded header text, the field it names, a slash read as a letter parted again,
    a short word glued to a label word parted again, or a compound ending in a label word
    read by that word."""
    if (parted := short_word_parted(folded)) is not None:
        folded = parted
    field = classify_folded(folded)
    if field is None and (parted := slash_read_as_letter(folded)) is not None:
        return classify_folded(parted)
    if field is None:
        return compound_head(folded)
    return field


SK_PAIR_LABEL = re.compile(
    r"^(risk ?)?(bedomning )?\(?((s|sannolikhet) ?(/|och|&) ?(k|konsekvens)|s ?[li1|] ?k)\)?"
    r"( ?\(?\d ?[-–] ?\d{1,2}\)?)?$"  # its scale after it: "S/K (1-5)"
)


# S and K joined by a times sign: "S×K", "SxK", "S x K", "Sannolikhet × Konsekvens" (upper case
# "SANNOLIKHET X KONSEKVENS"; a scan's "Xx": the sign doubled by OCR), also K first, the
# assessment's name before it ("Bedömning (S×K)"); no "Risk" before it ("Risk (S×K)" names
# the value)
FACTOR_LABEL = re.compile(
    r"^((risk ?)?bedomning:? )?\(?(?P<a>s|sannolikhet(?:en)?|k|konsekvens(?:en)?)"
    r" ?(?:[x×*·]{1,2}|ganger) ?"
    r"(?P<b>s|sannolikhet(?:en)?|k|konsekvens(?:en)?)\)?(?: ?\(?\d ?[-–] ?\d{1,2}\)?)?$"
)


def factor_label(text: str) -> bool:
    """Given a header cell's text, whether it names S and K joined by a times sign, S and K
    different ("S×K", "SxK", "S x K", "Sannolikhet x Konsekvens", "K×S"): a column that holds
    either their product (the risk value, "12") or the two factors ("3×4"), its cells tell."""
    lowered = " ".join(strip_diacritics(demojibake(text).casefold()).split())
    match = FACTOR_LABEL.match(lowered)
    return match is not None and match["a"][0] != match["b"][0]


def sk_pair_label(text: str) -> bool:
    """Given a header cell's text, whether it names probability and consequence as a pair
    held in one cell ("S/K", "Bedömning (S/K)", "Sannolikhet och konsekvens"; "SIK", "S l K":
    the slash between the two letters as OCR reads it), not their product ("S×K")."""
    lowered = " ".join(strip_diacritics(demojibake(text).casefold()).split())
    return SK_PAIR_LABEL.match(lowered) is not None


# Whole label words an abbreviated header label may stand for ("Sannol.", "Kontr.ansv.").
LABEL_WORDS = (
    "sannolikhet", "konsekvens", "riskvarde", "riskniva", "riskbedomning", "riskbeskrivning",
    "riskkategori", "riskagare", "riskomrade", "risknummer", "kontrollmoment", "kontrollmetod",
    "kontrollansvarig", "kontrollaktivitet", "periodicitet", "frekvens", "tidpunkt",
    "resultat", "avvikelse", "verksamhetsomrade", "ansvarsomrade", "ansvarig", "atgard",
    "atgarder", "atgardsansvarig", "kommentar", "kommentarer", "beskrivning", "kategori",
    "process", "nummer", "status", "utfall", "bedomning", "befintliga", "planerad",
    "hantering", "metod", "omrade", "rapporteras", "aterrapportering", "uppfoljning",
    "identifierad", "kontroll", "iakttagelser",
)  # fmt: skip
ABBREVIATION = re.compile(r"[a-z]+(?:\.[a-z]+)* ?\.[a-z]*")  # "Kons ." as a renderer set it
ABBREVIATED_WORDS = 3  # a label's first words tried for abbreviations
ABBREVIATION_HEAD = 3  # an abbreviation's first piece holds at least this many letters
NEAR_TIE = 2  # two readings this close in length naming other fields: too close to tell


def expand_abbreviations(text: str) -> str | None:
    """Given a header cell's text, the text with each abbreviated word ("Sannol.", "Riskv.",
    "Kontr.ansv.", "Verks.omr.", "Ktrl.moment") written out as the label word it stands for
    (``label_word_for``), among its first words (a label with the rest of a row run into its
    cell still starts so); None when it has none."""
    words = strip_diacritics(demojibake(text).casefold()).split()
    lowered = " ".join(words[:ABBREVIATED_WORDS])  # a label's start: the rules anchor there
    rest = " ".join(words[ABBREVIATED_WORDS:])
    changed = False

    def written_out(match: re.Match[str]) -> str:
        nonlocal changed
        word = label_word_for(match.group())
        if word is None:
            return match.group()
        changed = True
        return word

    expanded = ABBREVIATION.sub(written_out, lowered)
    return f"{expanded} {rest}".strip() if changed else None


@lru_cache(maxsize=1 << 12)
def label_words(abbreviation: str) -> tuple[str, ...]:
    """Given an abbreviated word as ABBREVIATION finds it ("sannol.", "kontr.ansv."), the
    label words that start with its first letter and hold its other letters in order (a
    label word is letters only, so this is what a pattern "^s\\w*a\\w*n...\\w*$" matches;
    remembered)."""
    letters = abbreviation.replace(" ", "").replace(".", "")
    return tuple(w for w in LABEL_WORDS if w[0] == letters[0] and _in_order(letters[1:], w[1:]))


def _in_order(letters: str, word: str) -> bool:
    """Given letters and a word, whether the word holds the letters in this order."""
    rest = iter(word)
    return all(letter in rest for letter in letters)


@lru_cache(maxsize=1 << 12)
def label_word_for(abbreviation: str) -> str | None:
    """Given an abbreviated word as ABBREVIATION finds it ("kontr.ansv."), the label word it
    stands for: of the words starting with its first letter and holding its other letters in
    order, those starting with its first piece preferred, the shortest; None when its first
    piece is too short to tell ("S.") or two readings of other fields are about as short
    ("Kon.": kontroll or konsekvens). Remembered."""
    pieces = [piece for piece in abbreviation.replace(" ", "").split(".") if piece]
    if not pieces or len(pieces[0]) < ABBREVIATION_HEAD:
        return None
    words = list(label_words(abbreviation))
    words = [word for word in words if word.startswith(pieces[0])] or words
    if not words:
        return None
    first, *others = sorted(words, key=len)
    field = classify_folded(first)
    if any(len(o) - len(first) <= NEAR_TIE and classify_folded(o) != field for o in others):
        return None
    return first


# a word's break hyphen set apart from it: on a line of its own (a narrow column wrapped it
# after the word), or after a space at the line's end
HYPHEN_APART = re.compile(r"(?<=\w)(?:[ \t]*\n[ \t]*|[ \t]+)[-\u2010\u2011][ \t]*\n(?=\w)")


# marks before a label's first word that start no label: a border read as "=:", "|", "_"
STRAY_LEAD = re.compile(r"^[^\w(\[§#\s]+(?=\w)")


@lru_cache(maxsize=1 << 16)
def classify_header(text: str) -> str | None:
    """Given a header cell's text, the field it names, or None.

    A narrow column wraps header words inside the word ("Riskvär" / "de"), so
    a header that matches nothing is tried again with its lines joined
    without a space. Kept for the run's last 65,536 texts: the table readers
    ask about the same lines again and again (44,566 times for 5,894 texts on
    the bench's 118 pages).

    Stray marks before its first word go: a scan's cell border read as glyphs
    ("=:SANNOLIKHET/KONSEKVENS" named the risk value).
    """
    text = STRAY_LEAD.sub("", text)
    if sk_pair_label(text):
        return SK_PAIR
    if factor_label(text):  # not letter-spaced capitals: "SANNOLIKHET X KONSEKVENS"
        return "risk_value"
    text = HYPHEN_APART.sub("-\n", text)  # "Sannolik" / "-" / "het": "Sannolik-" / "het"
    text = LAST_YEAR.sub("", whole_years(text))  # "Risk 2025 (2024)": this year's, last's
    field = classify_label(text)
    if "\n" in text:
        joined = classify_label(text.replace("\n", ""))
        if field is None or (joined is not None and broken_inside_a_word(text)):
            field = joined
    if spaced_capitals(text):
        return classify_label("".join(text.split())) or field
    if field in (None, STATUS, IGNORED):
        field = pair_field(text) or field
    if (listed := listed_fields(text)) and field in (None, *ITEM_FIELDS):
        field = listed[0]  # "Kontroller – ansvarig och frekvens": the controls, each with both;
        #                    "Kontroll/metod": the controls with their method, no "Kontrollmetod"
    if field is None:
        field = cut_label(text)
    return field


# the parts of a header naming a list of fields: "Kontrollmoment (ansvarig, frekvens)",
# "Kontroller – ansvarig och frekvens", "Kontrollmoment, ansvar och frekvens"
LIST_JOIN = re.compile(r"\s*[(),;/&]\s*|\s+[–—-]\s+|\s+(?:och|samt|med)\s+", re.IGNORECASE)
ITEM_FIELDS = frozenset({"responsible", "frequency", "method"})


@lru_cache(maxsize=1 << 12)
def listed_fields(text: str) -> tuple[str, ...]:
    """Given a header cell's text, the fields it names in order when it names two fields of
    a control or more, each cell of the column holding them all in that order: a column of
    controls and then fields each control in it carries after its text ("Kontrollmoment
    (ansvarig, frekvens)", "Kontroller – ansvarig och frekvens": control, responsible,
    frequency; "Kontroll/metod", "Vad kontrolleras och hur": control, method), or a
    control's fields together ("Ansvarig / när": responsible, frequency; "När/vem"); else
    () (one field, or parts naming other fields or none, or a field twice). Remembered."""
    parts = [p for p in LIST_JOIN.split(" ".join(text.split())) if p.strip()]
    if len(parts) < 2:
        return ()
    fields = [  # a word a narrow column broke read whole again ("Ansvarig/frekven" / "s")
        classify_label(part) or (classify_label(part.replace(" ", "")) if " " in part else None)
        for part in parts
    ]
    first, rest = fields[0], fields[1:]
    if first not in (*ITEM_FIELDS, "control") or not all(f in ITEM_FIELDS for f in rest):
        return ()
    if len(set(fields)) != len(fields):
        return ()
    return tuple(f for f in fields if f is not None)


CUT_LETTERS = 6  # a label word its column cut holds this many letters at least ("Kommenta")
CUT_SHARE = 0.75  # and this share of the label word ("Sannolik", a value word, is 0.73)


def cut_label(text: str) -> str | None:
    """Given a header cell's text of one line, the field it names when it is one word a
    narrow column cut short, its rest lost ("Kommenta"): the start
    of label words (LABEL_WORDS) that all name one field, at least CUT_LETTERS letters and
    CUT_SHARE of the shortest such word; or such a word one letter off ("Kommentafr", the
    cut word made whole with its rest misread)."""
    if "\n" in text.strip():  # a label on two lines reads joined (classify_header); its
        return None  #          first line alone may be a group's ("Riskbedömni" / "ng")
    first = strip_diacritics(demojibake(text).casefold()).strip()
    if len(first) < CUT_LETTERS or not first.isalpha():
        return None
    words = [w for w in LABEL_WORDS if w.startswith(first) and w != first]
    if words and len(first) < CUT_SHARE * min(len(w) for w in words):
        words = []
    if not words and len(first) >= MISREAD_LETTERS:  # "Kommentafr": its rest "r" misread
        words = [w for w in LABEL_WORDS if one_edit(first, w)]
    fields = {classify_folded(w) for w in words}
    field = fields.pop() if len(fields) == 1 else None
    return None if field == IGNORED else field  # a cut label of a column left out: as before


MISREAD_LETTERS = 8  # a label word read with one letter wrong, added or lost is this long


def one_edit(a: str, b: str) -> bool:
    """Given two words, whether one letter changed, or added or dropped inside the word, makes
    one the other (a letter more at the end is a word's inflection, "Riskvärdet", no
    misreading)."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    cut = next((i for i, (x, y) in enumerate(zip(short, long, strict=False)) if x != y), len(short))
    return cut < len(short) and short[cut:] == long[cut + 1 :]


PAIR_WORDS = 2  # words of each of a pair's labels
PAIR_JOIN = re.compile(r"\s+(?:och|&)\s+|\s*/\s*", re.IGNORECASE)


def pair_field(text: str) -> str | None:
    """Given a header naming two things ("Status och resultat", "Genomförande och resultat"),
    the field of the one the contract has when the other names none or only a status, or
    the result when one is: the cell holds both, the result's text saying the other."""
    parts = PAIR_JOIN.split(" ".join(text.split()))
    if len(parts) != 2 or not all(0 < len(p.split()) <= PAIR_WORDS for p in parts):
        return None  # two labels, not a phrase ("Intern kontroll och styrning av …")
    fields = [classify_label(part) for part in parts]
    named = [f for f in fields if f not in (None, STATUS, IGNORED)]
    if "result" in named:
        return "result"  # "Genomförande och resultat": the result's text says the rest too
    return named[0] if len(named) == 1 else None


def spaced_capitals(text: str) -> bool:
    """Given a header cell's text, whether it is capitals with a space or line break inside a
    word: letter-spaced capitals a layout joined in part ("KO NTROLLMOMENT", "RISK VÄ R" /
    "D E") or not at all ("N R"), read again without the spaces (the spaced reading kept
    when the joined one names nothing: "S K")."""
    letters = [ch for ch in text if ch.isalpha()]
    pieces = text.split()
    return (
        len(pieces) >= 2
        and all(ch.isupper() for ch in letters)
        and any(len(p) <= 2 and p.isalpha() for p in pieces)
        and (any(len(p) >= 4 for p in pieces) or all(len(p) == 1 for p in pieces))
    )


def classify_label(text: str) -> str | None:
    """Given a header label's text, the field it names, also when abbreviated ("Sannol.",
    "Riskv.", "Kontr.ansv.")."""
    field = classify_text(fold(text))
    if field is None and "." in text and (expanded := expand_abbreviations(text)) is not None:
        return classify_text(fold(expanded))
    return field


def broken_inside_a_word(text: str) -> bool:
    """Given a header cell's lines, whether a line starts with the rest of a word broken at
    the line above's end: a piece in lower case which makes a word with the end of the line
    above, where one of the two pieces is no word ("Åtgärd/kontrol" / "l", "Kontrollansvari"
    / "g", "Åtgärd/kont" / "roll")."""
    from riskrad.model.lexicon import is_swedish_word  # the word lists load only when needed

    lines = [line.strip() for line in text.split("\n")]
    for upper, lower in itertools.pairwise(lines):
        head = re.findall(r"[^\W\d_]+$", upper)
        tail = re.match(r"[^\W\d_]+", lower)
        if not head or not tail or not tail.group().islower():
            continue
        piece, end = tail.group().casefold(), head[0].casefold()
        no_word = piece not in "iåö" if len(piece) == 1 else not is_swedish_word(piece)
        if (no_word or not is_swedish_word(end)) and is_swedish_word(end + piece):
            return True
    return False


def header_fields(cells: list[str]) -> list[str | None]:
    """Given a row's cell texts, the field each names (None where none), no field twice."""
    named = [classify_header(text) for text in cells]
    seen: set[str] = set()
    fields: list[str | None] = []
    for field in named:
        if field is not None and field in seen:
            field = None
        if field is not None and field != IGNORED:
            seen.add(field)
        fields.append(field)
    fields = factors_beside_value(named_twice(fields, named, cells), named, cells)
    return risk_of_two_descriptions(fields, cells)


def factors_beside_value(
    fields: list[str | None], named: list[str | None], cells: list[str]
) -> list[str | None]:
    """Given a row's fields, what each cell names and the cell texts, the fields where two
    columns name the risk value and one of them names S and K joined by a times sign
    ("Sannolikhet x Konsekvens | Riskvärde", "S x K | Risk (S×K)"): that one holds the two
    factors ("3×4"), S and K in one cell (:data:`SK_PAIR`), and the other the value; of two
    such labels ("Sannolikhet × Konsekvens | S×K") the factors stand first, the product
    after them, as a sum is written."""
    columns = [i for i, f in enumerate(named) if f == "risk_value"]
    factors = [i for i in columns if factor_label(cells[i])]
    if len(columns) != 2 or not factors or SK_PAIR in named:
        return fields
    out = list(fields)
    pair = factors[0]
    value = next(i for i in columns if i != pair)
    out[pair], out[value] = SK_PAIR, "risk_value"
    return out


YEAR = re.compile(r"\b(?:19|20)\d\d\b")
BROKEN_YEAR = re.compile(r"\b((?:19|20)\d?)\s*\n\s*(\d{1,2})\b")  # "Risk 202" / "4"


# last year's, in brackets after this year's: "Risk 2025 (2024)", the cells "12 (9)"
LAST_YEAR = re.compile(r"\s*\(\s*(?:19|20)\d\d\s*\)\s*$")


def whole_years(text: str) -> str:
    """Given a header cell's text, it with a year a narrow column broke over two lines made
    whole ("Risk 202" / "4" -> "Risk 2024")."""
    if "\n" not in text:
        return text
    return BROKEN_YEAR.sub(lambda m: m[1] + m[2] if len(m[1] + m[2]) == 4 else m[0], text)
RESIDUAL = re.compile(r"\b(kvarvarande|rest ?risk|netto ?risk|netto|efter (atgard|kontroll))")


def named_twice(
    fields: list[str | None], named: list[str | None], cells: list[str]
) -> list[str | None]:
    """Given a row's fields (each named once, at its first column), what each cell names and
    the cell texts, the fields of labels naming one field twice: with a year each
    ("Riskvärde 2025 | Riskvärde 2026") the latest year's column holds it, the others are
    left out (last year's value); beside a residual one ("Kvarvarande risk", "Restrisk") the
    other holds it (the inherent risk is the one assessed), the residual is left out; a
    second risk label that describes ("Risk (rubrik) | Beskrivning av risken") is the
    description; of two responsibles, one the control's ("Kontrollansvarig", "Ansvarig för
    kontroll", or the one right of the control's column), the other is the risk's owner."""
    out = list(fields)
    for field in {f for f in named if f is not None and f != IGNORED}:
        columns = [i for i, f in enumerate(named) if f == field]
        if len(columns) < 2:
            continue
        years = [YEAR.findall(whole_years(cells[i])) for i in columns]
        residual = [i for i in columns if RESIDUAL.search(fold(cells[i]))]
        if residual and len(residual) < len(columns):  # inherent risk beside the residual:
            for i in columns:  #                          the inherent is the assessment
                out[i] = IGNORED if i in residual else None
            first = next(i for i in columns if i not in residual)
            out[first] = field
        elif all(len(y) == 1 for y in years):
            latest = max(columns, key=lambda i: (years[columns.index(i)][0], i))
            for i in columns:
                out[i] = field if i == latest else IGNORED
        elif field == "risk" and "description" not in named:
            later = [i for i in columns[1:] if "beskrivning" in fold(cells[i])]
            if later:
                out[later[0]] = "description"
        elif field == "responsible" and OWNER not in named:
            control = [i for i in columns if "kontroll" in fold(cells[i])]
            if not control and "control" in named:  # else the one right of the control
                control = [i for i in columns if i > named.index("control")]
            other = [i for i in columns if i not in control]
            if control and other:  # "Ansvarig | … | Kontrollansvarig": the plain one the
                out[control[0]], out[other[0]] = field, OWNER  # risk's owner
    return out


VALUE_FIELDS = frozenset({"probability", "consequence", "risk_value", SK_PAIR})


def risk_of_two_descriptions(fields: list[str | None], cells: list[str]) -> list[str | None]:
    """Given a row's fields and cell texts, the fields with the risk named where no column
    names it and one describes the risk ("Riskbeskrivning", "Riskbeskr."): that column
    holds the risk (beside another description, "Riskbeskr. | Beskr.", its title); alone,
    only in a row with value columns (a risk table, not a follow-up quoting the risk)."""
    if "risk" in fields:
        return fields
    describing = [i for i, text in enumerate(cells) if classify_header(text) == "description"]
    risky = [i for i in describing if fold(cells[i]).startswith("risk")]
    if len(risky) != 1 or len(describing) > 2:
        return fields
    if len(describing) == 1 and not VALUE_FIELDS.intersection(f for f in fields if f):
        return fields
    out = list(fields)
    for i in describing:
        out[i] = "risk" if i == risky[0] else "description"
    return out


def fields_named(fields: Sequence[str | None]) -> int:
    """Given a row's classified cells, how many name a field (not one named to be left out)."""
    return sum(f is not None and f != IGNORED for f in fields)


def is_header_row(fields: list[str | None], cells: Sequence[str] | None = None) -> bool:
    """Given a row's classified cells (and their texts), whether it reads as a table header
    row: two named fields filling most of it, or three with the labels the vocabulary knows
    (also those named only to be left out: "Datum klart", "Åtgärdsansvarig") filling most
    of it, or a row of labels (``is_label_row``)."""
    named, known = fields_named(fields), sum(f is not None for f in fields)
    if named >= 2 and max(named, known if named >= 3 else 0) >= 0.6 * len(fields):
        return True
    return cells is not None and is_label_row(fields, cells)


def is_label_row(fields: list[str | None], cells: Sequence[str]) -> bool:
    """Given a row's classified cells and their texts, whether every cell is a short label
    the vocabulary knows, one at least naming a field: a header whose other columns are
    named only to be left out ("KONTROLLAKTIVITET | RAPPORTERAS TILL")."""
    return (
        len(fields) >= 2
        and all(f is not None for f in fields)
        and any(f != IGNORED for f in fields)
        and all(0 < len(text.split()) <= 3 for text in cells)
    )


SECTION_LABELS = {
    "kontrollmoment": "controls",
    "kontrollmoment och aktiviteter": "controls",
    "aktivitet": "activities",
    "aktiviteter": "activities",
    "huvudprocesser": "section",
    "stodprocesser": "section",
    "ledningsprocesser": "section",
}


def section_label(text: str) -> str | None:
    """Given a short paragraph, what kind of section label it is ('controls', …) or None."""
    return SECTION_LABELS.get(fold(text))


PARAGRAPH_LABEL = re.compile(
    r"^\s*(kommentar|kommentarer|resultat|status|atgard|atgarder|analys)\s*:\s*", re.IGNORECASE
)
LABEL_FIELDS = {
    "kommentar": "comment",
    "kommentarer": "comment",
    "resultat": "result",
    "status": "result",
    "atgard": "action",
    "atgarder": "action",
    "analys": "comment",
}


def paragraph_label(text: str) -> tuple[str, str] | None:
    """Given a paragraph, (field, rest of text) when it starts with a label like 'Kommentar:'."""
    match = PARAGRAPH_LABEL.match(fold_label_prefix(text))
    if match is None:
        return None
    field = LABEL_FIELDS[match.group(1).lower()]
    return field, text[match.end() :].strip()


def fold_label_prefix(text: str) -> str:
    """Given text, the same text with its first word's å/ä/ö folded (for label matching)."""
    head, sep, tail = text.partition(":")
    if not sep or len(head) > 20:
        return text
    folded = strip_diacritics(head)
    if len(folded) != len(head):
        return text
    return folded + sep + tail


# one value under its label in a cell holding a risk's whole assessment: "Sannolikhet: 3",
# "S = 3", "RV=12", "K4"; the label a word or two, its number after ":" or "=" or a space
LABELLED_VALUE = re.compile(
    r"(?P<label>[^\W\d_]+(?: [^\W\d_]+)?)\.? ?[:=]? ?(?P<number>\d{1,2})(?!\d)(?: ?[,;/|])? ?"
)
ASSESSED = frozenset({"probability", "consequence", "risk_value"})


@lru_cache(maxsize=1 << 12)
def labelled_values(text: str) -> tuple[tuple[str, int], ...]:
    """Given a cell's text, its values by field when it is only values under labels the
    vocabulary reads as S, K and R, two fields or more, none twice: a risk's whole
    assessment in one cell, on lines ("Sannolikhet: 3" / "Konsekvens: 4" / "Riskvärde: 12",
    "S = 3" / "K = 4" / "RV = 12") or on one ("S=3 K=4 R=12", "S 3, K 4, R 12"); else ()."""
    joined = " ".join(text.split())
    found: list[tuple[str, int]] = []
    at = 0
    while at < len(joined):
        match = LABELLED_VALUE.match(joined, at)
        if match is None:
            return ()
        field = classify_label(match["label"])
        if field not in ASSESSED or any(f == field for f, _ in found):
            return ()
        found.append((field, int(match["number"])))
        at = match.end()
    return tuple(found) if len(found) >= 2 else ()
