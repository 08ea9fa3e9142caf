"""The vendored edge chain (extract/edge_chain.py) gives pdfplumber's cells, step by step."""

from __future__ import annotations

import random
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pdfplumber import table as plumber_table

from riskrad.extract import edge_chain
from riskrad.extract.tables import DEFAULT, closing_edges, ruling_to_edge
from riskrad.extract.textlayer import read_text_layer
from riskrad.model.records import Ruling

ROOT = Path(__file__).resolve().parents[1]


def corpus_rulings() -> list[tuple[Ruling, ...]]:
    """Given nothing, the rulings of every corpus page that has some."""
    pages = []
    for path in sorted((ROOT / "corpus").rglob("*.pdf")):
        pdf = pdfium.PdfDocument(path)
        for index in range(len(pdf)):
            rulings = read_text_layer(pdf[index], index + 1).rulings
            if rulings:
                pages.append(rulings)
        pdf.close()
    return pages


def random_rulings(seed: int) -> tuple[Ruling, ...]:
    """Given a seed, a page of near-grid rulings with jitter, gaps and overlaps."""
    rng = random.Random(seed)
    xs = sorted(rng.uniform(20, 500) for _ in range(rng.randint(2, 7)))
    ys = sorted(rng.uniform(20, 700) for _ in range(rng.randint(2, 12)))
    out = []
    for y in ys:
        a, b = (xs[0], xs[-1]) if rng.random() < 0.7 else (rng.choice(xs[:-1]), rng.choice(xs[1:]))
        y += rng.uniform(-2, 2)
        out.append(Ruling(min(a, b) + rng.uniform(-3, 3), y, max(a, b) + rng.uniform(-3, 3), y))
    for x in xs:
        a, b = (ys[0], ys[-1]) if rng.random() < 0.7 else (rng.choice(ys[:-1]), rng.choice(ys[1:]))
        x += rng.uniform(-2, 2)
        out.append(Ruling(x, min(a, b) + rng.uniform(-3, 3), x, max(a, b) + rng.uniform(-3, 3)))
    rng.shuffle(out)
    return tuple(out)


def both_chains(rulings: tuple[Ruling, ...]) -> tuple[object, object]:
    """Given rulings, every step's result by pdfplumber and by the vendored chain."""
    results = []
    for chain in (plumber_table, edge_chain):
        edges = [ruling_to_edge(r) for r in rulings]
        edges = chain.merge_edges(edges, 3, 3, 3, 3)
        edges = edges + closing_edges(edges, DEFAULT)
        found = chain.edges_to_intersections(edges, 3, 3)
        cells = chain.intersections_to_cells(found)
        results.append((edges, found, cells, chain.cells_to_tables(cells)))
    return results[0], results[1]


def test_corpus_pages_give_pdfplumbers_cells() -> None:
    pages = corpus_rulings()
    assert len(pages) > 20
    for rulings in pages:
        plumber, vendored = both_chains(rulings)
        assert vendored == plumber


@pytest.mark.parametrize("seed", range(60))
def test_jittered_grids_give_pdfplumbers_cells(seed: int) -> None:
    plumber, vendored = both_chains(random_rulings(seed))
    assert vendored == plumber
