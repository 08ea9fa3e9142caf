"""The HTML report: escaped, self-contained, and drawn without error in real headless Chromium.

The browser test needs Debian's ``chromium`` package (``apt-get install -y chromium``);
`make test` installs it; without it the test fails, saying so (it never skips).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from PIL import Image

from riskrad.normalize.validate import flag_risks
from riskrad.report import COLOURS, render_report
from riskrad.views import read_csv_tables, risk_changes

FRAMES = Path(__file__).parent / "data" / "frames"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
MISSING_CHROMIUM = "Debian's chromium is missing: run `make test` (apt-get install -y chromium)"
HOSTILE = 'Risk för <script>alert("x")</script> & "citat" i <b>fet</b> titel'


@pytest.fixture(scope="module")
def report_html() -> str:
    documents, risks, controls = read_csv_tables(FRAMES)
    risks = risks.assign(flags=flag_risks(risks))
    risks.loc[0, "risk"] = HOSTILE
    documents.loc[documents["document_id"] == "bb03d43e53b82da6", "municipality"] = pd.NA
    return render_report(documents, risks, controls, risk_changes(risks, documents))


@pytest.fixture(scope="module")
def report_file(report_html: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(report_html, encoding="utf-8")
    return path


class _Collector(HTMLParser):
    """Collects tags, attributes and script count of an HTML text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(text: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Collector()
    parser.feed(text)
    return parser.tags


def test_text_is_escaped(report_html: str) -> None:
    assert HOSTILE not in report_html
    assert (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;citat&quot;" in report_html
    )
    scripts = [t for t, _ in _tags(report_html) if t == "script"]
    assert len(scripts) == 1  # only the report's own inline script
    assert "<b>fet</b>" not in report_html


def test_report_is_self_contained(report_html: str) -> None:
    for tag, attrs in _tags(report_html):
        assert tag not in {"link", "iframe", "img", "object", "embed"}, tag
        for name in ("src", "href"):
            value = attrs.get(name) or ""
            assert not re.match(r"^(https?:)?//", value), (tag, name, value)
    assert "@import" not in report_html and "url(" not in report_html
    assert "fetch(" not in report_html and "XMLHttpRequest" not in report_html


def test_report_has_one_figure_per_section(report_html: str) -> None:
    figures = [a.get("aria-label") or "" for t, a in _tags(report_html) if t == "svg"]
    assert sum(f.startswith("Riskmatris") for f in figures) == 2  # Kalmar 2020 and 2021
    assert sum(f.startswith("Riskvärden,") for f in figures) == 1  # seed 000: riskvärde only
    assert sum(f.startswith("Riskvärden år för år") for f in figures) == 1  # Kalmar KS
    assert sum(f.startswith("Förändringar") for f in figures) == 1
    assert sum(f.startswith("Risker, höga risker") for f in figures) == 1
    assert sum(f.startswith("Risker per kommun och tema") for f in figures) == 1
    assert len(figures) == 7


def test_theme_heat_map_counts_every_dated_risk(report_html: str) -> None:
    """The heat map's cells add up to the risks of the documents that have a year."""
    figure = report_html[report_html.index('aria-label="Risker per kommun och tema') :]
    figure = figure[: figure.index("</svg>")]
    counts = [int(n) for n in re.findall(r'class="tick">(\d+)</text>', figure)]
    titles = re.findall(r"<title>[^<]*: (\d+) risker, (\d+) höga</title>", figure)
    assert counts and sum(counts) == sum(int(r) for r, _ in titles)
    assert all(int(h) <= int(r) for r, h in titles)


def _run_chromium(args: list[str], user_dir: Path) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None, MISSING_CHROMIUM
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={user_dir}",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=180, check=True)


def test_report_draws_in_headless_chromium(report_file: Path, tmp_path: Path) -> None:
    dom = _run_chromium(["--dump-dom", report_file.as_uri()], tmp_path / "profile").stdout
    body = dict(next(a for t, a in _tags(dom) if t == "body"))
    assert "data-error" not in body, body.get("data-error")
    assert body.get("data-ok") == "1"
    assert body.get("data-figures") == "7" == body.get("data-drawn")
    cells = [a for t, a in _tags(dom) if t == "g" and "data-n" in a]
    assert len(cells) == 2 * 16  # two 4x4 matrices
    assert sum(int(a["data-n"] or 0) for a in cells) == 41 + 41
    # a sortable header click works without error
    assert "sortable" in dom


def test_report_screenshot_shows_matrix_colours(report_file: Path, tmp_path: Path) -> None:
    png = tmp_path / "report.png"
    _run_chromium(
        [
            "--hide-scrollbars",
            "--window-size=1200,2400",
            f"--screenshot={png}",
            report_file.as_uri(),
        ],
        tmp_path / "profile",
    )
    image = Image.open(png).convert("RGB")
    colours = {rgb for _, rgb in image.getcolors(maxcolors=1 << 24) or []}
    for name, hex_colour in COLOURS.items():
        rgb = tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
        assert rgb in colours, f"no {name} matrix cell drawn in the screenshot"


def test_review_section_lists_flagged_rows(report_html: str) -> None:
    section = report_html.split("id='granska'", 1)[1]
    assert "5e1f0a4c2b7d9e31-r036" in section  # R != S*K in the 2021 plan
    assert "value_mismatch: S, K and R all given" in section
    assert "bb03d43e53b82da6-r005" in section  # riskvärde 7 on a 1-4 scale


def test_report_renders_empty_dataset() -> None:
    empty = pd.DataFrame({"document_id": pd.Series(dtype="string")})
    text = render_report(empty, empty, empty, empty)
    assert "<b>0</b> dokument" in text and "Inga dokument." in text
