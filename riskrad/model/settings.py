"""Every setting of a run in one validated tree: :class:`RunSettings` and its stage parts.

Each stage reads its own part (``settings.decision``, ``settings.ocr``, ...); the stage
modules import their dataclass from here, so the tree sits in the model layer that
``extract`` and ``normalize`` may import. Every dataclass validates itself on creation
and names the bad value, as pdfplumber's ``TableSettings`` does. The tree is written
into ``run.json`` (:meth:`RunSettings.to_dict`), read back with
:meth:`RunSettings.from_dict`, and :meth:`RunSettings.fingerprint` is the sha256 of
the canonical JSON of every setting that can change a result (not ``jobs`` nor
``use_cache``), the key of the result cache.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import MISSING, dataclass, field, fields, is_dataclass
from typing import Any

# A field with this metadata key set to False does not change results (not fingerprinted).
AFFECTS_RESULTS = "affects_results"


def _bounded(default: Any, low: float | None = None, high: float | None = None, **meta: Any) -> Any:
    """Given a default and inclusive bounds, a dataclass field the validator checks."""
    return field(default=default, metadata={"low": low, "high": high, **meta})


def _check_value(owner: str, name: str, value: Any, default: Any, low: Any, high: Any) -> None:
    """Given a setting, raise ValueError naming it unless its type and bounds are right."""
    where = f"{owner}.{name}"
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ValueError(f"{where} must be a bool, got {value!r}")
        return
    if isinstance(default, int):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{where} must be an int, got {value!r}")
    elif isinstance(default, float):
        if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
            raise ValueError(f"{where} must be a number, got {value!r}")
    elif isinstance(default, str):
        if not isinstance(value, str) or not value:
            raise ValueError(f"{where} must be a non-empty string, got {value!r}")
    elif isinstance(default, tuple) and (
        not isinstance(value, tuple) or not all(isinstance(v, str) and v for v in value)
    ):
        raise ValueError(f"{where} must be a tuple of non-empty strings, got {value!r}")
    if low is not None and value < low:
        raise ValueError(f"{where} must be >= {low}, got {value!r}")
    if high is not None and value > high:
        raise ValueError(f"{where} must be <= {high}, got {value!r}")


def check_fields(settings: Any) -> None:
    """Given a settings dataclass, raise ValueError naming the first field of a wrong type
    or out of its bounds (the bounds are in each field's metadata)."""
    owner = type(settings).__name__
    for f in fields(settings):
        default = f.default if f.default is not MISSING else None
        _check_value(
            owner,
            f.name,
            getattr(settings, f.name),
            default,
            f.metadata.get("low"),
            f.metadata.get("high"),
        )


@dataclass(frozen=True, slots=True)
class TextLayerSettings:
    """How the text layer is read (extract/textlayer.py); lengths in PDF points."""

    bold_markers: tuple[str, ...] = ("bold", "black", "heavy", "semibold", "demi")
    bold_weight: int = _bounded(600, 100, 1000)
    min_ruling_length: float = _bounded(4.0, 0.0)  # shorter strokes are glyph parts
    max_ruling_thickness: float = _bounded(3.0, 0.0)  # a thicker filled shape is an area
    word_gap: float = _bounded(0.25, 0.0, 5.0)  # gap (share of font size) that splits words

    def __post_init__(self) -> None:
        check_fields(self)


def _check_share(name: str, value: float) -> None:
    """Given a setting's name and value, raise ValueError unless it is a share in [0, 1]."""
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"DecisionSettings.{name} must be in [0, 1], got {value!r}")


@dataclass(frozen=True, slots=True)
class DecisionSettings:
    """Thresholds of the text-layer-vs-OCR decision (shares are in 0..1)."""

    max_unmapped_share: float = 0.05
    scan_image_cover: float = 0.5
    min_words_on_scan: int = 25
    max_suspect_share: float = 0.06
    min_suspect_words: int = 2  # one odd token ("K1" read as "kl") is no OCR layer
    min_swedish_share: float = 0.6
    min_words_for_language: int = 8
    min_diacritic_rate: float = 0.006
    min_letters_for_diacritics: int = 400

    def __post_init__(self) -> None:
        for name in (
            "max_unmapped_share",
            "scan_image_cover",
            "max_suspect_share",
            "min_swedish_share",
            "min_diacritic_rate",
        ):
            _check_share(name, getattr(self, name))
        for name in (
            "min_words_on_scan",
            "min_words_for_language",
            "min_letters_for_diacritics",
            "min_suspect_words",
        ):
            value = getattr(self, name)
            if not isinstance(value, int) or value < 0:
                raise ValueError(f"DecisionSettings.{name} must be an int >= 0, got {value!r}")


