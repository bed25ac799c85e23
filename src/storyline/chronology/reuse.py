"""Sentences reused across articles: the same sentence, the same day.

News follow-ups and same-outlet rewrites copy sentences. When a sentence that names a day
("Ministers met on Monday", "With today 's announcement ...") is written, nearly word for
word, in two articles, its day cue names the same day in both: the two cues are linked
(``shared_sentence_links``, rule ``link.shared_sentence``) and join one day node of the
temporal network like any other link (``links.DayClusters``). Beside an anchor (a dated
article) this dates the undated copy: "today" in both means the same day, "on Monday" in
the anchor and "yesterday" in the copy put the copy on Tuesday.

Two sentences are near-duplicates when the shorter one shares at least ``MIN_SHARE`` of its
word 5-grams with the other and both have ``MIN_WORDS`` words or more. A cue is paired only
with the cue at the same place among the day cues of the copied sentence, never with a cue
whose weekday or date differs; a cue inside a quotation is not used (a quote is reused for
weeks, and its "today" is the day it was spoken, not the day of the copy).

``lede_pairs`` reads the same reuse for order ("yesterday's lede is today's background") and
is used by default (``infer.solve_docs``); ``shared_sentence_links`` was measured and is off
(it adds nothing the context links do not already join: docs/evaluation/chronology.md).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from ..records import DateBound
from .bounds import Cue, in_spans, story_parts
from .links import Link, aligned, day_key, refers_to_day

SHINGLE = 5
MIN_SHARE = 0.5
MIN_WORDS = 10
_TOKEN = re.compile(r"[a-z0-9]+")


def shingles(text: str, n: int = SHINGLE) -> tuple[int, frozenset[tuple[str, ...]]]:
    """Number of words of ``text`` and its word ``n``-grams (lower case, letters and digits)."""
    toks = _TOKEN.findall(text.lower())
    return len(toks), frozenset(zip(*(toks[i:] for i in range(n))))


def share(a: frozenset, b: frozenset) -> float:
    """Share of the smaller shingle set found in the other."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def in_quote(text: str, sentence: tuple[int, int], pos: int) -> bool:
    """Whether ``pos`` lies inside a quotation opened earlier in its sentence (PTB ```` ... ''``
    or straight double quotes)."""
    before = text[sentence[0]:pos]
    return before.count("``") > before.count("''") or before.count('"') % 2 == 1


@dataclass(frozen=True)
class _Sent:
    article: str
    span: tuple[int, int]
    words: int
    grams: frozenset


def _day_cues(texts: dict[str, str], cues: dict[str, list[Cue]]) -> dict[tuple[str, tuple[int, int]], list[int]]:
    """Per (article, sentence span): indices of its usable day cues, in text order."""
    out: dict[tuple[str, tuple[int, int]], list[int]] = defaultdict(list)
    for art, cs in cues.items():
        for i, c in enumerate(cs):
            if refers_to_day(c) and c.kind != "elapsed" and not in_quote(texts[art], c.sentence, c.start):
                out[(art, c.sentence)].append(i)
    return out


def _differ(ka, kb) -> bool:
    """Two day keys (``links.day_key``) that cannot name one day: other weekdays, other dates,
    or a full date and a date without a year on another month or day."""
    if not ka or not kb:
        return False
    if ka[0] == kb[0]:
        return ka != kb
    md = {k[0]: k[-2:] for k in (ka, kb) if k[0] in ("date", "md")}
    return len(md) == 2 and md["date"] != md["md"]


def shared_sentence_links(texts: dict[str, str], cues: dict[str, list[Cue]], weekday_of=None,
                          min_share: float = MIN_SHARE, min_words: int = MIN_WORDS) -> list[Link]:
    """Day cues of near-duplicate sentences in two articles: one link per cue pair."""
    by_sent = _day_cues(texts, cues)
    sents: list[_Sent] = []
    for (art, span) in by_sent:
        n, grams = shingles(texts[art][span[0]:span[1]])
        if n >= min_words and grams:
            sents.append(_Sent(art, span, n, grams))
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for k, s in enumerate(sents):
        for g in s.grams:
            index[g].append(k)
    out: list[Link] = []
    done: set[tuple[int, int]] = set()
    for k, s in enumerate(sents):
        cand = {m for g in s.grams for m in index[g] if m > k and sents[m].article != s.article}
        for m in sorted(cand):
            if (k, m) in done:
                continue
            done.add((k, m))
            t = sents[m]
            score = share(s.grams, t.grams)
            if score < min_share:
                continue
            ia, ib = by_sent[(s.article, s.span)], by_sent[(t.article, t.span)]
            if len(ia) != len(ib):
                continue  # the copy added or lost a day: which cue is which is not known
            for i, j in zip(ia, ib):
                ca, cb = cues[s.article][i], cues[t.article][j]
                ka, kb = day_key(ca), day_key(cb)
                if _differ(ka, kb) or aligned(ca, cb, weekday_of) is False:
                    continue
                out.append(Link((s.article, i), (t.article, j), round(score, 3), (ca.text, cb.text),
                                "link.shared_sentence"))
    out.sort(key=lambda l: -l.score)
    return out


