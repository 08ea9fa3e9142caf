"""Column roles from what a column holds, where its header label is one no vocabulary knows.

Municipalities head their columns with words of their own ("Händelse", "Hur troligt?",
"Utfall av bedömning", "Hanteras genom"). The cells under such a label still show what
the column is: small whole numbers (or level words) are S, K and R, the one that is the
product or sum of two others being R; words of time ("Månadsvis", "Varje kvartal") a
frequency; dates a column to leave out; sentences the risk (left of the values) or its
control. A header row the vocabulary reads only in part is read with those roles added
when the labels it does know and the roles the cells show make a risk or control table
together (``named_by_content``); otherwise it stays unread, as before.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise, permutations

from riskrad.model import vocabulary as vocab

VALUES = ("probability", "consequence", "risk_value")
VALUES_SET = frozenset(VALUES)
VALUE_COLUMNS = frozenset({*VALUES, vocab.SK_PAIR})
VALUE_TOP = 25  # S, K (1-5 or so) and R (their product, at most 25 on a 1-5 scale)
ONE_NUMBER = re.compile(r"^\D{0,24}?(?<![\d,.])(\d{1,2})(?![\d,.])\D{0,24}$")
LEVEL_WORD = re.compile(  # a step of a scale in words (numbers from the declared scale)
    r"^(mycket )?(lag|laga|medel|hog|hoga|mattlig|liten|stor|kritisk|sallan|ibland|ofta"
    r"|osannolik|mindre sannolik|mojlig|sannolik|forsumbar|lindrig|kannbar|allvarlig)( risk)?$"
)
FREQUENCY = re.compile(
    r"\b(lopande|manad\w*|manatlig\w*|kvartal\w*|arlig\w*|arsvis|varje ar|en gang per ar"
    r"|halvar\w*|tertial\w*|vecka|veckor|veckovis|varje vecka|dagligen|daglig|vid behov"
    r"|per ar|ggr|gang(er)?|delar\w*|(ars)?bokslut\w*|januari|februari|mars|april|maj|juni|juli"
    r"|augusti|september|oktober|november|december|kontinuerlig\w*|hosten|varen)\b"
)
HANDLING = re.compile(  # a decision on a risk: "Risken accepteras", "Åtgärd i verksamhetsplan"
    r"^(risken )?(accepteras|accepterad|godtas)|^hanteras i|^(kontrollmoment|atgard|atgarder)"
    r" i (internkontrollplan|verksamhetsplan|ordinarie)|i ordinarie verksamhet"
)
ROLE = re.compile(  # who does a control: "Enhetschef", "Controller", "Nämndsekreterare"
    r"(chef|ansvarig|handlaggare|samordnare|controller|strateg|sekreterare|utvecklare"
    r"|forvaltare|registrator|rektor|skoterska|upphandlare|ekonom|administrator|direktor"
    r"|radgivare|specialist|ombud|revisor|jurist|arkivarie|kansli|ledningsgrupp)$"
)
DATE = re.compile(r"\b(19|20)\d\d[-/]\d\d(?:[-/]\d\d)?\b|\b\d{1,2}/\d{1,2} ?(19|20)\d\d\b")
LABEL_WORDS = 4  # a header label is short
TEXT_WORDS = 4  # a cell of this many words or more is running text
FREQUENCY_WORDS = 4  # "En gång per år"; a longer cell naming a time is a sentence
ROLE_WORDS = 3  # "Medicinskt ansvarig sjuksköterska"
KIND_SHARE = 0.7  # the share of a column's filled cells of one kind that makes its kind
MIN_CELLS = 2  # a column shows a kind over this many filled cells at least
RELATION_SHARE = 0.8  # rows where R = S × K (or S + K) that make the column R
STEP_TOP = 10  # S and K are steps of a scale of at most ten
# Fields a label must name before cells may name values or a risk: a table of key figures
# ("Nyckeltal | Mål | Utfall") holds numbers and sentences too.
RISK_CORE = frozenset(
    {"risk", "probability", "consequence", "risk_value", vocab.SK_PAIR, "risk_category",
     "existing_controls", "planned_handling", "control"}
)  # fmt: skip


def cell_kind(text: str) -> str:
    """Given a body cell's text, its kind: "" (empty), "value" (one small whole number,
    alone or with a word, or a level word: "3", "Möjlig (3)", "Hög"), "date", "handling" (a
    decision on the risk: "Risken accepteras"), "owner" (a role: "Enhetschef"), "frequency"
    (words of time, at most four words), "assessment" (S, K and R under their labels:
    "S=3 K=4 R=12"), "text" (four words or more) or "short"."""
    folded = vocab.fold(text)
    if not folded:
        return ""
    words = folded.split()
    if vocab.labelled_values(text):
        return "assessment"  # "S = 3 / K = 4 / RV = 12": a risk's values under their labels
    number = ONE_NUMBER.match(" ".join(text.split()))
    if len(words) <= 3 and number is not None and 0 < int(number.group(1)) <= VALUE_TOP:
        return "value"
    if LEVEL_WORD.match(folded):
        return "value"
    if DATE.search(text) and len(words) <= 3:
        return "date"
    if HANDLING.search(folded) and len(words) <= TEXT_WORDS + 2:
        return "handling"
    if len(words) <= ROLE_WORDS and ROLE.search(folded):
        return "owner"
    if FREQUENCY.search(folded) and len(words) <= FREQUENCY_WORDS:
        return "frequency"
    return "text" if len(words) >= TEXT_WORDS else "short"


def column_kind(texts: Sequence[str]) -> str | None:
    """Given a column's body cell texts, the kind most of its filled cells are (at least
    ``KIND_SHARE`` of them, over ``MIN_CELLS`` cells; sentences and short cells mixed are
    text when they average three words; rows' numbers "numbering": ``numbering``), or None."""
    kinds = Counter(kind for kind in map(cell_kind, texts) if kind)
    if sum(kinds.values()) < MIN_CELLS:
        return None
    if numbering(texts):
        return "numbering"
    kind, count = kinds.most_common(1)[0]
    if count >= KIND_SHARE * sum(kinds.values()):
        return kind
    if set(kinds) <= {"text", "short"}:  # running text, some cells short: text if most are
        filled = [len(t.split()) for t in texts if t.strip()]
        return "text" if sum(filled) >= TEXT_WORDS * 0.75 * len(filled) else None
    return None