@dataclass(frozen=True, slots=True)
class OcrSettings:
    """How pages are OCR'd (extract/ocr.py): Tesseract, the number re-read, ruling clean-up."""

    dpi: int = _bounded(300, 100, 600)
    lang: str = "swe"
    psm: int = _bounded(3, 0, 13)  # Tesseract page segmentation mode
    min_confidence: float = _bounded(0.0, 0.0, 100.0)  # Tesseract's 0..100 word confidence
    straighten: bool = True
    find_rulings: bool = True
    clean: bool = True  # before OCR: fills turned paper-white, found rulings painted out
    read_cells: bool = True  # table cells left empty by the page read are read one by one
    orient: bool = True  # pages scanned sideways or upside down turned upright (Tesseract OSD)
    orient_confidence: float = _bounded(0.6, 0.0, 1.0)  # below this, check a read's orientation
    second_opinion: bool = True  # re-read letter-free numbers with second_opinion_lang
    reread_fragments: bool = True  # lines of words read as fragments re-read piece by piece
    second_opinion_lang: str = "eng"
    crop_pad_px: int = _bounded(6, 0, 100)  # padding of a number's crop for the re-read
    ruling_tolerance_pt: float = _bounded(2.0, 0.0, 20.0)  # a "|" this near a ruling is ink
    edge_bar_pt: float = _bounded(6.0, 0.0, 30.0)  # a "|" at a word's edge this near a ruling

    def __post_init__(self) -> None:
        check_fields(self)


@dataclass(frozen=True, slots=True)
class TableSettings:
    """Tolerances of pdfplumber's ruled-table chain (extract/tables.py), in PDF points."""

    snap_tolerance: float = _bounded(3.0, 0.0, 50.0)
    join_tolerance: float = _bounded(3.0, 0.0, 50.0)
    intersection_tolerance: float = _bounded(3.0, 0.0, 50.0)
    boundary_tolerance: float = _bounded(2.5, 0.0, 50.0)  # cell edges this close are one

    def __post_init__(self) -> None:
        check_fields(self)


@dataclass(frozen=True, slots=True)
class BlockSettings:
    """How a page's words outside ruled tables become paragraphs (extract/blocks.py).

    ``margin_share``: top and bottom bands of the page (share of its height) where
    running headers and page numbers live; ``paragraph_gap``: a vertical gap above this
    share of the font size starts a paragraph; ``short_line_share``: a line ending this
    share of the text column's width early ends a paragraph.
    """

    margin_share: float = _bounded(0.07, 0.0, 0.5)
    paragraph_gap: float = _bounded(0.55, 0.0, 10.0)
    short_line_share: float = _bounded(0.25, 0.0, 1.0)

    def __post_init__(self) -> None:
        check_fields(self)


@dataclass(frozen=True, slots=True)
class UnruledSettings:
    """Tables without rulings, rebuilt from word positions under a header (extract/unruled.py).

    ``column_gap``: a gap wider than this many font sizes separates two header cells;
    ``row_gap``: a vertical gap wider than this many line heights ends the table;
    ``min_named``: named columns a header line needs; ``start_tolerance``: points a
    cell's text may start left of its column; ``section_max_words``: a line across
    columns this short is a section row, not prose; ``max_shift``: points a header-less
    part may stand left or right of its header's columns and still continue its table;
    ``header_lookahead``: body lines a header found through its body (narrow columns set
    closer than a column gap) is checked against; ``pitch_slack``: font sizes short of two
    line pitches that still count as a blank line between rows of a table without lines;
    ``row_padding``: font sizes of space beyond the pitch of wrapped text that mark a line
    filling two or more cells as a new row (cells padded apart).
    """

    column_gap: float = _bounded(0.8, 0.0, 10.0)
    row_gap: float = _bounded(1.6, 0.0, 20.0)
    min_named: int = _bounded(3, 1, 20)
    start_tolerance: float = _bounded(2.0, 0.0, 50.0)
    section_max_words: int = _bounded(10, 1)
    max_shift: float = _bounded(12.0, 0.0, 100.0)
    header_lookahead: int = _bounded(12, 1, 100)
    pitch_slack: float = _bounded(0.4, 0.0, 2.0)
    row_padding: float = _bounded(0.4, 0.0, 5.0)

    def __post_init__(self) -> None:
        check_fields(self)


