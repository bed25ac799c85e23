"""Story threads, built online: each new article joins a thread or opens one,
against compact thread centroids, without recomputing the corpus.

Two levels. A *story* (top-level thread) gathers everything about one
developing news story; inside it, *sub-threads* gather the articles about one
strand (the summit, the guarantees, the front line). An article is compared
with the stories that share one of its key terms (blocking through an
inverted index of each story's top centroid terms and key entities, each key
holding at most ``Params.posting_cap`` stories, the most recently active, and
only the ``Params.max_candidates`` stories sharing most keys scored in full, so
an article costs a bounded number of comparisons however large the corpus); it joins
the most similar one above ``Params.join`` — similarity is the TF-IDF cosine
to the story centroid, plus a bonus for shared key entities, damped when the
story has been quiet for long — or opens a new story. Inside the story the
same is done against the sub-thread centroids with the stricter
``Params.sub_join`` (sub-threads are blocked the same way, by their own terms). After each addition, a story whose centroid has become
close to another's (``Params.merge``, raised by ``Params.merge_growth`` for every doubling
of the smaller story's size: two established stories need more to merge than a fragment
joining a story) is merged into it (stories can merge; sub-threads are how a story splits
into strands).

Public: ``ThreadIndex`` (``add``, ``threads``, ``root_of``),
``assign_threads(analyses, corpus) -> list[Thread]`` (the index run over the
corpus in date order, undated articles in input order),
``doc_from_text`` / ``doc_from_analysis``.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter

from ..chronology.bounds import in_spans
from ..records import ArticleAnalysis, CorpusAnalysis, Thread
from .daydates import day_name_words
from .stem import stem
from .text import content_tokens, page_material, stopwords

SOURCE = "storyline.stories.threads.v1"
KEY_ENTITIES = 10  # a story's most frequent entities are blocking keys


@dataclass(frozen=True)
class Params:
    join: float = 0.06  # least similarity for an article to join a story
    sub_join: float = 0.25  # ... to join a sub-thread inside its story
    merge: float = 0.2  # two story centroids this similar are merged
    merge_growth: float = 0.015  # ... plus this much per doubling of the smaller story's size
    split: float = 0.0  # a sub-thread this dissimilar from the rest of its story becomes a story (0: never)
    split_min: int = 3  # ... once it has this many articles
    entity_bonus: float = 0.01  # added per shared key entity (at most 3 counted) ...
    entity_idf: bool = True  # ... times its scaled inverse document frequency
    quiet_days: int = 45  # a story silent longer than this is damped ...
    quiet_halflife: float = 90.0  # ... by half for every this many further days
    centroid_terms: int = 300  # terms kept in a centroid
    block_terms: int = 12  # an article's top terms used to find candidate stories
    posting_cap: int = 40  # clusters kept per blocking key (the most recently active)
    max_candidates: int = 40  # candidates scored in full (those sharing most blocking keys)
    recent_children: int = 8  # a story's newest sub-threads are always candidates
    label_actors: int = 2
    label_terms: int = 3


@dataclass
class ThreadDoc:
    """What threading needs of an article: its terms, key entities and date."""

    id: str
    published: date | None
    tokens: list[str]
    entities: list[str] = field(default_factory=list)  # entity ids or names
    entity_names: dict[str, str] = field(default_factory=dict)  # id -> display name
    surface: dict[str, str] = field(default_factory=dict)  # stem -> a surface word
    event_lemmas: list[str] = field(default_factory=list)
    nouns: set[str] = field(default_factory=set)  # stems of noun-phrase heads (label words prefer them)


@dataclass
class _Cluster:
    id: str
    parent: str | None
    centroid: Counter = field(default_factory=Counter)  # sum of member tf-idf vectors (truncated)
    members: list[str] = field(default_factory=list)
    entities: Counter = field(default_factory=Counter)
    entity_names: dict = field(default_factory=dict)
    surface: Counter = field(default_factory=Counter)
    events: Counter = field(default_factory=Counter)
    nouns: set = field(default_factory=set)
    last: date | None = None
    first: date | None = None
    children: list[str] = field(default_factory=list)
    merged_into: str | None = None
    norm: float | None = None  # cached norm of the centroid (None: recompute)
    top_entities: list[str] | None = None  # its key entities as last indexed (None: recompute)
    entity_seq: dict = field(default_factory=dict)  # entity -> order first seen (valid with top_entities)

    def centroid_norm(self) -> float:
        if self.norm is None:
            self.norm = _norm(self.centroid)
        return self.norm


def _top(counts: dict, n: int) -> list[tuple[str, float]]:
    """The ``n`` heaviest items, as ``Counter.most_common(n)`` orders them (ties in
    insertion order), by one sort in C rather than a heap walked in Python."""
    return sorted(counts.items(), key=itemgetter(1), reverse=True)[:n]


def _norm(vec) -> float:
    return math.sqrt(sum(v * v for v in vec.values())) or 1.0


def _cos(a: dict, b: dict, norm_a: float | None = None, norm_b: float | None = None) -> float:
    """Cosine of two sparse vectors; known norms may be passed in."""
    small, big = (a, b) if len(a) <= len(b) else (b, a)
    # the shared terms by a set intersection in C; fsum's exactly rounded total does not depend
    # on the (hash-seeded) order in which the intersection yields them
    dot = math.fsum(small[t] * big[t] for t in small.keys() & big.keys())
    if not dot:
        return 0.0
    return dot / ((norm_a if norm_a is not None else _norm(a)) * (norm_b if norm_b is not None else _norm(b)))


class _Postings:
    """An inverted index from blocking keys to cluster ids, each key holding at
    most ``cap`` ids in order of last activity (the least recently active drop out)."""

    def __init__(self, cap: int):
        self.cap = cap
        self.keys: dict[str, dict[str, None]] = {}

    def post(self, key: str, cid: str) -> None:
        ids = self.keys.setdefault(key, {})
        ids.pop(cid, None)
        ids[cid] = None  # now the most recent
        if len(ids) > self.cap:
            del ids[next(iter(ids))]

    def hits(self, keys) -> Counter:
        """How many of ``keys`` each cluster is posted under."""
        found: Counter = Counter()
        for k in keys:
            found.update(self.keys.get(k, {}).keys())
        return found

    def to_state(self) -> dict:
        return {k: list(v) for k, v in self.keys.items()}

    @classmethod
    def from_state(cls, state: dict, cap: int) -> "_Postings":
        out = cls(cap)
        for k, ids in state.items():
            for cid in ids:
                out.post(k, cid)
        return out


class ThreadIndex:
    """Online two-level threading over a stream of articles."""

    def __init__(self, params: Params = Params()):
        self.params = params
        self.df: Counter = Counter()
        self.edf: Counter = Counter()  # entity -> articles naming it
        self.n_docs = 0
        self.clusters: dict[str, _Cluster] = {}
        self.doc_thread: dict[str, str] = {}  # article id -> sub-thread id
        self.postings = _Postings(params.posting_cap)  # term or entity -> story ids
        self.sub_postings = _Postings(params.posting_cap)  # term -> sub-thread ids
        self._next = 0
        self._names_of: tuple | None = None  # (corpus, its entity names) last seen by add()

    # ------------------------------------------------------------ public

    def add(self, item, corpus: CorpusAnalysis | None = None) -> str:
        """Assign one article (a ``ThreadDoc`` or an ``ArticleAnalysis``);
        returns the id of the sub-thread it joined or opened."""
        doc = item if isinstance(item, ThreadDoc) else doc_from_analysis(item, corpus, self._names(corpus))
        if doc.id in self.doc_thread:
            return self.doc_thread[doc.id]
        self.n_docs += 1
        self.df.update(set(doc.tokens))
        self.edf.update(set(doc.entities))
        vec = self._vector(doc.tokens)
        story = self._best(vec, doc, self._candidates(vec, doc), self.params.join, top_level=True)
        if story is None:
            story = self._open(None)
        sub = self._best(vec, doc, self._sub_candidates(vec, story), self.params.sub_join, top_level=False)
        if sub is None:
            sub = self._open(story)
        for cid in (story, sub):
            self._absorb(self.clusters[cid], vec, doc)
        self._index(story, doc.entities)
        self._index_sub(sub)
        self.doc_thread[doc.id] = sub
        self._maybe_split(story, sub)
        self._maybe_merge(self.root_of(sub))
        return sub

    def _names(self, corpus: CorpusAnalysis | None) -> dict[str, str]:
        """``entity_names(corpus)``, built once for a corpus added article by article."""
        if corpus is None:
            return {}
        if self._names_of is None or self._names_of[0] is not corpus:
            self._names_of = (corpus, entity_names(corpus))
        return self._names_of[1]

    def root_of(self, thread_id: str) -> str:
        """The top-level story a (sub-)thread belongs to now (after merges)."""
        c = self.clusters[thread_id]
        while c.parent is not None or c.merged_into is not None:
            c = self.clusters[c.merged_into or c.parent]
        return c.id

    def story_of(self, article_id: str) -> str | None:
        t = self.doc_thread.get(article_id)
        return self.root_of(t) if t else None

    def threads(self) -> list[Thread]:
        """All live stories and their sub-threads as records."""
        out = []
        for c in self.clusters.values():
            if c.merged_into is not None:
                continue
            if c.parent is not None and self.clusters[c.parent].merged_into is not None:
                parent = self.root_of(c.parent)
            else:
                parent = c.parent
            conf = min(0.9, 0.4 + 0.05 * len(c.members))
            out.append(Thread(id=c.id, label=self.label(c.id), article_ids=tuple(c.members),
                              event_ids=tuple(e for e, _ in c.events.most_common()),
                              key_entities=tuple(e for e, _ in c.entities.most_common(5)),
                              parent=parent, source=SOURCE, confidence=round(conf, 2)))
        return out

    def label(self, thread_id: str) -> str:
        """Key actors and key words of a thread: "Donald Trump, Vladimir Putin: summit, handshake".
        Key words are its event nouns (else its heaviest centroid terms), leaving
        out words of the thread's entity names; a sub-thread prefers words that
        set it apart from its story."""
        c = self.clusters[thread_id]
        p = self.params
        actors = [c.entity_names.get(e, e) for e, _ in c.entities.most_common(p.label_actors)]
        name_words = {w for e in c.entities for w in _WORDS.findall(c.entity_names.get(e, "").lower())}
        name_words |= {stem(w) for w in name_words if w.isalpha()} | day_name_words()
        parent = self.clusters[c.parent] if c.parent and c.parent in self.clusters else None

        def distinct(term: str, weight: float) -> float:
            if parent is None or not parent.centroid:
                return weight
            share = parent.centroid.get(term, 0.0) / (sum(parent.centroid.values()) or 1.0)
            own = weight / (sum(c.centroid.values()) or 1.0)
            return own / (share + 0.01)
        words: list[str] = []
        for w, _ in c.events.most_common():
            if w.lower() not in name_words and stem(w.lower()) not in name_words and w not in words:
                words.append(w)
            if len(words) >= p.label_terms:
                break
        if len(words) < p.label_terms:
            ranked = sorted(c.centroid.items(), key=lambda kv: (c.nouns and kv[0] not in c.nouns, -distinct(*kv)))
            for t, _ in ranked[:40]:
                w = c.surface.get(t) or t
                if t in name_words or w in name_words or w in words:
                    continue
                words.append(w)
                if len(words) >= p.label_terms:
                    break
        head = ", ".join(actors)
        tail = ", ".join(words)
        return f"{head}: {tail}" if head and tail else (head or tail or "(no terms)")

    def to_state(self) -> dict:
        """A JSON-ready snapshot of the index, to store between builds."""
        def cluster(c: _Cluster) -> dict:
            return {"id": c.id, "parent": c.parent, "centroid": dict(c.centroid), "members": c.members,
                    "entities": dict(c.entities), "entity_names": c.entity_names,
                    "surface": dict(c.surface), "events": dict(c.events), "nouns": sorted(c.nouns),
                    "last": c.last.isoformat() if c.last else None,
                    "first": c.first.isoformat() if c.first else None,
                    "children": c.children, "merged_into": c.merged_into}
        return {"version": 2, "df": dict(self.df), "n_docs": self.n_docs, "next": self._next,
                "doc_thread": self.doc_thread, "clusters": [cluster(c) for c in self.clusters.values()],
                "postings": self.postings.to_state(), "sub_postings": self.sub_postings.to_state()}

    @classmethod
    def from_state(cls, state: dict, params: Params = Params()) -> "ThreadIndex":
        """An index restored from ``to_state``: adding to it continues where it stopped."""
        index = cls(params)
        index.df = Counter(state["df"])
        index.n_docs = state["n_docs"]
        index._next = state["next"]
        index.doc_thread = dict(state["doc_thread"])
        index.postings = _Postings.from_state(state["postings"], params.posting_cap)
        for d in state["clusters"]:
            index.clusters[d["id"]] = _Cluster(
                d["id"], d["parent"], Counter(d["centroid"]), list(d["members"]), Counter(d["entities"]),
                dict(d["entity_names"]), Counter(d["surface"]), Counter(d["events"]), set(d["nouns"]),
                _date(d["last"]), _date(d["first"]), list(d["children"]), d["merged_into"])
        if "sub_postings" in state:
            index.sub_postings = _Postings.from_state(state["sub_postings"], params.posting_cap)
        else:  # a version-1 snapshot: index the live sub-threads afresh
            for c in index.clusters.values():
                if c.parent is not None and c.merged_into is None:
                    index._index_sub(c.id)
        return index

    # ------------------------------------------------------------ internals

    def _vector(self, tokens: list[str]) -> dict[str, float]:
        tf = Counter(tokens)
        vec = {t: (1 + math.log(c)) * math.log((1 + self.n_docs) / (1 + self.df[t]) + 1)
               for t, c in tf.items()}
        n = _norm(vec)
        return {t: v / n for t, v in vec.items()}

    def _top_terms(self, vec: dict) -> list[str]:
        return sorted(vec, key=lambda t: -vec[t])[: self.params.block_terms]

    def _shortlist(self, hits: Counter) -> list[str]:
        """The live clusters sharing most blocking keys, at most ``max_candidates``
        (ties by id), in id order."""
        live = [(n, cid) for cid, n in hits.items() if self.clusters[cid].merged_into is None]
        if len(live) > self.params.max_candidates:
            live = sorted(live, key=lambda x: (-x[0], x[1]))[: self.params.max_candidates]
        return sorted(cid for _, cid in live)

    def _candidates(self, vec: dict, doc: ThreadDoc) -> list[str]:
        keys = [f"t:{t}" for t in self._top_terms(vec)] + [f"e:{e}" for e in dict.fromkeys(doc.entities)]
        return self._shortlist(self.postings.hits(keys))

    def _sub_candidates(self, vec: dict, story: str) -> list[str]:
        """Sub-threads of ``story`` that share a top term with the article, and
        the story's newest few."""
        kids = self.clusters[story].children
        hits = self.sub_postings.hits(f"t:{t}" for t in self._top_terms(vec))
        hits = Counter({cid: n for cid, n in hits.items() if self.clusters[cid].parent == story})
        for cid in kids[-self.params.recent_children:]:
            hits[cid] += 0
        return self._shortlist(hits)

    def _similarity(self, vec: dict, doc: ThreadDoc, c: _Cluster, top_level: bool = True) -> float:
        p = self.params
        sim = _cos(vec, c.centroid, 1.0, c.centroid_norm())  # vec is unit length
        if top_level:  # inside a story everyone shares the main actors: no bonus there
            shared = sorted((self._entity_weight(e) for e in set(doc.entities) if c.entities.get(e)), reverse=True)
            sim += p.entity_bonus * sum(shared[:3])
        if doc.published and c.last:
            gap = (doc.published - c.last).days
            if gap > p.quiet_days:
                sim *= 0.5 ** ((gap - p.quiet_days) / p.quiet_halflife)
        return sim

    def _entity_weight(self, entity: str) -> float:
        """How much sharing ``entity`` says: 1 for a name few articles carry, falling to 0 for
        one that every article names (its inverse document frequency, scaled)."""
        if not self.params.entity_idf:
            return 1.0
        n = self.n_docs
        return math.log((1 + n) / (1 + self.edf[entity])) / math.log(1 + n) if n > 0 else 1.0

    def _best(self, vec, doc, ids, threshold: float, top_level: bool) -> str | None:
        best, best_sim = None, threshold
        for cid in ids:
            c = self.clusters[cid]
            if c.merged_into is not None:
                continue
            s = self._similarity(vec, doc, c, top_level)
            if s >= best_sim:
                best, best_sim = cid, s
        return best

    def _open(self, parent: str | None) -> str:
        self._next += 1
        cid = f"T{self._next}" if parent is None else f"{parent}.{len(self.clusters[parent].children) + 1}"
        self.clusters[cid] = _Cluster(cid, parent)
        if parent is not None:
            self.clusters[parent].children.append(cid)
        return cid

    def _absorb(self, c: _Cluster, vec: dict, doc: ThreadDoc) -> None:
        c.centroid.update(vec)
        c.norm = None
        if len(c.centroid) > self.params.centroid_terms * 2:
            c.centroid = Counter(dict(_top(c.centroid, self.params.centroid_terms)))
        c.members.append(doc.id)
        c.entities.update(dict.fromkeys(doc.entities, 1))
        c.entity_names.update(doc.entity_names)
        c.events.update(doc.event_lemmas)
        c.nouns.update(doc.nouns)
        for t in vec:
            if t in doc.surface:
                c.surface.setdefault(t, doc.surface[t])
        if doc.published:
            c.last = max(c.last, doc.published) if c.last else doc.published
            c.first = min(c.first, doc.published) if c.first else doc.published

    def _index(self, story: str, added: list[str] | None = None) -> None:
        """Post a story under its top centroid terms and its key entities. After
        an article's ``added`` entities, only they can have entered the key
        entities, so those are ranked against the previous ones (not all of the
        story's entities, which grow with the story)."""
        c = self.clusters[story]
        for t, _ in _top(c.centroid, self.params.block_terms * 3):
            self.postings.post(f"t:{t}", story)
        if added is None or c.top_entities is None:
            c.top_entities = [e for e, _ in _top(c.entities, KEY_ENTITIES)]
            c.entity_seq = {e: i for i, e in enumerate(c.entities)}
        else:  # the order of a full ranking: count, then first seen
            for e in added:
                c.entity_seq.setdefault(e, len(c.entity_seq))
            pool = set(c.top_entities) | set(added)
            c.top_entities = sorted(pool, key=lambda e: (-c.entities[e], c.entity_seq[e]))[:KEY_ENTITIES]
        for e in c.top_entities:
            self.postings.post(f"e:{e}", story)

    def _index_sub(self, sub: str) -> None:
        for t, _ in _top(self.clusters[sub].centroid, self.params.block_terms * 3):
            self.sub_postings.post(f"t:{t}", sub)

    def _maybe_merge(self, story: str) -> None:
        c = self.clusters[story]
        top = [t for t, _ in _top(c.centroid, self.params.block_terms)]
        hits = self.postings.hits(f"t:{t}" for t in top)
        hits.pop(story, None)
        best, best_sim = None, self.params.merge
        for oid in self._shortlist(hits):
            o = self.clusters[oid]
            sim = _cos(c.centroid, o.centroid, c.centroid_norm(), o.centroid_norm()) * self._gap_damping(c, o)
            need = self.params.merge + self.params.merge_growth * math.log2(min(len(c.members), len(o.members)))
            if sim >= max(best_sim, need):
                best, best_sim = o, sim
        if best is not None:
            small, big = (c, best) if len(c.members) < len(best.members) else (best, c)
            self._merge(small, big)

    def _maybe_split(self, story: str, sub: str) -> None:
        """Promote a grown sub-thread that has drifted away from the rest of its story."""
        p = self.params
        c, s = self.clusters[story], self.clusters[sub]
        if not p.split or len(s.members) < p.split_min or len(s.members) >= len(c.members):
            return
        rest = Counter(c.centroid)
        rest.subtract(s.centroid)
        rest = Counter({t: v for t, v in rest.items() if v > 1e-9})
        if _cos(s.centroid, rest) >= p.split:
            return
        s.parent = None
        c.children.remove(sub)
        c.centroid = rest
        c.norm = c.top_entities = None
        moved = set(s.members)
        c.members = [m for m in c.members if m not in moved]
        c.entities.subtract(s.entities)
        c.entities = Counter({e: n for e, n in c.entities.items() if n > 0})
        c.events.subtract(s.events)
        c.events = Counter({e: n for e, n in c.events.items() if n > 0})
        self._next += 1
        child = _Cluster(f"{sub}.1", sub, Counter(s.centroid), list(s.members), Counter(s.entities),
                         dict(s.entity_names), Counter(s.surface), Counter(s.events), set(s.nouns),
                         s.last, s.first)
        self.clusters[child.id] = child
        s.children = [child.id]
        for m in s.members:
            self.doc_thread[m] = child.id
        self._index(sub)
        self._index_sub(child.id)

    def _gap_damping(self, a: _Cluster, b: _Cluster) -> float:
        """How much the time between two stories' active spans damps their similarity."""
        if not (a.first and a.last and b.first and b.last):
            return 1.0
        gap = max((b.first - a.last).days, (a.first - b.last).days, 0)
        p = self.params
        return 0.5 ** ((gap - p.quiet_days) / p.quiet_halflife) if gap > p.quiet_days else 1.0

    def _merge(self, small: _Cluster, big: _Cluster) -> None:
        small.merged_into = big.id
        big.centroid.update(small.centroid)
        big.centroid = Counter(dict(_top(big.centroid, self.params.centroid_terms)))
        big.norm = None
        big.members.extend(small.members)
        big.entities.update(small.entities)
        big.entity_names.update(small.entity_names)
        big.events.update(small.events)
        big.nouns.update(small.nouns)
        for t, w in small.surface.items():
            big.surface.setdefault(t, w)
        for child in small.children:
            self.clusters[child].parent = big.id
            big.children.append(child)
        small.children = []
        dates = [d for d in (big.first, small.first) if d]
        big.first = min(dates) if dates else None
        dates = [d for d in (big.last, small.last) if d]
        big.last = max(dates) if dates else None
        self._index(big.id)


