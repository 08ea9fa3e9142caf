"""Compiled builds of the text repair's hot modules (mypyc), the Python source the fallback.

The letter repair's time goes to plain Python loops over a token's letters, readings and
compound parts. mypyc (part of mypy) compiles the same source files, unchanged, into C
extensions. The build is made once (``python -m riskrad.model.native_build build``, run
by ``make native`` where a C compiler and Python's headers exist) into the cache folder,
in a folder named by a digest of the compiled modules' sources and the Python version.
It records the riskrad source files the compiled modules read types
from; a process loads the build only when the source it has still matches it, so an
edited source runs as Python until rebuilt. Without a build, with a damaged one, or
with $RISKRAD_NATIVE=0, the modules run as Python: the same source, so the same results.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.machinery
import importlib.util
import json
import os
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

from riskrad.model.cachedir import cache_root, find_cached, publishing

ENV_NATIVE = "RISKRAD_NATIVE"
BUILD_FORMAT = 2
# The modules compiled, in groups (one mypyc run each), each in import order: the store,
# loaded by the model package before anything imports it; the lexicon store's value
# decoders, loaded by lexicon.py; and the repair modules, loaded by the repair package.
# This module imports no other of riskrad than the standard-library-only cachedir (it
# runs while the model package is being imported).
STORE_MODULES = ("riskrad.model.wordstore",)
LEXICON_MODULES = ("riskrad.model.lexicon_values",)
REPAIR_MODULES = (
    "riskrad.normalize.repair.candidates",
    "riskrad.normalize.repair.letters",
    "riskrad.normalize.repair.lines",
    "riskrad.normalize.repair.chain",
)
GROUPS = (STORE_MODULES, LEXICON_MODULES, REPAIR_MODULES)
NATIVE_MODULES = STORE_MODULES + LEXICON_MODULES + REPAIR_MODULES
MANIFEST = "native.json"
PACKAGE_ROOT = Path(__file__).resolve().parent.parent
SOURCE_ROOT = PACKAGE_ROOT.parent


def _module_file(name: str) -> Path | None:
    """Given a riskrad module name, its source file (a package's __init__.py), or None."""
    path = SOURCE_ROOT.joinpath(*name.split("."))
    if (path / "__init__.py").exists():
        return path / "__init__.py"
    found = path.with_suffix(".py")
    return found if found.exists() else None


def _imported(path: Path, name: str) -> set[str]:
    """Given a module's source file and its name, the riskrad modules it imports (with
    every package above them)."""
    import ast

    found: set[str] = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            names = [base] + [f"{base}.{alias.name}" for alias in node.names]
        for imported in names:
            if imported.split(".")[0] == "riskrad":
                parts = imported.split(".")
                found.update(".".join(parts[:size]) for size in range(1, len(parts) + 1))
    return found


def source_files() -> list[Path]:
    """Given nothing, the riskrad source files the compiled modules are built from: theirs
    and those of every riskrad module they import, directly or not (sorted)."""
    todo = [part for name in NATIVE_MODULES for part in _with_packages(name)]
    seen: dict[str, Path] = {}
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        path = _module_file(name)
        if path is None:
            continue
        seen[name] = path
        todo.extend(_imported(path, name) - seen.keys())
    return sorted(seen.values())


def _with_packages(name: str) -> list[str]:
    """Given a module name, it and every package above it."""
    parts = name.split(".")
    return [".".join(parts[:size]) for size in range(1, len(parts) + 1)]


# The source files a build's name digests (globs under the source root): every riskrad
# module the compiled ones import, directly or not (build() fails when one is missing, and
# tests/test_native.py with it: add it here). An edit to any of them loads the Python source
# until `make native` builds again.
DIGESTED = (
    "riskrad/__init__.py",
    "riskrad/data.py",
    "riskrad/normalize/__init__.py",
    "riskrad/normalize/repair/*.py",
    *(
        f"riskrad/model/{name}.py"
        for name in (
            "__init__", "cachedir", "errors", "glued", "lexicon", "lexicon_tables",
            "lexicon_values", "native", "schema", "settings", "text", "wordstore",
        )
    ),
)


def digested_files() -> list[Path]:
    """Given nothing, the source files a build's name digests (sorted)."""
    return sorted({path for pattern in DIGESTED for path in SOURCE_ROOT.glob(pattern)})


def build_digest() -> str:
    """Given nothing, a digest of what a build is made from: the source files it is
    compiled from and the modules they import (DIGESTED) and the Python version (a build
    needs nothing of mypy once made)."""
    python = f"{sys.version} {sys.implementation.cache_tag}"
    digest = hashlib.sha256(f"v{BUILD_FORMAT} {python}".encode())
    digest.update(" ".join(NATIVE_MODULES).encode())
    for path in digested_files():
        digest.update(str(path.relative_to(SOURCE_ROOT)).encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def build_path(root: Path | None = None) -> Path:
    """Given a cache folder (riskrad's by default), where the build for this source lives."""
    return (cache_root() if root is None else root) / f"native-{_digest()[:24]}"


@cache
def _digest() -> str:
    """Given nothing, build_digest() once per process (every group asks)."""
    return build_digest()


def _current_build() -> Path | None:
    """Given nothing, the folder of a finished build for this source (in riskrad's cache
    folder, or in the default one when $RISKRAD_CACHE_DIR names another), or None."""
    return find_cached(build_path().name, MANIFEST)


def load_group(modules: tuple[str, ...]) -> tuple[str, ...]:
    """Given a group of GROUPS, load its compiled modules in place of their source when a
    build of this source exists, $RISKRAD_NATIVE is not 0 and none of them is imported yet;
    return the group's modules running compiled (none: they run as Python). Called by the
    package that imports the group's modules, before it does; called before that package
    is imported, it imports the package, which loads the group (a compiled module cannot
    be loaded before its package: it imports the package's other modules)."""
    package = modules[0].rpartition(".")[0]
    wanted = os.environ.get(ENV_NATIVE, "1") != "0"
    if package not in sys.modules:
        importlib.import_module(package)
    elif wanted and all(name not in sys.modules for name in modules):
        _load_build(modules)
    return compiled_modules(modules)


def _load_build(modules: tuple[str, ...]) -> None:
    """Given a group of GROUPS none of whose modules is imported, import its compiled
    modules from the build for this source, when there is one; nothing when the build is
    damaged (a file pruned, a bad manifest): the group runs as Python."""
    folder = _current_build()
    if folder is None:
        return
    loaded: list[str] = []
    try:
        groups: list[dict[str, str]] = json.loads(
            (folder / MANIFEST).read_text(encoding="utf-8")
        )
        for name, file in groups[GROUPS.index(modules)].items():  # the shared library first
            _load_extension(name, folder / file)
            loaded.append(name)
    except Exception:
        for name in loaded:
            sys.modules.pop(name, None)


def compiled_modules(modules: tuple[str, ...] = NATIVE_MODULES) -> tuple[str, ...]:
    """Given compiled modules' names (all of NATIVE_MODULES by default), those imported
    now that run compiled; imports and loads nothing."""
    return tuple(
        name for name in modules
        if isinstance(
            getattr(sys.modules.get(name), "__loader__", None),
            importlib.machinery.ExtensionFileLoader,
        )
    )


def _load_extension(name: str, path: Path) -> ModuleType:
    """Given a module name and a compiled extension's file, import it under that name."""
    loader = importlib.machinery.ExtensionFileLoader(name, str(path))
    spec = importlib.util.spec_from_file_location(name, path, loader=loader)
    if spec is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    parent, _, child = name.rpartition(".")
    if parent in sys.modules:
        setattr(sys.modules[parent], child, module)
    return module


def can_build() -> str | None:
    """Given nothing, why no build can be made here (no C compiler, no Python headers, no
    mypyc), or None when one can."""
    import shutil
    import sysconfig

    if shutil.which(os.environ.get("CC", "cc")) is None and shutil.which("gcc") is None:
        return "no C compiler (cc or gcc)"
    if not (Path(sysconfig.get_paths()["include"]) / "Python.h").exists():
        return f"no Python headers ({sysconfig.get_paths()['include']}/Python.h)"
    for module, package in (("mypyc", "mypy"), ("setuptools", "setuptools")):
        if importlib.util.find_spec(module) is None:
            return f"no {module} (pip install {package})"
    return None


def build(root: Path | None = None) -> Path:
    """Given a cache folder (riskrad's by default), compile the modules with mypyc into the
    build folder for this source (nothing when it exists); return the folder. The digested
    source files are copied to a scratch folder and compiled there, so the tree stays
    untouched; the folder appears whole, under a temporary name moved into place."""
    import shutil
    import subprocess
    import tempfile

    folder = build_path(root)
    if (folder / MANIFEST).exists():
        return folder
    reason = can_build()
    if reason is not None:
        raise RuntimeError(f"cannot compile the repair modules: {reason}")
    digested = digested_files()
    missing = sorted(set(source_files()) - set(digested))
    if missing:
        raise RuntimeError(f"the compiled modules import files DIGESTED leaves out: {missing}")
    with tempfile.TemporaryDirectory(prefix="riskrad-native-") as scratch:
        work = Path(scratch)
        for path in digested:
            target = work / path.relative_to(SOURCE_ROOT)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
        (work / "mypy.ini").write_text("[mypy]\nignore_missing_imports = True\n", encoding="utf-8")
        with publishing(folder, MANIFEST) as tmp:
            groups = []
            for modules in GROUPS:
                targets = [name.replace(".", "/") + ".py" for name in modules]
                subprocess.run(
                    [sys.executable, "-m", "mypyc", *targets],
                    cwd=work,
                    check=True,
                    stdout=subprocess.DEVNULL,
                )
                groups.append(_collect(work, tmp, modules))
            (tmp / MANIFEST).write_text(json.dumps(groups, indent=1), encoding="utf-8")
    return folder


def _collect(work: Path, folder: Path, modules: tuple[str, ...]) -> dict[str, str]:
    """Given mypyc's scratch folder after one group's run, a build folder and the group,
    move the compiled files into it (the scratch tree is Python again for the next run);
    return module name -> file, the shared library first, then the group's order."""
    import shutil

    files: dict[str, str] = {}
    for library in sorted(work.rglob("*__mypyc.*.so")):  # at the top, or in the package
        relative = library.relative_to(work)
        name = ".".join((*relative.parent.parts, library.name.split(".")[0]))
        file = f"{name}{''.join(library.suffixes)}"
        shutil.move(library, folder / file)
        files[name] = file
    for name in modules:
        package, _, leaf = name.rpartition(".")
        compiled = next(work.joinpath(*package.split(".")).glob(f"{leaf}.*.so"))
        file = f"{name}{''.join(compiled.suffixes)}"
        shutil.move(compiled, folder / file)
        files[name] = file
    shutil.rmtree(work / "build", ignore_errors=True)
    return files
