"""Fuzzing riskrad: the corpus PDFs mutated the ways archives damage files, and bombs.

``python corpus/fuzz.py --count 1100 --out fuzz`` writes mutated files (each
kind from a seeded generator, so a seed gives the same files every time, no two
alike), runs riskrad over each of them in a driver process (``--parts`` drivers
one after the other; a driver that dies is a crash, recorded on the file it was
on and the rest goes on) and prints the counts per mutation kind: files, ok / partial /
failed, crashes, errors that do not say what to do, worst seconds per file.
``make fuzz`` runs it; ``tests/test_fuzz.py`` runs a small fixed-seed subset.
"""

from __future__ import annotations

import argparse
import csv
import functools
import hashlib
import io
import json
import os
import random
import re
import subprocess
import sys
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import pikepdf

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"

Mutator = Callable[[bytes, random.Random], bytes]

# Words a useful error uses: it names what to do, not only what went wrong.
ADVICE = re.compile(
    r"download|repair|copy|save|convert|remove|install|report|rerun|run again|get an undamaged"
    r"|re-?scan|--[a-z-]+|unprotected|kept|check",
    re.I,
)


# ---------------------------------------------------------------- byte-level mutations


def bit_flips(data: bytes, rng: random.Random) -> bytes:
    """Given a PDF's bytes, them with 1..64 random bits flipped."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 64)):
        at = rng.randrange(len(out))
        out[at] ^= 1 << rng.randrange(8)
    return bytes(out)


def truncation(data: bytes, rng: random.Random) -> bytes:
    """Given a PDF's bytes, them cut at a random point (1%..99.9%)."""
    return data[: max(1, int(len(data) * rng.uniform(0.01, 0.999)))]


def xref_damage(data: bytes, rng: random.Random) -> bytes:
    """Given a PDF's bytes, them with the xref table or startxref offset damaged."""
    out = bytearray(data)
    choice = rng.randrange(3)
    at = data.rfind(b"startxref")
    if choice == 0 and at >= 0:  # a wrong startxref offset
        number = re.match(rb"startxref\s+(\d+)", data[at:])
        if number is not None:
            wrong = str(rng.randrange(len(data) * 2)).encode()
            start, end = at + number.start(1), at + number.end(1)
            return bytes(out[:start]) + wrong + bytes(out[end:])
    xref = data.rfind(b"xref")
    if choice == 1 and xref >= 0:  # entries overwritten with junk
        for _ in range(rng.randint(1, 20)):
            pos = xref + rng.randrange(max(1, min(len(data) - xref, 2000)))
            out[pos] = rng.choice(b"0123456789 fnx\n")
        return bytes(out)
    if xref >= 0:  # the table cut out
        return data[:xref] + data[xref + rng.randint(10, 400) :]
    return bit_flips(data, rng)


def stream_damage(data: bytes, rng: random.Random) -> bytes:
    """Given a PDF's bytes, one stream's bytes partly overwritten with random bytes."""
    starts = [m.end() for m in re.finditer(rb"stream\r?\n", data)]
    if not starts:
        return bit_flips(data, rng)
    start = rng.choice(starts)
    end = data.find(b"endstream", start)
    end = end if end > start else min(len(data), start + 500)
    out = bytearray(data)
    span = max(1, end - start)
    at = start + rng.randrange(span)
    for k in range(min(rng.randint(1, 256), end - at)):
        out[at + k] = rng.randrange(256)
    return bytes(out)