# ---------------------------------------------------------------- documents

_WORDS = re.compile(r"[a-z0-9]+")


def _surface_map(text: str) -> dict[str, str]:
    """A readable word for each term stem, split as ``content_tokens`` splits ("woman’s" gives
    "woman", not "womans")."""
    out: dict[str, str] = {}
    for lw in _WORDS.findall(text.lower()):
        if len(lw) > 3 and lw.isalpha():
            out.setdefault(stem(lw), lw)
    return out


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def doc_from_text(doc_id: str, text: str, published: str | None = None) -> ThreadDoc:
    """A thread document from raw text alone (no entities)."""
    return ThreadDoc(doc_id, _date(published), content_tokens(text))


def entity_names(corpus: CorpusAnalysis | None) -> dict[str, str]:
    """Entity id -> display name of a corpus (build once, pass to ``doc_from_analysis``)."""
    return {e.id: e.name for e in corpus.entities} if corpus else {}


def doc_from_analysis(a: ArticleAnalysis, corpus: CorpusAnalysis | None = None,
                      names: dict[str, str] | None = None) -> ThreadDoc:
    """A thread document from an article's analysis: title and text terms, the
    resolved entities of its name mentions (or the mention texts), event lemmas.
    ``names`` is ``entity_names(corpus)`` when the caller already has it."""
    art = a.article
    text = f"{art.title}\n{art.text}" if art.title else art.text
    ids = (corpus.mention_entity.get(art.id) if corpus else None) or []
    names = entity_names(corpus) if names is None else names
    entities, entity_names = [], {}
    page = page_material(a, dateline_only=True)  # an agency named in every dateline is no key actor
    for i, m in enumerate(a.mentions):
        if m.kind != "name" or m.type not in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT") \
                or in_spans(m.start, page):
            continue
        eid = (ids[i] if i < len(ids) else None) or m.entity_id or f"name:{m.text.lower()}"
        entities.append(eid)
        entity_names.setdefault(eid, names.get(eid, m.text))
    stops = stopwords()
    keep = [e.lemma.lower() for e in a.events
            if e.lemma and e.lemma.isalpha() and e.lemma.lower() not in stops and e.modality != "negated"]
    nouns = {stem(n.root_lemma.lower()) for n in a.noun_phrases
             if n.root_lemma.isalpha() and n.root_lemma.lower() not in stops}
    return ThreadDoc(art.id, _date(art.published), content_tokens(text), entities, entity_names,
                     _surface_map(text), keep, nouns)


def stream_order(analyses: list[ArticleAnalysis], corpus: CorpusAnalysis | None = None) -> list[ArticleAnalysis]:
    """Dated articles by date (ties in input order), then the undated ones in
    their inferred order when the chronology stage ranked them, else input order."""
    ranks = {iv.article_id: iv.rank for iv in (corpus.intervals if corpus else ()) if iv.rank is not None}
    dated = [(a.article.published[:10], i, a) for i, a in enumerate(analyses) if a.article.published]
    undated = [(ranks.get(a.article.id, len(analyses)), i, a) for i, a in enumerate(analyses)
               if not a.article.published]
    return [a for *_, a in sorted(dated, key=lambda x: x[:2])] + \
        [a for *_, a in sorted(undated, key=lambda x: x[:2])]


def assign_threads(analyses, corpus, params: Params = Params()) -> list[Thread]:
    """Threads of a corpus: the online index run over the articles in date order."""
    index = ThreadIndex(params)
    names = entity_names(corpus)
    for a in stream_order(list(analyses), corpus):
        index.add(doc_from_analysis(a, corpus, names))
    return index.threads()
