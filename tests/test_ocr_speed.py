"""The OCR job's image steps made cheaper without changing what they find: lone marks picked
by their size in one array step, a band's words found by their middles in arrays, masks made
as bytes, a page without dark fills not labelled for them, no skew angle rotated twice, a colour
render not copied twice, the text beside a vertical counted for all its rows at once, rows'
percentiles and a median from sorted rows and level counts, components labelled in 16 bits,
a page's grey array kept on its image. Each is checked against the rule it stands for,
restated here plainly (or numpy's and OpenCV's own answer), on a real scanned page."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt
import pytest
from conftest import scanned_image
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from riskrad.extract.cell_ocr import (
    INK_LEVEL,
    MARK_MAX_PT,
    MARK_MIN_PT,
    MARK_WIDTH_PT,
    MIN_INK_PIXELS,
    _mark_sized,
    lone_marks,
)
from riskrad.extract.image_rulings import components, grey_array, keep_grey
from riskrad.extract.line_reread import _box, _middles, _word_rows
from riskrad.extract.ocr import ocr_page_words, tesseract_config, tesseract_table
from riskrad.extract.render import (
    _COARSE_STEP,
    _FINE_STEP,
    MAX_SKEW_DEGREES,
    _best_angle,
    _ink_mask,
    _profile_score,
    _render,
    opened_page,
)
from riskrad.extract.scan_image import (
    TEXT_BESIDE_INCHES,
    _boxed,
    _row_percentiles,
    _Sizes,
    _text_beside,
    clean_for_ocr,
    dark_fills,
    median_level,
    page_lines,
)

ROWS = [
    ("Process", "Risk", "S", "K", "R"),
    ("Upphandling", "Felaktig direktupphandling", "3", "4", "12"),
    ("Lön", "Utbetalning till fel person", "2", "4", "8"),
]


@pytest.fixture(scope="module")
def scan(tmp_path_factory: pytest.TempPathFactory) -> Image.Image:
    """Given nothing, a grey "scan" (300 dpi, blurred, JPEG) of a small table without lines,
    with lone digits Tesseract's page read may drop, under a line of prose."""
    pdf = tmp_path_factory.mktemp("scan") / "table.pdf"
    c = canvas.Canvas(str(pdf), pagesize=(A4[0], A4[1] / 3), invariant=1)
    c.setFont("Helvetica", 10)
    c.drawString(40, A4[1] / 3 - 40, "Riskanalys för kommunstyrelsen, antagen av nämnden")
    for r, row in enumerate(ROWS):
        for x, text in zip((40, 140, 330, 370, 410), row, strict=True):
            c.drawString(x, A4[1] / 3 - 80 - 24 * r, text)
    c.showPage()
    c.save()
    return scanned_image(pdf, 0.3)


def test_marks_are_picked_by_size_as_one_component_at_a_time_picks_them(scan: Image.Image) -> None:
    scale = 300 / 72
    ink = np.where(np.asarray(scan) < INK_LEVEL, 255, 0).astype(np.uint8)
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    low, high, wide = MARK_MIN_PT * scale, MARK_MAX_PT * scale, MARK_WIDTH_PT * scale
    plain = []
    for i in range(1, count):
        x, y, w, h, area = (int(v) for v in stats[i])
        if not low <= h <= high or w > wide or area < MIN_INK_PIXELS:
            continue
        plain.append([x, y, w, h])
    assert plain and _mark_sized(stats[1:], scale).tolist() == plain
    # a 0/1 mask has the components of a 0/255 one
    ones = cv2.connectedComponentsWithStats((np.asarray(scan) < INK_LEVEL).astype(np.uint8), 8)
    assert np.array_equal(ones[2], stats)