def wrong_lengths(data: bytes, rng: random.Random) -> bytes:
    """Given a PDF's bytes, some /Length values made wrong (short, long, zero, huge)."""
    matches = list(re.finditer(rb"/Length (\d+)", data))
    if not matches:
        return bit_flips(data, rng)
    chosen = {id(m) for m in rng.sample(matches, k=min(len(matches), rng.randint(1, 4)))}
    out = bytearray()
    last = 0
    for match in matches:
        if id(match) not in chosen:
            continue
        value = int(match.group(1))
        wrong = rng.choice([0, 1, value // 2, value + 17, value * 3, 2**31 - 1, 10**12])
        out += data[last : match.start(1)] + str(wrong).encode()
        last = match.end(1)
    return bytes(out + data[last:])


# ---------------------------------------------------------------- structural mutations


def with_pdf(
    data: bytes, change: Callable[[pikepdf.Pdf, random.Random], None], rng: random.Random
) -> bytes:
    """Given PDF bytes and a change to its object graph, the changed file's bytes."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        change(pdf, rng)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, compress_streams=False, normalize_content=False)
        return out.getvalue()


def _odd_boxes(pdf: pikepdf.Pdf, rng: random.Random) -> None:
    boxes = [
        [0, 0, 0, 0],
        [0, 0, -595, -842],
        [595, 842, 0, 0],
        [0, 0, 1, 1],
        [0, 0, 14400, 14400],
        [0, 0, 200000, 200000],
        [0, 0, 3e38, 3e38],
        [-1e6, -1e6, 1e6, 1e6],
        [0, 0, 595],
        [0, 0, 0.001, 842],
    ]
    for page in pdf.pages:
        if rng.random() < 0.7:
            page.obj.MediaBox = pikepdf.Array(rng.choice(boxes))
        if rng.random() < 0.3:
            page.obj.CropBox = pikepdf.Array(rng.choice(boxes))


def _rotations(pdf: pikepdf.Pdf, rng: random.Random) -> None:
    for page in pdf.pages:
        page.obj.Rotate = rng.choice([90, 180, 270, -90, 45, 13, 720, 450, -450, 10**9])


def bomb_image(pdf: pikepdf.Pdf, width: int, height: int) -> pikepdf.Stream:
    """Given a PDF and a declared size, a 1-bit image XObject of that size with little data."""
    row = (width + 7) // 8
    rows = min(height, max(1, 4_000_000 // max(row, 1)))
    data = zlib.compress(b"\x00" * (row * rows), 9)  # shorter than declared: decoders pad
    image = pikepdf.Stream(pdf, data)
    image.Type, image.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
    image.Width, image.Height = width, height
    image.ColorSpace, image.BitsPerComponent = pikepdf.Name.DeviceGray, 1
    image.Filter = pikepdf.Name.FlateDecode
    return image


def draw_xobject(pdf: pikepdf.Pdf, page: pikepdf.Page, name: str, xobject: pikepdf.Object) -> None:
    """Given a page and an XObject, the XObject drawn over the page's whole media box."""
    resources = page.obj.get("/Resources")
    if not isinstance(resources, pikepdf.Dictionary):
        resources = page.obj.Resources = pikepdf.Dictionary()
    if "/XObject" not in resources:
        resources.XObject = pikepdf.Dictionary()
    resources.XObject[name] = xobject
    page.contents_add(pikepdf.Stream(pdf, f"q 500 0 0 700 40 60 cm {name} Do Q".encode()))


def _huge_image(pdf: pikepdf.Pdf, rng: random.Random) -> None:
    width, height = rng.choice(
        [(60000, 60000), (100000, 5), (5, 100000), (2**31 - 1, 2), (30000, 40000)]
    )
    page = pdf.pages[rng.randrange(len(pdf.pages))]
    draw_xobject(pdf, page, "/Bomb", bomb_image(pdf, width, height))


def _broken_fonts(pdf: pikepdf.Pdf, rng: random.Random) -> None:
    for page in pdf.pages:
        fonts = page.obj.get("/Resources", {}).get("/Font", {})
        for name in sorted(fonts.keys()):  # keys() is a set: its order varies per process
            font = fonts[name]
            action = rng.randrange(5)
            if action == 0:
                font.Subtype = pikepdf.Name("/Type9")
            elif action == 1:
                font.Encoding = pikepdf.Name("/NoSuchEncoding")
            elif action == 2:
                font.Widths = pikepdf.Array([-1000] * 5)
            elif action == 3:
                font.BaseFont = pikepdf.Name("/" + "X" * 300)
            else:
                descendant = font.get("/DescendantFonts")
                if isinstance(descendant, pikepdf.Array) and len(descendant):
                    descriptor = descendant[0].get("/FontDescriptor")
                    if descriptor is not None and "/FontFile2" in descriptor:
                        descriptor.FontFile2.write(b"\x00\x01junk" * 10)
                if "/ToUnicode" in font:
                    font.ToUnicode.write(b"garbage beginbfchar <00> endbfrange")


def _script_and_attachment(pdf: pikepdf.Pdf, rng: random.Random) -> None:
    script = "app.alert('x'); this.exportDataObject({cName: '../../etc/x', nLaunch: 2});"
    action = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String(script))
    pdf.Root.OpenAction = action
    names = ["../../../tmp/riskrad_escape.pdf", "/etc/riskrad_escape", "bilaga.pdf"]
    spec = pikepdf.AttachedFileSpec(pdf, b"%PDF-1.4 not really\n" * rng.randint(1, 50))
    pdf.attachments[rng.choice(names)] = spec
    page = pdf.pages[0]
    page.obj.AA = pikepdf.Dictionary(O=action)


def _loops(pdf: pikepdf.Pdf, rng: random.Random) -> None:
    page = pdf.pages[rng.randrange(len(pdf.pages))]
    if rng.random() < 0.5:  # a form that draws itself
        form = pikepdf.Stream(pdf, b"q 0.9 0 0 0.9 5 5 cm /Loop Do Q")
        form.Type, form.Subtype = pikepdf.Name.XObject, pikepdf.Name.Form
        form.BBox = pikepdf.Array([0, 0, 600, 800])
        form_ref = pdf.make_indirect(form)
        form_ref.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Loop=form_ref))
        draw_xobject(pdf, page, "/Loop", form_ref)
    else:  # forms nested thousands deep
        inner: pikepdf.Object | None = None
        for _ in range(rng.choice([200, 2000, 5000])):
            form = pikepdf.Stream(pdf, b"q /In Do Q" if inner is not None else b"BT ET")
            form.Type, form.Subtype = pikepdf.Name.XObject, pikepdf.Name.Form
            form.BBox = pikepdf.Array([0, 0, 600, 800])
            if inner is not None:
                form.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(In=inner))
            inner = pdf.make_indirect(form)
        assert inner is not None
        draw_xobject(pdf, page, "/Deep", inner)


