"""Municipality table, name lookup and document metadata (cases: tests/data/metadata_cases.json)."""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from riskrad.normalize.metadata import (
    DOCUMENT_TYPES,
    DocumentMetadata,
    MetadataSettings,
    detect_metadata,
    find_organs,
    normalise_organ,
    years_in,
)
from riskrad.normalize.municipalities import all_municipalities, by_code, fold, lookup

HERE = Path(__file__).parent
CASES: dict[str, Any] = json.loads((HERE / "data" / "metadata_cases.json").read_text("utf-8"))
# Seed texts: 001 and 002 in tests/data/seeds, 000/003/004 are the corpus builder's sources
# (byte-identical copies; see tests/data/seeds/README.md).
SEED_DIRS = (HERE / "data" / "seeds", HERE.parent / "corpus" / "sources")
FIELDS = ("municipality", "municipality_code", "organ", "year", "document_type")

# SCB: county code -> (county name, number of municipalities)
COUNTIES = {
    "01": ("Stockholms län", 26),
    "03": ("Uppsala län", 8),
    "04": ("Södermanlands län", 9),
    "05": ("Östergötlands län", 13),
    "06": ("Jönköpings län", 13),
    "07": ("Kronobergs län", 8),
    "08": ("Kalmar län", 12),
    "09": ("Gotlands län", 1),
    "10": ("Blekinge län", 5),
    "12": ("Skåne län", 33),
    "13": ("Hallands län", 6),
    "14": ("Västra Götalands län", 49),
    "17": ("Värmlands län", 16),
    "18": ("Örebro län", 12),
    "19": ("Västmanlands län", 10),
    "20": ("Dalarnas län", 15),
    "21": ("Gävleborgs län", 10),
    "22": ("Västernorrlands län", 7),
    "23": ("Jämtlands län", 8),
    "24": ("Västerbottens län", 15),
    "25": ("Norrbottens län", 14),
}


# ---------------------------------------------------------------- the table


def test_table_has_290_unique_municipalities() -> None:
    rows = all_municipalities()
    assert len(rows) == 290
    assert len({m.code for m in rows}) == 290
    assert len({m.name for m in rows}) == 290
    assert all(len(m.code) == 4 and m.code.isdigit() for m in rows)


def test_table_counties_match_scb() -> None:
    rows = all_municipalities()
    assert Counter(m.county_code for m in rows) == {c: n for c, (_, n) in COUNTIES.items()}
    for m in rows:
        assert m.county == COUNTIES[m.county_code][0], m
        assert m.code.startswith(m.county_code)


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("0880", "Kalmar"),
        ("0188", "Norrtälje"),
        ("0180", "Stockholm"),
        ("1480", "Göteborg"),
        ("1280", "Malmö"),
        ("0380", "Uppsala"),
        ("2480", "Umeå"),
        ("0114", "Upplands Väsby"),
        ("0980", "Gotland"),
    ],
)
def test_table_known_codes(code: str, name: str) -> None:
    found = by_code(code)
    assert found is not None and found.name == name


# ---------------------------------------------------------------- lookup


@pytest.mark.parametrize("case", CASES["lookup"], ids=lambda c: repr(c["name"]))
def test_lookup_cases(case: dict[str, Any]) -> None:
    found = lookup(case["name"])
    assert (found.code if found else None) == case["code"]


def test_lookup_every_name_in_its_document_forms() -> None:
    folded = Counter(fold(m.name) for m in all_municipalities())
    for m in all_municipalities():
        forms = [m.name, m.name.upper(), f"{m.name} kommun", f"{m.name} Stad"]
        if not m.name.endswith("s"):
            forms += [f"{m.name}s kommun", f"{m.name}s stad"]
        if folded[fold(m.name)] == 1:
            forms.append(fold(m.name))  # diacritics stripped, as from an English-model OCR
        for form in forms:
            assert lookup(form) == m, form


def test_every_name_found_in_a_letterhead() -> None:
    for m in all_municipalities():
        text = f"{m.name} kommun\n\nInternkontrollplan 2024\n\nKommunstyrelsen\n"
        result = detect_metadata(text, "x.pdf")
        assert (result.municipality, result.municipality_code) == (m.name, m.code)


# ---------------------------------------------------------------- documents


def seed_path(seed: str) -> Path:
    """Given a seed number ('003'), the repository's copy of its text; fails when missing."""
    names = (f"{seed}_*.txt", f"seed_{seed}_*.txt")
    paths = [p for d in SEED_DIRS for name in names for p in d.glob(name)]
    assert len(paths) == 1, f"seed {seed}: want one text under {SEED_DIRS}, found {paths}"
    return paths[0]


