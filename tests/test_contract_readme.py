"""The README documents exactly the contract riskrad.model.schema defines."""

from __future__ import annotations

from pathlib import Path

from riskrad.contract_doc import BEGIN, END, contract_markdown

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_column_tables_match_the_schema() -> None:
    text = README.read_text("utf-8")
    start, end = text.index(BEGIN), text.index(END) + len(END)
    assert text[start:end] == contract_markdown(), (
        "README's column tables differ from riskrad/schema.py: "
        "regenerate with `.venv/bin/python -m riskrad.contract_doc`"
    )


def test_readme_shows_the_two_commands_first() -> None:
    text = README.read_text("utf-8")
    first_block = text.split("```", 2)[1]
    assert "make extract" in first_block and "make test" in first_block


def test_readme_embeds_the_tested_using_the_data_section() -> None:
    """docs/using_the_data.md is what tests/test_using_the_data.py runs; README shows it."""
    doc = (README.parent / "docs" / "using_the_data.md").read_text("utf-8").rstrip()
    assert doc in README.read_text("utf-8")
