"""Cheap views of a parsed doc for the per-article stages.

The text, joined once: spaCy rebuilds ``Doc.text`` from every token on each access (about 0.2 ms for a
600-token article), and the per-article stages ask for it many times; the first
call keeps it in the doc's own ``user_data``, so nothing outside the doc changes
(the pipeline records the parsed string there before the stages run: ``keep_text``).
"""
from __future__ import annotations

import numpy as np
from spacy.attrs import POS

_KEY = "storyline.text"


def keep_text(doc, text: str) -> None:
    """Record ``text`` as the doc's text: the string it was parsed from (so it is never
    joined). A string of another length than the doc's is not recorded."""
    last = doc[-1] if len(doc) else None
    if (last.idx + len(last.text_with_ws) if last is not None else 0) == len(text):
        doc.user_data[_KEY] = text


def doc_text(doc) -> str:
    """``doc.text``, computed once per doc."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text


def tokens_with_pos(doc, tags: frozenset[str]) -> list:
    """The tokens whose coarse part of speech (``pos_``) is one of ``tags``, in order: read
    from the doc's POS array at once, so stages that look only at verbs and nouns do not
    visit every token."""
    ids = [doc.vocab.strings[t] for t in tags]
    return [doc[i] for i in np.flatnonzero(np.isin(doc.to_array(POS), ids)).tolist()]