def test_every_seed_is_in_the_repository() -> None:
    """Given the seed README's checksums, each seed text is present and unchanged."""
    readme = (HERE / "data" / "seeds" / "README.md").read_text("utf-8")
    sums = dict(re.findall(r"^ {4}(\d{3})_\S+\.txt {2}([0-9a-f]{16})$", readme, re.M))
    assert sorted(sums) == ["000", "001", "002", "003", "004"]
    for seed, digest in sums.items():
        assert hashlib.sha256(seed_path(seed).read_bytes()).hexdigest()[:16] == digest, seed


def case_text(case: dict[str, Any]) -> str:
    """Given a document case, its text: a seed (squeezed, cut if asked) or its lines, damaged
    as asked."""
    if "seed" in case:
        text = seed_path(case["seed"]).read_text("utf-8")
        if case.get("squeeze"):
            text = re.sub(r"\n\s*\n+", "\n", text)
        text = text[: case["chars"]] if "chars" in case else text
    else:
        text = "\n".join(case["lines"])
    return DAMAGE[case.get("damage", "none")](text)


def strip_diacritics(text: str) -> str:
    """Given a text, it without diacritics (what an English OCR model often reads)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


ENGLISH_OCR_READINGS = {
    "ä": "aé&d",
    "ö": "oé6d",
    "å": "a4",
    "Ä": "A",
    "Ö": "O6",
    "Å": "A",
}


def english_ocr(text: str) -> str:
    """Given a text, å/ä/ö replaced in turn by the readings an English OCR model gives them
    (the seeds show "Norrtélje", "I6pande", "&r", "p4", "stdd")."""
    turns = {char: itertools.cycle(readings) for char, readings in ENGLISH_OCR_READINGS.items()}
    return "".join(next(turns[c]) if c in turns else c for c in text)


DAMAGE: dict[str, Callable[[str], str]] = {
    "none": lambda text: text,
    "strip": strip_diacritics,
    "english_ocr": english_ocr,
}


def document_params() -> list[Any]:
    """Given the document cases, pytest params (known failures as strict xfail)."""
    params = []
    for case in CASES["documents"]:
        marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if "xfail" in case else []
        params.append(pytest.param(case, id=case["id"], marks=marks))
    return params


@pytest.mark.parametrize("case", document_params())
def test_document_cases(case: dict[str, Any]) -> None:
    assert set(case["expect"]) == set(FIELDS), "a case names all five fields"
    result = detect_metadata(case_text(case), case["path"])
    got = {name: getattr(result, name) for name in FIELDS}
    assert got == case["expect"], result.evidence
    for name, prefix in case.get("evidence", {}).items():
        assert result.evidence[name].startswith(prefix), result.evidence


# Variants whose text layer is usable as it is (the others need OCR or repair first).
TEXT_LAYER_VARIANTS = frozenset({"born_digital", "eng_ocr_layer"})


def corpus_params() -> list[Any]:
    """Given the sample corpus, one param per PDF with a usable text layer and expectations."""
    corpus = HERE.parent / "corpus"
    params = []
    for expected in sorted(corpus.rglob("*.expected.json")):
        data = json.loads(expected.read_text("utf-8"))
        pdf = expected.with_name(expected.name.replace(".expected.json", ".pdf"))
        if data.get("variant") in TEXT_LAYER_VARIANTS and pdf.exists():
            rel = pdf.relative_to(corpus).as_posix()
            params.append(pytest.param(pdf, rel, data["document"], id=rel))
    assert params, f"no corpus PDFs with expectations under {corpus}"
    return params


@pytest.mark.parametrize(("pdf", "rel", "document"), corpus_params())
def test_corpus_first_pages(pdf: Path, rel: str, document: dict[str, Any]) -> None:
    """The text layer of a corpus PDF's first three pages gives its expected document fields."""
    with pdfplumber.open(pdf) as opened:
        text = "\n".join(page.extract_text() or "" for page in opened.pages[:3])
    result = detect_metadata(text, rel)
    got = {name: getattr(result, name) for name in FIELDS}
    assert got == {name: document[name] for name in FIELDS}, result.evidence


def test_evidence_for_every_field() -> None:
    result = detect_metadata("Malmö stad\n\nInternkontrollrapport 2024\n\nSocialnämnden", "a.pdf")
    assert set(result.evidence) == {"municipality", "organ", "year", "document_type"}
    assert all(result.evidence.values())
    assert result.document_type in DOCUMENT_TYPES


