"""Page crops for review.html: sizes, formats and bad settings."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from riskrad.extract.crops import CropSettings, render_crops
from riskrad.model.records import BBox

PDF = (
    Path(__file__).resolve().parents[1]
    / "corpus/Kalmar/2021/riskanalys_intern_kontrollplan_2021.pdf"
)


def _pixels(data: bytes) -> bytes:
    """Given an image file's bytes, its decoded grey pixels."""
    return Image.open(io.BytesIO(data)).convert("L").tobytes()


def test_crops_cover_the_region_small_and_legible() -> None:
    band = BBox(0, 100, 1e6, 300)
    crops = render_crops(PDF, [(2, band), (2, BBox(50, 50, 60, 60)), (999, band)])
    first, tiny, missing = crops
    assert missing is None
    assert first is not None and tiny is not None
    assert first.mime == "image/png" and first.region.x0 == 0 and first.region.top == 94
    image = Image.open(io.BytesIO(first.data))
    assert image.size == (first.width, first.height) == (827, round(212 * 100 / 72))
    assert len(image.convert("L").getcolors() or []) <= 4  # four grey levels
    assert len(first.data) < 40_000
    assert tiny.width == round(22 * 100 / 72)
    webp = render_crops(PDF, [(2, band)], CropSettings(image_format="webp"))[0]
    assert webp is not None and webp.data[8:12] == b"WEBP"


@pytest.mark.parametrize(
    ("settings", "word"),
    [
        ({"dpi": 10}, "dpi"),
        ({"quality": 0}, "quality"),
        ({"image_format": "gif"}, "image_format"),
        ({"grey_levels": 1}, "grey_levels"),
    ],
)
def test_bad_settings_are_named(settings: dict[str, object], word: str) -> None:
    with pytest.raises(ValueError, match=word):
        CropSettings(**settings)  # type: ignore[arg-type]


def test_the_quick_webp_probe_never_changes_the_format_chosen() -> None:
    """Every corpus page (text layer and scans), whole and in bands: the crop ``auto`` keeps
    is the one the full PNG-or-WebP comparison keeps."""
    import pypdfium2 as pdfium

    from riskrad.extract import crops

    settings = CropSettings()
    probed = 0
    for path in sorted((PDF.parents[2]).rglob("*.pdf")):
        pdf = pdfium.PdfDocument(path)
        page = pdf[min(1, len(pdf) - 1)]
        image = page.render(scale=100 / 72, grayscale=True).to_pil().convert("L")
        pdf.close()
        for top in (0.0, 0.3):
            piece = image.crop((0, round(image.height * top), image.width, image.height))
            png = crops._encode_as(piece, "png", settings)
            if len(png) <= crops.PNG_ENOUGH * piece.width * piece.height:
                continue
            webp = crops._encode_as(piece, "webp", settings)
            expected = "image/webp" if len(webp) < len(png) else "image/png"
            assert crops._encode(piece, settings)[1] == expected, path.name
            assert len(crops._quick_webp(piece, settings)) < crops.WEBP_PROBE_MARGIN * len(webp)
            probed += 1
    assert probed >= 10


def test_a_page_of_text_and_paths_keeps_the_crop_the_comparison_would_keep() -> None:
    """Every page of the corpus, whole and in bands: on a page drawn only with text and paths
    (no WebP tried) the crop is the one the PNG-or-WebP comparison keeps, also where the PNG
    is large enough for WebP to be tried; scans are not such pages."""
    import pypdfium2 as pdfium

    from riskrad.extract import crops

    settings = CropSettings()
    line_art = scans = compared = 0
    for path in sorted((PDF.parents[2]).rglob("*.pdf")):
        pdf = pdfium.PdfDocument(path)
        for page in pdf:
            if not crops.drawn_as_line_art(page):
                scans += 1
                assert "scanned" in path.name or "ocr_layer" in path.name, path.name
                continue
            line_art += 1
            image = page.render(scale=100 / 72, grayscale=True).to_pil().convert("L")
            for top, bottom in ((0.0, 1.0), (0.3, 0.7)):
                box = (0, round(image.height * top), image.width, round(image.height * bottom))
                piece = image.crop(box)
                kept = crops._encode(piece, settings, line_art=True)
                compared_crop = crops._encode(piece, settings)
                assert kept[1] == compared_crop[1] == "image/png", (path.name, box)
                assert _pixels(kept[0]) == _pixels(compared_crop[0]), (path.name, box)
                png = kept[0]  # deflated by runs: a little larger than the compared one
                if len(png) > crops.PNG_ENOUGH * piece.width * piece.height:
                    assert len(png) < len(crops._encode_as(piece, "webp", settings))
                    compared += 1
        pdf.close()
    assert line_art >= 60 and scans >= 4 and compared >= 40
