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