def test_result_is_frozen() -> None:
    result = detect_metadata("Internkontrollplan 2024", "a.pdf")
    assert isinstance(result, DocumentMetadata)
    with pytest.raises(AttributeError):
        result.year = 2020  # type: ignore[misc]


# ---------------------------------------------------------------- parts


@pytest.mark.parametrize(
    ("raw", "organ"),
    [
        ("Kommunstyrelsens", "Kommunstyrelsen"),
        ("KOMMUNSTYRELSEN", "Kommunstyrelsen"),
        ("kommunstyrelsens arbetsutskott", "Kommunstyrelsens arbetsutskott"),
        ("Kommunfullmäktiges", "Kommunfullmäktige"),
        ("barn- och utbildningsnämndens", "Barn- och utbildningsnämnden"),
        ("Barn-och utbildningsnämnden", "Barn- och utbildningsnämnden"),
        ("ARBETSMARKNADSNÄMNDEN", "Arbetsmarknadsnämnden"),
        ("Samhallsbyggnadsnamnden", "Samhällsbyggnadsnämnden"),
        ("Socialnämndens individutskott", "Socialnämndens individutskott"),
        ("sociala nämnden", "Sociala nämnden"),
        ("Gymnasienämndens", "Gymnasienämnden"),
        ("Samhéllsbyggnadsnamnden", "Samhällsbyggnadsnämnden"),
        ("Milj6- och byggnadsndmnden", "Miljö- och byggnadsnämnden"),
        ("Overférmyndarnamndens", "Överförmyndarnämnden"),
        ("Kultur- och fritidsnämndens arbetsutskott", "Kultur- och fritidsnämndens arbetsutskott"),
        ("Regionstyrelsens", "Regionstyrelsen"),
    ],
)
def test_organ_normalised(raw: str, organ: str) -> None:
    assert [m.organ for m in find_organs(raw)] == [organ]


@pytest.mark.parametrize(
    "text",
    [
        "nämnden",
        "Nämndens bruttolista",
        "facknämnden",
        "kommunstyrelsekontoret",
        "kommunallagen",
        "nämnderna",
        "den kommunala nämnden",
        "Kommunen",
    ],
)
def test_organ_not_found(text: str) -> None:
    assert find_organs(text) == []


def test_normalise_organ_keeps_unknown_names() -> None:
    assert normalise_organ("krisledningsnämndens") == "Krisledningsnämnden"


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("Internkontrollplan 2023", [2023]),
        ("Internkontrollplan 2024–2025", [2024]),
        ("Internkontrollplan 2024-2025", [2024]),
        ("möte 2019-12-17", []),
        ("KS 2019/1222", []),
        ("diarienummer KS 2024-1528", []),
        ("17.12.2019", []),
        ("1 200 kronor och 3000 timmar", []),
        ("år 1850 och 2150", []),
    ],
)
def test_years_in(text: str, years: list[int]) -> None:
    assert [y for _, y in years_in(text, MetadataSettings())] == years


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("head_lines", 0),
        ("head_weight", -1),
        ("full_line_share", 1.5),
        ("min_year", 2100),
    ],
)
def test_settings_name_the_bad_value(field: str, value: object) -> None:
    with pytest.raises(ValueError, match=field) as raised:
        MetadataSettings(**{field: value})  # type: ignore[arg-type]
    assert repr(value) in str(raised.value)


COMPANY_PLAN = """MÖLNDAL ENERGI AB
Internkontrollplan 2025 för Mölndal Energi AB
{board}
Ett bolag i Mölndals kommunkoncern
Antagen av styrelsen 2024-12-11, § 24
Enligt ägardirektivet ska bolaget årligen rapportera sin interna kontroll till
kommunstyrelsen som en del av uppsiktsplikten.
"""


@pytest.mark.parametrize("board", ["Styrelsen för Mölndal Energi AB", ""])
def test_a_company_plan_is_its_boards(board: str) -> None:
    # round 22's company_board_plan: the board named under the title, or only "Antagen av
    # styrelsen" with the company in the title; the municipality's board, mentioned once
    # in a sentence, is not the organ
    from riskrad.normalize.organs import canonical_organ

    result = detect_metadata(COMPANY_PLAN.format(board=board), "x.pdf")
    assert result.organ == "Styrelsen för Mölndal Energi AB"
    found = canonical_organ(result.organ)
    assert found is not None and found.organ_type == "styrelse"
