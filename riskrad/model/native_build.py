"""``python -m riskrad.model.native_build build|check``: compile the text repair's hot
modules (riskrad/model/native.py), or say whether this machine can.

A module of its own, so running it does not execute native.py a second time (the package
imports native.py first). A build that cannot be made or fails leaves the modules running
as Python: the command says why and exits 0, so ``make`` goes on."""

from __future__ import annotations

import sys

from riskrad.model.native import build, can_build


def main(command: list[str]) -> int:
    """Given the command's arguments, build or check; the exit status."""
    if command == ["check"]:
        why = can_build()
        print(why or "a C compiler, Python's headers and mypyc are here")
        return 1 if why else 0
    if command != ["build"]:
        print("usage: python -m riskrad.model.native_build build|check", file=sys.stderr)
        return 2
    why = can_build()
    if why is None:
        try:
            print(build())
        except Exception as error:  # the same source runs as Python; test_native fails on it
            why = f"the build failed: {error}"
    if why is not None:
        print(f"repair modules not compiled ({why}): they run as Python")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
