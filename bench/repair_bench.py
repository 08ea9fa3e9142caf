"""Benchmark of the Swedish text repair chain (normalize.repair), on data shipped in bench/data.

Usage:
  .venv/bin/python bench/repair_bench.py               run the benchmark, print the table
  .venv/bin/python bench/repair_bench.py build-lexicon [DIR]
                                                        rebuild riskrad/model/data/sv_*.tsv.gz
                                                        (or into DIR) from the training texts
                                                        only; byte-identical on every run
  .venv/bin/python bench/repair_bench.py first-pass MODE
                                                        one cold first pass in this process
                                                        after its once-per-process set-up,
                                                        timed apart (MODE: clean, stripped,
                                                        english_ocr)
  .venv/bin/python bench/repair_bench.py confusions     character confusions of the English
                                                        model on the training OCR pages (the
                                                        source of the channel in candidates.py)
  .venv/bin/python bench/repair_bench.py build-ocr [eval|train]
                                                        rebuild the English-model OCR pairs
                                                        (renders text at 300 dpi, runs
                                                        `tesseract -l eng`)

Train/evaluate split: the lexicon and bigrams come from bench/data/repair_train_*.txt
(seeds 000 and 003 and a hand-written text); the benchmark evaluates on
bench/data/repair_eval_*.txt (seed 004), which the lexicon never saw.
"""

from __future__ import annotations

import difflib
import gzip
import itertools
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATA = ROOT / "bench" / "data"
LEXICON_DATA = ROOT / "riskrad" / "model" / "data"
TRAIN_GLOB = "repair_train_*.txt"
EVAL_GLOB = "repair_eval_*.txt"
OCR_PAIRS = DATA / "repair_ocr_eng_pairs.tsv"
OCR_TRAIN_PAIRS = DATA / "repair_ocr_eng_train_pairs.tsv"
FONTS = (
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
)
WORD = re.compile(r"[A-Za-zÅÄÖåäöÉéÜü]+")
WORD_OR_NUMBER = re.compile(r"[A-Za-zÅÄÖåäöÉéÜü]+|\d+(?:[.,:/-]\d+)*")
NUMBER_CLASS = "<num>"
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
    """Given clean texts, return lower-case word counts and bigram counts ('a b').

    Numbers count as one class, '<num>', in bigrams ('delår <num>').
    """
    unigrams: Counter[str] = Counter()
    bigrams: Counter[str] = Counter()
    for text in texts:
        for chunk in SENTENCE_BREAK.split(text):
            found = WORD_OR_NUMBER.findall(chunk)
            words = [NUMBER_CLASS if w[0].isdigit() else w.lower() for w in found]
            unigrams.update(w for w in words if w != NUMBER_CLASS)
            bigrams.update(f"{a} {b}" for a, b in itertools.pairwise(words))
    return unigrams, bigrams


