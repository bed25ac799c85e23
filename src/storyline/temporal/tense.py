"""Tense of the clause that governs a time expression.

With a spaCy doc: climb the dependency tree from the expression to its verb
and read the verb's tag and auxiliaries. Without one (text-only runs): look
for cue words in the sentence. Word lists live in ``data/tense.tsv``.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

PAST, PRESENT, FUTURE = "past", "present", "future"


@lru_cache(maxsize=1)
def _lists() -> dict[str, frozenset]:
    text = resources.files("storyline.temporal").joinpath("data", "tense.tsv").read_text(encoding="utf-8")
    out: dict[str, set] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, word = line.split("\t")[:2]
        out.setdefault(kind, set()).add(word.lower())
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _cue_patterns() -> tuple[re.Pattern, re.Pattern]:
    lists = _lists()

    def alt(words):
        return re.compile(r"(?<![\w'])(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
                          + r")(?!\w)", re.I)
    return alt(lists["future_cue"]), alt(lists["past_cue"])


def verb_tense(verb, depth: int = 0) -> str:
    """Tense of a spaCy verb token from its tag and auxiliaries."""
    lists = _lists()
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & lists["future_aux"] or any(
            a.tag_ == "MD" and a.lemma_.lower() in lists["future_aux"] for a in auxes):  # he'd = he would
        return FUTURE
    if verb.lemma_.lower() in lists["plan_verb"]:
        return FUTURE
    if "to" in words and verb.dep_ in ("xcomp", "ccomp", "advcl") and verb.head.lemma_.lower() in lists["future_verb"]:
        return FUTURE
    if "to" in words and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX", "ADJ"):
        return verb_tense(verb.head, depth + 1) if depth < 4 else ""
    tags = [verb.tag_] + [a.tag_ for a in auxes]
    if "VBD" in tags:
        return PAST
    if verb.tag_ == "VBN" and any(a.lemma_.lower() == "have" for a in auxes):
        return PAST
    if any(t in ("VBZ", "VBP") for t in tags):
        return PRESENT
    if verb.tag_ == "MD":
        return FUTURE if verb.lower_ in lists["future_aux"] else PRESENT
    return ""


def doc_tense(doc, start: int, end: int) -> str:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return ""
    tok = span.root
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ != "amod":
            break
        if tok.head.i == tok.i:
            break
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX"):
        return ""
    t = verb_tense(tok)
    if not t and tok.dep_ in ("conj", "xcomp", "advcl", "ccomp", "relcl", "acl") and tok.head.i != tok.i:
        t = verb_tense(tok.head)
    return t


def text_tense(sentence: str, start: int = -1, end: int = -1) -> str:
    """Tense from cue words, without a parser: the cue nearest the expression at
    ``start:end`` (offsets into ``sentence``) wins; without offsets, any future cue."""
    fut, past = _cue_patterns()
    cues = [(m.start(), m.end(), FUTURE) for m in fut.finditer(sentence)]
    cues += [(m.start(), m.end(), PAST) for m in past.finditer(sentence)]
    cues += [(m.start(), m.end(), PAST) for m in re.finditer(r"\b[a-z]{3,}ed\b", sentence)]
    cues = [c for c in cues if start < 0 or c[1] <= start or c[0] >= end]
    if not cues:
        return ""
    if start < 0:
        return FUTURE if any(c[2] == FUTURE for c in cues) else PAST

    def distance(c):
        return start - c[1] if c[1] <= start else c[0] - end + 0.5  # ties go to the left
    best = min(cues, key=distance)
    if best[2] == PAST and fut.search(sentence[max(0, best[0] - 16):best[0]]):
        return FUTURE  # "will be held", "would have ended": a participle under a future auxiliary
    return best[2]