@dataclass(frozen=True, slots=True)
class RecognizerSettings:
    """The general layout recognizer (extract/recognize/) and its no-silent-zero check.

    ``heading_size_ratio``: a paragraph this much larger than body text is a heading;
    ``heading_max_chars`` / ``title_max_chars``: longer paragraphs are prose;
    ``column_tolerance``: share of page width two tables' column borders may differ
    by and still be the same columns (a header stated once applies to both);
    ``announced_share``: a document announcing N risks ("26 riskpunkter"), or whose
    lines start with N distinct risk numbers ("R1 …"), but giving fewer than this share
    of N is partial;
    ``signal_pages_min``: pages showing risk content needed to call a document
    without rows partial.
    """

    heading_size_ratio: float = _bounded(1.15, 1.01, 3.0)
    heading_max_chars: int = _bounded(160, 1)
    title_max_chars: int = _bounded(220, 1)
    column_tolerance: float = _bounded(0.03, 0.0, 0.2)
    announced_share: float = _bounded(0.3, 0.01, 1.0)
    signal_pages_min: int = _bounded(1, 1)

    def __post_init__(self) -> None:
        check_fields(self)


@dataclass(frozen=True)
class LetterSettings:
    """Weights of the letter repair, in log10 units; validated on creation."""

    stay_stripped: float = 0.3
    stay_damaged: float = 1.0
    stay_clean: float = 3.5
    stay_compound: float = 0.1
    diacritic_stripped: float = 0.05
    diacritic_damaged: float = 0.3
    stripped_min_words: float = 8.0
    damaged_min_words: float = 3.0
    evidence_margin: float = 2.0
    min_candidate_zipf: float = 1.5
    min_unknown_score: float = 1.0
    context_weight: float = 1.0
    context_smoothing: float = 50.0
    english_margin: float = 1.5

    def __post_init__(self) -> None:
        """Given the settings, raise ValueError naming any weight that is not a float >= 0."""
        for name, value in vars(self).items():
            if not isinstance(value, float) or math.isnan(value) or value < 0:
                raise ValueError(f"LetterSettings.{name} must be a float >= 0, got {value!r}")


@dataclass(frozen=True, slots=True)
class MetadataSettings:
    """Tuning of metadata detection; validates itself and names a bad value."""

    head_lines: int = 15
    head_weight: int = 3
    standalone_weight: int = 2
    title_max_chars: int = 160
    title_max_words: int = 20
    title_extra_lines: int = 2
    near_title_lines: int = 3
    full_line_share: float = 0.85
    full_line_min_lines: int = 20
    min_year: int = 1990
    max_year: int = 2099
    min_municipality_weight: int = 2  # less text evidence is weak: the field stays empty
    min_passing_mentions: int = 3  # named only in running prose: this many mentions, else weak
    municipality_dominance: float = 2.0  # the leader must outweigh the runner-up this much
    organ_dominance: float = 1.5  # the most named organ must be named this much more

    def __post_init__(self) -> None:
        """Given the fields, raise ValueError naming the first bad one and its value."""
        for name in ("municipality_dominance", "organ_dominance"):
            if not getattr(self, name) >= 1.0:
                value = getattr(self, name)
                raise ValueError(f"MetadataSettings.{name} must be >= 1, got {value!r}")
        for name in (
            "head_lines",
            "title_max_chars",
            "title_max_words",
            "full_line_min_lines",
            "min_passing_mentions",
        ):
            if getattr(self, name) < 1:
                value = getattr(self, name)
                raise ValueError(f"MetadataSettings.{name} must be >= 1, got {value!r}")
        for name in ("head_weight", "standalone_weight", "title_extra_lines", "near_title_lines"):
            if getattr(self, name) < 0:
                value = getattr(self, name)
                raise ValueError(f"MetadataSettings.{name} must be >= 0, got {value!r}")
        if not 0.0 < self.full_line_share <= 1.0:
            raise ValueError(
                f"MetadataSettings.full_line_share must be in (0, 1], got {self.full_line_share!r}"
            )
        if not 1000 <= self.min_year <= self.max_year <= 9999:
            raise ValueError(
                "MetadataSettings.min_year/max_year must satisfy 1000 <= min <= max <= 9999, "
                f"got {self.min_year!r}/{self.max_year!r}"
            )


