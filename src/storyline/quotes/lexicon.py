"""The quote stage's data files, loaded once (lazily) and cached.

- ``cues.tsv``: reporting expressions with their class and content frames;
- ``quote_marks.tsv``: quotation mark pairs;
- ``source_phrases.tsv``: prepositional attributions ("according to");
- ``noun_cues.tsv``: nouns naming what someone said ("his comments on ...");
- ``adjective_cues.tsv``: predicate adjectives of stance ("is critical of ...");
- ``topic_prepositions.txt``: prepositions introducing what speech is about;
- ``function_words.tsv``: closed-class words the rules test for.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from ..resources import data_rows


@dataclass(frozen=True)
class CueEntry:
    lemma: str  # the verb's lemma
    particle: str  # "" or the word that must accompany it ("out" in "point out")
    cls: str  # speech | thought | intent | evidence
    frames: frozenset[str]  # comp | inf | obj | prep
    preps: frozenset[str] = frozenset()  # prepositions of the prep frame (empty: the default)


@dataclass(frozen=True)
class MarkSet:
    double_open: frozenset[str]
    double_close: frozenset[str]
    single_open: frozenset[str]
    single_close: frozenset[str]
    pairs: dict  # opening -> set of closings


def _rows(name: str) -> list[list[str]]:
    return data_rows("storyline.quotes", name)


@functools.cache
def cues() -> dict[str, tuple[CueEntry, ...]]:
    """Verb lemma -> the cue entries headed by it (plain first, then with particles)."""
    table: dict[str, list[CueEntry]] = {}
    for row in _rows("cues.tsv"):
        words = row[0].split()
        preps = frozenset(p.strip() for p in row[3].split(",")) if len(row) > 3 else frozenset()
        entry = CueEntry(lemma=words[0], particle=" ".join(words[1:]), cls=row[1],
                         frames=frozenset(f.strip() for f in row[2].split(",")), preps=preps)
        table.setdefault(words[0], []).append(entry)
    return {k: tuple(sorted(v, key=lambda e: e.particle != "", reverse=True))
            for k, v in table.items()}


@functools.cache
def marks() -> MarkSet:
    pairs: dict[str, set[str]] = {}
    dopen, dclose, sopen, sclose = set(), set(), set(), set()
    for opening, closing, kind in (r[:3] for r in _rows("quote_marks.tsv")):
        pairs.setdefault(opening, set()).add(closing)
        (dopen if kind == "double" else sopen).add(opening)
        (dclose if kind == "double" else sclose).add(closing)
    return MarkSet(frozenset(dopen), frozenset(dclose), frozenset(sopen), frozenset(sclose),
                   {k: frozenset(v) for k, v in pairs.items()})


@functools.cache
def source_phrases() -> tuple[tuple[tuple[str, ...], str], ...]:
    """(words of the phrase, lowercased) and the preposition whose object is the source."""
    return tuple((tuple(r[0].lower().split()), r[1].strip().lower())
                 for r in _rows("source_phrases.tsv"))


@dataclass(frozen=True)
class NounCue:
    lemma: str
    cls: str
    links: frozenset[str]  # prepositions, and "that" for a that-clause


@functools.cache
def noun_cues() -> dict[str, NounCue]:
    return {r[0].strip(): NounCue(r[0].strip(), r[1].strip(),
                                  frozenset(x.strip() for x in r[2].split(",")))
            for r in _rows("noun_cues.tsv")}


@functools.cache
def adjective_cues() -> dict[str, NounCue]:
    return {r[0].strip(): NounCue(r[0].strip(), r[1].strip(),
                                  frozenset(x.strip() for x in r[2].split(",")))
            for r in _rows("adjective_cues.tsv")}


@functools.cache
def topic_prepositions() -> frozenset[str]:
    return frozenset(r[0].strip().lower() for r in _rows("topic_prepositions.txt"))


@functools.cache
def function_words(role: str) -> frozenset[str]:
    return frozenset(r[1].strip().lower() for r in _rows("function_words.tsv") if r[0] == role)
