"""Data files of the search package, read once."""
from __future__ import annotations

import re
from functools import lru_cache

from ..resources import data_lines


def _lines(name: str) -> list[str]:
    return data_lines("storyline.search", name)


@lru_cache(maxsize=1)
def question_words() -> frozenset[str]:
    return frozenset(ln.strip().lower() for ln in _lines("question_words.txt"))


@lru_cache(maxsize=1)
def intents() -> dict[str, dict[str, float]]:
    """cue word -> {fact kind: boost} (several lines of one cue combine; highest boost wins)."""
    out: dict[str, dict[str, float]] = {}
    for ln in _lines("intents.tsv"):
        cue, kinds, boost = ln.split("\t")
        table = out.setdefault(cue.strip().lower(), {})
        for k in (k.strip() for k in kinds.split(",") if k.strip()):
            table[k] = max(table.get(k, 0.0), float(boost))
    return out


@lru_cache(maxsize=1)
def answer_forms() -> dict[str, re.Pattern]:
    """form name -> compiled pattern (``answer_forms.tsv``)."""
    return {name.strip(): re.compile(rx.strip(), re.IGNORECASE)
            for name, rx in (ln.split("\t", 1) for ln in _lines("answer_forms.tsv"))}
