"""Fast paths that must give what the plain code gives, value for value."""

from __future__ import annotations

import ctypes
import io
import itertools
import math
import pickle
import random
import re
import sys
import unicodedata
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from PIL import Image

from riskrad.extract.blocks import union_of
from riskrad.extract.page_decision import _WORD_RE, unmapped_char_count
from riskrad.extract.tables import nearest_index
from riskrad.extract.textlayer import drawn_objects
from riskrad.model import lexicon
from riskrad.model.records import BBox, Word, make_bbox, make_word, make_words
from riskrad.model.text import CID_GLYPH
from riskrad.normalize import levels

CORPUS_PDF = (
    Path(__file__).resolve().parents[1]
    / "corpus/Kalmar/2021/riskanalys_intern_kontrollplan_2021.pdf"
)


def nearest_by_min(bounds: tuple[float, ...], value: float) -> int:
    """Given sorted boundaries and a value, the nearest boundary's index as ``min`` finds it."""
    return min(range(len(bounds)), key=lambda i: abs(bounds[i] - value))


def compound_by_every_cut(word: str) -> bool:
    """Given a case-folded word, whether it is a compound as tried at every cut (the
    definition is_compound keeps while it tries only the cuts the store's trie offers)."""
    low, zipf = lexicon.COMPOUND_PART_MIN_LEN, lexicon.COMPOUND_PART_MIN_ZIPF
    for cut in range(low, len(word) - low + 1):
        head, tail = word[:cut], word[cut:]
        heads = [head] + ([head[:-1]] if head.endswith("s") and len(head) > 3 else [])
        if any(lexicon.web_zipf(h) >= zipf for h in heads) and (
            lexicon.web_zipf(tail) >= zipf or (len(tail) >= 2 * low and compound_by_every_cut(tail))
        ):
            return True
    return False


COMPOUNDS = [
    "riskanalys",
    "internkontrollplan",
    "kommunstyrelsens",
    "arbetsmarknadsnämnden",
    "verksamhetsplan",
    "uppföljningsrapport",
    "dokumenthanteringsplan",
    "ekonomistyrning",
    "myndighetsutövning",
    "ärendehanteringssystemet",
    "barnomsorgsavgifter",
    "löneutbetalningsrutiner",
    "skolskjutsar",
    "informationssäkerhetsarbete",
    "avtalstrohet",
    "kontrollmoment",
]


def test_a_compound_found_by_the_tries_cuts_is_one_found_at_every_cut() -> None:
    """is_compound tries only the cuts where the store's trie lists a head (or a head less
    a linking s): the same answer as every cut, for compounds, their å/ä/ö and a/o/e
    variants (what the route decision asks), their pieces, and random letters."""
    assert isinstance(lexicon._web_zipf(), lexicon.StoredMap)  # the trie's path is tested
    rnd = random.Random(11)
    words = set(COMPOUNDS)
    for word in COMPOUNDS:
        words.update(lexicon.diacritic_variants(word)[:60])
        words.update(word[i:] for i in range(1, len(word) - 5))
        words.update(word[:i] + "s" + word[i:] for i in range(3, len(word) - 3))
    words.update(
        "".join(rnd.choice("aeiouåäösrtnlkm") for _ in range(rnd.randint(6, 16)))
        for _ in range(400)
    )
    found = 0
    for word in sorted(words):
        assert lexicon.is_compound(word) == compound_by_every_cut(word), word
        found += lexicon.is_compound(word)
    assert found >= 100