def test_lone_marks_are_the_marks_no_word_read_covers(scan: Image.Image) -> None:
    width = scan.width * 72 / 300
    words = ocr_page_words(scan, page_width_pt=width, page_height_pt=scan.height * 72 / 300)
    marks = lone_marks(scan, words, 300 / 72)
    for mark in marks:  # no word's box holds a lone mark's middle
        assert not any(
            w.bbox.x0 <= mark.xmid <= w.bbox.x1 and w.bbox.top <= mark.ymid <= w.bbox.bottom
            for w in words
        )
    assert lone_marks(scan, (), 300 / 72)  # with no word read, every digit is a lone mark


def test_a_bands_words_are_those_whose_middle_is_in_its_crop(scan: Image.Image) -> None:
    data = tesseract_table(scan, "swe", tesseract_config(300))
    every = _word_rows(data)
    middles = _middles(data, every)
    for top, bottom, left, right in ((300, 420, 0, 900), (0, scan.height, 500, 1800), (5, 6, 0, 9)):
        found = [every[k] for k in middles.across(middles.in_band(top, bottom), left, right)]
        plain = []
        for i in every:
            x0, y0, x1, y1 = _box(data, i)
            if left <= (x0 + x1) / 2 < right and top <= (y0 + y1) / 2 < bottom:
                plain.append(i)
        assert found == plain
    assert len(every) > 10