@dataclass(frozen=True, slots=True)
class LineageSettings:
    """Similarity threshold and stem matching of the lineage step."""

    threshold: float = 0.62
    prefix_match: float = 0.8
    min_prefix: int = 5
    fuzzy_ratio: float = 0.85
    fuzzy_min_length: int = 6

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold <= 1.0:
            raise ValueError(f"LineageSettings.threshold must be in (0, 1], got {self.threshold!r}")
        if not 0.5 <= self.prefix_match <= 1.0:
            raise ValueError(
                f"LineageSettings.prefix_match must be in [0.5, 1], got {self.prefix_match!r}"
            )
        if self.min_prefix < 2:
            raise ValueError(f"LineageSettings.min_prefix must be >= 2, got {self.min_prefix!r}")
        if not 0.5 <= self.fuzzy_ratio <= 1.0:
            raise ValueError(
                f"LineageSettings.fuzzy_ratio must be in [0.5, 1], got {self.fuzzy_ratio!r}"
            )
        if self.fuzzy_min_length < 3:
            raise ValueError(
                f"LineageSettings.fuzzy_min_length must be >= 3, got {self.fuzzy_min_length!r}"
            )


@dataclass(frozen=True, slots=True)
class TriageSettings:
    """Page triage of long scans (extract/triage.py): which OCR pages are OCR'd fully."""

    enabled: bool = True
    min_pages: int = _bounded(12, 1)  # a document with fewer OCR pages is OCR'd whole
    dpi: int = _bounded(72, 36, 150)  # the cheap pass's resolution
    metadata_pages: int = _bounded(3, 0, 20)  # the first pages, always OCR'd (metadata)
    min_horizontals: int = _bounded(3, 1)  # horizontal rulings that make a table
    min_verticals: int = _bounded(2, 1)  # vertical rulings that make a table
    min_column_lines: int = _bounded(4, 1)  # text lines in columns that make a table
    column_gap: float = _bounded(1.6, 0.5, 10.0)  # a column gap, in line heights
    min_list_lines: int = _bounded(6, 1)  # text lines a list page has at least
    list_share: float = _bounded(0.6, 0.0, 1.0)  # of them short (half the text's width)
    min_vocabulary: int = _bounded(4, 1)  # vocabulary words that pull in a page's neighbours
    neighbours: int = _bounded(1, 0, 5)
    header_read: bool = True  # read where a table page's tables start before full OCR
    read_dpi: int = _bounded(150, 72, 300)  # the resolution of those reads
    header_vocabulary: int = _bounded(1, 1)  # vocabulary words there that keep a table page
    top_vocabulary: int = _bounded(2, 1)  # words in a prose neighbour's top that pull it in

    def __post_init__(self) -> None:
        check_fields(self)


_RUN_ONLY = {AFFECTS_RESULTS: False}


@dataclass(frozen=True, slots=True)
class LimitSettings:
    """What one page and one document may cost (extract/limits.py); the defaults are far
    above any normal page.

    ``page_seconds``: CPU time for one page's text layer, or one page's render and OCR (its
    Tesseract included); a page whose worker uses no CPU for that long is stopped too.
    ``page_memory_mb``: memory one page may add (address space of its worker process).
    ``max_pages``: pages read per document (the rest are recorded as not read).
    ``max_image_pixels``: largest image on a page that is decoded for OCR.
    ``max_render_pixels``: a page rendered for OCR beyond this gets a lower resolution.
    ``enabled``: False reads pages in-process without time and memory bounds.
    """

    page_seconds: float = _bounded(300.0, 0.01)
    page_memory_mb: int = _bounded(4096, 64)
    max_pages: int = _bounded(2000, 1)
    max_image_pixels: int = _bounded(400_000_000, 1_000_000)
    max_render_pixels: int = _bounded(150_000_000, 1_000_000)
    enabled: bool = True

    def __post_init__(self) -> None:
        check_fields(self)


