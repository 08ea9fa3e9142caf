"""Benchmark of the Swedish text repair chain (normalize.repair), on data shipped in bench/data.

Usage:
  .venv/bin/python bench/repair_bench.py               run the benchmark, print the table
  .venv/bin/python bench/repair_bench.py build-lexicon  rebuild normalize/data/sv_*.tsv.gz
                                                        from the training texts only
  .venv/bin/python bench/repair_bench.py build-ocr      rebuild the English-model OCR pairs
                                                        (renders text at 300 dpi, runs
                                                        `tesseract -l eng`)

Train/evaluate split: the lexicon and bigrams come from bench/data/repair_train_*.txt
(seeds 000 and 003 and a hand-written text); the benchmark evaluates on
bench/data/repair_eval_*.txt (seed 004), which the lexicon never saw.
"""

from __future__ import annotations

import difflib
import gzip
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATA = ROOT / "bench" / "data"
NORMALIZE_DATA = ROOT / "normalize" / "data"
TRAIN_GLOB = "repair_train_*.txt"
EVAL_GLOB = "repair_eval_*.txt"
OCR_PAIRS = DATA / "repair_ocr_eng_pairs.tsv"
OCR_TRAIN_PAIRS = DATA / "repair_ocr_eng_train_pairs.tsv"
FONTS = (
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
)
WORD = re.compile(r"[A-Za-zÅÄÖåäöÉéÜü]+")
SENTENCE_BREAK = re.compile(r"[.!?;:()\[\]\"”“]|\n")
TAG = re.compile(r"<[^>]+>")
STRIP = str.maketrans({"å": "a", "ä": "a", "ö": "o", "Å": "A", "Ä": "A", "Ö": "O"})


def clean_source(text: str) -> str:
    """Given a seed extraction, return plain text: tags, table pipes and markup removed."""
    text = TAG.sub(" ", text)
    text = text.replace("|", " ").replace("**", "").replace("*", "").replace("\t", "\n")
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line and not set(line) <= set("-: "))


def read_texts(pattern: str) -> list[str]:
    """Given a glob under bench/data, return the cleaned texts of the matching files."""
    return [clean_source(p.read_text(encoding="utf-8")) for p in sorted(DATA.glob(pattern))]


def count_words(texts: list[str]) -> tuple[Counter[str], Counter[str]]:
    """Given clean texts, return lower-case word counts and bigram counts ('a b')."""
    unigrams: Counter[str] = Counter()
    bigrams: Counter[str] = Counter()
    for text in texts:
        for chunk in SENTENCE_BREAK.split(text):
            words = [w.lower() for w in WORD.findall(chunk)]
            unigrams.update(words)
            bigrams.update(f"{a} {b}" for a, b in zip(words, words[1:], strict=False))
    return unigrams, bigrams


def write_counts(path: Path, counts: Counter[str]) -> None:
    """Given counts, write them sorted as 'key<TAB>count' lines to a gzip file."""
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as handle:
        for key, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            handle.write(f"{key}\t{count}\n")


def build_lexicon() -> None:
    """Given the training texts, write normalize/data/sv_lexicon.tsv.gz and sv_bigrams.tsv.gz."""
    unigrams, bigrams = count_words(read_texts(TRAIN_GLOB))
    write_counts(NORMALIZE_DATA / "sv_lexicon.tsv.gz", unigrams)
    write_counts(NORMALIZE_DATA / "sv_bigrams.tsv.gz", bigrams)
    print(f"lexicon: {len(unigrams)} words, {sum(unigrams.values())} tokens; "
          f"bigrams: {len(bigrams)}")


def wrap_lines(text: str, font: object, width: int) -> list[str]:
    """Given text and a PIL font, return lines no wider than width pixels (no hyphenation)."""
    lines: list[str] = []
    for paragraph in text.splitlines():
        current = ""
        for word in paragraph.split():
            trial = f"{current} {word}".strip()
            if current and font.getlength(trial) > width:  # type: ignore[attr-defined]
                lines.append(current)
                current = word
            else:
                current = trial
        if current:
            lines.append(current)
        lines.append("")
    return lines


def render_pages(text: str, font_path: str, lines_per_page: int = 55) -> list[tuple[str, object]]:
    """Given text and a font, return (page text, 300 dpi page image) pairs."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(font_path, 44)
    lines = wrap_lines(text, font, 2150)
    pages: list[tuple[str, object]] = []
    for first in range(0, len(lines), lines_per_page):
        chunk = lines[first : first + lines_per_page]
        image = Image.new("L", (2480, 3508), 255)
        draw = ImageDraw.Draw(image)
        for row, line in enumerate(chunk):
            draw.text((160, 160 + row * 58), line, font=font, fill=0)
        pages.append(("\n".join(chunk).strip(), image))
    return pages


def ocr_english(image: object) -> str:
    """Given a page image, return Tesseract's English-model text of it."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "page.png"
        image.save(path, dpi=(300, 300))  # type: ignore[attr-defined]
        result = subprocess.run(
            ["tesseract", str(path), "-", "-l", "eng", "--dpi", "300"],
            capture_output=True, text=True, check=True,
        )
    return result.stdout


def align_tokens(original: list[str], damaged: list[str]) -> list[tuple[int, int]]:
    """Given two token lists, return index pairs of tokens aligned one to one by difflib."""
    matcher = difflib.SequenceMatcher(None, original, damaged, autojunk=False)
    pairs: list[tuple[int, int]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            pairs.extend(zip(range(i1, i2), range(j1, j2), strict=True))
    return pairs


def build_ocr_set(pattern: str, out: Path, max_pages: int) -> None:
    """Given source texts, render, OCR with the English model and write pages + word pairs."""
    pages_out: list[str] = []
    pair_rows: list[str] = []
    count = 0
    for font_path in FONTS:
        for text in read_texts(pattern):
            for page_text, image in render_pages(text, font_path):
                if count >= max_pages:
                    break
                ocr = ocr_english(image)
                count += 1
                pages_out.append(f"=== page {count} {Path(font_path).stem}\n"
                                 f"--- original\n{page_text}\n--- ocr\n{ocr.strip()}\n")
                orig_tokens, ocr_tokens = page_text.split(), ocr.split()
                for i, j in align_tokens(orig_tokens, ocr_tokens):
                    pair_rows.append(f"{count}\t{orig_tokens[i]}\t{ocr_tokens[j]}")
                print(f"page {count} done", flush=True)
    out.with_suffix(".pages.txt").write_text("".join(pages_out), encoding="utf-8")
    out.write_text("page\toriginal\tocr\n" + "\n".join(pair_rows) + "\n", encoding="utf-8")


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "run"
    if command == "build-lexicon":
        build_lexicon()
    elif command == "build-ocr":
        build_ocr_set(EVAL_GLOB, OCR_PAIRS, max_pages=40)
        build_ocr_set(TRAIN_GLOB, OCR_TRAIN_PAIRS, max_pages=30)
