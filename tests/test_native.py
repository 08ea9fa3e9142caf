"""The text repair's compiled modules (riskrad/model/native.py) give what their source gives."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from riskrad.model import native
from riskrad.model.cachedir import default_cache_root

ROOT = Path(__file__).resolve().parent.parent

# Repairs every line of the repair cases, the bench's speed texts (clean, stripped of
# å/ä/ö, English-model OCR) and its training OCR pages; prints the modules loaded
# compiled, then a digest of every repaired text, its plan and every token's reading.
DIGEST_SCRIPT = """
import hashlib, sys
sys.path.insert(0, "bench")
import repair_bench as rb
from riskrad.model.native import compiled_modules
from riskrad.normalize.repair import explain, repair_text
from riskrad.normalize.repair.letters import _WORD_OR_NUMBER, _reading
print(" ".join(compiled_modules()))
texts = []
for line in open("tests/data/repair_cases.tsv", encoding="utf-8"):
    if line.strip() and not line.startswith("#"):
        texts.append(line.split("\\t")[1].replace("\\\\n", "\\n"))
for mode in rb.SPEED_MODES:
    texts += [line for text in rb.speed_texts(mode) for line in text.split("\\n")]
texts += [ocr for _, ocr in rb.read_ocr_pages(rb.OCR_TRAIN_PAIRS.with_suffix(".pages.txt"))]
digest = hashlib.sha256()
for text in texts:
    repaired = repair_text(text)
    digest.update(repr((repaired.text, explain(repaired))).encode())
    for match in _WORD_OR_NUMBER.finditer(text):
        digest.update(repr(_reading(match.group(0))).encode())
print(len(texts), digest.hexdigest())
"""


def _digest(compiled: bool) -> tuple[str, str]:
    """Given whether to load the compiled modules, run DIGEST_SCRIPT in a fresh process;
    return (the modules it loaded compiled, the texts' count and digest)."""
    env = {**os.environ, native.ENV_NATIVE: "1" if compiled else "0"}
    done = subprocess.run(
        [sys.executable, "-c", DIGEST_SCRIPT], cwd=ROOT, env=env, capture_output=True,
        text=True, check=True,
    )
    loaded, digest = done.stdout.splitlines()[-2:]
    return loaded, digest


@pytest.fixture(scope="module")
def built() -> Path:
    """The build for this source in the default cache folder, made here when missing (a C
    compiler and Python's headers are needed: `make native` installs them)."""
    try:
        return native.build(default_cache_root())
    except RuntimeError as error:
        pytest.fail(str(error))


def _run(code: str, **env: str) -> list[str]:
    """Given Python code and environment settings, run it in a fresh process from the
    repository; its output lines."""
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env={**os.environ, **env},
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_the_compiled_repair_gives_what_its_python_source_gives(built: Path) -> None:
    """The build for this source is loaded, and repairs, plans and readings are the Python
    source's, byte for byte."""
    compiled, python = _digest(True), _digest(False)
    assert compiled[0].split() == list(native.NATIVE_MODULES)
    assert python[0] == ""
    assert int(compiled[1].split()[0]) > 1000
    assert compiled[1] == python[1]


def test_a_build_is_named_by_every_source_it_is_compiled_from() -> None:
    """The modules the compiled ones import, directly or not, are all among the files the
    build's name digests (an edit to any of them loads the Python source until rebuilt)."""
    sources = native.source_files()
    names = {str(path.relative_to(ROOT)) for path in sources}
    assert {"riskrad/normalize/repair/candidates.py", "riskrad/model/lexicon.py",
            "riskrad/model/wordstore.py", "riskrad/normalize/repair/model.py"} <= names
    assert set(sources) <= set(native.digested_files())


def test_the_repair_group_loaded_before_its_package_is_imported_runs_compiled(
    built: Path,
) -> None:
    # a compiled module imports its package's other modules, so the package is imported
    # first (it loads the group); loading the group ahead of it ran the repair as Python
    code = (
        "from riskrad.model.native import REPAIR_MODULES, compiled_modules, load_group; "
        "print(' '.join(load_group(REPAIR_MODULES))); "
        "from riskrad.normalize.repair import repair_text; "
        "print(' '.join(compiled_modules(REPAIR_MODULES)), repair_text('sakerstalla').text)"
    )
    modules = " ".join(native.REPAIR_MODULES)
    assert _run(code, **{native.ENV_NATIVE: "1"}) == [modules, f"{modules} säkerställa"]


def test_asking_which_modules_run_compiled_loads_nothing(built: Path) -> None:
    code = (
        "import sys; from riskrad.model.native import compiled_modules; "
        "print(' '.join(compiled_modules()), 'riskrad.normalize' in sys.modules); "
        "import riskrad.normalize.repair; print(' '.join(compiled_modules()))"
    )
    assert _run(code, **{native.ENV_NATIVE: "1"}) == [
        f"{' '.join(native.STORE_MODULES)} False", " ".join(native.NATIVE_MODULES),
    ]
    assert _run(code, **{native.ENV_NATIVE: "0"}) == [" False", ""]


def test_a_damaged_build_leaves_the_modules_running_as_python(tmp_path: Path) -> None:
    # a build folder whose manifest is unreadable (a file pruned, a copy cut short): the
    # package still imports and the repair runs as its Python source
    folder = native.build_path(tmp_path)
    folder.mkdir(parents=True)
    (folder / native.MANIFEST).write_text("not json", encoding="utf-8")
    code = (
        "import riskrad.model; from riskrad.normalize.repair import repair_text; "
        "from riskrad.model.native import compiled_modules; "
        "print(repr(compiled_modules()), repair_text('sakerstalla').text)"
    )
    env = {**os.environ, "RISKRAD_CACHE_DIR": str(tmp_path), native.ENV_NATIVE: "1"}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[0] == "()"
