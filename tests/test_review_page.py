"""review.html end to end in real headless Chromium: open it on a corpus run, correct a value,
mark a row as not a risk, add a missed row, export corrections.csv, re-run with it and check
the dataset.  Also: text from PDFs is never run, and 5,000 rows stay fast (virtual list).

Needs Debian's ``chromium`` (installed by ``make test``); skipped, saying so, without it.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import time
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from cdp import CHROMIUM, Browser

from riskrad.cli import main
from riskrad.extract.crops import CropSettings, render_crops
from riskrad.model.records import BBox
from riskrad.review_page import render_review, review_data

ROOT = Path(__file__).resolve().parents[1]
PLAN = "Kalmar/2021/riskanalys_intern_kontrollplan_2021.pdf"
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="Debian's chromium is not installed (apt-get install -y chromium)"
)
HOSTILE = "<img src=x onerror=\"document.body.setAttribute('data-pwned',1)\"></script><b>x</b>"


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A corpus plan extracted: (input folder, output folder)."""
    base = tmp_path_factory.mktemp("review")
    source = base / "in"
    (source / PLAN).parent.mkdir(parents=True)
    shutil.copy(ROOT / "corpus" / PLAN, source / PLAN)
    out = base / "out"
    assert main(["extract", str(source), "--out", str(out)]) == 0
    return source, out


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_review_page_is_self_contained_and_linked(run: tuple[Path, Path]) -> None:
    _, out = run
    html = (out / "review.html").read_text("utf-8")
    parser = _Tags()
    parser.feed(html)
    for tag, attrs in parser.tags:
        assert tag not in {"link", "iframe", "object", "embed"}, tag
        for name in ("src", "href"):
            assert not re.match(r"^(https?:)?//", attrs.get(name) or ""), (tag, attrs)
    scripts = [a for t, a in parser.tags if t == "script"]
    assert [a.get("type") for a in scripts] == ["application/json", "application/json", None]
    assert re.search(r"data:image/(png|webp);base64,", html)
    assert "href='review.html'" in (out / "report.html").read_text("utf-8")


def test_cells_say_where_values_came_from(run: tuple[Path, Path]) -> None:
    _, out = run
    cells = pd.read_parquet(out / "cells.parquet")
    assert set(cells["source"].dropna()) == {"text"}
    assert cells["corrected_by"].isna().all()