def structural(change: Callable[[pikepdf.Pdf, random.Random], None]) -> Mutator:
    """Given a change to a PDF's object graph, a byte mutator applying it."""

    def mutate(data: bytes, rng: random.Random) -> bytes:
        return with_pdf(data, change, rng)

    return mutate


MUTATIONS: dict[str, Mutator] = {
    "bit_flips": bit_flips,
    "truncation": truncation,
    "xref_damage": xref_damage,
    "stream_damage": stream_damage,
    "wrong_lengths": wrong_lengths,
    "odd_media_boxes": structural(_odd_boxes),
    "rotation_values": structural(_rotations),
    "huge_images": structural(_huge_image),
    "broken_fonts": structural(_broken_fonts),
    "javascript_attachments": structural(_script_and_attachment),
    "object_loops": structural(_loops),
}


# ---------------------------------------------------------------- the files


# Random draws tried on one source, before the next source of the pool, for a file whose
# bytes repeat an earlier file's (a mutation that is deterministic on its source).
DRAWS = 4


@dataclass(frozen=True, slots=True)
class FuzzFile:
    """One mutated file: its name, the mutation kind, the source, the seed and the draw."""

    name: str
    kind: str
    source: str
    seed: int
    draw: int = 0  # 0: the seed's first draw; n: the n-th draw again, its bytes being a repeat