def test_nearest_index_is_the_first_nearest_boundary() -> None:
    """Bisection gives min's answer: ties at midpoints, values on a boundary, outside the
    bounds, infinities and NaN, and large values whose distances round alike."""
    rnd = random.Random(7)
    for _ in range(20_000):
        k = rnd.randint(1, 12)
        mode = rnd.random()
        if mode < 0.3:
            bounds = tuple(sorted({round(rnd.uniform(0, 800), 1) for _ in range(k)}))
            value = rnd.choice(bounds) + rnd.choice([0.0, 0.05, -0.05, rnd.uniform(-60, 60)])
        elif mode < 0.6:
            bounds = tuple(sorted({float(rnd.randint(0, 20)) for _ in range(k)}))
            value = rnd.randint(-2, 22) + rnd.choice([0.0, 0.5, 0.25])
        elif mode < 0.8:
            base = rnd.choice([1e16, 1e17, 2.0**53])
            bounds = tuple(sorted({base + rnd.randint(0, 8) * 2.0 for _ in range(k)}))
            value = rnd.choice([-1e300, 1e300, base * 3, 0.0])
        else:
            bounds = tuple(sorted({rnd.uniform(0, 800) for _ in range(k)}))
            value = rnd.choice([math.inf, -math.inf, math.nan, rnd.uniform(-1, 801)])
        assert nearest_index(bounds, value) == nearest_by_min(bounds, value), (bounds, value)


def test_records_made_by_their_slots_are_the_records() -> None:
    """make_bbox / make_word give what the dataclasses' constructors give (equal, same
    hash and repr), and pickle rebuilds them equal."""
    box = make_bbox(1.5, 2.0, 30.25, 12.0)
    assert box == BBox(1.5, 2.0, 30.25, 12.0)
    assert hash(box) == hash(BBox(1.5, 2.0, 30.25, 12.0))
    word = make_word("Risk", box, "ocr", 0.5, 9.0, True, True)
    plain = Word("Risk", BBox(1.5, 2.0, 30.25, 12.0), "ocr", 0.5, 9.0, True, True)
    assert word == plain and hash(word) == hash(plain) and repr(word) == repr(plain)
    assert make_word("a", box) == Word("a", box)
    assert pickle.loads(pickle.dumps(plain)) == plain
    assert type(pickle.loads(pickle.dumps(plain)).bbox) is BBox


def test_words_made_a_column_at_a_time_are_the_words_made_one_by_one() -> None:
    """make_words gives what make_word(text, make_bbox(...), ...) gives for each word (equal,
    same repr and hash, -0.0 and NaN kept), with endless columns, and refuses columns of
    different lengths."""
    rnd = random.Random(10)
    values = [0.0, -0.0, 1.5, -3.25, 1e300, math.inf, math.nan, 7.0]
    count = 500
    texts = ["".join(rnd.choices("aåö-1 ", k=rnd.randint(0, 6))) for _ in range(count)]
    boxes = [[rnd.choice(values) for _ in range(count)] for _ in range(4)]
    origins = [rnd.choice(["text", "ocr"]) for _ in range(count)]
    confidences = [rnd.random() for _ in range(count)]
    sizes = [rnd.choice(values) for _ in range(count)]
    bolds = [rnd.random() < 0.5 for _ in range(count)]
    turneds = [rnd.random() < 0.2 for _ in range(count)]
    columns = (texts, *boxes, origins, confidences, sizes, bolds, turneds)
    made = make_words(*columns)  # type: ignore[arg-type]
    one_by_one = [
        make_word(t, make_bbox(a, b, c, d), o, k, z, bd, tn)  # type: ignore[arg-type]
        for t, a, b, c, d, o, k, z, bd, tn in zip(*columns, strict=True)
    ]
    assert repr(made) == repr(one_by_one)
    assert [hash(w) for w in made] == [hash(w) for w in one_by_one]
    assert all(type(w) is Word and type(w.bbox) is BBox for w in made)
    endless = make_words(
        texts[:3],
        *[b[:3] for b in boxes],
        itertools.repeat("text"),
        itertools.repeat(1.0),
        sizes[:3],
        bolds[:3],
        itertools.repeat(True),
    )
    assert repr(endless) == repr(
        [
            make_word(t, make_bbox(*box), "text", 1.0, z, bd, True)
            for t, *box, z, bd in zip(
                texts[:3], *[b[:3] for b in boxes], sizes[:3], bolds[:3], strict=True
            )
        ]
    )
    with pytest.raises(ValueError):
        make_words(texts, *boxes, origins, confidences, sizes[:-1], bolds, turneds)  # type: ignore[arg-type]


