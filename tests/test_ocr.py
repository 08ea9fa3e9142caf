"""The OCR route on real PDFs: rendering, deskew, Tesseract words, cache, rulings, decisions.

Every PDF is built here with reportlab (and the English-model OCR layer with
``tesseract ... -l eng pdf``), so the tests need no files outside the repo.
"""

from __future__ import annotations

import io
import subprocess
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pdfplumber
import pytest
from pdfplumber.table import edges_to_intersections, intersections_to_cells
from PIL import Image, ImageFilter
from rapidfuzz.distance import Levenshtein
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import Frame, Paragraph, SimpleDocTemplate, Table, TableStyle

from riskrad.extract.image_rulings import find_rulings
from riskrad.extract.ocr import (
    OcrJob,
    OcrResult,
    cache_config,
    drop_ruling_artifacts,
    ocr_page_words,
    page_record,
    second_opinion_numbers,
    words_key,
)
from riskrad.extract.ocr_batch import OcrOutcome, run_ocr_jobs
from riskrad.extract.ocr_cache import ENV_CACHE_DIR, OcrCache, cache_key, default_cache_dir
from riskrad.extract.page_decision import decide_route, image_cover, measure_text_quality
from riskrad.extract.render import deskew, estimate_skew, render_page
from riskrad.model.records import BBox, PageDecision, Ruling, Word
from riskrad.model.settings import OcrSettings, TableSettings

DATA = Path(__file__).parent / "data" / "ocr_pages"


def only_results(outcomes: list[OcrOutcome]) -> list[OcrResult]:
    """Given OCR outcomes, the results, failing the test on any OCR failure."""
    assert all(isinstance(o, OcrResult) for o in outcomes), outcomes
    return [o for o in outcomes if isinstance(o, OcrResult)]


FONT_PATH = "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"
FONT = "RiskradOcrSans"
SCAN_DPI = 200
OCR_DPI = 300

pdfmetrics.registerFont(TTFont(FONT, FONT_PATH))


def prose_paragraphs() -> list[str]:
    """Given nothing, the Swedish test prose as paragraphs (first line is the title)."""
    return DATA.joinpath("swedish_prose.txt").read_text(encoding="utf-8").strip().split("\n")


def prose_text() -> str:
    """Given nothing, the Swedish test prose with whitespace collapsed."""
    return " ".join(" ".join(prose_paragraphs()).split())


def cer(hypothesis: str, reference: str) -> float:
    """Given two texts, the character error rate (edits / reference length), spaces collapsed."""
    hyp, ref = " ".join(hypothesis.split()), " ".join(reference.split())
    return Levenshtein.distance(ref, hyp) / max(len(ref), 1)


