"""The report's and review page's stylesheets and scripts, shipped as package data."""

from __future__ import annotations

from importlib import resources


def asset(name: str) -> str:
    """Given an asset file name in this folder ("review.css"), its text."""
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