LEDE = 3  # sentences that make an article's lede
LEDE_MIN_WORDS = 12
MAX_COPIES = 2  # a lede sentence found in more articles than this is stock text


def story_sentences(text: str, parts: tuple[list, list] | None = None) -> list[tuple[int, int]]:
    """Sentence spans of ``text`` outside page material, in order (``parts``: the spans and
    the page material of ``bounds.story_parts`` when already computed)."""
    spans, masked = parts or story_parts(text)
    if not masked:
        return list(spans)
    return [(s, e) for s, e in spans if not in_spans(s, masked)]


def lede_pairs(texts: dict[str, str], min_share: float = MIN_SHARE, lede: int = LEDE,
               min_words: int = LEDE_MIN_WORDS, max_copies: int = MAX_COPIES,
               parts: dict[str, tuple[list, list]] | None = None) -> list[tuple[str, str, DateBound]]:
    """"Yesterday's lede is today's background": a sentence in the first ``lede`` sentences of
    article A that article B copies below its own first ``lede`` sentences puts A no later
    than B, when at least ``min_share`` of the lede sentence's word 5-grams are in B's sentence
    and no more than ``max_copies`` articles copy it. A pair voted both ways (each article's
    lede in the other's body) gives nothing. Returns (before, after, evidence) with the offsets of A's lede sentence. ``parts``: per
    article, ``bounds.story_parts`` when already computed."""
    # index the word 5-grams of the lede sentences only; every sentence of every article is
    # then looked up in it (cheaper than indexing all sentences)
    ledes: dict[tuple[str, int], tuple[tuple[int, int], int]] = {}  # (article, i) -> span, 5-grams
    index: dict[tuple[str, ...], list[tuple[str, int]]] = defaultdict(list)
    bodies: dict[str, list[frozenset]] = {}
    for art, text in texts.items():
        rows = []
        for i, span in enumerate(story_sentences(text, (parts or {}).get(art))):
            n, grams = shingles(text[span[0]:span[1]])
            rows.append(grams if n >= min_words else frozenset())
            if i < lede and rows[-1]:
                ledes[(art, i)] = (span, len(grams))
                for g in grams:
                    index[g].append((art, i))
        bodies[art] = rows
    copies: dict[tuple[str, int], dict[str, tuple[float, int]]] = defaultdict(dict)  # lede -> copying article -> best
    for b, rows in bodies.items():
        for ib, grams in enumerate(rows):
            hits = Counter(key for g in grams for key in index.get(g, ()) if key[0] != b)
            for key, n in hits.items():
                score = n / ledes[key][1]  # how much of A's lede sentence B copies
                if score >= min_share and score > copies[key].get(b, (0.0,))[0]:
                    copies[key][b] = (score, ib)
    votes: dict[tuple[str, str], tuple[float, tuple[int, int], int, int]] = {}
    for (a, ia), found in copies.items():
        if len(found) > max_copies:
            continue  # page furniture or stock background, not one story's lede
        for b, (score, ib) in found.items():
            if ib >= lede and score > votes.get((a, b), (0.0,))[0]:  # deeper down in B than its lede
                votes[(a, b)] = (score, ledes[(a, ia)][0], ia, ib)
    out = []
    for (a, b), (score, span, ia, ib) in sorted(votes.items()):
        if (b, a) in votes:
            continue
        out.append((a, b, DateBound(a, "before_article", None, other_article=b, start=span[0], end=span[1],
                                    text=texts[a][span[0]:span[1]].strip()[:400],
                                    rule=f"reuse.lede_to_body[{score:.2f}: sentence {ia + 1} -> {ib + 1}]",
                                    confidence=0.6)))
    return out