def test_a_page_without_dark_fills_is_not_labelled_for_them(scan: Image.Image) -> None:
    grey = np.asarray(scan.resize((scan.width // 2, scan.height // 2)), dtype=np.uint8)
    fills = dark_fills(grey, 150)
    assert not fills.any()
    empty = np.zeros((40, 60), dtype=np.uint8)
    boxed = _boxed(empty, empty)
    assert boxed is not empty and not boxed.any()
    # and a dark band with a letter's hole in it still becomes its whole box
    band = empty.copy()
    band[10:20, 5:50] = 255
    band[14, 10:20] = 0
    assert _boxed(band, band)[10:20, 5:50].all()


def test_a_grey_image_is_read_as_its_own_levels(tmp_path: Path) -> None:
    image = Image.linear_gradient("L").resize((64, 32))
    assert np.array_equal(grey_array(image), np.asarray(image.convert("L")))
    rgb = Image.merge("RGB", (image, image.rotate(90), image.rotate(180)))
    assert np.array_equal(grey_array(rgb), np.asarray(rgb.convert("L")))
    assert grey_array(image).dtype == np.uint8


def test_the_fine_skew_search_rotates_no_angle_the_coarse_one_tried(scan: Image.Image) -> None:
    skewed = scan.rotate(1.1, fillcolor=255)
    mask = _ink_mask(grey_array(skewed.resize((600, skewed.height * 600 // skewed.width))))
    known: dict[float, float] = {}
    coarse = _best_angle(mask, 0.0, MAX_SKEW_DEGREES, _COARSE_STEP, known)
    tried = len(known)
    fine = _best_angle(mask, coarse, _COARSE_STEP, _FINE_STEP, known)
    assert tried == 25 and len(known) == tried + 8  # its middle and both ends were coarse angles
    plain = [coarse + i * _FINE_STEP for i in range(-5, 6)]
    assert fine == plain[int(np.argmax([_profile_score(mask, a) for a in plain]))]
    assert abs(fine + 1.4) <= 0.1  # the turn back of 1.1 degrees and the scan's own 0.3


def test_a_colour_render_is_pdfiums_pixels_in_rgb(tmp_path: Path) -> None:
    pdf = tmp_path / "colour.pdf"
    c = canvas.Canvas(str(pdf), pagesize=(200, 100), invariant=1)
    c.setFillColorRGB(0.9, 0.2, 0.1)
    c.rect(20, 20, 80, 40, fill=1, stroke=0)
    c.setFillColorRGB(0.1, 0.3, 0.9)
    c.drawString(110, 40, "Hög")
    c.showPage()
    c.save()
    image, width, height = _render(pdf, 0, 144, grayscale=False)
    with opened_page(pdf, 0) as page:
        bitmap = page.render(scale=2.0, grayscale=False)
        bgr = np.array(bitmap.buffer, dtype=np.uint8).reshape(bitmap.height, bitmap.stride)
    pixels = bgr[:, : bitmap.width * 3].reshape(bitmap.height, bitmap.width, 3)[:, :, ::-1]
    assert image.mode == "RGB" and np.array_equal(np.asarray(image), pixels)
    assert (width, height) == (200, 100)


def _text_beside_plain(
    x: int, top: int, bottom: int, mask: npt.NDArray[np.uint8], near: int, half: int
) -> float:
    """Given a vertical's x and rows, an ink mask, a letter's space and a stroke's half
    width, the share of its rows with ink on both sides of its stroke: row by row."""
    x0, x1 = max(0, x - half - near), min(mask.shape[1], x + half + near + 1)
    strip = mask[top:bottom, x0:x1] > 0
    centre = x - x0
    both = 0
    for row in strip:
        left, right = centre, centre
        while left > 0 and row[left - 1] and centre - left < half:
            left -= 1
        while right + 1 < len(row) and row[right + 1] and right - centre < half:
            right += 1
        if not row[centre]:
            left, right = centre - 1, centre + 1
        if (
            row[max(0, left - 1 - near) : max(0, left - 1)].any()
            and row[right + 2 : right + 2 + near].any()
        ):
            both += 1
    return both / (bottom - top)


def test_text_beside_a_vertical_is_counted_as_row_by_row(scan: Image.Image) -> None:
    sz = _Sizes.at(150)
    near = max(2, round(TEXT_BESIDE_INCHES * sz.dpi))
    half = sz.thick // 2 + 1
    page = np.asarray(scan.resize((scan.width // 2, scan.height // 2)), dtype=np.uint8)
    masks = [np.where(page < 160, 255, 0).astype(np.uint8)]
    rng = np.random.default_rng(7)
    masks += [np.where(rng.random((60, 40)) < p, 255, 0).astype(np.uint8) for p in (0.2, 0.5, 0.8)]
    seen = set()
    for mask in masks:
        for x in [0, 1, 2, mask.shape[1] // 2, mask.shape[1] - 2, mask.shape[1] - 1]:
            for top, bottom in ((0, mask.shape[0]), (3, 9), (5, 6)):
                share = _text_beside(x, top, bottom, mask, sz)
                assert share == _text_beside_plain(x, top, bottom, mask, near, half)
                seen.add(share)
    assert len(seen) > 5


def test_row_percentiles_and_the_median_are_numpys(scan: Image.Image) -> None:
    rng = np.random.default_rng(7)
    for _ in range(300):
        rows, cols = int(rng.integers(1, 40)), int(rng.integers(1, 300))
        top = int(rng.integers(1, 256))
        strip = rng.integers(0, top, size=(rows, cols)).astype(np.uint8)
        percents = (100 * (1 - 0.9), 50.0)
        expected = np.percentile(strip, percents, axis=1)
        got = _row_percentiles(strip, percents)
        assert all(np.array_equal(e, g) for e, g in zip(expected, got, strict=True))
        assert np.array_equal(np.percentile(strip, percents[0], axis=1), got[0])
        assert median_level(strip) == np.median(strip)
    page = grey_array(scan)
    assert median_level(page) == np.median(page)


def test_components_in_16_bits_are_opencvs_and_overflow_to_32(scan: Image.Image) -> None:
    ink = (grey_array(scan) < 170).astype(np.uint8)
    count, labels, stats = components(ink)
    count32, labels32, stats32, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    assert count == count32 and np.array_equal(stats, stats32)
    assert np.array_equal(labels, labels32)
    specks = np.zeros((600, 600), dtype=np.uint8)
    specks[::2, ::2] = 1  # 90,000 components: more than 16 bits label
    count, labels, stats = components(specks)
    assert count == 300 * 300 + 1 and labels.dtype == np.int32 and len(stats) == count


def test_an_images_kept_grey_array_is_its_pixels_read_only(scan: Image.Image) -> None:
    image = scan.copy()
    first = grey_array(image)
    assert grey_array(image) is first and not first.flags.writeable
    assert np.array_equal(first, np.asarray(image))
    lines = page_lines(image, dpi=300)
    clean = clean_for_ocr(image, lines)
    assert np.array_equal(grey_array(clean), np.asarray(clean))
    made = np.full((5, 7), 200, dtype=np.uint8)
    other = Image.fromarray(made)
    assert keep_grey(other, made) is grey_array(other)
    assert np.array_equal(grey_array(other), np.asarray(other))


def _dark_fills_plain(grey: npt.NDArray[np.uint8], dpi: int) -> npt.NDArray[np.uint8]:
    """Given a grey page at dpi, its dark fills by the rule restated: dark pixels closed,
    opened (OpenCV's MORPH_OPEN, even on a page without any), closed over holes, boxed."""
    from riskrad.extract.scan_image import (
        DARK_LEVEL,
        DARK_MIN_INCHES,
        LIGHT_STROKE_INCHES,
        _odd,
    )

    dark = np.where(grey < DARK_LEVEL, 255, 0).astype(np.uint8)
    k = _odd(LIGHT_STROKE_INCHES * dpi)
    rect = cv2.MORPH_RECT
    closed = cv2.morphologyEx(dark, cv2.MORPH_CLOSE, cv2.getStructuringElement(rect, (k, k)))
    big = _odd(DARK_MIN_INCHES * dpi)
    fills = cv2.morphologyEx(closed, cv2.MORPH_OPEN, cv2.getStructuringElement(rect, (big, big)))
    hole = cv2.getStructuringElement(rect, (3 * k, 3 * k))
    return _boxed(cv2.morphologyEx(fills, cv2.MORPH_CLOSE, hole), closed)


def test_dark_fills_and_profiles_are_the_plain_rules_answers(scan: Image.Image) -> None:
    """Dark fills: the opening's erosion found empty ends the search (no fill); the skew's
    and the text direction's ink profiles summed in whole numbers: numpy's float sums."""
    from riskrad.extract.scan_image import profile_ratio

    grey = np.asarray(scan.resize((scan.width // 2, scan.height // 2)), dtype=np.uint8)
    header = grey.copy()
    header[40:90, 60:500] = 40  # a dark header row with light letters on it
    header[55:70, 80:200:6] = 230
    for page in (grey, header):
        assert np.array_equal(dark_fills(page, 150), _dark_fills_plain(page, 150))
    assert dark_fills(header, 150).any() and not dark_fills(grey, 150).any()
    mask = _ink_mask(np.asarray(scan, dtype=np.uint8))
    for angle in (-1.35, 0.0, 0.4, 2.75):
        rotated = cv2.warpAffine(
            mask,
            cv2.getRotationMatrix2D((mask.shape[1] / 2.0, mask.shape[0] / 2.0), angle, 1.0),
            (mask.shape[1], mask.shape[0]),
            flags=cv2.INTER_LINEAR,
            borderMode=cv2.BORDER_CONSTANT,
            borderValue=0,
        )
        rows = rotated.sum(axis=1, dtype=np.float64)
        assert _profile_score(mask, angle) == float(np.square(np.diff(rows)).sum())
    small = cv2.resize(
        np.asarray(scan, dtype=np.uint8),
        (round(scan.width * 600 / max(scan.size)), round(scan.height * 600 / max(scan.size))),
        interpolation=cv2.INTER_AREA,
    )
    ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1].astype(float)
    plain = float(np.square(np.diff(ink.sum(axis=1))).sum()) / float(
        np.square(np.diff(ink.sum(axis=0))).sum()
    )
    assert profile_ratio(scan) == plain
