"""The package's layers: model at the bottom, extract and normalize on it, the application on top.

Every import between riskrad's own modules is read from the source (ast), so a
new module is checked without being listed anywhere.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "riskrad"
MODEL, STAGES, APPLICATION = 0, 1, 2


def module_files() -> dict[str, Path]:
    """Given the package folder (following its extract/normalize links), module name -> file."""
    found: dict[str, Path] = {}
    for folder, _dirs, files in os.walk(PACKAGE, followlinks=True):
        for name in files:
            if name.endswith(".py"):
                path = Path(folder) / name
                parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
                if parts[-1] == "__init__":
                    parts = parts[:-1]
                found[".".join(parts)] = path
    return found


def layer(module: str) -> int:
    """Given a riskrad module name, its layer."""
    parts = module.split(".")
    if len(parts) > 1 and parts[1] == "model":
        return MODEL
    if len(parts) > 1 and parts[1] in ("extract", "normalize"):
        return STAGES
    return APPLICATION


def riskrad_imports(module: str, path: Path) -> set[str]:
    """Given a module and its file, the riskrad modules it imports (absolute or relative)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module.split(".")[: -node.level or None]
                base = ".".join([*anchor, base]) if base else ".".join(anchor)
            names.add(base)
            names.update(f"{base}.{a.name}" for a in node.names)
    return {n for n in names if n == "riskrad" or n.startswith("riskrad.")}


MODULES = module_files()


def test_the_walk_sees_every_layer() -> None:
    layers = {layer(m) for m in MODULES}
    assert layers == {MODEL, STAGES, APPLICATION}
    assert "riskrad.extract.ocr" in MODULES and "riskrad.normalize.repair.chain" in MODULES


@pytest.mark.parametrize("module", sorted(m for m in MODULES if layer(m) < APPLICATION))
def test_no_import_runs_upward(module: str) -> None:
    own = layer(module)
    upward = []
    for target in riskrad_imports(module, MODULES[module]):
        if target == "riskrad" or target not in MODULES:
            if target == "riskrad":
                upward.append(target)  # the package root is the application's namespace
            continue
        if layer(target) > own:
            upward.append(target)
    assert not upward, f"{module} imports {upward} from a layer above it"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if layer(m) == STAGES))
def test_extract_and_normalize_import_only_the_model(module: str) -> None:
    side = module.split(".")[1]
    other = "normalize" if side == "extract" else "extract"
    crossing = [
        t for t in riskrad_imports(module, MODULES[module]) if t.startswith(f"riskrad.{other}")
    ]
    assert not crossing, f"{module} imports {crossing}"


def test_top_level_names_are_not_installed(tmp_path: Path) -> None:
    """`extract` and `normalize` exist only as riskrad.extract and riskrad.normalize."""
    code = (
        "import importlib.util as u, riskrad.extract, riskrad.normalize;"
        "print(u.find_spec('extract'), u.find_spec('normalize'))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "None None", out.stdout + out.stderr