def numbering(texts: Sequence[str]) -> bool:
    """Given a column's body cell texts, whether they number the rows: every filled cell the
    same word with a number, the numbers going up by one down the column ("Risk 1", "Risk 2",
    "Risk 3" under a label a scan lost, "ID" turned read "2"; a scan's word split or short of
    its last letter: "Ris k2", "Ris 1"). A value's word goes with its
    step ("Möjlig (3)", "Sannolik (4)"), so no column of values reads so."""
    filled = [" ".join(t.split()) for t in texts if t.strip()]
    if len(filled) < MIN_CELLS:
        return False
    parts = [ONE_NUMBER.match(t) for t in filled]
    if any(p is None for p in parts):
        return False
    words = {vocab.fold(re.sub(r"\d", "", t)).strip() for t in filled}
    numbers = [int(p.group(1)) for p in parts if p is not None]
    joined = {w.replace(" ", "") for w in words}  # a scan's "Ris k2", "Ris 1" for "Risk"
    longest = max(joined, key=len)
    return (
        all(longest.startswith(w) and len(w) >= len(longest) - 1 for w in joined)
        and "" not in words
        and not any(LEVEL_WORD.match(w) for w in words)
        and all(b == a + 1 for a, b in pairwise(numbers))
    )


BARE_NUMBER = re.compile(r"^(\d{1,3})\.?$")


def counting(texts: Sequence[str]) -> bool:
    """Given a column's body cell texts, whether they count the rows with bare numbers: every
    filled cell a whole number ("1", "2." ), going up by one down the column, over MIN_CELLS
    cells or more (a numbered list's numbers; a column of values does not count on)."""
    filled = [t.strip() for t in texts if t.strip()]
    parts = [BARE_NUMBER.match(t) for t in filled]
    if len(filled) < MIN_CELLS or any(p is None for p in parts):
        return False
    numbers = [int(p.group(1)) for p in parts if p is not None]
    return all(b == a + 1 for a, b in pairwise(numbers))


def cell_number(text: str) -> int | None:
    """Given a value cell's text, its number, or None (a level word)."""
    match = ONE_NUMBER.match(" ".join(text.split()))
    return int(match.group(1)) if match else None


