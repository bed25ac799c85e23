"""Cheap views of a parsed doc for the per-article stages.

What several stages ask of a doc is computed once and kept in the doc's own
``user_data``, so nothing outside the doc changes: its text (spaCy rebuilds ``Doc.text``
from every token on each access, about 0.2 ms for a 600-token article; the pipeline
records the parsed string there before the stages run, ``keep_text``) and its line
breaks. ``tokens_with_pos`` reads the doc's part-of-speech array at once.
"""
from __future__ import annotations

import numpy as np
from functools import lru_cache

from spacy.attrs import IS_SPACE, LOWER, POS, TAG
from spacy.parts_of_speech import IDS as POS_IDS

_KEY = "storyline.text"
_BREAKS = "storyline.line_breaks"


def _kept(doc, key: str, compute):
    """``doc.user_data[key]``, computed by ``compute(doc)`` the first time."""
    value = doc.user_data.get(key)
    if value is None:
        value = doc.user_data[key] = compute(doc)
    return value


def cached(doc, key: str, compute):
    """What ``compute(doc)`` gives, computed once per doc and kept in its ``user_data`` under
    ``key`` (for views several stages ask for, such as the quotation spans)."""
    return _kept(doc, key, compute)


def keep_text(doc, text: str) -> None:
    """Record ``text`` as the doc's text: the string it was parsed from (so it is never
    joined). A string of another length than the doc's is not recorded."""
    last = doc[-1] if len(doc) else None
    if (last.idx + len(last.text_with_ws) if last is not None else 0) == len(text):
        doc.user_data[_KEY] = text


def doc_text(doc) -> str:
    """``doc.text``, computed once per doc."""
    return _kept(doc, _KEY, lambda d: d.text)


def line_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The offsets of the line of ``text`` holding ``start:end`` (without its newline)."""
    hi = text.find("\n", end)
    return text.rfind("\n", 0, start) + 1, len(text) if hi < 0 else hi


def line_breaks(doc) -> list[int]:
    """Indices of the tokens holding a line break, ascending. The tokenizer gives line
    breaks tokens of their own, flagged as space."""
    return _kept(doc, _BREAKS, lambda d: [i for i in d.to_array(IS_SPACE).nonzero()[0].tolist()
                                           if "\n" in d[i].text])


def tokens_with_pos(doc, tags: frozenset[str], fine: frozenset[str] = frozenset()) -> list:
    """The tokens whose coarse part of speech (``pos_``) is one of ``tags``, or whose fine
    tag (``tag_``) is one of ``fine``, in order: read from the doc's POS (and TAG) arrays at
    once, so stages that look only at verbs and nouns do not visit every token."""
    pos = doc.to_array(POS)
    if not len(pos):
        return []
    mask = _mask(tags)
    if int(pos.max()) >= len(mask):  # not a part-of-speech symbol: no tag of ``tags``
        pos = np.where(pos < len(mask), pos, 0)
    keep = mask[pos]
    if fine:
        strings = doc.vocab.strings
        keep |= np.isin(doc.to_array(TAG), np.array([strings[t] for t in fine], dtype=np.uint64))
    return [doc[i] for i in np.flatnonzero(keep).tolist()]


def tokens_with_lower(doc, words: frozenset[str]) -> list:
    """The tokens whose lower-case form is one of ``words``, in order (read from the doc's
    LOWER array at once)."""
    low = doc.to_array(LOWER)
    if not len(low):
        return []
    strings = doc.vocab.strings
    hashes = np.array([strings[w] for w in words], dtype=low.dtype)
    return [doc[i] for i in np.flatnonzero(np.isin(low, hashes)).tolist()]


@lru_cache(maxsize=64)
def _mask(tags: frozenset[str]) -> np.ndarray:
    """A boolean table over part-of-speech symbols: True at those of ``tags`` (a table lookup
    per token instead of a set test). The symbols are the same in every vocabulary."""
    ids = [POS_IDS[t] for t in tags]
    mask = np.zeros(max(list(POS_IDS.values()) + ids) + 1, dtype=bool)
    mask[ids] = True
    return mask