def test_reaching_a_zipf_is_the_best_zipf_reaching_it() -> None:
    """reaches_web_zipf tries compounds only where their 3 reaches the target: the same
    answer as best_web_zipf(words) >= target, at targets below, at and above 3."""
    rnd = random.Random(5)
    pool = list(COMPOUNDS)
    for word in COMPOUNDS:
        pool += [*lexicon.diacritic_variants(word)[:20], word[:4], word[:6], word[2:]]
    pool += ["och", "att", "risk", "kontroll", "xqzv", "hej", "nämnd", "namnd"]
    reached = 0
    for _ in range(3_000):
        words = rnd.sample(pool, rnd.randint(0, 6))
        target = rnd.choice([-1.0, 0.0, 1.5, 2.5, 3.0, 3.0000001, 3.5, 4.5, 6.0, 9.0])
        expected = lexicon.best_web_zipf(words) >= target
        assert lexicon.reaches_web_zipf(words, target) == expected, (words, target)
        reached += expected
    assert 300 <= reached <= 2_700


def variants_by_letters(word: str) -> list[str]:
    """Given a case-folded word, its a/o/e respelled with å/ä, ö, é, as diacritic_variants
    defines them: each combination of the letters' choices put in the word, the word itself
    left out, none for a word without such a letter or with more than MAX_VARIANT_SLOTS."""
    slots = [i for i, ch in enumerate(word) if ch in lexicon.DIACRITIC_VARIANTS]
    if not slots or len(slots) > lexicon.MAX_VARIANT_SLOTS:
        return []
    out = []
    for combo in itertools.product(*[lexicon.DIACRITIC_VARIANTS[word[i]] for i in slots]):
        chars = list(word)
        for i, ch in zip(slots, combo, strict=True):
            chars[i] = ch
        if "".join(chars) != word:
            out.append("".join(chars))
    return out


def test_variants_made_by_respelling_are_the_variants_by_letters() -> None:
    """diacritic_variants and unaccented_variants (made without é) give the variants by
    letters, in the same order, the latter less those holding é: on the compounds, words
    with é, å/ä/ö, 7 and 8 slots, and 2,000 random strings."""
    rnd = random.Random(11)
    words = [*COMPOUNDS, "", "x", "a", "e", "é", "café", "kafé", "åtgärd", "aoeaoea", "aoeaoeao"]
    words += ["".join(rnd.choices("aoeéåäösdkr6", k=rnd.randint(0, 9))) for _ in range(2_000)]
    counted = 0
    for word in words:
        expected = variants_by_letters(word)
        assert lexicon.diacritic_variants(word) == expected, word
        assert lexicon.unaccented_variants(word) == [v for v in expected if "é" not in v], word
        counted += len(expected)
    assert counted > 5_000


def unmapped_by_category(text: str) -> int:
    """Given text, its unmapped glyphs counted one character at a time, as
    unmapped_char_count defines them: (cid:N) by length, U+FFFD, private-use and surrogate
    characters, controls but tab, line feed and carriage return."""
    count = sum(len(m) for m in CID_GLYPH.findall(text))
    for ch in CID_GLYPH.sub("", text):
        category = unicodedata.category(ch)
        count += (
            ch == "\ufffd" or category in ("Co", "Cs") or (category == "Cc" and ch not in "\n\r\t")
        )
    return count


def test_unmapped_glyphs_counted_at_once_are_those_counted_one_by_one() -> None:
    """unmapped_char_count (printable texts less tabs and line breaks counted at once) gives
    the count by category on texts of Swedish, layout whitespace, (cid:N), U+FFFD, private
    use, controls (vertical tab, form feed, NEL, line and paragraph separators, which are not
    printable), surrogates and other unprintables; most texts are printable."""
    rnd = random.Random(13)
    parts = ["säkerställa", "Åtgärd", " ", "\n", "\t", "\r", "ok", "1,5", "(cid:12)"]
    odd = ["\ufffd", "\ue000", "\x07", "\x0b", "\x0c", "\x85", "\u2028", "\u2029", "\ud800"]
    odd += ["\u00ad", "\u200b", "\xa0", "\U000f0000", "\x1f", "\x7f"]
    printable = 0
    for _ in range(3_000):
        pool = parts + (odd if rnd.random() < 0.4 else [])
        text = "".join(rnd.choices(pool, k=rnd.randint(0, 30)))
        assert unmapped_char_count(text) == unmapped_by_category(text), repr(text)
        printable += unmapped_char_count(text) == text.count("(cid:12)") * 8
    assert 1_500 <= printable < 3_000