def combines(result: Sequence[str], first: Sequence[str], second: Sequence[str]) -> bool:
    """Given three columns' cell texts, whether the first is the product or the sum of the
    other two on most rows that give all three a number."""
    triples = [
        (r, a, b)
        for r, a, b in (map(cell_number, row) for row in zip(result, first, second, strict=True))
        if r is not None and a is not None and b is not None
    ]
    if len(triples) < MIN_CELLS:
        return False
    return any(
        sum(r == op(a, b) for r, a, b in triples) >= RELATION_SHARE * len(triples)
        for op in (int.__mul__, int.__add__)
    )


def value_roles(
    fields: Sequence[str | None], columns: Sequence[Sequence[str]], open_values: Sequence[int]
) -> dict[int, str]:
    """Given a header's fields, its columns' body texts and the unnamed columns holding
    values, the value field of each: the column that is the product or sum of two others
    is R; the rest take the fields no label names, in the order S, K, R left to right; a
    table's only value column (no other named or unnamed) is R (a scan's turned "R" read
    "&£")."""
    named = {f: i for i, f in enumerate(fields) if f in VALUES}
    missing = [v for v in VALUES if v not in named]
    if not open_values or len(open_values) > len(missing) or vocab.SK_PAIR in fields:
        return {}
    roles: dict[int, str] = {}
    every = sorted([*named.values(), *open_values])
    if "risk_value" in missing and len(every) >= 3:
        for r, a, b in permutations(every, 3):
            if r in open_values and a < b and combines(columns[r], columns[a], columns[b]):
                roles[r] = "risk_value"
                break
    left = [v for v in missing if v not in roles.values()]
    rest = [i for i in open_values if i not in roles]
    if any(n is not None and n > STEP_TOP for i in rest for n in map(cell_number, columns[i])):
        left = [v for v in left if v == "risk_value"]  # no steps of S's or K's scale
    if not named and len(rest) == 1:
        left = ["risk_value"]  # a risk's one score is its value: S comes with its K
    if len(rest) > len(left):
        return {}
    # keep the order S, K, R (R found by its numbers may stand anywhere)
    for i in rest:
        before = [f for j, f in enumerate(fields) if j < i and f in VALUES]
        before += [roles[j] for j in roles if j < i and roles[j] != "risk_value"]
        rank = max((VALUES.index(f) for f in before), default=-1)
        choice = next((v for v in left if VALUES.index(v) > rank), None)
        if choice is None:
            return {}
        roles[i] = choice
        left.remove(choice)
    return roles


def assessed(roles: dict[int, str], columns: Sequence[Sequence[str]]) -> bool:
    """Given value roles found by content and the columns' texts, whether they are S, K and
    R with R the product or sum of the other two: a risk assessment whatever its labels."""
    at = {role: i for i, role in roles.items()}
    if set(at) != set(VALUES):
        return False
    s, k, r = (columns[at[name]] for name in VALUES)
    return combines(r, s, k)


def is_label(text: str) -> bool:
    """Given a header cell's text, whether it reads as a column label: a few words, not a
    value, a date or a frequency (a body row is no header)."""
    words = text.split()
    return 0 < len(words) <= LABEL_WORDS and cell_kind(text) in ("short", "text", "owner")


def named_by_content(
    fields: Sequence[str | None], labels: Sequence[str], columns: Sequence[Sequence[str]]
) -> list[str | None] | None:
    """Given a header row's fields as the vocabulary names them, its label texts and each
    column's body cell texts, the fields with the labelled columns the vocabulary leaves
    unnamed named by what their cells hold (``content_fields``), or None: when its cells
    are no labels, it names nothing and its cells hold no S, K and R (R their product or
    sum), the content names nothing more, or the whole does not
    make a table of risks (a risk column with values or a control) or of controls (a
    control column with its owner, frequency or method)."""
    if not all(is_label(t) for t in labels if t.strip()):
        return None
    out = content_fields(fields, labels, columns)
    if out == list(fields) or not vocab.is_header_row(out, list(labels)):
        return None
    if vocab.fields_named(fields) < 1 and not set(out) >= VALUES_SET:
        return None  # no label read: only a risk assessment (S, K and their R) tells
    values = any(f in VALUES for f in out)
    control_hints = bool({"responsible", "frequency", "method"} & set(out))
    risks = "risk" in out and (values or "control" in out)
    controls = "control" in out and control_hints
    return out if risks or controls else None


