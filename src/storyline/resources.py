"""Reading the stages' data files (word lists, tables, rules) from the installed package.

Every data file opens with a FORMAT header of ``#`` comment lines; blank lines and
comment lines are skipped. Stages call these from their ``lexicon`` module and cache
what they build from them, so each file is read once per process.
"""
from __future__ import annotations

from importlib import resources


def data_text(package: str, name: str) -> str:
    """The whole text of ``<package>/data/<name>`` (for JSON data files)."""
    return resources.files(package).joinpath("data", name).read_text("utf-8")


def data_lines(package: str, name: str) -> list[str]:
    """The content lines of ``<package>/data/<name>``."""
    text = data_text(package, name)
    return [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


def data_rows(package: str, name: str, strip: bool = False) -> list[list[str]]:
    """The tab-separated cells of each content line (stripped of spaces when ``strip``)."""
    return [[c.strip() for c in ln.split("\t")] if strip else ln.split("\t")
            for ln in data_lines(package, name)]
