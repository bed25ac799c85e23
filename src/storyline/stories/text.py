"""Text utilities shared by threads and timeline summarization: content tokens,
sparse TF-IDF vectors, cosine similarity and a cheap sentence splitter.

Vectors are plain ``dict[str, float]`` (term -> weight), L2-normalized, so a
thread centroid or a date centroid is a small dict, cheap to keep and update.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache
from typing import Iterable, NamedTuple

from ..chronology.bounds import dateline_end, in_spans, page_cuts, sentence_datelines, story_mask
from ..resources import data_lines
from ..temporal.stamp import stamp_head_end
from .stem import stem

_WORD = re.compile(r"[a-z0-9]+")


def _data_lines(name: str) -> list[str]:
    return [ln.strip() for ln in data_lines("storyline.stories", name)]


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    return frozenset(_data_lines("stopwords.txt"))


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    return frozenset(_data_lines("abbreviations.txt"))


def content_tokens(text: str) -> list[str]:
    """Lowercase stemmed tokens of ``text`` without stop words or bare numbers
    shorter than four digits (PTB bracket tokens such as -LRB- are dropped too)."""
    return [f for f in map(_content_form, _WORD.findall(text.lower())) if f]


@lru_cache(maxsize=200_000)
def _content_form(tok: str) -> str:
    """What ``content_tokens`` keeps of one lowercase token ("" for nothing)."""
    if tok in stopwords() or tok in ("lrb", "rrb", "lsb", "rsb", "lcb", "rcb"):
        return ""
    if tok.isdigit() and len(tok) < 4:
        return ""
    return stem(tok) if len(tok) > 3 else tok


def idf_table(docs: Iterable[Iterable[str]]) -> tuple[dict[str, float], float]:
    """Smoothed IDF over token collections; returns (table, idf of an unseen term)."""
    df: Counter = Counter()
    n = 0
    for toks in docs:
        n += 1
        df.update(set(toks))
    table = {t: math.log((1 + n) / (1 + c)) + 1 for t, c in df.items()}
    return table, math.log(1 + n) + 1


def normalize(vec: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return {t: v / norm for t, v in vec.items()} if norm else {}


def tfidf(tokens: Iterable[str], idf: dict[str, float], unseen: float) -> dict[str, float]:
    tf = Counter(tokens)
    return normalize({t: (1 + math.log(c)) * idf.get(t, unseen) for t, c in tf.items()})


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b[t] for t, v in a.items() if t in b)


def centroid(vectors: Iterable[dict[str, float]]) -> dict[str, float]:
    total: Counter = Counter()
    for v in vectors:
        total.update(v)
    return normalize(dict(total))


_BOUNDARY = re.compile(r"[.!?]+(?:\s*(?:''|\"|'|\)|-RRB-))?(?=\s+(?:``|\"|'|\(|-LRB-)?\s*[A-Z0-9])")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Cheap sentence boundaries (char spans) for raw or PTB-tokenized text: a
    sentence ends at . ! or ? (with any closing quote) before a capitalized word,
    unless the period closes a title/abbreviation or a single initial."""
    abbr = abbreviations()
    spans, start = [], 0
    for m in _BOUNDARY.finditer(text):
        if text[m.start()] == "." and m.start() > 0 and not text[m.start() - 1].isspace():
            word = re.search(r"(\S+)$", text[start:m.start()])
            w = word.group(1) if word else ""
            if w in abbr or (len(w) == 1 and w.isupper()) or re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", w):
                continue
        end = m.end()
        if text[start:end].strip():
            s = start + (len(text[start:end]) - len(text[start:end].lstrip()))
            spans.append((s, end))
        start = end
    if text[start:].strip():
        s = start + (len(text[start:]) - len(text[start:].lstrip()))
        spans.append((s, len(text.rstrip())))
    return spans