def content_fields(
    fields: Sequence[str | None], labels: Sequence[str], columns: Sequence[Sequence[str]]
) -> list[str | None]:
    """Given a header's fields, its label texts and each column's body cell texts, the
    fields with each labelled column the vocabulary leaves unnamed named by what its cells
    hold:
    - values S, K, R (``value_roles``), only where a label names a field of risks or the
      cells hold S, K and their product or sum;
    - a frequency, an owner ("Enhetschef"), the decision on each risk (planned handling);
      dates are left out; a risk's assessment under its labels ("Sannolikhet: 3 /
      Konsekvens: 4 / Riskvärde: 12") its value, where no column names one;
    - of the columns of sentences, the first left of the values is the risk (where none is
      named), the one right after the risk its description (where none is named and no
      control is to be found), the next after the risk its control (where none is named, a
      frequency or method is, and no column of a risk analysis is: Befintliga kontroller,
      Hantering);
    - the first column, unnamed, counting the rows (``numbering``, ``counting``) left of a
      risk: the risks' numbers (a scan's turned "ID" read "2", or no label at all), which a
      plan after the analysis names its risks by."""
    kinds = [column_kind(column) for column in columns]
    unnamed = [i for i, f in enumerate(fields) if f is None and labels[i].strip()]
    out = list(fields)
    holding_values = [  # a column of values under no label: a scan lost its narrow label
        i for i, f in enumerate(fields) if f is None and kinds[i] == "value"
    ]
    roles = value_roles(fields, columns, holding_values)
    risky = bool(RISK_CORE & set(fields)) or assessed(roles, columns)
    for i, role in roles.items() if risky else ():
        out[i] = role
    for i in unnamed:
        if out[i] is not None:
            continue
        if kinds[i] == "frequency" and "frequency" not in out:
            out[i] = "frequency"
        elif kinds[i] == "owner" and not {"responsible", vocab.OWNER} & set(out):
            out[i] = "responsible"
        elif kinds[i] == "handling" and "planned_handling" not in out:
            out[i] = "planned_handling"
        elif kinds[i] == "date":
            out[i] = vocab.IGNORED
        elif kinds[i] == "assessment" and not VALUE_COLUMNS & set(out):
            out[i] = "risk_value"  # each cell split by its labels (S, K, R)
    values = [i for i, f in enumerate(out) if f in VALUES]
    texts = [i for i in unnamed if out[i] is None and kinds[i] == "text"]
    if risky and "risk" not in out and "process" not in out and texts and values and (
        texts[0] < values[0]
    ):
        out[texts.pop(0)] = "risk"
    control_hints = {"frequency", "method"} & set(out)  # an owner alone may be the risk's
    risk_at = out.index("risk") if "risk" in out else -1
    cause = risk_at + 1  # the sentences right of the risk: its cause, unless its control
    if risky and risk_at >= 0 and "description" not in out and cause in texts and (
        not control_hints or "control" in out
    ):
        out[cause] = "description"
        texts.remove(cause)
    if (
        out[0] is None
        and vocab.NUMBER not in out
        and "risk" in out[1:]
        and (kinds[0] == "numbering" or counting(columns[0]))
    ):
        out[0] = vocab.NUMBER  # the first column counts the risks under a label unread
    analysis = {"existing_controls", "planned_handling"} & set(out)  # a risk analysis' columns
    if "control" not in out and vocab.TITLE not in out and control_hints and not analysis:
        after = [i for i in texts if out[i] is None and i > risk_at]
        if after:
            out[after[0]] = "control"
    return out


KIND_FIELDS = {"owner": "responsible", "frequency": "frequency"}
# a unit named as a control's owner ("Ekonomienheten", "IT-avdelningen", "Kansliet")
UNIT = re.compile(
    r"(enhet|enheten|avdelning|avdelningen|kontor|kontoret|stab|staben|kansliet|forvaltning"
    r"|forvaltningen|funktion|funktionen|gruppen|teamet)$"
)
UNIT_WORDS = 3


def item_field(text: str) -> str | None:
    """Given one part of a control's trailing list ("(Ekonomichef, Månadsvis)": the table
    reader's item_parts and the running-text reader's owned_parts both ask), the field its
    words say it is: a frequency
    ("Månadsvis", "Två gånger per år", "Vid delårsbokslut"), a role ("Ekonomichef",
    "Medicinskt ansvarig sjuksköterska") or a unit ("Ekonomienheten") as the responsible;
    else None."""
    field = KIND_FIELDS.get(cell_kind(text))
    if field is None:
        folded = vocab.fold(text)
        if 0 < len(folded.split()) <= UNIT_WORDS and UNIT.search(folded):
            return "responsible"
    return field