@functools.cache
def page_count(path: Path) -> int:
    """Given a corpus PDF, its number of pages."""
    with pikepdf.open(path) as pdf:
        return len(pdf.pages)


def sources(scans_share: float) -> tuple[list[Path], list[Path]]:
    """Given nothing, the corpus PDFs read from their text layer, and those that need OCR."""
    files = sorted(CORPUS.rglob("*.pdf"))
    ocr = [p for p in files if re.search(r"_(scanned|eng_ocr_layer|broken_font)\.pdf$", p.name)]
    text = [p for p in files if p not in ocr]
    return text, ocr if scans_share > 0 else []


def plan(count: int, seed: int, scans_share: float = 0.03) -> list[FuzzFile]:
    """Given a file count and a seed, which mutation of which source each file is, each file's
    bytes distinct from all others' (so it mutates every file once to compare them)."""
    rng = random.Random(seed)
    text, ocr = sources(scans_share)
    kinds = list(MUTATIONS)
    files = []
    for n in range(count):
        kind = kinds[n % len(kinds)]
        pool = ocr if ocr and rng.random() < scans_share else text
        source = rng.choices(pool, weights=[1 / page_count(p) for p in pool])[0]
        files.append(
            FuzzFile(
                f"{n:05d}_{kind}.pdf",
                kind,
                source.relative_to(CORPUS).as_posix(),
                seed * 1_000_003 + n,
            )
        )
    return distinct(files, text, ocr)


def candidates(item: FuzzFile, pool: list[Path]) -> list[FuzzFile]:
    """Given a planned file and its source pool, the draws to try in turn: DRAWS on its own
    source, then DRAWS on each next source of the pool."""
    paths = [p.relative_to(CORPUS).as_posix() for p in pool]
    first = paths.index(item.source)
    return [
        replace(item, source=paths[(first + step) % len(paths)], draw=draw)
        for step in range(len(paths))
        for draw in range(DRAWS)
    ]


def distinct(files: list[FuzzFile], text: list[Path], ocr: list[Path]) -> list[FuzzFile]:
    """Given planned files, each one whose bytes repeat an earlier file's drawn again (see
    candidates) until they differ; a file no draw makes distinct is an error."""
    seen: set[bytes] = set()
    cache: dict[str, bytes] = {}
    out = []
    for item in files:
        pool = ocr if CORPUS / item.source in ocr else text
        for candidate in candidates(item, pool):
            data = cache.setdefault(candidate.source, (CORPUS / candidate.source).read_bytes())
            digest = hashlib.sha256(mutate(candidate, data)).digest()
            if digest not in seen:
                seen.add(digest)
                out.append(candidate)
                break
        else:
            raise RuntimeError(f"{item.name}: every draw repeats an earlier file's bytes")
    return out


def mutate(item: FuzzFile, data: bytes) -> bytes:
    """Given a planned file and its source's bytes, the mutated bytes."""
    rng = random.Random(item.seed if item.draw == 0 else f"{item.seed}/{item.draw}")
    try:
        return MUTATIONS[item.kind](data, rng)
    except Exception:  # a structural change pikepdf refuses: fall back to bit flips
        return bit_flips(data, rng)


