"""Actors' positions across articles: holders, timelines, changes.

Public functions (cross-article, on compact records):

* ``holder_entities(analyses, mention_entity) -> dict[(article_id, index), entity id]``
* ``positions_by_holder(analyses, mention_entity) -> dict[entity id, list[Position]]`` —
  every entity's positions, ``holder_entity`` filled, in article order.
* ``position_timeline(analyses, corpus, entity_id) -> list[Position]`` — the
  positions held by one entity, with ``holder_entity`` filled, in date order
  (undated ones last, in article order).
* ``detect_changes(positions) -> list[(Position, Position)]`` — pairs of
  positions of the same holder on the same topic whose stance toward the topic
  differs in sign (``polarity``: +1 for, -1 against), earlier first; two positions of
  one article on one date are a contrast, not a change, and a planned or hypothetical
  stance ("will expect Iran to pledge", "would reject") is not held.

A position's ``polarity`` is its net stance toward its topic: the stance's
sign (reject, oppose and criticize are against), times -1 if the stance is negated ("did not
rule out"), times -1 if the topic itself is negated ("that troops won't be
sent"). Topics are compared by their content words (lemma stems), so "sending
U.S. troops" and "U.S. troops won't be sent" share "troop" and "send".
"""
from __future__ import annotations

import dataclasses
import functools
import re
from collections import defaultdict

from ..stories.stem import stem
from .lexicon import stance_families

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
_STOP = frozenset("""a an the to of in on for and or but that this these those with from by as at
be is are was were been being have has had do does did not no n't won't will would can could
should may might must he she it they them his her its their there here what which who whom
any some such other also only just very more most than then so if into over under about
after before again against up down out off""".split())


def topic_terms(text: str) -> frozenset[str]:
    """Content-word stems of a topic."""
    words = (w.lower() for w in _WORD.findall(text))
    return frozenset(stem(w) for w in words if w not in _STOP and len(w) > 2)


def holder_entities(analyses, mention_entity) -> dict[tuple[str, int], str]:
    out = {}
    for a in analyses:
        ids = mention_entity.get(a.article.id, [])
        for i, p in enumerate(a.positions):
            if p.holder_mention is not None and p.holder_mention < len(ids) and ids[p.holder_mention]:
                out[(a.article.id, i)] = ids[p.holder_mention]
    return out


def positions_by_holder(analyses, mention_entity) -> dict[str, list]:
    """Entity id -> the positions that entity holds, ``holder_entity`` filled, in article order.
    Positions whose holder is no entity (an unresolved "who") are left out."""
    holders = holder_entities(analyses, mention_entity)
    out: dict[str, list] = defaultdict(list)
    for a in analyses:
        for i, p in enumerate(a.positions):
            eid = holders.get((a.article.id, i)) or p.holder_entity
            if eid:
                out[eid].append(dataclasses.replace(p, holder_entity=eid))
    return out


def _sort_key(p, order):
    return (p.date is None, p.date or "", order.get(p.article_id, 0), p.start)


def position_timeline(analyses, corpus, entity_id: str) -> list:
    analyses = list(analyses)
    order = {a.article.id: i for i, a in enumerate(analyses)}
    held = positions_by_holder(analyses, corpus.mention_entity).get(entity_id, [])
    return sorted(held, key=lambda p: _sort_key(p, order))


UNHELD = ("planned", "hypothetical")  # stance modalities that hold no position yet
MIN_SHARED_SHARE = 1 / 2  # topics share at least half of the shorter one's terms


def stance_words(p) -> tuple[str, str]:
    """How a position reads: the stance word as the text puts it ("not reject" when the word
    is negated) and its net direction on the topic ("for" / "against": "criticized the talks"
    is against them, not a negation)."""
    get = p.get if isinstance(p, dict) else functools.partial(getattr, p)  # a record or its dict
    stance = get("stance")
    return (f"not {stance}" if get("negated") else stance), ("for" if get("polarity") > 0 else "against")


def _terms(p) -> frozenset[str]:
    return frozenset(p.topic_lemmas) or topic_terms(p.topic)


def same_topic(a, b, min_shared: int = 2) -> bool:
    """The two topics share ``min_shared`` content terms (all of a shorter one's), and at least
    half of the shorter one's: two long topics sharing "hold" and "talks" are not one."""
    return _shared_enough(_terms(a), _terms(b), min_shared)


def _shared_enough(ta: frozenset, tb: frozenset, min_shared: int) -> bool:
    shared = ta & tb
    return (bool(shared) and len(shared) >= min(min_shared, len(ta), len(tb))
            and len(shared) >= MIN_SHARED_SHARE * min(len(ta), len(tb)))


def comparable(a, b) -> bool:
    """Stances of one family (``data/stance_families.tsv``): a demand and a rejection weigh
    one course of action, praise and criticism one conduct; a criticism and a threat do not."""
    families = stance_families()
    return families.get(a.stance, a.stance) == families.get(b.stance, b.stance)


def detect_changes(positions, min_shared: int = 2) -> list[tuple]:
    """Contradicting pairs (earlier, later) of one holder's positions. The same pair told by two
    copies of one report (same stances, polarities, dates and topic terms) is given once."""
    out, seen = [], set()
    plist = list(positions)
    terms = [_terms(p) for p in plist]  # once per position, not once per pair
    for i, a in enumerate(plist):
        for j in range(i + 1, len(plist)):
            b = plist[j]
            ha = a.holder_entity or a.holder_text
            hb = b.holder_entity or b.holder_text
            if not ha or ha != hb or a.polarity == b.polarity or not comparable(a, b):
                continue
            if a.modality in UNHELD or b.modality in UNHELD:
                continue  # "Russia will expect Iran to pledge ...": a stance not (yet) held
            if a.article_id == b.article_id and (a.date or "") == (b.date or ""):
                continue  # two stances of one report on one day: a contrast, not a change
            if _shared_enough(terms[i], terms[j], min_shared):
                key = ((a.stance, a.polarity, a.date, terms[i]), (b.stance, b.polarity, b.date, terms[j]))
                if key not in seen:
                    seen.add(key)
                    out.append((a, b))
    return out