def _hostile_page(tmp_path: Path, rows: int) -> Path:
    """A review page of ``rows`` synthetic risks on 250 page images (one hostile title)."""
    pdf = ROOT / "corpus" / PLAN
    crop = render_crops(pdf, [(3, BBox(0, 60, 1e6, 780))], CropSettings())[0]
    documents = [
        {"document_id": f"{d:016x}", "sha256": f"{d:064x}", "source_file": f"doc{d}.pdf"}
        for d in range(50)
    ]
    risks, cells = [], []
    for n in range(rows):
        document_id = f"{n % 50:016x}"
        page = 1 + (n // 50) % 5
        risk_id = f"{document_id}-r{n:05d}"
        title = HOSTILE if n == 0 else f"Risk för brister nummer {n} i hanteringen av ärenden"
        risks.append(
            {
                "risk_id": risk_id,
                "document_id": document_id,
                "page": page,
                "risk": title,
                "probability": 2,
                "consequence": 3,
                "risk_value": 6,
                "confidence": 0.5,
                "flags": None,
            }
        )
        top = 80 + (n % 20) * 30
        for field, raw, x0 in (("risk", title, 60), ("risk_value", "6", 400)):
            cells.append(
                {
                    "row_id": risk_id,
                    "document_id": document_id,
                    "field": field,
                    "page": page,
                    "raw": raw,
                    "x0": x0,
                    "top": top,
                    "x1": x0 + 250,
                    "bottom": top + 20,
                }
            )
    review = [
        {"row_id": r["risk_id"], "reason": "confidence 0.50 below 0.60", "table": "risks"}
        for r in risks
    ]
    crops = {(d["document_id"], p): crop for d in documents for p in range(1, 6)}
    data, images = review_data(documents, {"risks": risks}, cells, review, crops)
    path = tmp_path / "review.html"
    path.write_text(render_review(data, images), encoding="utf-8")
    return path


@needs_chromium
def test_pdf_text_never_runs_and_5000_rows_draw_fast(tmp_path: Path) -> None:
    page = _hostile_page(tmp_path, 5000)
    assert HOSTILE not in page.read_text("utf-8")
    browser = Browser(tmp_path / "profile")
    try:
        started = time.perf_counter()
        browser.open(page.as_uri())
        ready = browser.evaluate(
            "new Promise(r => { const t = () => document.body.dataset.ok ? "
            "r(Number(document.body.dataset.readyMs)) : setTimeout(t, 20); t(); })"
        )
        wall = time.perf_counter() - started
        assert browser.evaluate("document.body.dataset.error || ''") == ""
        assert browser.evaluate("document.body.dataset.pwned || ''") == ""
        assert browser.evaluate("document.querySelectorAll('#detail b, #list img').length") == 0
        title = browser.evaluate("document.querySelector('#detail table [name=risk]').value")
        assert title == HOSTILE  # shown as text, verbatim
        drawn = browser.evaluate("document.querySelectorAll('#list .item').length")
        assert 0 < drawn < 100  # a virtual list: 5,000 rows, only the visible ones drawn
        print(f"5000 rows: {page.stat().st_size / 1e6:.1f} MB, ready {ready} ms, wall {wall:.2f} s")
        # generous on a loaded test machine; bench/review_bench.py measures the 2 s target
        assert ready < 6000
        browser.key("End")  # no handler: nothing breaks
        for _ in range(3):
            browser.key("j")
        assert browser.evaluate("document.querySelector('#detail').dataset.row").endswith("r00003")
    finally:
        browser.close()


def _wait(browser: Browser, expression: str, timeout: float = 30) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = browser.evaluate(expression)
        if value:
            return value
        time.sleep(0.1)
    raise TimeoutError(expression)


@needs_chromium
def test_round_trip_from_page_to_dataset(run: tuple[Path, Path], tmp_path: Path) -> None:
    source, out = run
    risks = pd.read_parquet(out / "risks.parquet").set_index("risk_id")
    document_id = str(risks["document_id"].iloc[0])
    browser = Browser(tmp_path / "profile")
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    try:
        browser.allow_downloads(downloads)
        browser.open((out / "review.html").as_uri())
        _wait(browser, "document.body.dataset.ok")
        # every row of the document, on demand
        browser.evaluate(
            "(() => { const s = document.getElementById('mode'); s.value = 'doc:0';"
            " s.dispatchEvent(new Event('change')); })()"
        )
        first = browser.evaluate("document.querySelector('#detail').dataset.row")
        assert first == f"{document_id}-r001"
        assert browser.evaluate("document.querySelectorAll('#detail .crop img').length") == 1
        raw = browser.evaluate(
            "document.querySelector('#detail [name=risk]').closest('tr').lastChild.textContent"
        )
        assert raw and raw != "–"
        # correct one value of the first row
        browser.evaluate(
            "(() => { const i = document.querySelector('#detail input[name=probability]');"
            " i.value = '1'; i.dispatchEvent(new Event('change')); })()"
        )
        browser.key("j")
        assert browser.evaluate("document.querySelector('#detail').dataset.row").endswith("r002")
        browser.key("n")  # r002 is not a risk; the page moves on to r003
        assert browser.evaluate("document.querySelector('#detail').dataset.row").endswith("r003")
        browser.key("a")  # accept r003
        browser.evaluate(
            "(() => { const w = document.getElementById('who'); w.value = 'Revisor Test';"
            " w.dispatchEvent(new Event('change')); })()"
        )
        # add a missed row on page 2
        browser.evaluate("document.getElementById('add').click()")
        browser.evaluate(
            "(() => { document.getElementById('add-page').value = '2';"
            " document.querySelector('#add-fields input[name=risk]').value = 'Risk för jäv vid"
            " inköp'; document.querySelector('#add-fields input[name=risk_value]').value = '8';"
            " document.getElementById('add-save').click(); })()"
        )
        assert browser.evaluate("document.body.dataset.edits") == "4"
        assert browser.evaluate("document.querySelectorAll('#list .b-add').length") == 1
        # the work survives a reload (localStorage)
        browser.open((out / "review.html").as_uri())
        _wait(browser, "document.body.dataset.ok")
        assert browser.evaluate("document.body.dataset.edits") == "4"
        browser.evaluate("document.getElementById('export').click()")
        exported = downloads / "corrections.csv"
        deadline = time.monotonic() + 30
        while not exported.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert exported.exists(), list(downloads.iterdir())
    finally:
        browser.close()
    lines = list(csv.DictReader(io.StringIO(exported.read_text("utf-8-sig"))))
    actions = sorted((r["action"], r["field"]) for r in lines)
    assert actions == [
        ("accept", ""),
        ("add", "risk"),
        ("add", "risk_value"),
        ("not_risk", ""),
        ("set", "probability"),
    ]
    assert {r["corrected_by"] for r in lines} == {"Revisor Test"}

    again = tmp_path / "again"
    code = main(["extract", str(source), "--out", str(again), "--corrections", str(exported)])
    assert code == 0
    new = pd.read_parquet(again / "risks.parquet").set_index("risk_id")
    r001, r003 = f"{document_id}-r001", f"{document_id}-r003"
    assert new.loc[r001, "probability"] == 1 and new.loc[r001, "confidence"] == 1.0
    assert f"{document_id}-r002" not in new.index
    assert new.loc[r003, "confidence"] == 1.0
    added = new.loc[f"{document_id}-rm001"]
    assert (added["risk"], added["risk_value"], added["page"]) == ("Risk för jäv vid inköp", 8, 2)
    cells = pd.read_parquet(again / "cells.parquet")
    manual = cells[cells["source"] == "manual"]
    assert len(manual) == 3 and set(manual["corrected_by"]) == {"Revisor Test"}
    assert len(new) == len(risks)  # one removed, one added
    log = (again / "run.log").read_text("utf-8")
    assert "corrections: 5 applied, 0 orphaned" in log
    review = pd.read_parquet(again / "review.parquet")
    assert not set(review["row_id"]) & {r001, r003}


def test_page_images_json_is_what_json_dumps_writes() -> None:
    """The images block copies base64 data URLs unscanned; the text is json.dumps's own, and a
    MIME type that is not plain goes through json.dumps (escaped)."""
    import json

    from riskrad.review_page import DataUrl, _image_json, data_url

    plain = data_url("image/png", bytes(range(256)) * 3)
    odd = data_url('image/x"<b>', b"\x00\xff")
    assert type(plain) is DataUrl and type(odd) is str and plain.startswith("data:image/png;")
    images = {"0:1": [plain, 1.5, -0.0, 0.41667, 10, 20], "1:2": [odd, 1e-7], "2:3": [plain]}
    assert _image_json(images) == json.dumps(images, ensure_ascii=False, separators=(",", ":"))