def write_files(files: list[FuzzFile], folder: Path) -> None:
    """Given the planned files, write each mutation into the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    cache: dict[str, bytes] = {}
    for item in files:
        data = cache.setdefault(item.source, (CORPUS / item.source).read_bytes())
        (folder / item.name).write_bytes(mutate(item, data))


# ---------------------------------------------------------------- running riskrad

DRIVER = r"""
import json, sys, time
from pathlib import Path
from riskrad.model.settings import LimitSettings, OcrSettings, RunSettings
from riskrad.outputs import write_run
from riskrad.pipeline import RunResult, run
folder, out, start = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve(), int(sys.argv[3])
limits = json.loads(sys.argv[4])
settings = RunSettings(ocr=OcrSettings(dpi=int(sys.argv[5])), limits=LimitSettings(**limits))
names = sorted(p.name for p in folder.glob("*.pdf"))
single = out / f"in-{start}"
single.mkdir(parents=True, exist_ok=True)
combined = RunResult(settings=settings)
for index in range(start, len(names)):
    for old in single.iterdir():
        old.unlink()
    (single / names[index]).symlink_to(folder / names[index])
    print(json.dumps({"index": index, "name": names[index], "started": True}), flush=True)
    began = time.perf_counter()
    result = run(single, settings)
    seconds = time.perf_counter() - began
    for table in ("documents", "risks", "controls", "pages", "cells", "repairs"):
        getattr(combined, table).extend(getattr(result, table))
    print(json.dumps({"index": index, "name": names[index], "seconds": seconds}), flush=True)
write_run(out / f"out-{start}", combined, folder)
"""


def run_folder(
    folder: Path, out: Path, limits: dict[str, float], dpi: int, nice: int
) -> list[dict[str, object]]:
    """Given a folder of fuzz files, riskrad run over each; a driver that dies is a crash on
    the file it was reading, and a new driver goes on with the next file."""
    names = sorted(p.name for p in folder.glob("*.pdf"))
    outcomes: dict[int, dict[str, object]] = {}
    start = 0
    while start < len(names):
        command = [
            sys.executable,
            "-c",
            DRIVER,
            str(folder),
            str(out),
            str(start),
            json.dumps(limits),
            str(dpi),
        ]
        if nice:
            command = ["nice", "-n", str(nice), *command]
        env = {**os.environ, "RISKRAD_CACHE_DIR": str(out.parent / "ocr-cache")}
        proc = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
        current = start
        for line in proc.stdout.splitlines():
            if not line.startswith("{"):
                continue
            record = json.loads(line)
            current = int(record["index"])
            if not record.get("started"):
                outcomes[current] = record
                current += 1
        if current < len(names) and current not in outcomes:
            tail = proc.stderr.strip().splitlines()[-3:]
            outcomes[current] = {
                "index": current,
                "name": names[current],
                "crash": f"exit {proc.returncode}: {' | '.join(tail)}",
            }
            current += 1
        start = max(current, start + 1) if proc.returncode != 0 else len(names)
    written: dict[str, dict[str, str]] = {}
    for documents in sorted(out.glob("out-*/documents.csv")):
        with documents.open(encoding="utf-8", newline="") as handle:
            written.update({row["source_file"]: row for row in csv.DictReader(handle)})
    for record in outcomes.values():
        row = written.get(str(record["name"]))
        record["documents"] = [] if row is None else [{k: row[k] for k in ("status", "error")}]
    return [outcomes[i] for i in sorted(outcomes)]


def judge(record: dict[str, object]) -> dict[str, object]:
    """Given one file's run record, its verdict: status, crash, and whether the error helps."""
    if "crash" in record:
        return {"status": "crash", "seconds": 0.0, "helpful": False}
    docs = record.get("documents") or []
    assert isinstance(docs, list)
    doc = docs[0] if len(docs) == 1 else None
    if doc is None or not doc.get("status"):
        return {"status": "missing", "seconds": record.get("seconds", 0.0), "helpful": False}
    error = str(doc.get("error") or "")
    helpful = doc["status"] == "ok" or bool(ADVICE.search(error))
    unexpected = "unexpected error" in error or "please report it" in error
    return {
        "status": doc["status"],
        "seconds": record["seconds"],
        "helpful": helpful,
        "unexpected": unexpected,
    }