def write_counts(path: Path, counts: Counter[str]) -> None:
    """Given counts, write them sorted as 'key<TAB>count' lines to a gzip file.

    Deterministic: count then key order, and a gzip header without time or file name,
    so the same texts give the same bytes.
    """
    lines = "".join(
        f"{key}\t{count}\n" for key, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    with path.open("wb") as raw, gzip.GzipFile(
        filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0
    ) as handle:
        handle.write(lines.encode("utf-8"))


def build_lexicon(out_dir: Path = LEXICON_DATA) -> tuple[Path, Path]:
    """Given the training texts, write sv_lexicon.tsv.gz and sv_bigrams.tsv.gz into out_dir
    (riskrad/model/data by default); return their paths."""
    unigrams, bigrams = count_words(read_texts(TRAIN_GLOB))
    lexicon, bigram_file = out_dir / "sv_lexicon.tsv.gz", out_dir / "sv_bigrams.tsv.gz"
    write_counts(lexicon, unigrams)
    write_counts(bigram_file, bigrams)
    print(f"lexicon: {len(unigrams)} words, {sum(unigrams.values())} tokens; "
          f"bigrams: {len(bigrams)}")
    return lexicon, bigram_file


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


CORE = re.compile(r"^[^\w&|]*(.*?)[^\w&|]*$")


def core(token: str) -> str:
    """Given a whitespace token, return it without surrounding punctuation."""
    match = CORE.match(token)
    return match.group(1) if match else token


@dataclass(frozen=True)
class Score:
    """Counts of one benchmark part."""

    words: int
    right: int
    errors: Counter[tuple[str, str]]

    @property
    def accuracy(self) -> float:
        """Given the counts, return right / words."""
        return self.right / max(self.words, 1)


def word_accuracy(originals: list[str], outputs: list[str]) -> Score:
    """Given original and output texts, return word accuracy over aligned word tokens."""
    words = right = 0
    errors: Counter[tuple[str, str]] = Counter()
    for original, output in zip(originals, outputs, strict=True):
        want, got = original.split(), output.split()
        aligned = dict(align_tokens(want, got))
        for i, token in enumerate(want):
            if not any(c.isalpha() for c in token):
                continue
            words += 1
            j = aligned.get(i)
            have = core(got[j]) if j is not None else "<missing>"
            if have == core(token):
                right += 1
            else:
                errors[(core(token), have)] += 1
    return Score(words, right, errors)


def wordfreq_baseline(text: str) -> str:
    """Given stripped text, return it with each word set to its most frequent wordfreq spelling."""
    import wordfreq

    from riskrad.model.lexicon import skeleton

    best: dict[str, tuple[float, str]] = {}
    for word, freq in wordfreq.get_frequency_dict("sv").items():
        key = skeleton(word)
        if freq > best.get(key, (0.0, ""))[0]:
            best[key] = (freq, word)

    def fix(match: re.Match[str]) -> str:
        """Given a word match, return its most frequent spelling in the word's case."""
        token = match.group(0)
        found = best.get(token.lower())
        if found is None:
            return token
        word = found[1]
        if token.isupper() and len(token) > 1:
            return word.upper()
        return word[:1].upper() + word[1:] if token[:1].isupper() else word

    return WORD.sub(fix, text)


def repair(text: str) -> str:
    """Given a text, return the repair chain's output."""
    from riskrad.normalize.repair import repair_text

    return repair_text(text).text


def bench_stripped(texts: list[str]) -> tuple[Score, Score]:
    """Given clean texts, strip å/ä/ö and score the wordfreq baseline and the chain."""
    stripped = [t.translate(STRIP) for t in texts]
    baseline = word_accuracy(texts, [wordfreq_baseline(t) for t in stripped])
    ours = word_accuracy(texts, [repair(t) for t in stripped])
    return baseline, ours


@dataclass(frozen=True)
class OcrScore:
    """Counts of the English-model OCR part."""

    damaged: int
    restored: int
    correct: int
    changed: int
    misses: Counter[tuple[str, str, str]]
    breaks: Counter[tuple[str, str]]


def read_ocr_pages(path: Path) -> list[tuple[str, str]]:
    """Given the OCR pages file, return (original, ocr) page texts."""
    pages: list[tuple[str, str]] = []
    for block in path.read_text(encoding="utf-8").split("=== page ")[1:]:
        _, _, rest = block.partition("\n--- original\n")
        original, _, ocr = rest.partition("\n--- ocr\n")
        pages.append((original, ocr))
    return pages


def bench_ocr(pages: list[tuple[str, str]]) -> OcrScore:
    """Given (original, OCR) pages, score damaged words restored and correct words changed."""
    damaged = restored = correct = changed = 0
    misses: Counter[tuple[str, str, str]] = Counter()
    breaks: Counter[tuple[str, str]] = Counter()
    for original, ocr in pages:
        want, seen = original.split(), ocr.split()
        got = repair(ocr).split()
        to_seen = dict(align_tokens(want, seen))
        to_got = dict(align_tokens(want, got))
        for i, token in enumerate(want):
            j, k = to_seen.get(i), to_got.get(i)
            if j is None or not any(c.isalpha() for c in token):
                continue
            target, before = core(token), core(seen[j])
            after = core(got[k]) if k is not None else "<missing>"
            if before != target:
                damaged += 1
                if after == target:
                    restored += 1
                else:
                    misses[(target, before, after)] += 1
            else:
                correct += 1
                if after != target:
                    changed += 1
                    breaks[(target, after)] += 1
    return OcrScore(damaged, restored, correct, changed, misses, breaks)


SPEED_MODES = ("clean", "stripped", "english_ocr")


def speed_texts(mode: str) -> list[str]:
    """Given a mode, the unseen evaluation text as the repair would get it: clean, with
    å/ä/ö stripped, or read by Tesseract's English model (the eval OCR pages)."""
    if mode == "english_ocr":
        return [ocr for _, ocr in read_ocr_pages(OCR_PAIRS.with_suffix(".pages.txt"))]
    texts = read_texts(EVAL_GLOB)
    return [t.translate(STRIP) for t in texts] if mode == "stripped" else texts


# A text with no word in it whose repair imports what the chain imports on first use
# (ftfy, for any text with a non-ASCII character); it fills no word cache.
SET_UP_TEXT = "\u2013"


# The instructions of the first pass alone, without the process's start and set-up (the
# repair modules compiled, `make native`): callgrind collects inside repair_text only.
PASS_COUNT_COMMAND = (
    "PYTHONHASHSEED=0 valgrind --tool=callgrind --collect-atstart=no "
    "--toggle-collect=CPyPy_chain___repair_text .venv/bin/python bench/repair_bench.py "
    "first-pass MODE"
)


def first_pass(mode: str) -> dict[str, float]:
    """Given a mode, in this (fresh) process: set up once per process (load the lexicon,
    import what the chain imports on first use), then repair the unseen text once, line by
    line as a run repairs fields; return words, seconds, set-up seconds, words/s and how
    many of the repair's hot modules ran compiled (riskrad/model/native.py)."""
    from riskrad.model.lexicon import load_lexicon
    from riskrad.model.native import compiled_modules
    from riskrad.normalize.repair import fix_and_explain, repair_text

    texts = speed_texts(mode)
    start = time.process_time()
    load_lexicon()
    # repair_text's work, through fix_and_explain: a count of the pass alone toggles on
    # repair_text's compiled entry (see PASS_COUNT_COMMAND)
    fix_and_explain(SET_UP_TEXT)
    loaded = time.process_time()
    words = 0
    for text in texts:
        for line in text.split("\n"):
            words += len(line.split())
            repair_text(line)
    done = time.process_time()
    return {"words": words, "seconds": done - loaded, "load_seconds": loaded - start,
            "words_per_second": words / (done - loaded), "compiled": len(compiled_modules())}


def bench_speed() -> dict[str, dict[str, float]]:
    """Given nothing, the first pass of each mode, each in a fresh process (cold caches)."""
    import json

    results = {}
    for mode in SPEED_MODES:
        out = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "first-pass", mode],
            capture_output=True, text=True, check=True,
        )
        results[mode] = json.loads(out.stdout.strip().splitlines()[-1])
    return results


