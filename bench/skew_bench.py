"""Residual skew after deskew: pages turned by known angles, straightened, measured.

    .venv/bin/python bench/skew_bench.py [PDF ...] [--angles 24] [--dpi 300]

Each page of the given born-digital PDFs (default: the corpus' born-digital PDFs) is
rendered, degraded like a scan (noise, blur) and turned by angles spread over
-2..+2 degrees; ``render.deskew`` straightens it and the residual is the turn it
left (known angle minus the correction). Prints mean, 95th percentile and max of the
absolute residual, and the deskew time per page.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
from PIL import Image, ImageFilter

from riskrad.extract.render import estimate_skew, render_page

ROOT = Path(__file__).resolve().parent.parent


def degraded(image: Image.Image, angle: float, rng: np.random.Generator) -> Image.Image:
    """Given a clean page, it turned by angle (counter-clockwise), greyed, noisy, blurred."""
    turned = image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    arr = np.asarray(turned, dtype=np.float32) * 0.92 + 10
    arr += rng.normal(0.0, 4.0, arr.shape).astype(np.float32)
    noisy = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), mode="L")
    return noisy.filter(ImageFilter.GaussianBlur(0.6))


def default_pdfs() -> list[Path]:
    """Given nothing, the corpus' born-digital PDFs."""
    out = []
    for exp in sorted((ROOT / "corpus").rglob("*.expected.json")):
        if json.loads(exp.read_text("utf-8")).get("variant") == "born_digital":
            out.append(exp.with_name(exp.name.replace(".expected.json", ".pdf")))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--angles", type=int, default=24, help="turns per page, over -2..2")
    parser.add_argument("--dpi", type=int, default=300)
    parser.add_argument("--pages", type=int, default=2, help="pages per PDF")
    args = parser.parse_args()
    rng = np.random.default_rng(7)
    residuals: list[float] = []
    seconds: list[float] = []
    for pdf in args.pdfs or default_pdfs():
        for index in range(args.pages):
            try:
                page = render_page(pdf, index, args.dpi)
            except IndexError:
                break
            for angle in rng.uniform(-2.0, 2.0, args.angles // args.pages):
                image = degraded(page, float(angle), rng)
                started = time.perf_counter()
                found = estimate_skew(image)
                seconds.append(time.perf_counter() - started)
                # the deskew rotates by `found` counter-clockwise; the page was turned by
                # `angle` counter-clockwise, so straight means found == -angle
                residuals.append(abs(float(angle) + found))
    r = np.asarray(residuals)
    print(
        f"pages turned: {len(r)}; residual skew (degrees): mean {r.mean():.3f}, "
        f"p95 {np.percentile(r, 95):.3f}, max {r.max():.3f}; "
        f"estimate {1000 * float(np.mean(seconds)):.0f} ms/page"
    )


if __name__ == "__main__":
    sys.exit(main())
