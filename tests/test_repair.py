"""Data-driven tests of the Swedish repair chain (normalize.repair), ftfy style.

Cases live in tests/data/repair_cases*.tsv: 'fix' rows must become the expected text,
'keep' rows must stay unchanged, 'xfail' rows are known failures (strict xfail).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from riskrad.model.lexicon import load_lexicon
from riskrad.model.records import Cell, LayoutResult, RawControl, RawRisk
from riskrad.normalize.repair import (
    REPAIRS,
    Change,
    Repaired,
    apply_changes,
    candidates,
    explain,
    repair_text,
    replay,
)
from riskrad.normalize.repair.letters import LetterSettings
from riskrad.normalize.repair.lines import join_words_written_whole, words_written_whole
from riskrad.normalize.rows import map_rows

DATA = Path(__file__).parent / "data"


def load_cases() -> list[tuple[str, str, str, str]]:
    """Given the case files, return (kind, original, expected, note) rows."""
    rows: list[tuple[str, str, str, str]] = []
    for path in sorted(DATA.glob("repair_cases*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            kind, original, expected, note = line.split("\t")
            original = original.replace("\\n", "\n")
            expected = original if expected == "=" else expected.replace("\\n", "\n")
            rows.append((kind, original, expected, note))
    return rows


CASES = load_cases()


def case_params() -> list[object]:
    """Given the cases, return pytest params with strict xfail marks on known failures."""
    params: list[object] = []
    for kind, original, expected, note in CASES:
        marks = [pytest.mark.xfail(strict=True, reason=note)] if kind == "xfail" else []
        params.append(pytest.param(original, expected, id=f"{kind}:{note}", marks=marks))
    return params


@pytest.mark.parametrize(("original", "expected"), case_params())
def test_case(original: str, expected: str) -> None:
    assert repair_text(original).text == expected


@pytest.mark.parametrize(
    "expected", [e for k, _, e, _ in CASES if k == "fix"], ids=lambda e: e[:40]
)
def test_repaired_text_is_left_alone(expected: str) -> None:
    result = repair_text(expected)
    assert result.text == expected
    assert result.changes == ()


@pytest.mark.parametrize("original", [o for _, o, _, _ in CASES], ids=lambda o: o[:40])
def test_changes_replay_to_the_text(original: str) -> None:
    result = repair_text(original)
    assert replay(result.original, result.changes) == result.text
    assert result.original == original


def test_each_repair_replays_its_own_changes() -> None:
    text = "Ã…tgÃ¤rd: kompetens-\nförsörjning ar viktig for oss och pa sikt"
    for repair in REPAIRS:
        fixed, changes = repair.apply(text)
        assert apply_changes(text, changes) == fixed
        assert all(c.repair == repair.name for c in changes)
        text = fixed
    assert text == "Åtgärd: kompetensförsörjning är viktig för oss och på sikt"


def test_explain_lists_one_change_per_line() -> None:
    result = repair_text("Detta ar avgérande for att")
    lines = explain(result).splitlines()
    assert len(lines) == len(result.changes) == 3
    assert lines[0].startswith("letters\t6:8\t'ar' -> 'är'")


def test_explain_without_changes() -> None:
    assert explain(repair_text("Allt är rätt här.")) == "(no changes)"


def test_repairs_run_in_fixed_order() -> None:
    assert [r.name for r in REPAIRS] == ["unicode", "lines", "letters"]


def test_repaired_is_frozen() -> None:
    result = repair_text("pa")
    assert isinstance(result, Repaired)
    with pytest.raises(AttributeError):
        result.text = "x"  # type: ignore[misc]


def test_change_checks_its_span() -> None:
    with pytest.raises(ValueError, match="does not fit span"):
        Change(0, 3, "ab", "ab", "letters", 1.0)


def test_letter_settings_name_the_bad_value() -> None:
    with pytest.raises(ValueError, match="stay_clean"):
        LetterSettings(stay_clean=-1.0)


def test_stripped_paragraph_is_restored_whole() -> None:
    stripped = (
        "Namnden har ett ansvar for att den interna kontrollen ar tillracklig. "
        "Uppfoljningen gors tva ganger per ar och aterrapporteras till namnden."
    )
    assert repair_text(stripped).text == (
        "Nämnden har ett ansvar för att den interna kontrollen är tillräcklig. "
        "Uppföljningen görs två gånger per år och återrapporteras till nämnden."
    )


WRITTEN_WHOLE = frozenset({"lönehandläggare", "kvartalsvis", "förnya"})


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Lönehandl\näggare", "Lönehandläggare"),  # the document writes it whole elsewhere
        ("Lönehandläg\ngare", "Lönehandläggare"),
        ("Kvartals\nvis", "Kvartals\nvis"),  # both pieces words: only the line could tell
        ("Lönehandl\nare", "Lönehandl\nare"),  # not written whole in this document: left
        ("Löne\nHandläggare", "Löne\nHandläggare"),  # a capital starts anew
        ("Kvartals-\nvis", "Kvartals-\nvis"),  # a hyphen: the lines repair decides
    ],
)
def test_a_word_broken_in_a_narrow_cell_is_joined_where_the_document_writes_it_whole(
    text: str, want: str
) -> None:
    joined, changes = join_words_written_whole(text, WRITTEN_WHOLE)
    assert joined == want
    assert all(c.repair == "document_word" for c in changes)
    assert apply_changes(text, changes) == joined


def test_the_words_a_document_writes_whole_are_its_tokens_case_folded() -> None:
    whole = words_written_whole(["Kvartalsvis", "Lönehandl\näggare (HR)"])
    assert {"kvartalsvis", "lönehandl", "äggare", "hr"} == whole


def test_map_rows_joins_a_broken_word_the_document_writes_whole_in_another_row() -> None:
    controls = (
        RawControl({"control": Cell("Kontroll av lön", 1),
                    "responsible": Cell("Lönehandl\näggare", 1)}, 1, "test"),
        RawControl({"control": Cell("Kontroll av tid", 1),
                    "responsible": Cell("Lönehandläggare", 1)}, 1, "test"),
    )
    risk = RawRisk({"risk": Cell("Fel lön", 1)}, 1, "test", controls)
    mapped = map_rows(LayoutResult((risk,)), "d1", repair_text)
    assert [c.responsible for c in mapped.controls] == ["Lönehandläggare", "Lönehandläggare"]
    assert [(r.original, r.repair) for r in mapped.repairs if r.repair == "document_word"] == [
        ("Lönehandl\näggare", "document_word")]
    assert next(c.raw for c in mapped.cells if c.field == "responsible") == "Lönehandl\näggare"


def test_map_rows_reads_a_scale_steps_number_its_name_stands_for_in_the_document() -> None:
    # word_tab_stops tune 40 scans: the OCR dropped the thin "1" of "Mycket sällan (1)" in
    # one row; another row states it, so the name still tells (numeric 0.967 -> 1.000)
    def risk(title: str, s: str, k: str) -> RawRisk:
        cells = {"risk": Cell(title, 1), "probability": Cell(s, 1), "consequence": Cell(k, 1)}
        return RawRisk(cells, 1, "test", ())

    risks = (
        risk("Bristande uppföljning", "Mycket sällan ()", "Kännbar (3)"),
        risk("Felaktiga utbetalningar", "Mycket sällan (1)", "Lindrig (2)"),
        risk("Oegentligheter", "Ibland", "Lindrig"),  # "Ibland" stated nowhere with a number
        risk("Jäv", "Sällan (2)", "Kännbar"),
        risk("Gallring", "Sällan (4)", "Kännbar (3)"),  # "Sällan" stated as 2 and 4: no number
        risk("Brister", "Sällan", "Kännbar (3)"),
    )
    mapped = map_rows(LayoutResult(risks), "d1", repair_text)
    assert [(r.probability, r.consequence) for r in mapped.risks] == [
        (1, 3), (1, 2), (None, 2), (2, 3), (4, 3), (None, 3)
    ]


def _python_source(module: ModuleType) -> ModuleType:
    """Given a repair module (compiled or not), a fresh copy run from its Python source."""
    path = Path(__file__).resolve().parent.parent.joinpath(*module.__name__.split(".")[:-1])
    spec = importlib.util.spec_from_file_location(
        f"{module.__name__}_source", path / f"{module.__name__.rpartition('.')[2]}.py"
    )
    assert spec is not None and spec.loader is not None
    copy = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(copy)
    return copy


def test_the_compound_split_is_the_same_without_its_end_bound(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The split tries no part after the last start of a fitting final part: every
    variant of these words splits alike when the split tries every start."""
    words = ["atgardsplanen", "forvaltningsberattelse", "internkontrollplanen", "riskbedomning",
             "uppf6ljningsrapporten", "verksamhetsplaneringen", "fardigstallande", "kravstallda",
             "dokumenthanteringsplan", "ekonomiavdelningens", "xqzvwplanering", "administrationen",
             "bestallningsrutinerna", "Upphandlingsf0rfarandet", "arbetsmiljdarbete"]
    lexicon = load_lexicon()
    source = _python_source(candidates)  # the bound is replaced by name: not so when compiled
    variants = [v for word in words for v in source.read_variants(word)]
    bounded = [source.split_compound(lexicon, v) for v in variants]
    monkeypatch.setattr(source, "_last_final_start", lambda _lex, skel, _allowed: len(skel) - 1)
    assert [source.split_compound(lexicon, v) for v in variants] == bounded
    found = sum(split is not None for split in bounded)
    assert found >= 10 and len(bounded) - found >= 10, (found, len(bounded))


def test_the_walk_by_recursion_reads_as_the_walk_by_list(monkeypatch: pytest.MonkeyPatch) -> None:
    """A token's readings walked by recursion (the default) are the list walk's, in its
    order, also where the walk stops at MAX_VARIANTS * 4 + 1 readings."""
    tokens = ["kommunen", "uppföljning", "f6r", "Upphandlingsf0rfarandet", "ÅTGÄRDSPLAN",
              "iPad", "midi", "dimwidimwidimwi", "é" * 8, "é" * 150, "Od1ing", "m&l|a"]
    recursive = [candidates._walk_readings(token) for token in tokens]
    source = _python_source(candidates)
    monkeypatch.setattr(source, "MAX_WALK_DEPTH", -1)  # every token walked by list
    assert [source._walk_readings(token) for token in tokens] == recursive
    assert max(len(readings) for readings in recursive) == candidates.MAX_VARIANTS * 4 + 1
