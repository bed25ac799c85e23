"""The entity layer's word lists, read once from ``entities/data/`` on first use.

Every file opens with a FORMAT comment; ``#`` lines and blank lines are skipped.
"""
from __future__ import annotations

from functools import lru_cache

from ..resources import data_lines, data_rows


def _lines(name: str) -> list[str]:
    return data_lines("storyline.entities", name)


def _table(name: str) -> list[list[str]]:
    return data_rows("storyline.entities", name, strip=True)


@lru_cache(maxsize=1)
def titles() -> frozenset[str]:
    return frozenset(ln.strip().lower() for ln in _lines("titles.txt"))


@lru_cache(maxsize=1)
def future_modifiers() -> frozenset[str]:
    return frozenset(ln.strip().lower() for ln in _lines("future_modifiers.txt"))


@lru_cache(maxsize=1)
def title_abbreviations() -> dict[str, str]:
    """"sen." -> "senator": what an abbreviated title stands for."""
    return {row[0].lower(): row[1].lower() for row in _table("title_abbreviations.tsv") if len(row) >= 2}


@lru_cache(maxsize=1)
def spelling_variants() -> tuple[frozenset[str], frozenset[frozenset[str]]]:
    """(letters that vary freely between romanizations of a name, pairs of letters that
    replace each other), from spelling_variants.tsv."""
    free: set[str] = set()
    pairs: set[frozenset[str]] = set()
    for row in _table("spelling_variants.tsv"):
        if len(row) >= 2 and row[1].strip() == "vowels":
            free |= set(row[0].strip().lower())
        elif len(row) >= 2 and row[1].strip() == "pair" and len(row[0].strip()) == 2:
            pairs.add(frozenset(row[0].strip().lower()))
    return frozenset(free), frozenset(pairs)


@lru_cache(maxsize=1)
def word_spellings() -> tuple[tuple[str, str], ...]:
    """(ending, the ending it is keyed as) of word_spellings.tsv, longest first."""
    rows = [(r[0].lower(), r[1].lower()) for r in _table("word_spellings.tsv") if len(r) >= 2]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


@lru_cache(maxsize=1)
def name_particles() -> frozenset[str]:
    return frozenset(ln.strip().lower() for ln in _lines("name_particles.txt"))


@lru_cache(maxsize=1)
def role_nouns() -> frozenset[str]:
    return frozenset(ln.strip().lower() for ln in _lines("role_nouns.txt"))


@lru_cache(maxsize=1)
def quantifiers() -> frozenset[str]:
    return frozenset(ln.strip().lower() for ln in _lines("quantifiers.txt"))


def quantified(tok) -> bool:
    """The noun is opened by a quantifier ("every other candidate"): a set, not one referent."""
    return any(c.dep_ in ("det", "predet") and c.lower_ in quantifiers() for c in tok.children)


@lru_cache(maxsize=1)
def honorifics() -> frozenset[str]:
    return frozenset(ln.strip().lower().rstrip(".") for ln in _lines("honorifics.txt"))


@lru_cache(maxsize=1)
def gender_words() -> dict[str, str]:
    return {row[0].lower(): row[1] for row in _table("gender.tsv") if len(row) >= 2}


@lru_cache(maxsize=1)
def speech_verbs() -> frozenset[str]:
    return frozenset(ln.strip().lower() for ln in _lines("speech_verbs.txt"))


@lru_cache(maxsize=1)
def nominal_heads() -> dict[str, str]:
    return {row[0].lower(): row[1] for row in _table("nominal_heads.tsv") if len(row) >= 2}


@lru_cache(maxsize=1)
def pronouns() -> dict[str, str]:
    return {row[0].lower(): row[1] for row in _table("pronouns.tsv") if len(row) >= 2}


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """demonym (as written, any case) -> country; keys lowercased."""
    return {row[0].lower(): row[1] for row in _table("demonyms.tsv") if len(row) >= 2}


@lru_cache(maxsize=1)
def metonyms() -> dict[str, tuple[str, str]]:
    """place name lowercased -> (country, kind)."""
    return {row[0].lower(): (row[1], row[2] if len(row) > 2 else "capital")
            for row in _table("metonyms.tsv") if len(row) >= 2}


@lru_cache(maxsize=1)
def aliases() -> dict[str, str]:
    return {row[0]: row[1] for row in _table("aliases.tsv") if len(row) >= 2}


@lru_cache(maxsize=1)
def inverted_heads() -> frozenset[str]:
    return frozenset(ln.strip().lower() for ln in _lines("inverted_heads.txt"))


@lru_cache(maxsize=1)
def org_suffixes() -> frozenset[str]:
    return frozenset(ln.strip().lower().rstrip(".") for ln in _lines("org_suffixes.txt"))


def country_of_demonym(word: str) -> str | None:
    return demonyms().get(word.lower())