def test_a_union_of_boxes_at_once_is_the_union_in_turn() -> None:
    """union_of gives BBox.union taken box by box, to the float (ties of 0.0 and -0.0, NaN,
    infinities, a single box): compared by repr, which tells -0.0 and NaN apart."""
    rnd = random.Random(17)
    values = [0.0, -0.0, 1.5, -2.0, 3.25, math.nan, math.inf, -math.inf, 100.0]
    for _ in range(2_000):
        boxes = [make_bbox(*rnd.choices(values, k=4)) for _ in range(rnd.randint(1, 6))]
        in_turn = boxes[0]
        for box in boxes[1:]:
            in_turn = in_turn.union(box)
        at_once = union_of(boxes)
        sides = (at_once.x0, at_once.top, at_once.x1, at_once.bottom)
        assert repr(sides) == repr((in_turn.x0, in_turn.top, in_turn.x1, in_turn.bottom))


def test_words_split_at_whitespace_are_the_words_matched() -> None:
    """str.split() (the route decision's tokens) parts text where the word pattern (\\S+)
    does: the same whitespace among all code points, and the same words of random texts."""
    every = [chr(c) for c in range(sys.maxunicode + 1)]
    spaces = [c for c in every if len(f"a{c}b".split()) == 2]
    assert spaces == [c for c in every if _WORD_RE.fullmatch(c) is None]
    assert 25 <= len(spaces) < 40
    rnd = random.Random(19)
    for _ in range(2_000):
        text = "".join(rnd.choices(["å", "ok", "1", "-", *spaces], k=rnd.randint(0, 20)))
        assert text.split() == _WORD_RE.findall(text), repr(text)


def bands_by_windows(text: str) -> tuple[levels.Band, ...]:
    """Given a document's text, its stated bands as stated_bands defines them: each line's
    window (the line and the six before it) joined by spaces and searched for "risk"."""
    lines = text.splitlines()
    found: dict[str, levels.Band] = {}
    for index, line in enumerate(lines):
        if not re.search("risk", " ".join(lines[max(0, index - 6) : index + 1]), re.I):
            continue
        for band in levels._line_bands(line):
            if band.level in found and found[band.level] != band:
                return ()
            found[band.level] = band
    bands = tuple(found[level] for level in levels.LEVELS if level in found)
    if len(bands) < 2 or any(a.high is None or a.high >= b.low for a, b in pairwise(bands)):
        return ()
    top = bands[-1].high if bands[-1].high is not None else bands[-1].low
    return bands if top > 5 else ()


def test_bands_stated_near_a_risk_line_are_those_of_the_windows() -> None:
    """stated_bands (the last line saying "risk" seven lines back at most) gives the bands of
    the joined windows, on legends built at random from level lines, "risk" lines
    ("RISK", "ris" / "k" on two lines, "ſ" and the Kelvin sign, which the pattern's case
    folding matches) and filler, none to seven lines apart."""
    rnd = random.Random(23)
    levels_lines = ["Låg 1-3", "Medel 4-6", "Hög 8-12", "Mycket hög 13-25", "Hög 7-9", "Låg: 1–2"]
    risky = ["Riskvärde", "RISK", "ris", "k", "riſk", "RIS\u212a", "risken är"]
    filler = ["Kommunstyrelsen", "", "Sannolikhet 1-5", "4"]
    stated = 0
    for _ in range(3_000):
        text = "\n".join(rnd.choices(levels_lines + risky + filler * 2, k=rnd.randint(0, 16)))
        expected = bands_by_windows(text)
        assert levels.stated_bands(text) == expected, text
        stated += bool(expected)
    assert 100 <= stated <= 2_900


