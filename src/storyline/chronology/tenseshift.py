"""One clause, two tenses: "Obama will visit the Gulf" in one article and "Obama visited the
Gulf" in another put the first article before the second.

``verb_tenses(doc, article_id)`` reads, from a spaCy parse, the tense of every verb whose
lemma is an event word of ``data/event_words.tsv`` (visit, meet, vote, close ...): future
(an auxiliary "will", or the "to"-complement of "plan", "expect", "be due", "be to"), past (a
simple past, a perfect, a past passive or progressive) or none (modals, present).
``tense_shift_pairs`` pairs a future reading in article A with a past reading of the same
lemma in article B when both sentences name the same proper name (``links.proper_names``):
A before B; a pair read both ways gives nothing. Measured and not used by default (it needs
the parse, and its precision is far below the bar: docs/evaluation/chronology.md).
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from ..records import DateBound
from ..resources import data_rows
from .lexicon import event_words
from .links import proper_names


@dataclass(frozen=True)
class VerbTense:
    article_id: str
    start: int  # the verb's offsets
    end: int
    lemma: str
    tense: str  # future | past
    sentence: tuple[int, int]


@lru_cache(maxsize=1)
def _words() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for kind, word in data_rows("storyline.chronology", "tense_verbs.tsv", strip=True):
        out[kind].add(word)
    return {k: frozenset(v) for k, v in out.items()}


def tense_of_verb(tok) -> str:
    """'future', 'past' or '' for a verb token of a spaCy parse."""
    w = _words()
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    low = {c.lower_ for c in auxes}
    if low & w["future_aux"]:
        return "future"
    if low & w["modal_aux"]:
        return ""
    if tok.tag_ == "VB" and "to" in low and tok.dep_ in ("xcomp", "ccomp"):
        gov = tok.head
        if gov.lemma_.lower() in w["future_governor"] or (gov.lemma_ == "be" and gov.tag_ in ("VBZ", "VBP")):
            return "future"  # "plans to visit", "is to visit", "is due to visit" (due: acomp of be)
    if tok.tag_ == "VB" and "to" in low and tok.head.lower_ == "due":
        return "future"
    if tok.tag_ == "VBD" and not auxes:
        return "past"
    if tok.tag_ in ("VBN", "VBG") and any(c.tag_ == "VBD" for c in auxes):
        return "past"  # "was taken", "had met", "was meeting"
    if tok.tag_ == "VBN" and any(c.lemma_ == "have" for c in auxes):
        return "past"  # "has met"
    return ""


def verb_tenses(doc, article_id: str) -> list[VerbTense]:
    """The future and past event verbs of a parsed article (pure: reads ``doc`` only)."""
    forms = event_words()
    out = []
    for sent in doc.sents:
        for tok in sent:
            if tok.pos_ != "VERB" or tok.lemma_.lower() not in forms:
                continue
            tense = tense_of_verb(tok)
            if tense:
                out.append(VerbTense(article_id, tok.idx, tok.idx + len(tok.text), tok.lemma_.lower(), tense,
                                     (sent.start_char, sent.end_char)))
    return out


def _names(text: str, span: tuple[int, int], names: frozenset[str]) -> frozenset[str]:
    words = re.findall(r"[A-Z][\w'.-]*", text[span[0]:span[1]])
    return frozenset(w.lower() for w in words if w.lower() in names)


def tense_shift_pairs(texts: dict[str, str], readings: dict[str, list[VerbTense]]) -> list[tuple[str, str, DateBound]]:
    """(before, after, evidence): a future event verb in ``before`` and the same lemma in the
    past in ``after``, the two sentences sharing a proper name."""
    names = proper_names(texts)
    by_lemma: dict[str, list[tuple[VerbTense, frozenset[str]]]] = defaultdict(list)
    for art, vs in readings.items():
        for v in vs:
            by_lemma[v.lemma].append((v, _names(texts[art], v.sentence, names)))
    found: dict[tuple[str, str], tuple[VerbTense, VerbTense, frozenset[str]]] = {}
    for lemma, lst in by_lemma.items():
        for f, fn in lst:
            if f.tense != "future":
                continue
            for p, pn in lst:
                if p.tense == "past" and p.article_id != f.article_id and fn & pn:
                    found.setdefault((f.article_id, p.article_id), (f, p, fn & pn))
    out = []
    for (a, b), (f, p, shared) in sorted(found.items()):
        if (b, a) in found:
            continue
        out.append((a, b, DateBound(a, "before_article", None, other_article=b, start=f.start, end=f.end,
                                    text=texts[a][f.sentence[0]:f.sentence[1]].strip()[:400], tense="future",
                                    rule=f"tense.future_then_past[{f.lemma}: {' '.join(sorted(shared)[:3])}]",
                                    confidence=0.6)))
    return out