def confusions(path: Path) -> Counter[tuple[str, str]]:
    """Given a word-pairs file, return counts of (original, OCR) character differences."""
    counts: Counter[tuple[str, str]] = Counter()
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) != 3 or parts[1] == parts[2]:
            continue
        matcher = difflib.SequenceMatcher(None, parts[1], parts[2], autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag != "equal":
                counts[(parts[1][i1:i2], parts[2][j1:j2])] += 1
    return counts


def show_errors(title: str, errors: Sequence[tuple[tuple[str, ...], int]]) -> None:
    """Given counted errors, print the most frequent ones."""
    print(f"\n{title}")
    for key, count in errors:
        print(f"  {count:3d}  " + "  ->  ".join(key))


def run() -> None:
    """Given the shipped data, run all parts and print the table and worst errors."""
    from riskrad.model.native import NATIVE_MODULES

    print("command: python bench/repair_bench.py   (make bench-repair)")
    print(f"instructions of one first pass alone: {PASS_COUNT_COMMAND}")
    speed = bench_speed()  # first, in fresh processes: nothing here has warmed them
    texts = read_texts(EVAL_GLOB)
    baseline, ours = bench_stripped(texts)
    ocr = bench_ocr(read_ocr_pages(OCR_PAIRS.with_suffix(".pages.txt")))
    rows = [
        ("(a) stripped å/ä/ö, word accuracy, wordfreq baseline",
         f"{baseline.accuracy:.2%}", f"of {baseline.words} words"),
        ("(a) stripped å/ä/ö, word accuracy, repair chain",
         f"{ours.accuracy:.2%}", "target >= 99.3%"),
        ("(b) English-model OCR, damaged words restored",
         f"{ocr.restored / max(ocr.damaged, 1):.2%}",
         f"{ocr.restored}/{ocr.damaged}, target >= 90%"),
        ("(b) English-model OCR, correct words changed",
         f"{ocr.changed / max(ocr.correct, 1):.3%}",
         f"{ocr.changed}/{ocr.correct}, target <= 0.1%"),
    ]
    for mode in SPEED_MODES:
        result = speed[mode]
        rows.append((
            f"(c) speed, first pass, {mode} text, words/s",
            f"{result['words_per_second']:,.0f}",
            f"{result['words']:.0f} words in {result['seconds']:.2f} CPU-s; target >= 25,000",
        ))
    rows.append(("set-up once per process (lexicon, imports), CPU-s",
                 f"{speed['clean']['load_seconds']:.1f}", ""))
    rows.append(("modules run compiled (repair, store reader, decoders; make native)",
                 f"{speed['clean']['compiled']:.0f} of {len(NATIVE_MODULES)}",
                 "0: no build of this source, they run as Python"))
    width = max(len(r[0]) for r in rows)
    print("Evaluation text: bench/data/repair_eval_*.txt (not used to build the lexicon)")
    print("Speed: one fresh process per text, caches empty, CPU time of the process, one core;"
          " the once-per-process set-up is timed apart")
    for name, value, note in rows:
        print(f"{name:<{width}}  {value:>10}  {note}")
    show_errors("(a) worst remaining errors: original -> repaired", ours.errors.most_common(15))
    show_errors("(a) wordfreq baseline errors: original -> baseline",
                baseline.errors.most_common(8))
    show_errors("(b) damaged words not restored: original -> OCR -> repaired",
                ocr.misses.most_common(15))
    show_errors("(b) correct words changed: original -> repaired", ocr.breaks.most_common(15))


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "run"
    if command == "run":
        run()
    elif command == "build-lexicon":
        build_lexicon(Path(sys.argv[2]) if len(sys.argv) > 2 else LEXICON_DATA)
    elif command == "first-pass":
        import json

        print(json.dumps(first_pass(sys.argv[2])))
    elif command == "confusions":
        ranked = confusions(OCR_TRAIN_PAIRS).most_common(40)
        show_errors("English-model OCR confusions on the training pages: original -> OCR", ranked)
    elif command == "build-ocr":
        which = sys.argv[2] if len(sys.argv) > 2 else "both"
        if which in ("eval", "both"):
            build_ocr_set(EVAL_GLOB, OCR_PAIRS, max_pages=40)
        if which in ("train", "both"):
            build_ocr_set(TRAIN_GLOB, OCR_TRAIN_PAIRS, max_pages=30)
