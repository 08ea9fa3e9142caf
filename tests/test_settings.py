"""The settings tree: validation naming the bad value, run.json round trip, fingerprint."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import make_risk_table_pdf

from riskrad.cli import main
from riskrad.model.settings import (
    BlockSettings,
    DecisionSettings,
    LetterSettings,
    OcrSettings,
    RunSettings,
    TableSettings,
    TextLayerSettings,
    UnruledSettings,
)


@pytest.mark.parametrize(
    ("make", "name", "value"),
    [
        (lambda v: OcrSettings(dpi=v), "OcrSettings.dpi", 20),
        (lambda v: OcrSettings(psm=v), "OcrSettings.psm", 14),
        (lambda v: OcrSettings(lang=v), "OcrSettings.lang", ""),
        (lambda v: OcrSettings(straighten=v), "OcrSettings.straighten", 1),
        (lambda v: TableSettings(snap_tolerance=v), "TableSettings.snap_tolerance", -1.0),
        (lambda v: TableSettings(join_tolerance=v), "TableSettings.join_tolerance", "3"),
        (lambda v: TextLayerSettings(word_gap=v), "TextLayerSettings.word_gap", float("nan")),
        (lambda v: TextLayerSettings(bold_weight=v), "TextLayerSettings.bold_weight", 600.5),
        (lambda v: TextLayerSettings(bold_markers=v), "TextLayerSettings.bold_markers", "bold"),
        (lambda v: BlockSettings(paragraph_gap=v), "BlockSettings.paragraph_gap", -0.1),
        (lambda v: UnruledSettings(min_named=v), "UnruledSettings.min_named", 0),
        (lambda v: RunSettings(jobs=v), "RunSettings.jobs", 0),
        (lambda v: RunSettings(ocr=v), "RunSettings.ocr", TableSettings()),
    ],
)
def test_a_bad_value_is_named(make: object, name: str, value: object) -> None:
    with pytest.raises(ValueError, match=name.replace(".", r"\.")) as raised:
        make(value)  # type: ignore[operator]
    assert repr(value) in str(raised.value)


def test_the_tree_round_trips_through_json() -> None:
    settings = RunSettings(
        jobs=3,
        ocr=OcrSettings(dpi=200, second_opinion=False),
        tables=TableSettings(snap_tolerance=4.0),
        text_layer=TextLayerSettings(bold_markers=("bold",)),
        decision=DecisionSettings(min_words_on_scan=10),
        letters=LetterSettings(stay_clean=2.0),
    )
    data = json.loads(json.dumps(settings.to_dict()))
    assert RunSettings.from_dict(data) == settings
    assert data["ocr"]["dpi"] == 200 and data["text_layer"]["bold_markers"] == ["bold"]
    assert set(data) >= {"decision", "ocr", "tables", "text_layer", "recognizer", "letters"}


def test_from_dict_rejects_unknown_and_bad_settings() -> None:
    with pytest.raises(ValueError, match="'colour'"):
        RunSettings.from_dict({"colour": 1})
    with pytest.raises(ValueError, match="OcrSettings has no setting 'dpix'"):
        RunSettings.from_dict({"ocr": {"dpix": 300}})
    with pytest.raises(ValueError, match=r"OcrSettings\.dpi"):
        RunSettings.from_dict({"ocr": {"dpi": 5000}})


def test_fingerprint_follows_results_not_run_options() -> None:
    base = RunSettings().fingerprint()
    assert len(base) == 64 and base == RunSettings().fingerprint()
    assert RunSettings(jobs=4, use_cache=False).fingerprint() == base
    changed = [
        RunSettings(ocr=OcrSettings(dpi=200)),
        RunSettings(tables=TableSettings(boundary_tolerance=3.0)),
        RunSettings(decision=DecisionSettings(max_suspect_share=0.1)),
        RunSettings(letters=LetterSettings(stay_clean=3.0)),
        RunSettings(blocks=BlockSettings(margin_share=0.1)),
        RunSettings(unruled=UnruledSettings(min_named=4)),
    ]
    prints = {s.fingerprint() for s in changed}
    assert base not in prints and len(prints) == len(changed)


def test_run_json_carries_the_settings(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    make_risk_table_pdf(folder / "plan.pdf")
    out = tmp_path / "out"
    assert main(["extract", str(folder), "--out", str(out), "--dpi", "200"]) == 0
    manifest = json.loads((out / "run.json").read_text("utf-8"))
    settings = RunSettings.from_dict(manifest["settings"])
    assert settings.ocr.dpi == 200
    assert manifest["settings_fingerprint"] == settings.fingerprint()


def test_cli_names_a_bad_dpi(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(tmp_path), "--out", str(tmp_path / "o"), "--dpi", "20"]) == 2
    assert "OcrSettings.dpi" in capsys.readouterr().err