def grey_image(pdf: pdfium.PdfDocument, x: float, y: float) -> pdfium.PdfImage:
    """Given a document and a place on a page, a small grey image object set there."""
    image = pdfium.PdfImage.new(pdf)
    image.set_bitmap(pdfium.PdfBitmap.from_pil(Image.new("L", (20, 10), 128)))
    image.set_matrix(pdfium.PdfMatrix().scale(40, 20).translate(x, y))
    return image


def nested_forms_page() -> tuple[pdfium.PdfDocument, pdfium.PdfPage]:
    """Given nothing, a page holding an image and a form which holds an image and a form
    which holds a corpus page (its text and paths): objects one, two and three deep."""
    inner = pdfium.PdfDocument(CORPUS_PDF)
    middle = pdfium.PdfDocument.new()
    page = middle.new_page(595, 842)
    page.insert_obj(inner.page_as_xobject(0, middle).as_pageobject())
    page.insert_obj(grey_image(middle, 300, 300))
    page.gen_content()
    outer = pdfium.PdfDocument.new()
    page = outer.new_page(595, 842)
    page.insert_obj(middle.page_as_xobject(0, outer).as_pageobject())
    page.insert_obj(grey_image(outer, 50, 50))
    page.gen_content()
    saved = io.BytesIO()
    outer.save(saved)
    pdf = pdfium.PdfDocument(saved.getvalue())
    return pdf, pdf[0]


def test_drawn_objects_are_the_paths_and_images_pypdfium2_finds() -> None:
    """drawn_objects gives the path and image objects of pypdfium2's get_objects (filtered),
    the same handles in the same order, at each depth of forms; on the corpus pages too."""
    _pdf, page = nested_forms_page()  # the document kept while its page is read
    wanted = (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE)

    def address(raw: object) -> int | None:
        return ctypes.cast(raw, ctypes.c_void_p).value

    def both(page: pdfium.PdfPage, depth: int) -> tuple[list[tuple[int, int | None]], ...]:
        by_helpers = [
            (obj.type, address(obj.raw)) for obj in page.get_objects(filter=wanted, max_depth=depth)
        ]
        return by_helpers, [(kind, address(raw)) for kind, raw in drawn_objects(page, depth)]

    counts = []
    for depth in (1, 2, 3, 15):
        by_helpers, found = both(page, depth)
        assert found == by_helpers, depth
        counts.append(len(found))
    assert counts[0] == 1 and counts[1] == 2 and counts[2] == counts[3] > 10
    corpus = pdfium.PdfDocument(CORPUS_PDF)
    for index in range(len(corpus)):
        by_helpers, found = both(corpus[index], 2)
        assert found == by_helpers and found


def test_a_text_layer_page_sent_by_pickle_is_the_page() -> None:
    """A page goes from its reading child by pickle, its words as columns: the page that
    arrives equals the page read (every field, box and flag; repr too), with an OCR word
    and a turned one among them, and a page without words."""
    import pypdfium2 as pdfium

    from riskrad.extract.textlayer import TextLayerPage, read_text_layer

    pdf = pdfium.PdfDocument(CORPUS_PDF)
    pages = [read_text_layer(pdf[i], i + 1) for i in range(len(pdf))]
    pdf.close()
    odd = [
        make_word("ord", make_bbox(1.5, 2.0, 30.25, 12.0), "ocr", 0.42, 9.5, False, False),
        make_word("Risk", make_bbox(40.0, 2.0, 52.0, 60.0), "text", 1.0, 11.0, True, True),
    ]
    pages.append(replace(pages[0], words=tuple(odd)))
    pages.append(replace(pages[0], words=(), fills=()))
    for page in pages:
        back = pickle.loads(pickle.dumps(page, protocol=pickle.HIGHEST_PROTOCOL))
        assert type(back) is TextLayerPage and back == page and repr(back) == repr(page)
        assert all(type(w) is Word and type(w.bbox) is BBox for w in back.words)
    assert sum(len(p.words) for p in pages) > 500