def build_prose_pdf(path: Path, paragraphs: list[str], *, compress: bool = True) -> bytes:
    """Given a path and paragraphs, write a one-page A4 text PDF of them and return its bytes."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, pageCompression=1 if compress else 0)
    style = ParagraphStyle("p", fontName=FONT, fontSize=11, leading=15, spaceAfter=8)
    frame = Frame(60, 60, A4[0] - 120, A4[1] - 120)
    frame.addFromList([Paragraph(p, style) for p in paragraphs], c)
    c.showPage()
    c.save()
    path.write_bytes(buf.getvalue())
    return buf.getvalue()


def scan(image: Image.Image, *, skew: float, seed: int = 7) -> Image.Image:
    """Given a clean page image, a scanner-like copy: skewed, blurred, noisy, JPEG-compressed."""
    rotated = image.rotate(skew, resample=Image.Resampling.BILINEAR, fillcolor=255)
    blurred = rotated.filter(ImageFilter.GaussianBlur(0.6))
    rng = np.random.default_rng(seed)
    arr = np.asarray(blurred, dtype=np.float32) * 0.92 + 10
    arr += rng.normal(0.0, 8.0, arr.shape)
    noisy = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), mode="L")
    out = io.BytesIO()
    noisy.save(out, format="JPEG", quality=70)
    return Image.open(io.BytesIO(out.getvalue())).convert("L")


def build_image_pdf(path: Path, image: Image.Image, *, stamp: str | None = None) -> None:
    """Given a path and a page image, write an image-only A4 PDF (optionally a text stamp)."""
    c = canvas.Canvas(str(path), pagesize=A4)
    c.drawImage(ImageReader(image), 0, 0, width=A4[0], height=A4[1])
    if stamp is not None:
        c.setFont(FONT, 9)
        c.drawString(A4[0] - 90, 30, stamp)
    c.showPage()
    c.save()


def build_eng_layer_pdf(path: Path, image: Image.Image, dpi: int) -> None:
    """Given a path and a scanned page image, write the PDF `tesseract -l eng pdf` makes of it."""
    png = path.with_suffix(".png")
    image.save(png, dpi=(dpi, dpi))
    subprocess.run(
        ["tesseract", str(png), str(path.with_suffix("")), "-l", "eng", "pdf"],
        check=True,
        capture_output=True,
    )


def build_table_pdf(path: Path, rows: int, cols: int) -> None:
    """Given a path and a grid size, write a one-page PDF with a fully ruled table.

    Row 1 is a section row spanning all columns, so the column lines of the
    one-line header row above it are short strokes of their own.
    """
    style = ParagraphStyle("c", fontName=FONT, fontSize=9, leading=11)
    head = ["Process", "Risk", "Riskvärde", "Kontrollmoment", "Ansvarig", "Frekvens"][:cols]
    section = ["Ekonomi", *[""] * (cols - 1)]
    body = [
        [Paragraph(f"{head[c]} rad {r}: åtgärd följs upp", style) for c in range(cols)]
        for r in range(2, rows)
    ]
    table = Table([head, section, *body], colWidths=[480 / cols] * cols)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.8, "black"),
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("SPAN", (0, 1), (-1, 1)),
                ("BACKGROUND", (0, 0), (-1, 0), "#dddddd"),
            ]
        )
    )
    heading = ParagraphStyle("h", fontName=FONT, fontSize=28, leading=34)
    story = [Paragraph("Intern kontroll l|l", heading), table]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)


@dataclass(frozen=True)
class Corpus:
    """The test PDFs, built once per module."""

    clean: Path
    scanned: Path
    eng_layer: Path
    broken_font: Path
    mojibake: Path
    stamped: Path
    table: Path
    skew: float


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """Given a temporary directory, the born-digital and damaged test PDFs."""
    root = tmp_path_factory.mktemp("ocr_corpus")
    paragraphs = prose_paragraphs()
    clean = root / "clean.pdf"
    data = build_prose_pdf(clean, paragraphs, compress=False)
    broken = root / "broken_font.pdf"
    assert data.count(b"/ToUnicode") >= 1
    broken.write_bytes(data.replace(b"/ToUnicode", b"/XoUnicode"))  # same length: xref stays valid
    mojibake = root / "mojibake.pdf"
    build_prose_pdf(mojibake, [p.encode("utf-8").decode("cp1252") for p in paragraphs])
    skew = 1.2
    scanned_image = scan(render_page(clean, 0, SCAN_DPI), skew=skew)
    scanned = root / "scanned.pdf"
    build_image_pdf(scanned, scanned_image)
    stamped = root / "stamped.pdf"
    build_image_pdf(stamped, scanned_image, stamp="Sida 3")
    eng_layer = root / "eng_layer.pdf"
    build_eng_layer_pdf(eng_layer, scanned_image, SCAN_DPI)
    table = root / "table.pdf"
    build_table_pdf(table, rows=5, cols=4)
    return Corpus(clean, scanned, eng_layer, broken, mojibake, stamped, table, skew)


def page_decision(pdf: Path) -> PageDecision:
    """Given a one-page PDF, the route decision from its text layer (read with pdfplumber)."""
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[0]
        text = page.extract_text() or ""
        boxes = [(im["x0"], im["top"], im["x1"], im["bottom"]) for im in page.images]
        cover = image_cover(boxes, width=float(page.width), height=float(page.height))
    return decide_route(measure_text_quality(text, image_cover=cover))


def test_born_digital_page_keeps_text_layer(corpus: Corpus) -> None:
    decision = page_decision(corpus.clean)
    assert decision.route == "text", decision.reason
    assert decision.quality.swedish_word_share > 0.9


def test_image_only_page_goes_to_ocr(corpus: Corpus) -> None:
    decision = page_decision(corpus.scanned)
    assert decision.route == "ocr"
    assert "no text layer" in decision.reason
    assert decision.quality.image_cover > 0.95


def test_english_model_ocr_layer_goes_to_ocr(corpus: Corpus) -> None:
    decision = page_decision(corpus.eng_layer)
    assert decision.route == "ocr", decision.reason
    assert decision.quality.words > 100


def test_font_without_unicode_map_goes_to_ocr(corpus: Corpus) -> None:
    with pdfplumber.open(corpus.broken_font) as doc:
        assert "(cid:" in (doc.pages[0].extract_text() or "")
    decision = page_decision(corpus.broken_font)
    assert decision.route == "ocr"
    assert "unmapped" in decision.reason


def test_mojibake_that_ftfy_repairs_keeps_text_layer(corpus: Corpus) -> None:
    decision = page_decision(corpus.mojibake)
    assert decision.route == "text", decision.reason
    assert decision.quality.mojibake_repairable
    assert "mojibake" in decision.reason


def test_scan_with_stamped_page_number_goes_to_ocr(corpus: Corpus) -> None:
    with pdfplumber.open(corpus.stamped) as doc:
        assert "Sida 3" in (doc.pages[0].extract_text() or "")
    decision = page_decision(corpus.stamped)
    assert decision.route == "ocr"
    assert "scanned page" in decision.reason


def test_deskew_finds_the_scan_angle(corpus: Corpus) -> None:
    image = render_page(corpus.scanned, 0, SCAN_DPI)
    assert image.mode == "L"
    assert estimate_skew(image) == pytest.approx(-corpus.skew, abs=0.15)
    straight, angle = deskew(image)
    assert angle == pytest.approx(-corpus.skew, abs=0.15)
    assert abs(estimate_skew(straight)) <= 0.1


@pytest.fixture(scope="module")
def reocr(corpus: Corpus) -> OcrResult:
    """Given the test PDFs, the Swedish re-OCR of the English-model OCR layer page (the scan)."""
    job = OcrJob(corpus.eng_layer, 0, OcrSettings(dpi=OCR_DPI, find_rulings=False), use_cache=False)
    return only_results(run_ocr_jobs([job], processes=1))[0]


def test_swedish_ocr_of_scanned_page_is_accurate(reocr: OcrResult, corpus: Corpus) -> None:
    text = " ".join(w.text for w in reocr.words)
    assert cer(text, prose_text()) <= 0.03
    assert reocr.skew_degrees == pytest.approx(-corpus.skew, abs=0.15)
    words = reocr.words
    assert all(w.origin == "ocr" and 0.0 <= w.confidence <= 1.0 for w in words)
    assert all(0 <= w.bbox.x0 < w.bbox.x1 <= reocr.width for w in words)
    assert all(0 <= w.bbox.top < w.bbox.bottom <= reocr.height for w in words)


def test_swedish_reocr_beats_english_layer(reocr: OcrResult, corpus: Corpus) -> None:
    with pdfplumber.open(corpus.eng_layer) as doc:
        eng_text = doc.pages[0].extract_text() or ""
    swe_text = " ".join(w.text for w in reocr.words)
    assert cer(swe_text, prose_text()) < cer(eng_text, prose_text())


def center_distance(a: BBox, b: BBox) -> float:
    """Given two boxes, the distance between their centres."""
    return float(np.hypot(a.xmid - b.xmid, a.ymid - b.ymid))


def test_ocr_boxes_land_on_text_layer_boxes(corpus: Corpus) -> None:
    with pdfplumber.open(corpus.clean) as doc:
        page = doc.pages[0]
        reference = [
            (w["text"], BBox(w["x0"], w["top"], w["x1"], w["bottom"])) for w in page.extract_words()
        ]
        size = (float(page.width), float(page.height))
    image = render_page(corpus.clean, 0, 200)
    words = ocr_page_words(image, page_width_pt=size[0], page_height_pt=size[1], dpi=200)
    by_text: dict[str, list[BBox]] = {}
    for text, box in reference:
        by_text.setdefault(text, []).append(box)
    distances = [
        min(center_distance(w.bbox, box) for box in by_text[w.text])
        for w in words
        if w.text in by_text
    ]
    assert len(distances) >= 0.9 * len(reference)
    assert float(np.median(distances)) < 1.5
    heights = [w.font_size for w in words]
    assert 6.0 < float(np.median(heights)) < 14.0


def test_cache_means_a_rerun_never_ocrs_twice(corpus: Corpus, tmp_path: Path) -> None:
    scan = OcrSettings(dpi=SCAN_DPI, find_rulings=False)
    jobs = [OcrJob(corpus.scanned, 0, scan, cache_dir=tmp_path)]
    first = only_results(run_ocr_jobs(jobs, processes=1))
    second = only_results(run_ocr_jobs(jobs, processes=1))
    assert not first[0].cached and second[0].cached
    assert first[0].words == second[0].words
    assert len(list(tmp_path.rglob("*.json"))) == 1
    assert not list(tmp_path.rglob("*.tmp"))


def test_cache_key_depends_on_image_and_settings() -> None:
    a = Image.new("L", (40, 30), 255)
    b = a.copy()
    b.putpixel((3, 4), 0)
    base = cache_key(a, dpi=300, lang="swe", version="5.3.0", config="--psm 3")
    assert base == cache_key(a.copy(), dpi=300, lang="swe", version="5.3.0", config="--psm 3")
    assert base != cache_key(b, dpi=300, lang="swe", version="5.3.0", config="--psm 3")
    assert base != cache_key(a, dpi=200, lang="swe", version="5.3.0", config="--psm 3")
    assert base != cache_key(a, dpi=300, lang="eng", version="5.3.0", config="--psm 3")
    assert base != cache_key(a, dpi=300, lang="swe", version="5.4.0", config="--psm 3")
    assert base != cache_key(a, dpi=300, lang="swe", version="5.3.0", config="--psm 6")


def test_cache_round_trips_words_and_honours_env(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_CACHE_DIR, str(tmp_path / "c"))
    assert default_cache_dir() == tmp_path / "c"
    store = OcrCache()
    words = (Word("Åtgärd", BBox(1.0, 2.0, 30.5, 12.25), "ocr", 0.93, 10.25),)
    assert store.get("ab" * 32) is None
    store.put("ab" * 32, words)
    assert store.get("ab" * 32) == words


def test_rulings_of_a_rendered_table_rebuild_its_cells(corpus: Corpus) -> None:
    with pdfplumber.open(corpus.table) as doc:
        page = doc.pages[0]
        vector_cells = page.find_tables()[0].cells
    image = scan(render_page(corpus.table, 0, SCAN_DPI), skew=0.0)
    rulings = find_rulings(image, dpi=SCAN_DPI)
    edges = [
        {
            "x0": r.x0,
            "x1": r.x1,
            "top": r.top,
            "bottom": r.bottom,
            "orientation": r.orientation,
            "width": r.x1 - r.x0,
            "height": r.bottom - r.top,
        }
        for r in rulings
    ]
    cells = intersections_to_cells(edges_to_intersections(edges, x_tolerance=3, y_tolerance=3))
    assert len(cells) == len(vector_cells) == 4 * 4 + 1
    for got, want in zip(sorted(cells), sorted(vector_cells), strict=True):
        assert got == pytest.approx(want, abs=2.0)


def test_prose_page_has_no_rulings(corpus: Corpus) -> None:
    assert find_rulings(render_page(corpus.clean, 0, SCAN_DPI), dpi=SCAN_DPI) == ()


def test_tall_letters_of_a_heading_are_not_rulings(corpus: Corpus) -> None:
    rulings = find_rulings(render_page(corpus.table, 0, SCAN_DPI), dpi=SCAN_DPI)
    with pdfplumber.open(corpus.table) as doc:
        table_top = min(float(e["top"]) for e in doc.pages[0].edges)
    assert all(r.top >= table_top - 2.0 for r in rulings)


def test_bars_read_from_rulings_are_dropped_or_trimmed() -> None:
    line = Ruling(100.0, 50.0, 100.0, 90.0)
    words = (
        Word("|", BBox(99.0, 60.0, 101.0, 70.0), "ocr", 0.5, 10.0),
        Word("|Frekvens", BBox(99.0, 60.0, 140.0, 70.0), "ocr", 0.9, 10.0),
        Word("Metod|", BBox(60.0, 60.0, 101.0, 70.0), "ocr", 0.9, 10.0),
        Word("|Frekvens", BBox(99.0, 95.0, 140.0, 105.0), "ocr", 0.9, 10.0),  # below the line
        Word("Ansvarig", BBox(110.0, 60.0, 140.0, 70.0), "ocr", 0.9, 10.0),
    )
    kept = drop_ruling_artifacts(words, (line,))
    assert [w.text for w in kept] == ["Frekvens", "Metod", "|Frekvens", "Ansvarig"]
    assert kept[0].bbox.x0 > 99.0 and kept[1].bbox.x1 < 101.0


def test_glyphs_a_cell_border_left_at_a_line_end_are_dropped() -> None:
    left, right = Ruling(100.0, 50.0, 100.0, 120.0), Ruling(200.0, 50.0, 200.0, 120.0)

    def word(text: str, x0: float, x1: float, top: float) -> Word:
        return Word(text, BBox(x0, top, x1, top + 10.0), "ocr", 0.9, 10.0)

    words = (
        word("=:Kontroll", 104.0, 140.0, 60.0),  # glued at the cell's start: cut
        word("av", 143.0, 150.0, 60.0),
        word("=", 170.0, 173.0, 60.0),  # last on its line in the cell: dropped
        word("per", 104.0, 120.0, 75.0),
        word("=", 125.0, 128.0, 75.0),  # between two words: kept
        word("R", 131.0, 135.0, 75.0),
        word("-Verksamhetsrisk", 104.0, 170.0, 90.0),
        word("och", 104.0, 120.0, 105.0),
        word(":Mynd", 125.0, 150.0, 105.0),  # not first on its line: kept
        word("-5", 104.0, 112.0, 108.0),
    )
    kept = drop_ruling_artifacts(words[:-1], (left, right))
    assert [w.text for w in kept] == [
        "Kontroll",
        "av",
        "per",
        "=",
        "R",
        "Verksamhetsrisk",
        "och",
        ":Mynd",
    ]
    assert kept[0].bbox.x0 > 104.0 and kept[0].bbox.x1 == 140.0
    assert [w.text for w in drop_ruling_artifacts(words[-1:], (left, right))] == ["-5"]
    assert drop_ruling_artifacts(words, ()) == words  # no rulings: no cells to judge


def test_ocr_jobs_run_in_a_pool_in_job_order(corpus: Corpus, tmp_path: Path) -> None:
    jobs = [
        OcrJob(corpus.table, 0, OcrSettings(dpi=SCAN_DPI), cache_dir=tmp_path),
        OcrJob(
            corpus.broken_font,
            0,
            OcrSettings(dpi=SCAN_DPI, find_rulings=False),
            cache_dir=tmp_path,
        ),
    ]
    results = only_results(run_ocr_jobs(jobs, processes=2))
    assert [r.pdf_path for r in results] == [corpus.table, corpus.broken_font]
    assert len(results[0].rulings) >= 12
    assert "|" not in {w.text for w in results[0].words}
    text = " ".join(w.text for w in results[1].words)
    assert "säkerställa" in text and "åtgärder" in text
    assert results[1].mean_confidence is not None and results[1].mean_confidence > 0.8
    decision = PageDecision(route="ocr", reason="test")
    record = page_record(results[1], decision)
    assert record.page == 1 and record.words == results[1].words
    assert record.ocr_confidence == results[1].mean_confidence


def test_ocr_job_validates_itself() -> None:
    with pytest.raises(ValueError, match="dpi"):
        OcrJob(Path("x.pdf"), 0, OcrSettings(dpi=10))
    with pytest.raises(ValueError, match="page_index"):
        OcrJob(Path("x.pdf"), -1)


def test_second_opinion_rereads_numbers_and_symbols(tmp_path: Path) -> None:
    pdf = tmp_path / "numbers.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    c.setFont(FONT, 12)
    c.drawString(72, 700, "Stickprov 5-10 % av fakturorna enligt 6 kap. 1 § KL")
    c.showPage()
    c.save()
    image = render_page(pdf, 0, OCR_DPI)
    words = ocr_page_words(image, page_width_pt=A4[0], page_height_pt=A4[1], dpi=OCR_DPI)
    # swe 5.3 reads this line as "5-10 90 av ... 6 kap. 1 8 KL"
    fixed = second_opinion_numbers(image, words, page_width_pt=A4[0], dpi=OCR_DPI)
    assert " ".join(w.text for w in fixed) == "Stickprov 5-10 % av fakturorna enligt 6 kap. 1 § KL"
    assert second_opinion_numbers(image, fixed, page_width_pt=A4[0], dpi=OCR_DPI) == fixed


def test_an_unwritable_cache_costs_the_cache_not_the_page(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", "utf-8")
    words = (Word("säkerställa", BBox(1, 2, 3, 4), origin="ocr", confidence=0.9),)
    store = OcrCache(blocker / "ocr")
    store.put("ab" * 32, words)  # must not raise
    assert store.get("ab" * 32) is None


def test_the_runs_table_settings_key_the_ocr_cache_only_when_they_differ() -> None:
    settings = OcrSettings()
    assert cache_config(settings, TableSettings()) == cache_config(settings)
    changed = cache_config(settings, TableSettings(snap_tolerance=4.0))
    assert changed != cache_config(settings) and "+tables:4,3,3,2.5" in changed
    no_cells = OcrSettings(read_cells=False)  # the cells are not read: the tables do not matter
    assert cache_config(no_cells, TableSettings(snap_tolerance=4.0)) == cache_config(no_cells)


def test_the_rulings_key_the_cached_words_when_cells_are_read() -> None:
    # the cached words hold the empty cells read between the rulings: a change of the line
    # search that leaves the cleaned image alone must not reuse cells read between old lines
    image = Image.new("L", (40, 30), 255)
    a = (Ruling(10.0, 5.0, 10.0, 25.0), Ruling(5.0, 10.0, 35.0, 10.0))
    b = (Ruling(10.0, 5.0, 10.0, 25.0), Ruling(5.0, 12.0, 35.0, 12.0))
    cells = OcrSettings()
    assert words_key(image, cells, None, a) == words_key(image.copy(), cells, None, a)
    assert words_key(image, cells, None, a) != words_key(image, cells, None, b)
    no_cells = OcrSettings(read_cells=False)  # no cells read: the rulings do not matter
    assert words_key(image, no_cells, None, a) == words_key(image, no_cells, None, b)