def page_material(a, dateline_only: bool = False) -> list[tuple[int, int]]:
    """Spans of an article (an ``ArticleAnalysis``) that are not its story: the wire datelines
    ("HOUSTON (Reuters) -", at its head or opening a sentence of a page that holds several
    reports) and (unless ``dateline_only``) page material (``chronology.bounds.story_mask``:
    disclaimers, comments, captions). A name there is no actor of the story."""
    text = a.article.text
    spans = [] if dateline_only else story_mask(text, [(s.start, s.end) for s in a.sentences])
    head = dateline_end(text[:400])
    spans += [(0, head)] if head else []
    return spans + sentence_datelines(text, [(s.start, s.end) for s in a.sentences if s.start >= head])


class StorySpan(NamedTuple):
    """A sentence as a timeline shows it: ``start:end`` the words shown, ``story`` False for page
    material, ``days_from`` where the time expressions it names start to count (a page's date
    stamp counts, as it did before it was cut from the words shown; a wire dateline does not)."""

    index: int
    start: int
    end: int
    story: bool
    days_from: int


def story_spans(text: str, sentences) -> list[StorySpan]:
    """The sentences of ``text`` (spans ``sentences``) for a timeline or a summary: a wire
    dateline (the article's head, or one opening a sentence) is cut off the sentence holding
    it, and a sentence that is nothing but dateline is left out;
    a live page's entry time ("2358 The UN says ..."), a page's date stamp ("Page last updated
    at 10:41 GMT , Friday , 6 March 2026") and a page's own message (``boilerplate.tsv`` scope
    ``cut``) are cut too; ``story`` is False for a sentence starting in page material
    (``chronology.bounds.story_mask``: comments, disclaimers, captions), which may count what
    days the page names but is never shown as news."""
    sentences = list(sentences)
    cuts = page_cuts(text)
    page = [sp for sp in story_mask(text, sentences) if sp not in cuts]
    head = dateline_end(text[:400])
    stamps = [_LIVE_STAMP.match(text, s) for s, _ in sentences]
    live = sum(1 for m in stamps if m) >= LIVE_STAMPS
    out = []
    for i, (s, e) in enumerate(sentences):
        if s < head:
            s = head
        if dateline_end(text[s:e], whole=True) >= len(text[s:e].rstrip()):
            continue
        story = not in_spans(s, page)
        s += dateline_end(text[s:e])
        if live and stamps[i] and s < stamps[i].end():
            s = stamps[i].end()  # "2358 The port says ...": a live page's entry time
        days_from = s
        s += stamp_head_end(text[s:e])  # "Page last updated at 10:41 GMT , Friday , ..."
        s = next((ce for cs, ce in cuts if cs <= s < ce), s)  # "(an error occurred while processing ...)"
        if text[s:e].strip():
            out.append(StorySpan(i, s, e, story, days_from))
    return out


# A live page's entry time opening a sentence ("2358 The UN says ...", "14:05 GMT Rescuers ...");
# taken for one only on a page where LIVE_STAMPS sentences open with one (a year is no time).
_LIVE_STAMP = re.compile(r"(?:[01]\d|2[0-3]):?[0-5]\d(?:\s*(?:GMT|BST|UTC|[ECMP][SD]T|CET|CEST))?\s+(?=[A-Z`\"'])")
LIVE_STAMPS = 3


@lru_cache(maxsize=1)
def boilerplate_markers() -> tuple[str, ...]:
    # lines kept unstripped: a marker may carry edge spaces
    return tuple(m.lower() for m in data_lines("storyline.stories", "boilerplate.txt"))


_LETTERS = re.compile(r"[A-Za-z]+")


def is_clean_sentence(text: str) -> bool:
    """A plain statement fit for a timeline: no page boilerplate marker, not a
    question, and not garbled (many stray single letters, as from a mis-decoded
    foreign-language page)."""
    low = f" {text.lower()} "
    if any(m in low for m in boilerplate_markers()):
        return False
    if text.rstrip().rstrip("'\"` ").endswith("?"):
        return False
    words = _LETTERS.findall(text)
    if not words:
        return False
    stray = sum(1 for w in words if len(w) == 1 and w not in ("a", "A", "I"))
    return stray / len(words) < 0.15