@dataclass(frozen=True, slots=True)
class RunSettings:
    """How a run behaves: run-wide options and one part per stage; validated on creation."""

    jobs: int = field(default=1, metadata=_RUN_ONLY)
    use_cache: bool = field(default=True, metadata=_RUN_ONLY)
    text_layer: TextLayerSettings = field(default_factory=TextLayerSettings)
    decision: DecisionSettings = field(default_factory=DecisionSettings)
    ocr: OcrSettings = field(default_factory=OcrSettings)
    tables: TableSettings = field(default_factory=TableSettings)
    blocks: BlockSettings = field(default_factory=BlockSettings)
    unruled: UnruledSettings = field(default_factory=UnruledSettings)
    recognizer: RecognizerSettings = field(default_factory=RecognizerSettings)
    letters: LetterSettings = field(default_factory=LetterSettings)
    metadata: MetadataSettings = field(default_factory=MetadataSettings)
    lineage: LineageSettings = field(default_factory=LineageSettings)
    limits: LimitSettings = field(default_factory=LimitSettings)
    triage: TriageSettings = field(default_factory=TriageSettings)

    def __post_init__(self) -> None:
        if isinstance(self.jobs, bool) or not isinstance(self.jobs, int) or self.jobs < 1:
            raise ValueError(f"RunSettings.jobs must be an int >= 1, got {self.jobs!r}")
        if not isinstance(self.use_cache, bool):
            raise ValueError(f"RunSettings.use_cache must be a bool, got {self.use_cache!r}")
        for f in fields(self):
            kind = _PARTS.get(f.name)
            value = getattr(self, f.name)
            if kind is not None and not isinstance(value, kind):
                raise ValueError(f"RunSettings.{f.name} must be a {kind.__name__}, got {value!r}")

    @property
    def dpi(self) -> int:
        """Given the settings, the OCR resolution (``ocr.dpi``)."""
        return self.ocr.dpi

    @property
    def ocr_lang(self) -> str:
        """Given the settings, the OCR language (``ocr.lang``)."""
        return self.ocr.lang

    def to_dict(self) -> dict[str, Any]:
        """Given the settings, the whole tree as plain JSON values (for run.json)."""
        return _plain(self)  # type: ignore[no-any-return]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RunSettings:
        """Given a tree as :meth:`to_dict` writes it (parts may be partial), the settings.

        An unknown key raises ValueError naming it, as a wrong value does.
        """
        parts: dict[str, Any] = {}
        for key, value in data.items():
            if key in _PARTS:
                parts[key] = _part_from_dict(_PARTS[key], key, value)
            elif key in ("jobs", "use_cache"):
                parts[key] = value
            else:
                raise ValueError(f"RunSettings has no setting {key!r}")
        return cls(**parts)

    def fingerprint(self) -> str:
        """Given the settings, the sha256 of the canonical JSON of every setting that can
        change a result (all but ``jobs`` and ``use_cache``)."""
        tree = {
            f.name: _plain(getattr(self, f.name))
            for f in fields(self)
            if f.metadata.get(AFFECTS_RESULTS, True)
        }
        canonical = json.dumps(tree, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
        return hashlib.sha256(canonical.encode("ascii")).hexdigest()


_PARTS: dict[str, type] = {
    "text_layer": TextLayerSettings,
    "decision": DecisionSettings,
    "ocr": OcrSettings,
    "tables": TableSettings,
    "blocks": BlockSettings,
    "unruled": UnruledSettings,
    "recognizer": RecognizerSettings,
    "letters": LetterSettings,
    "metadata": MetadataSettings,
    "lineage": LineageSettings,
    "limits": LimitSettings,
    "triage": TriageSettings,
}


def _plain(value: Any) -> Any:
    """Given a settings value, it as JSON values: dataclasses as dicts, tuples as lists."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def _part_from_dict(kind: type, name: str, data: Any) -> Any:
    """Given a part's class, its name and its JSON dict, the part (lists back to tuples)."""
    if not isinstance(data, dict):
        raise ValueError(f"RunSettings.{name} must be a mapping, got {data!r}")
    known = {f.name for f in fields(kind)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ValueError(f"{kind.__name__} has no setting {unknown[0]!r}")
    values = {k: tuple(v) if isinstance(v, list) else v for k, v in data.items()}
    return kind(**values)