def summarise(
    files: list[FuzzFile], records: list[dict[str, object]]
) -> dict[str, dict[str, float]]:
    """Given the planned files and their records, counts per mutation kind."""
    kinds = {f.name: f.kind for f in files}
    table: dict[str, dict[str, float]] = {}
    for record in records:
        verdict = judge(record)
        row = table.setdefault(
            kinds[str(record["name"])],
            {
                "files": 0,
                "ok": 0,
                "partial": 0,
                "failed": 0,
                "crash": 0,
                "missing": 0,
                "unhelpful_error": 0,
                "unexpected_error": 0,
                "worst_seconds": 0.0,
            },
        )
        row["files"] += 1
        row[str(verdict["status"])] += 1
        row["unhelpful_error"] += 0 if verdict["helpful"] else 1
        row["unexpected_error"] += 1 if verdict.get("unexpected") else 0
        row["worst_seconds"] = max(row["worst_seconds"], float(verdict["seconds"]))  # type: ignore[arg-type]
    return dict(sorted(table.items()))


def print_table(table: dict[str, dict[str, float]]) -> None:
    """Given the counts per kind, them as a Markdown table on stdout, with a total row."""
    columns = [
        "files",
        "ok",
        "partial",
        "failed",
        "crash",
        "missing",
        "unhelpful_error",
        "unexpected_error",
        "worst_seconds",
    ]
    print("| kind | " + " | ".join(columns) + " |")
    print("|---|" + "---|" * len(columns))
    total = dict.fromkeys(columns, 0.0)
    for kind, row in table.items():
        print(
            f"| {kind} | "
            + " | ".join(
                f"{row[c]:.1f}" if c == "worst_seconds" else f"{int(row[c])}" for c in columns
            )
            + " |"
        )
        for c in columns:
            total[c] = max(total[c], row[c]) if c == "worst_seconds" else total[c] + row[c]
    print(
        "| **all** | "
        + " | ".join(
            f"{total[c]:.1f}" if c == "worst_seconds" else f"{int(total[c])}" for c in columns
        )
        + " |"
    )


def main(argv: list[str] | None = None) -> int:
    """Given command-line arguments, generate, run and report; exit 1 on any crash."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1100)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--out", type=Path, default=ROOT / "fuzz")
    parser.add_argument("--parts", type=int, default=10, help="drivers run one after the other")
    parser.add_argument("--only-part", type=int, default=None, help="run only this part (0-based)")
    parser.add_argument("--scans-share", type=float, default=0.03)
    parser.add_argument("--dpi", type=int, default=150, help="OCR resolution of the fuzz runs")
    parser.add_argument("--page-timeout", type=float, default=60.0)
    parser.add_argument("--nice", type=int, default=10)
    args = parser.parse_args(argv)
    files = plan(args.count, args.seed, args.scans_share)
    limits = {"page_seconds": args.page_timeout}
    records: list[dict[str, object]] = []
    for part in range(args.parts):
        if args.only_part is not None and part != args.only_part:
            continue
        chunk = files[part :: args.parts]
        folder = args.out / f"part{part:02d}"
        write_files(chunk, folder / "files")
        began = time.perf_counter()
        part_records = run_folder(folder / "files", folder, limits, args.dpi, args.nice)
        (folder / "records.jsonl").write_text("".join(json.dumps(r) + "\n" for r in part_records))
        print(
            f"part {part}: {len(part_records)} files in {time.perf_counter() - began:.0f} s",
            file=sys.stderr,
        )
        records += part_records
    for part in range(args.parts):  # earlier parts' records, when run one part at a time
        saved = args.out / f"part{part:02d}" / "records.jsonl"
        if args.only_part is not None and part != args.only_part and saved.exists():
            records += [json.loads(line) for line in saved.read_text().splitlines()]
    table = summarise(files, records)
    print_table(table)
    (args.out / "summary.json").write_text(json.dumps(table, indent=2))
    bad = sum(
        row["crash"] + row["missing"] + row["unhelpful_error"] + row["unexpected_error"]
        for row in table.values()
    )
    return 1 if bad else 0


if __name__ == "__main__":
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    sys.exit(main())
