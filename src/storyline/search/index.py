"""An in-memory index over stored results: who is mentioned where, which facts
sit in which sentence, which articles a thread holds.

Built once from ``storyline.library.Results`` (all fields read from the
records; empty lists are fine) and shared by search, ask, the web app and the
JSON API.
"""
from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass

from ..records import Article, ArticleAnalysis, Entity, Sentence
from ..stories.timeline import article_days


@dataclass(frozen=True)
class Fact:
    """A quote, event mention or position, located in its sentence.

    ``index`` is the record's position in the article's list; ``holder`` the
    entity id of the speaker / position holder (None when unresolved);
    ``entities`` every entity the fact involves.
    """

    kind: str  # quote | event | position
    article_id: str
    index: int
    sentence: int
    start: int
    end: int
    holder: str | None
    entities: tuple[str, ...]
    text: str


class CorpusIndex:
    """Lookups over one ``Results`` snapshot."""

    def __init__(self, results):
        self.results = results
        corpus = results.corpus
        self.articles: dict[str, Article] = {a.id: a for a in results.articles}
        self.analyses: dict[str, ArticleAnalysis] = {a.article.id: a for a in results.analyses}
        for aid, an in self.analyses.items():
            self.articles.setdefault(aid, an.article)
        self.entities: dict[str, Entity] = {e.id: e for e in corpus.entities}
        self.events = {e.id: e for e in corpus.events}
        self.threads = {t.id: t for t in corpus.threads}
        self.intervals = {iv.article_id: iv for iv in corpus.intervals}
        self._days = article_days(self.articles.values(), corpus)
        self._starts: dict[str, list[int]] = {}
        self.entity_sentences: dict[str, set[tuple[str, int]]] = defaultdict(set)
        self.article_entities: dict[str, set[str]] = defaultdict(set)
        self.sentence_entities: dict[tuple[str, int], set[str]] = defaultdict(set)
        self.sentence_event_types: dict[tuple[str, int], set[str]] = defaultdict(set)
        self.sentence_facts: dict[tuple[str, int], list[Fact]] = defaultdict(list)
        self.facts: list[Fact] = []
        self.entity_threads: dict[str, set[str]] = defaultdict(set)
        self.cache: dict[str, object] = {}  # derived data computed on demand (e.g. sentence vectors)
        for aid, an in self.analyses.items():
            self._index_article(aid, an)
        for t in corpus.threads:
            for eid in t.key_entities:
                self.entity_threads[eid].add(t.id)

    # -- building ---------------------------------------------------------
    def _index_article(self, aid: str, an: ArticleAnalysis) -> None:
        self._starts[aid] = [s.start for s in an.sentences]
        for i, m in enumerate(an.mentions):
            eid = self.mention_entity(aid, i)
            if eid is None:
                continue
            s = self.sentence_index(aid, m.start)
            self.article_entities[aid].add(eid)
            self.entity_sentences[eid].add((aid, s))
            self.sentence_entities[(aid, s)].add(eid)
        for i, q in enumerate(an.quotes):
            who = self.quote_speaker(aid, q)
            self._add(Fact("quote", aid, i, self.sentence_index(aid, q.start), q.start, q.end, who,
                           (who,) if who else (), q.content.text))
        for kind, records in (("event", an.events), ("action", an.actions)):
            for i, ev in enumerate(records):
                ents = tuple(dict.fromkeys(x for x in (self._argument_entity(aid, a) for a in ev.arguments) if x))
                s = self.sentence_index(aid, ev.start)
                if kind == "event":
                    self.sentence_event_types[(aid, s)].add(ev.type.upper())
                agent = next((self._argument_entity(aid, a) for a in ev.arguments if a.role == "agent"), None)
                self._add(Fact(kind, aid, i, s, ev.start, ev.end, agent, ents, ev.trigger))
        for i, p in enumerate(an.positions):
            who = self.position_holder(aid, p)
            self._add(Fact("position", aid, i, self.sentence_index(aid, p.start), p.start, p.end, who,
                           (who,) if who else (), p.text))

    def _add(self, fact: Fact) -> None:
        self.facts.append(fact)
        self.sentence_facts[(fact.article_id, fact.sentence)].append(fact)

    # -- lookups ----------------------------------------------------------
    def mention_entity(self, aid: str, i: int | None) -> str | None:
        if i is None or i < 0:
            return None
        ids = self.results.corpus.mention_entity.get(aid, [])
        if i < len(ids) and ids[i]:
            return ids[i]
        an = self.analyses.get(aid)
        if an is not None and i < len(an.mentions):
            return an.mentions[i].entity_id
        return None

    def _argument_entity(self, aid: str, arg) -> str | None:
        return arg.entity_id or self.mention_entity(aid, arg.mention)

    def quote_speaker(self, aid: str, q) -> str | None:
        return q.speaker_entity or self.mention_entity(aid, q.speaker_mention)

    def position_holder(self, aid: str, p) -> str | None:
        return p.holder_entity or self.mention_entity(aid, p.holder_mention)

    def event_id(self, aid: str, i: int) -> str | None:
        ids = self.results.corpus.event_ids.get(aid, [])
        if i < len(ids) and ids[i]:
            return ids[i]
        an = self.analyses.get(aid)
        return an.events[i].event_id if an is not None and i < len(an.events) else None

    def sentence_index(self, aid: str, offset: int) -> int:
        """Index of the sentence holding ``offset`` (-1 when the article has none)."""
        starts = self._starts.get(aid) or []
        if not starts:
            return -1
        return max(0, bisect.bisect_right(starts, offset) - 1)

    def sentence(self, aid: str, idx: int) -> Sentence | None:
        an = self.analyses.get(aid)
        if an is None or not (0 <= idx < len(an.sentences)):
            return None
        return an.sentences[idx]

    def sentence_text(self, aid: str, idx: int) -> str:
        s = self.sentence(aid, idx)
        return self.articles[aid].text[s.start:s.end] if s else ""

    def article_date(self, aid: str) -> str | None:
        """The publication day, or the day the text of an article given none fixes
        (``article_date_inferred``), or None."""
        day = self._days.get(aid)
        return day[0] if day else None

    def article_date_inferred(self, aid: str) -> bool:
        return self._days.get(aid, ("", ""))[1] == "inferred"

    def entity_name(self, eid: str | None) -> str | None:
        e = self.entities.get(eid) if eid else None
        return e.name if e else None

    def thread_articles(self, tid: str) -> set[str]:
        """Articles of a thread and of its sub-threads."""
        out: set[str] = set()
        todo = [tid]
        seen: set[str] = set()
        while todo:
            t = todo.pop()
            if t in seen or t not in self.threads:
                continue
            seen.add(t)
            out.update(self.threads[t].article_ids)
            todo.extend(x.id for x in self.threads.values() if x.parent == t)
        return out

    def event_types(self) -> list[str]:
        types = {t for ts in self.sentence_event_types.values() for t in ts}
        types.update(e.type.upper() for e in self.events.values())
        return sorted(types)

    def find_entity(self, name: str) -> Entity | None:
        """An entity by id, or by name or alias (case-insensitive), the most mentioned first."""
        if name in self.entities:
            return self.entities[name]
        key = name.casefold().strip()
        ranked = sorted(self.entities.values(), key=lambda e: -e.mention_count)
        for e in ranked:
            if e.name.casefold() == key or any(n.casefold() == key for n in e.names):
                return e
        return None
